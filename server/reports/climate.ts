// The climate profile of a report: per dyad the mean placement (0–100) over the stories the report
// may show, first half of the period against the second, the shift and how the placements spread;
// small numbers suppressed by the one rule (suppression.ts).
//
// The database counts: per dyad, half and band of 20 the number of stories and the sum of their
// positions (one position per story: the teller's own, else the coordinator's). A report over
// tens of thousands of stories reads a few dozen rows, not a row per placement.
import { sql, type Kysely } from 'kysely';
import { reportableInScope, storyDate } from '../access.js';
import type { DB } from '../../db/schema.js';
import { midpoint } from '../../db/domain/periods.js';
import { MIN_CLIMATE_STORIES, suppressClimate, type ClimateFigure } from './suppression.js';
import type { ClimateVariableOut, ReportData } from './types.js';

const round1 = (n: number) => Math.round(n * 10) / 10;
const BANDS = 5;

/** Stories and the sum of their positions, per band, for one half. */
type Half = { n: number[]; sum: number };
const emptyHalf = (): Half => ({ n: Array<number>(BANDS).fill(0), sum: 0 });

function figure(n: number, sum: number): ClimateFigure {
  return { n, mean: n >= MIN_CLIMATE_STORIES ? round1(sum / n) : null };
}

function variableOut(v: { id: number; key: string; nameNl: string; weakNl: string; strongNl: string }, first: Half, second: Half): ClimateVariableOut {
  const count = (h: Half) => h.n.reduce((a, b) => a + b, 0);
  const f = figure(count(first), first.sum);
  const s = figure(count(second), second.sum);
  // suppressClimate (suppression.ts) drops the spread of every half whose figure it hides.
  return suppressClimate({
    id: v.id,
    key: v.key,
    name: v.nameNl,
    weak: v.weakNl,
    strong: v.strongNl,
    all: figure(f.n + s.n, first.sum + second.sum),
    firstHalf: f,
    secondHalf: s,
    shift: f.mean != null && s.mean != null ? round1(s.mean - f.mean) : null,
    spread: { first: first.n, second: second.n },
  });
}

/** The climate section over the stories in the report's scope that it may show (reportableInScope). */
export async function reportClimate(
  db: Kysely<DB>,
  scope: { projectIds: number[]; areaIds: number[]; from: string; to: string },
): Promise<NonNullable<ReportData['climate']>> {
  const split = midpoint(scope.from, scope.to);
  const positions = reportableInScope(db, scope)
    .innerJoin('storyPlacements as sp', 'sp.storyId', 'stories.id')
    .where('sp.status', '=', 'accepted')
    .where('sp.position', 'is not', null)
    // the teller's own position, else the coordinator's
    .where((eb) =>
      eb.or([
        eb('sp.source', '=', 'teller'),
        eb.and([
          eb('sp.source', '=', 'coordinator'),
          eb.not(
            eb.exists(
              eb
                .selectFrom('storyPlacements as own')
                .select('own.storyId')
                .whereRef('own.storyId', '=', 'sp.storyId')
                .where('own.status', '=', 'accepted')
                .whereRef('own.variableId', '=', 'sp.variableId')
                .where('own.source', '=', 'teller')
                .where('own.position', 'is not', null),
            ),
          ),
        ]),
      ]),
    )
    .select((eb) => [
      'sp.variableId as variableId',
      eb.case().when(storyDate, '<', split).then(1).else(2).end().as('half'),
      eb
        .case()
        .when('sp.position', '>=', 80)
        .then(4)
        .else(sql<number>`sp.position / 20`)
        .end()
        .as('band'),
      'sp.position as position',
    ])
    .as('p');
  const [variables, counts] = await Promise.all([
    db
      .selectFrom('climateVariables')
      .select(['id', 'key', 'nameNl', 'weakNl', 'strongNl'])
      .where('retiredAt', 'is', null)
      .orderBy('sort')
      .orderBy('id')
      .execute(),
    scope.projectIds.length
      ? db
          .selectFrom(positions)
          .select((eb) => ['p.variableId', 'p.half', 'p.band', eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('p.position').as('sum')])
          .groupBy(['p.variableId', 'p.half', 'p.band'])
          .execute()
      : [],
  ]);
  const halves = new Map<number, [Half, Half]>();
  for (const c of counts) {
    const h = (halves.get(c.variableId) ?? halves.set(c.variableId, [emptyHalf(), emptyHalf()]).get(c.variableId)!)[Number(c.half) - 1]!;
    h.n[Number(c.band)] = Number(c.n);
    h.sum += Number(c.sum);
  }
  return {
    minStories: MIN_CLIMATE_STORIES,
    split,
    variables: variables.flatMap((v) => {
      const h = halves.get(v.id);
      return h ? [variableOut(v, ...h)] : [];
    }),
  };
}
