// The teller's own copy in the browser: from the receipt page to a printable page of everything
// stored about the story, and the JSON download, in Dutch and Arabic, on a phone and a desktop.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkA11y } from '../helpers/a11y.js';
import { startE2E, type E2E } from '../helpers/browser.js';
import { apiOf, chooseClimateVariables, expectNoSidewaysScroll } from '../helpers/resident-fixtures.js';

describe("browser: the teller's own copy", { timeout: 60_000 }, () => {
  let e: E2E;
  let code: string;
  let spoken: string;

  beforeAll(async () => {
    e = await startE2E();
    const { email } = await e.user('coordinator');
    const ctx = await e.context();
    const page = await ctx.newPage();
    await e.login(page, email);
    const api = apiOf(e, page);
    const projectId = (await api.post('/api/projects', { name: 'Buurtkamer Transvaal' })).json.project.id;
    const [atmosphere, image] = await chooseClimateVariables(e, projectId);
    const token = (await api.post(`/api/projects/${projectId}/links`, { label: 'Poster' })).json.link.token;
    const { consentTextVersion } = (await api.get(`/api/public/links/${token}`)).json;
    const told = await api.post(`/api/public/links/${token}/stories`, {
      title: 'Het bankje',
      body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Ik durf weer over het plein te lopen.' }] }] },
      consent: 'report',
      consentTextVersion,
      tellerName: 'Oma Jansen',
      placements: [
        { variableId: atmosphere, position: 75 },
        { variableId: image, position: null }, // "Weet ik niet"
      ],
    });
    expect(told.status, told.text).toBe(201);
    code = told.json.receipt;
    // a story told by voice, with a photo the teller lets into reports
    const photo = await sharp({ create: { width: 800, height: 600, channels: 3, background: { r: 90, g: 140, b: 200 } } })
      .jpeg()
      .toBuffer();
    const withMedia = await page.request.post(`${e.baseUrl}/api/public/links/${token}/stories`, {
      headers: { origin: e.baseUrl },
      multipart: {
        story: JSON.stringify({ consent: 'public', tellerName: 'Buurman Kees', consentTextVersion, photoInReports: true }),
        audio: { name: 'opname.webm', mimeType: 'audio/webm', buffer: readFileSync(join(process.cwd(), 'tests', 'fixtures', 'media', 'recording-3s.webm')) },
        photo: { name: 'foto.jpg', mimeType: 'image/jpeg', buffer: photo },
      },
    });
    expect(withMedia.status(), await withMedia.text()).toBe(201);
    spoken = (await withMedia.json()).receipt;
    await ctx.close();
  });
  afterAll(async () => e?.close());

  for (const phone of [true, false]) {
    it(`from the receipt page to the printable copy and the download (${phone ? '360' : '1280'} px)`, async () => {
      const ctx = await e.context({ phone, locale: 'nl-NL' });
      const page = await ctx.newPage();
      page.setDefaultTimeout(8000);
      await page.goto(`/r/${code}`);
      await page.getByRole('heading', { level: 2, name: 'Je eigen kopie' }).waitFor();
      const download = page.getByRole('link', { name: 'Bewaar een kopie als bestand' });
      expect(await download.getAttribute('href')).toBe(`/api/public/receipts/${encodeURIComponent(code)}/copy.json`);
      const json = await (await page.request.get(e.baseUrl + (await download.getAttribute('href'))!)).json();
      expect(json.story.text).toBe('Ik durf weer over het plein te lopen.');

      await page.getByRole('link', { name: 'Bekijk en print' }).click();
      await page.waitForURL(`**/r/${code}/copy`);
      await page.getByRole('heading', { level: 1, name: 'Alles over je verhaal' }).waitFor();
      await page.getByText('Ik durf weer over het plein te lopen.').waitFor();
      await page.getByText(/Hoe voelt het in de buurt\?.*75 van de 100, door jou/).waitFor();
      await page.getByText(/Hoe kijken mensen in de buurt naar elkaar\?.*‘Weet ik niet’, door jou/).waitFor(); // what the teller chose, not "past niet"
      await page.getByText(/In verslagen, zonder je naam.*gekozen door jou/).waitFor(); // the consent history
      await page.getByRole('button', { name: 'Printen' }).waitFor();
      if (phone) await expectNoSidewaysScroll(page, 360);
      await checkA11y(page, `teller copy ${phone ? 360 : 1280}`);
      await e.screenshot(page, `teller-copy-${phone ? 360 : 1280}`);
      // printed, the buttons and the language bar stay off the paper
      await page.emulateMedia({ media: 'print' });
      expect(await page.getByRole('button', { name: 'Printen' }).isVisible()).toBe(false);
      await page.emulateMedia({ media: 'screen' });

      // in Arabic, right to left
      await page.goto(`/r/${code}/copy?lang=ar`);
      await page.getByRole('heading', { level: 1, name: 'كل شيء عن قصتك' }).waitFor();
      expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
      // Arabic words joined with the Arabic comma, never a Latin one.
      const consent = page.locator('section[aria-labelledby="copy-consent"] li').first();
      await expect.poll(() => consent.textContent()).toContain('في التقارير، بدون اسمك، اخترتَه أنت');
      const placements = page.locator('section[aria-labelledby="copy-placements"]');
      await placements.getByText(/كيف ينظر الناس في الحي إلى بعضهم؟.*«لا أعرف»، /).waitFor();
      for (const section of [consent, placements]) expect(await section.textContent()).not.toContain(',');
      await ctx.close();
    });
  }

  for (const phone of [true, false]) {
    it(`a story told by voice: the receipt page plays it, the copy lists the recording and the photo (${phone ? '360' : '1280'} px)`, async () => {
      const ctx = await e.context({ phone, locale: 'nl-NL' });
      const page = await ctx.newPage();
      page.setDefaultTimeout(8000);
      await page.goto(`/r/${spoken}`);
      await page.getByRole('heading', { name: 'Luister naar je opname' }).waitFor();
      await expect.poll(() => page.locator('audio').evaluate((a: HTMLAudioElement) => (a.readyState >= 1 ? a.duration : 0))).toBeGreaterThan(2.5);

      await page.getByRole('link', { name: 'Bekijk en print' }).click();
      await page.getByRole('heading', { level: 2, name: 'Je opname en foto' }).waitFor();
      const media = page.locator('section[aria-labelledby="copy-media"]');
      await media.getByText('Ingesproken verhaal, 0:03 lang').waitFor();
      await media.getByText('Een opname komt nooit in een verslag.', { exact: false }).waitFor();
      await media.getByText('Jij gaf toestemming voor verslagen.', { exact: false }).waitFor(); // allowed, not reviewed yet
      const listen = media.getByRole('link', { name: 'Luister' });
      expect((await page.request.get(e.baseUrl + (await listen.getAttribute('href')))).headers()['content-type']).toBe('audio/webm');
      if (phone) await expectNoSidewaysScroll(page, 360);
      await checkA11y(page, `teller copy with media ${phone ? 360 : 1280}`);
      await e.screenshot(page, `teller-copy-media-${phone ? 360 : 1280}`);

      await page.goto(`/r/${spoken}/copy?lang=ar`);
      await page.getByRole('heading', { level: 2, name: 'تسجيلك وصورتك' }).waitFor();
      await page.getByText('قصة مسجلة بالصوت، مدتها 0:03').waitFor();
      if (phone) await expectNoSidewaysScroll(page, 360);
      await checkA11y(page, `teller copy with media, Arabic ${phone ? 360 : 1280}`);
      await e.screenshot(page, `teller-copy-media-ar-${phone ? 360 : 1280}`);
      await ctx.close();
    });
  }

  it('an unknown code says so', async () => {
    const ctx = await e.context({ phone: true, locale: 'nl-NL' });
    const page = await ctx.newPage();
    await page.goto('/r/AAAA-BBBB-CCCC/copy');
    await page.getByRole('alert').getByText('We vinden geen verhaal bij deze code.', { exact: false }).waitFor();
    await ctx.close();
  });
});
