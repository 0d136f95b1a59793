// A coordinator builds a report only through the pages: an indicator linked to an outcome in the
// form, values entered in the grid, stories chosen and a narrative written per outcome, published
// after confirming — and the summary shows the percentage of the target reached.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNameAndHint, isFocused } from '../helpers/a11y.js';
import { answerLeaving, startE2E, type E2E } from '../helpers/browser.js';
import { addArea, addOutcome, addProject, addStory } from '../helpers/reports-fixtures.js';

describe('browser: a report built through the pages', () => {
  let e: E2E;
  let projectId: number;
  let outcomeId: number;
  beforeAll(async () => {
    e = await startE2E();
    const areaId = await addArea(e.db, 'Oosterpark');
    projectId = await addProject(e.db, 'Buurtkamer Oost', [areaId]);
    outcomeId = await addOutcome(e.db, projectId, 'Buren helpen elkaar');
    // Stories told and tagged by others; the team-only one never reaches a report.
    const common = { projectId, areaId, outcomeIds: [outcomeId] };
    await addStory(e.db, {
      ...common,
      consent: 'report',
      title: 'De ladder van de buren',
      body: 'Mijn buurman leende me zijn ladder.',
      happenedOn: '2026-02-10',
    });
    await addStory(e.db, {
      ...common,
      consent: 'public',
      tellerName: 'Fenna',
      title: 'Soep voor de flat',
      body: 'We kookten soep voor de hele flat.',
      happenedOn: '2026-03-01',
    });
    await addStory(e.db, { ...common, consent: 'report', title: 'Boodschappen samen', body: 'We doen nu samen boodschappen.', happenedOn: '2026-03-20' });
    await addStory(e.db, { ...common, consent: 'team', title: 'Alleen voor ons', body: 'TEAMGEHEIM', happenedOn: '2026-03-21' });
  });
  afterAll(async () => e?.close());

  it('indicator → values → stories and narrative → publish → the summary reads 75% of the target', { timeout: 120_000 }, async () => {
    const coordinator = await e.user('coordinator');
    const ctx = await e.context();
    const page = await ctx.newPage();
    page.setDefaultTimeout(10_000);
    await e.login(page, coordinator.email);

    // 1. The indicator, linked to its outcome in the form, with a target.
    await page.goto(`/projects/${projectId}/outcomes`);
    await page.getByRole('link', { name: 'Indicator toevoegen bij Buren helpen elkaar' }).click();
    await page.getByLabel('Naam').fill('Burenhulp per kwartaal');
    await expect.poll(() => page.getByRole('combobox', { name: /^Bij welke uitkomst/ }).inputValue()).toBe(String(outcomeId));
    await page.getByRole('button', { name: 'Doel toevoegen' }).click();
    const targets = page.getByRole('group', { name: 'Doelen' });
    await targets.getByLabel('Periode').fill('2026-Q1');
    await targets.getByRole('textbox', { name: 'Doel', exact: true }).fill('40');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.waitForURL(`**/projects/${projectId}/indicators`);

    // 2. The value, entered in the grid.
    const last = page.getByRole('textbox', { name: /^Tot en met/ });
    await last.fill('2026-Q1');
    await page.getByRole('button', { name: 'Tonen' }).click();
    const cell = page.getByRole('textbox', { name: 'Burenhulp per kwartaal, Hele project, 1e kwartaal 2026' });
    await cell.fill('30');
    // A link away asks first while the value is not saved, and so does the browser's back button;
    // staying keeps the value.
    await answerLeaving(page, () => page.getByRole('link', { name: 'Rapportages', exact: true }).first().click());
    expect(await cell.inputValue()).toBe('30');
    await answerLeaving(page, () => page.goBack());
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/projects/${projectId}/indicators`);
    expect(await cell.inputValue()).toBe('30');
    await page.getByRole('button', { name: 'Alles opslaan' }).click();
    await page.getByText(/Opgeslagen: 1 nieuw/).waitFor();

    // 3. The report's definition.
    await page.goto('/reports/new');
    await page.getByLabel('Titel').fill('Burenhulp Oost 2026');
    // The label is the field's name alone; its hint describes the field instead of being read twice.
    await expectNameAndHint(
      page.getByRole('combobox', { name: 'Voor wie', exact: true }),
      'Voor wie',
      'Verhalen met toestemming "alleen het team" komen nooit in een rapportage, voor geen enkel publiek.',
    );
    await page.getByLabel('Van', { exact: true }).fill('2026-01-01');
    await page.getByLabel('Tot en met').fill('2026-06-30');
    // Areas are offered for the chosen projects only.
    await page.getByRole('checkbox', { name: 'Buurtkamer Oost' }).waitFor();
    expect(await page.getByRole('checkbox', { name: 'Oosterpark' }).count()).toBe(0);
    await page.getByRole('checkbox', { name: 'Buurtkamer Oost' }).check();
    await page.getByRole('checkbox', { name: 'Oosterpark' }).waitFor();
    await page.getByRole('button', { name: 'Opslaan', exact: true }).click();
    await page.waitForURL(/\/reports\/\d+$/);
    const reportId = Number(new URL(page.url()).pathname.split('/').pop());

    // 4. The narrative and the chosen stories, in order; the team-only story is not offered. Each
    // outcome is folded to one line that says what it holds; its heading opens it.
    const outcome = page.getByRole('button', { name: /^Buren helpen elkaar/ });
    await expect(outcome.getAttribute('aria-expanded')).resolves.toBe('false');
    await page.getByText('Nog geen tekst · Voorstel: 2 verhalen').waitFor();
    await outcome.click();
    const stories = page.getByRole('group', { name: 'Verhalen bij "Buren helpen elkaar"' });
    await stories.getByRole('checkbox', { name: /De ladder van de buren/ }).waitFor();
    expect(await stories.getByRole('checkbox', { name: /Alleen voor ons/ }).count()).toBe(0);
    // Suggested: the two most recent. Choose the ladder instead of the shopping, and put it first.
    await stories.getByRole('checkbox', { name: /Boodschappen samen/ }).uncheck();
    await stories.getByRole('checkbox', { name: /De ladder van de buren/ }).check();
    await stories.getByRole('button', { name: 'Omhoog: De ladder van de buren' }).click();
    await expect.poll(() => isFocused(stories.getByRole('button', { name: 'Omhoog: De ladder van de buren' }))).toBe(true);
    const editor = page.getByRole('textbox', { name: 'Wat we zien bij "Buren helpen elkaar"' });
    await editor.click();
    await page.keyboard.type('Buren vragen elkaar ');
    await page.keyboard.press('Control+b');
    await page.keyboard.type('vaker om hulp');
    await page.keyboard.press('Control+b');
    await page.keyboard.type('.');
    // Changing the choice after writing keeps what was written.
    // What the boxes show is what is chosen, in order, also after moving; the focus stays on the
    // button pressed, with its story.
    const boxes = () =>
      stories.getByRole('checkbox').evaluateAll((els) =>
        els.map(
          (e) =>
            `${(e as HTMLInputElement).checked ? '☑' : '☐'} ${e
              .closest('li')!
              .textContent!.replace(/\s+(\d{1,2}\s+)?[a-z]+\s+\d{4}[\s\S]*$/, '') // the date, in words
              .trim()}`,
        ),
      );
    expect(await boxes()).toEqual(['☑ De ladder van de buren', '☑ Soep voor de flat', '☐ Boodschappen samen']);
    await stories.getByRole('checkbox', { name: /Soep voor de flat/ }).uncheck();
    await stories.getByRole('checkbox', { name: /Soep voor de flat/ }).check();
    expect(await boxes()).toEqual(['☑ De ladder van de buren', '☑ Soep voor de flat', '☐ Boodschappen samen']);
    // The folded line says at once that there is text, and that text and choice are not saved yet.
    const unsaved = page.getByText('Tekst geschreven (nog niet opgeslagen) · 2 verhalen gekozen (nog niet opgeslagen)');
    await unsaved.waitFor();
    // Saving the definition above keeps what was written and chosen here and not saved yet.
    const definitionSaved = async () => {
      const reloaded = page.waitForResponse((r) => r.url().endsWith(`/api/reports/${reportId}/outcomes`));
      await page.getByRole('button', { name: 'Opslaan', exact: true }).click();
      await reloaded;
      await page.getByRole('status').getByText('Opgeslagen.', { exact: true }).waitFor();
    };
    await page.getByRole('button', { name: /^Opzet/ }).click();
    await page.getByLabel('Titel').fill('Burenhulp Oost, eerste half jaar 2026');
    await definitionSaved();
    await unsaved.waitFor();
    expect(await editor.textContent()).toBe('Buren vragen elkaar vaker om hulp.');
    expect(await boxes()).toEqual(['☑ De ladder van de buren', '☑ Soep voor de flat', '☐ Boodschappen samen']);
    await page.getByRole('button', { name: 'Teksten en verhalen opslaan' }).click();
    await page.getByText('Teksten en verhalen opgeslagen.').waitFor();
    await page.getByText('Tekst geschreven · 2 verhalen gekozen').waitFor();
    await e.screenshot(page, 'report-build-texts');
    const saved = await e.db.selectFrom('reports').select('outcomeTexts').where('id', '=', reportId).executeTakeFirstOrThrow();
    const [text] = JSON.parse(saved.outcomeTexts) as { narrativeHtml: string; storyIds: number[] }[];
    expect(text!.narrativeHtml).toBe('<p>Buren vragen elkaar <strong>vaker om hulp</strong>.</p>');
    // A saved text changed again also stays when the definition is saved.
    await editor.click();
    await page.keyboard.press('ControlOrMeta+End');
    await page.keyboard.type(' Vooral ouderen.');
    await page.getByText('Tekst geschreven (nog niet opgeslagen) · 2 verhalen gekozen').waitFor();
    await page.getByLabel('Titel').fill('Burenhulp Oost 2026');
    await definitionSaved();
    expect(await editor.textContent()).toBe('Buren vragen elkaar vaker om hulp. Vooral ouderen.');
    const titles = await e.db.selectFrom('stories').select(['id', 'title']).where('id', 'in', text!.storyIds).execute();
    expect(text!.storyIds.map((id) => titles.find((s) => s.id === id)!.title)).toEqual(['De ladder van de buren', 'Soep voor de flat']);

    // Leaving the page while a text is not saved asks first; staying keeps the text.
    await answerLeaving(page, () => page.getByRole('link', { name: 'Rapportages', exact: true }).first().click());
    expect(new URL(page.url()).pathname).toBe(`/reports/${reportId}`);
    expect(await editor.textContent()).toBe('Buren vragen elkaar vaker om hulp. Vooral ouderen.');

    // 5. Publish: it asks first, and says this is the first version. The text changed above is not
    // saved yet: the question says so and cannot be confirmed until it is.
    // A title typed and not saved counts too, until it is the saved one again.
    await page.getByLabel('Titel').fill('Burenhulp Oost 2026 (concept)');
    await page.getByRole('button', { name: 'Publiceren als nieuwe versie' }).click();
    const question = page.getByRole('heading', { name: 'Versie 1 publiceren?' });
    await question.waitFor();
    const confirm = page.getByRole('button', { name: 'Ja, publiceer versie 1' });
    await page.getByText('Eerst opslaan: de opzet en de teksten en verhalen per uitkomst.').waitFor();
    // The disabled button cannot take the focus: the question does, not the page's body.
    const focused = (l: typeof question) => l.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement);
    await expect.poll(() => focused(question)).toBe(true);
    await page.getByLabel('Titel').fill('Burenhulp Oost 2026');
    await page.getByText('Eerst opslaan: de teksten en verhalen per uitkomst. Wat niet is opgeslagen, komt niet in deze versie.').waitFor();
    expect(await confirm.isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Teksten en verhalen opslaan' }).click();
    await page.getByText('Tekst geschreven · 2 verhalen gekozen').waitFor();
    await expect.poll(() => confirm.isEnabled()).toBe(true);
    expect(await page.getByText(/^Eerst opslaan/).count()).toBe(0);
    await e.screenshot(page, 'report-build-confirm');
    await confirm.click();
    await page.getByText('Versie 1 is gepubliceerd.').waitFor();
    // Said where the question was, with the focus on it (the question's buttons are gone).
    await expect
      .poll(() => page.evaluate(() => document.querySelector('ww-app')!.shadowRoot!.querySelector('ww-report-edit-page')!.shadowRoot!.activeElement?.id))
      .toBe('published-note');

    // Nothing changed since: the question says so and cannot be confirmed.
    await page.getByRole('button', { name: 'Publiceren als nieuwe versie' }).click();
    const same = page.getByRole('group', { name: 'Versie 2 publiceren?' });
    await same.getByText('Er is niets veranderd sinds versie 1.', { exact: false }).waitFor();
    expect(await same.getByRole('button', { name: 'Ja, publiceer versie 2' }).isDisabled()).toBe(true);
    await expect.poll(() => focused(same.getByRole('heading', { name: 'Versie 2 publiceren?' }))).toBe(true);
    await same.getByRole('button', { name: 'Annuleren' }).click();

    // A text rewritten after that is news for the next version, even when no story or figure changes.
    await editor.click();
    await page.keyboard.press('ControlOrMeta+End');
    await page.keyboard.type(' En jongeren.');
    const saveTexts = page.getByRole('button', { name: 'Teksten en verhalen opslaan' });
    await saveTexts.click();
    await page.getByText('Teksten en verhalen opgeslagen.').waitFor();
    // Disabled while saving, the button gets the focus back after: the keyboard is not sent to the top.
    await expect.poll(() => focused(saveTexts)).toBe(true);
    await page.getByRole('button', { name: 'Publiceren als nieuwe versie' }).click();
    const second = page.getByRole('group', { name: 'Versie 2 publiceren?' });
    await second.getByRole('heading', { name: 'Tekst "wat we zien" veranderd (1)' }).waitFor();
    await second
      .getByRole('listitem')
      .filter({ hasText: /^Buren helpen elkaar \(.+\)$/ })
      .waitFor();
    expect(await second.getByText(/Er is niets veranderd/).count()).toBe(0);
    expect(await second.getByRole('button', { name: 'Ja, publiceer versie 2' }).isEnabled()).toBe(true);
    await second.getByRole('button', { name: 'Annuleren' }).click();

    // 6. The published version opens with the summary: 30 of the target 40 is 75%, behind.
    await page.goto(`/reports/${reportId}/versions/1`);
    const summary = page.locator('section.summary');
    const row = summary.getByRole('row', { name: /Burenhulp per kwartaal/ });
    await expect.poll(() => row.innerText()).toMatch(/40\s+30.*75%\s+achter/s);
    const main = await page.locator('main').innerText();
    expect(main).toContain('vaker om hulp');
    expect(main.indexOf('De ladder van de buren')).toBeLessThan(main.indexOf('Soep voor de flat'));
    expect(main).toContain('En 1 ander verhaal bij deze uitkomst.');
    expect(main).not.toContain('TEAMGEHEIM');
    await e.screenshot(page, 'report-build-version');

    // 7. On a phone the summary's row is a card: the percentage and the status show without scrolling sideways.
    await page.setViewportSize({ width: 360, height: 800 });
    await row.scrollIntoViewIfNeeded();
    for (const cell of [row.getByRole('cell', { name: '75%' }), row.getByRole('cell', { name: 'achter' })]) {
      const box = (await cell.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(360);
    }
    // So are the rows of the four moves and of hours and money: their regions need no sideways scrolling.
    for (const name of ['Zien, denken, doen, vinden', 'Uren en geld']) {
      const overflow = await page.getByRole('region', { name }).evaluate((region) => region.scrollWidth - region.clientWidth);
      expect(overflow, name).toBeLessThanOrEqual(0);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await e.screenshot(page, 'report-build-version-360');
    await ctx.close();
  });
});
