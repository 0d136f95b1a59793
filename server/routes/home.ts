// The start page's figures: what is waiting for this user, counted in one request.
import { createRoute, z } from '@hono/zod-openapi';
import { draftReports, roundsToPick, setupOf, workOf } from '../../db/repositories/home.js';
import { awaitingTaggingCount } from '../../db/repositories/sensemaking.js';
import { isStaff, visibleStories } from '../access.js';
import { requireRole } from '../auth/guard.js';
import { cookieAuth, errors, json, router } from '../openapi.js';

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
    const db = c.get('db');
    const today = new Date().toISOString().slice(0, 10);
    const week = weekOf(today);
    const staff = isStaff(user);
    const team = user.role !== 'funder';
    const [setup, toTag, work, mscToPick, drafts] = await Promise.all([
      staff ? setupOf(db) : null,
      team ? visibleStories(db, user).then(awaitingTaggingCount) : null,
      team ? workOf(db, user.id, today, week) : [],
      roundsToPick(db, user.id),
      staff ? draftReports(db) : [],
    ]);
    return c.json({ setup, toTag, week, work, mscToPick, drafts }, 200);
  },
);
