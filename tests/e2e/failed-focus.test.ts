// On a phone the action is often far below the top of the page, where a refused action is said:
// the focus goes to that message (#failed), which brings it into view and has it read out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { activate, isFocused } from '../helpers/a11y.js';
import { startE2E, type E2E } from '../helpers/browser.js';
import { makeProject, makeStory } from '../helpers/sensemaking-fixtures.js';

/** The server refuses `method` on `url` with a message and no field named. */
const refuse = (page: Page, url: string, method: string) =>
  page.route(url, (route) =>
    route.request().method() === method
      ? route.fulfill({
          status: 409,
          contentType: 'application/json',
          body: JSON.stringify({ error: { code: 'conflict', message: 'Niet nu / Not now', details: [] } }),
        })
      : route.continue(),
  );

/** The message is said (role=alert), has the focus and is in view. */
async function expectFailedInView(page: Page, text: string | RegExp = 'Niet nu') {
  const failed = page.getByRole('alert').getByText(text);
  await failed.waitFor();
  await expect.poll(() => isFocused(page.locator('#failed'))).toBe(true);
  const box = (await failed.boundingBox())!;
  expect(box.y).toBeGreaterThan(-2);
  expect(box.y + box.height).toBeLessThanOrEqual(page.viewportSize()!.height);
}

describe('browser: a refused action is said at the top of the page and the focus goes there (360 px)', () => {
  let e: E2E;
  beforeAll(async () => (e = await startE2E()));
  afterAll(async () => e?.close());

  async function phonePage(role: 'coordinator' | 'admin') {
    const user = await e.user(role);
    const page = await (await e.context({ phone: true })).newPage();
    await e.login(page, user.email);
    return { page, user };
  }

  it('a new MSC round the server refuses', async () => {
    const { page } = await phonePage('coordinator');
    await makeProject(e.db, 'Portiekgesprekken');
    await page.goto('/msc');
    await page.getByRole('textbox', { name: /^Domein van verandering/ }).fill('Meedoen');
    await page.getByLabel(/^Verhalen van/).fill('2026-01-01');
    await page.getByLabel(/^Tot en met/).fill('2026-12-31');
    await page.getByRole('checkbox', { name: 'Portiekgesprekken' }).check();
    await page.getByRole('group', { name: 'Panelleden' }).getByRole('checkbox').first().check();
    await refuse(page, '**/api/msc-rounds', 'POST');
    await page.getByRole('button', { name: 'Ronde openen' }).click();
    await expectFailedInView(page);
    await page.context().close();
  });

  it('an MSC round: a pick without a reason goes to the reason; a refused pick or close to the top', async () => {
    const { page, user } = await phonePage('coordinator');
    const p = await makeProject(e.db, 'Buurtkamer MSC');
    await makeStory(e.db, { projectId: p, consent: 'public', title: 'Het bankje', text: 'Ik durf weer over het plein.', happenedOn: '2026-02-01' });
    const round = await e.db
      .insertInto('mscRounds')
      .values({ domain: 'Veiligheid', periodFrom: '2026-01-01', periodTo: '2026-03-31', createdBy: user.id })
      .returning('id')
      .executeTakeFirstOrThrow();
    await e.db.insertInto('mscRoundProjects').values({ roundId: round.id, projectId: p }).execute();
    await e.db.insertInto('mscPanelMembers').values({ roundId: round.id, userId: user.id }).execute();
    await page.goto(`/msc/${round.id}`);
    await page.getByRole('article', { name: 'Het bankje' }).getByRole('button', { name: 'Kies dit verhaal' }).click();
    const save = page.getByRole('button', { name: 'Keuze opslaan' });
    await save.click();
    const reason = page.getByLabel('Waarom is dit voor jou de meest betekenisvolle verandering?');
    await page.getByText('Schrijf op waarom je dit verhaal kiest.').waitFor();
    await expect.poll(() => isFocused(reason)).toBe(true);

    await reason.fill('Het plein is van iedereen');
    await refuse(page, '**/api/msc-rounds/*/picks', 'POST');
    await save.click();
    await expectFailedInView(page);

    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await refuse(page, '**/api/msc-rounds/*/close', 'POST');
    await page.getByRole('button', { name: 'Ronde sluiten en selectie vastleggen' }).click();
    await page.locator('button.danger').click();
    await expectFailedInView(page);
    await page.context().close();
  });

  it('a code the codebook refuses, and coding without a passage chosen', async () => {
    const { page } = await phonePage('coordinator');
    await e.db.insertInto('codes').values({ name: 'Ontmoeting', description: '' }).execute();
    await page.goto('/codes');
    await page.getByRole('textbox', { name: 'Naam' }).fill('Eenzaamheid');
    await refuse(page, '**/api/codes', 'POST');
    await page.getByRole('button', { name: 'Toevoegen' }).click();
    await expectFailedInView(page);

    const storyId = await makeStory(e.db, { projectId: await makeProject(e.db, 'Buurtkamer codes'), title: 'Groeten', text: 'Mensen groeten elkaar weer.' });
    await page.goto(`/coding/${storyId}`);
    await page.getByRole('button', { name: 'Fragment coderen' }).click();
    await expectFailedInView(page, /Selecteer eerst een fragment/);
    await page.context().close();
  });

  it('a project or story edit the server refuses: the disabled save button does not lose the focus, the message gets it', async () => {
    const { page } = await phonePage('coordinator');
    const projectId = await makeProject(e.db, 'Buurtkamer bewerken');
    await page.goto(`/projects/${projectId}/edit`);
    await refuse(page, `**/api/projects/${projectId}`, 'PATCH');
    await activate(page, page.getByRole('button', { name: 'Opslaan' }));
    const said = page.getByRole('alert').getByText('Niet nu');
    await said.waitFor();
    await expect.poll(() => isFocused(page.locator('#general'))).toBe(true);
    expect((await said.boundingBox())!.y).toBeGreaterThan(-2);

    const storyId = await makeStory(e.db, { projectId, title: 'De bank', text: 'Er staat weer een bank.' });
    await page.goto(`/stories/${storyId}/edit`);
    await refuse(page, `**/api/stories/${storyId}`, 'PATCH');
    await activate(page, page.getByRole('button', { name: 'Opslaan' }));
    await page.getByRole('alert').getByText('Niet nu').waitFor();
    await expect.poll(() => isFocused(page.locator('#problems'))).toBe(true);
    await page.context().close();
  });

  it('a user the server will not disable', async () => {
    const { page } = await phonePage('admin');
    const other = await e.user('worker');
    await page.goto('/users');
    page.on('dialog', (d) => void d.accept());
    await refuse(page, `**/api/users/${other.id}`, 'PATCH');
    const name = (await e.db.selectFrom('users').select('name').where('id', '=', other.id).executeTakeFirstOrThrow()).name;
    await page.getByRole('button', { name: `${name} uitschakelen` }).click();
    await expectFailedInView(page);
    await page.context().close();
  });

  it('a report the server will not publish, and a resident link it will not close', async () => {
    const { page } = await phonePage('coordinator');
    const projectId = await makeProject(e.db, 'Buurtkamer rapport');
    const headers = { origin: e.baseUrl };
    const created = await page.request.post(`${e.baseUrl}/api/reports`, {
      headers,
      data: { title: 'Jaarverslag 2026', audience: 'funder', periodFrom: '2026-01-01', periodTo: '2026-12-31', projectIds: [projectId] },
    });
    expect(created.status(), await created.text()).toBe(201);
    const reportId = ((await created.json()) as { report: { id: number } }).report.id;
    await page.goto(`/reports/${reportId}`);
    await refuse(page, `**/api/reports/${reportId}/changes`, 'GET');
    await page.getByRole('button', { name: 'Publiceren als nieuwe versie' }).click();
    await expectFailedInView(page);

    expect((await page.request.post(`${e.baseUrl}/api/projects/${projectId}/links`, { headers, data: { label: 'Buurtfeest' } })).status()).toBe(201);
    await page.goto(`/projects/${projectId}/links`);
    await refuse(page, '**/api/links/*', 'PATCH');
    await page.getByRole('button', { name: 'Link Buurtfeest sluiten' }).click();
    await expectFailedInView(page);
    await page.context().close();
  });
});
