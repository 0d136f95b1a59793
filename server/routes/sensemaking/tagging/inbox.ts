// The tagging inbox and bulk tagging.
import { createRoute, z } from '@hono/zod-openapi';
import { addAcceptedTags, storyTags, taggingInbox } from '../../../../db/repositories/sensemaking.js';
import { visibleStories } from '../../../access.js';
import { audit } from '../../../audit.js';
import { requireRole, staff, team } from '../../../auth/guard.js';
import { invalid } from '../../../errors.js';
import { body, cookieAuth, errors, json, router, inTransaction } from '../../../openapi.js';
import { OutcomeTagBody, PlacementBody, StoryTags } from './schemas.js';
import { checkTags, storyForTagging, summary } from './checks.js';
import { idList } from '../../../fields.js';

export const inboxRoutes = router()
  .openapi(
    createRoute({
      method: 'get',
      path: '/tagging/inbox',
      tags: ['tagging'],
      summary:
        'Stories to tag: untagged first, then those with only suggestions (visible, not withdrawn); with storyId that story, tagged or not, its tags as suggestions',
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
                tellerPlacements: z
                  .array(z.object({ variableId: z.number(), position: z.number().nullable() }))
                  .openapi({ description: "the teller's own placements, for comparison" }),
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
      const visible = await visibleStories(c.get('db'), user);
      return c.json({ stories: await taggingInbox(c.get('db'), visible, { projectId, storyId, limit: limit ?? 100 }) }, 200);
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
            .strictObject({
              storyIds: idList(500).min(1),
              outcomes: z.array(OutcomeTagBody).max(100).optional(),
              placements: z.array(PlacementBody).max(100).optional(),
            })
            .openapi('BulkTags'),
        ),
      },
      responses: {
        200: json(z.object({ tagged: z.array(z.number()) })),
        400: errors[400],
        401: errors[401],
        403: errors[403],
        404: errors[404],
        409: errors[409],
      },
    }),
    async (c) => {
      const user = requireRole(c, ...staff);
      const { storyIds, ...tags } = c.req.valid('json');
      const ids = [...new Set(storyIds)];
      if (!tags.outcomes?.length && !tags.placements?.length)
        throw invalid('Kies een uitkomst of een plaatsing / Choose an outcome or a placement', [
          { field: 'outcomes', message: 'Kies een uitkomst of een plaatsing. / Choose an outcome or a placement.' },
        ]);
      await inTransaction(c, async (tx) => {
        const stories = [];
        for (const id of ids) stories.push(await storyForTagging(tx, user, id));
        await checkTags(
          tx,
          ids,
          stories.map((s) => s.projectId),
          tags,
        );
        for (const id of ids) {
          const before = await storyTags(tx, id);
          await addAcceptedTags(tx, id, user.id, tags);
          await audit(tx, user, 'story.tags.bulk', { type: 'story', id }, { before: summary(before), added: tags });
        }
      });
      return c.json({ tagged: ids }, 200);
    },
  );
