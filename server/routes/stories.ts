// Stories recorded by workers, their consent, submission links, and a teller's privacy rights.
import { createRoute, z } from '@hono/zod-openapi';
import QRCode from 'qrcode';
import type { Kysely } from 'kysely';
import { redactErasedStories } from '../reports/redact.js';
import {
  addConsent,
  eraseTeller,
  getLink,
  getStory,
  insertLink,
  insertPlacements,
  insertStory,
  insertTeller,
  listLinks,
  listStories,
  projectVariables,
  setConsentLevel,
  tellerExport,
  updateLink,
  updateStory,
  withdrawStory,
  workerTeller,
  type Placement,
  type StoryDetail,
} from '../../db/repositories/stories.js';
import { areaInProject } from '../../db/repositories/areas.js';
import { consentLevels, phases, storySources, type DB } from '../../db/schema.js';
import { assertProjectVisible, assertProjectWritable, canEditStory, isStaff, storiesInScope, visibleStories, visibleStory } from '../access.js';
import { audit } from '../audit.js';
import { requireRole, staff } from '../auth/guard.js';
import { newToken } from '../auth/tokens.js';
import { checkConsentGiver, CONSENT_TEXT_VERSION, consentTextVersions, widens } from '../consent.js';
import { AppError, conflict, invalid, notFound } from '../errors.js';
import { body, cookieAuth, errors, idParam, json, router } from '../openapi.js';
import { parseRichText } from '../richtext.js';
import type { SessionUser } from '../types.js';
import type { Context } from 'hono';
import type { AppEnv } from '../types.js';

export const dateString = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use YYYY-MM-DD')
  .refine((d) => !Number.isNaN(Date.parse(d)) && new Date(d).toISOString().slice(0, 10) === d, 'Not a date');
export const languageCode = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/, 'A language code like nl, en, ar, tr');
export const titleString = z.string().trim().min(1).max(200);
/** The tiptap document; its shape is checked by parseRichText (server/richtext.ts), not by zod. */
export const richBody = z.unknown().openapi({ type: 'object', description: 'tiptap JSON document: {type: "doc", content: [...]}' });
export const placementsInput = z
  .array(z.strictObject({ variableId: z.number().int().positive(), position: z.number().int().min(0).max(100).nullable() }))
  .max(100);

const ConsentInput = z.strictObject({
  level: z.enum(consentLevels),
  channel: z.enum(['paper', 'spoken', 'online']),
  givenBy: z.enum(['teller', 'guardian']),
  guardianName: z.string().trim().max(200).optional(),
  consentTextVersion: z.enum(consentTextVersions).optional(),
});

const NewStoryBody = z
  .strictObject({
    projectId: z.number().int().positive(),
    areaId: z.number().int().positive().nullable().optional(),
    title: titleString,
    body: richBody,
    phase: z.enum(phases).nullable().optional(),
    happenedOn: dateString.nullable().optional(),
    language: languageCode.optional(),
    source: z.enum(['heard', 'practice']),
    teller: z.strictObject({ name: z.string().trim().max(100).optional(), under16: z.boolean().optional() }).optional(),
    consent: ConsentInput,
    placements: placementsInput.optional(),
  })
  .openapi('NewStory');

const StoryPatchBody = z
  .strictObject({
    title: titleString.optional(),
    body: richBody.optional(),
    areaId: z.number().int().positive().nullable().optional(),
    phase: z.enum(phases).nullable().optional(),
    happenedOn: dateString.nullable().optional(),
    language: languageCode.optional(),
  })
  .openapi('StoryPatch');

const ConsentChangeBody = z
  .strictObject({
    level: z.enum(consentLevels).optional(),
    withdraw: z.literal(true).optional(),
    reason: z.string().trim().max(2000).optional(),
    channel: z.enum(['paper', 'spoken', 'online']),
    givenBy: z.enum(['teller', 'guardian', 'worker', 'coordinator']),
    guardianName: z.string().trim().max(200).optional(),
    consentTextVersion: z.enum(consentTextVersions).optional(),
  })
  .openapi('ConsentChange');

const ListQuery = z.object({
  q: z.string().max(200).optional(),
  projectId: z.coerce.number().int().positive().optional(),
  areaId: z.coerce.number().int().positive().optional(),
  phase: z.enum(phases).optional(),
  consent: z.enum(consentLevels).optional(),
  source: z.enum(storySources).optional(),
  from: dateString.optional(),
  to: dateString.optional(),
  includeWithdrawn: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

const StorySummary = z
  .object({
    id: z.number(),
    projectId: z.number(),
    projectName: z.string(),
    areaId: z.number().nullable(),
    areaName: z.string().nullable(),
    title: z.string(),
    excerpt: z.string(),
    phase: z.enum(phases).nullable(),
    happenedOn: z.string().nullable(),
    language: z.string(),
    source: z.enum(storySources),
    consent: z.enum(consentLevels),
    withdrawnAt: z.string().nullable(),
    tellerName: z.string().nullable(),
    createdAt: z.string(),
    tagged: z.boolean(),
  })
  .openapi('StorySummary');

const ConsentRecord = z.object({
  id: z.number(),
  level: z.enum(consentLevels).nullable(),
  withdrawn: z.boolean(),
  givenBy: z.enum(['teller', 'guardian', 'worker', 'coordinator']),
  guardianName: z.string().nullable(),
  channel: z.enum(['online', 'paper', 'spoken']),
  consentTextVersion: z.string(),
  reason: z.string().nullable(),
  at: z.string(),
  recordedBy: z.object({ id: z.number(), name: z.string() }).nullable(),
});

const Story = StorySummary.extend({
  body: z.unknown(),
  bodyHtml: z.string(),
  bodyText: z.string(),
  updatedAt: z.string(),
  linkId: z.number().nullable(),
  teller: z.object({ id: z.number(), name: z.string().nullable(), under16: z.boolean(), kind: z.enum(['resident', 'worker']) }),
  recordedBy: z.object({ id: z.number(), name: z.string() }).nullable(),
  consentHistory: z.array(ConsentRecord),
  placements: z.array(z.object({ variableId: z.number(), source: z.enum(['teller', 'coordinator']), position: z.number().nullable(), status: z.enum(['accepted', 'suggested']) })),
  canEdit: z.boolean(),
}).openapi('Story');

const Link = z
  .object({
    id: z.number(),
    projectId: z.number(),
    token: z.string(),
    url: z.string(),
    label: z.string(),
    expiresAt: z.string().nullable(),
    closedAt: z.string().nullable(),
    createdAt: z.string(),
    status: z.enum(['open', 'closed', 'expired']),
    storyCount: z.number().optional(),
  })
  .openapi('SubmissionLink');

/** A date (the end of that day, UTC) or a date-time with an offset. */
const expiry = z
  .string()
  .max(40)
  .refine(
    (v) => /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2}))?$/.test(v) && dateString.safeParse(v.slice(0, 10)).success && !Number.isNaN(Date.parse(v)),
    'Use YYYY-MM-DD or an ISO date-time',
  )
  .transform((v) => (v.length === 10 ? `${v}T23:59:59.999Z` : new Date(v).toISOString()));
const NewLinkBody = z.strictObject({ label: z.string().trim().max(200).optional(), expiresAt: expiry.nullable().optional() }).openapi('NewSubmissionLink');
const LinkPatchBody = z.strictObject({ closed: z.boolean().optional(), expiresAt: expiry.nullable().optional(), label: z.string().trim().max(200).optional() }).openapi('SubmissionLinkPatch');

const EraseBody = z.strictObject({ reason: z.string().trim().min(1).max(500) }).openapi('TellerErase');

/** Placements must be on climate variables the project chose (and not retired), each at most once. */
export async function checkPlacements(db: Kysely<DB>, projectId: number, placements: Placement[] | undefined, field = 'placements'): Promise<Placement[]> {
  if (!placements?.length) return [];
  const allowed = new Set((await projectVariables(db, projectId)).map((v) => v.id));
  const seen = new Set<number>();
  placements.forEach((p, i) => {
    if (!allowed.has(p.variableId)) throw invalid('Deze schaal hoort niet bij het project / This scale is not one of the project’s', [{ field: `${field}.${i}.variableId`, message: 'not a climate variable of this project' }]);
    if (seen.has(p.variableId)) throw invalid('Elke schaal één keer / Each scale once', [{ field: `${field}.${i}.variableId`, message: 'appears twice' }]);
    seen.add(p.variableId);
  });
  return placements;
}

/** A story's area must be one of its project's areas or lie within one of them. */
async function checkArea(db: Kysely<DB>, projectId: number, areaId: number | null | undefined) {
  if (areaId == null) return;
  if (!(await db.selectFrom('areas').select('id').where('id', '=', areaId).executeTakeFirst())) throw invalid('Onbekend gebied / Unknown area', [{ field: 'areaId', message: 'unknown area' }]);
  if (!(await areaInProject(db, projectId, areaId))) {
    throw invalid('Dit gebied hoort niet bij het project / This area is not one of the project’s areas', [{ field: 'areaId', message: 'not an area of this project' }]);
  }
}

function nonEmpty(text: string) {
  if (!text.trim()) throw invalid('Schrijf het verhaal / Write the story', [{ field: 'body', message: 'the story has no text' }]);
}

async function storyFor(db: Kysely<DB>, user: SessionUser, id: number): Promise<StoryDetail & { canEdit: boolean }> {
  const story = await getStory(db, await storiesInScope(db, user), id);
  if (!story) throw notFound('Verhaal niet gevonden / Story not found');
  return { ...story, canEdit: canEditStory(user, { recordedBy: story.recordedBy?.id ?? null, withdrawnAt: story.withdrawnAt }) };
}

export function linkUrl(c: Context<AppEnv>, token: string): string {
  const origin = c.var.config.publicUrl ? new URL(c.var.config.publicUrl).origin : new URL(c.req.url).origin;
  return `${origin}/t/${token}`;
}

type LinkRow = { id: number; projectId: number; token: string; label: string; expiresAt: string | null; closedAt: string | null; createdAt: string; storyCount?: number | null };
export const linkStatus = (l: { expiresAt: string | null; closedAt: string | null }, now = Date.now()) =>
  l.closedAt ? ('closed' as const) : l.expiresAt && Date.parse(l.expiresAt) <= now ? ('expired' as const) : ('open' as const);
const toLink = (c: Context<AppEnv>, l: LinkRow) => ({ ...l, url: linkUrl(c, l.token), status: linkStatus(l), storyCount: l.storyCount == null ? undefined : Number(l.storyCount) });

async function linkFor(c: Context<AppEnv>, user: SessionUser, id: number) {
  const link = await getLink(c.var.db, id);
  if (!link) throw notFound('Link niet gevonden / Link not found');
  await assertProjectVisible(c.var.db, user, link.projectId);
  return link;
}

const anyone = ['admin', 'coordinator', 'worker'] as const;

export const storyRoutes = router()
  .openapi(
    createRoute({
      method: 'post',
      path: '/stories',
      tags: ['stories'],
      summary: 'Record a story: one you heard (with the consent as given) or your own practice story',
      security: cookieAuth,
      request: { body: body(NewStoryBody) },
      responses: { 201: json(z.object({ story: Story })), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404], 413: errors[413] },
    }),
    async (c) => {
      const user = requireRole(c, ...anyone);
      const input = c.req.valid('json');
      const { db } = c.var;
      await assertProjectWritable(db, user, input.projectId);
      const rich = parseRichText(input.body);
      nonEmpty(rich.text);
      await checkArea(db, input.projectId, input.areaId);
      const placements = await checkPlacements(db, input.projectId, input.placements);
      const practice = input.source === 'practice';
      if (practice && input.teller) throw invalid('Bij een eigen praktijkverhaal ben jij de verteller / In a practice story you are the teller', [{ field: 'teller', message: 'not for practice stories' }]);
      if (practice && input.consent.givenBy !== 'teller') throw invalid('Bij een eigen praktijkverhaal geef jij toestemming / You give consent for your own practice story', [{ field: 'consent.givenBy', message: 'must be teller' }]);
      const under16 = input.teller?.under16 ?? false;
      try {
        checkConsentGiver({ under16, givenBy: input.consent.givenBy, guardianName: input.consent.guardianName, widening: true });
      } catch (e) {
        if (e instanceof AppError) e.details.forEach((d) => (d.field = `consent.${d.field}`));
        throw e;
      }
      const id = await db.transaction().execute(async (tx) => {
        const tellerId = practice
          ? await workerTeller(tx, user)
          : await insertTeller(tx, { kind: 'resident', displayName: input.teller?.name || null, userId: null, under16 });
        const storyId = await insertStory(
          tx,
          {
            projectId: input.projectId,
            areaId: input.areaId ?? null,
            title: input.title,
            bodyJson: JSON.stringify(rich.json),
            bodyHtml: rich.html,
            bodyText: rich.text,
            phase: input.phase ?? null,
            happenedOn: input.happenedOn ?? null,
            language: input.language ?? 'nl',
            tellerId,
            source: input.source,
            linkId: null,
            recordedBy: user.id,
            consent: input.consent.level,
            receiptHash: null,
          },
          {
            level: input.consent.level,
            givenBy: input.consent.givenBy,
            guardianName: input.consent.givenBy === 'guardian' ? (input.consent.guardianName ?? null) : null,
            channel: input.consent.channel,
            consentTextVersion: input.consent.consentTextVersion ?? CONSENT_TEXT_VERSION,
            reason: null,
            recordedBy: user.id,
          },
        );
        await insertPlacements(tx, storyId, placements, user.id);
        await audit(tx, user, 'story.create', { type: 'story', id: storyId }, { projectId: input.projectId, source: input.source, consent: input.consent.level, givenBy: input.consent.givenBy, channel: input.consent.channel });
        return storyId;
      });
      return c.json({ story: await storyFor(db, user, id) }, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/stories',
      tags: ['stories'],
      summary: 'Stories you may see, filtered and searched (q: full text over title and story, diacritics-insensitive)',
      security: cookieAuth,
      request: { query: ListQuery },
      responses: { 200: json(z.object({ stories: z.array(StorySummary), total: z.number(), totalCapped: z.boolean().openapi({ description: 'with q: there are more matches than total counts (a common word); they come most recently added first' }) })), 400: errors[400], 401: errors[401], 403: errors[403] },
    }),
    async (c) => {
      const user = requireRole(c, 'admin', 'coordinator', 'worker', 'funder');
      const { includeWithdrawn, ...filters } = c.req.valid('query');
      const visible = await visibleStories(c.var.db, user, { includeWithdrawn: includeWithdrawn === 'true' });
      return c.json(await listStories(c.var.db, visible, filters), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/stories/{id}',
      tags: ['stories'],
      summary: 'One story with its text, teller, consent record and placements',
      security: cookieAuth,
      request: { params: idParam },
      responses: { 200: json(z.object({ story: Story })), 401: errors[401], 403: errors[403], 404: errors[404] },
    }),
    async (c) => {
      const user = requireRole(c, 'admin', 'coordinator', 'worker', 'funder');
      return c.json({ story: await storyFor(c.var.db, user, c.req.valid('param').id) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/stories/{id}',
      tags: ['stories'],
      summary: 'Edit a story: workers the stories they recorded, coordinators and admins all',
      security: cookieAuth,
      request: { params: idParam, body: body(StoryPatchBody) },
      responses: { 200: json(z.object({ story: Story })), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404], 409: errors[409], 413: errors[413] },
    }),
    async (c) => {
      const user = requireRole(c, 'admin', 'coordinator', 'worker', 'funder');
      const { id } = c.req.valid('param');
      const input = c.req.valid('json');
      const { db } = c.var;
      const story = await visibleStory(db, user, id);
      if (story.withdrawnAt) throw conflict('Dit verhaal is ingetrokken / This story has been withdrawn');
      if (!canEditStory(user, story)) throw new AppError('forbidden', 'Je kunt alleen verhalen bewerken die je zelf hebt vastgelegd / You can only edit stories you recorded');
      const { body: rawBody, ...fields } = input;
      const rich = rawBody === undefined ? undefined : parseRichText(rawBody);
      if (rich) nonEmpty(rich.text);
      if (input.areaId != null) {
        // an area kept as it was is not checked again, so a story stays editable when its project's areas change
        const current = await db.selectFrom('stories').select('areaId').where('id', '=', id).executeTakeFirstOrThrow();
        if (current.areaId !== input.areaId) await checkArea(db, story.projectId, input.areaId);
      }
      await db.transaction().execute(async (tx) => {
        await updateStory(tx, id, { ...fields, ...(rich ? { bodyJson: JSON.stringify(rich.json), bodyHtml: rich.html, bodyText: rich.text } : {}) });
        await audit(tx, user, 'story.update', { type: 'story', id }, { fields: Object.keys(input) });
      });
      return c.json({ story: await storyFor(db, user, id) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/stories/{id}/consent',
      tags: ['stories'],
      summary: 'Change or withdraw a story’s consent (withdrawal needs a reason and removes the text)',
      security: cookieAuth,
      request: { params: idParam, body: body(ConsentChangeBody) },
      responses: { 200: json(z.object({ story: Story })), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404], 409: errors[409] },
    }),
    async (c) => {
      const user = requireRole(c, 'admin', 'coordinator', 'worker', 'funder');
      const { id } = c.req.valid('param');
      const input = c.req.valid('json');
      const { db } = c.var;
      const story = await visibleStory(db, user, id);
      if (story.withdrawnAt) throw conflict('Dit verhaal is al ingetrokken / This story has already been withdrawn');
      if ((input.level === undefined) === (input.withdraw === undefined)) {
        throw invalid('Kies een nieuw niveau of trek in / Choose a new level or withdraw', [{ field: 'level', message: 'give either level or withdraw: true' }]);
      }
      if (input.withdraw && !input.reason) throw invalid('Geef een reden voor het intrekken / Give a reason for the withdrawal', [{ field: 'reason', message: 'required when withdrawing' }]);
      if (input.givenBy === 'coordinator' && !isStaff(user)) throw invalid('Alleen een coördinator / Only a coordinator', [{ field: 'givenBy', message: 'you are not a coordinator' }]);
      if (input.givenBy === 'worker' && user.role !== 'worker') throw invalid('Kies wie de wijziging vroeg / Choose who asked for the change', [{ field: 'givenBy', message: 'you are not a worker' }]);
      const widening = input.level !== undefined && widens(story.consent, input.level);
      checkConsentGiver({ under16: story.under16, givenBy: input.givenBy, guardianName: input.guardianName, widening });
      await db.transaction().execute(async (tx) => {
        await addConsent(tx, id, {
          level: input.withdraw ? null : input.level!,
          withdrawn: input.withdraw === true,
          givenBy: input.givenBy,
          guardianName: input.givenBy === 'guardian' ? (input.guardianName ?? null) : null,
          channel: input.channel,
          consentTextVersion: input.consentTextVersion ?? CONSENT_TEXT_VERSION,
          reason: input.reason || null,
          recordedBy: user.id,
        });
        if (input.withdraw) await withdrawStory(tx, id);
        else await setConsentLevel(tx, id, input.level!);
        await audit(tx, user, input.withdraw ? 'story.withdraw' : 'story.consent', { type: 'story', id }, {
          from: story.consent,
          to: input.withdraw ? null : input.level,
          givenBy: input.givenBy,
          channel: input.channel,
        });
      });
      return c.json({ story: await storyFor(db, user, id) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/projects/{id}/links',
      tags: ['stories'],
      summary: 'Create a submission link (and QR code) for residents to tell a story to this project',
      security: cookieAuth,
      request: { params: idParam, body: body(NewLinkBody) },
      responses: { 201: json(z.object({ link: Link })), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] },
    }),
    async (c) => {
      const user = requireRole(c, ...staff);
      const { id } = c.req.valid('param');
      const input = c.req.valid('json');
      const { db } = c.var;
      await assertProjectVisible(db, user, id);
      const link = await db.transaction().execute(async (tx) => {
        const row = await insertLink(tx, { projectId: id, token: newToken(18), label: input.label ?? '', expiresAt: input.expiresAt ?? null, createdBy: user.id });
        await audit(tx, user, 'link.create', { type: 'public_link', id: row.id }, { projectId: id, expiresAt: row.expiresAt });
        return row;
      });
      return c.json({ link: toLink(c, link) }, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/projects/{id}/links',
      tags: ['stories'],
      summary: 'The project’s submission links, newest first',
      security: cookieAuth,
      request: { params: idParam },
      responses: { 200: json(z.object({ links: z.array(Link) })), 401: errors[401], 403: errors[403], 404: errors[404] },
    }),
    async (c) => {
      const user = requireRole(c, ...anyone);
      const { id } = c.req.valid('param');
      await assertProjectVisible(c.var.db, user, id);
      return c.json({ links: (await listLinks(c.var.db, id)).map((l) => toLink(c, l)) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/links/{id}',
      tags: ['stories'],
      summary: 'Close, reopen, relabel or set the expiry of a submission link',
      security: cookieAuth,
      request: { params: idParam, body: body(LinkPatchBody) },
      responses: { 200: json(z.object({ link: Link })), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] },
    }),
    async (c) => {
      const user = requireRole(c, ...staff);
      const { id } = c.req.valid('param');
      const input = c.req.valid('json');
      const { db } = c.var;
      const before = await linkFor(c, user, id);
      const patch: { label?: string; expiresAt?: string | null; closedAt?: string | null } = {};
      if (input.label !== undefined) patch.label = input.label;
      if (input.expiresAt !== undefined) patch.expiresAt = input.expiresAt;
      if (input.closed !== undefined) patch.closedAt = input.closed ? (before.closedAt ?? new Date().toISOString()) : null;
      await db.transaction().execute(async (tx) => {
        if (Object.keys(patch).length) await updateLink(tx, id, patch);
        await audit(tx, user, 'link.update', { type: 'public_link', id }, { ...input });
      });
      return c.json({ link: toLink(c, (await getLink(db, id))!) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/links/{id}/qr.svg',
      tags: ['stories'],
      summary: 'The submission link as a QR code (SVG), for the poster',
      security: cookieAuth,
      request: { params: idParam },
      responses: { 200: { content: { 'image/svg+xml': { schema: z.string() } }, description: 'SVG' }, 401: errors[401], 403: errors[403], 404: errors[404] },
    }),
    async (c) => {
      const user = requireRole(c, ...anyone);
      const link = await linkFor(c, user, c.req.valid('param').id);
      const svg = await QRCode.toString(linkUrl(c, link.token), { type: 'svg', errorCorrectionLevel: 'M', margin: 4 }); // the quiet zone the QR spec asks for: 4 modules
      c.header('Content-Type', 'image/svg+xml; charset=utf-8');
      return c.body(svg, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/tellers/{id}/export',
      tags: ['privacy'],
      summary: 'Everything stored about one teller, as JSON (coordinator, admin)',
      security: cookieAuth,
      request: { params: idParam },
      responses: { 200: json(z.object({ exportedAt: z.string(), teller: z.unknown(), stories: z.array(z.unknown()) })), 401: errors[401], 403: errors[403], 404: errors[404] },
    }),
    async (c) => {
      const user = requireRole(c, ...staff);
      const { id } = c.req.valid('param');
      const { db } = c.var;
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
        200: json(z.object({ erased: z.object({ stories: z.number(), consents: z.number(), placements: z.number(), tags: z.number() }) })),
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
      const erased = await c.var.db.transaction().execute(async (tx) => {
        if (!(await tx.selectFrom('tellers').select('id').where('id', '=', id).executeTakeFirst())) throw notFound('Verteller niet gevonden / Teller not found');
        const storyIds = (await tx.selectFrom('stories').select('id').where('tellerId', '=', id).execute()).map((s) => s.id);
        await redactErasedStories(tx, storyIds, user); // published report versions lose the text too
        const counts = await eraseTeller(tx, id);
        // The audit log keeps that an erasure happened and how much, never what was erased.
        await audit(tx, user, 'teller.erase', { type: 'teller', id }, { ...counts, reason });
        return counts;
      });
      return c.json({ erased }, 200);
    },
  );
