// Journey: a worker logs in, records a story heard on the street with paper consent, logs hours
// and enters the quarter's indicator values — with the keyboard alone, axe on every page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertProject, setProjectMembers } from '../../db/repositories/projects.js';
import { startE2E, type E2E } from '../helpers/browser.js';
import { activate, checkA11y, chooseOption, chooseRadio, screenshot, tabTo, typeInto } from '../helpers/a11y.js';
import { quarterIndicator } from '../helpers/journey-fixtures.js';

describe('journey: worker', () => {
  let e: E2E;
  let projectId: number;
  let worker: { id: number; email: string };
  let visitors: number;
  beforeAll(async () => {
    e = await startE2E();
    worker = await e.user('worker');
    const area = await e.db
      .insertInto('areas')
      .values({ name: 'Kop Zeedijk', kind: 'buurt', cbsCode: 'BU03630000', parentId: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    projectId = await insertProject(e.db, { name: 'Buurtkamer Zeedijk', areaIds: [area.id], budgetHours: 40, budgetEuros: 1000 });
    await setProjectMembers(e.db, projectId, [worker.id]);
    visitors = await quarterIndicator(e.db, projectId, 'Bezoekers buurtkamer', { byArea: false });
  });
  afterAll(async () => e?.close());

  it('records a heard story with paper consent, logs hours and enters the quarter', async () => {
    const page = await (await e.context()).newPage();
    page.on('dialog', (d) => void d.accept());

    // Log in.
    await page.goto('/login');
    await page.getByRole('heading', { name: 'Inloggen' }).waitFor();
    await typeInto(page, page.getByLabel('E-mailadres'), worker.email);
    await typeInto(page, page.getByLabel('Wachtwoord'), 'correct horse battery');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /Welkom/ }).waitFor();
    await checkA11y(page, 'worker home');

    // Stories → record a story heard on the street.
    await activate(page, page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Verhalen' }));
    await page.getByRole('heading', { name: 'Verhalen', level: 1 }).waitFor();
    await checkA11y(page, 'worker stories');
    await activate(page, page.getByRole('link', { name: 'Verhaal vastleggen' }));
    await page.getByRole('heading', { name: 'Verhaal vastleggen', level: 1 }).waitFor();
    await checkA11y(page, 'worker record story');
    await chooseRadio(page, page.getByRole('radio', { name: /Een verhaal dat ik hoorde/ }));
    const project = page.getByRole('combobox', { name: 'Project' });
    if (await project.count()) await chooseOption(page, project, 'Buurtkamer Zeedijk');
    await chooseOption(page, page.getByRole('combobox', { name: 'Gebied' }), 'Kop Zeedijk');
    await chooseOption(page, page.getByRole('combobox', { name: 'Fase' }), 'Doen');
    await typeInto(page, page.getByRole('textbox', { name: 'Titel', exact: true }), 'Hulp bij de formulieren');
    const editor = page.getByRole('textbox', { name: 'Het verhaal', exact: true });
    await tabTo(page, editor);
    await page.keyboard.type('Mevrouw K. vertelde op de markt dat de buurvrouw nu helpt met de post van de gemeente.');
    await typeInto(page, page.getByLabel(/^Naam of schuilnaam/), 'Mevrouw K.');
    await chooseRadio(page, page.getByRole('radio', { name: /Verslag, anoniem/ }));
    await chooseRadio(page, page.getByRole('radio', { name: 'Op papier' }));
    await checkA11y(page, 'worker record story filled in');
    await activate(page, page.getByRole('button', { name: 'Opslaan' }));
    await page.waitForURL(/\/stories\/\d+$/);
    await page.getByRole('heading', { name: 'Hulp bij de formulieren', level: 1 }).waitFor();
    await checkA11y(page, 'worker story page');
    const story = await e.db.selectFrom('stories').selectAll().executeTakeFirstOrThrow();
    expect(story).toMatchObject({ projectId, source: 'heard', consent: 'report', recordedBy: worker.id });
    const consent = await e.db.selectFrom('storyConsents').selectAll().where('storyId', '=', story.id).executeTakeFirstOrThrow();
    expect(consent).toMatchObject({ channel: 'paper' });

    // Projects → the project → hours.
    await activate(page, page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Projecten' }));
    await activate(page, page.getByRole('link', { name: 'Buurtkamer Zeedijk' }));
    await page.getByRole('heading', { name: 'Buurtkamer Zeedijk', level: 1 }).waitFor();
    await checkA11y(page, 'worker project');
    // Only the pages a worker may open are offered: tagging this project's stories, and its story links (to set their question).
    expect(await page.getByRole('main').getByRole('link', { name: 'Taggen', exact: true }).getAttribute('href')).toBe(`/tagging?projectId=${projectId}`);
    expect(await page.getByRole('link', { name: 'Vertel-links en QR-codes' }).getAttribute('href')).toBe(`/projects/${projectId}/links`);
    await activate(page, page.getByRole('link', { name: 'Uren', exact: true }));
    await page.getByRole('heading', { name: 'Uren en geld', level: 1 }).waitFor();
    await checkA11y(page, 'worker hours');
    const form = page.locator('form').first();
    await typeInto(page, form.getByLabel(/^Uren/), '2,5');
    await chooseOption(page, form.getByLabel('Fase'), /Doen/);
    await typeInto(page, form.getByLabel(/^Wat deed je\?/), 'Spreekuur buurtkamer');
    await activate(page, form.getByRole('button', { name: 'Toevoegen' }));
    await page.getByText('2,5 van 40 uur gebruikt').waitFor();
    expect(await e.db.selectFrom('hours').select(['hours', 'phase', 'userId']).execute()).toEqual([{ hours: 2.5, phase: 'DOEN', userId: worker.id }]);
    await checkA11y(page, 'worker hours logged');

    // Back to the project → indicators: the quarter's values.
    await page.goBack();
    await page.getByRole('heading', { name: 'Buurtkamer Zeedijk', level: 1 }).waitFor();
    await activate(page, page.getByRole('link', { name: 'Indicatoren', exact: true }));
    const period = page.getByRole('textbox', { name: /^Tot en met/ });
    await typeInto(page, period, '2026-Q1');
    await activate(page, page.getByRole('button', { name: 'Tonen' }));
    const cell = page.getByRole('textbox', { name: 'Bezoekers buurtkamer, Hele project, 1e kwartaal 2026' });
    await typeInto(page, cell, '140');
    await checkA11y(page, 'worker indicator grid');
    await activate(page, page.getByRole('button', { name: 'Alles opslaan' }));
    await page.getByText('Opgeslagen: 1 nieuw').waitFor();
    expect(await e.db.selectFrom('indicatorValues').select(['indicatorId', 'period', 'value']).execute()).toEqual([
      { indicatorId: visitors, period: '2026-Q1', value: 140 },
    ]);
    await screenshot(page, 'worker-indicator-grid');
  }, 120_000);
});
