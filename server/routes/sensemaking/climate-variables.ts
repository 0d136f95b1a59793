// The climate variable catalogue (dyads between a weak and a strong pole) and each project's
// chosen variables.
import { createRoute, z } from '@hono/zod-openapi';
import {
  getVariable,
  insertVariable,
  listVariables,
  nextVariableSort,
  projectVariableIds,
  setProjectVariables,
  updateVariable,
  variableByKey,
} from '../../../db/repositories/sensemaking.js';
import { assertProjectVisible } from '../../access.js';
import { audit } from '../../audit.js';
import { requireRole, staff, team } from '../../auth/guard.js';
import { conflict, notFound } from '../../errors.js';
import { idList } from '../../fields.js';
import { body, cookieAuth, errors, idParam, json, router, inTransaction } from '../../openapi.js';
import { assertVariablesAllowed } from './tagging/checks.js';

export const ClimateVariable = z
  .object({
    id: z.number(),
    key: z.string(),
    groupKey: z.string(),
    groupNl: z.string(),
    groupEn: z.string(),
    nameNl: z.string(),
    nameEn: z.string(),
    weakNl: z.string(),
    weakEn: z.string(),
    strongNl: z.string(),
    strongEn: z.string(),
    sort: z.number(),
    retiredAt: z.string().nullable(),
  })
  .openapi('ClimateVariable');
const label = z.string().trim().min(1).max(300);
const VariableFields = {
  key: z
    .string()
    .trim()
    .max(60)
    .regex(/^[a-z][a-z0-9_]{1,59}$/, 'lowercase letters, digits and _'),
  groupKey: z
    .string()
    .trim()
    .max(60)
    .regex(/^[a-z][a-z0-9_]{1,59}$/, 'lowercase letters, digits and _'),
  groupNl: label,
  groupEn: label,
  nameNl: label,
  nameEn: label,
  weakNl: label,
  weakEn: label,
  strongNl: label,
  strongEn: label,
  sort: z.number().int().min(0).max(100_000).optional(),
};
const VariableBody = z.strictObject(VariableFields).openapi('NewClimateVariable');
const VariablePatch = z
  .strictObject({
    groupKey: VariableFields.groupKey.optional(),
    groupNl: label.optional(),
    groupEn: label.optional(),
    nameNl: label.optional(),
    nameEn: label.optional(),
    weakNl: label.optional(),
    weakEn: label.optional(),
    strongNl: label.optional(),
    strongEn: label.optional(),
    sort: VariableFields.sort,
    retired: z
      .boolean()
      .optional()
      .openapi({ description: 'Retire (true) or bring back (false); retired variables keep their placements but are not offered for new ones' }),
  })
  .openapi('ClimateVariablePatch');

export const climateVariableRoutes = router()
  .openapi(
    createRoute({
      method: 'get',
      path: '/climate-variables',
      tags: ['climate'],
      summary: 'The climate variables (dyads between a weak and a strong pole); retired ones only with includeRetired=true',
      security: cookieAuth,
      request: { query: z.object({ includeRetired: z.enum(['true', 'false']).optional() }) },
      responses: { 200: json(z.object({ variables: z.array(ClimateVariable) })), 401: errors[401] },
    }),
    async (c) => {
      requireRole(c, 'admin', 'coordinator', 'worker', 'funder');
      return c.json({ variables: await listVariables(c.get('db'), c.req.valid('query').includeRetired === 'true') }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/climate-variables',
      tags: ['climate'],
      summary: 'Add a climate variable (admin)',
      security: cookieAuth,
      request: { body: body(VariableBody) },
      responses: { 201: json(z.object({ variable: ClimateVariable })), 400: errors[400], 401: errors[401], 403: errors[403], 409: errors[409] },
    }),
    async (c) => {
      const user = requireRole(c, 'admin');
      const input = c.req.valid('json');
      const variable = await inTransaction(c, async (tx) => {
        if (await variableByKey(tx, input.key)) throw conflict('Deze sleutel bestaat al / This key exists');
        const sort = input.sort ?? (await nextVariableSort(tx));
        const row = await insertVariable(tx, { ...input, sort });
        await audit(tx, user, 'climate_variable.create', { type: 'climate_variable', id: row.id }, { key: row.key });
        return row;
      });
      return c.json({ variable }, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/climate-variables/{id}',
      tags: ['climate'],
      summary: 'Edit or retire a climate variable (admin)',
      security: cookieAuth,
      request: { params: idParam, body: body(VariablePatch) },
      responses: { 200: json(z.object({ variable: ClimateVariable })), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] },
    }),
    async (c) => {
      const user = requireRole(c, 'admin');
      const { id } = c.req.valid('param');
      const { retired, ...fields } = c.req.valid('json');
      const variable = await inTransaction(c, async (tx) => {
        const before = await getVariable(tx, id);
        if (!before) throw notFound('Variabele niet gevonden / Variable not found');
        const retiredAt = retired === undefined ? before.retiredAt : retired ? (before.retiredAt ?? new Date().toISOString()) : null;
        const row = await updateVariable(tx, id, { ...fields, retiredAt });
        await audit(
          tx,
          user,
          retired === true && !before.retiredAt ? 'climate_variable.retire' : 'climate_variable.update',
          { type: 'climate_variable', id },
          { fields: Object.keys(fields), retired },
        );
        return row;
      });
      return c.json({ variable }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/projects/{id}/climate-variables',
      tags: ['climate'],
      summary: 'The climate variables a project asks its residents about',
      security: cookieAuth,
      request: { params: idParam },
      responses: {
        200: json(z.object({ variableIds: z.array(z.number()), variables: z.array(ClimateVariable) })),
        401: errors[401],
        403: errors[403],
        404: errors[404],
      },
    }),
    async (c) => {
      const user = requireRole(c, ...team);
      const { id } = c.req.valid('param');
      await assertProjectVisible(c.get('db'), user, id);
      const variableIds = await projectVariableIds(c.get('db'), id);
      const all = await listVariables(c.get('db'), true);
      return c.json({ variableIds, variables: variableIds.map((v) => all.find((a) => a.id === v)!) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/projects/{id}/climate-variables',
      tags: ['climate'],
      summary: 'Choose the climate variables a project asks its residents about (coordinator, admin)',
      security: cookieAuth,
      request: { params: idParam, body: body(z.strictObject({ variableIds: idList(200) }).openapi('ProjectClimateVariables')) },
      responses: { 200: json(z.object({ variableIds: z.array(z.number()) })), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] },
    }),
    async (c) => {
      const user = requireRole(c, ...staff);
      const { id } = c.req.valid('param');
      const ids = [...new Set(c.req.valid('json').variableIds)];
      const variableIds = await inTransaction(c, async (tx) => {
        await assertProjectVisible(tx, user, id);
        const before = await projectVariableIds(tx, id);
        // A retired variable a project already uses may stay; it cannot be newly chosen.
        await assertVariablesAllowed(tx, ids, 'variableIds', (v) => before.includes(v));
        await setProjectVariables(tx, id, ids);
        await audit(tx, user, 'project.climate_variables', { type: 'project', id }, { from: before, to: ids });
        return projectVariableIds(tx, id);
      });
      return c.json({ variableIds }, 200);
    },
  );
