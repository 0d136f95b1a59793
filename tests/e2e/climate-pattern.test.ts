// The climate pattern: every placement a dot (a density when many), tellers and coordinators
// apart, per period; a click or the keyboard on a region lists the stories there, as visibility
// allows. At 360 and 1280 px, axe-clean.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2E, type E2E } from '../helpers/browser.js';
import { checkA11y, expectNoHorizontalScroll, isFocused, tabTo } from '../helpers/a11y.js';
import { makeArea, makeProject, makeStory, place, variableId } from '../helpers/sensemaking-fixtures.js';

describe('browser: climate pattern', () => {
  let e: E2E;
  let coordinator: string;
  let worker: string;
  beforeAll(async () => {
    e = await startE2E();
    coordinator = (await e.user('coordinator')).email;
    const w = await e.user('worker');
    worker = w.email;
    const mine = await makeProject(e.db, 'Buurtkamer', [w.id]);
    const other = await makeProject(e.db, 'Speeltuin');
    const noord = await makeArea(e.db, 'Noord', 'wijk');
    const atm = await variableId(e.db, 'atmosphere');
    const story = async (projectId: number, title: string, happenedOn: string, teller: number, coord?: number) => {
      const s = await makeStory(e.db, { projectId, areaId: noord, title, happenedOn });
      await place(e.db, s, atm, 'teller', teller);
      if (coord !== undefined) await place(e.db, s, atm, 'coordinator', coord);
    };
    await story(mine, 'Samen koken', '2026-01-12', 25, 35);
    await story(mine, 'Bankje bij de vijver', '2026-02-03', 30, 30);
    await story(other, 'Ruzie op het plein', '2026-02-20', 35, 20);
    await story(mine, 'Buren helpen verhuizen', '2026-03-08', 70, 80);
    // Many stories in one quarter: drawn as a density.
    for (let i = 0; i < 90; i++) await story(other, `Speeltuinverhaal ${i + 1}`, '2026-05-10', 40 + ((i * 7) % 50));
  });
  afterAll(async () => e?.close());

  for (const phone of [true, false]) {
    it(`a coordinator clicks and keys through the pattern to the stories (${phone ? '360' : '1280'} px)`, async () => {
      const size = phone ? 'phone' : 'desktop';
      const ctx = await e.context({ phone });
      const page = await ctx.newPage();
      await e.login(page, coordinator);
      await page.goto('/climate?variableId=' + (await variableId(e.db, 'atmosphere')));
      const chart = page.getByRole('group', { name: 'atmosfeer' });
      await chart.waitFor();
      await expect(chart.locator('circle.dot.teller').count()).resolves.toBe(4);
      await expect(chart.locator('rect.dot.coordinator').count()).resolves.toBe(4);
      await expect(chart.locator('path.density.teller').count()).resolves.toBe(1); // 2026-Q2: 90 stories
      await checkA11y(page, `climate-pattern-${size}`);
      await e.screenshot(page, `climate-pattern-${size}`);
      if (phone) await expectNoHorizontalScroll(page, 'climate pattern on a phone');
      // The table's mean and median keep one decimal, as the report does: 40,0 beside 32,5.
      const q1 = page.locator('tr:has(th[scope="rowgroup"])').first();
      await expect(
        q1
          .getByRole('cell')
          .allTextContents()
          .then((t) => t.slice(0, 3).map((c) => c.trim())),
      ).resolves.toEqual(['4', '40,0', '32,5']);

      // A click on a region lists its stories.
      await page.getByRole('button', { name: 'Vertellers, 1e kwartaal 2026, 20–40: 3 verhalen' }).click();
      const list = page.getByRole('region', { name: 'Vertellers, 1e kwartaal 2026, 20–40 op de lijn' });
      await list.getByRole('link', { name: 'Ruzie op het plein' }).waitFor();
      await expect(list.getByRole('link').allTextContents()).resolves.toEqual(['Samen koken', 'Bankje bij de vijver', 'Ruzie op het plein']);
      await expect(page.getByRole('button', { name: 'Vertellers, 1e kwartaal 2026, 20–40: 3 verhalen' }).getAttribute('aria-pressed')).resolves.toBe('true');
      await checkA11y(page, `climate-region-${size}`);
      await e.screenshot(page, `climate-region-${size}`);

      // The keyboard: one Tab stop into the chart, arrows between regions, Enter lists.
      await page.reload();
      await chart.waitFor();
      const top = page.getByRole('button', { name: 'Vertellers, 1e kwartaal 2026, 80–100: 0 verhalen' });
      await tabTo(page, top);
      for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown'); // 60–80, 40–60, 20–40
      await page.keyboard.press('ArrowRight'); // the coordinators' strip of the same quarter
      const coordRegion = page.getByRole('button', { name: 'Coördinatoren, 1e kwartaal 2026, 20–40: 3 verhalen' });
      await expect(isFocused(coordRegion)).resolves.toBe(true);
      await e.screenshot(page, `climate-pattern-focus-${size}`);
      await page.keyboard.press('Enter');
      const coordList = page.getByRole('region', { name: 'Coördinatoren, 1e kwartaal 2026, 20–40 op de lijn' });
      await coordList.getByRole('link').first().waitFor();
      await expect(coordList.getByRole('link').allTextContents()).resolves.toEqual(['Ruzie op het plein', 'Bankje bij de vijver', 'Samen koken']);

      // The table holds the same counts; a count opens the same list.
      await page.getByRole('button', { name: '1 verhalen tonen: Coördinatoren, 1e kwartaal 2026, 80–100' }).click();
      await page
        .getByRole('region', { name: 'Coördinatoren, 1e kwartaal 2026, 80–100 op de lijn' })
        .getByRole('link', { name: 'Buren helpen verhuizen' })
        .click();
      await page.waitForURL(/\/stories\/\d+$/);
      await ctx.close();
    });
  }

  it('on a phone, eight quarters keep readable period labels that do not run into each other', async () => {
    const image = await variableId(e.db, 'image');
    const project = await makeProject(e.db, 'Acht kwartalen');
    for (const [i, day] of ['2025-01-15', '2025-04-15', '2025-07-15', '2025-10-15', '2026-01-15', '2026-04-15', '2026-07-15', '2026-10-15'].entries()) {
      const s = await makeStory(e.db, { projectId: project, title: `Kwartaal ${i + 1}`, happenedOn: day });
      await place(e.db, s, image, 'teller', 20 + i * 8);
    }
    const ctx = await e.context({ phone: true });
    const page = await ctx.newPage();
    await e.login(page, coordinator);
    await page.goto(`/climate?variableId=${image}`);
    const chart = page.getByRole('group', { name: 'beeldvorming' });
    await chart.waitFor();
    await expect(chart.locator('circle.dot.teller').count()).resolves.toBe(8);
    const labels = await chart.locator('text.tick[text-anchor="middle"]').evaluateAll((els) =>
      els.map((el) => {
        const r = el.getBoundingClientRect();
        return { text: [...el.childNodes].map((n) => n.textContent).join(' '), left: r.left, right: r.right };
      }),
    );
    expect(labels.length).toBeGreaterThanOrEqual(4); // at least every other quarter is named
    expect(labels[0]!.text).toBe('K1 2025');
    for (let i = 1; i < labels.length; i++)
      expect(labels[i]!.left, `${labels[i - 1]!.text} runs into ${labels[i]!.text}`).toBeGreaterThan(labels[i - 1]!.right);
    await expectNoHorizontalScroll(page, 'eight quarters on a phone');
    await e.screenshot(page, 'climate-pattern-eight-quarters-phone');
    await ctx.close();
  });

  it('a worker sees only the stories of their own projects, in the dots and in the lists', async () => {
    const ctx = await e.context({ phone: true });
    const page = await ctx.newPage();
    await e.login(page, worker);
    await page.goto('/climate');
    const chart = page.getByRole('group', { name: 'atmosfeer' });
    await chart.waitFor();
    await expect(chart.locator('circle.dot.teller').count()).resolves.toBe(3);
    await expect(chart.locator('path.density').count()).resolves.toBe(0);
    await page.getByRole('button', { name: 'Vertellers, 1e kwartaal 2026, 20–40: 2 verhalen' }).click();
    const list = page.getByRole('region', { name: 'Vertellers, 1e kwartaal 2026, 20–40 op de lijn' });
    await list.getByRole('link').first().waitFor();
    await expect(list.getByRole('link').allTextContents()).resolves.toEqual(['Samen koken', 'Bankje bij de vijver']);
    await checkA11y(page, 'climate-pattern-worker');
    await ctx.close();
  });
});
