// An indicator's targets and values: reading them, and writing values with a history row for every change.
import type { Kysely } from 'kysely';
import type { DB } from '../../schema.js';
import { ALL_AREAS, areaOut } from './indicators.js';

/** A range of years that narrows the rows in SQL: from `first`, before `afterLast`. */
export type Years = { first?: string; afterLast?: string };

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

/** The values of these indicators, narrowed to a period, areas or years. */
function valuesOf(db: Kysely<DB>, indicatorIds: number[], opts: { period?: string; areaIds?: number[] } & Years) {
  let q = db.selectFrom('indicatorValues as v').where('v.indicatorId', 'in', indicatorIds);
  if (opts.period) q = q.where('v.period', '=', opts.period);
  if (opts.areaIds) q = q.where('v.areaId', 'in', opts.areaIds.length ? opts.areaIds : [-1]);
  if (opts.first) q = q.where('v.period', '>=', opts.first);
  if (opts.afterLast) q = q.where('v.period', '<', opts.afterLast);
  return q;
}

export async function listValues(db: Kysely<DB>, indicatorIds: number[], opts: { period?: string; areaIds?: number[] } & Years = {}) {
  if (!indicatorIds.length) return [];
  const rows = await valuesOf(db, indicatorIds, opts)
    .leftJoin('users as u', 'u.id', 'v.enteredBy')
    .select(['v.indicatorId', 'v.period', 'v.areaId', 'v.value', 'v.note', 'v.enteredBy', 'u.name as enteredByName', 'v.updatedAt'])
    .orderBy('v.period')
    .orderBy('v.areaId')
    .execute();
  return rows.map((r) => ({ ...r, areaId: areaOut(r.areaId) }));
}

/** The values as a series reads them: the figure and its note, not who entered it or when; unordered. */
export async function seriesValues(db: Kysely<DB>, indicatorIds: number[], years: Years) {
  if (!indicatorIds.length) return [];
  const rows = await valuesOf(db, indicatorIds, years).select(['v.indicatorId', 'v.period', 'v.areaId', 'v.value', 'v.note']).execute();
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
