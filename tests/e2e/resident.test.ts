import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { startE2E, type E2E } from '../helpers/browser.js';
import { apiOf, axeViolations, chooseClimateVariables, expectNoSidewaysScroll } from '../helpers/resident-fixtures.js';

/** Script files the page has fetched so far, with their (transferred or decoded) sizes. */
async function scripts(page: Page): Promise<{ name: string; bytes: number }[]> {
  return page.evaluate(() =>
    (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
      .filter((r) => r.initiatorType === 'script' || r.name.endsWith('.js'))
      .map((r) => ({ name: new URL(r.name).pathname, bytes: r.encodedBodySize || r.decodedBodySize })),
  );
}

describe('browser: a resident tells a story through a project link, on a phone', { timeout: 60_000 }, () => {
  let e: E2E;
  let staff: BrowserContext;
  let projectId: number;
  let variables: number[];
  let token: string;
  let linkId: number;

  beforeAll(async () => {
    e = await startE2E();
    // A coordinator sets up a project with two climate variables and a link for residents.
    const { email } = await e.user('coordinator');
    staff = await e.context();
    const page = await staff.newPage();
    await e.login(page, email);
    const api = apiOf(e, page);
    const created = await api.post('/api/projects', { name: 'Buurtkamer Transvaal' });
    expect(created.status, created.text).toBe(201);
    projectId = created.json.project.id;
    variables = await chooseClimateVariables(e, projectId);
    const link = await api.post(`/api/projects/${projectId}/links`, { label: 'Poster buurthuis' });
    expect(link.status, link.text).toBe(201);
    token = link.json.link.token;
    linkId = link.json.link.id;
    expect(link.json.link.url).toContain(`/t/${token.slice(0, 3)}-${token.slice(3, 6)}-${token.slice(6)}`); // the short code, in groups of three
  });
  afterAll(async () => {
    await staff?.close();
    await e?.close();
  });

  it('the coordinator sees the link and prints its poster with the QR code', async () => {
    const page = await staff.newPage();
    page.setDefaultTimeout(8000);
    await page.goto(`/projects/${projectId}/links`);
    const row = page.locator(`[data-link="${linkId}"]`);
    await row.waitFor();
    await row.getByText('Poster buurthuis').waitFor();
    await row.getByText('Open', { exact: true }).waitFor();
    await row.getByRole('link', { name: /Poster afdrukken/ }).click();
    await page.waitForURL(`**/projects/${projectId}/links/${linkId}/poster`);
    await page.getByRole('heading', { level: 1, name: 'Buurtkamer Transvaal' }).waitFor();
    const qr = page.getByRole('img', { name: /QR-code naar .*\/t\// });
    await qr.waitFor();
    await page.waitForFunction(() => {
      const img = document
        .querySelector('ww-app')
        ?.shadowRoot?.querySelector('ww-link-poster-page')
        ?.shadowRoot?.querySelector('img.qr') as HTMLImageElement | null;
      return !!img && img.complete && img.naturalWidth > 0;
    });
    await page.getByText(`/t/${token.slice(0, 3)}-${token.slice(3, 6)}-${token.slice(6)}`).waitFor();
    // Without ORG_NAME the story stays with the project's team, not with the software; the link's name is the team's, off the poster.
    const poster = page.locator('article.poster');
    await poster.getByText('Je verhaal blijft bij het team van dit project.').waitFor();
    expect(await poster.textContent()).not.toMatch(/Weefwerk|Poster buurthuis/);
    await expect(axeViolations(page)).resolves.toEqual([]);
    // The whole code shows, quiet zone included: square, inside the poster, nothing around it clipping.
    const qrFits = () =>
      page.evaluate(() => {
        const root = document.querySelector('ww-app')!.shadowRoot!.querySelector('ww-link-poster-page')!.shadowRoot!;
        const img = root.querySelector('img.qr')!.getBoundingClientRect();
        const poster = root.querySelector('.poster')!.getBoundingClientRect();
        const clipped = [root.querySelector('.poster')!, root.host].some((el) => getComputedStyle(el).overflow !== 'visible');
        return {
          square: Math.abs(img.width - img.height) < 1,
          inside: img.left >= poster.left && img.right <= poster.right && img.top >= poster.top && img.bottom <= poster.bottom,
          clipped,
          wide: img.width >= 200,
        };
      });
    await expect(qrFits()).resolves.toEqual({ square: true, inside: true, clipped: false, wide: true });
    await page.emulateMedia({ media: 'print' });
    await expect(qrFits()).resolves.toEqual({ square: true, inside: true, clipped: false, wide: true });
    await expect(page.getByRole('button', { name: 'Afdrukken' }).isVisible()).resolves.toBe(false);
    await e.screenshot(page, 'coordinator-link-poster-print');
    await page.close();
  });

  it('writes with the editor, places the story on the sliders, chooses consent, sends, reads it back and withdraws it', async () => {
    const ctx = await e.context({ phone: true, locale: 'nl-NL' });
    const page = await ctx.newPage();
    page.setDefaultTimeout(8000);
    await page.goto(`/t/${token}`);
    await page.getByRole('heading', { level: 1, name: 'Vertel je verhaal' }).waitFor();
    await page.getByText('Voor Buurtkamer Transvaal', { exact: true }).waitFor();

    // Before the story field is used, only the small resident bundle is loaded: no editor code.
    const before = await scripts(page);
    expect(before.some((s) => s.name.includes('ww-editor'))).toBe(false);
    expect(before.reduce((n, s) => n + s.bytes, 0)).toBeLessThan(80 * 1024); // uncompressed; npm run bench measures it gzipped, in each language
    await expectNoSidewaysScroll(page);
    await expect(axeViolations(page)).resolves.toEqual([]);

    // The story field turns into the editor on first tap; the editor's code loads then.
    await page.getByLabel('Je verhaal', { exact: true }).click();
    const editor = page.getByRole('textbox', { name: 'Je verhaal', exact: true });
    await page.locator('[role="textbox"][contenteditable="true"]').waitFor();
    expect((await scripts(page)).some((s) => s.name.includes('ww-editor'))).toBe(true);
    await expect(editor.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await page.keyboard.type('Sinds de bankjes er staan, ');
    const bold = page.getByRole('button', { name: 'Vet' });
    await bold.click();
    await expect(bold.getAttribute('aria-pressed')).resolves.toBe('true');
    await expect.poll(() => editor.evaluate((el) => el === document.activeElement)).toBe(true); // tiptap refocuses in a frame
    await page.keyboard.type('praten buren weer');
    await expect.poll(() => editor.locator('strong').textContent()).toBe('praten buren weer');
    await bold.click();
    await expect(bold.getAttribute('aria-pressed')).resolves.toBe('false');
    await expect.poll(() => editor.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type(' met elkaar.');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Ik voel me veiliger op straat.');
    await expect(editor.locator('strong').textContent()).resolves.toBe('praten buren weer');

    // Sliders by keyboard: the first moves from the middle (50) four steps of 5 to the strong pole.
    const atmosphere = page.getByRole('slider', { name: 'Hoe voelt het in de buurt?' });
    await atmosphere.focus();
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
    await expect(atmosphere.inputValue()).resolves.toBe('70');
    await expect(atmosphere.getAttribute('aria-valuetext')).resolves.toContain('Het voelt veilig, mensen vertrouwen elkaar');
    // The second does not apply to this story.
    await page
      .getByRole('group', { name: 'Hoe kijken mensen in de buurt naar elkaar?' })
      .getByLabel(/Weet ik niet/)
      .check();
    await expect(page.getByRole('slider', { name: 'Hoe kijken mensen in de buurt naar elkaar?' }).isDisabled()).resolves.toBe(true);

    await page.getByLabel('Titel (mag je leeglaten)').fill('De bankjes op het plein');
    await page.getByRole('radio', { name: 'In verslagen, zonder je naam' }).check();
    await page.getByLabel('Je naam (mag je leeglaten)').fill('Fatima');

    await expectNoSidewaysScroll(page);
    await expect(axeViolations(page)).resolves.toEqual([]);
    await e.screenshot(page, 'resident-form-phone');

    await page.getByRole('button', { name: 'Verstuur mijn verhaal' }).click();
    await page.getByRole('heading', { level: 1, name: 'Dank je wel!' }).waitFor();
    const code = (await page.locator('[data-receipt]').textContent())!.trim();
    expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    await page.getByText('Schrijf deze code op. Of maak een foto van dit scherm.').waitFor();

    // Stored: the editor's tiptap JSON (with the bold mark), consent given online by the teller, the placements.
    const story = await e.db.selectFrom('stories').selectAll().where('projectId', '=', projectId).executeTakeFirstOrThrow();
    expect(story).toMatchObject({ title: 'De bankjes op het plein', source: 'link', consent: 'report', withdrawnAt: null });
    const body = JSON.parse(story.bodyJson);
    expect(body.type).toBe('doc');
    expect(body.content).toHaveLength(2);
    expect(body.content[0].content).toContainEqual({ type: 'text', text: 'praten buren weer', marks: [{ type: 'bold' }] });
    expect(story.bodyText).toContain('Ik voel me veiliger op straat.');
    const teller = await e.db.selectFrom('tellers').selectAll().where('id', '=', story.tellerId).executeTakeFirstOrThrow();
    expect(teller).toMatchObject({ kind: 'resident', displayName: 'Fatima', under16: 0 });
    const consents = await e.db.selectFrom('storyConsents').selectAll().where('storyId', '=', story.id).orderBy('id').execute();
    expect(consents).toHaveLength(1);
    expect(consents[0]).toMatchObject({ level: 'report', withdrawn: 0, givenBy: 'teller', channel: 'online' });
    const placements = await e.db
      .selectFrom('storyPlacements')
      .select(['variableId', 'position', 'source'])
      .where('storyId', '=', story.id)
      .orderBy('variableId')
      .execute();
    expect(placements).toEqual(
      [
        { variableId: variables[0]!, position: 70, source: 'teller' },
        { variableId: variables[1]!, position: null, source: 'teller' },
      ].sort((a, b) => a.variableId - b.variableId), // the catalogue's seed decides the ids
    );

    await expectNoSidewaysScroll(page);
    await expect(axeViolations(page)).resolves.toEqual([]);
    await e.screenshot(page, 'resident-receipt-phone');

    // The receipt page reads the story back.
    await page.getByRole('link', { name: 'Bekijk je verhaal' }).click();
    await page.waitForURL(`**/r/${code}`);
    await page.getByRole('heading', { level: 1, name: 'Je verhaal' }).waitFor();
    await expect(page.locator('[data-status]').textContent()).resolves.toBe('Ontvangen');
    await page.getByRole('heading', { name: 'De bankjes op het plein' }).waitFor();
    await expect(page.locator('article strong').textContent()).resolves.toBe('praten buren weer');
    await page.getByText('In verslagen, zonder je naam').waitFor();
    await expectNoSidewaysScroll(page);
    await expect(axeViolations(page)).resolves.toEqual([]);
    await e.screenshot(page, 'resident-receipt-page-phone');

    // Withdraw, with a confirmation step.
    await page.getByRole('button', { name: 'Verhaal weghalen' }).click();
    await page.getByText('Weet je het zeker?').waitFor();
    await expect(axeViolations(page)).resolves.toEqual([]);
    await page.getByRole('button', { name: 'Ja, haal mijn verhaal weg' }).click();
    await page.getByText('Je verhaal is weggehaald.').waitFor();
    await expect(page.locator('[data-status]').textContent()).resolves.toBe('Weggehaald');
    await expect(page.getByRole('button', { name: 'Verhaal weghalen' }).count()).resolves.toBe(0);

    const after = await e.db.selectFrom('stories').select(['withdrawnAt']).where('id', '=', story.id).executeTakeFirstOrThrow();
    expect(after.withdrawnAt).not.toBeNull();
    const last = await e.db.selectFrom('storyConsents').selectAll().where('storyId', '=', story.id).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(last).toMatchObject({ withdrawn: 1, level: null, givenBy: 'teller', channel: 'online' });
    const receipt = await apiOf(e, page).get(`/api/public/receipts/${code}`);
    expect(receipt.json.story.status).toBe('withdrawn');

    // The code also works when typed in at /r.
    await page.goto('/r');
    await page.getByLabel('Je bewijscode').fill(code.toLowerCase().replaceAll('-', ' '));
    await page.getByRole('button', { name: 'Bekijk mijn verhaal' }).click();
    await page.waitForURL(`**/r/${code}`);
    await expect(page.locator('[data-status]').textContent()).resolves.toBe('Weggehaald');
    await ctx.close();
  });

  it('announces missing answers next to their fields, asks for a guardian under 16, and switches to English', async () => {
    const ctx = await e.context({ phone: true, locale: 'nl-NL' });
    const page = await ctx.newPage();
    page.setDefaultTimeout(8000);
    await page.goto(`/t/${token}`);
    await page.getByRole('heading', { level: 1, name: 'Vertel je verhaal' }).waitFor();
    await page.getByLabel('Ik ben jonger dan 16').check();
    await page.getByRole('button', { name: 'Verstuur mijn verhaal' }).click();

    const alert = page.locator('#form-problems');
    await expect(alert.getAttribute('role')).resolves.toBe('alert');
    await expect(alert.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    // Each problem names its field, as the staff form does.
    await expect
      .poll(() => alert.getByRole('link').allTextContents())
      .toEqual([
        'Je verhaal: Schrijf je verhaal, of spreek het in.',
        'Wie mag je verhaal lezen? Kies wie je verhaal mag lezen.',
        'Naam van je ouder of voogd: Vul de naam van je ouder of voogd in.',
        'Toestemming van je ouder of voogd: Je ouder of voogd moet het goed vinden.',
      ]);
    // No title is needed any more.
    await expect(alert.getByText(/titel/i).count()).resolves.toBe(0);
    const guardian = page.getByLabel('Naam van je ouder of voogd');
    await expect(guardian.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(guardian.getAttribute('aria-describedby')).resolves.toContain('guardianName-error');
    await expect(page.locator('#guardianName-error').textContent()).resolves.toBe('Vul de naam van je ouder of voogd in.');
    await expect(page.locator('ww-story-field textarea').getAttribute('aria-invalid')).resolves.toBe('true');
    // The error list links to the fields.
    await alert.getByRole('link', { name: 'Naam van je ouder of voogd: Vul de naam van je ouder of voogd in.' }).click();
    await expect(guardian.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    const title = page.getByLabel('Titel (mag je leeglaten)');
    await expectNoSidewaysScroll(page);
    await expect(axeViolations(page)).resolves.toEqual([]);
    expect(await e.db.selectFrom('stories').select('id').where('projectId', '=', projectId).where('withdrawnAt', 'is', null).execute()).toEqual([]);

    // A plain textarea still works (the editor never loaded here): the text goes as tiptap paragraphs.
    await title.fill('Speeltuin');
    await page.getByLabel(/Taal/).selectOption('en');
    await page.getByRole('heading', { level: 1, name: 'Tell your story' }).waitFor();
    await page.getByRole('slider', { name: 'How does the neighbourhood feel?' }).waitFor();
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    await expect(page.locator('#title').inputValue()).resolves.toBe('Speeltuin');
    await expect
      .poll(() => alert.getByRole('link').allTextContents())
      .toEqual([
        'Your story: Write your story, or speak it.',
        'Who may read your story? Choose who may read your story.',
        'Name of your parent or guardian: Fill in the name of your parent or guardian.',
        'Permission from your parent or guardian: Your parent or guardian must agree.',
      ]);
    await page.getByLabel('Name of your parent or guardian').fill('Mohammed');
    await page.getByLabel('My parent or guardian agrees that I share my story.').check();
    await page.getByRole('radio', { name: 'Only the team' }).check();
    await page.evaluate(() => {
      // Type into the plain field without focusing it, as when the editor cannot load.
      const field = document.querySelector('ww-story-field textarea') as HTMLTextAreaElement;
      field.value = 'We hebben een nieuwe speeltuin.\n\nDe kinderen spelen buiten.';
      field.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await page.getByRole('button', { name: 'Send my story' }).click();
    await page.getByRole('heading', { level: 1, name: 'Thank you!' }).waitFor();
    const story = await e.db.selectFrom('stories').selectAll().where('title', '=', 'Speeltuin').executeTakeFirstOrThrow();
    expect(JSON.parse(story.bodyJson)).toEqual({
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'We hebben een nieuwe speeltuin.' }] },
        { type: 'paragraph', content: [{ type: 'text', text: 'De kinderen spelen buiten.' }] },
      ],
    });
    expect(story).toMatchObject({ consent: 'team', language: 'en' });
    const consent = await e.db.selectFrom('storyConsents').selectAll().where('storyId', '=', story.id).executeTakeFirstOrThrow();
    expect(consent).toMatchObject({ givenBy: 'guardian', guardianName: 'Mohammed', channel: 'online', level: 'team' });
    const teller = await e.db.selectFrom('tellers').selectAll().where('id', '=', story.tellerId).executeTakeFirstOrThrow();
    expect(teller.under16).toBe(1);
    await ctx.close();
  });

  it('works with the keyboard alone, from the first field to the withdrawal', async () => {
    const ctx = await e.context({ phone: true, locale: 'nl-NL' });
    const page = await ctx.newPage();
    page.setDefaultTimeout(20_000); // an upper bound for waiting on real state, not a pause
    await page.goto(`/t/${token}`);
    await page.getByRole('heading', { level: 1, name: 'Vertel je verhaal' }).waitFor();
    await page.getByRole('slider', { name: 'Hoe voelt het in de buurt?' }).waitFor();
    /** What has focus: its accessible-ish name, looking into shadow roots. */
    const focused = () =>
      page.evaluate(() => {
        let el = document.activeElement;
        while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
        if (!el) return '';
        const labelled = el.getAttribute('aria-labelledby');
        const name =
          el.getAttribute('aria-label') ??
          (labelled ? (el.getRootNode() instanceof Document ? document.getElementById(labelled.split(' ')[0]!)?.textContent : '') : '') ??
          '';
        const label = (el as HTMLInputElement).labels?.[0]?.textContent ?? '';
        return `${el.tagName.toLowerCase()}|${(el as HTMLInputElement).type ?? ''}|${(name || label || el.textContent || '').trim()}`;
      });
    /** Presses Tab until the focus is on what `want` matches (at most 20 times). */
    const tabTo = async (want: RegExp, key = 'Tab') => {
      for (let i = 0; i < 20; i++) {
        await page.keyboard.press(key);
        if (want.test(await focused())) return;
      }
      throw new Error(`focus never reached ${want}; last: ${await focused()}`);
    };

    // Focusing the story field loads the editor and moves the focus into it: when the editor's code
    // is loaded already, that can happen before the focus is looked at, so either counts as reached.
    await tabTo(/^(textarea|div)\|/);
    await page.locator('[role="textbox"][contenteditable="true"]').waitFor();
    await expect.poll(focused).toMatch(/^div\|.*\|/);
    await page.keyboard.type('Zonder muis. ');
    await page.keyboard.press('Control+b');
    await page.keyboard.type('Het lukt');
    await page.keyboard.press('Control+b');
    // The toolbar is one stop after the text, arrows move inside it, Enter applies and returns to the text.
    await page.keyboard.press('Tab');
    await expect.poll(focused).toMatch(/^button\|.*Vet/);
    await page.keyboard.press('ArrowRight');
    await expect.poll(focused).toMatch(/Schuin/);
    await page.keyboard.press('Enter');
    await expect.poll(focused).toMatch(/^div\|/);
    await page.keyboard.type(' echt.');
    await tabTo(/^input\|text\|Titel \(mag je leeglaten\)/);
    await page.keyboard.type('Met het toetsenbord');
    await tabTo(/^input\|range\|Hoe voelt het in de buurt/);
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await tabTo(/^input\|radio\|Alleen het team/);
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.getByRole('radio', { name: 'In verslagen, zonder je naam' }).isChecked()).toBe(true);
    await tabTo(/^button\|submit\|Verstuur mijn verhaal/);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Dank je wel!' }).waitFor();
    await expect.poll(focused).toMatch(/^h1\|.*Dank je wel!/);
    const code = (await page.locator('[data-receipt]').textContent())!.trim();
    const story = await e.db.selectFrom('stories').selectAll().where('title', '=', 'Met het toetsenbord').executeTakeFirstOrThrow();
    const inline = JSON.parse(story.bodyJson).content[0].content;
    expect(inline).toContainEqual({ type: 'text', text: 'Het lukt', marks: [{ type: 'bold' }] });
    expect(inline).toContainEqual({ type: 'text', text: ' echt.', marks: [{ type: 'italic' }] });
    expect(story.consent).toBe('report');
    const placed = await e.db.selectFrom('storyPlacements').select(['variableId', 'position']).where('storyId', '=', story.id).execute();
    expect(placed).toEqual([{ variableId: variables[0], position: 40 }]);

    await tabTo(/^a\|.*Bekijk je verhaal/);
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/r/${code}`);
    await page.locator('[data-status]').waitFor();
    await tabTo(/^button\|button\|Verhaal weghalen/);
    await page.keyboard.press('Enter');
    await expect.poll(focused).toMatch(/Weet je het zeker\?/);
    await tabTo(/^button\|button\|Ja, haal mijn verhaal weg/);
    await page.keyboard.press('Enter');
    await page.getByText('Je verhaal is weggehaald.').waitFor();
    expect((await e.db.selectFrom('stories').select('withdrawnAt').where('id', '=', story.id).executeTakeFirstOrThrow()).withdrawnAt).not.toBeNull();
    await ctx.close();
  });

  it('stays readable at 200% zoom on a phone: nothing needs sideways scrolling', async () => {
    // 200% zoom on a 360 px wide phone leaves a layout 180 CSS pixels wide.
    const ctx = await e.browser.newContext({
      baseURL: e.baseUrl,
      locale: 'nl-NL',
      viewport: { width: 180, height: 370 },
      deviceScaleFactor: 4,
      isMobile: true,
      hasTouch: true,
    });
    const page = await ctx.newPage();
    page.setDefaultTimeout(8000);
    await page.goto(`/t/${token}`);
    await page.getByRole('heading', { level: 1, name: 'Vertel je verhaal' }).waitFor();
    await page.getByRole('slider', { name: 'Hoe voelt het in de buurt?' }).waitFor();
    await page.getByLabel('Je verhaal', { exact: true }).click();
    await page.locator('[role="textbox"][contenteditable="true"]').waitFor();
    await expectNoSidewaysScroll(page, 180);
    await e.screenshot(page, 'resident-form-zoom-200');
    const { json } = await apiOf(e, page).post(`/api/public/links/${token}/stories`, {
      title: 'Zoom',
      body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Groot lezen.' }] }] },
      consent: 'team',
      consentTextVersion: '2026-11',
    });
    await page.goto(`/r/${json.receipt}`);
    await page.locator('[data-status]').waitFor();
    await expectNoSidewaysScroll(page, 180);
    await ctx.close();
  });

  it('says so plainly when a link has been closed', async () => {
    await e.db.updateTable('publicLinks').set({ closedAt: new Date().toISOString() }).where('id', '=', linkId).execute();
    const ctx = await e.context({ phone: true, locale: 'nl-NL' });
    const page = await ctx.newPage();
    page.setDefaultTimeout(8000);
    await page.goto(`/t/${token}`);
    await page.getByRole('alert').getByText('Deze link is gesloten.', { exact: false }).waitFor();
    await expect(page.getByRole('button', { name: 'Verstuur mijn verhaal' }).count()).resolves.toBe(0);
    await ctx.close();
  });
});
