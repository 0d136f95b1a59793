import { expectNoHorizontalScroll, expectScrollingTablesReachable, tabTo } from '../helpers/a11y.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2E, type E2E } from '../helpers/browser.js';
import { axeViolations, makeArea, makeProject, makeStory, place, variableId } from '../helpers/sensemaking-fixtures.js';

describe('browser: sensemaking pages', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E();
  });
  afterAll(async () => e?.close());

  it('climate, outcomes, codebook, coding and MSC pages show their data and pass axe', async () => {
    const { email, id } = await e.user('coordinator');
    const p = await makeProject(e.db, 'Buurtkamer', [id]);
    const w = await makeArea(e.db, 'Noord', 'wijk');
    const atm = await variableId(e.db, 'atmosphere');
    let story = 0;
    for (const [d, teller, coord] of [
      ['2026-01-10', 20, 30],
      ['2026-04-10', 60, 80],
    ] as const) {
      story = await makeStory(e.db, { projectId: p, areaId: w, happenedOn: d, consent: 'public', title: `Verhaal ${d}` });
      await place(e.db, story, atm, 'teller', teller);
      await place(e.db, story, atm, 'coordinator', coord);
    }
    await e.db.insertInto('outcomes').values({ projectId: p, level: 'impact', title: 'Veilige buurt' }).execute();
    await e.db.insertInto('codes').values({ name: 'Ontmoeting' }).execute();
    const r = await e.db
      .insertInto('mscRounds')
      .values({ domain: 'Meedoen', periodFrom: '2026-01-01', periodTo: '2026-12-31' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await e.db.insertInto('mscRoundProjects').values({ roundId: r.id, projectId: p }).execute();
    await e.db.insertInto('mscPanelMembers').values({ roundId: r.id, userId: id }).execute();

    const ctx = await e.context({ phone: true });
    const page = await ctx.newPage();
    await e.login(page, email);

    await page.goto('/climate');
    await page.getByRole('table', { name: /Atmosfeer: verdeling per periode/ }).waitFor();
    // The line's name heads its section with a capital, as in the report; the chart keeps the name as it is.
    await expect(page.getByRole('heading', { name: 'Atmosfeer', exact: true }).count()).resolves.toBe(1);
    await expect(page.getByRole('group', { name: 'atmosfeer' }).count()).resolves.toBe(1);
    await expect(page.getByRole('cell', { name: '+40' }).count()).resolves.toBeGreaterThan(0); // teller mean 20 → 60
    await expect(axeViolations(page)).resolves.toEqual([]);
    await e.screenshot(page, 'climate-phone');
    await expectNoHorizontalScroll(page, 'climate on a phone');
    expect(await expectScrollingTablesReachable(page, 'climate on a phone')).toBeGreaterThan(0);

    await page.goto(`/projects/${p}/outcomes`);
    await page.getByRole('heading', { name: /Veilige buurt/ }).waitFor();
    await expect(axeViolations(page)).resolves.toEqual([]);

    await page.goto('/codes');
    await page.getByRole('heading', { name: /Ontmoeting/ }).waitFor();
    await expect(axeViolations(page)).resolves.toEqual([]);

    await page.goto(`/coding/${story}`);
    await page.getByLabel(/Tekst van het verhaal/).waitFor();
    await expect(axeViolations(page)).resolves.toEqual([]);

    await page.goto(`/msc/${r.id}`);
    await page.getByRole('heading', { name: 'Meedoen' }).waitFor();
    await page.getByRole('button', { name: 'Kies dit verhaal' }).first().click();
    await page.getByLabel(/meest betekenisvolle verandering/).fill('Mensen durven weer');
    await page.getByRole('button', { name: 'Keuze opslaan' }).click();
    await page.getByText('Je keuze is opgeslagen.').waitFor();
    await expect(axeViolations(page)).resolves.toEqual([]);
    const picks = await e.db.selectFrom('mscPicks').select(['userId', 'reason']).execute();
    expect(picks).toEqual([{ userId: id, reason: 'Mensen durven weer' }]);

    // Closing takes two presses of Enter: the confirm button takes over the focus.
    await tabTo(page, page.getByRole('button', { name: 'Ronde sluiten en selectie vastleggen' }));
    await page.keyboard.press('Enter');
    await page.getByText('Weet je het zeker?').waitFor();
    await page.keyboard.press('Enter');
    await page.getByText(/Gesloten op/).waitFor();
    const round = await e.db.selectFrom('mscRounds').select('status').where('id', '=', r.id).executeTakeFirstOrThrow();
    expect(round.status).toBe('closed');
    expect(await e.db.selectFrom('mscSelections').select('reason').execute()).toEqual([{ reason: 'Mensen durven weer' }]);
    await ctx.close();
  });
});
