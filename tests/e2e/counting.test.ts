import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertProject, setProjectMembers } from '../../db/repositories/projects.js';
import { startE2E, type E2E } from '../helpers/browser.js';

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
    await e.screenshot(page, 'counting-grid-saved');
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
    await ctx.close();
  });
});
