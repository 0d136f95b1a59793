// Posters and links: a short code residents can type, a copy button with a visible confirmation,
// 0 stories shown as 0, and an A4 poster filled to the foot with the organisation's name,
// contact and a privacy line; the link's name is the team's and stays off the paper. Without
// ORG_NAME the poster names no organisation, and never the software. At 360 and 1280 px, axe-clean.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2E, type E2E } from '../helpers/browser.js';
import { checkA11y, expectNoHorizontalScroll } from '../helpers/a11y.js';
import { makeProject } from '../helpers/sensemaking-fixtures.js';
import { newLinkCode } from '../../db/repositories/stories.js';

const ORG = 'Stichting Buurtwerk Noord';
const CONTACT = '020 123 45 67 · info@buurtwerk-noord.nl';

/** The text of a PDF, with each line's height above the page's foot (pdfjs, points). */
async function pdfText(pdf: Buffer) {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(pdf), useSystemFonts: true }).promise;
  const page = await doc.getPage(1);
  const [, , , height] = page.view as [number, number, number, number];
  const items = (await page.getTextContent()).items.flatMap((i) => ('str' in i && i.str.trim() ? [{ str: i.str, y: i.transform[5] as number }] : []));
  return { pages: doc.numPages, height, text: items.map((i) => i.str).join(' '), lowest: Math.min(...items.map((i) => i.y)) };
}

describe('browser: posters and links', () => {
  let e: E2E;
  let email: string;
  let projectId: number;
  beforeAll(async () => {
    e = await startE2E({ iatiOrg: { ref: 'NL-KVK-12345678', name: ORG, type: '22' }, orgName: ORG, orgContact: CONTACT });
    const c = await e.user('coordinator');
    email = c.email;
    projectId = await makeProject(e.db, 'Buurtkamer Transvaal', [c.id]);
  });
  afterAll(async () => e?.close());

  for (const phone of [true, false]) {
    it(`a coordinator makes a link, copies it and prints a full poster (${phone ? '360' : '1280'} px)`, async () => {
      const size = phone ? 'phone' : 'desktop';
      const ctx = await e.context({ phone });
      await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: e.baseUrl });
      const page = await ctx.newPage();
      await e.login(page, email);
      await page.goto(`/projects/${projectId}/links`);
      await page.getByLabel(/^Naam van de link/).fill(`Poster bakker ${size}`);
      await page.getByRole('button', { name: 'Link maken' }).click();
      await page.getByText('De link is gemaakt.').waitFor();
      const row = page.locator('li[data-link]', { hasText: `Poster bakker ${size}` });
      const url = (await row.locator('dd.url a').textContent())!.trim();
      expect(url).toMatch(/^127\.0\.0\.1:\d+\/t\/[ACDEFGHJKMNPQRTVWXY34679]{3}-[ACDEFGHJKMNPQRTVWXY34679]{3}-[ACDEFGHJKMNPQRTVWXY34679]{3}$/);
      await expect(row.locator('dd').nth(1).textContent()).resolves.toBe('0'); // no stories yet: 0, not empty

      await row.getByRole('button', { name: `Link Poster bakker ${size} kopiëren` }).click();
      await page.getByRole('status').getByText('staat op het klembord').waitFor();
      await expect(row.getByRole('button', { name: /Gekopieerd/ }).isVisible()).resolves.toBe(true);
      await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(`http://${url}`);
      await checkA11y(page, `links-copied-${size}`);
      await e.screenshot(page, `links-copied-${size}`);
      if (phone) await expectNoHorizontalScroll(page, 'links page on a phone');

      await row.getByRole('link', { name: /Poster afdrukken/ }).click();
      await page.waitForURL(/\/poster$/);
      await page.getByRole('heading', { level: 1, name: 'Buurtkamer Transvaal' }).waitFor();
      // The links page shows the same name and address until the poster has loaded: wait for the poster's own address.
      await page.locator('ww-link-poster-page p.url').waitFor();
      await page.getByText(url).first().waitFor();
      // The address may break after a slash, never inside the code a resident types.
      const codeLines = await page.evaluate(() => {
        const p = document.querySelector('ww-app')!.shadowRoot!.querySelector('ww-link-poster-page')!.shadowRoot!.querySelector('p.url')!;
        const range = document.createRange();
        range.selectNodeContents([...p.querySelectorAll('.whole')].pop()!);
        return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
      });
      expect(codeLines).toBe(1);
      await page.getByText(CONTACT).waitFor();
      await page.getByText(`Je verhaal blijft bij ${ORG}.`).waitFor();
      await page.getByText(`Link: Poster bakker ${size}. Deze naam is voor het team en staat niet op de poster.`).waitFor();
      await page.waitForFunction(() => {
        const img = document
          .querySelector('ww-app')
          ?.shadowRoot?.querySelector('ww-link-poster-page')
          ?.shadowRoot?.querySelector('img.qr') as HTMLImageElement | null;
        return !!img && img.complete && img.naturalWidth > 0;
      });
      await checkA11y(page, `poster-${size}`);
      await e.screenshot(page, `poster-${size}`);

      // On A4: one page, and the organisation, contact and privacy line stand in its bottom third.
      await page.emulateMedia({ media: 'print' });
      const pdf = await page.pdf({ format: 'A4', printBackground: true });
      const { pages, height, text, lowest } = await pdfText(pdf);
      expect(pages).toBe(1);
      for (const words of [ORG, '020 123 45 67', `Je verhaal blijft bij ${ORG}`, `Your story stays with ${ORG}`, 'Of typ dit adres', 'Buurtkamer Transvaal'])
        expect(text).toContain(words);
      // The link's name is the team's label: on screen above the poster, not on paper; nor is the software named.
      expect(text).not.toContain(`Poster bakker ${size}`);
      expect(text).not.toContain('Weefwerk');
      expect(lowest).toBeLessThan(height / 6); // text reaches the last sixth of the page: no empty bottom third
      if (!phone) {
        await page.setViewportSize({ width: 794, height: 1123 }); // A4 at 96 dpi
        await e.screenshot(page, 'poster-print-a4');
      }
      await ctx.close();
    });
  }

  it('a resident types the short code in small letters; an unknown code says the link does not exist', async () => {
    const ctx = await e.context({ phone: true, locale: 'nl-NL' });
    const page = await ctx.newPage();
    const { id: createdBy } = await e.user('coordinator');
    const code = newLinkCode().toLowerCase();
    await e.db.insertInto('publicLinks').values({ projectId, token: code.toUpperCase(), label: 'Typed', createdBy }).execute();
    await page.goto(`/t/${code.slice(0, 3)}-${code.slice(3, 6)}-${code.slice(6)}`);
    await e.screenshot(page, 'link-typed-code');
    await page.getByRole('heading', { level: 1, name: 'Vertel je verhaal' }).waitFor();
    await page.getByText('Voor Buurtkamer Transvaal', { exact: true }).waitFor();
    await page.goto('/t/AAA-AAA-AAA');
    await page.getByText('Deze link werkt niet. Kijk of je de hele link hebt overgenomen.').waitFor();
    await e.screenshot(page, 'link-unknown-code');
    await ctx.close();
  });

  it('a long project name wraps between words on a phone, and still prints on one page', async () => {
    const { id: createdBy } = await e.user('coordinator');
    const p = await makeProject(e.db, 'Portiekgesprekken Slotermeer', [createdBy]);
    const link = await e.db
      .insertInto('publicLinks')
      .values({ projectId: p, token: newLinkCode(), label: 'Portiek', createdBy })
      .returning('id')
      .executeTakeFirstOrThrow();
    const ctx = await e.context({ phone: true });
    const page = await ctx.newPage();
    await e.login(page, email);
    await page.goto(`/projects/${p}/links/${link.id}/poster`);
    const h1 = page.getByRole('heading', { level: 1, name: 'Portiekgesprekken Slotermeer' });
    await h1.waitFor();
    // Each word on one line: a word broken across lines has more than one line box.
    const split = await h1.evaluate((el) => {
      const text = [...el.childNodes].find((n): n is Text => n.nodeType === Node.TEXT_NODE && !!n.textContent?.trim())!;
      const broken: string[] = [];
      for (const m of text.data.matchAll(/\S+/g)) {
        const r = document.createRange();
        r.setStart(text, m.index);
        r.setEnd(text, m.index + m[0].length);
        const tops = new Set([...r.getClientRects()].map((b) => Math.round(b.top)));
        if (tops.size > 1) broken.push(m[0]);
      }
      return broken;
    });
    expect(split).toEqual([]);
    await expectNoHorizontalScroll(page, 'poster with a long name on a phone');
    await e.screenshot(page, 'poster-long-name-phone');
    await page.emulateMedia({ media: 'print' });
    const { pages, text } = await pdfText(await page.pdf({ format: 'A4', printBackground: true }));
    expect(pages).toBe(1);
    expect(text).toContain('Portiekgesprekken Slotermeer');
    await ctx.close();
  });
});
