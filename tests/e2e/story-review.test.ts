import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkA11y } from '../helpers/a11y.js';
import { startE2E, type E2E } from '../helpers/browser.js';

const TOLD = 'Mevrouw Yilmaz woont op de Dapperstraat 12, 1093 BV. Bel haar op 06-12345678. Ze begon een moestuin voor de hele straat.';

describe('browser: reviewing a story’s report version', { timeout: 90_000 }, () => {
  let e: E2E;
  let worker: { id: number; email: string };
  let coordinator: { id: number; email: string };
  let storyId: number;

  beforeAll(async () => {
    e = await startE2E();
    worker = await e.user('worker');
    coordinator = await e.user('coordinator');
    const projectId = (await e.db.insertInto('projects').values({ name: 'Buurtkamer' }).returning('id').executeTakeFirstOrThrow()).id;
    await e.db.insertInto('projectMembers').values({ projectId, userId: worker.id }).execute();
    const teller = await e.db.insertInto('tellers').values({ kind: 'resident', displayName: 'Ayşe' }).returning('id').executeTakeFirstOrThrow();
    storyId = (
      await e.db
        .insertInto('stories')
        .values({
          projectId,
          title: 'De moestuin van mevrouw Yilmaz',
          bodyJson: JSON.stringify({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: TOLD }] }] }),
          bodyHtml: `<p>${TOLD}</p>`,
          bodyText: TOLD,
          happenedOn: '2026-03-14',
          tellerId: teller.id,
          source: 'heard',
          recordedBy: worker.id,
          consent: 'report',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    await e.db.insertInto('storyConsents').values({ storyId, level: 'report', givenBy: 'teller', channel: 'spoken', consentTextVersion: '2026-11' }).execute();
  });
  afterAll(async () => e?.close());

  for (const [label, phone] of [
    ['360', true],
    ['1280', false],
  ] as const) {
    it(`at ${label} px: highlights what identifies, edits the copy, marks it reviewed`, async () => {
      const ctx = await e.context({ phone });
      const page = await ctx.newPage();
      page.setDefaultTimeout(10_000);
      if (!phone) await page.setViewportSize({ width: 1280, height: 900 });
      await e.login(page, phone ? worker.email : coordinator.email);
      await page.goto(`/stories/${storyId}`);
      await page.getByRole('link', { name: 'Anonimiseren' }).click();
      await page.getByRole('heading', { level: 1, name: /Anonimiseren: De moestuin/ }).waitFor();

      // the story as told, with what identifies someone marked by kind
      const original = page.locator('section.original');
      const marks = original.locator('mark.found');
      await marks.first().waitFor();
      const marked = await marks.evaluateAll((els) =>
        els.map(
          (m) =>
            `${m.getAttribute('data-kind')}:${[...m.childNodes]
              .filter((n) => n.nodeType === 3)
              .map((n) => n.textContent)
              .join('')}`,
        ),
      );
      expect(marked).toEqual(expect.arrayContaining(['name:Mevrouw Yilmaz', 'address:Dapperstraat 12', 'postcode:1093 BV', 'phone:06-12345678']));
      for (const m of await marks.all()) expect(await m.isVisible()).toBe(true);
      await checkA11y(page, `review page ${label} (before)`);
      await e.screenshot(page, `story-review-${label}-before`);

      // the reviewer rewrites the copy; the page counts what is still marked as they type
      await page.getByLabel('Titel in verslagen').fill('De moestuin');
      const editor = page.getByRole('textbox', { name: 'Tekst in verslagen' });
      await editor.click();
      await page.keyboard.press('Control+A');
      await page.keyboard.type('Een bewoonster begon een moestuin voor de hele straat.');
      await page.getByText('Niets meer gemarkeerd in deze versie.').waitFor();
      await page.getByRole('button', { name: 'Gecontroleerd: gebruik deze versie' }).click();
      await page.getByText('Opgeslagen. Deze versie staat nu in verslagen.').waitFor();
      const done = page.getByText(/^Gecontroleerd door .* op /);
      await done.waitFor();
      // No check code or hash for the worker: the line says who reviewed and when, nothing more.
      await expect(done.textContent()).resolves.toMatch(/^Gecontroleerd door .* op [^:]*\.?$/);
      await expect(page.getByText(/Controlecode/).count()).resolves.toBe(0);
      const hash = (await e.db.selectFrom('storyReviews').select('textHash').where('storyId', '=', storyId).executeTakeFirstOrThrow()).textHash;
      await expect(page.getByText(hash.slice(0, 8)).count()).resolves.toBe(0);
      await checkA11y(page, `review page ${label} (after)`);
      await e.screenshot(page, `story-review-${label}-after`);

      const review = await e.db.selectFrom('storyReviews').selectAll().where('storyId', '=', storyId).executeTakeFirstOrThrow();
      expect(review).toMatchObject({
        title: 'De moestuin',
        bodyText: 'Een bewoonster begon een moestuin voor de hele straat.',
        reviewedBy: phone ? worker.id : coordinator.id,
      });
      await ctx.close();
    });
  }
});
