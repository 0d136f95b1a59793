// Coding excerpts of a story.
import { createRoute, z } from '@hono/zod-openapi';
import { deleteExcerpt, getExcerpt, insertExcerpt, listExcerpts } from '../../../../db/repositories/sensemaking.js';
import { assertStoryVisibleForSensemaking } from '../../../access.js';
import { audit } from '../../../audit.js';
import { requireRole, staff, team } from '../../../auth/guard.js';
import { invalid, notFound } from '../../../errors.js';
import { assertExist } from '../../../exists.js';
import { body, cookieAuth, errors, idParam, json, router, inTransaction } from '../../../openapi.js';
import { Excerpt, ExcerptBody } from './schemas.js';
import { checkTags, storyForTagging } from './checks.js';

export const excerptRoutes = router()
  .openapi(
    createRoute({
      method: 'get',
      path: '/stories/{id}/excerpts',
      tags: ['coding'],
      summary: "A story's coded passages, re-anchored against its current text",
      security: cookieAuth,
      request: { params: idParam },
      responses: {
        200: json(
          z.object({ story: z.object({ id: z.number(), projectId: z.number(), title: z.string() }), bodyText: z.string(), excerpts: z.array(Excerpt) }),
        ),
        401: errors[401],
        403: errors[403],
        404: errors[404],
      },
    }),
    async (c) => {
      const user = requireRole(c, ...team);
      const { id } = c.req.valid('param');
      const story = await assertStoryVisibleForSensemaking(c.get('db'), user, id);
      const excerpts = await inTransaction(c, (tx) => listExcerpts(tx, id, story.bodyText));
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
      const excerpt = await inTransaction(c, async (tx) => {
        const story = await storyForTagging(tx, user, id);
        const targets = [input.outcomeId, input.variableId, input.codeId].filter((x) => x !== undefined).length;
        if (targets !== 1)
          throw invalid('Kies één uitkomst, variabele of code / Choose exactly one outcome, variable or code', [
            { field: 'codeId', message: 'Kies precies één uitkomst, variabele of code. / Choose exactly one outcome, variable or code.' },
          ]);
        if (input.position !== undefined && input.variableId === undefined)
          throw invalid('Een positie hoort bij een variabele / A position needs a variable', [
            {
              field: 'position',
              message: 'Een positie hoort bij een variabele. Kies eerst een variabele. / A position needs a variable. Choose a variable first.',
            },
          ]);
        if (input.end <= input.start || input.end > story.bodyText.length)
          throw invalid('Het fragment valt buiten de tekst / The range is outside the text', [
            {
              field: 'end',
              message:
                'Het gekozen stuk valt buiten de tekst. Kies een stuk van het verhaal. / The chosen part is outside the text. Choose a part of the story.',
            },
          ]);
        const quote = story.bodyText.slice(input.start, input.end);
        if (!quote.trim())
          throw invalid('Het fragment is leeg / The range is empty', [
            {
              field: 'start',
              message: 'Het gekozen stuk tekst is leeg. Kies een stuk met woorden. / The chosen part of the text is empty. Choose a part with words.',
            },
          ]);
        if (input.outcomeId) await checkTags(tx, [id], [story.projectId], { outcomes: [{ outcomeId: input.outcomeId }] });
        if (input.variableId)
          await checkTags(tx, [id], [story.projectId], { placements: [{ variableId: input.variableId, position: input.position ?? null }] });
        await assertExist(tx, 'codes', input.codeId, 'codeId');
        const excerptId = await insertExcerpt(tx, {
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
        });
        await audit(
          tx,
          user,
          'story.excerpt.create',
          { type: 'story', id },
          { excerptId, start: input.start, end: input.end, outcomeId: input.outcomeId, variableId: input.variableId, codeId: input.codeId },
        );
        return (await getExcerpt(tx, excerptId))!;
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
      await inTransaction(c, async (tx) => {
        const e = await getExcerpt(tx, id);
        if (!e) throw notFound('Fragment niet gevonden / Excerpt not found');
        await deleteExcerpt(tx, id);
        await audit(tx, user, 'story.excerpt.delete', { type: 'story', id: e.storyId }, { excerptId: id, quote: e.quote.slice(0, 200) });
      });
      return c.json({ deleted: true as const }, 200);
    },
  );
