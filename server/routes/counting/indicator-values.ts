// Indicator values: read and enter them (one indicator, or a grid of several at once) and their history.
import { unitProblem } from '../../../db/domain/numbers.js';
import { createRoute, z } from '@hono/zod-openapi';
import type { Kysely } from 'kysely';
import { ALL_AREAS, allowedAreas, listValues, valueHistory, writeValues, type IndicatorOut, type ValueWrite } from '../../../db/repositories/counting.js';
import type { DB } from '../../../db/schema.js';
import { assertIndicatorVisible, assertIndicatorWritable } from '../../access.js';
import { audit } from '../../audit.js';
import { requireRole, team } from '../../auth/guard.js';
import { checkPeriod, normalizePeriod, notAPeriod } from '../../../db/domain/periods.js';
import { invalid, notByArea, notProjectArea, type ErrorDetail } from '../../errors.js';
import type { SessionUser } from '../../types.js';
import { body, cookieAuth, errors, idParam, json, router, inTransaction } from '../../openapi.js';
import { allAreaIds } from '../../../db/repositories/areas.js';

import { Value, ValuesBody, MultiValuesBody, WriteResult, History } from './indicator-schemas.js';
import { loadIndicator } from './indicators.js';

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
      bad('areaId', 'Kies een gebied: deze indicator wordt per gebied bijgehouden. / Choose an area: this indicator is kept per area.');
    else if (!indicator.byArea && areaId !== null) bad('areaId', notByArea);
    else if (areaId !== null && areas && !areas.has(areaId)) bad('areaId', notProjectArea);
    const wrong = v.value == null ? null : unitProblem(indicator.unit, v.value);
    if (wrong) bad('value', wrong.reason);
    if ('reason' in p || details.length > before) return;
    const k = `${v.indicatorId}|${p.period}|${areaId}`;
    if (seen.has(k))
      return bad(
        'period',
        `Deze periode en dit gebied staan al in regel ${seen.get(k)! + 1}. / This period and area are already in entry ${seen.get(k)! + 1}.`,
      );
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

export const indicatorValueRoutes = router()
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
      const db = c.get('db');
      const indicator = await loadIndicator(db, c.req.valid('param').id);
      await assertIndicatorVisible(db, user, indicator);
      const { period } = c.req.valid('query');
      const p = period ? normalizePeriod(period) : undefined;
      if (p === null) throw invalid('Deze periode kennen we niet / This period is not known', [{ field: 'period', message: notAPeriod(period ?? '').reason }]);
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
      const result = await inTransaction(c, async (tx) => {
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
      const result = await inTransaction(c, (tx) => saveValues(tx, user, input));
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
      const db = c.get('db');
      const indicator = await loadIndicator(db, c.req.valid('param').id);
      await assertIndicatorVisible(db, user, indicator);
      return c.json({ history: await valueHistory(db, indicator.id) }, 200);
    },
  );
