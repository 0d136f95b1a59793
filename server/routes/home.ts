// The start page's figures: what is waiting for this user, counted in one request.
import { createRoute, z } from '@hono/zod-openapi';
import type { Kysely } from 'kysely';
import { ALL_AREAS } from '../../db/repositories/counting.js';
import { awaitingTaggingCount } from '../../db/repositories/sensemaking.js';
import type { DB } from '../../db/schema.js';
import { isStaff, visibleStories } from '../access.js';
import { requireRole } from '../auth/guard.js';
import { periodOf } from '../../db/domain/periods.js';
import { cookieAuth, errors, json, router } from '../openapi.js';
import type { SessionUser } from '../types.js';

const Setup = z
  .object({
    areas: z.number(),
    projects: z.number(),
    outcomes: z.number().openapi({ description: 'Outcomes (not archived) of any project' }),
    links: z.number().openapi({ description: "Residents' story links of any project" }),
    users: z.number().openapi({ description: 'Enabled accounts' }),
    projectId: z.number().nullable().openapi({ description: 'The first project: where the outcomes and story link steps lead' }),
  })
  .openapi('HomeSetup');
const Home = z
  .object({
    setup: Setup.nullable().openapi({ description: 'Staff: how far the organisation is set up (areas → project → outcomes → story link)' }),
    toTag: z.number().nullable().openapi({ description: 'Visible stories awaiting tagging (workers suggest tags); null for funders' }),
    week: z.object({ from: z.string(), to: z.string() }).openapi({ description: 'This week, Monday to Sunday' }),
    work: z
      .array(
        z.object({
          projectId: z.number(),
          name: z.string(),
          hoursThisWeek: z.number().openapi({ description: "The user's own hours this week" }),
          emptyValues: z
            .number()
            .openapi({ description: "Indicator cells (per area where kept per area) of the current period of each indicator's kind still empty" }),
          periods: z.array(z.string()).openapi({ description: 'The current periods those cells belong to' }),
        }),
      )
      .openapi({ description: 'The projects the user is on: hours this week and indicator values still empty' }),
    mscToPick: z
      .array(z.object({ id: z.number(), domain: z.string() }))
      .openapi({ description: 'Open Most Significant Change rounds where the user is on the panel and has not picked yet' }),
    drafts: z.array(z.object({ id: z.number(), title: z.string() })).openapi({ description: 'Staff: reports without a published version, newest first' }),
  })
  .openapi('Home');

/** Monday and Sunday (YYYY-MM-DD) of the week a date falls in. */
export function weekOf(date: string): { from: string; to: string } {
  const d = new Date(`${date}T12:00:00Z`);
  const monday = new Date(d.getTime() - ((d.getUTCDay() + 6) % 7) * 86_400_000);
  const sunday = new Date(monday.getTime() + 6 * 86_400_000);
  return { from: monday.toISOString().slice(0, 10), to: sunday.toISOString().slice(0, 10) };
}

/** A count as a number (PostgreSQL returns counts as strings). */
const n = (row: { n: unknown } | undefined) => Number(row?.n ?? 0);

async function setupOf(db: Kysely<DB>) {
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
async function workOf(db: Kysely<DB>, user: SessionUser, today: string, week: { from: string; to: string }) {
  const projects = await db
    .selectFrom('projectMembers')
    .innerJoin('projects', 'projects.id', 'projectMembers.projectId')
    .select(['projects.id', 'projects.name'])
    .where('projectMembers.userId', '=', user.id)
    .orderBy('projects.name')
    .execute();
  if (!projects.length) return [];
  const ids = projects.map((p) => p.id);
  const [hours, indicators, areas] = await Promise.all([
    db
      .selectFrom('hours')
      .select(['projectId', (eb) => eb.fn.sum<number>('hours').as('total')])
      .where('userId', '=', user.id)
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

export const homeRoutes = router().openapi(
  createRoute({
    method: 'get',
    path: '/home',
    tags: ['home'],
    summary:
      'What is waiting for the user: setup steps (staff), stories to tag, hours this week and empty indicator values per project, MSC picks, draft reports',
    security: cookieAuth,
    responses: { 200: json(Home), 401: errors[401] },
  }),
  async (c) => {
    const user = requireRole(c, 'admin', 'coordinator', 'worker', 'funder');
    const { db } = c.var;
    const today = new Date().toISOString().slice(0, 10);
    const week = weekOf(today);
    const staff = isStaff(user);
    const team = user.role !== 'funder';
    const [setup, toTag, work, mscToPick, drafts] = await Promise.all([
      staff ? setupOf(db) : null,
      team ? visibleStories(db, user).then(awaitingTaggingCount) : null,
      team ? workOf(db, user, today, week) : [],
      db
        .selectFrom('mscRounds')
        .innerJoin('mscPanelMembers', 'mscPanelMembers.roundId', 'mscRounds.id')
        .select(['mscRounds.id', 'mscRounds.domain'])
        .where('mscPanelMembers.userId', '=', user.id)
        .where('mscRounds.status', '=', 'open')
        .where((eb) =>
          eb.not(
            eb.exists(
              eb.selectFrom('mscPicks').select('mscPicks.roundId').whereRef('mscPicks.roundId', '=', 'mscRounds.id').where('mscPicks.userId', '=', user.id),
            ),
          ),
        )
        .orderBy('mscRounds.id')
        .execute(),
      staff
        ? db
            .selectFrom('reports')
            .select(['id', 'title'])
            .where((eb) =>
              eb.not(eb.exists(eb.selectFrom('reportVersions').select('reportVersions.id').whereRef('reportVersions.reportId', '=', 'reports.id'))),
            )
            .orderBy('id', 'desc')
            .limit(10)
            .execute()
        : [],
    ]);
    return c.json({ setup, toTag, week, work, mscToPick, drafts }, 200);
  },
);
