import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { receiptHash } from '../../db/repositories/stories.js';
import { startE2E, type E2E } from '../helpers/browser.js';
import { addOutcome, addProject, reviewAsIs } from '../helpers/reports-fixtures.js';
import { apiOf, axeViolations, expectNoSidewaysScroll } from '../helpers/resident-fixtures.js';

/** Whether every photo in the report page has loaded (and how many there are). */
const photos = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll<HTMLImageElement>('.story-photo img')].map((img) => ({ alt: img.alt, loaded: img.complete && img.naturalWidth > 0 })),
  );

describe('browser: a story’s photo in the published report, for the funder and behind a read link', { timeout: 90_000 }, () => {
  let e: E2E;
  let reportId: number;
  let shareUrl: string;
  let funder: string;

  beforeAll(async () => {
    e = await startE2E();
    const projectId = await addProject(e.db, 'Buurtkamer Transvaal');
    const outcomeId = await addOutcome(e.db, projectId, 'Buren kennen elkaar');
    const coordinator = await e.user('coordinator');
    const f = await e.user('funder');
    funder = f.email;
    const ctx = await e.context();
    const page = await ctx.newPage();
    await e.login(page, coordinator.email);
    const api = apiOf(e, page);
    const token = (await api.post(`/api/projects/${projectId}/links`, {})).json.link.token;
    // Two residents send a photo; only the first lets it into reports (public consent and the box ticked).
    const ids: number[] = [];
    for (const [title, consent, photoInReports, r] of [
      ['Het buurtfeest', 'public', true, 210],
      ['De moestuin', 'report', true, 60],
    ] as const) {
      const jpeg = await sharp({ create: { width: 1600, height: 1200, channels: 3, background: { r, g: 140, b: 60 } } })
        .jpeg()
        .toBuffer();
      const res = await page.request.post(`${e.baseUrl}/api/public/links/${token}/stories`, {
        headers: { origin: e.baseUrl },
        multipart: {
          story: JSON.stringify({
            title,
            body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: `${title}: iedereen kwam.` }] }] },
            consent,
            tellerName: 'Buurvrouw Fatma',
            consentTextVersion: '2026-11-29/nl',
            language: 'nl',
            happenedOn: '2026-05-01',
            photoInReports,
          }),
          photo: { name: 'foto.jpg', mimeType: 'image/jpeg', buffer: jpeg },
        },
      });
      expect(res.status(), await res.text()).toBe(201);
      const { receipt } = (await res.json()) as { receipt: string };
      const { id } = await e.db.selectFrom('stories').select('id').where('receiptHash', '=', receiptHash(receipt)!).executeTakeFirstOrThrow();
      await e.db.insertInto('storyOutcomes').values({ storyId: id, outcomeId, status: 'accepted' }).execute();
      await reviewAsIs(e.db, id);
      ids.push(id);
    }
    reportId = (
      await api.post('/api/reports', {
        title: 'Jaarverslag Transvaal',
        audience: 'funder',
        periodFrom: '2026-01-01',
        periodTo: '2026-12-31',
        projectIds: [projectId],
      })
    ).json.report.id;
    expect((await api.patch(`/api/reports/${reportId}`, { perOutcome: [{ outcomeId, storyIds: ids }] })).status).toBe(200);
    expect((await api.post(`/api/reports/${reportId}/versions`)).status).toBe(201);
    expect((await api.post(`/api/reports/${reportId}/shares`, { userId: f.id })).status).toBe(201);
    shareUrl = (await api.post(`/api/reports/${reportId}/links`, { expiresAt: new Date(Date.now() + 86_400_000).toISOString() })).json.link.url;
    await ctx.close();
  });
  afterAll(async () => e?.close());

  for (const phone of [true, false]) {
    it(`the funder sees the allowed photo with its story, and prints it (${phone ? '360' : '1280'} px)`, async () => {
      const ctx = await e.context({ phone });
      const page = await ctx.newPage();
      page.setDefaultTimeout(8000);
      await e.login(page, funder);
      await page.goto(`/reports/${reportId}/versions/1`);
      await page.getByRole('img', { name: 'Foto bij het verhaal ‘Het buurtfeest’' }).waitFor();
      await page.waitForFunction(() => [...document.querySelectorAll<HTMLImageElement>('.story-photo img')].every((i) => i.complete));
      await expect(photos(page)).resolves.toEqual([{ alt: 'Foto bij het verhaal ‘Het buurtfeest’', loaded: true }]);
      await page.getByText('De moestuin: iedereen kwam.').waitFor(); // the other story is there, without its photo
      if (phone) {
        await expectNoSidewaysScroll(page);
        // The summary shows its columns up to "Doel" without scrolling; the rest scrolls in a labelled
        // region the keyboard reaches.
        const region = page.getByRole('region', { name: 'Samenvatting: werkte het?' });
        await expect(region.getAttribute('tabindex')).resolves.toBe('0');
        const wrapBox = (await region.boundingBox())!;
        const doel = (await region.getByRole('columnheader', { name: 'Doel', exact: true }).boundingBox())!;
        expect(doel.x + doel.width).toBeLessThanOrEqual(wrapBox.x + wrapBox.width);
        await page.locator('.summary-table').scrollIntoViewIfNeeded();
        await e.screenshot(page, 'report-summary-phone');
      }
      await expect(axeViolations(page)).resolves.toEqual([]);
      await page.getByRole('img', { name: /Het buurtfeest/ }).scrollIntoViewIfNeeded();
      await e.screenshot(page, `report-photo-funder-${phone ? 'phone' : 'desktop'}`);
      // Printed: the photo stays, within the page's width.
      await page.emulateMedia({ media: 'print' });
      const box = await page.getByRole('img', { name: /Het buurtfeest/ }).boundingBox();
      expect(box!.width).toBeGreaterThan(100);
      if (!phone) await e.screenshot(page, 'report-photo-funder-print');
      const pdf = await page.pdf({ format: 'A4', printBackground: true });
      expect(pdf.length).toBeGreaterThan(20_000);
      await ctx.close();
    });
  }

  it('behind the read link (no account) the photo shows too', async () => {
    const ctx = await e.context({ phone: true, locale: 'nl-NL' });
    const page = await ctx.newPage();
    page.setDefaultTimeout(8000);
    await page.goto(shareUrl);
    await page.getByRole('img', { name: 'Foto bij het verhaal ‘Het buurtfeest’' }).waitFor();
    await page.waitForFunction(() => [...document.querySelectorAll<HTMLImageElement>('.story-photo img')].every((i) => i.complete));
    await expect(photos(page)).resolves.toEqual([{ alt: 'Foto bij het verhaal ‘Het buurtfeest’', loaded: true }]);
    await expectNoSidewaysScroll(page);
    await expect(axeViolations(page)).resolves.toEqual([]);
    await page.getByRole('img', { name: /Het buurtfeest/ }).scrollIntoViewIfNeeded();
    await e.screenshot(page, 'report-photo-shared-phone');
    await ctx.close();
  });
});
