import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertProject, setProjectMembers } from '../../db/repositories/projects.js';
import { periodLabel } from '../../db/domain/periods.js';
import { startE2E, type E2E } from '../helpers/browser.js';
import { activate, checkA11y, descriptionOf, expectAccessible, expectNameAndHint, expectNoHorizontalScroll, isFocused } from '../helpers/a11y.js';
import { quarterIndicator } from '../helpers/journey-fixtures.js';

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
    const area = (name: string, cbsCode: string) =>
      e.db.insertInto('areas').values({ name, kind: 'buurt', cbsCode, parentId: null }).returning('id').executeTakeFirstOrThrow();
    kop = (await area('Kop Zeedijk', 'BU03630000')).id;
    oudeKerk = (await area('Oude Kerk e.o.', 'BU03630001')).id;
    projectId = await insertProject(e.db, { name: 'Buurtkamer Zeedijk', areaIds: [kop, oudeKerk], budgetHours: 40, budgetEuros: 1000, phase: 'DOEN' });
    await setProjectMembers(e.db, projectId, [worker.id]);
    visitors = await quarterIndicator(e.db, projectId, 'Bezoekers', { byArea: true });
    share = await quarterIndicator(e.db, projectId, 'Aandeel actief', { unit: 'percentage', byArea: false });
  });
  afterAll(async () => e?.close());

  it('a worker fills four periods side by side by keyboard, with decimal commas and errors per cell, and saves them at once', async () => {
    const ctx = await e.context();
    const page = await ctx.newPage();
    await e.login(page, worker.email);
    await page.goto(`/projects/${projectId}/indicators`);
    const last = page.getByRole('textbox', { name: /^Tot en met/ });
    await last.waitFor();
    // The label is the field's name alone; its hint describes the field instead of being read twice.
    await expectNameAndHint(last, 'Tot en met', 'Bijvoorbeeld K1 2026, maart 2026 of 2026.');
    // By default the last four periods up to this quarter.
    await expect.poll(() => page.getByRole('columnheader').count()).toBe(5);
    await last.fill('2026-Q1');
    await page.getByRole('button', { name: 'Tonen' }).click();
    await page.getByRole('table', { name: 'Kwartaal: 2e kwartaal 2025 tot en met 1e kwartaal 2026' }).waitFor();
    // The periods in words: short over the columns, in full for a tooltip or screen reader.
    expect(await page.getByRole('columnheader').allInnerTexts()).toEqual(['Indicator en gebied', 'K2 2025', 'K3 2025', 'K4 2025', 'K1 2026']);
    // The period field reads in words too, and takes them.
    expect(await last.inputValue()).toBe('K1 2026');
    expect(await descriptionOf(last)).toContain('Bijvoorbeeld K1 2026, maart 2026 of 2026.');
    await expect(page.getByRole('columnheader', { name: 'K2 2025' }).locator('abbr').getAttribute('title')).resolves.toBe('2e kwartaal 2025');

    const cell = (indicator: string, area: string, period: string) => page.getByRole('textbox', { name: `${indicator}, ${area}, ${period}` });
    const focused = () =>
      page.evaluate(() =>
        (document.querySelector('ww-app')!.shadowRoot!.querySelector('ww-indicator-grid-page')!.shadowRoot!.activeElement as HTMLInputElement)?.getAttribute(
          'aria-label',
        ),
      );
    // Along a row through the periods with the arrow keys, then down with Enter.
    await cell('Bezoekers', 'Kop Zeedijk', '2e kwartaal 2025').click();
    for (const [text, key] of [
      ['10', 'ArrowRight'],
      ['11', 'ArrowRight'],
      ['12', 'ArrowRight'],
      ['1.234,5', 'Enter'],
      ['twaalf', 'Enter'],
    ] as const) {
      await page.keyboard.type(text);
      await page.keyboard.press(key);
    }
    await expect.poll(focused).toBe('Bezoekers, Oude Kerk e.o., 1e kwartaal 2026'); // the last row: Enter stays
    // Rows are in name order: Aandeel actief is above Bezoekers.
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.press('Shift+Enter');
    await expect.poll(focused).toBe('Aandeel actief, Hele project, 1e kwartaal 2026');
    await page.keyboard.type('12,5');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect.poll(focused).toBe('Bezoekers, Oude Kerk e.o., 1e kwartaal 2026');
    await page.keyboard.press('ArrowLeft'); // the whole text is selected on arrival: left goes to the period before
    await expect.poll(focused).toBe('Bezoekers, Oude Kerk e.o., 4e kwartaal 2025');
    await page.keyboard.type('9');
    await page.getByRole('button', { name: 'Alles opslaan' }).click();
    // 'twaalf' is no number, and a count is a whole number.
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'Niets opgeslagen. 2 cellen kloppen niet:' }).count()).toBeGreaterThan(0);
    await expect(page.getByRole('link', { name: 'Bezoekers · Oude Kerk e.o. · 1e kwartaal 2026' }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('link', { name: 'Bezoekers · Kop Zeedijk · 1e kwartaal 2026' }).isVisible()).resolves.toBe(true);
    await expect.poll(() => page.getByText('Een aantal is een heel getal van 0 of meer.').count()).toBeGreaterThan(0);
    await expect(cell('Bezoekers', 'Oude Kerk e.o.', '1e kwartaal 2026').getAttribute('aria-invalid')).resolves.toBe('true');
    expect(await e.db.selectFrom('indicatorValues').selectAll().execute()).toHaveLength(0);
    await checkA11y(page, 'grid with errors');
    await e.screenshot(page, 'counting-grid-errors');

    await page.getByRole('link', { name: 'Bezoekers · Oude Kerk e.o. · 1e kwartaal 2026' }).click();
    await expect.poll(focused).toBe('Bezoekers, Oude Kerk e.o., 1e kwartaal 2026');
    await page.keyboard.type('7');
    await cell('Bezoekers', 'Kop Zeedijk', '1e kwartaal 2026').fill('1.234');
    await page.getByRole('button', { name: 'Alles opslaan' }).click();
    // '1.234' alone could be thousands or decimals: it is asked again, the rest waits.
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'Niets opgeslagen. 1 cel klopt niet:' }).count()).toBeGreaterThan(0);
    await cell('Bezoekers', 'Kop Zeedijk', '1e kwartaal 2026').fill('1234');
    await page.getByRole('button', { name: 'Alles opslaan' }).click();
    await expect.poll(() => page.getByText('Opgeslagen: 7 nieuw').count()).toBe(1);
    // The button is disabled while saving; the focus comes back to it, not to the top of the page.
    await expect.poll(() => isFocused(page.getByRole('button', { name: 'Alles opslaan' }))).toBe(true);
    const rows = await e.db
      .selectFrom('indicatorValues')
      .select(['indicatorId', 'areaId', 'period', 'value'])
      .orderBy('indicatorId')
      .orderBy('areaId')
      .orderBy('period')
      .execute();
    expect(rows).toEqual(
      [
        { indicatorId: visitors, areaId: kop, period: '2025-Q2', value: 10 },
        { indicatorId: visitors, areaId: kop, period: '2025-Q3', value: 11 },
        { indicatorId: visitors, areaId: kop, period: '2025-Q4', value: 12 },
        { indicatorId: visitors, areaId: kop, period: '2026-Q1', value: 1234 },
        { indicatorId: visitors, areaId: oudeKerk, period: '2025-Q4', value: 9 },
        { indicatorId: visitors, areaId: oudeKerk, period: '2026-Q1', value: 7 },
        { indicatorId: share, areaId: 0, period: '2026-Q1', value: 12.5 },
      ].sort((a, b) => a.indicatorId - b.indicatorId || a.areaId - b.areaId || a.period.localeCompare(b.period)),
    );
    await cell('Bezoekers', 'Kop Zeedijk', '1e kwartaal 2026').focus();
    await page.getByLabel('Notitie bij Bezoekers · Kop Zeedijk · 1e kwartaal 2026').fill('inclusief open dag');
    await page.getByRole('button', { name: 'Alles opslaan' }).click();
    await expect.poll(() => page.getByText('Opgeslagen: 0 nieuw, 1 gewijzigd').count()).toBe(1);
    expect(await e.db.selectFrom('indicatorValues').select(['value', 'note']).where('areaId', '=', kop).where('period', '=', '2026-Q1').execute()).toEqual([
      { value: 1234, note: 'inclusief open dag' },
    ]);
    await e.screenshot(page, 'counting-grid-saved');

    // Periods still empty say so and offer the latest one; fewer periods can be chosen.
    await last.fill('2027-Q2');
    await page.getByRole('button', { name: 'Tonen' }).click();
    await page.getByText('In 3e kwartaal 2026 tot en met 2e kwartaal 2027 is nog niets ingevuld. Het laatst ingevuld is 1e kwartaal 2026.').waitFor();
    await page.getByRole('button', { name: 'Tot en met 1e kwartaal 2026 tonen' }).click();
    await expect.poll(() => cell('Aandeel actief', 'Hele project', '1e kwartaal 2026').inputValue()).toBe('12,5');
    await expect.poll(() => cell('Bezoekers', 'Kop Zeedijk', '3e kwartaal 2025').inputValue()).toBe('11');
    await page.getByLabel('Aantal perioden').selectOption('2');
    await page.getByRole('button', { name: 'Tonen' }).click();
    await expect.poll(() => page.getByRole('columnheader').allInnerTexts()).toEqual(['Indicator en gebied', 'K4 2025', 'K1 2026']);
    await ctx.close();
  });

  it('a worker logs hours on a phone and sees them against the plan', async () => {
    const ctx = await e.context({ phone: true });
    const page = await ctx.newPage();
    await e.login(page, worker.email);
    await page.goto(`/projects/${projectId}/hours`);
    const form = page.locator('form').first();
    // The phase starts at the project's own; an empty form names every field it needs at once.
    const { phase } = await e.db.selectFrom('projects').select('phase').where('id', '=', projectId).executeTakeFirstOrThrow();
    await expect.poll(() => form.getByLabel('Fase').inputValue()).toBe(phase);
    await form.getByRole('button', { name: 'Toevoegen' }).click();
    await form.getByText('Vul het aantal uren in, bijvoorbeeld 1,5.').waitFor();
    await form.getByText('Schrijf kort wat je deed.').waitFor();
    await form.getByLabel('Uren', { exact: false }).fill('1,3');
    await form.getByRole('button', { name: 'Toevoegen' }).click();
    await form.getByText('Schrijf uren per kwartier, bijvoorbeeld 1,25 of 1,5.').waitFor();
    // Each label is the field's name alone; its hint describes it instead of being read twice.
    const hoursField = form.getByLabel('Uren', { exact: true });
    expect(await descriptionOf(hoursField)).toMatch(/^Per kwartier, bijvoorbeeld 1,5\./);
    expect(await descriptionOf(form.getByLabel('Wat deed je?', { exact: true }))).toMatch(/^Kort, bijvoorbeeld/);
    expect(await descriptionOf(page.locator('form').nth(1).getByLabel('Bedrag in euro', { exact: true }))).toMatch(/^Bijvoorbeeld 12,50\./);
    await form.getByLabel('Datum', { exact: true }).fill('2026-11-12');
    await hoursField.fill('2,5');
    await form.getByLabel('Fase').selectOption('DOEN');
    await form.getByLabel('Wat deed je?', { exact: true }).fill('Buurtkamer open');
    await activate(page, form.getByRole('button', { name: 'Toevoegen' }));
    await expect.poll(() => page.getByText('2,5 van 40 uur gebruikt').count()).toBe(1);
    // Beside the button a polite message says what was added; the focus stays on the button for the next one.
    await expect.poll(() => form.getByRole('status').textContent()).toBe('Toegevoegd: 2,5 uur op 12 november 2026.');
    expect(await isFocused(form.getByRole('button', { name: 'Toevoegen' }))).toBe(true);
    expect(await e.db.selectFrom('hours').select(['hours', 'phase', 'userId']).execute()).toEqual([{ hours: 2.5, phase: 'DOEN', userId: worker.id }]);
    // Quarter hours show as they were entered: 1,75 uur, not 1,8.
    await form.getByLabel('Uren', { exact: false }).fill('1,75');
    await form.getByLabel('Wat deed je?', { exact: false }).fill('Overleg');
    await form.getByRole('button', { name: 'Toevoegen' }).click();
    await expect.poll(() => page.getByText('4,25 van 40 uur gebruikt').count()).toBe(1);
    await expect.poll(() => page.getByRole('cell', { name: '1,75', exact: true }).count()).toBe(1);
    const remove = page.getByRole('button', { name: /^Verwijderen: 1,75 uur op/ });
    await expect.poll(() => remove.count()).toBe(1);
    await e.screenshot(page, 'counting-hours-phone');
    // Removing asks first: "no" keeps the entry, "yes" removes it and puts the focus on the section.
    const answers: string[] = [];
    page.once('dialog', (d) => void (answers.push(d.message()), d.dismiss()));
    await remove.click();
    await expect.poll(() => answers).toEqual([expect.stringMatching(/^1,75 uur op .+ verwijderen\?$/)]);
    expect(await remove.count()).toBe(1);
    page.once('dialog', (d) => void d.accept());
    await remove.click();
    await expect.poll(() => page.getByText('2,5 van 40 uur gebruikt').count()).toBe(1);
    expect(await remove.count()).toBe(0);
    await expect.poll(() => isFocused(page.getByRole('heading', { name: 'Uren schrijven' }))).toBe(true);
    await form.getByLabel('Uren', { exact: false }).fill('1,75');
    await form.getByLabel('Wat deed je?', { exact: false }).fill('Overleg');
    await form.getByRole('button', { name: 'Toevoegen' }).click();
    await expect.poll(() => page.getByText('4,25 van 40 uur gebruikt').count()).toBe(1);
    // An amount with cents reads as money: € 12,50, not € 12,5; typed with its euro sign it is read as well.
    const expense = page.locator('form').nth(1);
    await expense.getByLabel('Bedrag in euro', { exact: false }).fill('€ 12,5');
    await expense.getByLabel('Omschrijving').fill('Koffie');
    await expense.getByRole('button', { name: 'Uitgave toevoegen' }).click();
    await expect.poll(() => page.getByText('€ 12,50 van € 1.000 uitgegeven', { exact: false }).count()).toBe(1);
    await expect.poll(() => expense.getByRole('status').textContent()).toMatch(/^Toegevoegd: uitgave "Koffie" op /);
    // The expenses table heads its column with the field's name only: "niet verplicht" belongs to the form.
    expect(await page.getByRole('columnheader', { name: 'Categorie', exact: true }).count()).toBe(1);
    await expectNoHorizontalScroll(page, 'hours on a phone');
    // The project page shows the same use against the plan.
    await page.goto(`/projects/${projectId}`);
    await page.getByRole('heading', { name: 'Uren en geld tegen het plan' }).waitFor();
    await expect.poll(() => page.getByText('4,25 van 40 uur gebruikt').count()).toBe(1);
    await e.db.updateTable('projects').set({ budgetHours: 1.75 }).where('id', '=', projectId).execute();
    await page.reload();
    await expect.poll(() => page.getByText('1,75 uur', { exact: false }).count()).toBeGreaterThan(0);
    expect(await page.getByText('1,8 uur', { exact: false }).count()).toBe(0);
    await e.db.updateTable('projects').set({ budgetHours: 40 }).where('id', '=', projectId).execute();
    // On a phone the entry grid's cells are on screen, not pushed off to the right.
    await page.goto(`/projects/${projectId}/indicators`);
    const cell = page.getByLabel(/^Aandeel actief, Hele project/).first();
    await cell.waitFor();
    await expect.poll(() => page.getByRole('columnheader').count()).toBe(5); // four periods on a phone too
    await checkA11y(page, 'grid on a phone');
    await e.screenshot(page, 'counting-grid-phone');
    const box = (await cell.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(360);
    await expectNoHorizontalScroll(page, 'indicator grid on a phone');
    await ctx.close();
  });
  it('in English, a number that could be thousands or decimals is explained without contradicting itself', async () => {
    const { email } = await e.user('coordinator'); // an own account: the language switch is saved with it
    const page = await (await e.context()).newPage();
    await e.login(page, email);
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.goto(`/projects/${projectId}/indicators`);
    const cell = page.getByLabel(/^Aandeel actief, Whole project/).first();
    await cell.fill('1.234');
    await page.getByRole('button', { name: 'Save all' }).click();
    await page
      .getByText('1.234 is ambiguous: thousands or decimals? For thousands write 1234; for decimals write 1,234 (with a decimal comma).')
      .first()
      .waitFor();
    await page.context().close();
  });
  it("a date outside the project's own dates is asked about under the field, and still accepted", async () => {
    await e.db.updateTable('projects').set({ startDate: '2026-06-01', endDate: '2030-12-31' }).where('id', '=', projectId).execute();
    const ctx = await e.context();
    const page = await ctx.newPage();
    await e.login(page, worker.email);
    await page.goto(`/projects/${projectId}/hours`);
    const form = page.locator('form').first();
    const date = form.getByLabel('Datum');
    await date.fill('2025-06-10');
    const check = form.getByText('Let op: deze datum ligt voor de start van het project (1 juni 2026). Klopt de datum?');
    await check.waitFor();
    expect(await descriptionOf(date)).toContain('voor de start van het project (1 juni 2026)');
    await form.getByLabel('Uren', { exact: false }).fill('2');
    await form.getByLabel('Wat deed je?', { exact: false }).fill('Voorbereiding');
    await form.getByRole('button', { name: 'Toevoegen' }).click();
    await expect.poll(() => e.db.selectFrom('hours').select('date').where('activity', '=', 'Voorbereiding').execute()).toEqual([{ date: '2025-06-10' }]);
    await date.fill('2026-06-10');
    await expect.poll(() => check.count()).toBe(0);
    await e.db.updateTable('projects').set({ startDate: null, endDate: null }).where('id', '=', projectId).execute();
    await ctx.close();
  });

  it('a worker downloads the template, sees a bad row in Dutch or English, then each value beside the one it replaces, and imports', async () => {
    const ctx = await e.context();
    const page = await ctx.newPage();
    await e.login(page, worker.email);
    await page.goto(`/projects/${projectId}/indicators/import`);
    await page.getByRole('heading', { name: '1. Haal het sjabloon op' }).waitFor();
    await checkA11y(page, 'csv import');
    await page.getByLabel('Aantal perioden').selectOption('2');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Sjabloon downloaden (CSV)' }).click()]);
    expect(download.suggestedFilename()).toBe(`waarden-project-${projectId}.csv`);
    const template = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
    const lines = template.split('\r\n');
    expect(lines[0]).toBe('indicator;periode;gebied;waarde;opmerking');
    // two quarters ending with this one: Aandeel actief once per quarter, Bezoekers per buurt
    expect(lines.filter(Boolean)).toHaveLength(1 + 2 * 1 + 2 * 2);
    const quarter = lines[2]!.split(';')[1]!;

    // A bad value and a bad period: the reasons in Dutch, whole sentences.
    const bad = template
      .replace(`Bezoekers;${quarter};Kop Zeedijk;;`, `Bezoekers;${quarter};Kop Zeedijk;acht;`)
      .replace(`Aandeel actief;${quarter};;;`, 'Aandeel actief;2026-Q5;;3;');
    const file = (text: string) => page.getByLabel('CSV-bestand').setInputFiles({ name: 'waarden.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
    await file(bad);
    await page.getByRole('button', { name: 'Controleren' }).click();
    await expect.poll(() => page.getByRole('cell', { name: "'acht' is geen getal." }).count()).toBe(1);
    await expect.poll(() => page.getByRole('cell', { name: "'2026-Q5' is geen periode. Schrijf bijvoorbeeld 2026, 2026-Q1 of 2026-03." }).count()).toBe(1);
    expect(await page.getByText('not a', { exact: false }).count()).toBe(0);
    await expect(page.getByRole('button', { name: 'Importeren' }).isDisabled()).resolves.toBe(true);
    await checkA11y(page, 'csv import with errors');
    await e.screenshot(page, 'counting-csv-preview-errors');
    // The same file in English: the English sentences only.
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('heading', { name: '1. Get the template' }).waitFor();
    await page.getByLabel('CSV file').setInputFiles({ name: 'waarden.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    await page.getByRole('button', { name: 'Check' }).click();
    await expect.poll(() => page.getByRole('cell', { name: "'acht' is not a number." }).count()).toBe(1);
    expect(await page.getByText('geen', { exact: false }).count()).toBe(0);
    await page.getByRole('button', { name: 'Naar Nederlands' }).click();
    await page.getByRole('heading', { name: '1. Haal het sjabloon op' }).waitFor();

    // Filled in: each value beside the one it replaces ("nog niets" where nothing was).
    const [qa, qb] = [lines[1]!.split(';')[1]!, quarter];
    const filled = template
      .replace(`Bezoekers;${qb};Kop Zeedijk;;`, `Bezoekers;${qb};Kop Zeedijk;8;`)
      .replace(`Aandeel actief;${qa};;;`, `Aandeel actief;${qa};;40,5;`);
    await e.db.insertInto('indicatorValues').values({ indicatorId: visitors, period: qb, areaId: oudeKerk, value: 5, note: '', enteredBy: null }).execute();
    const withOld = filled.replace(`Bezoekers;${qb};Oude Kerk e.o.;;`, `Bezoekers;${qb};Oude Kerk e.o.;6;`);
    await file(withOld);
    await page.getByRole('button', { name: 'Controleren' }).click();
    await expect.poll(() => page.getByText('2 nieuw, 1 gewijzigd', { exact: false }).count()).toBe(1);
    const changes = page.getByRole('table', { name: 'Dit wordt er opgeslagen' });
    const rowOf = (area: string) => changes.getByRole('row').filter({ hasText: area });
    const cells = async (area: string) => (await rowOf(area).locator('td, th').allInnerTexts()).map((c) => c.replace(/\s+/g, ' ').trim());
    await expect(cells('Oude Kerk e.o.')).resolves.toEqual(['7', `Bezoekers ${periodLabel(qb, 'nl')} · Oude Kerk e.o.`, '5', '6']);
    await expect(cells('Kop Zeedijk')).resolves.toEqual(['6', `Bezoekers ${periodLabel(qb, 'nl')} · Kop Zeedijk`, 'nog niets', '8']);
    await expect(cells('hele project')).resolves.toEqual(['2', `Aandeel actief ${periodLabel(qa, 'nl')} · hele project`, 'nog niets', '40,5']);
    await checkA11y(page, 'csv import preview');
    await e.screenshot(page, 'counting-csv-preview-changes');
    await page.getByRole('button', { name: 'Importeren' }).click();
    await expect.poll(() => page.getByText('Geïmporteerd: 2 nieuw, 1 gewijzigd', { exact: false }).count()).toBe(1);
    expect(await e.db.selectFrom('indicatorValues').select('value').where('period', 'in', [qa, qb]).orderBy('value').execute()).toEqual([
      { value: 6 },
      { value: 8 },
      { value: 40.5 },
    ]);
    await ctx.close();

    // On a phone the page and its preview fit the screen.
    const phone = await (await e.context({ phone: true })).newPage();
    await e.login(phone, worker.email);
    await phone.goto(`/projects/${projectId}/indicators/import`);
    await phone.getByLabel('CSV-bestand').setInputFiles({ name: 'waarden.csv', mimeType: 'text/csv', buffer: Buffer.from(withOld.replace(';6;', ';7;')) });
    await phone.getByRole('button', { name: 'Controleren' }).click();
    await phone.getByRole('table', { name: 'Dit wordt er opgeslagen' }).waitFor();
    await expectNoHorizontalScroll(phone, 'csv preview on a phone');
    await checkA11y(phone, 'csv preview on a phone');
    await e.screenshot(phone, 'counting-csv-preview-phone');
    await phone.context().close();
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
    // Each label is the field's name alone; a hint describes its field instead of being read twice.
    const baselinePeriod = page.getByRole('group', { name: 'Nulmeting' }).getByRole('textbox', { name: 'Periode', exact: true });
    await expectNameAndHint(baselinePeriod, 'Periode', 'Bijvoorbeeld 2026, 2026-Q1 of 2026-03.');
    await expectNameAndHint(
      page.getByRole('combobox', { name: /^Meetniveau/ }),
      'Meetniveau (IATI)',
      'Hoe de indicator gemeten wordt, volgens IATI. Laat leeg voor de standaard bij de eenheid.',
    );
    await baselinePeriod.fill('2025 Q4');
    await page.getByRole('button', { name: 'Doel toevoegen' }).click();
    const targets = page.getByRole('group', { name: 'Doelen' });
    await targets.getByLabel('Periode').fill('2026-Q1');
    await targets.getByLabel('Gebied').selectOption({ label: 'Kop Zeedijk' });
    await page.getByRole('button', { name: 'Doel toevoegen' }).click(); // a line left empty is no target
    await page.getByRole('button', { name: 'Opslaan' }).click();
    // A count is a whole number: said at the field, nothing saved.
    await expect.poll(() => page.getByText('Een aantal is een heel getal van 0 of meer.').count()).toBe(1);
    expect(page.url()).toContain('/indicators/new');
    // A target's label is its name alone; its error describes it.
    const goal = targets.locator('input[inputmode="decimal"]');
    await expectAccessible(goal, 'Doel', /^Vul het doel in, of haal deze regel weg\.$/);
    await goal.fill('40');
    await page.getByRole('group', { name: 'Nulmeting' }).getByLabel('Waarde').fill('12');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.waitForURL(`**/projects/${projectId}/indicators`);
    const row = await e.db.selectFrom('indicators').selectAll().where('name', '=', 'Deelnemers buurtmaaltijd').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ unit: 'count', measure: 'unit', byArea: 1, baselineValue: 12, baselinePeriod: '2025-Q4' });
    expect(await e.db.selectFrom('indicatorTargets').select(['period', 'areaId', 'value']).where('indicatorId', '=', row.id).execute()).toEqual([
      { period: '2026-Q1', areaId: kop, value: 40 },
    ]);

    await page.goto(`/indicators/${visitors}/edit`);
    await expect.poll(() => page.getByRole('heading', { name: 'Laatste wijzigingen van de waarden' }).count()).toBe(1);
    await e.screenshot(page, 'counting-indicator-edit');
    await ctx.close();
  });

  it('a coordinator links an indicator to an outcome in the form, and the outcomes page lists it and offers to add one', async () => {
    const coordinator = await e.user('coordinator');
    const outcome = (title: string, archivedAt: string | null) =>
      e.db
        .insertInto('outcomes')
        .values({ projectId, level: 'outcome', title, description: '', parentId: null, libraryId: null, sort: 0, archivedAt })
        .returning('id')
        .executeTakeFirstOrThrow();
    const meet = (await outcome('Bewoners ontmoeten elkaar', null)).id;
    await outcome('Oud doel', '2026-01-01T00:00:00.000Z');
    const ctx = await e.context();
    const page = await ctx.newPage();
    await e.login(page, coordinator.email);
    await page.goto(`/projects/${projectId}/outcomes`);
    await page.getByRole('link', { name: 'Indicator toevoegen bij Bewoners ontmoeten elkaar' }).click();
    await page.waitForURL(`**/projects/${projectId}/indicators/new?outcome=${meet}`);
    const select = page.getByRole('combobox', { name: /^Bij welke uitkomst/ });
    await expectNameAndHint(
      select,
      'Bij welke uitkomst hoort deze indicator?',
      'Rapportages tonen een indicator bij zijn uitkomst; zonder uitkomst komt hij in geen rapportage.',
    );
    await expect.poll(() => select.inputValue()).toBe(String(meet));
    // An archived outcome is not offered for a new link.
    expect(await select.locator('option').allTextContents()).toEqual(['— nog geen uitkomst —', 'Bewoners ontmoeten elkaar']);
    await page.getByLabel('Naam').fill('Bezoekers ontmoetingsochtend');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.waitForURL(`**/projects/${projectId}/indicators`);
    const created = await e.db
      .selectFrom('indicators')
      .select(['id', 'outcomeId'])
      .where('name', '=', 'Bezoekers ontmoetingsochtend')
      .executeTakeFirstOrThrow();
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
