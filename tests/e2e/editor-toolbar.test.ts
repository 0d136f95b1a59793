// The staff editor (story edit page): the full toolbar above the text, held to the WAI-ARIA
// toolbar pattern, and what was typed survives the page re-rendering around the editor.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2E, type E2E } from '../helpers/browser.js';
import { apiAs } from '../helpers/journey-fixtures.js';
import { activate, checkA11y, tabTo } from '../helpers/a11y.js';

describe('browser: the staff editor toolbar', { timeout: 60_000 }, () => {
  let e: E2E;
  let email: string;
  let storyId: number;

  beforeAll(async () => {
    e = await startE2E();
    email = (await e.user('coordinator')).email;
    const api = await apiAs(e, email);
    const { project } = await api.post('/api/projects', { name: 'Buurtkamer' });
    const body = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Mevrouw Jansen drinkt koffie met de buren.' }] }] };
    const created = await api.post('/api/stories', {
      projectId: project.id,
      title: 'Koffie',
      body,
      source: 'heard',
      consent: { level: 'team', channel: 'spoken', givenBy: 'teller' },
    });
    storyId = created.story.id;
  });
  afterAll(async () => e?.close());

  it('is one tab stop before the text, moves with the arrow keys, and keeps the typing when the page shows an error', async () => {
    const ctx = await e.context();
    const page = await ctx.newPage();
    page.setDefaultTimeout(8000);
    await e.login(page, email);
    await page.goto(`/stories/${storyId}/edit`);
    await page.getByRole('heading', { level: 1, name: 'Verhaal bewerken' }).waitFor();
    const editor = page.getByRole('textbox', { name: 'Het verhaal' });
    await editor.getByText('Mevrouw Jansen').waitFor();

    // Staff keep the full toolbar: headings, lists, quote and link too.
    const toolbar = page.getByRole('toolbar', { name: 'Opmaak' });
    await expect(toolbar.getByRole('button').evaluateAll((bs) => bs.map((b) => b.querySelector('.word')?.textContent))).resolves.toEqual([
      'Vet',
      'Schuin',
      'Kop',
      'Kleine kop',
      'Lijstje',
      'Nummering',
      'Citaat',
      'Link',
    ]);

    // From the title: Tab reaches the toolbar once (its first button), the next Tab the text.
    const title = page.getByLabel('Titel', { exact: true });
    await title.focus();
    await tabTo(page, toolbar.getByRole('button', { name: 'Vet' }), { max: 1 });
    await page.keyboard.press('End');
    await tabTo(page, toolbar.getByRole('button', { name: 'Link' }), { max: 0 });
    await page.keyboard.press('ArrowRight');
    await tabTo(page, toolbar.getByRole('button', { name: 'Vet' }), { max: 0 });
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await tabTo(page, toolbar.getByRole('button', { name: 'Citaat' }), { max: 0 });
    await tabTo(page, editor, { max: 1 });
    // Shift+Tab from the text comes back to the button last used; Escape returns to the text.
    await tabTo(page, toolbar.getByRole('button', { name: 'Citaat' }), { back: true, max: 1 });
    await page.keyboard.press('Escape');
    await tabTo(page, editor, { max: 0 });

    // Bold from the toolbar by keyboard (Alt+F10 from the text, arrows, Enter) applies to what is typed next.
    await page.keyboard.press('ControlOrMeta+End');
    await page.keyboard.press('Alt+F10');
    await tabTo(page, toolbar.getByRole('button', { name: 'Citaat' }), { max: 0 });
    await page.keyboard.press('Home');
    await page.keyboard.press('Enter');
    await expect.poll(() => toolbar.getByRole('button', { name: 'Vet' }).getAttribute('aria-pressed')).toBe('true');
    await tabTo(page, editor, { max: 0 });
    await page.keyboard.type(' Elke week.');
    await expect(editor.locator('strong').textContent()).resolves.toBe(' Elke week.');
    await checkA11y(page, 'story edit page with the editor');

    // An error elsewhere re-renders the page around the editor: the text stays as typed.
    await title.fill('');
    await activate(page, page.getByRole('button', { name: 'Opslaan' }));
    await page.getByText('Geef het verhaal een titel', { exact: false }).first().waitFor();
    await expect(editor.textContent()).resolves.toBe('Mevrouw Jansen drinkt koffie met de buren. Elke week.');
    await title.fill('Koffie met de buren');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.waitForURL(`**/stories/${storyId}`);
    const saved = await e.db.selectFrom('stories').select(['title', 'bodyText']).where('id', '=', storyId).executeTakeFirstOrThrow();
    expect(saved).toEqual({ title: 'Koffie met de buren', bodyText: 'Mevrouw Jansen drinkt koffie met de buren. Elke week.' });
    await ctx.close();
  });
});
