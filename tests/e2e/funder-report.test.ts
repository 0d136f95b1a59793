import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activate, isFocused } from '../helpers/a11y.js';
import { startE2E, type E2E } from '../helpers/browser.js';
import { reportWorld } from '../helpers/reports-fixtures.js';

describe('browser: a funder reads and prints a shared report', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E();
  });
  afterAll(async () => e?.close());

  it('a coordinator publishes and shares; the funder sees only that report and prints it to PDF with its charts', { timeout: 90_000 }, async () => {
    const w = await reportWorld(e.db);
    const coordinator = await e.user('coordinator');
    const funderA = await e.user('funder');
    const funderB = await e.user('funder');

    // The coordinator defines, publishes and shares a report in the app.
    const cctx = await e.context();
    const cpage = await cctx.newPage();
    cpage.setDefaultTimeout(8000);
    await e.login(cpage, coordinator.email);
    await cpage.goto('/reports/new');
    await cpage.getByLabel('Titel').fill('Jaarverslag Noord 2026');
    await cpage.getByLabel('Van', { exact: true }).fill('2026-01-01');
    await cpage.getByLabel('Tot en met').fill('2026-12-31');
    await cpage.getByRole('checkbox', { name: 'Buurtkracht Noord' }).check();
    // The introduction is rich text, written in the same editor as stories.
    const intro = cpage.getByRole('textbox', { name: 'Inleiding' });
    await intro.click();
    await cpage.keyboard.type('Dit jaar vonden ');
    await cpage.keyboard.press('Control+b');
    await cpage.keyboard.type('buren');
    await cpage.keyboard.press('Control+b');
    await cpage.keyboard.type(' elkaar.');
    await cpage.getByRole('button', { name: 'Opslaan' }).click();
    await cpage.waitForURL(/\/reports\/\d+$/);
    const reportId = Number(new URL(cpage.url()).pathname.split('/').pop());
    await cpage.getByRole('button', { name: 'Publiceren als nieuwe versie' }).click();
    await cpage.getByRole('button', { name: 'Ja, publiceer versie 1' }).click();
    await cpage.getByText('Versie 1 is gepubliceerd.').waitFor();
    await cpage.getByLabel('Financiersaccount').selectOption(String(funderA.id));
    await cpage.getByRole('button', { name: 'Delen', exact: true }).click();
    // Each person shared with has a button that says what it does and names them; once used, the focus goes to the list.
    const unshare = cpage.getByRole('button', { name: 'Niet meer delen met Funder 2', exact: true });
    await unshare.waitFor();
    expect(await unshare.textContent()).toBe('Niet meer delen');
    await activate(cpage, unshare);
    await cpage.getByText('Nog met niemand gedeeld.').waitFor();
    await expect.poll(() => isFocused(cpage.getByRole('heading', { name: 'Gedeeld met', exact: true }))).toBe(true);
    // Sharing again: the Delen button stays off once done, so the focus goes to the list as well.
    await cpage.getByLabel('Financiersaccount').selectOption(String(funderA.id));
    await cpage.getByRole('button', { name: 'Delen', exact: true }).press('Enter');
    await unshare.waitFor();
    await expect.poll(() => isFocused(cpage.getByRole('heading', { name: 'Gedeeld met', exact: true }))).toBe(true);
    await cpage.getByRole('button', { name: 'Voorbeeld vernieuwen' }).press('Enter');
    await expect.poll(() => isFocused(cpage.getByRole('button', { name: 'Voorbeeld vernieuwen' }))).toBe(true);
    await e.screenshot(cpage, 'report-edit');

    // A second report, shared with another funder only.
    const headers = { origin: e.baseUrl };
    const other = await cpage.request.post('/api/reports', {
      headers,
      data: { title: 'Geheim voor B', audience: 'funder', periodFrom: '2026-01-01', periodTo: '2026-12-31', projectIds: [w.projectId] },
    });
    const otherId = ((await other.json()) as { report: { id: number } }).report.id;
    expect((await cpage.request.post(`/api/reports/${otherId}/versions`, { headers })).status()).toBe(201);
    expect((await cpage.request.post(`/api/reports/${otherId}/shares`, { headers, data: { userId: funderB.id } })).status()).toBe(201);
    // A second version of the shared report (its introduction rewritten): the funder reads the latest, and can still open the first.
    const intro2 = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Dit jaar vonden buren elkaar, ook in de winter.' }] }] };
    expect((await cpage.request.patch(`/api/reports/${reportId}`, { headers, data: { intro: intro2 } })).status()).toBe(200);
    expect((await cpage.request.post(`/api/reports/${reportId}/versions`, { headers })).status()).toBe(201);
    await cctx.close();

    // The funder logs in and sees only the report shared with them.
    const ctx = await e.context();
    const page = await ctx.newPage();
    page.setDefaultTimeout(8000);
    await e.login(page, funderA.email);
    await page.goto('/reports');
    await page.getByRole('heading', { name: 'Jaarverslag Noord 2026' }).waitFor();
    expect(await page.getByText('Geheim voor B').count()).toBe(0);
    await page.getByRole('link', { name: 'Lees versie 2' }).waitFor();
    await page.getByRole('link', { name: 'versie 1', exact: true }).click();
    await page.waitForURL(`**/reports/${reportId}/versions/1`);
    await page.getByRole('heading', { level: 1, name: 'Jaarverslag Noord 2026' }).waitFor();
    await expect(page.locator('strong', { hasText: 'buren' }).count()).resolves.toBeGreaterThan(0);
    await expect(page.getByText('Dit jaar vonden').count()).resolves.toBeGreaterThan(0);

    // Charts are inline vector SVG with an accessible name; stories as consent allows.
    const charts = page.locator('svg.chart[role="img"]');
    expect(await charts.count()).toBeGreaterThan(0);
    expect(await charts.first().locator('title').textContent()).toBe('Deelnemers aan buurtactiviteiten');
    expect(await page.locator('svg.chart path.actual').first().getAttribute('d')).toMatch(/^M/);
    const text = await page.locator('main').innerText();
    expect(text).toContain('We zijn samen een moestuin begonnen.');
    expect(text).not.toContain('Ria Rapport');
    expect(text).not.toContain('TEAMGEHEIM');

    // Another funder's report is not reachable.
    const denied = await page.goto(`/reports/${otherId}/versions/1`);
    expect(denied!.status()).toBe(404);
    await page.goto(`/reports/${reportId}/versions/1`);

    // The page offers its own button to print it or save it as PDF.
    const printing = page.evaluate(() => new Promise<boolean>((done) => (window.print = () => done(true))));
    await page.getByRole('button', { name: 'Afdrukken of opslaan als pdf' }).click();
    expect(await printing).toBe(true);

    // Print: the navigation is hidden, the summary starts a page after the cover, and Chromium makes a PDF.
    const nav = page.locator('nav.report-nav');
    expect(await nav.isVisible()).toBe(true);
    await page.emulateMedia({ media: 'print' });
    expect(await nav.isVisible()).toBe(false);
    expect(await page.locator('section.summary').evaluate((el) => getComputedStyle(el).breakBefore)).toBe('page');
    await e.screenshot(page, 'report-print');
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(10_000);
    await ctx.close();

    // The version page passes axe (the test context bypasses the CSP only to inject axe).
    const actx = await e.browser.newContext({ baseURL: e.baseUrl, bypassCSP: true });
    const apage = await actx.newPage();
    await e.login(apage, funderA.email);
    await apage.goto(`/reports/${reportId}/versions/1`);
    await apage.addScriptTag({ path: join(process.cwd(), 'node_modules', 'axe-core', 'axe.min.js') });
    const violations = await apage.evaluate(async () => {
      const result = await (window as unknown as { axe: { run: () => Promise<{ violations: { id: string; nodes: unknown[] }[] }> } }).axe.run();
      return result.violations.map((v) => `${v.id} (${v.nodes.length})`);
    });
    expect(violations).toEqual([]);
    await actx.close();
  });
});
