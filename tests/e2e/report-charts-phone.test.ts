// The report's charts are drawn at their print size and shrink on a phone: their text still reads
// at 11 px or more at 360 px, and no label overlaps another or falls off the screen; at 1280 px too.
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { join } from 'node:path';
import { launchChromium, SCREENSHOTS } from '../helpers/browser.js';
import { climateSpreadChart, indicatorFigure, type ChartPoint } from '../../server/reports/chart.js';
import { reportPage } from '../../server/reports/page.js';

const quarters = (n: number): string[] => Array.from({ length: n }, (_, i) => `${2024 + Math.floor(i / 4)}-Q${(i % 4) + 1}`);

function figure(id: string, n: number, scale: number): string {
  const periods: ChartPoint[] = quarters(n).map((period, i) => ({ period, target: (30 + i * 3) * scale, actual: i === n - 1 ? null : (28 + i * 3) * scale }));
  const chart = indicatorFigure('nl', id, { name: `Deelnemers ${id}`, unit: 'personen', baseline: { value: 25 * scale }, periods });
  return `<div class="figure"><div class="chart-wrap">${chart}</div><p>De cijfers.</p></div>`;
}

const spread = climateSpreadChart({
  id: 'spread',
  title: 'Sfeer',
  summary: 'Sfeer in de buurt.',
  halves: [
    { label: 'jan – jun 2026', bands: [1, 2, 3, 2, 1], mean: 50, n: 9 },
    { label: 'jul – dec 2026', bands: null, mean: null, n: 2 },
  ],
  labels: { low: 'gespannen', high: 'ontspannen', tooFew: 'te weinig verhalen' },
});

/** Charts of two to twelve periods, with figures up to tens of thousands (the widest tick labels). */
function html(): string {
  const counts = [2, 3, 4, 5, 6, 7, 8, 12];
  const charts = counts.map((n) => figure(`n${n}`, n, n >= 7 ? 1000 : n === 5 ? 40 : 1)).join('');
  return reportPage({
    title: 'Grafieken',
    article: `<article class="report">${charts}<div class="climate-lines"><div class="climate-line chart-wrap">${spread}</div></div></article>`,
  });
}

describe('browser: report charts read on a phone', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => browser?.close());

  for (const width of [360, 1280]) {
    it(`at ${width} px every chart text is 11 px or more, none overlaps another or is cut`, async () => {
      const ctx = await browser.newContext({ viewport: { width, height: 800 }, ...(width < 700 ? { isMobile: true, hasTouch: true } : {}) });
      const page = await ctx.newPage();
      await page.setContent(html());
      const problems = await page.evaluate((screen) => {
        const out: string[] = [];
        for (const svg of Array.from(document.querySelectorAll<SVGSVGElement>('svg.chart'))) {
          const id = svg.querySelector('title')!.textContent;
          const box = svg.getBoundingClientRect();
          const texts = Array.from(svg.querySelectorAll('text')).filter((t) => getComputedStyle(t).display !== 'none');
          const rects = texts.map((t) => t.getBoundingClientRect());
          texts.forEach((t, i) => {
            const px = parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM()!.a;
            if (px < 11) out.push(`${id}: "${t.textContent}" is ${px.toFixed(1)} px`);
            const r = rects[i]!;
            if (r.left < 0 || r.right > screen || r.top < box.top - 1 || r.bottom > box.bottom + 1) out.push(`${id}: "${t.textContent}" is cut`);
            rects.slice(i + 1).forEach((o, j) => {
              if (r.left < o.right && o.left < r.right && r.top < o.bottom && o.top < r.bottom)
                out.push(`${id}: "${t.textContent}" overlaps "${texts[i + 1 + j]!.textContent}"`);
            });
          });
          // the last period keeps its label
          const periods = Array.from(svg.querySelectorAll('text.period'));
          if (periods.length && getComputedStyle(periods.at(-1)!).display === 'none') out.push(`${id}: the last period has no label`);
        }
        return out;
      }, width);
      mkdirSync(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: join(SCREENSHOTS, `report-charts-${width}.png`), fullPage: true });
      expect(problems).toEqual([]);
      expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(width);
      await ctx.close();
    });
  }
});
