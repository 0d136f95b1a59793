import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2E, type E2E } from '../helpers/browser.js';
import { activate, checkA11y, tabTo } from '../helpers/a11y.js';
import { makeProject, makeStory } from '../helpers/sensemaking-fixtures.js';

describe('browser: coding a passage of a story with the keyboard alone', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E();
  });
  afterAll(async () => e?.close());

  it('selects a passage with Shift and the arrow keys, codes it, and cannot change the story text', async () => {
    const { email } = await e.user('coordinator');
    const projectId = await makeProject(e.db, 'Buurtkamer');
    const text = 'Mensen groeten elkaar weer op straat sinds het feest.';
    const storyId = await makeStory(e.db, { projectId, title: 'Groeten op straat', text, consent: 'report' });
    await e.db.insertInto('codes').values({ name: 'Ontmoeting', description: '' }).execute();

    const page = await (await e.context()).newPage();
    await e.login(page, email);
    await page.goto(`/coding/${storyId}`);
    const area = page.getByRole('textbox', { name: /Tekst van het verhaal/ });
    await tabTo(page, area);
    await page.keyboard.type('xyz'); // refused: the text is the teller's
    await page.keyboard.press('Control+Home');
    for (let i = 0; i < 'Mensen'.length; i++) await page.keyboard.press('Shift+ArrowRight');
    await page.getByText('Selectie: 6 tekens').waitFor();
    await expect(area.inputValue()).resolves.toBe(text);

    await activate(page, page.getByRole('button', { name: 'Fragment coderen' }));
    await page.getByText('Fragment gecodeerd.').waitFor();
    const stored = await e.db.selectFrom('storyExcerpts').select(['startOffset', 'endOffset', 'quote']).execute();
    expect(stored).toEqual([{ startOffset: 0, endOffset: 6, quote: 'Mensen' }]);
    await checkA11y(page, 'coding page');
  });
});
