// What a person walking the resident's form at 360 px ran into: the receipt code after a reload or
// Back, the photo chooser's own messages, "Meer uitleg" in every language, the Arabic recording timer.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startE2E, type E2E } from '../helpers/browser.js';
import { axeViolations, expectNoSidewaysScroll, residentLink } from '../helpers/resident-fixtures.js';
import { residentLocales } from '../../web/resident/i18n.js';

const texts = (lang: string) => JSON.parse(readFileSync(join(process.cwd(), 'web', 'resident', 'locales', `${lang}.json`), 'utf8'));

describe('browser: the resident form at 360 px, as a person walked it', { timeout: 90_000 }, () => {
  let e: E2E;
  let projectId: number;
  let token: string;

  beforeAll(async () => {
    e = await startE2E({}, { fakeMedia: true });
    ({ projectId, token } = await residentLink(e));
  });
  afterAll(async () => e?.close());

  /** A phone on the story form with `text` typed as the story. */
  const startStory = async (text: string) => {
    const ctx = await e.context({ phone: true, locale: 'nl-NL' });
    const page = await ctx.newPage();
    page.setDefaultTimeout(8000);
    await page.goto(`/t/${token}`);
    await page.getByLabel('Je verhaal', { exact: true }).click();
    await page.locator('[role="textbox"][contenteditable="true"]').waitFor();
    await page.keyboard.type(text);
    return { ctx, page };
  };

  const shownCode = async (page: Page) => {
    await page.getByRole('heading', { level: 1, name: 'Dank je wel!' }).waitFor();
    return (await page.locator('[data-receipt]').textContent())!.trim();
  };

  it('keeps the receipt code through a reload and Back, until the resident tells another story', async () => {
    const { ctx, page } = await startStory('Het speeltuintje is weer open.');
    // A tap on a choice's explanation chooses it, as a tap on its name does.
    await page.locator('#consent-team-explain').scrollIntoViewIfNeeded();
    const explain = (await page.locator('#consent-team-explain').boundingBox())!;
    await page.mouse.click(explain.x + explain.width / 2, explain.y + explain.height / 2);
    expect(await page.getByRole('radio', { name: 'Alleen het team' }).isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Verstuur mijn verhaal' }).click();
    const code = await shownCode(page);
    expect(code).toMatch(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);

    await page.reload();
    expect(await shownCode(page)).toBe(code);
    expect(page.url()).not.toContain(code);

    await page.getByRole('link', { name: 'Bekijk je verhaal' }).click();
    await page.waitForURL(`**/r/${code}`);
    await page.getByRole('heading', { level: 1, name: 'Je verhaal' }).waitFor();
    // Sent without a title, its opening words are not shown twice.
    await page.getByText('Het speeltuintje is weer open.').first().waitFor();
    expect(await page.getByText('Het speeltuintje is weer open.').count()).toBe(1);
    await page.goBack();
    expect(await shownCode(page)).toBe(code);
    await expectNoSidewaysScroll(page);
    await expect(axeViolations(page)).resolves.toEqual([]);

    // Another tab does not get the code.
    const other = await ctx.newPage();
    await other.goto(`/t/${token}`);
    await other.getByRole('button', { name: 'Verstuur mijn verhaal' }).waitFor();
    expect(await other.locator('[data-receipt]').count()).toBe(0);
    await other.close();

    await page.getByRole('button', { name: 'Vertel nog een verhaal' }).click();
    const heading = page.getByRole('heading', { level: 1, name: 'Vertel je verhaal' });
    await heading.waitFor();
    await expect.poll(() => heading.evaluate((h) => h === document.activeElement)).toBe(true);
    await page.reload();
    await page.getByRole('button', { name: 'Verstuur mijn verhaal' }).waitFor();
    expect(await page.locator('[data-receipt]').count()).toBe(0);
    const stored = await e.db
      .selectFrom('stories')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('projectId', '=', projectId)
      .executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(1);

    // Not for long: half an hour later (a tablet in the community centre, the next resident) the form is empty.
    await page.getByLabel('Je verhaal', { exact: true }).click();
    await page.locator('[role="textbox"][contenteditable="true"]').waitFor();
    await page.keyboard.type('Er staan weer bankjes.');
    await page.getByRole('radio', { name: 'Alleen het team' }).check();
    await page.getByRole('button', { name: 'Verstuur mijn verhaal' }).click();
    await shownCode(page);
    await page.evaluate((key) => {
      const kept = JSON.parse(sessionStorage.getItem(key)!) as { at: number };
      sessionStorage.setItem(key, JSON.stringify({ ...kept, at: kept.at - 31 * 60_000 }));
    }, `weefwerk.receipt.${token}`);
    await page.reload();
    await page.getByRole('button', { name: 'Verstuur mijn verhaal' }).waitFor();
    expect(await page.locator('[data-receipt]').count()).toBe(0);
    await ctx.close();
  });

  it('a public story needs a name: the name field says so before sending, in every language, and the story goes once there is one', async () => {
    const ctx = await e.context({ phone: true, locale: 'nl-NL' });
    const page = await ctx.newPage();
    page.setDefaultTimeout(8000);
    const name = page.locator('#tellerName');
    for (const lang of residentLocales) {
      const t = texts(lang);
      await page.goto(`/t/${token}?lang=${lang}`);
      await page.locator('#consent-public').check();
      // Chosen public, the field no longer says it may be left empty.
      await expect.poll(() => page.locator('label[for="tellerName"]').textContent()).toBe(t.form.yourName);
      expect(await page.locator('#tellerName-hint').textContent(), lang).toBe(t.form.namePublicHint);
      expect(await name.getAttribute('aria-required'), lang).toBe('true');
      await page.getByRole('button', { name: t.form.send }).click();
      const message = t.form.needNamePublic.replace('{report}', t.consent.report);
      await expect.poll(() => page.locator('#tellerName-error').textContent()).toBe(message);
      expect(await name.getAttribute('aria-invalid'), lang).toBe('true');
    }

    await page.goto(`/t/${token}?lang=nl`);
    await page.getByLabel('Je verhaal', { exact: true }).click();
    await page.locator('[role="textbox"][contenteditable="true"]').waitFor();
    await page.keyboard.type('De bankjes op het plein zijn terug.');
    await page.getByRole('radio', { name: 'Openbaar, met je naam' }).check();
    await page.getByRole('button', { name: 'Verstuur mijn verhaal' }).click();
    const error = page.locator('#tellerName-error');
    await expect.poll(() => error.textContent()).toBe('Vul een naam in. Een verzonnen naam mag ook. Of kies: ‘In verslagen, zonder je naam’.');
    expect(await page.locator('#form-problems').textContent()).toContain('Je naam: Vul een naam in.');
    await expectNoSidewaysScroll(page);
    await expect(axeViolations(page)).resolves.toEqual([]);
    // The level without the name takes the message away, and the field may be left empty again.
    await page.getByRole('radio', { name: 'In verslagen, zonder je naam' }).check();
    await expect.poll(() => error.textContent()).toBe('');
    expect(await page.locator('label[for="tellerName"]').textContent()).toBe('Je naam (mag je leeglaten)');
    await page.getByRole('radio', { name: 'Openbaar, met je naam' }).check();
    await page.getByLabel('Je naam', { exact: true }).fill('Buurvrouw Ans');
    await page.getByRole('button', { name: 'Verstuur mijn verhaal' }).click();
    await shownCode(page);
    const told = await e.db
      .selectFrom('stories')
      .innerJoin('tellers', 'tellers.id', 'stories.tellerId')
      .select('tellers.displayName')
      .where('stories.projectId', '=', projectId)
      .where('stories.bodyText', 'like', '%bankjes op het plein%')
      .execute();
    expect(told).toEqual([{ displayName: 'Buurvrouw Ans' }]);
    await ctx.close();
  });

  it('/r: a code that is not found stays in the field, so one wrong character can be fixed', async () => {
    const { ctx, page } = await startStory('De brug is gemaakt.');
    await page.getByRole('radio', { name: 'Alleen het team' }).check();
    await page.getByRole('button', { name: 'Verstuur mijn verhaal' }).click();
    const code = await shownCode(page);
    // One character typed wrong (another of the code's own characters, so it still looks like a code).
    const wrong = `${code.slice(0, -1)}${code.endsWith('2') ? '3' : '2'}`;

    await page.goto('/r');
    await page.getByLabel('Je bewijscode').fill(wrong);
    await page.getByRole('button', { name: 'Bekijk mijn verhaal' }).click();
    await page.getByText('We vinden geen verhaal bij deze code.', { exact: false }).waitFor();
    const field = page.getByLabel('Je bewijscode');
    expect(await field.inputValue()).toBe(wrong);
    await field.press('End');
    await field.press('Backspace');
    await field.press(code.slice(-1));
    await page.getByRole('button', { name: 'Bekijk mijn verhaal' }).click();
    await page.waitForURL(`**/r/${code}`);
    await page.getByText('De brug is gemaakt.').first().waitFor();
    await ctx.close();
  });

  it('refuses a file that is not a photo, or too big, at once and beside the photo field', async () => {
    const ctx = await e.context({ phone: true, locale: 'nl-NL' });
    const page = await ctx.newPage();
    page.setDefaultTimeout(8000);
    await page.goto(`/t/${token}`);
    const input = page.locator('#photo');
    await input.waitFor({ state: 'attached' });
    expect(await input.getAttribute('accept')).toBe('image/*');
    const message = page.locator('#media-error');

    await input.setInputFiles({ name: 'boodschappen.txt', mimeType: 'text/plain', buffer: Buffer.from('melk, brood') });
    await expect.poll(() => message.textContent()).toBe('Dit bestand is geen foto. Kies een foto.');
    expect(await input.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByText('Er mist nog iets', { exact: false }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Foto weghalen' }).count()).toBe(0);
    await expectNoSidewaysScroll(page);
    await expect(axeViolations(page)).resolves.toEqual([]);

    // A file on disk: the browser reads it itself, rather than 10 MB passed through the protocol.
    const big = join(mkdtempSync(join(tmpdir(), 'weefwerk-')), 'groot.jpg');
    writeFileSync(big, Buffer.alloc(10 * 1024 * 1024 + 1));
    await input.setInputFiles(big);
    rmSync(dirname(big), { recursive: true });
    await expect.poll(() => message.textContent()).toBe('Deze foto is te groot. Kies een foto kleiner dan 10 MB.');
    expect(await page.getByRole('button', { name: 'Foto weghalen' }).count()).toBe(0);

    const photo = await sharp({ create: { width: 400, height: 300, channels: 3, background: { r: 90, g: 140, b: 200 } } })
      .jpeg()
      .toBuffer();
    await input.setInputFiles({ name: 'plein.jpg', mimeType: 'image/jpeg', buffer: photo });
    await page.getByRole('button', { name: 'Foto weghalen' }).waitFor();
    await expect.poll(() => message.textContent()).toBe('');
    expect(await input.getAttribute('aria-invalid')).toBe('false');

    await page.goto(`/t/${token}?lang=en`);
    await input.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('milk') });
    await expect.poll(() => message.textContent()).toBe('This file is not a photo. Choose a photo.');
    await ctx.close();
  });

  it('"Meer uitleg" says what the photo sentence is about, in every language', async () => {
    const ctx = await e.context({ phone: true, locale: 'nl-NL' });
    const page = await ctx.newPage();
    page.setDefaultTimeout(8000);
    for (const lang of residentLocales) {
      const t = texts(lang);
      await page.goto(`/t/${token}?lang=${lang}`);
      await page.getByText(t.consent.more, { exact: true }).click();
      const paragraphs = await page.locator('details.more > p').allTextContents();
      expect(paragraphs, lang).toEqual([t.consent.voiceExplain, t.consent.photoExplain, t.consent.codeExplain]);
      expect(t.consent.photoExplain, lang).toMatch(lang === 'ar' ? /صورة/ : /foto|photo|fotoğraf|zdjęcie|фото/i);
    }
    await ctx.close();
  });

  it('Arabic: the recording timer reads "0:02 من أصل 5:00" right to left, from the start of its box', async () => {
    const ar = texts('ar');
    const ctx = await e.context({ phone: true, locale: 'ar' });
    const page = await ctx.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`/t/${token}?lang=ar`);
    await page.getByRole('button', { name: ar.voice.record }).click();
    await page.getByRole('status').getByText(ar.voice.recording).waitFor();
    await page.waitForTimeout(1200);
    const timer = await page.locator('.rec-time').evaluate((p) => {
      const box = p.getBoundingClientRect();
      const [time, max] = [...p.querySelectorAll('bdi')].map((b) => b.getBoundingClientRect());
      return {
        direction: getComputedStyle(p).direction,
        text: p.textContent!.trim(),
        timeRightOfMax: !!time && !!max && time.left > max.right,
        startsAtRight: !!time && Math.abs(box.right - time.right) < 2,
      };
    });
    expect(timer).toMatchObject({ direction: 'rtl', timeRightOfMax: true, startsAtRight: true });
    expect(timer.text).toMatch(/^0:0\d من أصل 5:00$/);
    await e.screenshot(page, 'resident-recording-ar-phone');
    await page.getByRole('button', { name: ar.voice.stop }).click();
    const label = page.locator('#recording-label');
    await label.waitFor();
    expect(await label.locator('bdi[dir="ltr"]').textContent()).toMatch(/^0:0\d$/);
    await ctx.close();
  });
});
