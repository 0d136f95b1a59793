// Climate over time (placements per area and period, tellers and coordinators apart) and the
// agreement between tellers and coordinators.
import { createRoute, z } from '@hono/zod-openapi';
import { dateOrPeriod } from '../../fields.js';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { areasWithin } from '../../../db/repositories/areas.js';
import { boundDate, normalizePeriod, notAPeriod, periodicityOf } from '../../../db/domain/periods.js';
import { climateAgreement, climateOverTime, climateRegionStories, type ClimateFilter } from '../../../db/repositories/sensemaking.js';
import { assertProjectVisible, visibleStories } from '../../access.js';
import { requireRole, team } from '../../auth/guard.js';
import { beforeStart, invalid } from '../../errors.js';
import { cookieAuth, errors, json, router } from '../../openapi.js';
import type { SessionUser } from '../../types.js';
import { ClimateVariable } from './climate-variables.js';
import { assertExist } from '../../exists.js';

const id = z.coerce.number().int().positive();

const Distribution = z
  .object({
    n: z.number(),
    notApplicable: z.number().openapi({ description: 'placements marked "does not apply"' }),
    mean: z.number().nullable(),
    median: z.number().nullable(),
    bins: z.array(z.number()).openapi({ description: 'counts in [0,20) [20,40) [40,60) [60,80) [80,100]' }),
    spread: z
      .array(z.tuple([z.number(), z.number()]))
      .openapi({ description: 'every placement as [position, stories], in position order (the dots of the pattern)' }),
  })
  .openapi('PlacementDistribution');

async function filterOf(
  db: Kysely<DB>,
  user: SessionUser,
  q: { projectId?: number; areaId?: number; variableId?: number; from?: string; to?: string },
): Promise<ClimateFilter> {
  if (q.projectId) await assertProjectVisible(db, user, q.projectId);
  if (q.areaId) await assertExist(db, 'areas', q.areaId, 'areaId');
  const from = boundDate(q.from, 'from');
  const to = boundDate(q.to, 'to');
  if (from && to && to < from) throw invalid('"tot" ligt voor "van" / "to" is before "from"', [{ field: 'to', message: beforeStart }]);
  return {
    projectId: q.projectId,
    areaIds: q.areaId ? await areasWithin(db, [q.areaId]) : undefined,
    variableId: q.variableId,
    from,
    to,
  };
}

export const climateRoutes = router()
  .openapi(
    createRoute({
      method: 'get',
      path: '/climate',
      tags: ['climate'],
      summary:
        'Climate over time: per period and variable, the distribution of placements by tellers and by coordinators, and the shift of the mean against the previous period',
      description:
        'Stories count by happened_on (else the day they were recorded); withdrawn stories never count; an area includes the areas below it. Only accepted placements; "does not apply" is counted apart.',
      security: cookieAuth,
      request: {
        query: z.object({
          period: z.enum(['month', 'quarter', 'year']).optional().openapi({ description: 'granularity, default quarter' }),
          areaId: id.optional(),
          projectId: id.optional(),
          variableId: id.optional(),
          from: dateOrPeriod.optional(),
          to: dateOrPeriod.optional(),
        }),
      },
      responses: {
        200: json(
          z.object({
            granularity: z.enum(['month', 'quarter', 'year']),
            binEdges: z.array(z.number()),
            periods: z.array(z.string()),
            series: z.array(
              z.object({
                variableId: z.number(),
                variable: ClimateVariable,
                periods: z.array(
                  z.object({
                    period: z.string(),
                    teller: Distribution,
                    coordinator: Distribution,
                    shift: z
                      .object({ teller: z.number().nullable(), coordinator: z.number().nullable() })
                      .openapi({ description: 'mean minus the previous period’s mean, in points' }),
                  }),
                ),
              }),
            ),
          }),
        ),
        400: errors[400],
        401: errors[401],
        403: errors[403],
        404: errors[404],
      },
    }),
    async (c) => {
      const user = requireRole(c, ...team);
      const q = c.req.valid('query');
      const filter = await filterOf(c.get('db'), user, q);
      return c.json(await climateOverTime(c.get('db'), await visibleStories(c.get('db'), user), { ...filter, granularity: q.period ?? 'quarter' }), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/climate/stories',
      tags: ['climate'],
      summary: 'The stories behind one region of the climate pattern: a variable, a period, teller or coordinator, one of the five bins (as visibility allows)',
      description: 'Only stories the user may see (visibleStories); the same filter as GET /climate. At most 200, with the total.',
      security: cookieAuth,
      request: {
        query: z.object({
          variableId: id,
          source: z.enum(['teller', 'coordinator']),
          period: z.string().max(20).openapi({ description: 'one period: 2026, 2026-Q1 or 2026-03 (or as people write it: K1 2026, maart 2026)' }),
          bin: z.coerce.number().int().min(0).max(4).openapi({ description: '0: [0,20) … 4: [80,100]' }),
          areaId: id.optional(),
          projectId: id.optional(),
          from: dateOrPeriod.optional(),
          to: dateOrPeriod.optional(),
        }),
      },
      responses: {
        200: json(
          z.object({
            total: z.number(),
            stories: z.array(
              z.object({ id: z.number(), title: z.string(), projectName: z.string(), areaName: z.string().nullable(), date: z.string(), position: z.number() }),
            ),
          }),
        ),
        400: errors[400],
        401: errors[401],
        403: errors[403],
        404: errors[404],
      },
    }),
    async (c) => {
      const user = requireRole(c, ...team);
      const { variableId, source, period: typed, bin, ...q } = c.req.valid('query');
      const period = normalizePeriod(typed) ?? typed;
      if (!periodicityOf(period))
        throw invalid('Periode als 2026, 2026-Q1 of 2026-03 / Period like 2026, 2026-Q1 or 2026-03', [{ field: 'period', message: notAPeriod(period).reason }]);
      const filter = await filterOf(c.get('db'), user, q);
      return c.json(await climateRegionStories(await visibleStories(c.get('db'), user), { ...filter, variableId, source, period, bin, limit: 200 }), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/climate/agreement',
      tags: ['climate'],
      summary: 'Agreement between tellers and coordinators per variable, over stories both placed',
      security: cookieAuth,
      request: {
        query: z.object({
          projectId: id.optional(),
          areaId: id.optional(),
          period: z.string().max(20).optional().openapi({ description: 'one period: 2026, 2026-Q1 or 2026-03 (or as people write it: K1 2026, maart 2026)' }),
          from: dateOrPeriod.optional(),
          to: dateOrPeriod.optional(),
        }),
      },
      responses: {
        200: json(
          z.object({
            variables: z.array(
              z.object({
                variableId: z.number(),
                variable: ClimateVariable,
                n: z.number().openapi({ description: 'stories placed by both (both positions, not "does not apply")' }),
                meanTeller: z.number(),
                meanCoordinator: z.number(),
                meanDifference: z.number().openapi({ description: 'coordinator minus teller, mean in points' }),
                meanAbsoluteDifference: z.number(),
                within15: z.number().openapi({ description: 'share (0..1) of stories where both lie within 15 points' }),
              }),
            ),
          }),
        ),
        400: errors[400],
        401: errors[401],
        403: errors[403],
        404: errors[404],
      },
    }),
    async (c) => {
      const user = requireRole(c, ...team);
      const { period: typed, ...q } = c.req.valid('query');
      const period = typed === undefined ? undefined : (normalizePeriod(typed) ?? typed);
      if (period !== undefined && !periodicityOf(period))
        throw invalid('Periode als 2026, 2026-Q1 of 2026-03 / Period like 2026, 2026-Q1 or 2026-03', [{ field: 'period', message: notAPeriod(period).reason }]);
      const filter = await filterOf(c.get('db'), user, { ...q, from: q.from ?? period, to: q.to ?? period });
      return c.json({ variables: await climateAgreement(c.get('db'), await visibleStories(c.get('db'), user), filter) }, 200);
    },
  );
