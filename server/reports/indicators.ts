// A report's indicators per outcome: per period the target and actual overall and per area, with
// the chart drawn on the server (chart.ts). The figures come from the counting capability.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { indicatorSeries } from '../../db/repositories/counting.js';
import { periodRange } from '../../db/domain/periods.js';
import type { IndicatorArea, IndicatorOut, IndicatorPeriod } from './types.js';

const withRange = <P extends { period: string; target: number | null; actual: number | null }>(points: P[]): IndicatorPeriod[] =>
  points
    .map(({ period, target, actual }) => ({ period, ...periodRange(period)!, target, actual }))
    .sort((a, b) => a.start.localeCompare(b.start) || a.end.localeCompare(b.end));

/**
 * The report's indicators per outcome, read through the counting capability's `indicatorSeries`
 * (one rule for what the overall figure of an indicator kept per area is): per period the target
 * and actual overall, and each area's — within the report's areas when it names any.
 */
export async function indicatorsByOutcome(
  db: Kysely<DB>,
  outcomeIds: number[],
  from: string,
  to: string,
  areaScope: number[],
): Promise<Map<number, IndicatorOut[]>> {
  const out = new Map<number, IndicatorOut[]>(outcomeIds.map((id) => [id, []]));
  if (!outcomeIds.length) return out;
  const rows = await db.selectFrom('indicators').select(['id', 'outcomeId']).where('outcomeId', 'in', outcomeIds).orderBy('id').execute();
  const series = await indicatorSeries(db, { indicatorIds: rows.map((r) => r.id), from, to, areaIds: areaScope.length ? areaScope : undefined });
  const areaIds = [...new Set(series.flatMap((s) => s.series.flatMap((p) => p.areas.map((a) => a.areaId))))];
  const areaNames = new Map(
    areaIds.length ? (await db.selectFrom('areas').select(['id', 'name']).where('id', 'in', areaIds).execute()).map((a) => [a.id, a.name]) : [],
  );
  const byId = new Map(series.map((s) => [s.indicator.id, s]));
  for (const row of rows) {
    const { indicator: ind, series: points } = byId.get(row.id)!;
    const periods = withRange(points.filter((p) => p.target !== null || p.actual !== null));
    const areas: IndicatorArea[] = [...new Set(points.flatMap((p) => p.areas.map((a) => a.areaId)))]
      .map((id) => ({
        id,
        name: areaNames.get(id) ?? '',
        periods: withRange(points.flatMap((p) => p.areas.filter((a) => a.areaId === id).map((a) => ({ ...a, period: p.period })))),
      }))
      .sort((a, b) => a.name.localeCompare(b.name, 'nl'));
    out.get(row.outcomeId!)!.push(indicatorOut(ind, periods, areas));
  }
  return out;
}

function indicatorOut(ind: Awaited<ReturnType<typeof indicatorSeries>>[number]['indicator'], periods: IndicatorPeriod[], areas: IndicatorArea[]): IndicatorOut {
  const baseline = ind.baselineValue == null ? null : { value: ind.baselineValue, period: ind.baselinePeriod };
  return {
    id: ind.id,
    name: ind.name,
    description: ind.description,
    unit: ind.unit,
    measure: ind.measure,
    direction: ind.direction,
    baseline,
    periods,
    areas,
  };
}
