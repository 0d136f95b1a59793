import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertProject, setProjectMembers } from '../../db/repositories/projects.js';
import { startE2E, type E2E } from '../helpers/browser.js';
import { descriptionOf, expectNoHorizontalScroll } from '../helpers/a11y.js';
import { shared } from '../helpers/shared.js';

describe('browser: counting', () => {
  let e: E2E;
  let projectId: number;
  let worker: { id: number; email: string };
  let visitors: number;
  let share: number;
  let kop: number;
  let oudeKerk: number;
  beforeAll(async () => {
    e = await startE2E();
    worker = await e.user('worker');
    const area = (name: string, cbsCode: string) => e.db.insertInto('areas').values({ name, kind: 'buurt', cbsCode, parentId: null }).returning('id').executeTakeFirstOrThrow();
    kop = (await area('Kop Zeedijk', 'BU03630000')).id;
    oudeKerk = (await area('Oude Kerk e.o.', 'BU03630001')).id;
    projectId = await insertProject(e.db, { name: 'Buurtkamer Zeedijk', areaIds: [kop, oudeKerk], budgetHours: 40, budgetEuros: 1000 });
    await setProjectMembers(e.db, projectId, [worker.id]);
    const indicator = (name: string, unit: 'count' | 'percentage', byArea: number) =>
      e.db.insertInto('indicators').values({ projectId, outcomeId: null, name, unit, measure: unit === 'count' ? 'unit' : 'percentage', periodicity: 'quarter', baselineValue: null, baselinePeriod: null, byArea, sourceKey: null }).returning('id').executeTakeFirstOrThrow();
    visitors = (await indicator('Bezoekers', 'count', 1)).id;
    share = (await indicator('Aandeel actief', 'percentage', 0)).id;
  });
  afterAll(async () => e?.close());

  it('a worker fills the grid by keyboard with decimal commas and sees per-cell errors', async () => {
    const ctx = await e.context();
    const page = await ctx.newPage();
    await e.login(page, worker.email);
    await page.goto(`/projects/${projectId}/indicators`);
    await page.getByLabel('Periode', { exact: false }).first().waitFor();
    await page.getByRole('textbox', { name: /^Periode/ }).fill('2026-Q1');
    await page.getByRole('button', { name: 'Tonen' }).click();

    const cell = (indicator: string, area: string) => page.getByRole('textbox', { name: `${indicator}, ${area}, 2026-Q1` });
    await cell('Aandeel actief', 'Hele project').click();
    await page.keyboard.type('12,5');
    await page.keyboard.press('Enter'); // down: Bezoekers has no whole-project cell, so nothing below; stays
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.evaluate(() => (document.querySelector('ww-app')!.shadowRoot!.querySelector('ww-indicator-grid-page')!.shadowRoot!.activeElement as HTMLInputElement)?.getAttribute('aria-label'))).toBe('Aandeel actief, Hele project, 2026-Q1');
    await page.keyboard.press('ArrowDown');
    await cell('Bezoekers', 'Kop Zeedijk').fill('1.234,5');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.type('twaalf');
    await page.getByRole('button', { name: 'Alles opslaan' }).click();
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'Niets opgeslagen' }).count()).toBeGreaterThan(0);
    await expect(page.getByRole('link', { name: 'Bezoekers · Oude Kerk e.o.' }).isVisible()).resolves.toBe(true);
    await expect(cell('Bezoekers', 'Oude Kerk e.o.').getAttribute('aria-invalid')).resolves.toBe('true');
    expect(await e.db.selectFrom('indicatorValues').selectAll().execute()).toHaveLength(0);
    await e.screenshot(page, 'counting-grid-errors');

    await cell('Bezoekers', 'Oude Kerk e.o.').fill('7');
    await page.getByRole('button', { name: 'Alles opslaan' }).click();
    await expect.poll(() => page.getByText('Opgeslagen: 3 nieuw').count()).toBe(1);
    const rows = await e.db.selectFrom('indicatorValues').select(['indicatorId', 'areaId', 'value']).orderBy('indicatorId').orderBy('areaId').execute();
    expect(rows).toEqual(
      [
        { indicatorId: visitors, areaId: kop, value: 1234.5 },
        { indicatorId: visitors, areaId: oudeKerk, value: 7 },
        { indicatorId: share, areaId: 0, value: 12.5 },
      ].sort((a, b) => a.indicatorId - b.indicatorId || a.areaId - b.areaId),
    );
    await cell('Bezoekers', 'Kop Zeedijk').focus();
    await page.getByLabel('Notitie bij Bezoekers · Kop Zeedijk').fill('inclusief open dag');
    await page.getByRole('button', { name: 'Alles opslaan' }).click();
    await expect.poll(() => page.getByText('Opgeslagen: 0 nieuw, 1 gewijzigd').count()).toBe(1);
    expect(await e.db.selectFrom('indicatorValues').select(['value', 'note']).where('areaId', '=', kop).execute()).toEqual([{ value: 1234.5, note: 'inclusief open dag' }]);
    await e.screenshot(page, 'counting-grid-saved');

    // An empty period says so and offers the latest one; each cell shows the value before it.
    await page.getByRole('textbox', { name: /^Periode/ }).fill('2026-Q3');
    await page.getByRole('button', { name: 'Tonen' }).click();
    await page.getByText('In 2026-Q3 is nog niets ingevuld. Het laatst ingevuld is 2026-Q1.').waitFor();
    const q3 = page.getByRole('textbox', { name: 'Bezoekers, Kop Zeedijk, 2026-Q3' });
    await expect(descriptionOf(q3)).resolves.toContain('vorige: 1234,5 (2026-Q1)');
    await page.getByRole('button', { name: '2026-Q1 tonen' }).click();
    await expect.poll(() => cell('Aandeel actief', 'Hele project').inputValue()).toBe('12,5');
    await ctx.close();
  });

  it('a worker logs hours on a phone and sees them against the plan', async () => {
    const ctx = await e.context({ phone: true });
    const page = await ctx.newPage();
    await e.login(page, worker.email);
    await page.goto(`/projects/${projectId}/hours`);
    const form = page.locator('form').first();
    await form.getByLabel('Uren', { exact: false }).fill('2,5');
    await form.getByLabel('Fase').selectOption('DOEN');
    await form.getByLabel('Wat deed je?', { exact: false }).fill('Buurtkamer open');
    await form.getByRole('button', { name: 'Toevoegen' }).click();
    await expect.poll(() => page.getByText('2,5 van 40 uur gebruikt').count()).toBe(1);
    expect(await e.db.selectFrom('hours').select(['hours', 'phase', 'userId']).execute()).toEqual([{ hours: 2.5, phase: 'DOEN', userId: worker.id }]);
    await e.screenshot(page, 'counting-hours-phone');
    // An amount with cents reads as money: € 12,50, not € 12,5.
    const expense = page.locator('form').nth(1);
    await expense.getByLabel('Bedrag in euro', { exact: false }).fill('12,5');
    await expense.getByLabel('Omschrijving').fill('Koffie');
    await expense.getByRole('button', { name: 'Uitgave toevoegen' }).click();
    await expect.poll(() => page.getByText('€ 12,50 van € 1.000 uitgegeven', { exact: false }).count()).toBe(1);
    await expectNoHorizontalScroll(page, 'hours on a phone');
    // The project page shows the same use against the plan.
    await page.goto(`/projects/${projectId}`);
    await page.getByRole('heading', { name: 'Uren en geld tegen het plan' }).waitFor();
    await expect.poll(() => page.getByText('2,5 van 40 uur gebruikt').count()).toBe(1);
    // On a phone the entry grid's cells are on screen, not pushed off to the right.
    await page.goto(`/projects/${projectId}/indicators`);
    const cell = page.getByLabel(/^Aandeel actief, Hele project/);
    await cell.waitFor();
    const box = (await cell.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(360);
    await expectNoHorizontalScroll(page, 'indicator grid on a phone');
    await ctx.close();
  });
  it('a worker previews a CSV with a bad row, then imports the corrected file', async () => {
    const ctx = await e.context();
    const page = await ctx.newPage();
    await e.login(page, worker.email);
    await page.goto(`/projects/${projectId}/indicators/import`);
    const bad = 'indicator;periode;gebied;waarde\nBezoekers;2026-Q2;BU03630000;"8,5"\nBezoekers;2026-Q2;BU03630001;acht\n';
    await page.getByLabel('CSV-bestand').setInputFiles({ name: 'waarden.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    await page.getByRole('button', { name: 'Controleren' }).click();
    await expect.poll(() => page.getByRole('cell', { name: /geen getal \/ not a number: acht/ }).count()).toBe(1);
    await expect(page.getByRole('button', { name: 'Importeren' }).isDisabled()).resolves.toBe(true);
    await e.screenshot(page, 'counting-csv-preview-errors');
    await page.getByLabel('CSV-bestand').setInputFiles({ name: 'waarden.csv', mimeType: 'text/csv', buffer: Buffer.from(bad.replace('acht', '8')) });
    await page.getByRole('button', { name: 'Controleren' }).click();
    await expect.poll(() => page.getByText('2 rijen: 2 nieuw').count()).toBe(1);
    await page.getByRole('button', { name: 'Importeren' }).click();
    await expect.poll(() => page.getByText('Geïmporteerd: 2 nieuw').count()).toBe(1);
    expect(await e.db.selectFrom('indicatorValues').select('value').where('period', '=', '2026-Q2').orderBy('value').execute()).toEqual([{ value: 8 }, { value: 8.5 }]);
    await ctx.close();
  });

  it('a coordinator imports a real CBS export and sees the unknown areas', async () => {
    const coordinator = await e.user('coordinator');
    const ctx = await e.context();
    const page = await ctx.newPage();
    await e.login(page, coordinator.email);
    await page.goto('/imports/cbs');
    const file = readFileSync(shared('data', 'cbs', 'Nabijheid_voorzieningen__buurt_2021_10022023_162519.csv'));
    await page.getByLabel('StatLine CSV-bestand').setInputFiles({ name: 'nabijheid.csv', mimeType: 'text/csv', buffer: file });
    await page.getByRole('button', { name: 'Controleren' }).click();
    await expect.poll(() => page.getByRole('alert').getByText('Perioden', { exact: true }).count()).toBe(1);
    await page.getByRole('textbox', { name: /^Periode/ }).fill('2021');
    await page.getByRole('button', { name: 'Controleren' }).click();
    await expect.poll(() => page.getByText('11 gebied(en) niet gevonden', { exact: false }).count()).toBe(1);
    await e.screenshot(page, 'counting-cbs-preview');
    await ctx.close();
  });
  it('a coordinator defines an indicator with a baseline and a target per area, and sees its history', async () => {
    const coordinator = await e.user('coordinator');
    const ctx = await e.context();
    const page = await ctx.newPage();
    await e.login(page, coordinator.email);
    await page.goto(`/projects/${projectId}/indicators/new`);
    await page.getByLabel('Naam').fill('Deelnemers buurtmaaltijd');
    await page.getByRole('combobox', { name: /^Eenheid/ }).selectOption('count');
    await page.getByLabel('Per gebied bijhouden', { exact: false }).check();
    await page.getByRole('group', { name: 'Nulmeting' }).getByLabel('Waarde').fill('12,5');
    await page.getByRole('group', { name: 'Nulmeting' }).getByLabel('Periode', { exact: false }).fill('2025 Q4');
    await page.getByRole('button', { name: 'Doel toevoegen' }).click();
    const targets = page.getByRole('group', { name: 'Doelen' });
    await targets.getByLabel('Periode').fill('2026-Q1');
    await targets.getByLabel('Gebied').selectOption({ label: 'Kop Zeedijk' });
    await targets.getByRole('textbox', { name: 'Doel', exact: true }).fill('40');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.waitForURL(`**/projects/${projectId}/indicators`);
    const row = await e.db.selectFrom('indicators').selectAll().where('name', '=', 'Deelnemers buurtmaaltijd').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ unit: 'count', measure: 'unit', byArea: 1, baselineValue: 12.5, baselinePeriod: '2025-Q4' });
    expect(await e.db.selectFrom('indicatorTargets').select(['period', 'areaId', 'value']).where('indicatorId', '=', row.id).execute()).toEqual([{ period: '2026-Q1', areaId: kop, value: 40 }]);

    await page.goto(`/indicators/${visitors}/edit`);
    await expect.poll(() => page.getByRole('heading', { name: 'Laatste wijzigingen van de waarden' }).count()).toBe(1);
    await e.screenshot(page, 'counting-indicator-edit');
    await ctx.close();
  });

  it('a coordinator links an indicator to an outcome in the form, and the outcomes page lists it and offers to add one', async () => {
    const coordinator = await e.user('coordinator');
    const outcome = (title: string, archivedAt: string | null) =>
      e.db.insertInto('outcomes').values({ projectId, level: 'outcome', title, description: '', parentId: null, libraryId: null, sort: 0, archivedAt }).returning('id').executeTakeFirstOrThrow();
    const meet = (await outcome('Bewoners ontmoeten elkaar', null)).id;
    await outcome('Oud doel', '2026-01-01T00:00:00.000Z');
    const ctx = await e.context();
    const page = await ctx.newPage();
    await e.login(page, coordinator.email);
    await page.goto(`/projects/${projectId}/outcomes`);
    await page.getByRole('link', { name: 'Indicator toevoegen bij Bewoners ontmoeten elkaar' }).click();
    await page.waitForURL(`**/projects/${projectId}/indicators/new?outcome=${meet}`);
    const select = page.getByRole('combobox', { name: /^Bij welke uitkomst/ });
    await expect.poll(() => select.inputValue()).toBe(String(meet));
    // An archived outcome is not offered for a new link.
    expect(await select.locator('option').allTextContents()).toEqual(['— nog geen uitkomst —', 'Bewoners ontmoeten elkaar']);
    await page.getByLabel('Naam').fill('Bezoekers ontmoetingsochtend');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.waitForURL(`**/projects/${projectId}/indicators`);
    const created = await e.db.selectFrom('indicators').select(['id', 'outcomeId']).where('name', '=', 'Bezoekers ontmoetingsochtend').executeTakeFirstOrThrow();
    expect(created.outcomeId).toBe(meet);

    // The edit form links an existing indicator.
    await page.goto(`/indicators/${share}/edit`);
    await page.getByRole('combobox', { name: /^Bij welke uitkomst/ }).selectOption({ label: 'Bewoners ontmoeten elkaar' });
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.waitForURL(`**/projects/${projectId}/indicators`);
    expect((await e.db.selectFrom('indicators').select('outcomeId').where('id', '=', share).executeTakeFirstOrThrow()).outcomeId).toBe(meet);

    await page.goto(`/projects/${projectId}/outcomes`);
    const card = page.locator('li.card', { hasText: 'Bewoners ontmoeten elkaar' });
    await expect.poll(() => card.getByRole('link', { name: 'Bezoekers ontmoetingsochtend' }).count()).toBe(1);
    expect(await card.getByRole('link', { name: 'Aandeel actief' }).count()).toBe(1);
    // Indicators without an outcome are named, so nothing silently drops out of reports.
    expect(await page.getByRole('heading', { name: 'Indicatoren zonder uitkomst' }).count()).toBe(1);
    await e.screenshot(page, 'outcomes-with-indicators');
    await ctx.close();
  });
});
