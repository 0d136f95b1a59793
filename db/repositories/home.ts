// The start page's figures: what is waiting for a user (server/routes/home.ts).
import type { Kysely } from 'kysely';
import { periodOf } from '../domain/periods.js';
import type { DB } from '../schema.js';
import { ALL_AREAS } from './counting.js';

/** A count as a number (PostgreSQL returns counts as strings). */
const n = (row: { n: unknown } | undefined) => Number(row?.n ?? 0);

/** How far the organisation is set up: areas → project → outcomes → story link, and its accounts. */
export async function setupOf(db: Kysely<DB>) {
  const [areas, projects, outcomes, links, users, first] = await Promise.all([
    db
      .selectFrom('areas')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst(),
    db
      .selectFrom('projects')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst(),
    db
      .selectFrom('outcomes')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('archivedAt', 'is', null)
      .executeTakeFirst(),
    db
      .selectFrom('publicLinks')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst(),
    db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('disabledAt', 'is', null)
      .executeTakeFirst(),
    db.selectFrom('projects').select('id').orderBy('id').limit(1).executeTakeFirst(),
  ]);
  return { areas: n(areas), projects: n(projects), outcomes: n(outcomes), links: n(links), users: n(users), projectId: first?.id ?? null };
}

/** Per project the user is on: their hours this week and the current period's indicator cells still empty. */
export async function workOf(db: Kysely<DB>, userId: number, today: string, week: { from: string; to: string }) {
  const projects = await db
    .selectFrom('projectMembers')
    .innerJoin('projects', 'projects.id', 'projectMembers.projectId')
    .select(['projects.id', 'projects.name'])
    .where('projectMembers.userId', '=', userId)
    .orderBy('projects.name')
    .execute();
  if (!projects.length) return [];
  const ids = projects.map((p) => p.id);
  const [hours, indicators, areas] = await Promise.all([
    db
      .selectFrom('hours')
      .select(['projectId', (eb) => eb.fn.sum<number>('hours').as('total')])
      .where('userId', '=', userId)
      .where('projectId', 'in', ids)
      .where('date', '>=', week.from)
      .where('date', '<=', week.to)
      .groupBy('projectId')
      .execute(),
    db.selectFrom('indicators').select(['id', 'projectId', 'periodicity', 'byArea']).where('projectId', 'in', ids).execute(),
    db.selectFrom('projectAreas').select(['projectId', 'areaId']).where('projectId', 'in', ids).execute(),
  ]);
  const current = new Map(indicators.map((i) => [i.id, periodOf(today, i.periodicity)]));
  const filled = indicators.length
    ? await db
        .selectFrom('indicatorValues')
        .select(['indicatorId', 'period', 'areaId'])
        .where(
          'indicatorId',
          'in',
          indicators.map((i) => i.id),
        )
        .where('period', 'in', [...new Set(current.values())])
        .where('value', 'is not', null)
        .execute()
    : [];
  const filledKeys = new Set(filled.filter((v) => current.get(v.indicatorId) === v.period).map((v) => `${v.indicatorId}|${v.areaId}`));
  return projects.map((p) => {
    const projectAreas = areas.filter((a) => a.projectId === p.id).map((a) => a.areaId);
    let empty = 0;
    const periods = new Set<string>();
    for (const i of indicators.filter((i) => i.projectId === p.id)) {
      periods.add(current.get(i.id)!);
      for (const areaId of i.byArea ? projectAreas : [ALL_AREAS]) if (!filledKeys.has(`${i.id}|${areaId}`)) empty++;
    }
    return {
      projectId: p.id,
      name: p.name,
      hoursThisWeek: Number(hours.find((h) => h.projectId === p.id)?.total ?? 0),
      emptyValues: empty,
      periods: [...periods].sort(),
    };
  });
}

/** Open Most Significant Change rounds where the user is on the panel and has not picked yet. */
export function roundsToPick(db: Kysely<DB>, userId: number) {
  return db
    .selectFrom('mscRounds')
    .innerJoin('mscPanelMembers', 'mscPanelMembers.roundId', 'mscRounds.id')
    .select(['mscRounds.id', 'mscRounds.domain'])
    .where('mscPanelMembers.userId', '=', userId)
    .where('mscRounds.status', '=', 'open')
    .where((eb) =>
      eb.not(
        eb.exists(eb.selectFrom('mscPicks').select('mscPicks.roundId').whereRef('mscPicks.roundId', '=', 'mscRounds.id').where('mscPicks.userId', '=', userId)),
      ),
    )
    .orderBy('mscRounds.id')
    .execute();
}

/** Reports without a published version, newest first (at most 10). */
export function draftReports(db: Kysely<DB>) {
  return db
    .selectFrom('reports')
    .select(['id', 'title'])
    .where((eb) => eb.not(eb.exists(eb.selectFrom('reportVersions').select('reportVersions.id').whereRef('reportVersions.reportId', '=', 'reports.id'))))
    .orderBy('id', 'desc')
    .limit(10)
    .execute();
}
