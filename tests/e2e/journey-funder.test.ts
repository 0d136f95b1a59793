// Journey: a funder logs in, sees only the report shared with them, reads it and prints it to
// PDF — with the keyboard alone, axe on every page.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2E, type E2E } from '../helpers/browser.js';
import { activate, checkA11y, screenshot, tabTo, typeInto } from '../helpers/a11y.js';
import { apiAs } from '../helpers/journey-fixtures.js';
import { reportWorld } from '../helpers/reports-fixtures.js';

describe('journey: funder', () => {
  let e: E2E;
  let funder: { id: number; email: string };
  let reportId: number;
  beforeAll(async () => {
    e = await startE2E();
    const w = await reportWorld(e.db);
    funder = await e.user('funder', 'fien@gemeente.example.nl');
    const other = await e.user('funder');
    const coordinator = await apiAs(e, (await e.user('coordinator')).email);
    const report = async (title: string, funderId: number) => {
      const { report } = await coordinator.post(
        '/api/reports',
        { title, audience: 'funder', periodFrom: '2026-01-01', periodTo: '2026-12-31', projectIds: [w.projectId] },
        201,
      );
      await coordinator.post(`/api/reports/${report.id}/versions`, {}, 201);
      await coordinator.post(`/api/reports/${report.id}/shares`, { userId: funderId }, 201);
      return report.id as number;
    };
    reportId = await report('Jaarverslag Noord 2026', funder.id);
    await report('Verslag voor een ander fonds', other.id);
  });
  afterAll(async () => e?.close());

  it('sees only the shared report, reads it and prints it to PDF', async () => {
    const page = await (await e.context()).newPage();
    await page.goto('/login');
    await page.getByRole('heading', { name: 'Inloggen' }).waitFor();
    await typeInto(page, page.getByLabel('E-mailadres'), funder.email);
    await typeInto(page, page.getByLabel('Wachtwoord'), 'correct horse battery');
    await activate(page, page.getByRole('button', { name: 'Inloggen' }));
    await page.getByRole('heading', { name: /Welkom/ }).waitFor();
    await checkA11y(page, 'funder home');
    // Home already lists the report shared with the funder, and only that one.
    await page.getByRole('main').getByRole('link', { name: 'Jaarverslag Noord 2026' }).waitFor();
    expect(await page.getByText('Verslag voor een ander fonds').count()).toBe(0);

    // The menu offers the funder reports (and nothing of the team's work).
    const menu = page.getByRole('navigation', { name: 'Hoofdmenu' });
    expect(await menu.getByRole('link', { name: 'Verhalen' }).count()).toBe(0);
    await activate(page, menu.getByRole('link', { name: 'Rapportages' }));
    await page.getByRole('heading', { name: 'Jaarverslag Noord 2026' }).waitFor();
    expect(await page.getByText('Verslag voor een ander fonds').count()).toBe(0);
    // The figures open in Excel set to Dutch: that file, and it downloads.
    const figures = page.getByRole('link', { name: 'Cijfers voor Excel (CSV)' });
    expect(await figures.getAttribute('href')).toBe(`/api/reports/${reportId}/versions/1/export.csv?excel=nl`);
    const download = page.waitForEvent('download');
    await activate(page, figures);
    const file = await (await download).path();
    expect(readFileSync(file, 'utf8').replace(/^\uFEFF/, '')).toMatch(/^onderdeel;project;uitkomst;/);
    await checkA11y(page, 'funder reports');

    await activate(page, page.getByRole('link', { name: 'Lees versie 1' }));
    await page.waitForURL(`**/reports/${reportId}/versions/1`);
    await page.getByRole('heading', { level: 1, name: 'Jaarverslag Noord 2026' }).waitFor();
    const text = await page.locator('main').innerText();
    expect(text).toContain('We zijn samen een moestuin begonnen.'); // consent: in reports, anonymous
    expect(text).not.toContain('Ria Rapport');
    expect(text).not.toContain('TEAMGEHEIM'); // consent: team only
    await checkA11y(page, 'funder report version');
    await screenshot(page, 'funder-report');
    // On a phone the tables scroll sideways in regions a keyboard reaches.
    await page.setViewportSize({ width: 360, height: 740 });
    await tabTo(page, page.getByRole('region', { name: 'Deelnemers aan buurtactiviteiten' }));
    // The period under a figure in the summary ("2e kwartaal 2026") stays inside its card, not cut off.
    const periods = page.locator('.summary-table td .period');
    expect(await periods.count()).toBeGreaterThan(0);
    const outside = await periods.evaluateAll((els) =>
      els.filter((el) => el.getBoundingClientRect().right > el.closest('td')!.getBoundingClientRect().right + 1).map((el) => el.textContent),
    );
    expect(outside).toEqual([]);
    await checkA11y(page, 'funder report version, phone');
    await page.setViewportSize({ width: 1280, height: 900 });

    // Print to PDF, as the browser's print dialog does.
    await page.emulateMedia({ media: 'print' });
    await checkA11y(page, 'funder report print');
    await screenshot(page, 'funder-report-print');
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  }, 90_000);
});
