// The entry grid's data: indicators, values and cells keyed by indicator, area and period, and the values of the periods shown.
import { get } from '../../api.js';
import { formatPeriod, locale } from '../../i18n.js';
import { periodicityOf, type Periodicity } from '../../../db/domain/periods.js';

export type Indicator = { id: number; name: string; unit: 'count' | 'percentage' | 'euro' | 'hours' | 'score'; periodicity: Periodicity; byArea: boolean };
export type Value = { period: string; areaId: number | null; value: number | null; note: string };
export type Area = { id: number; name: string };
/** One row of the grid: an indicator for the whole project, or for one of the project's areas. */
export type Series = { indicator: Indicator; areaId: number | null; areaName: string };
export type Cell = { key: string; series: Series; period: string; label: string };

export const keyOf = (indicatorId: number, areaId: number | null, period: string) => `${indicatorId}:${areaId ?? 0}:${period}`;
export const examples: Record<Periodicity, string> = { month: '2026-03', quarter: '2026-Q1', year: '2026' };
/** A period as the period field shows it, in words that field also reads back: 'K4 2026', 'maart 2026', '2026'. */
export const typed = (period: string): string => formatPeriod(period, periodicityOf(period) === 'quarter' ? 'short' : 'long');
export const COUNTS = [1, 2, 3, 4, 6, 8, 12];

/** Shows a stored number the way it is typed here: decimal comma in Dutch, no grouping. */
export function show(value: number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const s = String(value);
  return locale() === 'nl' ? s.replace('.', ',') : s;
}

/** The stored values and targets of `indicators` in `periods` (keyed by keyOf), and the latest period with any value at all. */
export async function fetchPeriodValues(
  indicators: Indicator[],
  shownPeriods: string[],
): Promise<{ values: Map<string, Value>; targets: Map<string, number>; latest: string | null }> {
  const details = await Promise.all(
    indicators.map((i) =>
      get<{ indicator: { targets: { period: string; areaId: number | null; value: number }[]; values: Value[] } }>(`/api/indicators/${i.id}`),
    ),
  );
  const periods = new Set(shownPeriods);
  const values = new Map<string, Value>();
  const targets = new Map<string, number>();
  let latest: string | null = null;
  // Periods of one kind sort as text: 2025-Q4 < 2026-Q1, 2026-03 < 2026-10.
  details.forEach(({ indicator }, n) => {
    const id = indicators[n]!.id;
    for (const v of indicator.values) {
      if (periods.has(v.period)) values.set(keyOf(id, v.areaId, v.period), v);
      if (v.value !== null && (!latest || v.period > latest)) latest = v.period;
    }
    for (const tg of indicator.targets) if (periods.has(tg.period)) targets.set(keyOf(id, tg.areaId, tg.period), tg.value);
  });
  return { values, targets, latest };
}
