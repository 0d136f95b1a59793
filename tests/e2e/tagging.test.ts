import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2E, type E2E } from '../helpers/browser.js';
import { expectNoHorizontalScroll } from '../helpers/a11y.js';
import { axeViolations, makeProject, makeStory, variableId } from '../helpers/sensemaking-fixtures.js';

describe('browser: tagging inbox by keyboard', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E();
  });
  afterAll(async () => e?.close());

  it('a coordinator tags stories with outcomes and a dyad using only the keyboard', async () => {
    const { email } = await e.user('coordinator');
    const p = await makeProject(e.db, 'Buurtkamer');
    const first = await e.db
      .insertInto('outcomes')
      .values({ projectId: p, level: 'outcome', title: 'Buren kennen elkaar', sort: 1 })
      .returning('id')
      .executeTakeFirstOrThrow();
    const second = await e.db
      .insertInto('outcomes')
      .values({ projectId: p, level: 'outcome', title: 'Meer vrijwilligers', sort: 2 })
      .returning('id')
      .executeTakeFirstOrThrow();
    const atm = await variableId(e.db, 'atmosphere');
    await e.db.insertInto('projectClimateVariables').values({ projectId: p, variableId: atm }).execute();
    const a = await makeStory(e.db, { projectId: p, title: 'Groeten op straat', createdAt: '2026-01-01T10:00:00.000Z' });
    const b = await makeStory(e.db, { projectId: p, title: 'Samen koken', createdAt: '2026-01-02T10:00:00.000Z' });

    const ctx = await e.context();
    const page = await ctx.newPage();
    await e.login(page, email);
    await page.goto('/tagging');
    await page.getByRole('heading', { name: 'Groeten op straat' }).waitFor();
    await expect(page.getByText(/Enter opslaan/).isVisible()).resolves.toBe(true);
    // The list says how long it is: on a phone it scrolls in its own box.
    await page.getByText('Verhalen in de lijst: 2').waitFor();
    await expect(axeViolations(page)).resolves.toEqual([]);

    // first story: outcome 1, then Enter saves and moves on
    await page.keyboard.press('1');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Samen koken' }).waitFor();
    // second story: outcome 2, place it on the atmosphere dyad by Tab + arrow keys, then save
    await page.keyboard.press('2');
    await page.keyboard.press('k'); // back to the first story …
    await page.getByRole('heading', { name: 'Groeten op straat' }).waitFor();
    await page.keyboard.press('j'); // … and forward again; the draft is kept
    await page.getByRole('heading', { name: 'Samen koken' }).waitFor();
    const slider = page.getByRole('slider', { name: /atmosfeer/ });
    for (let i = 0; i < 20 && !(await slider.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement)); i++) await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowRight'); // 50 → 55
    await page.keyboard.press('ArrowRight'); // → 60
    await page.keyboard.press('Enter');
    await page.getByText('“Samen koken” opgeslagen.').waitFor();
    await e.screenshot(page, 'tagging-inbox');

    const outcomes = await e.db.selectFrom('storyOutcomes').select(['storyId', 'outcomeId', 'status']).orderBy('storyId').execute();
    expect(outcomes).toEqual([
      { storyId: a, outcomeId: first.id, status: 'accepted' },
      { storyId: b, outcomeId: second.id, status: 'accepted' },
    ]);
    const placements = await e.db.selectFrom('storyPlacements').select(['storyId', 'variableId', 'position', 'source']).execute();
    expect(placements).toEqual([{ storyId: b, variableId: atm, position: 60, source: 'coordinator' }]);

    // A tagged story left the inbox; from its page, Taggen opens it with its tags to change them.
    await page.goto(`/stories/${a}`);
    await page.locator(`a[href="/tagging?story=${a}"]`).first().click();
    await page.waitForURL(`**/tagging?story=${a}`);
    await page.getByRole('heading', { name: 'Groeten op straat' }).waitFor();
    const firstBox = page.getByRole('checkbox', { name: /Buren kennen elkaar/ });
    await expect(firstBox.isChecked()).resolves.toBe(true);
    await page.keyboard.press('1'); // not this outcome …
    await page.keyboard.press('2'); // … but the other
    await page.keyboard.press('Enter');
    await page.getByText('“Groeten op straat” opgeslagen.').waitFor();
    const changed = await e.db.selectFrom('storyOutcomes').select(['outcomeId', 'status']).where('storyId', '=', a).execute();
    expect(changed).toEqual([{ outcomeId: second.id, status: 'accepted' }]);
    await ctx.close();
  });

  it('a coordinator selects several stories with x and tags them at once with b', async () => {
    const { email } = await e.user('coordinator');
    const p = await makeProject(e.db, 'Moestuin');
    const o = await e.db
      .insertInto('outcomes')
      .values({ projectId: p, level: 'output', title: 'Tuin open', sort: 1 })
      .returning('id')
      .executeTakeFirstOrThrow();
    const a = await makeStory(e.db, { projectId: p, title: 'Eerste oogst', createdAt: '2026-03-01T10:00:00.000Z' });
    const b = await makeStory(e.db, { projectId: p, title: 'Tweede oogst', createdAt: '2026-03-02T10:00:00.000Z' });
    await makeStory(e.db, { projectId: p, title: 'Derde oogst', createdAt: '2026-03-03T10:00:00.000Z' });

    const ctx = await e.context();
    const page = await ctx.newPage();
    await e.login(page, email);
    await page.goto(`/tagging?projectId=${p}`);
    await page.getByRole('heading', { name: 'Eerste oogst' }).waitFor();
    await page.keyboard.press('x');
    await page.keyboard.press('ArrowDown');
    await page.getByRole('heading', { name: 'Tweede oogst' }).waitFor();
    await page.keyboard.press('x');
    await page.keyboard.press('1');
    await page.keyboard.press('b');
    await page.getByText('2 verhalen getagd.').waitFor();
    const rows = await e.db.selectFrom('storyOutcomes').select(['storyId', 'outcomeId']).where('outcomeId', '=', o.id).orderBy('storyId').execute();
    expect(rows).toEqual([
      { storyId: a, outcomeId: o.id },
      { storyId: b, outcomeId: o.id },
    ]);
    await ctx.close();
    // On a phone the story, its outcomes and the dyads (long pole names too) fit the screen.
    const phone = await (await e.context({ phone: true })).newPage();
    await e.login(phone, email);
    await phone.goto(`/tagging?projectId=${p}`);
    await phone.getByRole('heading', { name: 'Derde oogst' }).waitFor();
    await phone.getByRole('group', { name: 'Sociaal klimaat' }).waitFor();
    await expectNoHorizontalScroll(phone, 'tagging on a phone');
    await phone.context().close();
  });

  it('shows the keyboard-shortcut help where a keyboard is likely, not on a phone', async () => {
    const { email } = await e.user('coordinator');
    const p = await makeProject(e.db, 'Telefoonproject');
    await e.db
      .insertInto('outcomes')
      .values({ projectId: p, level: 'outcome', title: 'Buren helpen elkaar', sort: 1 })
      .returning('id')
      .executeTakeFirstOrThrow();
    await makeStory(e.db, { projectId: p, title: 'Boodschappen voor de buurvrouw', createdAt: '2026-01-03T10:00:00.000Z' });
    const phone = await (await e.context({ phone: true })).newPage();
    await e.login(phone, email);
    await phone.goto(`/tagging?projectId=${p}`);
    await phone.getByRole('heading', { name: 'Boodschappen voor de buurvrouw' }).waitFor();
    await phone.getByRole('checkbox', { name: /Buren helpen elkaar/ }).waitFor();
    expect(await phone.getByText(/Enter opslaan/).count()).toBe(0);
    expect(await phone.locator('ww-tagging-page kbd').count()).toBe(0);
    await expect(axeViolations(phone)).resolves.toEqual([]);
    await expectNoHorizontalScroll(phone, 'tagging on a phone');
    await e.screenshot(phone, 'tagging-phone');
    // A touch screen's save button names no key; saving with nothing chosen says so beside the button, in view.
    await phone.getByRole('button', { name: 'Opslaan', exact: true }).click();
    const why = phone.getByRole('alert').getByText('Kies eerst een uitkomst of plaats het verhaal op een schuif.');
    await why.waitFor();
    await expect.poll(() => why.evaluate((el) => el.getBoundingClientRect().bottom <= innerHeight && el.getBoundingClientRect().top >= 0)).toBe(true);
    await phone.context().close();
    // On a wide screen with a mouse the help and the number keys are there.
    const wide = await (await e.context()).newPage();
    await e.login(wide, email);
    await wide.goto(`/tagging?projectId=${p}`);
    await wide.getByRole('heading', { name: 'Boodschappen voor de buurvrouw' }).waitFor();
    await expect(wide.getByText(/Enter opslaan/).isVisible()).resolves.toBe(true);
    await wide.getByRole('button', { name: 'Opslaan (Enter)', exact: true }).waitFor();
    await expect.poll(() => wide.locator('ww-tagging-page kbd').count()).toBeGreaterThan(0);
    // A phone-wide window, even with a mouse, has no room for (and rarely a keyboard for) the help.
    await wide.setViewportSize({ width: 360, height: 740 });
    await wide.reload();
    await wide.getByRole('heading', { name: 'Boodschappen voor de buurvrouw' }).waitFor();
    expect(await wide.getByText(/Enter opslaan/).count()).toBe(0);
    await wide.context().close();
  });

  it('saving a story with no outcome and no slider chosen says so and stays on the story', async () => {
    const { email } = await e.user('coordinator');
    const p = await makeProject(e.db, 'Lege keuze');
    await e.db.insertInto('outcomes').values({ projectId: p, level: 'outcome', title: 'Minder overlast', sort: 1 }).execute();
    const a = await makeStory(e.db, { projectId: p, title: 'Te veel regels', createdAt: '2026-04-01T10:00:00.000Z' });
    await makeStory(e.db, { projectId: p, title: 'Nieuwe bank', createdAt: '2026-04-02T10:00:00.000Z' });
    const page = await (await e.context()).newPage();
    await e.login(page, email);
    await page.goto(`/tagging?projectId=${p}`);
    await page.getByRole('heading', { name: 'Te veel regels' }).waitFor();
    await page.getByRole('button', { name: 'Opslaan (Enter)' }).click();
    await page.getByRole('alert').getByText('Kies eerst een uitkomst of plaats het verhaal op een schuif.').waitFor();
    await page.keyboard.press('Enter');
    await page.waitForTimeout(200);
    await expect(page.getByRole('heading', { name: 'Te veel regels' }).isVisible()).resolves.toBe(true);
    expect(await page.getByText('“Te veel regels” opgeslagen.').count()).toBe(0);
    expect(await page.locator('ww-tagging-page .inbox .badge', { hasText: 'opgeslagen' }).count()).toBe(0);
    expect(await e.db.selectFrom('storyOutcomes').select('outcomeId').where('storyId', '=', a).execute()).toEqual([]);
    // Once an outcome is chosen, saving works and the message goes.
    await page.keyboard.press('1');
    await page.keyboard.press('Enter');
    await page.getByText('“Te veel regels” opgeslagen.').waitFor();
    expect(await page.getByText('Kies eerst een uitkomst').count()).toBe(0);
    await page.context().close();
  });
});
