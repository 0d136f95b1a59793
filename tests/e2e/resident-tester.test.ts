// What a tester found on the public resident pages: a story too long for the server, a slider
// saved that was never chosen, the photo chooser's focus, hint and broken files, the recorder by
// keyboard and with the microphone refused, text direction where residents type, the Arabic
// receipt code, the titles of error pages and the wording of the copy page.
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startE2E, type E2E } from '../helpers/browser.js';
import { apiOf, axeViolations, recordFor, residentLink } from '../helpers/resident-fixtures.js';

describe('browser: the resident pages, as the tester found them', { timeout: 90_000 }, () => {
  let e: E2E;
  let projectId: number;
  let token: string;

  beforeAll(async () => {
    e = await startE2E({}, { fakeMedia: true });
    ({ projectId, token } = await residentLink(e, { climate: true }));
  });
  afterAll(async () => e?.close());

  /** Types into the plain story field without loading the editor (fast, also for very long text). */
  const typeStory = (page: Page, text: string) =>
    page.evaluate((t) => {
      const field = document.querySelector('ww-story-field textarea') as HTMLTextAreaElement;
      field.value = t;
      field.dispatchEvent(new Event('input', { bubbles: true }));
    }, text);
  const storyCount = async () =>
    Number(
      (
        await e.db
          .selectFrom('stories')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('projectId', '=', projectId)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const focusedIs = (page: Page, selector: string) => page.evaluate((s) => document.activeElement === document.querySelector(s), selector);

  it('a story that is too long is named at the story field, before sending and when the server says so', async () => {
    const ctx = await e.context({ phone: true, locale: 'nl-NL' });
    const page = await ctx.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`/t/${token}`);
    await page.getByRole('button', { name: 'Verstuur mijn verhaal' }).waitFor();
    const before = await storyCount();
    let posted = 0;
    page.on('request', (r) => r.method() === 'POST' && r.url().includes('/stories') && posted++);

    await typeStory(page, 'Heel lang. '.repeat(25_000));
    await page.getByRole('radio', { name: 'Alleen het team' }).check();
    await page.getByRole('button', { name: 'Verstuur mijn verhaal' }).click();
    const problems = page.locator('#form-problems');
    await expect.poll(() => page.locator('#body-error').textContent()).toBe('Je verhaal is te lang. Maak het wat korter.');
    await expect(problems.textContent()).resolves.toContain('Kijk nog even naar deze punten:');
    await expect(problems.textContent()).resolves.not.toContain('Er mist nog iets');
    await expect(problems.textContent()).resolves.not.toContain('foto');
    expect(posted).toBe(0);
    expect(await storyCount()).toBe(before);

    // The server refuses the text as too large (413, naming the body): the same message, at the story.
    await page.route('**/api/public/links/*/stories', (route) =>
      route.fulfill({
        status: 413,
        contentType: 'application/json',
        body: JSON.stringify({
          error: {
            code: 'payload_too_large',
            message: 'Het verhaal is te lang / The story is too long',
            details: [{ field: 'body', message: 'larger than 200 KB' }],
          },
        }),
      }),
    );
    await typeStory(page, 'Kort genoeg voor deze pagina.');
    await page.getByRole('button', { name: 'Verstuur mijn verhaal' }).click();
    await expect.poll(() => posted).toBe(1);
    await expect.poll(() => page.locator('#body-error').textContent()).toBe('Je verhaal is te lang. Maak het wat korter.');
    await expect(page.locator('#media-error').textContent()).resolves.toBe('');
    await expect(problems.textContent()).resolves.toContain('Kijk nog even naar deze punten:');
    await page.unroute('**/api/public/links/*/stories');

    await ctx.close();

    // Missing things keep their own heading.
    const empty = await e.context({ phone: true, locale: 'nl-NL' });
    const fresh = await empty.newPage();
    await fresh.goto(`/t/${token}`);
    await fresh.getByRole('button', { name: 'Verstuur mijn verhaal' }).click();
    await expect.poll(() => fresh.locator('#form-problems').textContent()).toContain('Er mist nog iets');
    await empty.close();
  });

  it('a slider ticked "Weet ik niet" and unticked again, or cleared, records nothing', async () => {
    const ctx = await e.context({ phone: true, locale: 'nl-NL' });
    const page = await ctx.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`/t/${token}`);
    const atmosphere = page.getByRole('slider', { name: 'Hoe voelt het in de buurt?' });
    await atmosphere.waitFor();
    const unknown = page.getByRole('group', { name: 'Hoe voelt het in de buurt?' }).getByLabel(/Weet ik niet/);
    await unknown.check();
    await unknown.uncheck();
    await expect(atmosphere.getAttribute('aria-valuetext')).resolves.toBe('nog niet gekozen');
    await expect(atmosphere.getAttribute('class')).resolves.toBe('untouched');

    // A choice made can be taken back, and the focus returns to the slider.
    const image = page.getByRole('slider', { name: 'Hoe kijken mensen in de buurt naar elkaar?' });
    const clear = page.getByRole('group', { name: 'Hoe kijken mensen in de buurt naar elkaar?' }).getByRole('button', { name: 'Keuze wissen' });
    expect(await clear.count()).toBe(0);
    await image.focus();
    await page.keyboard.press('ArrowRight');
    await clear.click();
    await expect(image.getAttribute('aria-valuetext')).resolves.toBe('nog niet gekozen');
    await expect.poll(() => image.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await clear.count()).toBe(0);
    await expect(axeViolations(page)).resolves.toEqual([]);

    await typeStory(page, 'Niets gekozen op de lijnen.');
    await page.getByRole('radio', { name: 'Alleen het team' }).check();
    await page.getByRole('button', { name: 'Verstuur mijn verhaal' }).click();
    await page.getByRole('heading', { level: 1, name: 'Dank je wel!' }).waitFor();
    const story = await e.db.selectFrom('stories').select('id').where('bodyText', '=', 'Niets gekozen op de lijnen.').executeTakeFirstOrThrow();
    expect(await e.db.selectFrom('storyPlacements').selectAll().where('storyId', '=', story.id).execute()).toEqual([]);
    await ctx.close();
  });

  it('the photo: its hint, a visible "Andere foto kiezen" after choosing, a broken file refused at once; the copy names what there is', async () => {
    const ctx = await e.context({ phone: true, locale: 'nl-NL' });
    const page = await ctx.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`/t/${token}`);
    const input = page.locator('#photo');
    await input.waitFor({ state: 'attached' });
    expect((await input.getAttribute('aria-describedby'))!.split(' ')).toContain('photo-hint');
    await expect(page.locator('#photo-hint').textContent()).resolves.toBe('Mag, hoeft niet. We halen de plaats en datum van de foto weg.');

    // A file named .jpg that is no picture: refused as soon as its preview fails.
    await input.setInputFiles({ name: 'vakantie.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('dit is geen foto') });
    await expect.poll(() => page.locator('#media-error').textContent()).toBe('Deze foto kunnen we niet openen. Kies een andere foto.');
    expect(await page.getByRole('button', { name: 'Foto weghalen' }).count()).toBe(0);
    expect(await page.locator('img.photo-preview').count()).toBe(0);
    expect(await input.getAttribute('aria-invalid')).toBe('true');

    const photo = await sharp({ create: { width: 400, height: 300, channels: 3, background: { r: 90, g: 140, b: 200 } } })
      .jpeg()
      .toBuffer();
    await input.setInputFiles({ name: 'plein.jpg', mimeType: 'image/jpeg', buffer: photo });
    const remove = page.getByRole('button', { name: 'Foto weghalen' });
    await remove.waitFor();
    await expect.poll(() => page.locator('#media-error').textContent()).toBe('');
    // From "Foto weghalen", Tab reaches the chooser, and what it shows is visible and outlined.
    await remove.focus();
    await page.keyboard.press('Tab');
    expect(await focusedIs(page, '#photo')).toBe(true);
    const other = page.locator('label.file-button');
    await expect(other.textContent()).resolves.toContain('Andere foto kiezen');
    const shown = await other.evaluate((el) => {
      const box = el.getBoundingClientRect();
      return { width: box.width > 40, height: box.height > 30, outline: getComputedStyle(el).outlineStyle };
    });
    expect(shown).toEqual({ width: true, height: true, outline: 'solid' });
    await expect(axeViolations(page)).resolves.toEqual([]);

    await typeStory(page, 'Met een foto van het plein.');
    await page.getByRole('radio', { name: 'Alleen het team' }).check();
    await page.getByRole('button', { name: 'Verstuur mijn verhaal' }).click();
    await page.getByRole('heading', { level: 1, name: 'Dank je wel!' }).waitFor();
    const code = (await page.locator('[data-receipt]').textContent())!.trim();

    // The copy: plain words, and a heading for what was sent (a photo only).
    await page.goto(`/r/${code}/copy`);
    await page.getByRole('heading', { level: 2, name: 'Waar past je verhaal?' }).waitFor();
    await expect(page.locator('#copy-media').textContent()).resolves.toBe('Je foto');
    const download = page.getByRole('link', { name: 'Bewaar een kopie als bestand' });
    expect(await download.getAttribute('href')).toMatch(/copy\.json$/);
    expect(await download.getAttribute('download')).not.toBeNull();
    await page.goto(`/r/${code}`);
    await page.getByRole('link', { name: 'Bewaar een kopie als bestand' }).waitFor();
    await ctx.close();
  });

  it('the microphone refused: the focus stays on the record button, with its icon, and the message is announced', async () => {
    const ctx = await e.context({ phone: true, locale: 'nl-NL' });
    await ctx.addInitScript(() => {
      navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));
    });
    const page = await ctx.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`/t/${token}`);
    await page.getByRole('button', { name: 'Spreek je verhaal in' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'We mogen de microfoon niet gebruiken' });
    await alert.waitFor();
    const button = page.getByRole('button', { name: 'Spreek je verhaal in' });
    await expect.poll(() => button.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await button.locator('svg').count()).toBe(1);
    expect((await button.getAttribute('aria-describedby'))!.split(' ')).toContain('voice-problem');
    await expect(axeViolations(page)).resolves.toEqual([]);
    await ctx.close();
  });

  it('the own recording can be replayed by keyboard: the player stays in the tab order', async () => {
    const ctx = await e.context({ phone: true, locale: 'nl-NL' });
    const page = await ctx.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`/t/${token}`);
    await recordFor(page, 1200);
    const audio = page.locator('ww-voice-recorder audio');
    await audio.waitFor();
    expect(await audio.getAttribute('tabindex')).toBeNull();
    await page.getByRole('button', { name: 'Opname weghalen' }).focus();
    await page.keyboard.press('Shift+Tab');
    expect(await focusedIs(page, 'ww-voice-recorder audio')).toBe(true);
    await ctx.close();
  });

  it('the text runs in its own direction where residents type', async () => {
    const ctx = await e.context({ phone: true, locale: 'nl-NL' });
    const page = await ctx.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`/t/${token}`);
    await page.getByLabel('Ik ben jonger dan 16').check();
    for (const selector of ['ww-story-field textarea', '#title', '#tellerName', '#guardianName'])
      expect(await page.locator(selector).getAttribute('dir'), selector).toBe('auto');
    await page.locator('#title').fill('مرحبا بالجيران!');
    expect(await page.locator('#title').evaluate((el) => el.matches(':dir(rtl)'))).toBe(true);
    await page.getByLabel('Je verhaal', { exact: true }).click();
    const editor = page.locator('[role="textbox"][contenteditable="true"]');
    await editor.waitFor();
    expect(await editor.getAttribute('dir')).toBe('auto');

    // And Dutch on the Arabic page.
    await page.goto(`/t/${token}?lang=ar`);
    await page.locator('#tellerName').fill('Fatima, uit de buurt.');
    expect(await page.locator('#tellerName').evaluate((el) => el.matches(':dir(ltr)'))).toBe(true);
    await ctx.close();
  });

  it('Arabic receipt: the code sits beside its label, left to right inside; error pages name the problem in the tab', async () => {
    const ctx = await e.context({ phone: true, locale: 'ar' });
    const page = await ctx.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`/t/${token}?lang=ar`);
    const { json, status, text } = await apiOf(e, page).post(`/api/public/links/${token}/stories`, {
      title: 'قصة',
      body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'نص قصير.' }] }] },
      consent: 'team',
      consentTextVersion: '2026-11-29/ar',
      language: 'ar',
    });
    expect(status, text).toBe(201);
    const code = json.receipt as string;
    await page.goto(`/r/${code}?lang=ar`);
    await page.locator('[data-status]').waitFor();
    const place = await page.locator('dd.code-small').evaluate((dd) => {
      const dt = dd.previousElementSibling!.getBoundingClientRect();
      const bdi = dd.querySelector('bdi[dir="ltr"]')!;
      const box = bdi.getBoundingClientRect();
      return { text: bdi.textContent, direction: getComputedStyle(dd).direction, withLabel: Math.abs(box.right - dt.right) < 2 };
    });
    expect(place).toEqual({ text: code, direction: 'rtl', withLabel: true });

    for (const [path, title] of [
      ['/t/BADTOKEN', 'Deze link werkt niet'],
      ['/t/BADTOKEN?lang=en', 'This link does not work'],
      ['/r/AAAA-BBBB-CCCC', 'Code niet gevonden'],
      ['/r/AAAA-BBBB-CCCC?lang=en', 'Code not found'],
    ] as const) {
      await page.goto(`${path}${path.includes('?') ? '' : '?lang=nl'}`);
      await page.getByRole('alert').waitFor();
      await expect.poll(() => page.title(), { message: path }).toContain(title);
    }
    await ctx.close();
  });
});
