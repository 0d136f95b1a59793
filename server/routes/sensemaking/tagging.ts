// Tagging stories to outcomes and climate dyads, the tagging inbox, bulk tagging, excerpt coding
// and the codebook. Coordinators and admins tag; workers on the story's project suggest; funders never tag.
import { createRoute, z } from '@hono/zod-openapi';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import {
  acceptSuggestions,
  addAcceptedTags,
  codeByName,
  getCode,
  getExcerpt,
  listCodes,
  listExcerpts,
  placementsSideBySide,
  setAcceptedTags,
  setSuggestedTags,
  storyTags,
  taggingInbox,
  type OutcomeTag,
  type PlacementTag,
} from '../../../db/repositories/sensemaking.js';
import { assertStoryVisibleForSensemaking, isStaff, visibleStories } from '../../access.js';
import { audit } from '../../audit.js';
import { requireRole, staff } from '../../auth/guard.js';
import { conflict, forbidden, invalid, notFound } from '../../errors.js';
import { body, cookieAuth, errors, idParam, json, router } from '../../openapi.js';
import type { SessionUser } from '../../types.js';
import { ClimateVariable } from './outcomes.js';

const team = ['admin', 'coordinator', 'worker'] as const;
const position = z.number().int().min(0).max(100).nullable().openapi({ description: '0 = weak pole … 100 = strong pole; null = does not apply' });
const OutcomeTagBody = z.strictObject({ outcomeId: z.number().int().positive(), note: z.string().max(2000).optional() });
const PlacementBody = z.strictObject({ variableId: z.number().int().positive(), position });
const TagsBody = z
  .strictObject({ outcomes: z.array(OutcomeTagBody).max(100).optional(), placements: z.array(PlacementBody).max(100).optional() })
  .openapi('StoryTagsInput');
const tagStatus = z.enum(['accepted', 'suggested']);
const StoryTags = z
  .object({
    outcomes: z.array(z.object({ outcomeId: z.number(), title: z.string(), level: z.string(), note: z.string(), status: tagStatus, byUser: z.number().nullable(), byName: z.string().nullable(), at: z.string() })),
    placements: z.array(z.object({ variableId: z.number(), source: z.enum(['teller', 'coordinator']), position: z.number().nullable(), status: tagStatus, byUser: z.number().nullable(), byName: z.string().nullable(), at: z.string() })),
  })
  .openapi('StoryTags');
const TagsResponse = z.object({ storyId: z.number(), tags: StoryTags });

const Excerpt = z
  .object({
    id: z.number(),
    storyId: z.number(),
    start: z.number(),
    end: z.number(),
    quote: z.string(),
    outcomeId: z.number().nullable(),
    outcomeTitle: z.string().nullable(),
    variableId: z.number().nullable(),
    variableNameNl: z.string().nullable(),
    variableNameEn: z.string().nullable(),
    position: z.number().nullable(),
    codeId: z.number().nullable(),
    codeName: z.string().nullable(),
    note: z.string(),
    status: z.enum(['ok', 'moved', 'stale']).openapi({ description: "ok: the quote is where it was; moved: found elsewhere after an edit (offsets updated); stale: no longer in the text" }),
    byUser: z.number().nullable(),
    createdAt: z.string(),
  })
  .openapi('Excerpt');
const ExcerptBody = z
  .strictObject({
    start: z.number().int().min(0),
    end: z.number().int().min(1),
    outcomeId: z.number().int().positive().optional(),
    variableId: z.number().int().positive().optional(),
    position: position.optional(),
    codeId: z.number().int().positive().optional(),
    note: z.string().max(2000).optional(),
  })
  .openapi('NewExcerpt');

const Code = z.object({ id: z.number(), name: z.string(), description: z.string(), uses: z.number(), createdAt: z.string() }).openapi('Code');
const codeName = z.string().trim().min(1).max(120);

/** Checks tags against the story's project (outcomes) and the catalogue (variables); 400 names the bad ones. */
async function checkTags(db: Kysely<DB>, storyIds: number[], projectIds: number[], tags: { outcomes?: OutcomeTag[]; placements?: PlacementTag[] }) {
  const outcomeIds = [...new Set((tags.outcomes ?? []).map((o) => o.outcomeId))];
  if (outcomeIds.length !== (tags.outcomes ?? []).length) throw invalid('Een uitkomst staat er twee keer in / An outcome is listed twice', [{ field: 'outcomes', message: 'duplicate' }]);
  if (outcomeIds.length) {
    const found = await db.selectFrom('outcomes').select(['id', 'projectId', 'archivedAt']).where('id', 'in', outcomeIds).execute();
    const bad = outcomeIds.filter((id) => !found.some((f) => f.id === id && projectIds.every((p) => p === f.projectId)));
    if (bad.length) throw invalid('Deze uitkomst hoort niet bij het project van het verhaal / Outcome is not of the story’s project', [{ field: 'outcomes', message: `not allowed: ${bad.join(', ')}` }]);
    // Archived outcomes are not offered for new tags; a story's existing tag on one may be kept.
    const archived = found.filter((f) => f.archivedAt).map((f) => f.id);
    if (archived.length) {
      const tagged = await db.selectFrom('storyOutcomes').select(['outcomeId', 'storyId']).where('storyId', 'in', storyIds).where('outcomeId', 'in', archived).execute();
      const closed = archived.filter((id) => !storyIds.every((s) => tagged.some((t) => t.outcomeId === id && t.storyId === s)));
      if (closed.length) throw invalid('Deze uitkomst is gearchiveerd / This outcome is archived', [{ field: 'outcomes', message: `archived: ${closed.join(', ')}` }]);
    }
  }
  const variableIds = [...new Set((tags.placements ?? []).map((p) => p.variableId))];
  if (variableIds.length !== (tags.placements ?? []).length) throw invalid('Een variabele staat er twee keer in / A variable is listed twice', [{ field: 'placements', message: 'duplicate' }]);
  if (variableIds.length) {
    const found = await db.selectFrom('climateVariables').select(['id', 'retiredAt']).where('id', 'in', variableIds).execute();
    const used = await db.selectFrom('storyPlacements').select(['variableId', 'storyId']).where('storyId', 'in', storyIds).where('variableId', 'in', variableIds).execute();
    // Retired variables are not offered for new placements; a story's existing placement on one may be kept.
    const bad = variableIds.filter((id) => {
      const v = found.find((f) => f.id === id);
      return !v || (v.retiredAt && !storyIds.every((s) => used.some((u) => u.variableId === id && u.storyId === s)));
    });
    if (bad.length) throw invalid('Onbekende of ingetrokken variabele / Unknown or retired variable', [{ field: 'placements', message: `not allowed: ${bad.join(', ')}` }]);
  }
}

/** The story, if this user may tag it (staff) or suggest tags (a worker on its project); funders never. */
async function storyForTagging(db: Kysely<DB>, user: SessionUser, storyId: number) {
  if (user.role === 'funder') throw forbidden('Financiers taggen niet / Funders do not tag');
  const story = await assertStoryVisibleForSensemaking(db, user, storyId);
  if (story.withdrawnAt) throw conflict('Dit verhaal is ingetrokken / This story was withdrawn');
  return story;
}

export const taggingRoutes = router()
  .openapi(
    createRoute({
      method: 'get',
      path: '/stories/{id}/tags',
      tags: ['tagging'],
      summary: "A story's outcome tags and placements, accepted and suggested",
      security: cookieAuth,
      request: { params: idParam },
      responses: { 200: json(TagsResponse), 401: errors[401], 403: errors[403], 404: errors[404] },
    }),
    async (c) => {
      const user = requireRole(c, ...team);
      const { id } = c.req.valid('param');
      await assertStoryVisibleForSensemaking(c.var.db, user, id);
      return c.json({ storyId: id, tags: await storyTags(c.var.db, id) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/stories/{id}/tags',
      tags: ['tagging'],
      summary: "Set a story's tags: coordinators and admins replace the accepted set; workers on the project suggest",
      security: cookieAuth,
      request: { params: idParam, body: body(TagsBody) },
      responses: { 200: json(TagsResponse), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404], 409: errors[409] },
    }),
    async (c) => {
      const user = requireRole(c, ...team, 'funder');
      const { id } = c.req.valid('param');
      const input = c.req.valid('json');
      const tags = await c.var.db.transaction().execute(async (tx) => {
        const story = await storyForTagging(tx, user, id);
        await checkTags(tx, [id], [story.projectId], input);
        const before = await storyTags(tx, id);
        if (isStaff(user)) await setAcceptedTags(tx, id, user.id, input);
        else await setSuggestedTags(tx, id, user.id, input);
        const after = await storyTags(tx, id);
        await audit(tx, user, isStaff(user) ? 'story.tags.set' : 'story.tags.suggest', { type: 'story', id }, {
          before: summary(before),
          after: summary(after),
        });
        return after;
      });
      return c.json({ storyId: id, tags }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/stories/{id}/tags/accept',
      tags: ['tagging'],
      summary: "Accept a story's suggested tags: all, or only the outcomes and variables named (coordinator, admin)",
      security: cookieAuth,
      request: { params: idParam, body: body(z.strictObject({ outcomeIds: z.array(z.number().int().positive()).optional(), variableIds: z.array(z.number().int().positive()).optional() }).openapi('AcceptTags')) },
      responses: { 200: json(TagsResponse), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404], 409: errors[409] },
    }),
    async (c) => {
      const user = requireRole(c, ...staff);
      const { id } = c.req.valid('param');
      const only = c.req.valid('json');
      const tags = await c.var.db.transaction().execute(async (tx) => {
        await storyForTagging(tx, user, id);
        const accepted = await acceptSuggestions(tx, id, only);
        await audit(tx, user, 'story.tags.accept', { type: 'story', id }, accepted);
        return storyTags(tx, id);
      });
      return c.json({ storyId: id, tags }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/stories/{id}/placements',
      tags: ['climate'],
      summary: "Teller's and coordinator's placements of a story side by side, per climate variable",
      security: cookieAuth,
      request: { params: idParam },
      responses: {
        200: json(
          z.object({
            placements: z.array(
              z.object({
                variable: ClimateVariable,
                teller: z.object({ position: z.number().nullable(), applies: z.boolean() }).nullable(),
                coordinator: z.object({ position: z.number().nullable(), applies: z.boolean() }).nullable(),
                suggestion: z.object({ position: z.number().nullable(), byUser: z.number().nullable() }).nullable(),
                difference: z.number().nullable().openapi({ description: 'coordinator minus teller, in points' }),
              }),
            ),
          }),
        ),
        401: errors[401],
        403: errors[403],
        404: errors[404],
      },
    }),
    async (c) => {
      const user = requireRole(c, ...team);
      const { id } = c.req.valid('param');
      const story = await assertStoryVisibleForSensemaking(c.var.db, user, id);
      return c.json({ placements: await placementsSideBySide(c.var.db, id, story.projectId) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/tagging/inbox',
      tags: ['tagging'],
      summary: 'Stories to tag: untagged first, then those with only suggestions (visible, not withdrawn); with storyId that story, tagged or not, its tags as suggestions',
      security: cookieAuth,
      request: {
        query: z.object({
          projectId: z.coerce.number().int().positive().optional(),
          storyId: z.coerce.number().int().positive().optional(),
          limit: z.coerce.number().int().min(1).max(500).optional(),
        }),
      },
      responses: {
        200: json(
          z.object({
            stories: z.array(
              z.object({
                id: z.number(),
                projectId: z.number(),
                projectName: z.string(),
                areaId: z.number().nullable(),
                areaName: z.string().nullable(),
                title: z.string(),
                bodyText: z.string(),
                happenedOn: z.string().nullable(),
                consent: z.string(),
                source: z.string(),
                createdAt: z.string(),
                state: z.enum(['untagged', 'suggested', 'tagged']),
                suggestions: StoryTags.nullable(),
                tellerPlacements: z.array(z.object({ variableId: z.number(), position: z.number().nullable() })).openapi({ description: "the teller's own placements, for comparison" }),
              }),
            ),
          }),
        ),
        401: errors[401],
        403: errors[403],
      },
    }),
    async (c) => {
      const user = requireRole(c, ...team);
      const { projectId, storyId, limit } = c.req.valid('query');
      const visible = await visibleStories(c.var.db, user);
      return c.json({ stories: await taggingInbox(c.var.db, visible, { projectId, storyId, limit: limit ?? 100 }) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/tagging/bulk',
      tags: ['tagging'],
      summary: 'Tag several stories at once, all or nothing: outcomes are added, placements set per variable (coordinator, admin)',
      security: cookieAuth,
      request: {
        body: body(
          z
            .strictObject({ storyIds: z.array(z.number().int().positive()).min(1).max(500), outcomes: z.array(OutcomeTagBody).max(100).optional(), placements: z.array(PlacementBody).max(100).optional() })
            .openapi('BulkTags'),
        ),
      },
      responses: { 200: json(z.object({ tagged: z.array(z.number()) })), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404], 409: errors[409] },
    }),
    async (c) => {
      const user = requireRole(c, ...staff);
      const { storyIds, ...tags } = c.req.valid('json');
      const ids = [...new Set(storyIds)];
      if (!tags.outcomes?.length && !tags.placements?.length) throw invalid('Kies een uitkomst of een plaatsing / Choose an outcome or a placement', [{ field: 'outcomes', message: 'nothing to tag' }]);
      await c.var.db.transaction().execute(async (tx) => {
        const stories = [];
        for (const id of ids) stories.push(await storyForTagging(tx, user, id));
        await checkTags(tx, ids, stories.map((s) => s.projectId), tags);
        for (const id of ids) {
          const before = await storyTags(tx, id);
          await addAcceptedTags(tx, id, user.id, tags);
          await audit(tx, user, 'story.tags.bulk', { type: 'story', id }, { before: summary(before), added: tags });
        }
      });
      return c.json({ tagged: ids }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/stories/{id}/excerpts',
      tags: ['coding'],
      summary: "A story's coded passages, re-anchored against its current text",
      security: cookieAuth,
      request: { params: idParam },
      responses: {
        200: json(z.object({ story: z.object({ id: z.number(), projectId: z.number(), title: z.string() }), bodyText: z.string(), excerpts: z.array(Excerpt) })),
        401: errors[401],
        403: errors[403],
        404: errors[404],
      },
    }),
    async (c) => {
      const user = requireRole(c, ...team);
      const { id } = c.req.valid('param');
      const story = await assertStoryVisibleForSensemaking(c.var.db, user, id);
      const excerpts = await c.var.db.transaction().execute((tx) => listExcerpts(tx, id, story.bodyText));
      return c.json({ story: { id: story.id, projectId: story.projectId, title: story.title }, bodyText: story.bodyText, excerpts }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/stories/{id}/excerpts',
      tags: ['coding'],
      summary: 'Code a passage (character offsets into the plain text, end exclusive) with an outcome, a climate variable or a code (coordinator, admin)',
      security: cookieAuth,
      request: { params: idParam, body: body(ExcerptBody) },
      responses: { 201: json(z.object({ excerpt: Excerpt })), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404], 409: errors[409] },
    }),
    async (c) => {
      const user = requireRole(c, ...staff);
      const { id } = c.req.valid('param');
      const input = c.req.valid('json');
      const excerpt = await c.var.db.transaction().execute(async (tx) => {
        const story = await storyForTagging(tx, user, id);
        const targets = [input.outcomeId, input.variableId, input.codeId].filter((x) => x !== undefined).length;
        if (targets !== 1) throw invalid('Kies één uitkomst, variabele of code / Choose exactly one outcome, variable or code', [{ field: 'codeId', message: 'exactly one of outcomeId, variableId, codeId' }]);
        if (input.position !== undefined && input.variableId === undefined) throw invalid('Een positie hoort bij een variabele / A position needs a variable', [{ field: 'position', message: 'only with variableId' }]);
        if (input.end <= input.start || input.end > story.bodyText.length)
          throw invalid('Het fragment valt buiten de tekst / The range is outside the text', [{ field: 'end', message: `0 <= start < end <= ${story.bodyText.length}` }]);
        const quote = story.bodyText.slice(input.start, input.end);
        if (!quote.trim()) throw invalid('Het fragment is leeg / The range is empty', [{ field: 'start', message: 'only whitespace' }]);
        if (input.outcomeId) await checkTags(tx, [id], [story.projectId], { outcomes: [{ outcomeId: input.outcomeId }] });
        if (input.variableId) await checkTags(tx, [id], [story.projectId], { placements: [{ variableId: input.variableId, position: input.position ?? null }] });
        if (input.codeId && !(await tx.selectFrom('codes').select('id').where('id', '=', input.codeId).executeTakeFirst()))
          throw invalid('Onbekende code / Unknown code', [{ field: 'codeId', message: 'unknown' }]);
        const row = await tx
          .insertInto('storyExcerpts')
          .values({
            storyId: id,
            startOffset: input.start,
            endOffset: input.end,
            quote,
            outcomeId: input.outcomeId ?? null,
            variableId: input.variableId ?? null,
            position: input.variableId ? (input.position ?? null) : null,
            codeId: input.codeId ?? null,
            note: input.note ?? '',
            byUser: user.id,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await audit(tx, user, 'story.excerpt.create', { type: 'story', id }, { excerptId: row.id, start: input.start, end: input.end, outcomeId: input.outcomeId, variableId: input.variableId, codeId: input.codeId });
        return (await getExcerpt(tx, row.id))!;
      });
      return c.json({ excerpt }, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/excerpts/{id}',
      tags: ['coding'],
      summary: 'Remove a coded passage (coordinator, admin)',
      security: cookieAuth,
      request: { params: idParam },
      responses: { 200: json(z.object({ deleted: z.literal(true) })), 401: errors[401], 403: errors[403], 404: errors[404] },
    }),
    async (c) => {
      const user = requireRole(c, ...staff);
      const { id } = c.req.valid('param');
      await c.var.db.transaction().execute(async (tx) => {
        const e = await getExcerpt(tx, id);
        if (!e) throw notFound('Fragment niet gevonden / Excerpt not found');
        await tx.deleteFrom('storyExcerpts').where('id', '=', id).execute();
        await audit(tx, user, 'story.excerpt.delete', { type: 'story', id: e.storyId }, { excerptId: id, quote: e.quote.slice(0, 200) });
      });
      return c.json({ deleted: true as const }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/codes',
      tags: ['coding'],
      summary: "The organisation's codebook, with how often each code is used",
      security: cookieAuth,
      responses: { 200: json(z.object({ codes: z.array(Code) })), 401: errors[401], 403: errors[403] },
    }),
    async (c) => {
      requireRole(c, ...team);
      return c.json({ codes: await listCodes(c.var.db) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/codes',
      tags: ['coding'],
      summary: 'Add a code (coordinator, admin)',
      security: cookieAuth,
      request: { body: body(z.strictObject({ name: codeName, description: z.string().max(2000).optional() }).openapi('NewCode')) },
      responses: { 201: json(z.object({ code: Code })), 400: errors[400], 401: errors[401], 403: errors[403], 409: errors[409] },
    }),
    async (c) => {
      const user = requireRole(c, ...staff);
      const input = c.req.valid('json');
      const code = await c.var.db.transaction().execute(async (tx) => {
        if (await codeByName(tx, input.name)) throw conflict('Deze code bestaat al / This code exists');
        const row = await tx.insertInto('codes').values({ name: input.name, description: input.description ?? '', createdBy: user.id }).returning('id').executeTakeFirstOrThrow();
        await audit(tx, user, 'code.create', { type: 'code', id: row.id }, { name: input.name });
        return (await getCode(tx, row.id))!;
      });
      return c.json({ code }, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/codes/{id}',
      tags: ['coding'],
      summary: 'Rename a code or change its description (coordinator, admin)',
      security: cookieAuth,
      request: { params: idParam, body: body(z.strictObject({ name: codeName.optional(), description: z.string().max(2000).optional() }).openapi('CodePatch')) },
      responses: { 200: json(z.object({ code: Code })), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404], 409: errors[409] },
    }),
    async (c) => {
      const user = requireRole(c, ...staff);
      const { id } = c.req.valid('param');
      const patch = c.req.valid('json');
      const code = await c.var.db.transaction().execute(async (tx) => {
        const before = await getCode(tx, id);
        if (!before) throw notFound('Code niet gevonden / Code not found');
        if (patch.name) {
          const clash = await codeByName(tx, patch.name);
          if (clash && clash.id !== id) throw conflict('Deze naam bestaat al; voeg de codes samen / This name exists; merge the codes');
        }
        await tx.updateTable('codes').set(patch).where('id', '=', id).execute();
        await audit(tx, user, 'code.update', { type: 'code', id }, { from: { name: before.name, description: before.description }, to: patch });
        return (await getCode(tx, id))!;
      });
      return c.json({ code }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/codes/{id}/merge',
      tags: ['coding'],
      summary: 'Merge this code into another: every passage coded with it moves over, then the code is removed (coordinator, admin)',
      security: cookieAuth,
      request: { params: idParam, body: body(z.strictObject({ intoId: z.number().int().positive() }).openapi('MergeCode')) },
      responses: { 200: json(z.object({ code: Code, moved: z.number() })), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] },
    }),
    async (c) => {
      const user = requireRole(c, ...staff);
      const { id } = c.req.valid('param');
      const { intoId } = c.req.valid('json');
      if (intoId === id) throw invalid('Een code kan niet in zichzelf op / A code cannot merge into itself', [{ field: 'intoId', message: 'same code' }]);
      const result = await c.var.db.transaction().execute(async (tx) => {
        const from = await getCode(tx, id);
        if (!from) throw notFound('Code niet gevonden / Code not found');
        if (!(await getCode(tx, intoId))) throw invalid('Onbekende doelcode / Unknown target code', [{ field: 'intoId', message: 'unknown' }]);
        const res = await tx.updateTable('storyExcerpts').set({ codeId: intoId }).where('codeId', '=', id).executeTakeFirst();
        await tx.deleteFrom('codes').where('id', '=', id).execute();
        const moved = Number(res.numUpdatedRows);
        await audit(tx, user, 'code.merge', { type: 'code', id: intoId }, { mergedId: id, mergedName: from.name, moved });
        return { code: (await getCode(tx, intoId))!, moved };
      });
      return c.json(result, 200);
    },
  );

function summary(t: Awaited<ReturnType<typeof storyTags>>) {
  return {
    outcomes: t.outcomes.map((o) => ({ outcomeId: o.outcomeId, status: o.status, note: o.note })),
    placements: t.placements.filter((p) => p.source === 'coordinator').map((p) => ({ variableId: p.variableId, position: p.position, status: p.status })),
  };
}
