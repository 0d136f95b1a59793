// Indicator definitions: list, create, read and change (name, unit, targets, baseline).
import { unitProblem } from '../../../db/domain/numbers.js';
import { createRoute, z } from '@hono/zod-openapi';
import type { Kysely } from 'kysely';
import {
  allowedAreas,
  defaultMeasure,
  findIndicator,
  indicatorOut,
  listIndicators,
  listTargets,
  listValues,
  setTargets,
  type IndicatorOut,
  insertIndicator,
  indicatorHasValues,
  updateIndicator,
} from '../../../db/repositories/counting.js';
import type { DB } from '../../../db/schema.js';
import { assertIndicatorDefinable, assertIndicatorVisible, assertProjectVisible, indicatorScope } from '../../access.js';
import { audit } from '../../audit.js';
import { requireRole, staff, team } from '../../auth/guard.js';
import { checkPeriod, normalizePeriod, notAPeriod } from '../../../db/domain/periods.js';
import { conflict, invalid, notByArea, notFound, notProjectArea, type ErrorDetail } from '../../errors.js';
import { body, cookieAuth, errors, idParam, json, router, inTransaction } from '../../openapi.js';
import { assertExist } from '../../exists.js';
import { outcomesByIds } from '../../../db/repositories/sensemaking.js';

import { Indicator, IndicatorDetail, NewIndicator, IndicatorPatch } from './indicator-schemas.js';

type Definition = {
  projectId: number;
  outcomeId?: number | null;
  currentOutcomeId?: number | null;
  periodicity: string;
  unit: string;
  byArea: boolean;
  baselineValue?: number | null;
  baselinePeriod?: string | null;
  targets?: { period: string; areaId?: number | null; value: number }[];
};

/** Checks references and periods of a definition; returns the normalised baseline period and targets. */
async function checkDefinition(db: Kysely<DB>, d: Definition) {
  const details: ErrorDetail[] = [];
  if (d.outcomeId) {
    const [outcome] = await outcomesByIds(db, [d.outcomeId]);
    if (!outcome || outcome.projectId !== d.projectId)
      details.push({
        field: 'outcomeId',
        message:
          'Deze uitkomst hoort niet bij dit project. Kies een uitkomst van dit project. / This outcome is not part of this project. Choose an outcome of this project.',
      });
    else if (outcome.archivedAt && d.outcomeId !== d.currentOutcomeId)
      details.push({
        field: 'outcomeId',
        message: 'Deze uitkomst is gearchiveerd. Kies een andere uitkomst. / This outcome is archived. Choose another outcome.',
      });
  }
  const wrong = (field: string, value: number | null | undefined) => {
    const problem = value == null ? null : unitProblem(d.unit, value);
    if (problem) details.push({ field, message: problem.reason });
    return problem;
  };
  wrong('baselineValue', d.baselineValue);
  let baselinePeriod = d.baselinePeriod ?? null;
  if (baselinePeriod) {
    baselinePeriod = normalizePeriod(baselinePeriod);
    if (!baselinePeriod) details.push({ field: 'baselinePeriod', message: notAPeriod(d.baselinePeriod ?? '').reason });
  }
  let targets: { period: string; areaId: number | null; value: number }[] | undefined;
  if (d.targets) {
    const areas = await allowedAreas(db, d.projectId);
    const seen = new Set<string>();
    targets = [];
    d.targets.forEach((t, i) => {
      const p = checkPeriod(t.period, d.periodicity, true);
      if ('reason' in p) return details.push({ field: `targets.${i}.period`, message: p.reason });
      const areaId = t.areaId ?? null;
      if (areaId !== null && !d.byArea)
        return details.push({
          field: `targets.${i}.areaId`,
          message: notByArea,
        });
      if (areaId !== null && areas && !areas.has(areaId)) return details.push({ field: `targets.${i}.areaId`, message: notProjectArea });
      const k = `${p.period}|${areaId}`;
      if (seen.has(k))
        return details.push({
          field: `targets.${i}.period`,
          message: 'Er staat al een doel voor deze periode en dit gebied. / There is already a target for this period and area.',
        });
      seen.add(k);
      if (wrong(`targets.${i}.value`, t.value)) return;
      targets!.push({ period: p.period, areaId, value: t.value });
    });
  }
  if (details.length) throw invalid('Controleer de indicator / Check the indicator', details);
  return { baselinePeriod, targets };
}

export async function detail(db: Kysely<DB>, indicator: IndicatorOut) {
  const [targets, values] = await Promise.all([listTargets(db, [indicator.id]), listValues(db, [indicator.id])]);
  return { ...indicator, targets: targets.map(({ indicatorId: _, ...t }) => t), values: values.map(({ indicatorId: _, ...v }) => v) };
}

export async function loadIndicator(db: Kysely<DB>, id: number) {
  const indicator = await findIndicator(db, id);
  if (!indicator) throw notFound('Indicator niet gevonden / Indicator not found');
  return indicator;
}

export const indicatorRoutes = router()
  .openapi(
    createRoute({
      method: 'get',
      path: '/indicators',
      tags: ['counting'],
      summary: 'Indicators you may see: of one project, the context indicators (CBS), or all',
      security: cookieAuth,
      request: {
        query: z.object({
          projectId: z.coerce.number().int().positive().optional(),
          context: z.enum(['true', 'false']).optional().openapi({ description: 'true: only context indicators (no project); false: only project indicators' }),
        }),
      },
      responses: { 200: json(z.object({ indicators: z.array(Indicator) })), 401: errors[401], 403: errors[403], 404: errors[404] },
    }),
    async (c) => {
      const user = requireRole(c, ...team);
      const db = c.get('db');
      const { projectId, context } = c.req.valid('query');
      const scope = await indicatorScope(db, user);
      if (projectId) {
        await assertProjectVisible(db, user, projectId);
        return c.json({ indicators: await listIndicators(db, { projectIds: [projectId], context: false }) }, 200);
      }
      const indicators = await listIndicators(db, { projectIds: context === 'true' ? [] : scope.projectIds, context: context !== 'false' && scope.context });
      return c.json({ indicators }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/indicators',
      tags: ['counting'],
      summary: 'Define an indicator for a project (coordinator, admin)',
      security: cookieAuth,
      request: { body: body(NewIndicator) },
      responses: { 201: json(z.object({ indicator: IndicatorDetail })), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] },
    }),
    async (c) => {
      const user = requireRole(c, ...staff);
      const input = c.req.valid('json');
      const indicator = await inTransaction(c, async (tx) => {
        await assertExist(tx, 'projects', input.projectId, 'projectId');
        const byArea = input.byArea ?? false;
        const { baselinePeriod, targets } = await checkDefinition(tx, { ...input, byArea });
        const row = await insertIndicator(tx, {
          projectId: input.projectId,
          outcomeId: input.outcomeId ?? null,
          name: input.name,
          description: input.description ?? '',
          unit: input.unit,
          measure: input.measure ?? defaultMeasure[input.unit],
          direction: input.direction ?? 'higher',
          periodicity: input.periodicity,
          baselineValue: input.baselineValue ?? null,
          baselinePeriod,
          byArea: byArea ? 1 : 0,
          source: 'manual',
          sourceKey: null,
        });
        if (targets) await setTargets(tx, row.id, targets);
        await audit(tx, user, 'indicator.create', { type: 'indicator', id: row.id }, { name: row.name, projectId: row.projectId });
        return detail(tx, indicatorOut(row));
      });
      return c.json({ indicator }, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/indicators/{id}',
      tags: ['counting'],
      summary: 'One indicator with its targets and values',
      security: cookieAuth,
      request: { params: idParam },
      responses: { 200: json(z.object({ indicator: IndicatorDetail })), 401: errors[401], 403: errors[403], 404: errors[404] },
    }),
    async (c) => {
      const user = requireRole(c, ...team);
      const db = c.get('db');
      const indicator = await loadIndicator(db, c.req.valid('param').id);
      await assertIndicatorVisible(db, user, indicator);
      return c.json({ indicator: await detail(db, indicator) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/indicators/{id}',
      tags: ['counting'],
      summary: 'Edit an indicator (coordinator, admin). Periodicity and per-area cannot change once values exist',
      security: cookieAuth,
      request: { params: idParam, body: body(IndicatorPatch) },
      responses: {
        200: json(z.object({ indicator: IndicatorDetail })),
        400: errors[400],
        401: errors[401],
        403: errors[403],
        404: errors[404],
        409: errors[409],
      },
    }),
    async (c) => {
      const user = requireRole(c, ...team);
      const { id } = c.req.valid('param');
      const patch = c.req.valid('json');
      const indicator = await inTransaction(c, async (tx) => {
        const before = await loadIndicator(tx, id);
        await assertIndicatorDefinable(tx, user, before);
        const periodicity = patch.periodicity ?? before.periodicity;
        const byArea = patch.byArea ?? before.byArea;
        if (periodicity !== before.periodicity || byArea !== before.byArea) {
          if (await indicatorHasValues(tx, id))
            throw conflict('Er zijn al waarden: periodiciteit en per gebied liggen vast / Values exist: periodicity and per-area are fixed');
        }
        if (before.projectId === null && (patch.outcomeId || patch.targets?.some((t) => t.areaId))) {
          throw invalid('Een contextindicator hoort bij geen project / A context indicator has no project', [
            {
              field: patch.outcomeId ? 'outcomeId' : 'targets',
              message:
                'Een contextindicator hoort bij geen project. Laat de uitkomst en de gebieden leeg. / A context indicator belongs to no project. Leave the outcome and the areas empty.',
            },
          ]);
        }
        const { baselinePeriod, targets } =
          before.projectId === null
            ? {
                baselinePeriod: patch.baselinePeriod === undefined ? undefined : (patch.baselinePeriod && normalizePeriod(patch.baselinePeriod)) || null,
                targets: undefined,
              }
            : await checkDefinition(tx, {
                projectId: before.projectId,
                outcomeId: patch.outcomeId,
                currentOutcomeId: before.outcomeId,
                periodicity,
                unit: patch.unit ?? before.unit,
                byArea,
                baselineValue: patch.baselineValue,
                baselinePeriod: patch.baselinePeriod,
                targets: patch.targets,
              });
        const { targets: _t, byArea: _b, ...rest } = patch;
        await updateIndicator(tx, id, {
          ...rest,
          ...(patch.baselinePeriod !== undefined ? { baselinePeriod } : {}),
          ...(patch.unit && !patch.measure && patch.unit !== before.unit ? { measure: defaultMeasure[patch.unit] } : {}),
          ...(patch.byArea !== undefined ? { byArea: patch.byArea ? 1 : 0 } : {}),
          updatedAt: new Date().toISOString(),
        });
        if (targets) await setTargets(tx, id, targets);
        await audit(tx, user, 'indicator.update', { type: 'indicator', id }, { fields: Object.keys(patch) });
        return detail(tx, (await findIndicator(tx, id))!);
      });
      return c.json({ indicator }, 200);
    },
  );
