// Climate over time and agreement between tellers and coordinators, over the visible stories.
import type { Kysely } from 'kysely';
import { periodOf, periodRange, shiftPeriod, type Periodicity } from '../../domain/periods.js';
import type { DB, StoryQuery } from '../../schema.js';
import { storyDate } from '../story-date.js';
import { binEdges, distribution, round2, type Distribution } from './statistics.js';
import { listVariables } from './variables.js';

type Db = Kysely<DB>;

export type ClimateFilter = {
  projectId?: number;
  areaIds?: number[];
  variableId?: number;
  from?: string; // YYYY-MM-DD
  to?: string;
};

/** Accepted placements of the visible stories, narrowed by the filter. */
function placementQuery(visible: StoryQuery, f: ClimateFilter) {
  let q = visible.innerJoin('storyPlacements as p', 'p.storyId', 'stories.id').where('p.status', '=', 'accepted');
  if (f.projectId) q = q.where('stories.projectId', '=', f.projectId);
  if (f.areaIds) q = q.where('stories.areaId', 'in', f.areaIds.length ? f.areaIds : [-1]);
  if (f.variableId) q = q.where('p.variableId', '=', f.variableId);
  if (f.from) q = q.where(storyDate, '>=', f.from);
  if (f.to) q = q.where(storyDate, '<=', f.to);
  return q;
}

/** Accepted placements of the visible stories, with the date each story counts on. */
async function placementRows(visible: StoryQuery, f: ClimateFilter) {
  return placementQuery(visible, f).select(['p.storyId', 'p.variableId', 'p.source', 'p.position']).select(storyDate.as('date')).execute();
}

/**
 * The stories behind one region of the climate pattern: one variable, one period, teller's or
 * coordinator's placements, one of the five bins. Only the visible stories (the query from
 * server/access.ts), narrowed by the page's filter; at most `limit`, with the total.
 */
export async function climateRegionStories(
  visible: StoryQuery,
  f: ClimateFilter & { variableId: number; source: 'teller' | 'coordinator'; period: string; bin: number; limit: number },
) {
  const { start: pFrom, end: pTo } = periodRange(f.period)!;
  const from = f.from && f.from > pFrom ? f.from : pFrom;
  const to = f.to && f.to < pTo ? f.to : pTo;
  const lo = binEdges[f.bin]!;
  let q = placementQuery(visible, { ...f, from, to })
    .where('p.source', '=', f.source)
    .where('p.position', '>=', lo);
  q = f.bin === 4 ? q.where('p.position', '<=', 100) : q.where('p.position', '<', binEdges[f.bin + 1]!);
  const total = Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst())?.n ?? 0);
  const stories = await q
    .innerJoin('projects', 'projects.id', 'stories.projectId')
    .leftJoin('areas', 'areas.id', 'stories.areaId')
    .select(['stories.id', 'stories.title', 'projects.name as projectName', 'areas.name as areaName', 'p.position'])
    .select(storyDate.as('date'))
    .orderBy('p.position')
    .orderBy(storyDate)
    .orderBy('stories.id')
    .limit(f.limit)
    .execute();
  return { total, stories: stories.map((s) => ({ ...s, position: s.position! })) };
}

export async function climateOverTime(db: Db, visible: StoryQuery, f: ClimateFilter & { granularity: Periodicity }) {
  const rows = await placementRows(visible, f);
  const variableIds = [...new Set(rows.map((r) => r.variableId))];
  const periodsWithData = rows.map((r) => periodOf(r.date, f.granularity)).sort();
  const first = f.from ? periodOf(f.from, f.granularity) : periodsWithData[0];
  const last = f.to ? periodOf(f.to, f.granularity) : periodsWithData[periodsWithData.length - 1];
  const periods: string[] = [];
  if (first && last) for (let p = first; p <= last && periods.length < 1000; p = shiftPeriod(p, 1)) periods.push(p);
  const variables = (await listVariables(db, true)).filter((v) => (f.variableId ? v.id === f.variableId : variableIds.includes(v.id)));
  const series = variables.map((v) => {
    let prev: { teller: Distribution; coordinator: Distribution } | null = null;
    const out = periods.map((period) => {
      const inPeriod = rows.filter((r) => r.variableId === v.id && periodOf(r.date, f.granularity) === period);
      const teller = distribution(inPeriod.filter((r) => r.source === 'teller').map((r) => r.position));
      const coordinator = distribution(inPeriod.filter((r) => r.source === 'coordinator').map((r) => r.position));
      const shift = (now: Distribution, before: Distribution | undefined) =>
        now.mean !== null && before?.mean != null ? round2(now.mean - before.mean) : null;
      const entry = { period, teller, coordinator, shift: { teller: shift(teller, prev?.teller), coordinator: shift(coordinator, prev?.coordinator) } };
      prev = { teller, coordinator };
      return entry;
    });
    return { variableId: v.id, variable: v, periods: out };
  });
  return { granularity: f.granularity, binEdges, periods, series };
}

export async function climateAgreement(db: Db, visible: StoryQuery, f: ClimateFilter) {
  const rows = await placementRows(visible, f);
  const pairs = new Map<string, { variableId: number; teller?: number | null; coordinator?: number | null }>();
  for (const r of rows) {
    const k = `${r.storyId}:${r.variableId}`;
    const e = pairs.get(k) ?? { variableId: r.variableId };
    e[r.source] = r.position;
    pairs.set(k, e);
  }
  const variables = await listVariables(db, true);
  const byVar = new Map<number, { t: number; c: number }[]>();
  for (const p of pairs.values()) {
    if (p.teller == null || p.coordinator == null) continue;
    byVar.set(p.variableId, [...(byVar.get(p.variableId) ?? []), { t: p.teller, c: p.coordinator }]);
  }
  return variables
    .filter((v) => byVar.has(v.id))
    .map((v) => {
      const xs = byVar.get(v.id)!;
      const n = xs.length;
      const mean = (f: (x: { t: number; c: number }) => number) => round2(xs.reduce((a, x) => a + f(x), 0) / n);
      return {
        variableId: v.id,
        variable: v,
        n,
        meanTeller: mean((x) => x.t),
        meanCoordinator: mean((x) => x.c),
        meanDifference: mean((x) => x.c - x.t),
        meanAbsoluteDifference: mean((x) => Math.abs(x.c - x.t)),
        within15: round2(xs.filter((x) => Math.abs(x.c - x.t) <= 15).length / n),
      };
    });
}
