// A coordinator takes a project's stories to a QDA tool and brings a new code back, in the browser.
import { readFileSync } from 'node:fs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkA11y, expectNoHorizontalScroll, expectScrollingTablesReachable, isFocused } from '../helpers/a11y.js';
import { startE2E, type E2E } from '../helpers/browser.js';
import { makeProject, makeStory } from '../helpers/sensemaking-fixtures.js';

describe('browser: REFI-QDA export and import', () => {
  let e: E2E;
  let projectId: number;
  let coordinator: { id: number; email: string };
  beforeAll(async () => {
    e = await startE2E();
    coordinator = await e.user('coordinator');
    projectId = await makeProject(e.db, 'Buurtkamer Oost');
    await makeStory(e.db, { projectId, consent: 'team', title: 'Groeten op straat', text: 'Sinds de buurtkamer open is, groeten mensen elkaar op straat.' });
  });
  afterAll(async () => e?.close());

  for (const phone of [false, true]) {
    it(`downloads the .qdpx, checks a file that came back and imports its new code (${phone ? '360' : '1280'} px)`, async () => {
      const ctx = await e.context({ phone });
      const page = await ctx.newPage();
      await e.login(page, coordinator.email);
      await page.goto(`/projects/${projectId}`);
      await page.getByRole('link', { name: 'QDA-software (.qdpx)' }).click();
      await page.getByRole('heading', { level: 1, name: 'Onderzoeken met QDA-software: Buurtkamer Oost' }).waitFor();

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '.qdpx downloaden' }).click()]);
      expect(download.suggestedFilename()).toBe('Buurtkamer-Oost.qdpx');
      const files = unzipSync(readFileSync((await download.path())!));
      // as a QDA tool would: a new code and a passage coded with it
      const suffix = phone ? '2' : '1';
      const qde = strFromU8(files['project.qde']!)
        .replace(
          /(<Code [^>]*name="Codes"[^>]*>)/,
          `$1<Code guid="00000000-0000-4000-8000-00000000000${suffix}" name="Buurtgevoel ${suffix}" isCodable="true"/>`,
        )
        .replace(
          /(<TextSource [^>]*>)/,
          `$1<PlainTextSelection guid="00000000-0000-4000-8000-00000000001${suffix}" startPosition="29" endPosition="50"><Coding guid="00000000-0000-4000-8000-00000000002${suffix}"><CodeRef targetGUID="00000000-0000-4000-8000-00000000000${suffix}"/></Coding></PlainTextSelection>`,
        );
      const edited = zipSync({ ...files, 'project.qde': strToU8(qde) });

      await page.getByLabel('.qdpx-bestand').setInputFiles({ name: 'terug.qdpx', mimeType: 'application/zip', buffer: Buffer.from(edited) });
      // By keyboard: each button is disabled while it works; the focus does not fall back to the page.
      const check = page.getByRole('button', { name: 'Controleren' });
      await check.press('Enter');
      await page
        .getByRole('status')
        .getByText(/1 nieuwe coderingen, 1 nieuwe codes/)
        .waitFor();
      await expect.poll(() => isFocused(check)).toBe(true);
      const table = page.getByRole('table', { name: 'Dit komt erbij' });
      await expect.poll(() => table.getByRole('row').nth(1).innerText()).toMatch(/Groeten op straat\s+“groeten mensen elkaar”\s+Buurtgevoel \d\s+nieuwe code/);
      await expectNoHorizontalScroll(page, `qda page ${phone ? 360 : 1280}`);
      await expectScrollingTablesReachable(page, `qda page ${phone ? 360 : 1280}`);
      await checkA11y(page, 'qda page preview');
      await e.screenshot(page, `qda-preview-${phone ? 360 : 1280}`);

      await page.getByRole('button', { name: 'Importeren' }).press('Enter');
      const done = page.getByRole('status').getByText('Geïmporteerd: 1 coderingen en 1 nieuwe codes.');
      await done.waitFor();
      await expect.poll(() => isFocused(done)).toBe(true); // Importeren stays off: the focus goes to what was done
      const excerpt = await e.db
        .selectFrom('storyExcerpts')
        .innerJoin('codes', 'codes.id', 'storyExcerpts.codeId')
        .select(['quote', 'codes.name'])
        .where('codes.name', '=', `Buurtgevoel ${suffix}`)
        .executeTakeFirstOrThrow();
      expect(excerpt.quote).toBe('groeten mensen elkaar');

      // a file that is no .qdpx is refused with the reason
      await page.getByLabel('.qdpx-bestand').setInputFiles({ name: 'brief.qdpx', mimeType: 'application/zip', buffer: Buffer.from('geen zip') });
      await page.getByRole('button', { name: 'Controleren' }).click();
      await page.getByRole('alert').getByText('Dit is geen .qdpx: het is geen zip-bestand').waitFor();
      await ctx.close();
    });
  }
});
