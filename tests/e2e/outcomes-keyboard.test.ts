import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activate, isFocused, visit } from '../helpers/a11y.js';
import { startE2E, type E2E } from '../helpers/browser.js';
import { makeProject } from '../helpers/sensemaking-fixtures.js';

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
});
