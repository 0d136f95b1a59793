// What reports read of the indicators: per indicator and period the target and the actual.
import type { Kysely } from 'kysely';
import { boundDate, periodOverlaps } from '../../domain/periods.js';
import type { DB } from '../../schema.js';
import { additiveUnits, indicatorOut } from './indicators.js';
import { listTargets, seriesValues } from './values.js';

/**
 * Periods are 'YYYY', 'YYYY-Qn' or 'YYYY-MM': all of a year sort from 'YYYY' up to the next year,
 * so a range of years narrows the rows in SQL before the exact overlap check.
 */
function yearsOf(from?: string, to?: string) {
  return { first: from?.slice(0, 4), afterLast: to ? String(Number(to.slice(0, 4)) + 1) : undefined };
}

export type SeriesPoint = {
  period: string;
  target: number | null;
  actual: number | null;
  areas: { areaId: number; target: number | null; actual: number | null; note: string }[];
};

/**
 * Per indicator: its definition, baseline, and per period the target and the actual, overall and
 * per area. The overall actual is the value entered for the whole project, or for indicators kept
 * per area in an additive unit (count, euro, hours) the sum over the (chosen) areas; for
 * percentages and scores per area it is null (a sum would be wrong). When `areaIds` narrows an
 * indicator kept per area, its overall target is likewise the sum of those areas' targets, not the
 * whole project's. Missing values stay null.
 * `from`/`to` are periods or dates; a period counts when it overlaps them.
 */
export async function indicatorSeries(
  db: Kysely<DB>,
  opts: { indicatorIds?: number[]; projectIds?: number[]; from?: string; to?: string; areaIds?: number[] },
) {
  let q = db.selectFrom('indicators').selectAll().orderBy('projectId').orderBy('name');
  if (opts.indicatorIds) q = q.where('id', 'in', opts.indicatorIds.length ? opts.indicatorIds : [-1]);
  if (opts.projectIds) q = q.where('projectId', 'in', opts.projectIds.length ? opts.projectIds : [-1]);
  const indicators = (await q.execute()).map(indicatorOut);
  const ids = indicators.map((i) => i.id);
  const from = boundDate(opts.from, 'from');
  const to = boundDate(opts.to, 'to');
  const years = yearsOf(from, to);
  const [targets, values] = await Promise.all([listTargets(db, ids, years), seriesValues(db, ids, years)]);
  const areaOk = (areaId: number | null) => areaId === null || !opts.areaIds || opts.areaIds.includes(areaId);
  const inRange = new Map<string, boolean>();
  const keep = (r: { period: string; areaId: number | null }) => {
    let ok = inRange.get(r.period);
    if (ok === undefined) inRange.set(r.period, (ok = periodOverlaps(r.period, from, to)));
    return ok && areaOk(r.areaId);
  };
  const key = (indicatorId: number, period: string, areaId: number | null) => `${indicatorId}|${period}|${areaId ?? ''}`;
  const targetAt = new Map(targets.map((t) => [key(t.indicatorId, t.period, t.areaId), t]));
  const valueAt = new Map(values.map((v) => [key(v.indicatorId, v.period, v.areaId), v]));
  const byIndicator = <R extends { indicatorId: number; period: string; areaId: number | null }>(rows: R[]) => {
    const kept = new Map<number, R[]>();
    for (const r of rows) if (keep(r)) (kept.get(r.indicatorId) ?? kept.set(r.indicatorId, []).get(r.indicatorId)!).push(r);
    return kept;
  };
  const targetsOf = byIndicator(targets);
  const valuesOf = byIndicator(values);
  return indicators.map((ind) => {
    const ts = targetsOf.get(ind.id) ?? [];
    const vs = valuesOf.get(ind.id) ?? [];
    const cells = new Map<string, Set<number>>();
    for (const x of [...ts, ...vs]) {
      const areas = cells.get(x.period) ?? new Set<number>();
      if (x.areaId !== null) areas.add(x.areaId);
      cells.set(x.period, areas);
    }
    const series: SeriesPoint[] = [...cells.keys()].sort().map((period) => {
      const areas = [...cells.get(period)!]
        .sort((a, b) => a - b)
        .map((areaId) => {
          const v = valueAt.get(key(ind.id, period, areaId));
          return { areaId, target: targetAt.get(key(ind.id, period, areaId))?.value ?? null, actual: v?.value ?? null, note: v?.note ?? '' };
        });
      const sum = (key: 'target' | 'actual') => {
        const known = areas.filter((a) => a[key] !== null);
        return ind.byArea && additiveUnits.includes(ind.unit) && known.length ? known.reduce((s, a) => s + a[key]!, 0) : null;
      };
      // Narrowed to some areas, a figure for the whole project would not compare with theirs.
      const partial = ind.byArea && !!opts.areaIds;
      const whole = partial ? undefined : valueAt.get(key(ind.id, period, null));
      const target = partial ? sum('target') : (targetAt.get(key(ind.id, period, null))?.value ?? null);
      return { period, target, actual: whole ? whole.value : sum('actual'), areas };
    });
    return {
      indicator: ind,
      baseline: ind.baselineValue === null && !ind.baselinePeriod ? null : { value: ind.baselineValue, period: ind.baselinePeriod },
      targets: ts,
      actuals: vs.map(({ indicatorId: _, ...v }) => v),
      series,
    };
  });
}
