// Sharing a report with funders.
import { createRoute, z } from '@hono/zod-openapi';
import { addShare, listShares, removeShare, reportTitle, shareTarget } from '../../../db/repositories/reports.js';
import { assertReportManageable } from '../../access.js';
import { audit } from '../../audit.js';
import { userOf } from '../../auth/guard.js';
import { invalid } from '../../errors.js';
import { reportSharedMail } from '../../mail/notices.js';
import { appOrigin } from '../../security.js';
import { body, cookieAuth, errors, idParam, json, router, inTransaction, pathId } from '../../openapi.js';
import { Share, ShareBody } from './schemas.js';

export const shareRoutes = router()
  .openapi(
    createRoute({
      method: 'post',
      path: '/reports/{id}/shares',
      tags: ['reports'],
      summary: 'Share a report with a funder account: they see its published versions (coordinator, admin)',
      security: cookieAuth,
      request: { params: idParam, body: body(ShareBody) },
      responses: { 201: json(z.object({ shares: z.array(Share) })), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] },
    }),
    async (c) => {
      const user = userOf(c);
      const { id } = c.req.valid('param');
      const { userId } = c.req.valid('json');
      const { shares, notify } = await inTransaction(c, async (tx) => {
        await assertReportManageable(tx, user, id);
        const target = await shareTarget(tx, userId);
        if (!target || target.role !== 'funder' || target.disabledAt)
          throw invalid('Alleen te delen met een actief financiersaccount / Share only with an active funder account', [
            {
              field: 'userId',
              message:
                'Deze gebruiker is geen actieve financier. Deel alleen met een actief financiersaccount. / This user is not an active funder. Share only with an active funder account.',
            },
          ]);
        const added = await addShare(tx, id, userId, user.id);
        await audit(tx, user, 'report.share', { type: 'report', id }, { userId });
        const report = await reportTitle(tx, id);
        return { shares: await listShares(tx, id), notify: added ? { to: target, report } : null };
      });
      // Told once, when newly shared (sharing again changes nothing and sends nothing).
      if (notify) reportSharedMail(c.get('mailer'), notify.to, notify.report, appOrigin(c));
      return c.json({ shares }, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/reports/{id}/shares/{userId}',
      tags: ['reports'],
      summary: 'Stop sharing a report with a funder (coordinator, admin)',
      security: cookieAuth,
      request: {
        params: idParam.extend({ userId: pathId('userId') }),
      },
      responses: { 200: json(z.object({ shares: z.array(Share) })), 401: errors[401], 403: errors[403], 404: errors[404] },
    }),
    async (c) => {
      const user = userOf(c);
      const { id, userId } = c.req.valid('param');
      const shares = await inTransaction(c, async (tx) => {
        await assertReportManageable(tx, user, id);
        await removeShare(tx, id, userId);
        await audit(tx, user, 'report.unshare', { type: 'report', id }, { userId });
        return listShares(tx, id);
      });
      return c.json({ shares }, 200);
    },
  );
