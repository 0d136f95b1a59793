// A report's indicators per outcome: per period the target and actual overall and per area, with
// the chart drawn on the server (chart.ts). The figures come from the counting capability.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { indicatorSeries } from '../../db/repositories/counting.js';
import { periodRange } from '../../db/domain/periods.js';
import type { IndicatorArea, IndicatorOut, IndicatorPeriod } from './types.js';

const byName = new Intl.Collator('nl').compare;

/** Points with their period's dates, in time order; each period's dates worked out once per report. */
function withRange(
  points: { period: string; target: number | null; actual: number | null }[],
  ranges: Map<string, { start: string; end: string }>,
): IndicatorPeriod[] {
  return points
    .map(({ period, target, actual }) => {
      let range = ranges.get(period);
      if (!range) ranges.set(period, (range = periodRange(period)!));
      return { period, start: range.start, end: range.end, target, actual };
    })
    .sort((a, b) => a.start.localeCompare(b.start) || a.end.localeCompare(b.end));
}

/** A report's outcomes: the ones it names, else all of its projects'. */
export type OutcomeChoice = { ids: number[] } | { projectIds: number[] };

/**
 * The report's indicators per outcome (an outcome without any is left out), read through the
 * counting capability's `indicatorSeries` (one rule for what the overall figure of an indicator
 * kept per area is): per period the target and actual overall, and each area's — within the
 * report's areas when it names any.
 */
export async function indicatorsByOutcome(
  db: Kysely<DB>,
  outcomes: OutcomeChoice,
  from: string,
  to: string,
  areaScope: number[],
): Promise<Map<number, IndicatorOut[]>> {
  const out = new Map<number, IndicatorOut[]>();
  const chosen = 'ids' in outcomes ? outcomes.ids : outcomes.projectIds;
  if (!chosen.length) return out;
  const rows = await db
    .selectFrom('indicators')
    .select(['id', 'outcomeId'])
    .where('outcomeId', 'in', 'ids' in outcomes ? outcomes.ids : db.selectFrom('outcomes').select('id').where('projectId', 'in', outcomes.projectIds))
    .orderBy('id')
    .execute();
  const series = await indicatorSeries(db, { indicatorIds: rows.map((r) => r.id), from, to, areaIds: areaScope.length ? areaScope : undefined });
  const areaIds = [...new Set(series.flatMap((s) => s.series.flatMap((p) => p.areas.map((a) => a.areaId))))];
  const areaNames = new Map(
    areaIds.length ? (await db.selectFrom('areas').select(['id', 'name']).where('id', 'in', areaIds).execute()).map((a) => [a.id, a.name]) : [],
  );
  const byId = new Map(series.map((s) => [s.indicator.id, s]));
  const ranges = new Map<string, { start: string; end: string }>();
  for (const row of rows) {
    const { indicator: ind, series: points } = byId.get(row.id)!;
    const periods = withRange(
      points.filter((p) => p.target !== null || p.actual !== null),
      ranges,
    );
    const perArea = new Map<number, { period: string; target: number | null; actual: number | null }[]>();
    for (const p of points)
      for (const a of p.areas) {
        const list = perArea.get(a.areaId) ?? perArea.set(a.areaId, []).get(a.areaId)!;
        list.push({ period: p.period, target: a.target, actual: a.actual });
      }
    const areas: IndicatorArea[] = [...perArea]
      .map(([id, list]) => ({ id, name: areaNames.get(id) ?? '', periods: withRange(list, ranges) }))
      .sort((a, b) => byName(a.name, b.name));
    const list = out.get(row.outcomeId!) ?? out.set(row.outcomeId!, []).get(row.outcomeId!)!;
    list.push(indicatorOut(ind, periods, areas));
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
