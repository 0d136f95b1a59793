// A story's tags: read, set (or suggest), accept suggestions, place on climate scales.
import { createRoute, z } from '@hono/zod-openapi';
import { acceptSuggestions, placementsSideBySide, setAcceptedTags, setSuggestedTags, storyTags } from '../../../../db/repositories/sensemaking.js';
import { assertStoryVisibleForSensemaking, isStaff } from '../../../access.js';
import { audit } from '../../../audit.js';
import { requireRole, staff, team } from '../../../auth/guard.js';
import { body, cookieAuth, errors, idParam, json, router, inTransaction } from '../../../openapi.js';
import { ClimateVariable } from '../climate-variables.js';
import { TagsBody, TagsResponse } from './schemas.js';
import { checkTags, storyForTagging, summary } from './checks.js';
import { idList } from '../../../fields.js';

export const storyTagRoutes = router()
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
      await assertStoryVisibleForSensemaking(c.get('db'), user, id);
      return c.json({ storyId: id, tags: await storyTags(c.get('db'), id) }, 200);
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
      const tags = await inTransaction(c, async (tx) => {
        const story = await storyForTagging(tx, user, id);
        await checkTags(tx, [id], [story.projectId], input);
        const before = await storyTags(tx, id);
        if (isStaff(user)) await setAcceptedTags(tx, id, user.id, input);
        else await setSuggestedTags(tx, id, user.id, input);
        const after = await storyTags(tx, id);
        await audit(
          tx,
          user,
          isStaff(user) ? 'story.tags.set' : 'story.tags.suggest',
          { type: 'story', id },
          {
            before: summary(before),
            after: summary(after),
          },
        );
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
      request: {
        params: idParam,
        body: body(z.strictObject({ outcomeIds: idList(500).optional(), variableIds: idList(200).optional() }).openapi('AcceptTags')),
      },
      responses: { 200: json(TagsResponse), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404], 409: errors[409] },
    }),
    async (c) => {
      const user = requireRole(c, ...staff);
      const { id } = c.req.valid('param');
      const only = c.req.valid('json');
      const tags = await inTransaction(c, async (tx) => {
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
      const story = await assertStoryVisibleForSensemaking(c.get('db'), user, id);
      return c.json({ placements: await placementsSideBySide(c.get('db'), id, story.projectId) }, 200);
    },
  );
