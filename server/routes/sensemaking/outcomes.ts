// Outcomes per project (a results chain output → outcome → impact) and the organisation's outcome
// library.
import { createRoute, z } from '@hono/zod-openapi';
import type { Kysely } from 'kysely';
import { outcomeLevels, outcomeLevelWords, type DB, type OutcomeLevel } from '../../../db/schema.js';
import {
  deleteOutcome,
  getLibraryOutcome,
  getOutcome,
  hasChildOutcomes,
  insertLibraryOutcome,
  insertOutcome,
  listLibrary,
  listOutcomes,
  nextOutcomeSort,
  outcomesByIds,
  outcomeUsage,
  parentLevel,
  setOutcomeArchived,
  moveOutcome,
  updateOutcome,
} from '../../../db/repositories/sensemaking.js';
import { assertProjectVisible } from '../../access.js';
import { audit } from '../../audit.js';
import { requireRole, staff, team } from '../../auth/guard.js';
import { conflict, invalid, notFound } from '../../errors.js';
import { body, cookieAuth, errors, idParam, json, router, inTransaction } from '../../openapi.js';

type Usage = { stories: number; excerpts: number; indicators: number; children: number };

/** What still hangs on an outcome, in words: only what is there, each in its right number. */
function inUse(usage: Usage): string {
  const kinds = [
    [usage.stories, 'verhaal', 'verhalen', 'story', 'stories'],
    [usage.excerpts, 'fragment', 'fragmenten', 'excerpt', 'excerpts'],
    [usage.indicators, 'indicator', 'indicatoren', 'indicator', 'indicators'],
    [usage.children, 'uitkomst eronder', 'uitkomsten eronder', 'outcome below it', 'outcomes below it'],
  ] as const;
  const used = kinds.filter(([n]) => n > 0);
  const list = (and: string, lang: 0 | 1) => {
    const parts = used.map(([n, ...words]) => `${n} ${words[lang * 2 + (n === 1 ? 0 : 1)]}`);
    return parts.length > 1 ? `${parts.slice(0, -1).join(', ')} ${and} ${parts.at(-1)}` : parts.join('');
  };
  return `Nog in gebruik bij ${list('en', 0)}. Archiveer deze uitkomst liever. / Still used by ${list('and', 1)}. Archive this outcome instead.`;
}

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
    move: z
      .enum(['up', 'down'])
      .optional()
      .openapi({ description: 'One place up or down among the outcomes of its level that are not archived; at the end of the list nothing changes' }),
  })
  .openapi('OutcomePatch');
const LibraryBody = z.strictObject({ level: z.enum(outcomeLevels), title, description: description.optional() }).openapi('NewLibraryOutcome');

/** Which parent a level needs, as a field's message (the levels in the words the pages use). */
const parentOf = (level: OutcomeLevel) => {
  const up = parentLevel[level];
  const [nl, en] = [outcomeLevelWords.nl, outcomeLevelWords.en];
  return up
    ? `Een ${nl[level]} hoort onder een ${nl[up]}. Kies een ${nl[up]} als bovenliggende uitkomst. / An ${en[level]} belongs under an ${en[up]}. Choose an ${en[up]} as its parent.`
    : `Een ${nl[level]} heeft geen bovenliggende uitkomst. Laat dit leeg. / An ${en[level]} has no parent. Leave this empty.`;
};

/** The parent must be in the same project, one level up the chain (output → outcome → impact). */
async function checkParent(db: Kysely<DB>, projectId: number, level: OutcomeLevel, parentId: number | null | undefined, selfId?: number) {
  if (parentId == null) return;
  const [parent] = await outcomesByIds(db, [parentId]);
  if (!parent || parent.projectId !== projectId || parent.id === selfId)
    throw invalid('Onbekende bovenliggende uitkomst / Unknown parent outcome', [
      {
        field: 'parentId',
        message:
          'Deze uitkomst hoort niet bij dit project. Kies een uitkomst van dit project. / This outcome is not part of this project. Choose an outcome of this project.',
      },
    ]);
  if (parent.archivedAt)
    throw invalid('Die uitkomst is gearchiveerd / That outcome is archived', [
      { field: 'parentId', message: 'Deze uitkomst is gearchiveerd. Kies een andere uitkomst. / This outcome is archived. Choose another outcome.' },
    ]);
  if (parentLevel[level] !== parent.level)
    throw invalid('Een prestatie hoort bij een effect, een effect bij een impact / An output serves an outcome, an outcome an impact', [
      { field: 'parentId', message: parentOf(level) },
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
      await assertProjectVisible(c.get('db'), user, id);
      return c.json({ outcomes: await listOutcomes(c.get('db'), id) }, 200);
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
      const outcome = await inTransaction(c, async (tx) => {
        await assertProjectVisible(tx, user, projectId);
        const lib = input.libraryId ? await getLibraryOutcome(tx, input.libraryId) : undefined;
        if (input.libraryId && !lib)
          throw invalid('Onbekende uitkomst uit de bibliotheek / Unknown library outcome', [
            {
              field: 'libraryId',
              message: 'Deze uitkomst staat niet in de bibliotheek. Kies een andere. / This outcome is not in the library. Choose another one.',
            },
          ]);
        const level = input.level ?? lib?.level;
        const title = input.title ?? lib?.title;
        if (!level) throw invalid('Kies een niveau / Choose a level', [{ field: 'level', message: 'Kies een niveau. / Choose a level.' }]);
        if (!title) throw invalid('Geef een titel / Give a title', [{ field: 'title', message: 'Geef de uitkomst een titel. / Give the outcome a title.' }]);
        await checkParent(tx, projectId, level, input.parentId);
        const sort = input.sort ?? (await nextOutcomeSort(tx, projectId));
        const id = await insertOutcome(tx, {
          projectId,
          libraryId: lib?.id ?? null,
          parentId: input.parentId ?? null,
          level,
          title,
          description: input.description ?? lib?.description ?? '',
          sort,
        });
        await audit(tx, user, 'outcome.create', { type: 'outcome', id }, { projectId, level, title, libraryId: lib?.id ?? null });
        return (await getOutcome(tx, id))!;
      });
      return c.json({ outcome }, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/outcomes/{id}',
      tags: ['outcomes'],
      summary: 'Edit an outcome: title, description, level, parent, order (or one place up or down); archive it or bring it back (coordinator, admin)',
      security: cookieAuth,
      request: { params: idParam, body: body(OutcomePatch) },
      responses: { 200: json(z.object({ outcome: Outcome })), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] },
    }),
    async (c) => {
      const user = requireRole(c, ...staff);
      const { id } = c.req.valid('param');
      const { archived, move, ...patch } = c.req.valid('json');
      const outcome = await inTransaction(c, async (tx) => {
        const before = await getOutcome(tx, id);
        if (!before) throw notFound('Uitkomst niet gevonden / Outcome not found');
        const level = patch.level ?? before.level;
        const parentId = patch.parentId === undefined ? before.parentId : patch.parentId;
        // An unchanged link to a parent archived since stays valid.
        if (parentId !== before.parentId || level !== before.level) await checkParent(tx, before.projectId, level, parentId, id);
        if (patch.level && patch.level !== before.level && (await hasChildOutcomes(tx, id)))
          throw invalid('Deze uitkomst heeft onderliggende uitkomsten / This outcome has outcomes below it', [
            {
              field: 'level',
              message: 'Deze uitkomst heeft onderliggende uitkomsten. Verplaats die eerst. / This outcome has outcomes below it. Move those first.',
            },
          ]);
        await updateOutcome(tx, id, { ...patch, level, parentId });
        if (move) await moveOutcome(tx, { id, projectId: before.projectId, level }, move === 'up' ? -1 : 1);
        if (Object.keys(patch).length || move)
          await audit(tx, user, 'outcome.update', { type: 'outcome', id }, { fields: Object.keys(patch), ...(move ? { move } : {}) });
        if (archived !== undefined && archived !== (before.archivedAt !== null)) {
          await setOutcomeArchived(tx, id, archived);
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
      await inTransaction(c, async (tx) => {
        const before = await getOutcome(tx, id);
        if (!before) throw notFound('Uitkomst niet gevonden / Outcome not found');
        const usage = await outcomeUsage(tx, id);
        if (usage.stories || usage.excerpts || usage.indicators || usage.children) throw conflict(inUse(usage));
        await deleteOutcome(tx, id);
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
      return c.json({ library: await listLibrary(c.get('db')) }, 200);
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
      const outcome = await inTransaction(c, async (tx) => {
        const row = await insertLibraryOutcome(tx, { level: input.level, title: input.title, description: input.description ?? '' });
        await audit(tx, user, 'outcome_library.create', { type: 'outcome_library', id: row.id }, { title: row.title, level: row.level });
        return row;
      });
      return c.json({ outcome }, 201);
    },
  );
