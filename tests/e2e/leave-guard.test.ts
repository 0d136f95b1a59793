// Every page that edits something asks before it is left with changes not saved yet, keeps what was
// typed when the answer is "stay", and lets go without asking once it is saved.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isFocused } from '../helpers/a11y.js';
import { answerLeaving, startE2E, type E2E } from '../helpers/browser.js';
import { addProject, addStory } from '../helpers/reports-fixtures.js';

describe('browser: leaving a page with changes not saved', { timeout: 90_000 }, () => {
  let e: E2E;
  let page: Page;
  let projectId: number;
  let storyId: number;

  beforeAll(async () => {
    e = await startE2E();
    const coordinator = await e.user('coordinator');
    projectId = await addProject(e.db, 'Buurtkamer Oost');
    storyId = await addStory(e.db, { projectId, consent: 'report', reviewed: false, title: 'De moestuin', body: 'Mevrouw Yilmaz begon een moestuin.' });
    page = await (await e.context()).newPage();
    page.setDefaultTimeout(10_000);
    await e.login(page, coordinator.email);
  });
  afterAll(async () => e?.close());

  const nav = (name: string) => page.getByRole('navigation').getByRole('link', { name, exact: true });
  const path = () => new URL(page.url()).pathname;

  it('a new story: typing in the rich-text field counts; staying keeps it, leaving drops it', async () => {
    await page.goto('/stories/new');
    const title = page.getByLabel('Titel', { exact: true });
    // Nothing typed yet: leaving does not ask (a question would be dismissed and keep the page).
    await nav('Projecten').click();
    await page.waitForURL('**/projects');

    await page.goto('/stories/new');
    await page.getByRole('textbox', { name: 'Het verhaal' }).click();
    await page.keyboard.type('De buren kwamen samen.');
    await answerLeaving(page, () => nav('Projecten').click());
    expect(path()).toBe('/stories/new');
    await expect(page.getByRole('textbox', { name: 'Het verhaal' }).textContent()).resolves.toBe('De buren kwamen samen.');
    await title.fill('Samen');
    await answerLeaving(page, () => nav('Projecten').click(), 'leave');
    await page.waitForURL('**/projects');
  });

  it('an edited story is saved without a question', async () => {
    await page.goto(`/stories/${storyId}/edit`);
    const title = page.getByLabel('Titel', { exact: true });
    await expect.poll(() => title.inputValue()).toBe('De moestuin');
    await title.fill('De moestuin aan de Dapperstraat');
    await answerLeaving(page, () => page.getByRole('link', { name: 'Annuleren' }).click());
    expect(path()).toBe(`/stories/${storyId}/edit`);
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.waitForURL(`**/stories/${storyId}`);
  });

  it('the project plan, a new indicator and a new report ask too', async () => {
    await page.goto(`/projects/${projectId}/edit`);
    const name = page.getByLabel('Naam van het project');
    await expect.poll(() => name.inputValue()).toBe('Buurtkamer Oost');
    await name.fill('Buurtkamer Oost-Watergraafsmeer');
    await answerLeaving(page, () => nav('Verhalen').click());
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.waitForURL(`**/projects/${projectId}`);

    await page.goto(`/projects/${projectId}/indicators/new`);
    await page.getByLabel('Naam', { exact: true }).fill('Buren die elkaar helpen');
    await answerLeaving(page, () => nav('Verhalen').click());
    expect(path()).toBe(`/projects/${projectId}/indicators/new`);

    await page.goto('/reports/new');
    await page.getByLabel('Titel').fill('Burenhulp 2026');
    await answerLeaving(page, () => nav('Verhalen').click());
    expect(path()).toBe('/reports/new');
    await page.getByRole('checkbox', { name: 'Buurtkamer Oost-Watergraafsmeer' }).check();
    await page.getByRole('button', { name: 'Opslaan', exact: true }).click();
    await page.waitForURL(/\/reports\/\d+$/);
    // Saved: the report's own page holds nothing unsaved.
    await nav('Verhalen').click();
    await page.waitForURL('**/stories');
  });

  it('a story’s report version asks until it is marked reviewed', async () => {
    await page.goto(`/stories/${storyId}/review`);
    await page.getByLabel('Titel in verslagen').fill('De moestuin');
    await answerLeaving(page, () => page.getByRole('link', { name: 'Terug naar het verhaal' }).click());
    await page.getByRole('button', { name: 'Gecontroleerd: gebruik deze versie' }).click();
    await page.getByText('Opgeslagen. Deze versie staat nu in verslagen.').waitFor();
    // The button was disabled while saving; the focus comes back to it, not to the top of the page.
    await expect.poll(() => isFocused(page.getByRole('button', { name: 'Gecontroleerd: gebruik deze versie' }))).toBe(true);
    await page.getByRole('link', { name: 'Terug naar het verhaal' }).click();
    await page.waitForURL(`**/stories/${storyId}`);
  });
});
