// Submission links (and their QR codes) through which residents tell a story.
import { createRoute, z } from '@hono/zod-openapi';
import QRCode from 'qrcode';
import { getLink, insertLink, linkCodeDisplay, listLinks, newLinkCode, projectVariables, updateLink } from '../../../db/repositories/stories.js';
import { assertProjectVisible, isStaff } from '../../access.js';
import { audit } from '../../audit.js';
import { requireRole, staff, team } from '../../auth/guard.js';
import { appOrigin } from '../../security.js';
import { forbidden, invalid, notFound } from '../../errors.js';
import { body, cookieAuth, errors, idParam, json, router } from '../../openapi.js';
import type { SessionUser } from '../../types.js';
import type { Context } from 'hono';
import type { AppEnv } from '../../types.js';
import { dateString, idList } from '../../fields.js';
import { projectRef } from '../../../db/repositories/projects.js';
import { orgName } from '../reports/definition.js';

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
    storyCount: z.number().openapi({ description: 'stories sent through this link (0 for none)' }),
    question: z.string().nullable().openapi({ description: 'the question residents see above the story field; null = the standard one, in their language' }),
    climateVariableIds: z.array(z.number()).nullable().openapi({ description: 'the climate questions the form asks (0–4); null = the project’s first two' }),
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
/** Per link (issue 14): its own question to residents, and which climate questions it asks. */
const linkSettings = {
  question: z.string().trim().min(1).max(300).nullable().optional(),
  climateVariableIds: idList(4).nullable().optional(),
};
const NewLinkBody = z
  .strictObject({ label: z.string().trim().max(200).optional(), expiresAt: expiry.nullable().optional(), ...linkSettings })
  .openapi('NewSubmissionLink');
const LinkPatchBody = z
  .strictObject({ closed: z.boolean().optional(), expiresAt: expiry.nullable().optional(), label: z.string().trim().max(200).optional(), ...linkSettings })
  .openapi('SubmissionLinkPatch');

/** The link's climate questions must be the project's own (not retired), each once; stored as a JSON array. */
async function climateSetting(c: Context<AppEnv>, projectId: number, ids: number[] | null | undefined): Promise<string | null | undefined> {
  if (ids === undefined || ids === null) return ids;
  const own = new Set((await projectVariables(c.get('db'), projectId)).map((v) => v.id));
  const bad = ids.findIndex((id, i) => !own.has(id) || ids.indexOf(id) !== i);
  if (bad >= 0)
    throw invalid('Kies klimaatvragen van dit project, elk één keer / Choose this project’s climate questions, each once', [
      {
        field: `climateVariableIds.${bad}`,
        message: 'Kies klimaatvragen van dit project, elke vraag één keer. / Choose climate questions of this project, each question once.',
      },
    ]);
  return JSON.stringify(ids);
}

/** The address residents type: a short code in groups of three (K7M-4P2-QXH), an older link's long token as it is. */
export function linkUrl(c: Context<AppEnv>, token: string): string {
  return `${appOrigin(c)}/t/${linkCodeDisplay(token)}`;
}

type LinkRow = {
  id: number;
  projectId: number;
  token: string;
  label: string;
  expiresAt: string | null;
  closedAt: string | null;
  createdAt: string;
  storyCount?: number | null;
  question: string | null;
  climateVariableIds: string | null;
};
export const linkStatus = (l: { expiresAt: string | null; closedAt: string | null }, now = Date.now()) =>
  l.closedAt ? ('closed' as const) : l.expiresAt && Date.parse(l.expiresAt) <= now ? ('expired' as const) : ('open' as const);
const toLink = (c: Context<AppEnv>, l: LinkRow) => ({
  ...l,
  url: linkUrl(c, l.token),
  status: linkStatus(l),
  storyCount: Number(l.storyCount ?? 0),
  climateVariableIds: l.climateVariableIds === null ? null : (JSON.parse(l.climateVariableIds) as number[]),
});

async function linkFor(c: Context<AppEnv>, user: SessionUser, id: number) {
  const link = await getLink(c.get('db'), id);
  if (!link) throw notFound('Link niet gevonden / Link not found');
  await assertProjectVisible(c.get('db'), user, link.projectId);
  return link;
}

export const linkRoutes = router()
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
      const db = c.get('db');
      await assertProjectVisible(db, user, id);
      const climateVariableIds = await climateSetting(c, id, input.climateVariableIds);
      const link = await db.transaction().execute(async (tx) => {
        const row = await insertLink(tx, {
          projectId: id,
          token: newLinkCode(),
          label: input.label ?? '',
          expiresAt: input.expiresAt ?? null,
          createdBy: user.id,
          question: input.question ?? null,
          climateVariableIds: climateVariableIds ?? null,
        });
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
      const user = requireRole(c, ...team);
      const { id } = c.req.valid('param');
      await assertProjectVisible(c.get('db'), user, id);
      return c.json({ links: (await listLinks(c.get('db'), id)).map((l) => toLink(c, l)) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/links/{id}',
      tags: ['stories'],
      summary:
        'Close, reopen, relabel or set the expiry of a submission link (coordinator, admin); set its question and climate questions (also the project’s workers)',
      security: cookieAuth,
      request: { params: idParam, body: body(LinkPatchBody) },
      responses: { 200: json(z.object({ link: Link })), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] },
    }),
    async (c) => {
      const user = requireRole(c, ...team);
      const { id } = c.req.valid('param');
      const input = c.req.valid('json');
      const db = c.get('db');
      const before = await linkFor(c, user, id);
      // What residents are asked is the project team's to set; opening and closing stays with coordinators.
      if (!isStaff(user) && Object.keys(input).some((k) => k !== 'question' && k !== 'climateVariableIds'))
        throw forbidden('Alleen coördinatoren sluiten, openen of hernoemen links / Only coordinators close, reopen or rename links');
      const patch: { label?: string; expiresAt?: string | null; closedAt?: string | null; question?: string | null; climateVariableIds?: string | null } = {};
      if (input.question !== undefined) patch.question = input.question;
      const climate = await climateSetting(c, before.projectId, input.climateVariableIds);
      if (climate !== undefined) patch.climateVariableIds = climate;
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
      path: '/links/{id}/poster',
      tags: ['stories'],
      summary:
        'What the printed poster of a link shows: the link, its project, and the organisation’s name (set on the organisation page, else ORG_NAME) and contact (ORG_CONTACT); null when unset',
      security: cookieAuth,
      request: { params: idParam },
      responses: {
        200: json(
          z.object({
            link: Link,
            project: z.object({ id: z.number(), name: z.string() }),
            organisation: z.object({
              name: z.string().nullable().openapi({ description: 'The name set on the organisation page, else ORG_NAME; null when neither is set' }),
              contact: z.string().nullable(),
            }),
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
      const link = await linkFor(c, user, id);
      const listed = (await listLinks(c.get('db'), link.projectId)).find((l) => l.id === id)!;
      const project = await projectRef(c.get('db'), link.projectId);
      const config = c.get('config');
      return c.json({ link: toLink(c, listed), project, organisation: { name: await orgName(c), contact: config.orgContact ?? null } }, 200);
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
      const user = requireRole(c, ...team);
      const link = await linkFor(c, user, c.req.valid('param').id);
      const svg = await QRCode.toString(linkUrl(c, link.token), { type: 'svg', errorCorrectionLevel: 'M', margin: 4 }); // the quiet zone the QR spec asks for: 4 modules
      c.header('Content-Type', 'image/svg+xml; charset=utf-8');
      return c.body(svg, 200);
    },
  );
