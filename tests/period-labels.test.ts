import { describe, expect, it } from 'vitest';
import { breakBeforeYear, normalizePeriod, periodAbbr, periodLabel, periodsUpTo } from '../db/domain/periods.js';
import { indicatorChart } from '../server/reports/chart.js';

describe('a period in words (periodLabel)', () => {
  it('says quarters, months and years in Dutch, long and short', () => {
    expect(periodLabel('2026-Q4', 'nl')).toBe('4e kwartaal 2026');
    expect(periodLabel('2026-Q1', 'nl', 'short')).toBe('K1 2026');
    expect(periodLabel('2026-03', 'nl')).toBe('maart 2026');
    expect(periodLabel('2026-03', 'nl', 'short')).toBe('mrt 2026');
    expect(periodLabel('2026-12', 'nl', 'short')).toBe('dec 2026');
    expect(periodLabel('2026', 'nl')).toBe('2026');
  });

  it('says them in English, long and short', () => {
    expect(periodLabel('2026-Q4', 'en')).toBe('Q4 2026');
    expect(periodLabel('2026-Q4', 'en', 'short')).toBe('Q4 2026');
    expect(periodLabel('2026-03', 'en')).toBe('March 2026');
    expect(periodLabel('2026-09', 'en', 'short')).toBe('Sep 2026');
    expect(periodLabel('2026', 'en', 'short')).toBe('2026');
  });

  it('keeps the words before the year together, so a narrow column breaks before the year only', () => {
    expect(breakBeforeYear(periodLabel('2026-Q2', 'nl'))).toBe('2e\u00a0kwartaal 2026');
    expect(breakBeforeYear(periodLabel('2026-03', 'nl'))).toBe('maart 2026');
  });

  it('heads a column with the short form, titled with the words only where they say more', () => {
    expect(periodAbbr('2026-Q4', 'nl')).toEqual({ text: 'K4 2026', title: '4e kwartaal 2026' });
    expect(periodAbbr('2026-03', 'en')).toEqual({ text: 'Mar 2026', title: 'March 2026' });
    expect(periodAbbr('2026-Q4', 'en')).toEqual({ text: 'Q4 2026', title: null });
    expect(periodAbbr('2026', 'nl')).toEqual({ text: '2026', title: null });
  });

  it('gives back a text that is not a period unchanged', () => {
    for (const text of ['', 'Q4', '2026-13', '2026-Q5', 'eerste helft', '26-03']) {
      expect(periodLabel(text, 'nl')).toBe(text);
      expect(periodLabel(text, 'en', 'short')).toBe(text);
    }
  });

  it('reads back as the same period when people type what they read', () => {
    for (const p of ['2026', '2026-Q2', '2026-03', '2025-10'])
      for (const lang of ['nl', 'en'] as const) for (const form of ['long', 'short'] as const) expect(normalizePeriod(periodLabel(p, lang, form))).toBe(p);
    expect(normalizePeriod('4E Kwartaal  2026')).toBe('2026-Q4');
    expect(normalizePeriod('maand 2026')).toBeNull();
  });
});

describe("a report chart's period axis", () => {
  it('names periods short, the latest always, and never two labels closer than one is wide', () => {
    for (const count of [4, 8, 12, 13, 24]) {
      const svg = indicatorChart({
        id: 'c',
        title: 'Bezoekers',
        unit: 'count',
        baseline: null,
        points: periodsUpTo('2026-12', count).map((period, i) => ({ period, target: null, actual: i })),
        labels: { actual: 'Gerealiseerd', target: 'Doel', baseline: 'Nulmeting', summary: '' },
        periodText: (p) => periodLabel(p, 'nl', 'short'),
      });
      const axis = [...svg.matchAll(/<text class="period([^"]*)" x="([\d.]+)" y="184"[^>]*>([^<]*)<\/text>/g)].map((m) => ({
        phone: !m[1]!.includes('phone-hide'),
        x: Number(m[2]),
        text: m[3],
      }));
      expect(axis.at(-1)!.text, `${count} months`).toBe('dec 2026');
      // A phone shows every other label of three or more, the latest always.
      expect(axis.filter((a) => a.phone).length, `${count} months`).toBe(axis.length < 3 ? axis.length : Math.ceil(axis.length / 2));
      expect(axis.at(-1)!.phone).toBe(true);
      for (let i = 1; i < axis.length; i++)
        expect(axis[i]!.x - axis[i - 1]!.x, `${count} months: ${axis[i - 1]!.text} and ${axis[i]!.text}`).toBeGreaterThanOrEqual(56);
    }
  });
});
