// A teller's privacy rights: export everything stored, or erase it.
import { createRoute, z } from '@hono/zod-openapi';
import { redactStoredVersions } from '../../reports/redact.js';
import { eraseTeller, tellerExport, tellerExists, storyIdsOfTeller } from '../../../db/repositories/stories.js';
import { mediaDir, removeMediaFiles } from '../../media/index.js';
import { visibleStories } from '../../access.js';
import { audit } from '../../audit.js';
import { requireRole, staff } from '../../auth/guard.js';
import { notFound } from '../../errors.js';
import { body, cookieAuth, errors, idParam, json, router, inTransaction } from '../../openapi.js';
import { purgeRemovedText } from '../../../db/engine.js';

const EraseBody = z.strictObject({ reason: z.string().trim().min(1).max(500) }).openapi('TellerErase');

export const privacyRoutes = router()
  .openapi(
    createRoute({
      method: 'get',
      path: '/tellers/{id}/export',
      tags: ['privacy'],
      summary: 'Everything stored about one teller, as JSON (coordinator, admin)',
      security: cookieAuth,
      request: { params: idParam },
      responses: {
        200: json(z.object({ exportedAt: z.string(), teller: z.unknown(), stories: z.array(z.unknown()) })),
        401: errors[401],
        403: errors[403],
        404: errors[404],
      },
    }),
    async (c) => {
      const user = requireRole(c, ...staff);
      const { id } = c.req.valid('param');
      const db = c.get('db');
      const data = await tellerExport(db, await visibleStories(db, user, { includeWithdrawn: true }), id);
      if (!data) throw notFound('Verteller niet gevonden / Teller not found');
      await audit(db, user, 'teller.export', { type: 'teller', id }, { stories: data.stories.length });
      c.header('Content-Disposition', `attachment; filename="teller-${id}.json"`);
      return c.json({ exportedAt: new Date().toISOString(), ...data }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/tellers/{id}/erase',
      tags: ['privacy'],
      summary: 'Erase a teller: their stories, consents, placements, tags and search entries (coordinator, admin)',
      security: cookieAuth,
      request: { params: idParam, body: body(EraseBody) },
      responses: {
        200: json(z.object({ erased: z.object({ stories: z.number(), consents: z.number(), placements: z.number(), tags: z.number(), media: z.number() }) })),
        400: errors[400],
        401: errors[401],
        403: errors[403],
        404: errors[404],
      },
    }),
    async (c) => {
      const user = requireRole(c, ...staff);
      const { id } = c.req.valid('param');
      const { reason } = c.req.valid('json');
      const erased = await inTransaction(c, async (tx) => {
        if (!(await tellerExists(tx, id))) throw notFound('Verteller niet gevonden / Teller not found');
        const storyIds = await storyIdsOfTeller(tx, id);
        await redactStoredVersions(tx, storyIds, user, 'teller erased'); // published report versions lose the text too
        const { counts, files } = await eraseTeller(tx, id);
        // The audit log keeps that an erasure happened and how much, never what was erased.
        await audit(tx, user, 'teller.erase', { type: 'teller', id }, { ...counts, reason });
        return { counts, files };
      });
      // The rows are gone; now their recordings and photos.
      await removeMediaFiles(mediaDir(c.get('config')), erased.files);
      void purgeRemovedText(c.get('db')); // the old text leaves the data files (PostgreSQL: VACUUM, in the background)
      return c.json({ erased: erased.counts }, 200);
    },
  );
