import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activate, isFocused, visit } from '../helpers/a11y.js';
import { startE2E, type E2E } from '../helpers/browser.js';
import { makeProject, makeStory } from '../helpers/sensemaking-fixtures.js';

describe('browser: ordering and archiving outcomes', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E();
  });
  afterAll(async () => e?.close());

  it('a coordinator moves an outcome up, keyboard only, and the focus moves with it', async () => {
    const { email } = await e.user('coordinator');
    const p = await makeProject(e.db, 'Speeltuin');
    await e.db
      .insertInto('outcomes')
      .values(
        ['Veilig spelen', 'Ouders ontmoeten elkaar', 'Kinderen beslissen mee'].map((title, i) => ({
          projectId: p,
          level: 'outcome' as const,
          title,
          sort: (i + 1) * 10,
        })),
      )
      .execute();
    const ctx = await e.context({ phone: true });
    const page = await ctx.newPage();
    await e.login(page, email);
    await page.goto(`${e.baseUrl}/projects/${p}/outcomes`);
    const up = page.getByRole('button', { name: 'Omhoog: Kinderen beslissen mee' });
    await activate(page, up);
    await page.getByRole('status').getByText('Opgeslagen.').waitFor();
    const titles = () =>
      page.locator('ul.chain h3').evaluateAll((hs) =>
        hs.map((h) => {
          const title = h.cloneNode(true) as HTMLElement;
          title.querySelector('.badge')?.remove();
          return title.textContent!.trim();
        }),
      );
    await expect.poll(titles).toEqual(['Veilig spelen', 'Kinderen beslissen mee', 'Ouders ontmoeten elkaar']);
    // Pressing again moves the same outcome on, to the top.
    await expect.poll(() => isFocused(up)).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(titles).toEqual(['Kinderen beslissen mee', 'Veilig spelen', 'Ouders ontmoeten elkaar']);
    await expect.poll(() => isFocused(up)).toBe(true);
    await ctx.close();
  });

  it('a coordinator archives an outcome and brings it back, keyboard only', async () => {
    const { email } = await e.user('coordinator');
    const p = await makeProject(e.db, 'Buurtkamer');
    await e.db
      .insertInto('outcomes')
      .values([
        { projectId: p, level: 'outcome', title: 'Buren kennen elkaar', sort: 10 },
        { projectId: p, level: 'outcome', title: 'Zomerfeest', sort: 20 },
      ])
      .execute();
    const ctx = await e.context({ phone: true });
    const page = await ctx.newPage();
    await e.login(page, email);
    await page.goto(`${e.baseUrl}/projects/${p}/outcomes`);
    await activate(page, page.getByRole('button', { name: 'Archiveren: Zomerfeest' }));
    await expect(page.getByRole('status').getByText('Uitkomst gearchiveerd.').waitFor()).resolves.toBeUndefined();
    const archived = page.getByRole('heading', { name: 'Gearchiveerd' });
    await archived.waitFor();
    // The archived outcome left the chain and stands under its own heading, ready to come back.
    expect(await page.getByRole('button', { name: 'Archiveren: Zomerfeest' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Archiveren: Buren kennen elkaar' }).count()).toBe(1);
    await visit(page, 'outcomes-archived', { shot: true });
    expect((await e.db.selectFrom('outcomes').select('archivedAt').where('title', '=', 'Zomerfeest').executeTakeFirstOrThrow()).archivedAt).not.toBeNull();

    await activate(page, page.getByRole('button', { name: 'Terugzetten: Zomerfeest' }), 'Enter', { back: true });
    await page.getByRole('status').getByText('Uitkomst teruggezet.').waitFor();
    expect(await archived.count()).toBe(0); // the message comes once the list shows the change
    expect((await e.db.selectFrom('outcomes').select('archivedAt').where('title', '=', 'Zomerfeest').executeTakeFirstOrThrow()).archivedAt).toBeNull();
    await ctx.close();
  });

  it('a coordinator deletes an outcome only after saying yes; one still in use says why, at the outcome', async () => {
    const { email } = await e.user('coordinator');
    const p = await makeProject(e.db, 'Portiek');
    const used = await e.db
      .insertInto('outcomes')
      .values({ projectId: p, level: 'outcome', title: 'Buren groeten elkaar', sort: 10 })
      .returning('id')
      .executeTakeFirstOrThrow();
    await e.db.insertInto('outcomes').values({ projectId: p, level: 'outcome', title: 'Schone portiek', sort: 20 }).execute();
    const story = await makeStory(e.db, { projectId: p, title: 'Hallo zeggen' });
    await e.db.insertInto('storyOutcomes').values({ storyId: story, outcomeId: used.id }).execute();
    await e.db
      .insertInto('indicators')
      .values({ projectId: p, outcomeId: used.id, name: 'Groeten per week', unit: 'count', measure: 'unit', periodicity: 'quarter' })
      .execute();
    const ctx = await e.context({ phone: true });
    const page = await ctx.newPage();
    await e.login(page, email);
    await page.goto(`${e.baseUrl}/projects/${p}/outcomes`);

    // In use: after the question, the reason shows at the outcome, in view, and has the focus.
    await activate(page, page.getByRole('button', { name: 'Verwijderen: Buren groeten elkaar' }));
    const ask = page.getByRole('group', { name: 'Uitkomst “Buren groeten elkaar” verwijderen?' });
    const yes = ask.getByRole('button', { name: 'Verwijderen' });
    await expect.poll(() => isFocused(yes)).toBe(true);
    await page.keyboard.press('Enter');
    const why = page.locator('ww-outcomes-page li.card .notice.error');
    await why.waitFor();
    expect(await why.textContent()).toBe('Nog in gebruik bij 1 verhaal en 1 indicator. Archiveer deze uitkomst liever.');
    await expect.poll(() => isFocused(why)).toBe(true);
    await expect.poll(() => why.evaluate((el) => el.getBoundingClientRect().top >= 0 && el.getBoundingClientRect().bottom <= innerHeight)).toBe(true);
    expect(await e.db.selectFrom('outcomes').select('id').where('id', '=', used.id).execute()).toHaveLength(1);

    // Not in use: nothing goes without a yes; Annuleren brings the focus back to the button.
    const remove = page.getByRole('button', { name: 'Verwijderen: Schone portiek' });
    await activate(page, remove);
    await page.getByRole('group', { name: 'Uitkomst “Schone portiek” verwijderen?' }).waitFor();
    expect(await why.count()).toBe(0);
    await activate(page, page.getByRole('button', { name: 'Annuleren' }));
    await expect.poll(() => isFocused(remove)).toBe(true);
    expect(await e.db.selectFrom('outcomes').select('id').where('title', '=', 'Schone portiek').execute()).toHaveLength(1);
    await page.keyboard.press('Enter');
    await page.getByRole('group', { name: 'Uitkomst “Schone portiek” verwijderen?' }).getByRole('button', { name: 'Verwijderen' }).click();
    await page.getByRole('status').getByText('Uitkomst verwijderd.').waitFor();
    expect(await remove.count()).toBe(0);
    await expect.poll(() => isFocused(page.getByRole('heading', { level: 1 }))).toBe(true);
    expect(await e.db.selectFrom('outcomes').select('id').where('title', '=', 'Schone portiek').execute()).toHaveLength(0);
    await ctx.close();
  });
});
