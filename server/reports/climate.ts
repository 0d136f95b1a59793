// The climate profile of a report: per dyad the mean placement (0–100) over the stories the report
// may show, first half of the period against the second, the shift and how the placements spread;
// small numbers suppressed by the one rule (suppression.ts).
import type { Kysely } from 'kysely';
import { reportableStoryRows, storyDate, type ReportableKey } from '../access.js';
import type { DB } from '../../db/schema.js';
import { midpoint } from '../../db/domain/periods.js';
import { MIN_CLIMATE_STORIES, suppressClimate, type ClimateFigure } from './suppression.js';
import type { ClimateVariableOut, ReportData } from './types.js';

const round1 = (n: number) => Math.round(n * 10) / 10;

function figure(values: number[]): ClimateFigure {
  return { n: values.length, mean: values.length >= MIN_CLIMATE_STORIES ? round1(values.reduce((a, b) => a + b, 0) / values.length) : null };
}

type Placement = { storyId: number; variableId: number; source: string; position: number | null };

function climateOf(
  stories: ReportableKey[],
  variables: { id: number; key: string; nameNl: string; weakNl: string; strongNl: string }[],
  placements: Placement[],
  split: string,
): ClimateVariableOut[] {
  const byId = new Map(stories.map((s) => [s.id, s]));
  const byVariable = new Map<number, Placement[]>();
  for (const p of placements) if (byId.has(p.storyId)) (byVariable.get(p.variableId) ?? byVariable.set(p.variableId, []).get(p.variableId)!).push(p);
  return variables.flatMap((v) => {
    // One position per story: the teller's own placement first, else the coordinator's.
    const pos = new Map<number, number>();
    for (const source of ['coordinator', 'teller']) {
      for (const p of byVariable.get(v.id) ?? []) if (p.source === source && p.position != null) pos.set(p.storyId, p.position);
    }
    if (!pos.size) return [];
    const all = [...pos.values()];
    const first = [...pos].filter(([id]) => byId.get(id)!.date < split).map(([, p]) => p);
    const second = [...pos].filter(([id]) => byId.get(id)!.date >= split).map(([, p]) => p);
    const f = figure(first);
    const s = figure(second);
    // suppressClimate (suppression.ts) drops the spread of every half whose figure it hides.
    const bands = (xs: number[], shown: boolean) => (shown ? [0, 1, 2, 3, 4].map((b) => xs.filter((x) => Math.min(4, Math.floor(x / 20)) === b).length) : null);
    return [
      suppressClimate({
        id: v.id,
        key: v.key,
        name: v.nameNl,
        weak: v.weakNl,
        strong: v.strongNl,
        all: figure(all),
        firstHalf: f,
        secondHalf: s,
        shift: f.mean != null && s.mean != null ? round1(s.mean - f.mean) : null,
        spread: { first: bands(first, true), second: bands(second, true) },
      }),
    ];
  });
}

/**
 * The climate section over `stories` (the report's reportable stories: reportableStoryKeys, which
 * may still be on their way). The placements are read for the report's scope in SQL, at the same
 * time, and kept for those stories only, so no list of thousands of ids is sent to the database.
 */
export async function reportClimate(
  db: Kysely<DB>,
  scope: { projectIds: number[]; areaIds: number[]; from: string; to: string },
  stories: ReportableKey[] | Promise<ReportableKey[]>,
): Promise<NonNullable<ReportData['climate']>> {
  const split = midpoint(scope.from, scope.to);
  let placements = reportableStoryRows(db)
    .innerJoin('storyPlacements', 'storyPlacements.storyId', 'stories.id')
    .select(['storyPlacements.storyId', 'storyPlacements.variableId', 'storyPlacements.source', 'storyPlacements.position'])
    .where('storyPlacements.status', '=', 'accepted')
    .where('stories.projectId', 'in', scope.projectIds)
    .where(storyDate, '>=', scope.from)
    .where(storyDate, '<=', scope.to);
  if (scope.areaIds.length) placements = placements.where('stories.areaId', 'in', scope.areaIds);
  const [variables, rows, keys] = await Promise.all([
    db
      .selectFrom('climateVariables')
      .select(['id', 'key', 'nameNl', 'weakNl', 'strongNl'])
      .where('retiredAt', 'is', null)
      .orderBy('sort')
      .orderBy('id')
      .execute(),
    scope.projectIds.length ? placements.execute() : [],
    stories,
  ]);
  return { minStories: MIN_CLIMATE_STORIES, split, variables: climateOf(keys, variables, rows, split) };
}
