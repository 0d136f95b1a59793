// A new receipt code for a heard story whose teller lost the one handed over. Only the code's hash
// is stored, so the old code can never be shown again; a new one replaces it (the old stops working).
import { createRoute, z } from '@hono/zod-openapi';
import { newReceiptCode } from '../../../db/domain/receipt-codes.js';
import { receiptHash, setReceiptHash } from '../../../db/repositories/stories.js';
import { canReissueReceipt, visibleStory } from '../../access.js';
import { audit } from '../../audit.js';
import { requireRole, team } from '../../auth/guard.js';
import { conflict, forbidden } from '../../errors.js';
import { cookieAuth, errors, idParam, json, router } from '../../openapi.js';

export const receiptRoutes = router().openapi(
  createRoute({
    method: 'post',
    path: '/stories/{id}/receipt',
    tags: ['stories'],
    summary:
      "A heard story's new receipt code, shown once, for the teller who lost theirs; the old code stops working (the story's recorder or staff; not for stories residents sent themselves)",
    security: cookieAuth,
    request: { params: idParam },
    responses: {
      200: json(z.object({ receipt: z.string(), receiptUrl: z.string() })),
      401: errors[401],
      403: errors[403],
      404: errors[404],
      409: errors[409],
    },
  }),
  async (c) => {
    const user = requireRole(c, ...team);
    const { id } = c.req.valid('param');
    const db = c.get('db');
    const story = await visibleStory(db, user, id);
    if (story.source !== 'heard')
      throw conflict(
        'Alleen een gehoord verhaal krijgt een nieuwe bewijscode: wie zelf een verhaal stuurde, heeft de code zelf / Only a heard story gets a new receipt code: a resident who sent a story holds its code',
      );
    if (story.withdrawnAt) throw conflict('Dit verhaal is ingetrokken / This story has been withdrawn');
    if (!canReissueReceipt(user, story))
      throw forbidden(
        'Alleen wie het verhaal vastlegde of een coördinator maakt een nieuwe bewijscode / Only the story’s recorder or a coordinator makes a new receipt code',
      );
    const code = newReceiptCode();
    await db.transaction().execute(async (tx) => {
      await setReceiptHash(tx, id, receiptHash(code)!);
      await audit(tx, user, 'story.receipt.reissue', { type: 'story', id }); // never the code
    });
    return c.json({ receipt: code, receiptUrl: `/r/${code}` }, 200);
  },
);
