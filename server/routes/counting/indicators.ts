import { createRoute, z } from '@hono/zod-openapi';
import type { Kysely } from 'kysely';
import {
  ALL_AREAS,
  allowedAreas,
  defaultMeasure,
  directions,
  findIndicator,
  indicatorOut,
  listIndicators,
  listTargets,
  listValues,
  measures,
  setTargets,
  units,
  valueHistory,
  writeValues,
  type IndicatorOut,
  type ValueWrite,
  insertIndicator,
  indicatorHasValues,
  updateIndicator,
} from '../../../db/repositories/counting.js';
import type { DB } from '../../../db/schema.js';
import { assertIndicatorDefinable, assertIndicatorVisible, assertIndicatorWritable, assertProjectVisible, indicatorScope } from '../../access.js';
import { audit } from '../../audit.js';
import { requireRole, staff } from '../../auth/guard.js';
import { checkPeriod, normalizePeriod, periodicities } from '../../../db/domain/periods.js';
import { conflict, invalid, notFound, type ErrorDetail } from '../../errors.js';
import type { SessionUser } from '../../types.js';
import { body, cookieAuth, errors, idParam, json, router } from '../../openapi.js';
import { assertExist } from '../../exists.js';
import { outcomesByIds } from '../../../db/repositories/sensemaking.js';
import { allAreaIds } from '../../../db/repositories/areas.js';

const team = ['admin', 'coordinator', 'worker'] as const;

const Target = z.object({ period: z.string(), areaId: z.number().nullable(), value: z.number() }).openapi('IndicatorTarget');
const Value = z
  .object({
    period: z.string(),
    areaId: z.number().nullable().openapi({ description: 'null: for the whole project (indicator not kept per area)' }),
    value: z.number().nullable().openapi({ description: 'null: missing (e.g. suppressed), never zero' }),
    note: z.string(),
    enteredBy: z.number().nullable(),
    enteredByName: z.string().nullable(),
    updatedAt: z.string(),
  })
  .openapi('IndicatorValue');
const Indicator = z
  .object({
    id: z.number(),
    projectId: z.number().nullable().openapi({ description: 'null: a context indicator (e.g. from CBS)' }),
    outcomeId: z.number().nullable(),
    name: z.string(),
    description: z.string(),
    unit: z.enum(units),
    measure: z.enum(measures),
    iatiMeasure: z.string().openapi({ description: 'IATI IndicatorMeasure code (1 unit, 2 percentage, 3 nominal, 4 ordinal, 5 qualitative)' }),
    direction: z.enum(directions),
    periodicity: z.enum(periodicities),
    baselineValue: z.number().nullable(),
    baselinePeriod: z.string().nullable(),
    byArea: z.boolean(),
    source: z.string(),
    sourceKey: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Indicator');
const IndicatorDetail = Indicator.extend({ targets: z.array(Target), values: z.array(Value) }).openapi('IndicatorDetail');

const TargetIn = z.strictObject({ period: z.string().max(20), areaId: z.number().int().positive().nullable().optional(), value: z.number().finite() });
const fields = {
  outcomeId: z.number().int().positive().nullable().optional(),
  name: z.string().trim().min(1).max(200),
  description: z.string().max(5000).optional(),
  unit: z.enum(units),
  measure: z.enum(measures).optional().openapi({ description: 'Defaults from the unit: count/euro/hours → unit, percentage → percentage, score → ordinal' }),
  direction: z.enum(directions).optional(),
  periodicity: z.enum(periodicities),
  baselineValue: z.number().finite().nullable().optional(),
  baselinePeriod: z.string().max(20).nullable().optional(),
  byArea: z.boolean().optional(),
  targets: z.array(TargetIn).max(2000).optional().openapi({ description: 'Replaces all targets. areaId only when byArea; null = for the whole project' }),
};
const NewIndicator = z.strictObject({ projectId: z.number().int().positive(), ...fields }).openapi('NewIndicator');
const IndicatorPatch = z
  .strictObject({ ...fields, name: fields.name.optional(), unit: fields.unit.optional(), periodicity: fields.periodicity.optional() })
  .openapi('IndicatorPatch');
const ValuesBody = z
  .strictObject({
    values: z
      .array(
        z.strictObject({
          period: z.string().max(20),
          areaId: z.number().int().positive().nullable().optional(),
          value: z.number().finite().nullable(),
          note: z.string().max(2000).optional().openapi({ description: 'Omitted: keep the note that is there' }),
        }),
      )
      .min(1)
      .max(5000),
  })
  .openapi('IndicatorValues');
const MultiValuesBody = z
  .strictObject({
    values: z
      .array(ValuesBody.shape.values.element.extend({ indicatorId: z.number().int().positive() }))
      .min(1)
      .max(5000),
  })
  .openapi('IndicatorValuesMulti');
const WriteResult = z.object({ created: z.number(), updated: z.number(), unchanged: z.number(), values: z.array(Value) }).openapi('IndicatorValuesResult');
const History = z
  .object({
    id: z.number(),
    period: z.string(),
    areaId: z.number().nullable(),
    existed: z.boolean(),
    oldValue: z.number().nullable(),
    newValue: z.number().nullable(),
    oldNote: z.string().nullable(),
    newNote: z.string().nullable(),
    changedBy: z.number().nullable(),
    changedByName: z.string().nullable(),
    batchId: z.number().nullable(),
    changedAt: z.string(),
  })
  .openapi('IndicatorValueChange');

type Definition = {
  projectId: number;
  outcomeId?: number | null;
  currentOutcomeId?: number | null;
  periodicity: string;
  byArea: boolean;
  baselinePeriod?: string | null;
  targets?: { period: string; areaId?: number | null; value: number }[];
};

/** Checks references and periods of a definition; returns the normalised baseline period and targets. */
async function checkDefinition(db: Kysely<DB>, d: Definition) {
  const details: ErrorDetail[] = [];
  if (d.outcomeId) {
    const [outcome] = await outcomesByIds(db, [d.outcomeId]);
    if (!outcome || outcome.projectId !== d.projectId)
      details.push({ field: 'outcomeId', message: 'Deze uitkomst hoort niet bij het project / This outcome does not belong to the project' });
    else if (outcome.archivedAt && d.outcomeId !== d.currentOutcomeId)
      details.push({ field: 'outcomeId', message: 'Deze uitkomst is gearchiveerd / This outcome is archived' });
  }
  let baselinePeriod = d.baselinePeriod ?? null;
  if (baselinePeriod) {
    baselinePeriod = normalizePeriod(baselinePeriod);
    if (!baselinePeriod) details.push({ field: 'baselinePeriod', message: 'Geen periode / Not a period (2026, 2026-Q1, 2026-03)' });
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
        return details.push({ field: `targets.${i}.areaId`, message: 'Indicator wordt niet per gebied bijgehouden / Indicator is not kept per area' });
      if (areaId !== null && areas && !areas.has(areaId))
        return details.push({ field: `targets.${i}.areaId`, message: 'Gebied hoort niet bij het project / Area is not one of the project' });
      const k = `${p.period}|${areaId}`;
      if (seen.has(k)) return details.push({ field: `targets.${i}.period`, message: 'Dubbel doel / Duplicate target' });
      seen.add(k);
      targets!.push({ period: p.period, areaId, value: t.value });
    });
  }
  if (details.length) throw invalid('Controleer de indicator / Check the indicator', details);
  return { baselinePeriod, targets };
}

async function detail(db: Kysely<DB>, indicator: IndicatorOut) {
  const [targets, values] = await Promise.all([listTargets(db, [indicator.id]), listValues(db, [indicator.id])]);
  return { ...indicator, targets: targets.map(({ indicatorId: _, ...t }) => t), values: values.map(({ indicatorId: _, ...v }) => v) };
}

async function loadIndicator(db: Kysely<DB>, id: number) {
  const indicator = await findIndicator(db, id);
  if (!indicator) throw notFound('Indicator niet gevonden / Indicator not found');
  return indicator;
}

type ValueIn = { indicatorId: number; period: string; areaId?: number | null; value: number | null; note?: string };

/**
 * Checks a batch of values against each indicator (writable by the user, periodicity, areas, no
 * duplicates) and saves them with history and audit; any bad entry → 400 naming every bad entry
 * as `values.N.field`, nothing saved. Call inside a transaction.
 */
async function saveValues(tx: Kysely<DB>, user: SessionUser, input: ValueIn[]) {
  const indicators = new Map<number, { indicator: IndicatorOut; areas: Set<number> | null }>();
  for (const id of new Set(input.map((v) => v.indicatorId))) {
    const indicator = await loadIndicator(tx, id);
    await assertIndicatorWritable(tx, user, indicator);
    const areas = indicator.byArea ? ((await allowedAreas(tx, indicator.projectId)) ?? new Set(await allAreaIds(tx))) : null;
    indicators.set(id, { indicator, areas });
  }
  const details: ErrorDetail[] = [];
  const writes: ValueWrite[] = [];
  const seen = new Map<string, number>();
  input.forEach((v, i) => {
    const { indicator, areas } = indicators.get(v.indicatorId)!;
    const before = details.length;
    const bad = (field: string, message: string) => details.push({ field: `values.${i}.${field}`, message, index: i });
    const p = checkPeriod(v.period, indicator.periodicity);
    const areaId = v.areaId ?? null;
    if ('reason' in p) bad('period', p.reason);
    if (indicator.byArea && areaId === null)
      bad('areaId', 'Kies een gebied: deze indicator wordt per gebied bijgehouden / Choose an area: this indicator is kept per area');
    else if (!indicator.byArea && areaId !== null) bad('areaId', 'Deze indicator wordt niet per gebied bijgehouden / This indicator is not kept per area');
    else if (areaId !== null && areas && !areas.has(areaId)) bad('areaId', 'Gebied hoort niet bij het project / Area is not one of the project');
    if ('reason' in p || details.length > before) return;
    const k = `${v.indicatorId}|${p.period}|${areaId}`;
    if (seen.has(k)) return bad('period', `Dubbel: zelfde periode en gebied als regel ${seen.get(k)! + 1} / Duplicate of entry ${seen.get(k)! + 1}`);
    seen.set(k, i);
    writes.push({ indicatorId: v.indicatorId, period: p.period, areaId: areaId ?? ALL_AREAS, value: v.value, note: v.note });
  });
  if (details.length) throw invalid('Niets opgeslagen: controleer de gemarkeerde waarden / Nothing saved: check the marked values', details);
  const counts = await writeValues(tx, writes, { userId: user.id });
  for (const id of indicators.keys()) {
    const changes = counts.changes.filter((ch) => ch.indicatorId === id).map(({ indicatorId: _, ...ch }) => ch);
    if (changes.length) await audit(tx, user, 'indicator.values', { type: 'indicator', id }, { changes: changes.slice(0, 500), count: changes.length });
  }
  return { created: counts.created, updated: counts.updated, unchanged: counts.unchanged };
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
      const { db } = c.var;
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
      const indicator = await c.var.db.transaction().execute(async (tx) => {
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
      const { db } = c.var;
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
      const indicator = await c.var.db.transaction().execute(async (tx) => {
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
            { field: patch.outcomeId ? 'outcomeId' : 'targets', message: 'not for context indicators' },
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
                byArea,
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
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/indicators/{id}/values',
      tags: ['counting'],
      summary: 'Values of an indicator, optionally for one period',
      security: cookieAuth,
      request: { params: idParam, query: z.object({ period: z.string().max(20).optional() }) },
      responses: { 200: json(z.object({ values: z.array(Value) })), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] },
    }),
    async (c) => {
      const user = requireRole(c, ...team);
      const { db } = c.var;
      const indicator = await loadIndicator(db, c.req.valid('param').id);
      await assertIndicatorVisible(db, user, indicator);
      const { period } = c.req.valid('query');
      const p = period ? normalizePeriod(period) : undefined;
      if (p === null) throw invalid('Geen periode / Not a period', [{ field: 'period', message: 'use 2026, 2026-Q1 or 2026-03' }]);
      const values = await listValues(db, [indicator.id], { period: p });
      return c.json({ values: values.map(({ indicatorId: _, ...v }) => v) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/indicators/{id}/values',
      tags: ['counting'],
      summary: 'Set values (a batch, all or nothing); every change is kept in the history',
      description:
        'Each entry sets the value for one period (and area, when the indicator is kept per area). Periods must match the periodicity. If any entry is wrong nothing is saved and the 400 names every bad entry as `values.N.field`.',
      security: cookieAuth,
      request: { params: idParam, body: body(ValuesBody) },
      responses: { 200: json(WriteResult), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] },
    }),
    async (c) => {
      const user = requireRole(c, ...team);
      const { id } = c.req.valid('param');
      const input = c.req.valid('json').values;
      const result = await c.var.db.transaction().execute(async (tx) => {
        const counts = await saveValues(
          tx,
          user,
          input.map((v) => ({ ...v, indicatorId: id })),
        );
        const values = await listValues(tx, [id]);
        return { ...counts, values: values.map(({ indicatorId: _, ...v }) => v) };
      });
      return c.json(result, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/indicator-values',
      tags: ['counting'],
      summary: 'Set values of several indicators at once (the entry grid), all or nothing',
      description: 'Like PUT /indicators/{id}/values, with `indicatorId` in each entry. Any bad entry → 400 naming it as `values.N.field`; nothing saved.',
      security: cookieAuth,
      request: { body: body(MultiValuesBody) },
      responses: {
        200: json(z.object({ created: z.number(), updated: z.number(), unchanged: z.number() })),
        400: errors[400],
        401: errors[401],
        403: errors[403],
        404: errors[404],
      },
    }),
    async (c) => {
      const user = requireRole(c, ...team);
      const input = c.req.valid('json').values;
      const result = await c.var.db.transaction().execute((tx) => saveValues(tx, user, input));
      return c.json(result, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/indicators/{id}/history',
      tags: ['counting'],
      summary: 'Every change to the values of an indicator, newest first',
      security: cookieAuth,
      request: { params: idParam },
      responses: { 200: json(z.object({ history: z.array(History) })), 401: errors[401], 403: errors[403], 404: errors[404] },
    }),
    async (c) => {
      const user = requireRole(c, ...team);
      const { db } = c.var;
      const indicator = await loadIndicator(db, c.req.valid('param').id);
      await assertIndicatorVisible(db, user, indicator);
      return c.json({ history: await valueHistory(db, indicator.id) }, 200);
    },
  );
