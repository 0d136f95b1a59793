// Telling by voice on a phone (Chromium's fake microphone), with a photo; the short form at default
// settings; a draft that survives a reload and a lost connection.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import exifr from 'exifr';
import sharp from 'sharp';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { startE2E, type E2E } from '../helpers/browser.js';
import { apiOf, axeViolations, chooseClimateVariables, expectNoSidewaysScroll, recordFor } from '../helpers/resident-fixtures.js';
import { addOutcome, reviewAsIs } from '../helpers/reports-fixtures.js';
import { mediaDir } from '../../server/media/index.js';
import { receiptHash } from '../../db/repositories/stories.js';

const scriptNames = (page: Page) =>
  page.evaluate(() =>
    (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((r) => new URL(r.name).pathname).filter((n) => n.endsWith('.js')),
  );

describe('browser: a resident tells their story by voice, with a photo, on a phone', { timeout: 120_000 }, () => {
  let e: E2E;
  let staff: BrowserContext;
  let staffPage: Page;
  let projectId: number;
  let token: string;

  beforeAll(async () => {
    e = await startE2E({}, { fakeMedia: true });
    const { email } = await e.user('coordinator');
    staff = await e.context();
    staffPage = await staff.newPage();
    await e.login(staffPage, email);
    const api = apiOf(e, staffPage);
    projectId = (await api.post('/api/projects', { name: 'Buurtkamer Transvaal' })).json.project.id;
    await chooseClimateVariables(e, projectId);
    token = (await api.post(`/api/projects/${projectId}/links`, { label: 'Poster' })).json.link.token;
  });
  afterAll(async () => {
    await staff?.close();
    await e?.close();
  });

  it('the default form says at most 180 words before the send button', async () => {
    const ctx = await e.context({ phone: true, locale: 'nl-NL' });
    const page = await ctx.newPage();
    await page.goto(`/t/${token}`);
    await page.getByRole('button', { name: 'Verstuur mijn verhaal' }).waitFor();
    // Everything rendered before the send button (the switch's options are one choice, not text to read).
    const words = await page.evaluate(() => {
      const send = document.querySelector('button[type="submit"]')!;
      const range = document.createRange();
      range.setStartBefore(document.body.firstChild!);
      range.setEndBefore(send);
      const holder = document.createElement('div');
      holder.append(range.cloneContents());
      holder.querySelectorAll('option:not(:checked), details > :not(summary), script, style').forEach((el) => el.remove());
      document.body.append(holder);
      holder.style.cssText = 'position:absolute;left:-99999px;width:360px';
      const text = holder.innerText;
      holder.remove();
      return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w));
    });
    expect(words.length, words.join(' ')).toBeLessThanOrEqual(180);
    // The consent choice in at most 60 words, "Meer uitleg" for the rest.
    const consentWords = await page.locator('fieldset.consent').evaluate((el) => {
      const clone = el.cloneNode(true) as HTMLElement;
      clone.querySelectorAll('details > :not(summary)').forEach((x) => x.remove());
      return clone.textContent!.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length;
    });
    expect(consentWords).toBeLessThanOrEqual(60);
    await page.getByText('Meer uitleg').click();
    await page.getByText('Het team mag je verhaal gebruiken in een verslag.', { exact: false }).waitFor();
    await ctx.close();
  });

  it('records up to five minutes (the recorder loads only then), adds a photo without its GPS tag, sends, and listens back', async () => {
    const ctx = await e.context({ phone: true, locale: 'nl-NL' });
    const page = await ctx.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`/t/${token}`);
    await page.getByRole('heading', { level: 1, name: 'Vertel je verhaal' }).waitFor();
    expect((await scriptNames(page)).some((n) => n.includes('ww-voice-recorder'))).toBe(false);

    await page.getByRole('button', { name: 'Spreek je verhaal in' }).click();
    await page.getByRole('status').getByText('Aan het opnemen').waitFor();
    expect((await scriptNames(page)).some((n) => n.includes('ww-voice-recorder'))).toBe(true);
    await expect(axeViolations(page)).resolves.toEqual([]);
    await e.screenshot(page, 'resident-recording-phone');
    await page.waitForTimeout(2500);
    await page.getByRole('button', { name: 'Stop de opname' }).click();
    const playback = page.locator('ww-voice-recorder audio');
    await playback.waitFor();
    await page.getByText(/Je opname \(0:0\d\)/).waitFor();

    // A phone photo, with the place it was taken.
    const photo = await sharp({ create: { width: 1600, height: 1200, channels: 3, background: { r: 90, g: 140, b: 200 } } })
      .withExif({
        IFD0: { Make: 'Phone', Artist: 'Fatima' },
        IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '52/1 22/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '4/1 53/1 0/1' },
      })
      .jpeg()
      .toBuffer();
    expect(await exifr.gps(photo)).toBeDefined();
    await page.locator('#photo').setInputFiles({ name: 'IMG_2041.jpg', mimeType: 'image/jpeg', buffer: photo });
    await page.getByRole('button', { name: 'Foto weghalen' }).waitFor();
    await page.getByRole('radio', { name: 'Openbaar, met je naam' }).check();
    await page.getByLabel('Mijn foto mag in verslagen').check();
    await page.getByLabel('Je naam', { exact: true }).fill('Fatima');
    await expectNoSidewaysScroll(page);
    await expect(axeViolations(page)).resolves.toEqual([]);
    await e.screenshot(page, 'resident-voice-photo-phone');
    await page.getByRole('button', { name: 'Verstuur mijn verhaal' }).click();
    await page.getByRole('heading', { level: 1, name: 'Dank je wel!' }).waitFor();
    const code = (await page.locator('[data-receipt]').textContent())!.trim();

    const story = await e.db
      .selectFrom('stories')
      .select(['id', 'title', 'bodyText'])
      .where('projectId', '=', projectId)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(story).toMatchObject({ title: 'Ingesproken verhaal', bodyText: '' });
    const media = await e.db.selectFrom('storyMedia').selectAll().where('storyId', '=', story.id).orderBy('kind').execute();
    expect(media.map((m) => [m.kind, m.mime, m.photoInReports])).toEqual([
      ['audio', 'audio/webm', 0],
      ['photo', 'image/jpeg', 1],
    ]);
    expect(media[0]!.durationSeconds).toBeGreaterThan(1.5);
    const stored = readFileSync(join(mediaDirOf(e), media[1]!.file));
    expect(await exifr.gps(stored)).toBeUndefined();
    expect((await exifr.parse(stored)) ?? {}).not.toHaveProperty('Artist');

    // The receipt page plays it back.
    await page.getByRole('link', { name: 'Bekijk je verhaal' }).click();
    await page.waitForURL(`**/r/${code}`);
    await page.getByRole('heading', { name: 'Luister naar je opname' }).waitFor();
    await expect.poll(() => page.locator('audio').evaluate((a: HTMLAudioElement) => (a.readyState >= 1 ? a.duration : 0))).toBeGreaterThan(1.5);
    await page.getByRole('img', { name: 'De foto bij je verhaal' }).waitFor();
    await expect(axeViolations(page)).resolves.toEqual([]);
    await e.screenshot(page, 'resident-receipt-voice-phone');
    await ctx.close();

    // The coordinator listens on the story page.
    await staffPage.goto(`/stories/${story.id}`);
    const heard = staffPage.locator('ww-app').locator('audio');
    await heard.waitFor();
    await expect.poll(() => heard.evaluate((a: HTMLAudioElement) => (a.readyState >= 1 ? a.duration : 0))).toBeGreaterThan(1.5);
    await e.screenshot(staffPage, 'worker-story-voice');

    // A funder's report: the recording never; the story only once a worker typed it out and it passed review.
    const api = apiOf(e, staffPage);
    const outcome = await addOutcome(e.db, projectId, 'Buren kennen elkaar');
    await e.db.insertInto('storyOutcomes').values({ storyId: story.id, outcomeId: outcome }).execute();
    const funder = await e.user('funder');
    const report = (
      await api.post('/api/reports', { title: 'Jaarverslag', audience: 'funder', periodFrom: '2026-01-01', periodTo: '2030-12-31', projectIds: [projectId] })
    ).json.report.id;
    expect((await api.post(`/api/reports/${report}/versions`)).status).toBe(201);
    const patched = await api.patch(`/api/stories/${story.id}`, {
      body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Uitgetypt: sinds de bankjes er staan, praten buren weer.' }] }] },
    });
    expect(patched.status, patched.text).toBe(200);
    await reviewAsIs(e.db, story.id);
    expect((await api.post(`/api/reports/${report}/versions`)).status).toBe(201);
    expect((await api.post(`/api/reports/${report}/shares`, { userId: funder.id })).status).toBe(201);
    const fctx = await e.context();
    const fpage = await fctx.newPage();
    await e.login(fpage, funder.email);
    for (const [n, transcribed] of [
      [1, false],
      [2, true],
    ] as const) {
      await fpage.goto(`/reports/${report}/versions/${n}`);
      const html = await fpage.content();
      expect(html).not.toMatch(/<audio|\/media\/|audio\/webm/);
      expect(html.includes('Uitgetypt: sinds de bankjes er staan')).toBe(transcribed);
    }
    const audioUrl = `/api/stories/${story.id}/media/${media[0]!.id}`;
    expect((await fpage.request.get(audioUrl)).status()).toBe(403);
    await fctx.close();
  });

  /** Opens the link's form and tells a story for the team only, not yet sent. */
  async function tellForTeam(page: Page, title: string, text: string) {
    await page.goto(`/t/${token}`);
    await page.getByLabel('Je verhaal', { exact: true }).click();
    await page.locator('[role="textbox"][contenteditable="true"]').waitFor();
    await page.keyboard.type(text);
    await page.getByLabel('Titel (mag je leeglaten)').fill(title);
    await page.getByRole('radio', { name: 'Alleen het team' }).check();
  }

  it('keeps what was typed through a reload and a lost connection, sends it when the connection is back, then forgets it', async () => {
    const ctx = await e.context({ phone: true, locale: 'nl-NL' });
    const page = await ctx.newPage();
    page.setDefaultTimeout(10_000);
    await tellForTeam(page, 'Buurtfeest', 'Het buurtfeest was mooi.');
    await page.reload();
    await page.getByText('We hebben bewaard wat je eerder typte, insprak of koos.').waitFor();
    await expect(page.getByLabel('Titel (mag je leeglaten)').inputValue()).resolves.toBe('Buurtfeest');
    await expect(page.locator('ww-story-field textarea').inputValue()).resolves.toBe('Het buurtfeest was mooi.');
    await expect(page.getByRole('radio', { name: 'Alleen het team' }).isChecked()).resolves.toBe(true);
    await expect(axeViolations(page)).resolves.toEqual([]);

    await ctx.setOffline(true);
    await page.getByRole('button', { name: 'Verstuur mijn verhaal' }).click();
    await page.getByText('Er is nu geen internet.', { exact: false }).waitFor();
    const before = await e.db.selectFrom('stories').select('id').where('title', '=', 'Buurtfeest').execute();
    expect(before).toEqual([]);
    await ctx.setOffline(false);
    await page.getByRole('heading', { level: 1, name: 'Dank je wel!' }).waitFor();
    const sent = await e.db.selectFrom('stories').select(['bodyText', 'consent']).where('title', '=', 'Buurtfeest').execute();
    expect(sent).toEqual([{ bodyText: 'Het buurtfeest was mooi.', consent: 'team' }]);
    await expect(page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('weefwerk.draft.')))).resolves.toEqual([]);
    await ctx.close();
  });

  it('an answer lost on the way: the story goes again when the connection is back, is stored once, and its receipt is the code it was stored under', async () => {
    const ctx = await e.context({ phone: true, locale: 'nl-NL' });
    const page = await ctx.newPage();
    page.setDefaultTimeout(10_000);
    // the first send reaches the server and is stored, but its answer never reaches the phone
    let lost = 0;
    await page.route('**/api/public/links/*/stories', async (route) => {
      if (lost++) return route.continue();
      await route.fetch();
      await route.abort('connectionreset');
    });
    await tellForTeam(page, 'Lantaarnpaal', 'De lantaarnpaal doet het weer.');
    await page.getByRole('button', { name: 'Verstuur mijn verhaal' }).click();
    await page.getByText('Er is nu geen internet.', { exact: false }).waitFor();
    await ctx.setOffline(true);
    await ctx.setOffline(false);
    await page.getByRole('heading', { level: 1, name: 'Dank je wel!' }).waitFor();
    expect(lost).toBe(2);
    const shown = await page.locator('[data-receipt]').textContent();
    const stored = await e.db.selectFrom('stories').select('receiptHash').where('title', '=', 'Lantaarnpaal').execute();
    expect(stored).toEqual([{ receiptHash: receiptHash(shown!.trim()) }]);
    await ctx.close();
  });

  it('keeps a recording and a photo through a reload and a lost connection, sends them once, then the draft is empty', async () => {
    const ctx = await e.context({ phone: true, locale: 'nl-NL' });
    const page = await ctx.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`/t/${token}`);
    await recordFor(page, 2500);
    await page.getByText(/Je opname \(0:0\d\)/).waitFor();
    const photo = await sharp({ create: { width: 900, height: 600, channels: 3, background: { r: 200, g: 90, b: 60 } } })
      .jpeg()
      .toBuffer();
    await page.locator('#photo').setInputFiles({ name: 'IMG_3001.jpg', mimeType: 'image/jpeg', buffer: photo });
    await page.getByRole('button', { name: 'Foto weghalen' }).waitFor();
    await page.getByRole('radio', { name: 'Alleen het team' }).check();
    await expect.poll(() => keptFiles(page)).toBe(2);

    await page.reload();
    await page.getByText('We hebben bewaard wat je eerder typte, insprak of koos.').waitFor();
    // the recording is back, and plays
    await page.getByText(/Je opname \(0:0\d\)/).waitFor();
    const audio = page.locator('ww-voice-recorder audio');
    await expect.poll(() => audio.evaluate((a: HTMLAudioElement) => (a.readyState >= 1 ? a.duration : 0))).toBeGreaterThan(1.5);
    // the photo too
    await page.getByRole('button', { name: 'Foto weghalen' }).waitFor();
    await expect.poll(() => page.locator('img.photo-preview').evaluate((i: HTMLImageElement) => i.naturalWidth)).toBe(900);
    await expect(page.getByRole('radio', { name: 'Alleen het team' }).isChecked()).resolves.toBe(true);
    await expectNoSidewaysScroll(page);
    await expect(axeViolations(page)).resolves.toEqual([]);
    await e.screenshot(page, 'resident-draft-media-restored-phone');

    // sent without a connection: it waits, then goes once the connection is back
    const before = await e.db.selectFrom('stories').select('id').where('projectId', '=', projectId).execute();
    await ctx.setOffline(true);
    await page.getByRole('button', { name: 'Verstuur mijn verhaal' }).click();
    await page.getByText('Er is nu geen internet.', { exact: false }).waitFor();
    await ctx.setOffline(false);
    await page.getByRole('heading', { level: 1, name: 'Dank je wel!' }).waitFor();
    const after = await e.db.selectFrom('stories').select(['id', 'consent']).where('projectId', '=', projectId).orderBy('id').execute();
    expect(after.length).toBe(before.length + 1);
    const sent = after.at(-1)!;
    expect(sent.consent).toBe('team');
    const media = await e.db.selectFrom('storyMedia').select(['kind', 'durationSeconds']).where('storyId', '=', sent.id).orderBy('kind').execute();
    expect(media.map((m) => m.kind)).toEqual(['audio', 'photo']);
    expect(media[0]!.durationSeconds).toBeGreaterThan(1.5);
    await expect.poll(() => keptFiles(page)).toBe(0);
    await expect(page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('weefwerk.draft.')))).resolves.toEqual([]);

    // back on the link: the thank-you screen keeps its code; another story starts from an empty draft, nothing sent again
    const code = await page.locator('[data-receipt]').textContent();
    await page.goto(`/t/${token}`);
    await expect.poll(() => page.locator('[data-receipt]').textContent()).toBe(code);
    await page.getByRole('button', { name: 'Vertel nog een verhaal' }).click();
    await page.getByRole('button', { name: 'Spreek je verhaal in' }).waitFor();
    await page.waitForTimeout(500);
    expect(await page.getByText('We hebben bewaard wat je eerder typte, insprak of koos.').count()).toBe(0);
    expect(await page.locator('ww-voice-recorder').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Foto weghalen' }).count()).toBe(0);
    expect((await scriptNames(page)).some((n) => n.includes('ww-voice-recorder'))).toBe(false);
    expect((await e.db.selectFrom('stories').select('id').where('projectId', '=', projectId).execute()).length).toBe(after.length);
    await ctx.close();
  });

  it('a story told by voice alone is named in the teller’s language (they read that title on their own copy)', async () => {
    const tr = JSON.parse(readFileSync(join(process.cwd(), 'web/resident/locales/tr.json'), 'utf8'));
    const ctx = await e.context({ phone: true });
    const page = await ctx.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`/t/${token}?lang=tr`);
    await page.getByRole('button', { name: tr.voice.record }).click();
    await page.getByRole('status').getByText(tr.voice.recording).waitFor();
    await page.waitForTimeout(1500);
    await page.getByRole('button', { name: tr.voice.stop }).click();
    await page.locator('ww-voice-recorder audio').waitFor();
    await page.getByRole('radio', { name: tr.consent.team }).check();
    await page.getByRole('button', { name: tr.form.send }).click();
    await page.getByRole('heading', { level: 1, name: tr.form.thanks }).waitFor();
    const story = await e.db
      .selectFrom('stories')
      .select(['title', 'language'])
      .where('projectId', '=', projectId)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(story).toEqual({ title: tr.form.spokenTitle, language: 'tr' });
    expect(tr.form.spokenTitle).not.toBe('Ingesproken verhaal');
    await ctx.close();
  });
});

/** How many files the page keeps in its draft (IndexedDB; call only once the page has opened it). */
const keptFiles = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('weefwerk-drafts');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const count = db.transaction('media').objectStore('media').count();
          count.onsuccess = () => {
            db.close();
            resolve(count.result);
          };
        };
      }),
  );

/** The e2e server keeps its media beside its database file (the default). */
function mediaDirOf(e: E2E): string {
  return mediaDir({ databasePath: e.databasePath });
}
