// Outcomes per project (a results chain output → outcome → impact), the organisation's outcome
// library, the climate variable catalogue and each project's chosen variables.
import { createRoute, z } from '@hono/zod-openapi';
import { outcomeLevels, type OutcomeLevel } from '../../../db/schema.js';
import {
  getOutcome,
  listLibrary,
  listOutcomes,
  listVariables,
  outcomeUsage,
  parentLevel,
  projectVariableIds,
  withIati,
} from '../../../db/repositories/sensemaking.js';
import { assertProjectVisible } from '../../access.js';
import { audit } from '../../audit.js';
import { requireRole, staff } from '../../auth/guard.js';
import { conflict, invalid, notFound } from '../../errors.js';
import { body, cookieAuth, errors, idParam, json, router } from '../../openapi.js';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { idList } from '../../fields.js';

const team = ['admin', 'coordinator', 'worker'] as const;

export const Outcome = z
  .object({
    id: z.number(),
    projectId: z.number(),
    libraryId: z.number().nullable(),
    parentId: z.number().nullable(),
    level: z.enum(outcomeLevels),
    iatiType: z.number().openapi({ description: 'IATI result type: 1 output, 2 outcome, 3 impact' }),
    title: z.string(),
    description: z.string(),
    sort: z.number(),
    createdAt: z.string(),
    archivedAt: z
      .string()
      .nullable()
      .openapi({ description: 'Set when the outcome is no longer pursued: kept for existing tags and reports, not offered for new ones' }),
  })
  .openapi('Outcome');
const LibraryOutcome = z
  .object({ id: z.number(), level: z.enum(outcomeLevels), iatiType: z.number(), title: z.string(), description: z.string(), createdAt: z.string() })
  .openapi('LibraryOutcome');
const title = z.string().trim().min(1).max(300);
const description = z.string().max(5000);
const OutcomeBody = z
  .strictObject({
    libraryId: z.number().int().positive().optional().openapi({ description: 'Reuse a library outcome; its level, title and description are the defaults' }),
    level: z.enum(outcomeLevels).optional(),
    title: title.optional(),
    description: description.optional(),
    parentId: z.number().int().positive().nullable().optional(),
    sort: z.number().int().min(0).max(100_000).optional(),
  })
  .openapi('NewOutcome');
const OutcomePatch = z
  .strictObject({
    level: z.enum(outcomeLevels).optional(),
    title: title.optional(),
    description: description.optional(),
    parentId: z.number().int().positive().nullable().optional(),
    sort: z.number().int().min(0).max(100_000).optional(),
    archived: z.boolean().optional().openapi({ description: 'Archive (true) or bring back (false)' }),
  })
  .openapi('OutcomePatch');
const LibraryBody = z.strictObject({ level: z.enum(outcomeLevels), title, description: description.optional() }).openapi('NewLibraryOutcome');

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

/** The parent must be in the same project, one level up the chain (output → outcome → impact). */
async function checkParent(db: Kysely<DB>, projectId: number, level: OutcomeLevel, parentId: number | null | undefined, selfId?: number) {
  if (parentId == null) return;
  const parent = await db.selectFrom('outcomes').select(['id', 'projectId', 'level', 'archivedAt']).where('id', '=', parentId).executeTakeFirst();
  if (!parent || parent.projectId !== projectId || parent.id === selfId)
    throw invalid('Onbekende bovenliggende uitkomst / Unknown parent outcome', [{ field: 'parentId', message: 'not an outcome of this project' }]);
  if (parent.archivedAt) throw invalid('Die uitkomst is gearchiveerd / That outcome is archived', [{ field: 'parentId', message: 'archived' }]);
  if (parentLevel[level] !== parent.level)
    throw invalid('Een output hoort bij een outcome, een outcome bij een impact / An output serves an outcome, an outcome an impact', [
      { field: 'parentId', message: `a ${level} needs a parent of level ${parentLevel[level] ?? 'none'}` },
    ]);
}

export const outcomeRoutes = router()
  .openapi(
    createRoute({
      method: 'get',
      path: '/projects/{id}/outcomes',
      tags: ['outcomes'],
      summary: "A project's results chain (werkdoelen), impact first",
      security: cookieAuth,
      request: { params: idParam },
      responses: { 200: json(z.object({ outcomes: z.array(Outcome) })), 401: errors[401], 403: errors[403], 404: errors[404] },
    }),
    async (c) => {
      const user = requireRole(c, ...team);
      const { id } = c.req.valid('param');
      await assertProjectVisible(c.var.db, user, id);
      return c.json({ outcomes: await listOutcomes(c.var.db, id) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/projects/{id}/outcomes',
      tags: ['outcomes'],
      summary: 'Add an outcome to a project, new or from the library (coordinator, admin)',
      security: cookieAuth,
      request: { params: idParam, body: body(OutcomeBody) },
      responses: { 201: json(z.object({ outcome: Outcome })), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] },
    }),
    async (c) => {
      const user = requireRole(c, ...staff);
      const { id: projectId } = c.req.valid('param');
      const input = c.req.valid('json');
      const outcome = await c.var.db.transaction().execute(async (tx) => {
        await assertProjectVisible(tx, user, projectId);
        const lib = input.libraryId ? await tx.selectFrom('outcomeLibrary').selectAll().where('id', '=', input.libraryId).executeTakeFirst() : undefined;
        if (input.libraryId && !lib)
          throw invalid('Onbekende uitkomst uit de bibliotheek / Unknown library outcome', [{ field: 'libraryId', message: 'unknown' }]);
        const level = input.level ?? lib?.level;
        const title = input.title ?? lib?.title;
        if (!level) throw invalid('Kies een niveau / Choose a level', [{ field: 'level', message: 'required' }]);
        if (!title) throw invalid('Geef een titel / Give a title', [{ field: 'title', message: 'required' }]);
        await checkParent(tx, projectId, level, input.parentId);
        const sort =
          input.sort ??
          Number(
            (
              await tx
                .selectFrom('outcomes')
                .select((eb) => eb.fn.max('sort').as('m'))
                .where('projectId', '=', projectId)
                .executeTakeFirst()
            )?.m ?? 0,
          ) + 10;
        const row = await tx
          .insertInto('outcomes')
          .values({
            projectId,
            libraryId: lib?.id ?? null,
            parentId: input.parentId ?? null,
            level,
            title,
            description: input.description ?? lib?.description ?? '',
            sort,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await audit(tx, user, 'outcome.create', { type: 'outcome', id: row.id }, { projectId, level, title, libraryId: lib?.id ?? null });
        return (await getOutcome(tx, row.id))!;
      });
      return c.json({ outcome }, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/outcomes/{id}',
      tags: ['outcomes'],
      summary: 'Edit an outcome: title, description, level, parent, order; archive it or bring it back (coordinator, admin)',
      security: cookieAuth,
      request: { params: idParam, body: body(OutcomePatch) },
      responses: { 200: json(z.object({ outcome: Outcome })), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] },
    }),
    async (c) => {
      const user = requireRole(c, ...staff);
      const { id } = c.req.valid('param');
      const { archived, ...patch } = c.req.valid('json');
      const outcome = await c.var.db.transaction().execute(async (tx) => {
        const before = await getOutcome(tx, id);
        if (!before) throw notFound('Uitkomst niet gevonden / Outcome not found');
        const level = patch.level ?? before.level;
        const parentId = patch.parentId === undefined ? before.parentId : patch.parentId;
        // An unchanged link to a parent archived since stays valid.
        if (parentId !== before.parentId || level !== before.level) await checkParent(tx, before.projectId, level, parentId, id);
        if (patch.level && patch.level !== before.level) {
          const children = await tx.selectFrom('outcomes').select('id').where('parentId', '=', id).executeTakeFirst();
          if (children)
            throw invalid('Deze uitkomst heeft onderliggende uitkomsten / This outcome has outcomes below it', [{ field: 'level', message: 'has children' }]);
        }
        await tx
          .updateTable('outcomes')
          .set({ ...patch, level, parentId })
          .where('id', '=', id)
          .execute();
        if (Object.keys(patch).length) await audit(tx, user, 'outcome.update', { type: 'outcome', id }, { fields: Object.keys(patch) });
        if (archived !== undefined && archived !== (before.archivedAt !== null)) {
          await tx
            .updateTable('outcomes')
            .set({ archivedAt: archived ? new Date().toISOString() : null })
            .where('id', '=', id)
            .execute();
          await audit(
            tx,
            user,
            archived ? 'outcome.archive' : 'outcome.restore',
            { type: 'outcome', id },
            { projectId: before.projectId, title: before.title },
          );
        }
        return (await getOutcome(tx, id))!;
      });
      return c.json({ outcome }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/outcomes/{id}',
      tags: ['outcomes'],
      summary: 'Delete an outcome nothing hangs on (409 when stories, excerpts, indicators or lower outcomes refer to it)',
      security: cookieAuth,
      request: { params: idParam },
      responses: { 200: json(z.object({ deleted: z.literal(true) })), 401: errors[401], 403: errors[403], 404: errors[404], 409: errors[409] },
    }),
    async (c) => {
      const user = requireRole(c, ...staff);
      const { id } = c.req.valid('param');
      await c.var.db.transaction().execute(async (tx) => {
        const before = await getOutcome(tx, id);
        if (!before) throw notFound('Uitkomst niet gevonden / Outcome not found');
        const usage = await outcomeUsage(tx, id);
        if (usage.stories || usage.excerpts || usage.indicators || usage.children)
          throw conflict(
            `Er hangen nog ${usage.stories} verhalen, ${usage.excerpts} fragmenten, ${usage.indicators} indicatoren en ${usage.children} uitkomsten aan deze uitkomst; archiveer haar in plaats daarvan / ` +
              `${usage.stories} stories, ${usage.excerpts} excerpts, ${usage.indicators} indicators and ${usage.children} outcomes still refer to this outcome; archive it instead`,
          );
        await tx.deleteFrom('outcomes').where('id', '=', id).execute();
        await audit(tx, user, 'outcome.delete', { type: 'outcome', id }, { projectId: before.projectId, title: before.title });
      });
      return c.json({ deleted: true as const }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/outcome-library',
      tags: ['outcomes'],
      summary: "The organisation's outcome library",
      security: cookieAuth,
      responses: { 200: json(z.object({ library: z.array(LibraryOutcome) })), 401: errors[401], 403: errors[403] },
    }),
    async (c) => {
      requireRole(c, ...team);
      return c.json({ library: await listLibrary(c.var.db) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/outcome-library',
      tags: ['outcomes'],
      summary: 'Add an outcome to the library (coordinator, admin)',
      security: cookieAuth,
      request: { body: body(LibraryBody) },
      responses: { 201: json(z.object({ outcome: LibraryOutcome })), 400: errors[400], 401: errors[401], 403: errors[403] },
    }),
    async (c) => {
      const user = requireRole(c, ...staff);
      const input = c.req.valid('json');
      const outcome = await c.var.db.transaction().execute(async (tx) => {
        const row = await tx
          .insertInto('outcomeLibrary')
          .values({ level: input.level, title: input.title, description: input.description ?? '' })
          .returning(['id', 'level', 'title', 'description', 'createdAt'])
          .executeTakeFirstOrThrow();
        await audit(tx, user, 'outcome_library.create', { type: 'outcome_library', id: row.id }, { title: row.title, level: row.level });
        return withIati(row);
      });
      return c.json({ outcome }, 201);
    },
  )
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
      return c.json({ variables: await listVariables(c.var.db, c.req.valid('query').includeRetired === 'true') }, 200);
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
      const variable = await c.var.db.transaction().execute(async (tx) => {
        if (await tx.selectFrom('climateVariables').select('id').where('key', '=', input.key).executeTakeFirst())
          throw conflict('Deze sleutel bestaat al / This key exists');
        const sort =
          input.sort ??
          Number(
            (
              await tx
                .selectFrom('climateVariables')
                .select((eb) => eb.fn.max('sort').as('m'))
                .executeTakeFirst()
            )?.m ?? 0,
          ) + 10;
        const row = await tx
          .insertInto('climateVariables')
          .values({ ...input, sort })
          .returningAll()
          .executeTakeFirstOrThrow();
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
      const variable = await c.var.db.transaction().execute(async (tx) => {
        const before = await tx.selectFrom('climateVariables').selectAll().where('id', '=', id).executeTakeFirst();
        if (!before) throw notFound('Variabele niet gevonden / Variable not found');
        const retiredAt = retired === undefined ? before.retiredAt : retired ? (before.retiredAt ?? new Date().toISOString()) : null;
        const row = await tx
          .updateTable('climateVariables')
          .set({ ...fields, retiredAt })
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirstOrThrow();
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
      await assertProjectVisible(c.var.db, user, id);
      const variableIds = await projectVariableIds(c.var.db, id);
      const all = await listVariables(c.var.db, true);
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
      const variableIds = await c.var.db.transaction().execute(async (tx) => {
        await assertProjectVisible(tx, user, id);
        const before = await projectVariableIds(tx, id);
        const found = ids.length ? await tx.selectFrom('climateVariables').select(['id', 'retiredAt']).where('id', 'in', ids).execute() : [];
        // A retired variable a project already uses may stay; it cannot be newly chosen.
        const bad = ids.filter((v) => !found.some((f) => f.id === v && (!f.retiredAt || before.includes(v))));
        if (bad.length)
          throw invalid('Onbekende of ingetrokken variabele / Unknown or retired variable', [
            { field: 'variableIds', message: `not allowed: ${bad.join(', ')}` },
          ]);
        await tx.deleteFrom('projectClimateVariables').where('projectId', '=', id).execute();
        if (ids.length)
          await tx
            .insertInto('projectClimateVariables')
            .values(ids.map((variableId) => ({ projectId: id, variableId })))
            .execute();
        await audit(tx, user, 'project.climate_variables', { type: 'project', id }, { from: before, to: ids });
        return projectVariableIds(tx, id);
      });
      return c.json({ variableIds }, 200);
    },
  );
