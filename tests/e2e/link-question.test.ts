import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2E, type E2E } from '../helpers/browser.js';
import { apiOf, axeViolations, chooseClimateVariables, expectNoSidewaysScroll } from '../helpers/resident-fixtures.js';
import { accessibleOf } from '../helpers/a11y.js';

describe('browser: a worker sets a story link’s question and climate questions, on a phone', { timeout: 90_000 }, () => {
  let e: E2E;
  let projectId: number;
  let linkId: number;
  let token: string;
  let worker: string;

  beforeAll(async () => {
    e = await startE2E();
    const { email } = await e.user('coordinator');
    const ctx = await e.context();
    const page = await ctx.newPage();
    await e.login(page, email);
    const api = apiOf(e, page);
    projectId = (await api.post('/api/projects', { name: 'Buurtkamer Transvaal' })).json.project.id;
    // atmosphere and image (the default two), and a third the link will ask instead
    await chooseClimateVariables(e, projectId);
    const ritual = await e.db.selectFrom('climateVariables').select('id').where('key', '=', 'ritual').executeTakeFirstOrThrow(); // from the catalogue
    await e.db.insertInto('projectClimateVariables').values({ projectId, variableId: ritual.id }).execute();
    const link = await api.post(`/api/projects/${projectId}/links`, { label: 'Poster buurthuis' });
    expect(link.status, link.text).toBe(201);
    linkId = link.json.link.id;
    token = link.json.link.token;
    worker = (await e.user('worker')).email;
    const members = await api.put(`/api/projects/${projectId}/members`, {
      userIds: [(await e.db.selectFrom('users').select('id').where('email', '=', worker).executeTakeFirstOrThrow()).id],
    });
    expect(members.status, members.text).toBe(200);
    await ctx.close();
  });
  afterAll(async () => {
    await e?.close();
  });

  it('the worker opens the link’s settings by keyboard, asks one question and one climate question, and the resident page asks exactly that', async () => {
    const ctx = await e.context({ phone: true });
    const page = await ctx.newPage();
    page.setDefaultTimeout(8000);
    await e.login(page, worker);
    await page.goto(`/projects/${projectId}`);
    // The team names each role as the users page does.
    await expect
      .poll(() => page.getByRole('region', { name: 'Team' }).getByRole('listitem').allTextContents())
      .toEqual([expect.stringMatching(/^Worker \d+ \(Opbouwwerker\)$/)]);
    await page.getByRole('link', { name: 'Vertel-links en QR-codes' }).click();
    const card = page.locator(`[data-link="${linkId}"]`);
    await card.waitFor();
    // Stacked cards, no table: nothing scrolls sideways at 360 px.
    await expectNoSidewaysScroll(page);
    await expect(card.locator('.question').textContent()).resolves.toContain('Wat is er veranderd in je buurt, of voor jou?');
    await expect(card.locator('.climate').textContent()).resolves.toBe('beeldvorming, atmosfeer');
    // Workers set what a link asks; making and closing links stays with coordinators.
    await expect(page.getByRole('button', { name: 'Link maken' }).count()).resolves.toBe(0);
    await expect(card.getByRole('button', { name: /sluiten/ }).count()).resolves.toBe(0);
    await expect(axeViolations(page)).resolves.toEqual([]);
    await e.screenshot(page, 'link-settings-worker-phone');

    const toggle = card.getByRole('button', { name: 'Vraag en klimaatvragen van link Poster buurthuis' });
    await toggle.focus();
    await page.keyboard.press('Enter');
    await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('true');
    const question = card.getByLabel('Vraag aan bewoners (mag leeg)');
    await expect(question.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement)).resolves.toBe(true);
    await page.keyboard.type('Wat vond je van het buurtfeest?');
    const climate = card.getByRole('group', { name: 'Klimaatvragen (geen tot vier)' });
    // The default two are ticked; choose only the third, by keyboard (Tab to the boxes, Space to toggle).
    // Each question says how residents read it (their everyday wording, web/resident/locales).
    await climate.getByText('Bewoners lezen: “Vieren mensen samen feest?”').waitFor();
    // That wording describes its box, read once after the box's name, not as part of it.
    const ritual = await accessibleOf(climate.getByRole('checkbox', { name: /collectief ritueel/ }));
    expect(ritual.name).toMatch(/^collectief ritueel \(.+\)$/);
    expect(ritual.description).toBe('Bewoners lezen: “Vieren mensen samen feest?”');
    await expect(climate.getByRole('checkbox', { name: /atmosfeer/ }).isChecked()).resolves.toBe(true);
    await expect(climate.getByRole('checkbox', { name: /beeldvorming/ }).isChecked()).resolves.toBe(true);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await expect(climate.getByRole('checkbox', { name: /collectief ritueel/ }).isChecked()).resolves.toBe(true);
    await climate.getByText('1 van hoogstens 4 gekozen').waitFor();
    await expectNoSidewaysScroll(page);
    await expect(axeViolations(page)).resolves.toEqual([]);
    await e.screenshot(page, 'link-settings-form-phone');
    await card.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByText('De vraag en klimaatvragen van link Poster buurthuis zijn opgeslagen.').waitFor();
    await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('false');
    await expect(toggle.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement)).resolves.toBe(true);
    await expect(card.locator('.question').textContent()).resolves.toBe('Wat vond je van het buurtfeest?');
    await expect(card.locator('.climate').textContent()).resolves.toBe('collectief ritueel');
    await ctx.close();

    // The resident behind that link: exactly that question and that one climate question.
    const resident = await e.context({ phone: true, locale: 'nl-NL' });
    const form = await resident.newPage();
    form.setDefaultTimeout(8000);
    await form.goto(`/t/${token}`);
    await form.getByRole('heading', { level: 1, name: 'Vertel je verhaal' }).waitFor();
    await form.getByText('Wat vond je van het buurtfeest?', { exact: true }).waitFor();
    await expect(form.getByText('Wat is er veranderd in je buurt, of voor jou?').count()).resolves.toBe(0);
    const sliders = form.getByRole('slider');
    await expect(sliders.count()).resolves.toBe(1);
    await form.getByRole('slider', { name: 'Vieren mensen samen feest?' }).waitFor(); // the resident pages' own wording of 'ritual'
    await expectNoSidewaysScroll(form);
    await expect(axeViolations(form)).resolves.toEqual([]);
    await e.screenshot(form, 'link-settings-resident-phone');
    await resident.close();
  });

  it('a coordinator (1280 px) sets the link back to the standard question and no climate questions; Escape closes the form', async () => {
    const ctx = await e.context();
    const page = await ctx.newPage();
    page.setDefaultTimeout(8000);
    const { email } = await e.user('coordinator');
    await e.login(page, email);
    await page.goto(`/projects/${projectId}/links`);
    const card = page.locator(`[data-link="${linkId}"]`);
    await page.getByRole('button', { name: 'Link maken' }).waitFor();
    const toggle = card.getByRole('button', { name: 'Vraag en klimaatvragen van link Poster buurthuis' });
    await toggle.click();
    const question = card.getByRole('textbox', { name: 'Vraag aan bewoners (mag leeg)' });
    await expect(question.inputValue()).resolves.toBe('Wat vond je van het buurtfeest?');
    await page.keyboard.press('Escape');
    await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('false');
    await expect(toggle.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement)).resolves.toBe(true);
    await page.keyboard.press('Enter');
    await question.fill('');
    // A click on what residents read (the hint beside the option) answers as a click on its name.
    const hint = (await card.getByText('Bewoners lezen: “Vieren mensen samen feest?”').boundingBox())!;
    await page.mouse.click(hint.x + hint.width / 2, hint.y + hint.height / 2);
    await expect(card.getByRole('checkbox', { name: /collectief ritueel/ }).isChecked()).resolves.toBe(false);
    await card.getByText('0 van hoogstens 4 gekozen').waitFor();
    await expect(axeViolations(page)).resolves.toEqual([]);
    await e.screenshot(page, 'link-settings-coordinator-desktop');
    await card.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByText('De vraag en klimaatvragen van link Poster buurthuis zijn opgeslagen.').waitFor();
    await expect(card.locator('.climate').textContent()).resolves.toBe('geen');
    const stored = await e.db.selectFrom('publicLinks').select(['question', 'climateVariableIds']).where('id', '=', linkId).executeTakeFirstOrThrow();
    expect(stored).toEqual({ question: null, climateVariableIds: '[]' });
    await ctx.close();

    const resident = await e.context({ phone: true, locale: 'nl-NL' });
    const form = await resident.newPage();
    form.setDefaultTimeout(8000);
    await form.goto(`/t/${token}`);
    await form.getByText('Wat is er veranderd in je buurt, of voor jou?', { exact: true }).waitFor();
    await expect(form.getByRole('slider').count()).resolves.toBe(0);
    await resident.close();
  });
});
