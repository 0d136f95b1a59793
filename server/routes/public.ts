// What residents reach without an account: the story form behind a project's link, and their own
// story behind its receipt code. Every route is rate-limited per client address (and per link).
import { createRoute, z } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import {
  addConsent,
  linkByToken,
  linkCodeKey,
  newReceiptCode,
  projectVariables,
  receiptHash,
  receiptFeedback,
  receiptStatus,
  withdrawStory,
  lastConsentTextVersion,
} from '../../db/repositories/stories.js';
import { consentLevels } from '../../db/schema.js';
import { tellerCopy } from '../../db/repositories/teller-copy.js';
import { reportablePhotos, reportVersionsOf, storyByReceipt } from '../access.js';
import { redactStoredVersions } from '../reports/redact.js';
import { audit } from '../audit.js';
import { checkConsentGiver, CONSENT_TEXT_VERSION, consentTextVersions, residentConsentVersion, residentLanguages } from '../consent.js';
import { AppError, invalid, notFound } from '../errors.js';
import { body, errors, json, router } from '../openapi.js';
import { parseRichText } from '../richtext.js';
import { recordSubmission } from '../stories/record.js';
import { storyMedia } from '../../db/repositories/media.js';
import { MediaForm, readStoryWithMedia, saveWithMedia } from '../media/upload.js';
import { mediaDir, removeMediaFiles } from '../media/index.js';
import { mediaFileResponse, serveMedia } from '../media/serve.js';
import { defaultLimits } from '../env.js';
import { purgeRemovedText } from '../../db/engine.js';
import { clientAddress } from '../security.js';
import type { AppEnv } from '../types.js';
import { checkPlacements } from './stories/checks.js';
import { linkStatus } from './stories/links.js';
import { dateString, richBody, titleString } from '../fields.js';
import { placementsInput } from './stories/schemas.js';

const EMPTY_DOC = { type: 'doc', content: [{ type: 'paragraph' }] };

/** The title of a story told without one, for the team's lists: its first words. */
export function titleFrom(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,.;:!?-]+$/, '')}…`;
}

const tokenParam = z.object({
  token: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: 'token', in: 'path' } }),
});
const codeParam = z.object({
  code: z
    .string()
    .min(1)
    .max(40)
    .openapi({ param: { name: 'code', in: 'path' } }),
});
const langQuery = z.object({ lang: z.enum(residentLanguages).optional() });

const SubmissionBody = z
  .strictObject({
    title: titleString.optional(),
    body: richBody.optional(),
    tellerName: z.string().trim().max(100).optional(),
    under16: z.boolean().optional(),
    guardianName: z.string().trim().max(200).optional(),
    consent: z.enum(consentLevels),
    consentTextVersion: z.enum(consentTextVersions),
    placements: placementsInput.optional(),
    language: z.enum(residentLanguages).optional(),
    happenedOn: dateString.nullable().optional(),
    /** The photo's own consent: it may go into reports (only with consent `public`). */
    photoInReports: z.boolean().optional(),
  })
  .superRefine((s, ctx) => {
    // The consent the resident read is the text in the language they told their story in.
    const [, textLanguage] = s.consentTextVersion.split('/');
    if (textLanguage && textLanguage !== (s.language ?? 'nl'))
      ctx.addIssue({
        code: 'custom',
        path: ['consentTextVersion'],
        message: `the consent text of ${s.language ?? 'nl'} is ${residentConsentVersion(s.language ?? 'nl')}`,
      });
  })
  .openapi('PublicStory');

const mediaParams = codeParam.extend({
  mediaId: z.coerce
    .number()
    .int()
    .positive()
    .openapi({ param: { name: 'mediaId', in: 'path' } }),
});

const WithdrawBody = z.strictObject({ reason: z.string().trim().max(2000).optional() }).openapi('ReceiptWithdraw');

const FormData = z
  .object({
    project: z.object({ name: z.string() }),
    variables: z.array(z.object({ id: z.number(), key: z.string(), name: z.string(), weak: z.string(), strong: z.string() })),
    consentTextVersion: z.string(),
    /** The link's own question to residents; null: the standard one in the resident's language. */
    question: z.string().nullable(),
    /** The form takes a voice recording and a photo (multipart). */
    media: z.literal(true),
    open: z.literal(true),
  })
  .openapi('PublicForm');

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

/**
 * A flood from one address, or at one link, gets 429s; everyone else is still served. Counted
 * before the body is even validated, so malformed requests count too.
 */
const limited: MiddlewareHandler<AppEnv> = async (c, next) => {
  const { limiter, config } = c.var;
  await limiter.hit(`public:addr:${clientAddress(c)}`, config.limits.publicPerAddress);
  const token = /\/public\/links\/([^/]+)/.exec(c.req.path)?.[1];
  if (token !== undefined) await limiter.hit(`public:link:${linkCodeKey(token) ?? token}`, config.limits.publicPerLink);
  await next();
};

/**
 * Guessing codes learns nothing: unknown link codes and unknown receipt codes each count against
 * the client address (`linkGuessesPerAddress`, `receiptGuessesPerAddress` per window, counted in the
 * shared rate-limit store, so in the database when several processes serve one). Past the limit
 * every code of that kind answers 429 to that address, known or not. Known codes never count.
 */
async function guessLimited<T>(c: Context<AppEnv>, kind: 'link' | 'receipt', find: () => Promise<T | undefined>, unknown: string): Promise<T> {
  const { limiter, config } = c.var;
  const key = `public:${kind === 'link' ? 'guess' : 'receipt-guess'}:${clientAddress(c)}`;
  const limit =
    kind === 'link'
      ? (config.limits.linkGuessesPerAddress ?? defaultLimits.linkGuessesPerAddress!)
      : (config.limits.receiptGuessesPerAddress ?? defaultLimits.receiptGuessesPerAddress!);
  if (await limiter.exhausted(key, limit)) throw await limiter.tooMany(key);
  const found = await find();
  if (found === undefined) {
    await limiter.hit(key, limit);
    throw notFound(unknown);
  }
  return found;
}

/** The link behind a token or short code: 404 when unknown (a counted guess), 410 once closed or expired. */
async function openLink(c: Context<AppEnv>, token: string) {
  const link = await guessLimited(c, 'link', () => linkByToken(c.var.db, token), 'Deze link bestaat niet / This link does not exist');
  if (linkStatus(link) !== 'open') throw new AppError('gone', 'Deze link is gesloten / This link is closed');
  return link;
}

const UNKNOWN_RECEIPT = 'Onbekende bonnetjescode / Unknown receipt code';

async function receiptStory(c: Context<AppEnv>, code: string) {
  const hash = receiptHash(code);
  const story = await guessLimited(
    c,
    'receipt',
    async () =>
      hash
        ? await storyByReceipt(c.var.db, hash)
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
  const { status, usedIn } = await receiptStatus(c.var.db, story);
  const withdrawn = status === 'withdrawn';
  const reviewed = withdrawn ? undefined : (await reportVersionsOf(c.var.db, [story.id])).get(story.id);
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
      feedback: withdrawn ? [] : await receiptFeedback(c.var.db, story.id),
      media: withdrawn
        ? []
        : (await storyMedia(c.var.db, story.id)).map((m) => ({
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
base.use('/public/links/*', limited);
base.use('/public/receipts/*', limited);

export const publicRoutes = base
  .openapi(
    createRoute({
      method: 'get',
      path: '/public/links/{token}',
      tags: ['public'],
      summary: 'What the resident’s story form needs: project name, its climate scales, the consent text version',
      request: { params: tokenParam, query: langQuery },
      responses: { 200: json(FormData), 404: errors[404], 410: { ...errors[404], description: 'Link closed or expired' }, 429: errors[429] },
    }),
    async (c) => {
      const { token } = c.req.valid('param');
      const link = await openLink(c, token);
      const lang = c.req.valid('query').lang ?? 'nl';
      // The resident pages word the catalogue's variables themselves (web/resident/locales); this is
      // the fallback for variables they do not know: English for English, else the Dutch catalogue.
      const en = lang === 'en';
      // The link's own climate questions (in its order), else the project's first two.
      const all = await projectVariables(c.var.db, link.projectId);
      const chosen: number[] | null = link.climateVariableIds === null ? null : JSON.parse(link.climateVariableIds);
      const asked = chosen === null ? all.slice(0, 2) : chosen.flatMap((id) => all.filter((v) => v.id === id));
      const variables = asked.map((v) => ({
        id: v.id,
        key: v.key,
        name: en ? v.nameEn : v.nameNl,
        weak: en ? v.weakEn : v.weakNl,
        strong: en ? v.strongEn : v.strongNl,
      }));
      return c.json(
        {
          project: { name: link.projectName },
          question: link.question,
          variables,
          consentTextVersion: residentConsentVersion(lang),
          media: true as const,
          open: true as const,
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/public/links/{token}/stories',
      tags: ['public'],
      summary: 'A resident tells a story; the answer holds the receipt code, shown once',
      description: 'JSON, or multipart/form-data with the story as JSON in `story` and a voice recording (`audio`) and/or a photo (`photo`).',
      request: {
        params: tokenParam,
        body: { content: { 'application/json': { schema: SubmissionBody }, 'multipart/form-data': { schema: MediaForm } }, required: false },
      },
      responses: {
        201: json(z.object({ receipt: z.string(), receiptUrl: z.string() })),
        400: errors[400],
        404: errors[404],
        410: { ...errors[404], description: 'Link closed or expired' },
        413: errors[413],
        415: errors[415],
        429: errors[429],
      },
    }),
    async (c) => {
      const { token } = c.req.valid('param');
      const { db } = c.var;
      const link = await openLink(c, token);
      const { input, media } = await readStoryWithMedia(c, SubmissionBody);
      const audio = media.some((m) => m.kind === 'audio');
      const rich = parseRichText(input.body ?? EMPTY_DOC);
      // A story is told in words or by voice; a photo alone is not a story.
      if (!rich.text.trim() && !audio)
        throw invalid('Schrijf je verhaal, of spreek het in / Write your story, or speak it', [
          { field: 'body', message: 'the story has no text and no recording' },
        ]);
      const placements = await checkPlacements(db, link.projectId, input.placements);
      const under16 = input.under16 ?? false;
      const givenBy = under16 ? ('guardian' as const) : ('teller' as const);
      if (under16 && !input.guardianName)
        throw invalid('Vul de naam van je ouder of voogd in / Fill in your parent’s or guardian’s name', [
          { field: 'guardianName', message: 'required under 16' },
        ]);
      checkConsentGiver({ under16, givenBy, guardianName: input.guardianName, widening: true });
      const code = newReceiptCode();
      await saveWithMedia(c, media, (stored) =>
        recordSubmission(db, c.var.write, {
          teller: { displayName: input.tellerName || null, under16 },
          story: {
            projectId: link.projectId,
            areaId: null,
            title: input.title ?? (titleFrom(rich.text) || 'Ingesproken verhaal'),
            phase: null,
            happenedOn: input.happenedOn ?? null,
            language: input.language ?? 'nl',
            source: 'link',
            linkId: link.id,
            receiptHash: receiptHash(code),
          },
          rich,
          consent: {
            level: input.consent,
            givenBy,
            guardianName: under16 ? input.guardianName! : null,
            channel: 'online',
            consentTextVersion: input.consentTextVersion,
          },
          placements,
          by: null,
          auditDetails: { projectId: link.projectId, source: 'link', linkId: link.id, consent: input.consent, givenBy, media: stored.map((m) => m.kind) },
          media: stored,
          photoInReports: input.photoInReports === true,
        }),
      );
      return c.json({ receipt: code, receiptUrl: `/r/${code}` }, 201);
    },
  )
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
      const { db } = c.var;
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
      const { db } = c.var;
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
        await removeMediaFiles(mediaDir(c.var.config), files); // the recording and photo go with the story
        void purgeRemovedText(db); // and the old text leaves the data files (PostgreSQL: VACUUM, in the background)
      }
      return c.json({ story: (await receiptStory(c, code)).view }, 200);
    },
  );
