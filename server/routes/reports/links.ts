// Read links: a published report for someone without an account.
import { createRoute, z } from '@hono/zod-openapi';
import { getLink, insertLink, listLinks, revokeLink } from '../../../db/repositories/reports.js';
import { assertReportManageable } from '../../access.js';
import { audit } from '../../audit.js';
import { userOf } from '../../auth/guard.js';
import { hashToken, newToken } from '../../auth/tokens.js';
import { invalid, notFound } from '../../errors.js';
import { body, cookieAuth, errors, idParam, json, router, inTransaction } from '../../openapi.js';
import { LinkBody, Link, LinkSummary, linkParams, summary } from './schemas.js';

export const readLinkRoutes = router()
  .openapi(
    createRoute({
      method: 'post',
      path: '/reports/{id}/links',
      tags: ['reports'],
      summary: 'An expiring read-only link to the latest published version (coordinator, admin); the token is shown once',
      security: cookieAuth,
      request: { params: idParam, body: body(LinkBody) },
      responses: { 201: json(z.object({ link: Link })), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] },
    }),
    async (c) => {
      const user = userOf(c);
      const { id } = c.req.valid('param');
      await assertReportManageable(c.get('db'), user, id);
      const expires = new Date(c.req.valid('json').expiresAt);
      const label = c.req.valid('json').label || null;
      const now = Date.now();
      if (expires.getTime() <= now || expires.getTime() > now + 366 * 86_400_000)
        throw invalid('Vervaldatum moet in het komende jaar liggen / Expiry must be within the next year', [
          { field: 'expiresAt', message: 'Kies een vervaldatum in het komende jaar. / Choose an expiry date within the next year.' },
        ]);
      const token = newToken();
      const link = await inTransaction(c, async (tx) => {
        const row = await insertLink(tx, { reportId: id, tokenHash: hashToken(token), expiresAt: expires.toISOString(), createdBy: user.id, label });
        await audit(tx, user, 'report.link', { type: 'report', id }, { linkId: row.id, expiresAt: row.expiresAt, label: row.label });
        return row;
      });
      const base = c.get('config').publicUrl ?? new URL(c.req.url).origin;
      return c.json({ link: { id: link.id, token, url: `${base}/reports/shared/${token}`, expiresAt: link.expiresAt, label: link.label } }, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/reports/{id}/links',
      tags: ['reports'],
      summary: "A report's read links with their status, newest first; never a token (coordinator, admin)",
      security: cookieAuth,
      request: { params: idParam },
      responses: { 200: json(z.object({ links: z.array(LinkSummary) })), 401: errors[401], 403: errors[403], 404: errors[404] },
    }),
    async (c) => {
      const user = userOf(c);
      const { id } = c.req.valid('param');
      await assertReportManageable(c.get('db'), user, id);
      return c.json({ links: (await listLinks(c.get('db'), id)).map(summary) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/reports/{id}/links/{linkId}/revoke',
      tags: ['reports'],
      summary: 'Revoke a read link: its page answers 410 from now on (coordinator, admin)',
      description:
        'Idempotent: revoking a link that is already revoked answers 200 with the link as it is (the first revocation, its time and who did it, stays; no second audit entry). An expired link can still be revoked.',
      security: cookieAuth,
      request: { params: linkParams },
      responses: { 200: json(z.object({ link: LinkSummary })), 401: errors[401], 403: errors[403], 404: errors[404] },
    }),
    async (c) => {
      const user = userOf(c);
      const { id, linkId } = c.req.valid('param');
      const link = await inTransaction(c, async (tx) => {
        await assertReportManageable(tx, user, id);
        const before = await getLink(tx, id, linkId);
        if (!before) throw notFound('Link niet gevonden / Link not found');
        if (await revokeLink(tx, linkId, user.id)) {
          await audit(
            tx,
            user,
            'report.link.revoke',
            { type: 'report', id },
            { linkId, label: before.label, expiresAt: before.expiresAt, wasStatus: before.status },
          );
        }
        return (await getLink(tx, id, linkId))!;
      });
      return c.json({ link: summary(link) }, 200);
    },
  );
