import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { startE2E, type E2E } from '../helpers/browser.js';
import { apiOf, axeViolations, chooseClimateVariables, expectNoSidewaysScroll } from '../helpers/resident-fixtures.js';
import { residentLanguages } from '../../server/consent.js';

type Texts = {
  meta: { dir: string };
  editor: Record<string, string>;
  form: Record<string, string>;
  consent: Record<string, string>;
  climate: Record<string, { name: string; weak: string; strong: string }>;
  receipt: Record<string, string>;
};
const texts = (lang: string) => JSON.parse(readFileSync(join(process.cwd(), 'web', 'resident', 'locales', `${lang}.json`), 'utf8')) as Texts;

describe('browser: the resident pages in six languages, on a phone', { timeout: 120_000 }, () => {
  let e: E2E;
  let staff: BrowserContext;
  let token: string;
  let projectId: number;

  beforeAll(async () => {
    e = await startE2E();
    const { email } = await e.user('coordinator');
    staff = await e.context();
    const page = await staff.newPage();
    await e.login(page, email);
    const api = apiOf(e, page);
    const created = await api.post('/api/projects', { name: 'Buurtkamer Transvaal' });
    projectId = created.json.project.id;
    await chooseClimateVariables(e, projectId);
    const link = await api.post(`/api/projects/${projectId}/links`, { label: 'Poster' });
    token = link.json.link.token;
  });
  afterAll(async () => {
    await staff?.close();
    await e?.close();
  });

  for (const lang of residentLanguages) {
    it(`${lang}: the form and the receipt page in ${lang}, axe-clean at 360 px, ${lang === 'ar' ? 'right to left' : 'left to right'}`, async () => {
      const t = texts(lang);
      const ctx = await e.context({ phone: true });
      const page = await ctx.newPage();
      page.setDefaultTimeout(8000);
      await page.goto(`/t/${token}?lang=${lang}`);
      await page.getByRole('heading', { level: 1, name: t.form.pageTitle }).waitFor();
      await page.getByRole('slider', { name: t.climate.atmosphere!.name }).waitFor();
      await expect(page.locator('html').getAttribute('lang')).resolves.toBe(lang);
      await expect(page.locator('html').getAttribute('dir')).resolves.toBe(t.meta.dir);
      await page.getByRole('button', { name: t.form.send }).waitFor();
      await expectNoSidewaysScroll(page);
      await expect(axeViolations(page)).resolves.toEqual([]);
      if (lang === 'ar') {
        // Mirrored: the text starts at the right, the weak pole sits at the right over the slider's low end.
        const layout = await page.evaluate(() => {
          const slider = document.querySelector('input[type="range"]') as HTMLInputElement;
          const box = slider.getBoundingClientRect();
          const weak = document.querySelector('.pole.weak')!.getBoundingClientRect();
          const strong = document.querySelector('.pole.strong')!.getBoundingClientRect();
          const h1 = document.querySelector('h1')!.getBoundingClientRect();
          return {
            direction: getComputedStyle(slider).direction,
            weakRight: weak.right > strong.right,
            h1Right: Math.round(window.innerWidth - h1.right),
            sliderMid: box.left + box.width / 2,
          };
        });
        expect(layout.direction).toBe('rtl');
        expect(layout.weakRight).toBe(true);
        expect(layout.h1Right).toBeLessThan(24);
        // Clicking near the right end gives a low value: the slider runs from the weak pole (right) to the strong one (left).
        const slider = page.getByRole('slider', { name: t.climate.atmosphere!.name });
        await slider.scrollIntoViewIfNeeded();
        const box = (await slider.boundingBox())!;
        await page.mouse.click(box.x + box.width - 4, box.y + box.height / 2);
        expect(Number(await slider.inputValue())).toBeLessThan(15);
        // The arrow keys move the thumb the way they point: right is towards the weak pole here.
        await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
        const middle = Number(await slider.inputValue());
        await page.keyboard.press('ArrowRight');
        expect(Number(await slider.inputValue())).toBe(middle - 5);
      }
      await e.screenshot(page, `resident-form-${lang}-360`);

      // Tell a story in this language: it records the language and the consent text in it.
      await page.getByLabel(t.form.story!, { exact: true }).fill(`Een verhaal in ${lang}.`);
      await page.getByRole('radio', { name: t.consent.report }).check();
      await page.getByRole('button', { name: t.form.send }).click();
      await page.getByRole('heading', { level: 1, name: t.form.thanks }).waitFor();
      await expect(axeViolations(page)).resolves.toEqual([]);
      // The address to come back to stays one left-to-right run inside the sentence (not "r/host" in Arabic).
      const host = new URL(e.baseUrl).host;
      await expect(page.locator('.hint').filter({ hasText: host }).textContent()).resolves.toContain(`\u2066${host}/r\u2069`);
      const story = await e.db.selectFrom('stories').select(['id', 'language', 'title']).where('bodyText', 'like', `%in ${lang}.%`).executeTakeFirstOrThrow();
      expect(story.language).toBe(lang);
      expect(story.title).toBe(`Een verhaal in ${lang}.`); // no title given: its first words
      const consent = await e.db.selectFrom('storyConsents').select('consentTextVersion').where('storyId', '=', story.id).executeTakeFirstOrThrow();
      expect(consent.consentTextVersion).toBe(`2026-11-29/${lang}`);

      // The receipt page keeps the language.
      await page.getByRole('link', { name: t.form.openReceipt }).click();
      await page.getByRole('heading', { level: 1, name: t.receipt.title }).waitFor();
      await page.locator('[data-status]').waitFor();
      await expect(page.locator('html').getAttribute('dir')).resolves.toBe(t.meta.dir);
      // The story keeps its own direction: a Dutch text reads left to right on the Arabic page too.
      await expect(
        page
          .locator('article.story-text')
          .first()
          .evaluate((el) => getComputedStyle(el).direction),
      ).resolves.toBe('ltr');
      await expectNoSidewaysScroll(page);
      await expect(axeViolations(page)).resolves.toEqual([]);
      await e.screenshot(page, `resident-receipt-${lang}-360`);
      await ctx.close();
    });
  }

  it('starts in the browser’s language and switches with the visible switch on every page, keeping what was typed', async () => {
    const ctx = await e.browser.newContext({ baseURL: e.baseUrl, viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, locale: 'tr-TR' });
    const page = await ctx.newPage();
    page.setDefaultTimeout(8000);
    await page.goto(`/t/${token}`);
    await page.getByRole('heading', { level: 1, name: texts('tr').form.pageTitle }).waitFor();
    await page.getByLabel(texts('tr').form.story!, { exact: true }).click();
    await page.locator('[role="textbox"][contenteditable="true"]').waitFor();
    await page.keyboard.type('Bir hikâye');
    await page.getByLabel(/Dil/).selectOption('ar');
    await page.getByRole('heading', { level: 1, name: texts('ar').form.pageTitle }).waitFor();
    await expect(page.locator('html').getAttribute('dir')).resolves.toBe('rtl');
    await expect(page.locator('[role="textbox"][contenteditable="true"]').textContent()).resolves.toBe('Bir hikâye');
    // The editor's buttons speak the new language too.
    await page.getByRole('button', { name: texts('ar').editor.bold }).waitFor();
    await page.goto('/r');
    await page
      .getByRole('heading', { level: 1, name: JSON.parse(readFileSync(join(process.cwd(), 'web/resident/locales/ar.json'), 'utf8')).lookup.title })
      .waitFor();
    await page.getByLabel(/اللغة/).selectOption('nl');
    await page.getByRole('heading', { level: 1, name: 'Je verhaal terugvinden' }).waitFor();
    await expect(page.locator('html').getAttribute('dir')).resolves.toBe('ltr');
    await ctx.close();
  });
});
