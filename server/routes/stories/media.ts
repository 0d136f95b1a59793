// A story's voice recording and photo for the team: listening and looking (the team's scope only,
// never funders: server/access.ts), and a worker adding a recording or photo to a story they may edit.
import { createRoute, z } from '@hono/zod-openapi';
import { insertMedia, mediaKindsOf } from '../../../db/repositories/media.js';
import { assertMediaForTeam, canEditStory, visibleStory } from '../../access.js';
import { audit } from '../../audit.js';
import { requireRole, team } from '../../auth/guard.js';
import { AppError, forbidden } from '../../errors.js';
import { mediaFileResponse, serveMedia } from '../../media/serve.js';
import { MediaForm, readStoryWithMedia, saveWithMedia } from '../../media/upload.js';
import { cookieAuth, errors, idParam, json, router, pathId } from '../../openapi.js';
import { storyFor } from './checks.js';
import { Story } from './schemas.js';

const mediaParams = idParam.extend({
  mediaId: pathId('mediaId'),
});
const MediaFields = z.strictObject({ photoInReports: z.boolean().optional() });

export const storyMediaRoutes = router()
  .openapi(
    createRoute({
      method: 'get',
      path: '/stories/{id}/media/{mediaId}',
      tags: ['stories'],
      summary: 'Listen to a story’s recording or look at its photo (the project’s team; never funders or reports)',
      security: cookieAuth,
      request: { params: mediaParams },
      responses: {
        200: mediaFileResponse,
        401: errors[401],
        403: errors[403],
        404: errors[404],
      },
    }),
    async (c) => {
      const user = requireRole(c, ...team, 'funder');
      const { id, mediaId } = c.req.valid('param');
      await assertMediaForTeam(c.get('db'), user, id);
      return serveMedia(c, id, mediaId);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/stories/{id}/media',
      tags: ['stories'],
      summary: 'Add a voice recording and/or a photo to a story you may edit (multipart: `story` holds {photoInReports?} as JSON)',
      security: cookieAuth,
      request: { params: idParam, body: { content: { 'multipart/form-data': { schema: MediaForm } }, required: true } },
      responses: {
        201: json(z.object({ story: Story })),
        400: errors[400],
        401: errors[401],
        403: errors[403],
        404: errors[404],
        413: errors[413],
        415: errors[415],
      },
    }),
    async (c) => {
      const user = requireRole(c, ...team);
      const { id } = c.req.valid('param');
      const db = c.get('db');
      const story = await visibleStory(db, user, id);
      if (!canEditStory(user, story)) throw forbidden('Je mag dit verhaal niet aanvullen / You may not add to this story');
      const { input, media } = await readStoryWithMedia(c, MediaFields);
      if (!media.length)
        throw new AppError('invalid_input', 'Kies een opname of een foto / Choose a recording or a photo', [
          { field: 'audio', message: 'Kies een opname of een foto. / Choose a recording or a photo.' },
        ]);
      const existing = await mediaKindsOf(db, id);
      const twice = media.find((m) => existing.some((e) => e.kind === m.kind));
      if (twice)
        throw new AppError('conflict', 'Dit verhaal heeft al een opname of foto / This story already has a recording or photo', [
          {
            field: twice.kind,
            message:
              'Dit verhaal heeft er al een. Een verhaal heeft één opname en één foto. / This story already has one. A story has one recording and one photo.',
          },
        ]);
      await saveWithMedia(c, media, (stored) =>
        db.transaction().execute(async (tx) => {
          // Only the teller can let a photo into reports; a worker records what the teller said.
          await insertMedia(tx, id, stored, input.photoInReports === true);
          await audit(tx, user, 'story.media', { type: 'story', id }, { media: stored.map((m) => m.kind) });
        }),
      );
      return c.json({ story: await storyFor(db, user, id) }, 201);
    },
  );
