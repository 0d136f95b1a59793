// Journey: a coordinator creates a project with outcomes, makes and prints a link for residents,
// tags stories from the inbox, codes an excerpt, runs a Most Significant Change round, and builds,
// publishes and shares a report with a funder — with the keyboard alone, axe on every page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startE2E, type E2E } from '../helpers/browser.js';
import { activate, checkA11y, chooseOption, screenshot, tabTo, typeInto } from '../helpers/a11y.js';
import { makeStory } from '../helpers/sensemaking-fixtures.js';

describe('journey: coordinator', () => {
  let e: E2E;
  let coordinator: { id: number; email: string };
  let funder: { id: number; email: string };
  beforeAll(async () => {
    e = await startE2E();
    coordinator = await e.user('coordinator', 'cor@example.nl');
    funder = await e.user('funder', 'fien@gemeente.example.nl');
  });
  afterAll(async () => e?.close());

  const menu = (page: Page, name: string) => page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name });

  it('from a new project to a report shared with the funder', async () => {
    const page = await (await e.context()).newPage();
    page.on('dialog', (d) => void d.accept());
    await page.goto('/login');
    await typeInto(page, page.getByLabel('E-mailadres'), coordinator.email);
    await typeInto(page, page.getByLabel('Wachtwoord'), 'correct horse battery');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /Welkom/ }).waitFor();

    // A new project.
    await activate(page, menu(page, 'Projecten'));
    await page.getByRole('heading', { name: 'Projecten', level: 1 }).waitFor();
    await checkA11y(page, 'coordinator projects');
    await activate(page, page.getByRole('link', { name: 'Nieuw project' }));
    await typeInto(page, page.getByLabel('Naam van het project'), 'Samen in de Schilderswijk');
    await typeInto(page, page.getByLabel(/^Vraagstuk/), 'Bewoners kennen elkaar nauwelijks.');
    await checkA11y(page, 'coordinator new project');
    await activate(page, page.getByRole('button', { name: 'Project aanmaken' }));
    await page.waitForURL(/\/projects\/\d+$/);
    const projectId = Number(new URL(page.url()).pathname.split('/').pop());
    await page.getByRole('heading', { name: 'Samen in de Schilderswijk', level: 1 }).waitFor();
    await checkA11y(page, 'coordinator project');

    // Its outcomes.
    await activate(page, page.getByRole('link', { name: 'Uitkomsten' }));
    await page.getByRole('heading', { name: /^Uitkomsten/, level: 1 }).waitFor();
    await checkA11y(page, 'coordinator outcomes');
    await chooseOption(page, page.getByRole('combobox', { name: /^Niveau/ }), /Effect/);
    await typeInto(page, page.getByRole('textbox', { name: 'Titel' }), 'Buren kennen elkaar');
    await activate(page, page.getByRole('button', { name: 'Toevoegen' }));
    await page.getByRole('heading', { name: /Buren kennen elkaar/ }).waitFor();
    expect(await e.db.selectFrom('outcomes').select(['title', 'level']).where('projectId', '=', projectId).execute()).toEqual([
      { title: 'Buren kennen elkaar', level: 'outcome' },
    ]);
    await checkA11y(page, 'coordinator outcomes added');

    // A link for residents, and its poster.
    await page.goBack();
    await page.getByRole('heading', { name: 'Samen in de Schilderswijk', level: 1 }).waitFor();
    await activate(page, page.getByRole('link', { name: 'Vertel-links en QR-codes' }));
    await page.getByRole('heading', { name: 'Links voor bewoners', level: 1 }).waitFor();
    await typeInto(page, page.getByLabel(/^Naam van de link/), 'Poster buurthuis');
    await activate(page, page.getByRole('button', { name: 'Link maken' }));
    await page.getByText('De link is gemaakt.').waitFor();
    await checkA11y(page, 'coordinator links');
    await activate(page, page.getByRole('link', { name: 'Poster afdrukken voor link Poster buurthuis' }));
    await page.waitForURL(/\/poster$/);
    await page.getByRole('img', { name: /QR-code naar/ }).waitFor();
    await checkA11y(page, 'coordinator poster');
    await page.emulateMedia({ media: 'print' });
    await screenshot(page, 'coordinator-poster-print');
    expect((await page.pdf({ format: 'A4' })).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await page.emulateMedia({ media: 'screen' });

    // Stories have come in (through the link and from the workers).
    const stories: number[] = [];
    for (const title of ['Groeten op straat', 'Samen koken'])
      stories.push(await makeStory(e.db, { projectId, title, consent: 'report', happenedOn: '2026-03-01' } as Parameters<typeof makeStory>[1]));

    // The tagging inbox, by keyboard.
    await activate(page, menu(page, 'Taggen'));
    await page.getByRole('heading', { name: 'Groeten op straat' }).waitFor();
    await checkA11y(page, 'coordinator tagging inbox');
    await screenshot(page, 'tagging-inbox');

    // Tag both: 1 toggles the first outcome, Enter saves and moves on.
    await page.getByRole('heading', { name: 'Groeten op straat' }).waitFor();
    await page.keyboard.press('1');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Samen koken' }).waitFor();
    await page.keyboard.press('1');
    await page.keyboard.press('Enter');
    await expect
      .poll(() =>
        e.db
          .selectFrom('storyOutcomes')
          .select('storyId')
          .where('status', '=', 'accepted')
          .execute()
          .then((r) => r.length),
      )
      .toBe(2);

    // Code a passage of the story in view: select it with Shift and the arrow keys.
    await e.db.insertInto('codes').values({ name: 'Ontmoeting', description: '' }).execute();
    await activate(page, page.getByRole('link', { name: 'Fragmenten coderen' }).first());
    const text = page.getByRole('textbox', { name: /Tekst van het verhaal/ });
    await tabTo(page, text);
    await checkA11y(page, 'coordinator coding');
    await page.keyboard.press('Control+Home');
    for (let i = 0; i < 'Sinds'.length; i++) await page.keyboard.press('Shift+ArrowRight');
    await page.getByText('Selectie: 5 tekens').waitFor();
    await activate(page, page.getByRole('button', { name: 'Fragment coderen' }));
    await page.getByText('Fragment gecodeerd.').waitFor();
    expect(await e.db.selectFrom('storyExcerpts').select('quote').execute()).toEqual([{ quote: 'Sinds' }]);

    // A Most Significant Change round with the coordinator on the panel.
    await activate(page, menu(page, 'MSC-rondes'));
    await page.getByRole('heading', { name: 'Most Significant Change', level: 1 }).waitFor();
    await checkA11y(page, 'coordinator msc');
    await typeInto(page, page.getByRole('textbox', { name: /^Domein van verandering/ }), 'Meedoen');
    await tabTo(page, page.getByLabel(/^Verhalen van/));
    await page.getByLabel(/^Verhalen van/).fill('2026-01-01'); // a date field: fill the focused input
    await tabTo(page, page.getByLabel(/^Tot en met/));
    await page.getByLabel(/^Tot en met/).fill('2026-12-31');
    await activate(page, page.getByRole('checkbox', { name: 'Samen in de Schilderswijk' }), 'Space');
    await activate(page, page.getByRole('checkbox', { name: /^Coordinator/ }), 'Space');
    await activate(page, page.getByRole('button', { name: 'Ronde openen' }));
    await page.getByRole('heading', { name: 'Meedoen', level: 1 }).waitFor();
    await checkA11y(page, 'coordinator msc round');
    await activate(page, page.getByRole('button', { name: 'Kies dit verhaal' }).first());
    await typeInto(page, page.getByLabel(/meest betekenisvolle verandering/), 'Mensen groeten elkaar weer.');
    await activate(page, page.getByRole('button', { name: 'Keuze opslaan' }));
    await page.getByText('Je keuze is opgeslagen.').waitFor();
    await checkA11y(page, 'coordinator msc pick saved');
    expect(await e.db.selectFrom('mscPicks').select('reason').execute()).toEqual([{ reason: 'Mensen groeten elkaar weer.' }]);
    await activate(page, page.getByRole('button', { name: 'Ronde sluiten en selectie vastleggen' }));
    await page.getByText('Weet je het zeker?').waitFor();
    await page.keyboard.press('Enter'); // the confirm button has taken the focus
    await page.getByText(/Gesloten op/).waitFor();
    await checkA11y(page, 'coordinator msc closed');
    expect(await e.db.selectFrom('mscSelections').select('reason').execute()).toEqual([{ reason: 'Mensen groeten elkaar weer.' }]);

    // The report: define, publish, share with the funder.
    await activate(page, menu(page, 'Rapportages'));
    await activate(page, page.getByRole('link', { name: 'Nieuwe rapportage' }));
    await typeInto(page, page.getByLabel('Titel'), 'Schilderswijk 2026');
    await tabTo(page, page.getByLabel('Van', { exact: true }));
    await page.getByLabel('Van', { exact: true }).fill('2026-01-01');
    await tabTo(page, page.getByLabel('Tot en met'));
    await page.getByLabel('Tot en met').fill('2026-12-31');
    await activate(page, page.getByRole('checkbox', { name: 'Samen in de Schilderswijk' }), 'Space');
    await checkA11y(page, 'coordinator new report');
    await activate(page, page.getByRole('button', { name: 'Opslaan' }));
    await page.waitForURL(/\/reports\/\d+$/);
    await activate(page, page.getByRole('button', { name: 'Publiceren als nieuwe versie' }));
    // Publishing asks first; the confirm button has taken the focus.
    await page.getByRole('heading', { name: 'Versie 1 publiceren?' }).waitFor();
    await checkA11y(page, 'coordinator confirms publishing');
    await page.keyboard.press('Enter');
    await page.getByText('Versie 1 is gepubliceerd.').waitFor();
    await chooseOption(page, page.getByLabel('Financiersaccount'), /^Funder/);
    await activate(page, page.getByRole('button', { name: 'Delen', exact: true }));
    await page.getByRole('button', { name: /^Niet meer delen met Funder/ }).waitFor();
    await checkA11y(page, 'coordinator report shared');
    expect(await page.getByRole('main').getByRole('link', { name: '← Alle rapportages' }).getAttribute('href')).toBe('/reports');
    await screenshot(page, 'report-edit');
    const shares = await e.db.selectFrom('reportShares').select('userId').execute();
    expect(shares).toEqual([{ userId: funder.id }]);
  }, 240_000);
});
