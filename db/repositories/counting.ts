// Counting (tellen): indicators, their targets and values with history, hours, expenses and budget.
// indicatorSeries and budgetSummary are what reports read.
import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import { boundDate, periodOverlaps, type Periodicity } from '../domain/periods.js';
import type { DB, IndicatorsTable, Phase } from '../schema.js';
import { phases } from '../schema.js';

export const units = ['count', 'percentage', 'euro', 'hours', 'score'] as const;
export type Unit = (typeof units)[number];
export const measures = ['unit', 'percentage', 'nominal', 'ordinal', 'qualitative'] as const;
export type Measure = (typeof measures)[number];
export const directions = ['higher', 'lower'] as const;
export type Direction = (typeof directions)[number];

/** IATI IndicatorMeasure codelist (iati/codelists/IndicatorMeasure.xml): our measure → IATI code. The one place for it. */
export const IATI_MEASURE_CODE: Record<Measure, '1' | '2' | '3' | '4' | '5'> = { unit: '1', percentage: '2', nominal: '3', ordinal: '4', qualitative: '5' };

/** The measure an indicator gets when none is given. */
export const defaultMeasure: Record<Unit, Measure> = { count: 'unit', percentage: 'percentage', euro: 'unit', hours: 'unit', score: 'ordinal' };

/** Units whose values add up across areas (a total is the sum); percentages and scores do not. */
export const additiveUnits: Unit[] = ['count', 'euro', 'hours'];

/** area_id 0 in targets and values means "not for one area" (the whole project). */
export const ALL_AREAS = 0;
const areaOut = (areaId: number) => (areaId === ALL_AREAS ? null : areaId);

type Indicator = Selectable<IndicatorsTable>;

export function indicatorOut(row: Indicator) {
  return {
    id: row.id,
    projectId: row.projectId,
    outcomeId: row.outcomeId,
    name: row.name,
    description: row.description,
    unit: row.unit,
    measure: row.measure,
    iatiMeasure: IATI_MEASURE_CODE[row.measure],
    direction: row.direction,
    periodicity: row.periodicity,
    baselineValue: row.baselineValue,
    baselinePeriod: row.baselinePeriod,
    byArea: row.byArea === 1,
    source: row.source,
    sourceKey: row.sourceKey,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
export type IndicatorOut = ReturnType<typeof indicatorOut>;

export async function findIndicator(db: Kysely<DB>, id: number) {
  const row = await db.selectFrom('indicators').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? indicatorOut(row) : undefined;
}

/**
 * Indicators in scope. `projectIds` null = every project (staff); context indicators (no project)
 * are included when `context` is true.
 */
export async function listIndicators(db: Kysely<DB>, opts: { projectIds: number[] | null; context: boolean }) {
  const projects = opts.projectIds === null || opts.projectIds.length > 0;
  if (!projects && !opts.context) return [];
  let q = db.selectFrom('indicators').selectAll().orderBy('projectId').orderBy('name');
  q = q.where((eb) => {
    const ors = [];
    if (opts.projectIds === null) ors.push(eb('projectId', 'is not', null));
    else if (opts.projectIds.length) ors.push(eb('projectId', 'in', opts.projectIds));
    if (opts.context) ors.push(eb('projectId', 'is', null));
    return eb.or(ors);
  });
  return (await q.execute()).map(indicatorOut);
}

type Years = { first?: string; afterLast?: string };

export async function listTargets(db: Kysely<DB>, indicatorIds: number[], years: Years = {}) {
  if (!indicatorIds.length) return [];
  let q = db.selectFrom('indicatorTargets').selectAll().where('indicatorId', 'in', indicatorIds);
  if (years.first) q = q.where('period', '>=', years.first);
  if (years.afterLast) q = q.where('period', '<', years.afterLast);
  const rows = await q.orderBy('period').orderBy('areaId').execute();
  return rows.map((r) => ({ indicatorId: r.indicatorId, period: r.period, areaId: areaOut(r.areaId), value: r.value }));
}

export async function setTargets(db: Kysely<DB>, indicatorId: number, targets: { period: string; areaId?: number | null; value: number }[]) {
  await db.deleteFrom('indicatorTargets').where('indicatorId', '=', indicatorId).execute();
  if (targets.length) {
    await db
      .insertInto('indicatorTargets')
      .values(targets.map((t) => ({ indicatorId, period: t.period, areaId: t.areaId ?? ALL_AREAS, value: t.value })))
      .execute();
  }
}

/** The areas values of this indicator may be kept for: the project's areas, or any area for context indicators. */
export async function allowedAreas(db: Kysely<DB>, projectId: number | null): Promise<Set<number> | null> {
  if (projectId === null) return null;
  const rows = await db.selectFrom('projectAreas').select('areaId').where('projectId', '=', projectId).execute();
  return new Set(rows.map((r) => r.areaId));
}

export async function listValues(db: Kysely<DB>, indicatorIds: number[], opts: { period?: string; areaIds?: number[] } & Years = {}) {
  if (!indicatorIds.length) return [];
  let q = db
    .selectFrom('indicatorValues as v')
    .leftJoin('users as u', 'u.id', 'v.enteredBy')
    .select(['v.indicatorId', 'v.period', 'v.areaId', 'v.value', 'v.note', 'v.enteredBy', 'u.name as enteredByName', 'v.updatedAt'])
    .where('v.indicatorId', 'in', indicatorIds);
  if (opts.period) q = q.where('v.period', '=', opts.period);
  if (opts.areaIds) q = q.where('v.areaId', 'in', opts.areaIds.length ? opts.areaIds : [-1]);
  if (opts.first) q = q.where('v.period', '>=', opts.first);
  if (opts.afterLast) q = q.where('v.period', '<', opts.afterLast);
  const rows = await q.orderBy('v.period').orderBy('v.areaId').execute();
  return rows.map((r) => ({ ...r, areaId: areaOut(r.areaId) }));
}

export async function valueHistory(db: Kysely<DB>, indicatorId: number) {
  const rows = await db
    .selectFrom('indicatorValueHistory as h')
    .leftJoin('users as u', 'u.id', 'h.changedBy')
    .select([
      'h.id',
      'h.period',
      'h.areaId',
      'h.existed',
      'h.oldValue',
      'h.newValue',
      'h.oldNote',
      'h.newNote',
      'h.changedBy',
      'u.name as changedByName',
      'h.batchId',
      'h.changedAt',
    ])
    .where('h.indicatorId', '=', indicatorId)
    .orderBy('h.id', 'desc')
    .execute();
  return rows.map((r) => ({ ...r, areaId: areaOut(r.areaId), existed: r.existed === 1 }));
}

/** One value to set. `note` undefined keeps the note that is there. `areaId` 0 = not per area. */
export type ValueWrite = { indicatorId: number; period: string; areaId: number; value: number | null; note?: string };
export type WriteCounts = { created: number; updated: number; unchanged: number };
const key = (v: { indicatorId: number; period: string; areaId: number }) => `${v.indicatorId}|${v.period}|${v.areaId}`;

/**
 * Sets values, keeping a history row for every real change. Unchanged values are not touched, so
 * writing the same values twice changes nothing. Call inside a transaction.
 */
export async function writeValues(
  db: Kysely<DB>,
  writes: ValueWrite[],
  by: { userId: number; batchId?: number | null },
): Promise<WriteCounts & { changes: { indicatorId: number; period: string; areaId: number | null; from: number | null; to: number | null }[] }> {
  const counts = { created: 0, updated: 0, unchanged: 0 };
  const changes: { indicatorId: number; period: string; areaId: number | null; from: number | null; to: number | null }[] = [];
  if (!writes.length) return { ...counts, changes };
  const existing = new Map<string, { id: number; value: number | null; note: string }>();
  const indicatorIds = [...new Set(writes.map((w) => w.indicatorId))];
  for (const row of await db
    .selectFrom('indicatorValues')
    .select(['id', 'indicatorId', 'period', 'areaId', 'value', 'note'])
    .where('indicatorId', 'in', indicatorIds)
    .execute()) {
    existing.set(key(row), row);
  }
  const now = new Date().toISOString();
  const inserts: { indicatorId: number; period: string; areaId: number; value: number | null; note: string; enteredBy: number; updatedAt: string }[] = [];
  const history: {
    indicatorId: number;
    period: string;
    areaId: number;
    existed: number;
    oldValue: number | null;
    newValue: number | null;
    oldNote: string | null;
    newNote: string | null;
    changedBy: number;
    batchId: number | null;
    changedAt: string;
  }[] = [];
  const seen = new Set<string>();
  for (const w of writes) {
    const k = key(w);
    if (seen.has(k)) throw new Error(`duplicate value ${k}`); // callers reject duplicates first
    seen.add(k);
    const before = existing.get(k);
    const note = w.note ?? before?.note ?? '';
    if (before && before.value === w.value && before.note === note) {
      counts.unchanged++;
      continue;
    }
    if (before) {
      counts.updated++;
      await db.updateTable('indicatorValues').set({ value: w.value, note, enteredBy: by.userId, updatedAt: now }).where('id', '=', before.id).execute();
    } else {
      counts.created++;
      inserts.push({ indicatorId: w.indicatorId, period: w.period, areaId: w.areaId, value: w.value, note, enteredBy: by.userId, updatedAt: now });
    }
    history.push({
      indicatorId: w.indicatorId,
      period: w.period,
      areaId: w.areaId,
      existed: before ? 1 : 0,
      oldValue: before?.value ?? null,
      newValue: w.value,
      oldNote: before?.note ?? null,
      newNote: note,
      changedBy: by.userId,
      batchId: by.batchId ?? null,
      changedAt: now,
    });
    changes.push({ indicatorId: w.indicatorId, period: w.period, areaId: areaOut(w.areaId), from: before?.value ?? null, to: w.value });
  }
  for (let i = 0; i < inserts.length; i += 500)
    await db
      .insertInto('indicatorValues')
      .values(inserts.slice(i, i + 500))
      .execute();
  for (let i = 0; i < history.length; i += 500)
    await db
      .insertInto('indicatorValueHistory')
      .values(history.slice(i, i + 500))
      .execute();
  if (indicatorIds.length && (counts.created || counts.updated)) {
    const touched = [...new Set(history.map((h) => h.indicatorId))];
    await db.updateTable('indicators').set({ updatedAt: now }).where('id', 'in', touched).execute();
  }
  return { ...counts, changes };
}

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
  const [targets, values] = await Promise.all([listTargets(db, ids, years), listValues(db, ids, years)]);
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
  return indicators.map((ind) => {
    const ts = targets.filter((t) => t.indicatorId === ind.id && keep(t));
    const vs = values.filter((v) => v.indicatorId === ind.id && keep(v));
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

// --- hours and expenses ---

export async function listHours(db: Kysely<DB>, projectId: number, range: { from?: string; to?: string } = {}) {
  let q = db
    .selectFrom('hours as h')
    .innerJoin('users as u', 'u.id', 'h.userId')
    .select(['h.id', 'h.date', 'h.hours', 'h.phase', 'h.activity', 'h.userId', 'u.name as userName', 'h.createdAt'])
    .where('h.projectId', '=', projectId);
  if (range.from) q = q.where('h.date', '>=', range.from);
  if (range.to) q = q.where('h.date', '<=', range.to);
  const entries = await q.orderBy('h.date', 'desc').orderBy('h.id', 'desc').execute();
  const byPhase = Object.fromEntries(phases.map((p) => [p, 0])) as Record<Phase, number>;
  const workers = new Map<number, { userId: number; name: string; hours: number }>();
  let total = 0;
  for (const e of entries) {
    total += e.hours;
    byPhase[e.phase] += e.hours;
    const w = workers.get(e.userId) ?? { userId: e.userId, name: e.userName, hours: 0 };
    w.hours += e.hours;
    workers.set(e.userId, w);
  }
  return {
    entries,
    totals: {
      hours: round(total),
      byPhase: mapValues(byPhase, round),
      byWorker: [...workers.values()].map((w) => ({ ...w, hours: round(w.hours) })).sort((a, b) => a.name.localeCompare(b.name)),
    },
  };
}

export async function insertHours(db: Kysely<DB>, input: { projectId: number; userId: number; date: string; hours: number; phase: Phase; activity: string }) {
  return db.insertInto('hours').values(input).returning(['id']).executeTakeFirstOrThrow();
}

export async function listExpenses(db: Kysely<DB>, projectId: number, range: { from?: string; to?: string } = {}) {
  let q = db
    .selectFrom('expenses as e')
    .innerJoin('users as u', 'u.id', 'e.enteredBy')
    .select(['e.id', 'e.date', 'e.amountCents', 'e.description', 'e.category', 'e.enteredBy', 'u.name as enteredByName', 'e.createdAt'])
    .where('e.projectId', '=', projectId);
  if (range.from) q = q.where('e.date', '>=', range.from);
  if (range.to) q = q.where('e.date', '<=', range.to);
  const rows = await q.orderBy('e.date', 'desc').orderBy('e.id', 'desc').execute();
  const byCategory = new Map<string, number>();
  let cents = 0;
  for (const r of rows) {
    cents += r.amountCents;
    byCategory.set(r.category ?? '', (byCategory.get(r.category ?? '') ?? 0) + r.amountCents);
  }
  return {
    entries: rows.map(({ amountCents, ...r }) => ({ ...r, amount: amountCents / 100 })),
    totals: {
      amount: cents / 100,
      byCategory: [...byCategory].map(([category, c]) => ({ category: category || null, amount: c / 100 })).sort((a, b) => b.amount - a.amount),
    },
  };
}

export async function insertExpense(
  db: Kysely<DB>,
  input: { projectId: number; date: string; amountCents: number; description: string; category: string | null; enteredBy: number },
) {
  return db.insertInto('expenses').values(input).returning(['id']).executeTakeFirstOrThrow();
}

const round = (n: number) => Math.round(n * 100) / 100;
const mapValues = <K extends string>(o: Record<K, number>, f: (n: number) => number) =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [k, f(v as number)])) as Record<K, number>;

/** used against planned: remaining and percentage are null without a plan. */
function usage(used: number, planned: number | null) {
  return {
    used: round(used),
    planned,
    remaining: planned === null ? null : round(planned - used),
    percentage: planned ? Math.round((used / planned) * 1000) / 10 : null,
  };
}

/**
 * Hours and money used against each project's plan (projects.budget_hours, budget_cents), in hours
 * and euros. `from`/`to` (dates or periods) narrow what counts as used; the plan is the whole plan.
 */
export async function budgetSummary(db: Kysely<DB>, projectIds: number[], range: { from?: string; to?: string } = {}) {
  if (!projectIds.length) return [];
  const from = boundDate(range.from, 'from');
  const to = boundDate(range.to, 'to');
  const projects = await db.selectFrom('projects').select(['id', 'name', 'budgetHours', 'budgetCents']).where('id', 'in', projectIds).orderBy('name').execute();
  let hq = db
    .selectFrom('hours')
    .select(['projectId', 'phase', (eb) => eb.fn.sum<number>('hours').as('hours')])
    .where('projectId', 'in', projectIds)
    .groupBy(['projectId', 'phase']);
  let eq = db
    .selectFrom('expenses')
    .select(['projectId', (eb) => eb.fn.sum<number>('amountCents').as('cents')])
    .where('projectId', 'in', projectIds)
    .groupBy('projectId');
  if (from) {
    hq = hq.where('date', '>=', from);
    eq = eq.where('date', '>=', from);
  }
  if (to) {
    hq = hq.where('date', '<=', to);
    eq = eq.where('date', '<=', to);
  }
  const [hours, money] = await Promise.all([hq.execute(), eq.execute()]);
  return projects.map((p) => {
    const mine = hours.filter((h) => h.projectId === p.id);
    const byPhase = Object.fromEntries(phases.map((ph) => [ph, round(Number(mine.find((h) => h.phase === ph)?.hours ?? 0))])) as Record<Phase, number>;
    const usedHours = mine.reduce((s, h) => s + Number(h.hours), 0);
    const usedCents = Number(money.find((m) => m.projectId === p.id)?.cents ?? 0);
    const m = usage(usedCents / 100, p.budgetCents === null ? null : p.budgetCents / 100);
    return {
      projectId: p.id,
      name: p.name,
      from: from ?? null,
      to: to ?? null,
      hours: { ...usage(usedHours, p.budgetHours), byPhase },
      money: { usedEuros: m.used, plannedEuros: m.planned, remainingEuros: m.remaining, percentage: m.percentage },
    };
  });
}

export type { Periodicity };

// --- writes of indicator definitions, deletions of entries, import batches ---

export async function insertIndicator(db: Kysely<DB>, values: Insertable<IndicatorsTable>): Promise<Indicator> {
  return db.insertInto('indicators').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function updateIndicator(db: Kysely<DB>, id: number, set: Updateable<IndicatorsTable>): Promise<void> {
  await db.updateTable('indicators').set(set).where('id', '=', id).execute();
}

export async function indicatorHasValues(db: Kysely<DB>, id: number): Promise<boolean> {
  return !!(await db.selectFrom('indicatorValues').select('id').where('indicatorId', '=', id).executeTakeFirst());
}

export const findHours = (db: Kysely<DB>, projectId: number, id: number) =>
  db.selectFrom('hours').selectAll().where('id', '=', id).where('projectId', '=', projectId).executeTakeFirst();

export async function deleteHours(db: Kysely<DB>, id: number): Promise<void> {
  await db.deleteFrom('hours').where('id', '=', id).execute();
}

export const findExpense = (db: Kysely<DB>, projectId: number, id: number) =>
  db.selectFrom('expenses').selectAll().where('id', '=', id).where('projectId', '=', projectId).executeTakeFirst();

export async function deleteExpense(db: Kysely<DB>, id: number): Promise<void> {
  await db.deleteFrom('expenses').where('id', '=', id).execute();
}

/** Starts an import batch (its counts filled in by finishImportBatch); returns its id. */
export async function startImportBatch(db: Kysely<DB>, b: { kind: 'csv' | 'cbs'; checksum: string; rows: number; createdBy: number }): Promise<number> {
  return (
    await db
      .insertInto('importBatches')
      .values({ ...b, created: 0, updated: 0, unchanged: 0 })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
}

export async function finishImportBatch(db: Kysely<DB>, id: number, counts: WriteCounts & { rows?: number }): Promise<void> {
  await db.updateTable('importBatches').set(counts).where('id', '=', id).execute();
}
