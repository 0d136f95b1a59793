// Journey: a resident on a phone tells a story through a project's link, reads it back by its
// receipt code and withdraws it — with the keyboard alone, every page checked with axe.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2E, type E2E } from '../helpers/browser.js';
import { activate, checkA11y, checkZoom200, chooseRadio, expectFieldError, screenshot, tabTo, typeInto } from '../helpers/a11y.js';
import { apiAs, useClimate } from '../helpers/journey-fixtures.js';

describe('journey: resident', () => {
  let e: E2E;
  let token: string;
  beforeAll(async () => {
    e = await startE2E();
    const coordinator = await e.user('coordinator');
    const api = await apiAs(e, coordinator.email);
    const { project } = await api.post('/api/projects', { name: 'Buurtkamer Transvaal' });
    await useClimate(e.db, project.id);
    token = (await api.post(`/api/projects/${project.id}/links`, { label: 'Poster buurtkamer' })).link.token;
  });
  afterAll(async () => e?.close());

  it('tells a story on a phone, reads it back by receipt and withdraws it', async () => {
    const ctx = await e.context({ phone: true, locale: 'nl-NL' });
    const page = await ctx.newPage();
    await page.goto(`/t/${token}`);
    await page.getByRole('heading', { name: 'Vertel je verhaal', level: 1 }).waitFor();
    await page.getByText('Voor Buurtkamer Transvaal').waitFor();
    await checkA11y(page, 'resident form');
    await screenshot(page, 'resident-form-phone');
    await checkZoom200(page, 'resident-form');

    // Sending too soon: the problems are announced, listed, and tied to their fields.
    await activate(page, page.getByRole('button', { name: 'Verstuur mijn verhaal' }));
    const problems = page.getByRole('alert').filter({ hasText: 'Er mist nog iets' });
    await problems.waitFor();
    await expectFieldError(page.getByLabel('Je verhaal', { exact: true }), /Schrijf je verhaal, of spreek het in/);
    await expect(problems.getByRole('link').allTextContents()).resolves.toEqual([
      'Je verhaal: Schrijf je verhaal, of spreek het in.',
      'Wie mag je verhaal lezen? Kies wie je verhaal mag lezen.',
    ]);
    await checkA11y(page, 'resident form with problems');
    await screenshot(page, 'resident-form-problems-phone');

    // From the list of problems, the first link leads to the story field, which becomes the rich
    // editor (it loads when the field first gets focus); its toolbar comes after the text.
    await activate(page, problems.getByRole('link', { name: 'Je verhaal: Schrijf je verhaal, of spreek het in.' }));
    const editor = page.getByRole('textbox', { name: 'Je verhaal', exact: true });
    await tabTo(page, editor, { max: 0 });
    await page.keyboard.type('Sinds de bankjes er staan, ');
    await page.keyboard.press('ControlOrMeta+B');
    await page.keyboard.type('praten buren weer');
    await page.keyboard.press('ControlOrMeta+B');
    await page.keyboard.type(' met elkaar.');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Ik ken nu drie mensen uit mijn straat.');
    await expect(editor.locator('strong').textContent()).resolves.toBe('praten buren weer');
    await expect(editor.locator('p').first().textContent()).resolves.toBe('Sinds de bankjes er staan, praten buren weer met elkaar.');
    await expect.poll(() => problems.getByRole('link').allTextContents()).toEqual(['Wie mag je verhaal lezen? Kies wie je verhaal mag lezen.']);

    // A resident's toolbar: three buttons on one row of a 360 px phone, named in words.
    const toolbar = page.getByRole('toolbar', { name: 'Opmaak' });
    await expect(toolbar.getByRole('button').evaluateAll((buttons) => buttons.map((b) => b.querySelector('.word')?.textContent))).resolves.toEqual([
      'Vet',
      'Schuin',
      'Lijstje',
    ]);
    const tops = await toolbar.getByRole('button').evaluateAll((buttons) => buttons.map((b) => Math.round(b.getBoundingClientRect().top)));
    expect(new Set(tops).size).toBe(1);
    await screenshot(page, 'resident-editor-phone');

    // The toolbar is one Tab stop after the text; arrow keys move inside it, Home and End to its ends.
    const bold = toolbar.getByRole('button', { name: 'Vet' });
    const italic = toolbar.getByRole('button', { name: 'Schuin' });
    const bullets = toolbar.getByRole('button', { name: 'Lijstje' });
    await tabTo(page, bold, { max: 1 });
    await page.keyboard.press('ArrowRight');
    await tabTo(page, italic, { max: 0 });
    await page.keyboard.press('End');
    await tabTo(page, bullets, { max: 0 });
    await page.keyboard.press('ArrowRight');
    await tabTo(page, bold, { max: 0 });
    await page.keyboard.press('ArrowLeft');
    await tabTo(page, bullets, { max: 0 });
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowRight');
    await tabTo(page, italic, { max: 0 });
    // One stop: Shift+Tab leads straight back to the text, Tab again to the button last used.
    await tabTo(page, editor, { back: true, max: 1 });
    await tabTo(page, italic, { max: 1 });
    // A mark toggled from the toolbar by keyboard applies to what is typed next.
    await page.keyboard.press('Enter');
    await expect.poll(() => italic.getAttribute('aria-pressed')).toBe('true');
    await tabTo(page, editor, { max: 0 });
    await page.keyboard.type(' Echt waar.');
    await expect(editor.locator('em').textContent()).resolves.toBe(' Echt waar.');
    // Alt+F10 from the text reaches the toolbar too, Escape goes back.
    await page.keyboard.press('Alt+F10');
    await tabTo(page, italic, { max: 0 });
    await page.keyboard.press('Escape');
    await tabTo(page, editor, { max: 0 });
    await checkA11y(page, 'resident form with the editor');

    // A title may be given, after the story.
    await tabTo(page, page.getByLabel('Titel (mag je leeglaten)'));
    await page.keyboard.insertText('De bankjes op het plein');

    // Place the story on the climate lines, asked in everyday words: atmosphere well to the strong
    // side, the other "don't know".
    const atmosphere = page.getByRole('slider', { name: 'Hoe voelt het in de buurt?' });
    await tabTo(page, atmosphere);
    for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowRight');
    await expect(atmosphere.inputValue()).resolves.toBe('80');
    await expect(atmosphere.getAttribute('aria-valuetext')).resolves.toMatch(/80 \/ 100, meer: Het voelt veilig, mensen vertrouwen elkaar/);
    const image = page.getByRole('group', { name: 'Hoe kijken mensen in de buurt naar elkaar?' });
    await activate(page, image.getByRole('checkbox', { name: /Weet ik niet/ }), 'Space');
    await expect.poll(() => image.getByRole('slider').isDisabled()).toBe(true);

    // Consent, explained in a few words (more behind "Meer uitleg"): in reports, without the name.
    await page.getByRole('group', { name: 'Wie mag je verhaal lezen?' }).getByText('Jij kiest. Je kunt je verhaal later altijd weghalen.').waitFor();
    await chooseRadio(page, page.getByRole('radio', { name: 'In verslagen, zonder je naam' }));
    await typeInto(page, page.getByLabel(/Je naam/), 'Fatima');
    await checkA11y(page, 'resident form filled in');
    await screenshot(page, 'resident-form-filled-phone');
    await activate(page, page.getByRole('button', { name: 'Verstuur mijn verhaal' }));

    // The receipt: a code to write down, focus on the thank-you heading.
    await page.getByRole('heading', { name: 'Dank je wel!' }).waitFor();
    const code = (await page.locator('[data-receipt]').textContent())!.trim();
    expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    await checkA11y(page, 'resident receipt');
    await screenshot(page, 'resident-receipt-phone');
    const story = await e.db.selectFrom('stories').selectAll().executeTakeFirstOrThrow();
    expect(story).toMatchObject({ title: 'De bankjes op het plein', consent: 'report', withdrawnAt: null });
    const placements = await e.db.selectFrom('storyPlacements').select(['position']).where('storyId', '=', story.id).orderBy('position').execute();
    expect(placements.map((p) => p.position)).toEqual([null, 80]);

    // Read it back by the receipt code.
    await activate(page, page.getByRole('link', { name: 'Bekijk je verhaal' }));
    await page.waitForURL(`**/r/${code}`);
    await page.getByRole('heading', { name: 'Je verhaal', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'De bankjes op het plein' }).waitFor();
    await expect(page.locator('[data-status]').textContent()).resolves.toBe('Ontvangen');
    await page.getByText('In verslagen, zonder je naam').waitFor();
    await checkA11y(page, 'resident receipt page');
    await screenshot(page, 'resident-story-phone');
    await checkZoom200(page, 'resident-story');

    // Withdraw, after confirming.
    await activate(page, page.getByRole('button', { name: 'Verhaal weghalen' }));
    await page.getByText('Weet je het zeker?').waitFor();
    await checkA11y(page, 'resident withdraw confirmation');
    await activate(page, page.getByRole('button', { name: 'Ja, haal mijn verhaal weg' }));
    await page.getByText('Je verhaal is weggehaald.').waitFor();
    await expect(page.locator('[data-status]').textContent()).resolves.toBe('Weggehaald');
    await checkA11y(page, 'resident story withdrawn');
    await screenshot(page, 'resident-withdrawn-phone');
    const after = await e.db.selectFrom('stories').select('withdrawnAt').where('id', '=', story.id).executeTakeFirstOrThrow();
    expect(after.withdrawnAt).not.toBeNull();
    await ctx.close();
  }, 90_000);
});
