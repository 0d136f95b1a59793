// The published demo report printed to PDF by Chromium reads like a document: at most 8 A4 pages,
// no page but the last nearly empty, a cover, page numbers and the title on every other page,
// no text under 8 pt, the organisation's logo on the cover in its own shape — in Dutch and in English.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, demoOrgName, loadDemo } from '../../scripts/demo.js';
import { SCREENSHOTS, startE2E, type E2E } from '../helpers/browser.js';
import { readPdf } from '../helpers/pdf.js';

describe('browser: the demo report prints like a document', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E();
    await loadDemo(e.db, () => {}, { mediaPath: join(dirname(e.databasePath), 'media') });
  }, 120_000);
  afterAll(async () => e?.close());

  it('prints the published demo report to at most 8 A4 pages, each but the last at least a quarter full', { timeout: 120_000 }, async () => {
    const ctx = await e.context();
    const page = await ctx.newPage();
    await page.goto('/login');
    await page.getByLabel('E-mailadres').fill('fonds@demo.weefwerk.nl');
    await page.getByLabel('Wachtwoord').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.waitForURL((url) => url.pathname !== '/login');
    const { id, title } = await e.db.selectFrom('reports').select(['id', 'title']).executeTakeFirstOrThrow();

    for (const lang of ['nl', 'en'] as const) {
      await page.goto(`/reports/${id}/versions/1?lang=${lang}`);
      const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
      writeFileSync(join(SCREENSHOTS, `demo-report-${lang}.pdf`), pdf);
      const pages = await readPdf(pdf);
      const n = pages.length;
      expect(n, lang).toBeGreaterThanOrEqual(3);
      expect(n, lang).toBeLessThanOrEqual(8);
      pages.slice(0, -1).forEach((p, i) => expect(p.fill, `${lang} page ${i + 1} fill`).toBeGreaterThanOrEqual(0.25));
      // The cover: the organisation's logo and name (both set by the demo's admin on /organisation), title,
      // audience; no page number on it, and never the software's name.
      expect(pages[0]!.images, `${lang} cover logo`).toBe(1);
      // The logo keeps its shape on paper (the printed cover is a flex column, which stretches what it may).
      await page.emulateMedia({ media: 'print' });
      const logo = await page.evaluate(() => {
        const img = document.querySelector<HTMLImageElement>('img.org-logo')!;
        const r = img.getBoundingClientRect();
        return { drawn: r.width / r.height, natural: img.naturalWidth / img.naturalHeight };
      });
      expect(logo.drawn, `${lang} logo shape`).toBeCloseTo(logo.natural, 1);
      await page.emulateMedia({ media: null });
      expect(pages[0]!.text.replace(/\s+/g, ' ')).toContain(demoOrgName);
      expect(pages[0]!.text).not.toContain('Weefwerk');
      expect(pages[0]!.text.replace(/\s+/g, ' ')).toContain(title.slice(0, 30));
      // (Chromium writes ligatures such as "fi" as their own text items.)
      expect(pages[0]!.text.replace(/\s+/g, '')).toContain(lang === 'nl' ? 'Voordefinancier' : 'Forthefunder');
      // Every other page: the running title and "page i of n"; the summary opens the report.
      pages.slice(1).forEach((p, i) => {
        expect(p.text, `${lang} page ${i + 2}`).toContain(lang === 'nl' ? `pagina ${i + 2} van ${n}` : `page ${i + 2} of ${n}`);
        expect(p.text, `${lang} page ${i + 2}`).toContain(title.slice(0, 20));
      });
      expect(pages[1]!.text).toContain(lang === 'nl' ? 'Samenvatting: werkte het?' : 'Summary: did it work?');
      // Chart labels, tables and margins: nothing smaller than 8 pt.
      for (const [i, p] of pages.entries()) expect(p.smallestText, `${lang} page ${i + 1} smallest text`).toBeGreaterThanOrEqual(7.9);
      // A short section's heading and lead stay on the page of their table.
      const resources = pages.find((p) => p.text.includes(lang === 'nl' ? 'Uren en geld' : 'Hours and money'));
      expect(resources?.text, `${lang} hours and money`).toContain(lang === 'nl' ? 'Uren begroot' : 'Hours budgeted');
      // Periods read in words, never as codes, and the per-area figures are one matrix.
      const all = pages.map((p) => p.text).join(' ');
      expect(all).toMatch(lang === 'nl' ? /1e\s+kwartaal\s+2025/ : /Q1\s+2025/);
      expect(all).not.toMatch(/2025-\s*Q1/);
    }
    await ctx.close();
  });
});
