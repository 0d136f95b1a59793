// A resident's own story behind its receipt code: reading it back, its recording and photo, their
// own copy, and withdrawing it.
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { purgeRemovedText } from '../../../db/engine.js';
import { storyMedia } from '../../../db/repositories/media.js';
import { addConsent, lastConsentTextVersion, receiptFeedback, receiptHash, receiptStatus, withdrawStory } from '../../../db/repositories/stories.js';
import { tellerCopy } from '../../../db/repositories/teller-copy.js';
import { consentLevels } from '../../../db/schema.js';
import { reportablePhotos, reportVersionsOf, storyByReceipt } from '../../access.js';
import { audit } from '../../audit.js';
import { CONSENT_TEXT_VERSION } from '../../consent.js';
import { mediaDir, removeMediaFiles } from '../../media/index.js';
import { mediaFileResponse, serveMedia } from '../../media/serve.js';
import { body, errors, json, router, pathId } from '../../openapi.js';
import { redactStoredVersions } from '../../reports/redact.js';
import type { AppEnv } from '../../types.js';
import { guessLimited, limited } from './guards.js';

const codeParam = z.object({
  code: z
    .string()
    .min(1)
    .max(40)
    .openapi({ param: { name: 'code', in: 'path' } }),
});
const mediaParams = codeParam.extend({
  mediaId: pathId('mediaId'),
});

const WithdrawBody = z.strictObject({ reason: z.string().trim().max(2000).optional() }).openapi('ReceiptWithdraw');

const ReceiptStory = z
  .object({
    title: z.string(),
    bodyHtml: z.string(),
    consent: z.enum(consentLevels),
    status: z.enum(['received', 'used', 'withdrawn']),
    usedIn: z.array(z.object({ report: z.string(), version: z.number(), publishedAt: z.string() })),
    projectName: z.string(),
    tellerName: z.string().nullable(),
    createdAt: z.string(),
    withdrawnAt: z.string().nullable(),
    feedback: z
      .array(
        z.object({ domain: z.string(), panel: z.array(z.enum(['coordinator', 'worker', 'funder'])), reasons: z.array(z.string()), at: z.string().nullable() }),
      )
      .openapi({ description: 'Most Significant Change rounds that chose the story (once fed back): who chose it as roles, never names, and why' }),
    /** The recording and photo sent with it; the resident can listen back and look (never after withdrawal). */
    media: z.array(z.object({ id: z.number(), kind: z.enum(['audio', 'photo']), mime: z.string(), durationSeconds: z.number().nullable(), url: z.string() })),
    reportVersion: z.object({ title: z.string(), bodyHtml: z.string() }).nullable().openapi({
      description: 'the reviewed version that reports show, beside the teller’s own text; null until it is reviewed (or while a change waits for review)',
    }),
  })
  .openapi('ReceiptStory');

const UNKNOWN_RECEIPT = 'Onbekende bewijscode / Unknown receipt code';

async function receiptStory(c: Context<AppEnv>, code: string) {
  const hash = receiptHash(code);
  const story = await guessLimited(
    c,
    'receipt',
    async () =>
      hash
        ? await storyByReceipt(c.get('db'), hash)
            .innerJoin('projects', 'projects.id', 'stories.projectId')
            .innerJoin('tellers', 'tellers.id', 'stories.tellerId')
            .select([
              'stories.id',
              'stories.title',
              'stories.bodyHtml',
              'stories.consent',
              'stories.createdAt',
              'stories.withdrawnAt',
              'stories.tellerId',
              'projects.name as projectName',
              'tellers.displayName as tellerName',
            ])
            .executeTakeFirst()
        : undefined,
    UNKNOWN_RECEIPT,
  );
  const { status, usedIn } = await receiptStatus(c.get('db'), story);
  const withdrawn = status === 'withdrawn';
  const reviewed = withdrawn ? undefined : (await reportVersionsOf(c.get('db'), [story.id])).get(story.id);
  return {
    id: story.id,
    tellerId: story.tellerId,
    view: {
      title: withdrawn ? '' : story.title,
      bodyHtml: withdrawn ? '' : story.bodyHtml,
      consent: story.consent,
      status,
      usedIn,
      projectName: story.projectName,
      tellerName: story.tellerName,
      createdAt: story.createdAt,
      withdrawnAt: story.withdrawnAt,
      feedback: withdrawn ? [] : await receiptFeedback(c.get('db'), story.id),
      media: withdrawn
        ? []
        : (await storyMedia(c.get('db'), story.id)).map((m) => ({
            id: m.id,
            kind: m.kind,
            mime: m.mime,
            durationSeconds: m.durationSeconds,
            url: `/api/public/receipts/${encodeURIComponent(code)}/media/${m.id}`,
          })),
      reportVersion: reviewed ? { title: reviewed.title, bodyHtml: reviewed.bodyHtml } : null,
    },
  };
}

const base = router();
base.use('/public/receipts/*', limited);

export const receiptRoutes = base
  .openapi(
    createRoute({
      method: 'get',
      path: '/public/receipts/{code}',
      tags: ['public'],
      summary: 'A resident reads back their story and sees what became of it',
      request: { params: codeParam },
      responses: { 200: json(z.object({ story: ReceiptStory })), 404: errors[404], 429: errors[429] },
    }),
    async (c) => {
      return c.json({ story: (await receiptStory(c, c.req.valid('param').code)).view }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/public/receipts/{code}/media/{mediaId}',
      tags: ['public'],
      summary: 'The resident listens back to their recording or looks at their photo (gone once the story is withdrawn)',
      request: { params: mediaParams },
      responses: {
        200: mediaFileResponse,
        404: errors[404],
        429: errors[429],
      },
    }),
    async (c) => {
      const { code, mediaId } = c.req.valid('param');
      const found = await receiptStory(c, code);
      return serveMedia(c, found.id, mediaId);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/public/receipts/{code}/copy.json',
      tags: ['public'],
      summary:
        "The teller's own copy: everything stored about their story (text, language, placements, consent history, where it was used) as JSON, nothing about anyone else (GDPR art. 15 and 20)",
      request: { params: codeParam },
      responses: { 200: json(z.object({ about: z.string() }).passthrough(), 'The copy (a download)'), 404: errors[404], 429: errors[429] },
    }),
    async (c) => {
      const { code } = c.req.valid('param');
      const hash = receiptHash(code);
      const db = c.get('db');
      const copy = await guessLimited(
        c,
        'receipt',
        async () =>
          hash
            ? await tellerCopy(
                db,
                storyByReceipt(db, hash),
                async (id) => (await reportVersionsOf(db, [id])).get(id),
                async (id) => (await reportablePhotos(db).where('stories.id', '=', id).select('storyMedia.id as id').execute()).map((r) => r.id),
              )
            : undefined,
        UNKNOWN_RECEIPT,
      );
      c.header('Content-Disposition', 'attachment; filename="weefwerk-mijn-verhaal.json"');
      // Each file with the address to listen to or look at it with the receipt code.
      const media = copy.media.map((m) => ({ ...m, url: `/api/public/receipts/${encodeURIComponent(code)}/media/${m.id}` }));
      return c.json({ ...copy, media }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/public/receipts/{code}/withdraw',
      tags: ['public'],
      summary: 'A resident withdraws their story with its receipt code: its text is removed and it leaves every list, search and report',
      request: { params: codeParam, body: { ...body(WithdrawBody), required: false } },
      responses: { 200: json(z.object({ story: ReceiptStory })), 400: errors[400], 404: errors[404], 429: errors[429] },
    }),
    async (c) => {
      const { code } = c.req.valid('param');
      const reason = c.req.valid('json')?.reason;
      const db = c.get('db');
      const found = await receiptStory(c, code);
      if (found.view.status !== 'withdrawn') {
        const files = await db.transaction().execute(async (tx) => {
          await addConsent(tx, found.id, {
            level: null,
            withdrawn: true,
            givenBy: 'teller',
            guardianName: null,
            channel: 'online',
            consentTextVersion: (await lastConsentTextVersion(tx, found.id)) ?? CONSENT_TEXT_VERSION,
            reason: reason || null,
            recordedBy: null,
          });
          const files = await withdrawStory(tx, found.id);
          await redactStoredVersions(tx, [found.id], { system: 'resident (receipt)' }, 'story withdrawn');
          await audit(
            tx,
            { system: 'resident (receipt)' },
            'story.withdraw',
            { type: 'story', id: found.id },
            { from: found.view.consent, to: null, givenBy: 'teller', channel: 'online' },
          );
          return files;
        });
        await removeMediaFiles(mediaDir(c.get('config')), files); // the recording and photo go with the story
        void purgeRemovedText(db); // and the old text leaves the data files (PostgreSQL: VACUUM, in the background)
      }
      return c.json({ story: (await receiptStory(c, code)).view }, 200);
    },
  );
