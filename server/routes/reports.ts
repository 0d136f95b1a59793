import { createRoute, z } from '@hono/zod-openapi';
import type { Kysely } from 'kysely';
import { reportAudiences, type DB } from '../../db/schema.js';
import { getLink, getReport, getVersion, getVersionMeta, insertReport, insertVersion, linkStatuses, listLinks, listReports, listShares, listVersions, revokeLink, updateReport, type ReportRow } from '../../db/repositories/reports.js';
import { assertReportManageable, reportAccess, reportScope } from '../access.js';
import { audit } from '../audit.js';
import { requireRole, staff, userOf } from '../auth/guard.js';
import { hashToken, newToken } from '../auth/tokens.js';
import { invalid, notFound } from '../errors.js';
import { body, cookieAuth, errors, idParam, json, router } from '../openapi.js';
import { assembleReport, sectionKeys, storyIdsOf, type ReportDefinition, type SectionKey } from '../reports/assemble.js';
import { reportCsv } from '../reports/csv.js';
import { iatiSectorsOf, reportIati } from '../reports/iati.js';
import { defaultIatiOrg, defaultIatiSector } from '../reports/iati/codelists.js';
import { emptyDoc, parseRichText } from '../richtext.js';
import { serveVersion, serveVersionResponse } from '../reports/redact.js';
import { renderReport } from '../reports/render.js';
import type { AppEnv } from '../types.js';
import type { Context } from 'hono';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use YYYY-MM-DD');
const ids = (max: number) => z.array(z.number().int().positive()).max(max);
const Intro = z.object({ type: z.literal('doc'), content: z.array(z.unknown()).optional() }).passthrough().openapi('RichText');

const ReportFields = {
  title: z.string().trim().min(1).max(300),
  audience: z.enum(reportAudiences),
  periodFrom: date,
  periodTo: date,
  projectIds: ids(100).min(1),
  areaIds: ids(500).optional(),
  outcomeIds: ids(500).optional(),
  sections: z.array(z.enum(sectionKeys)).max(sectionKeys.length).optional(),
  intro: Intro.optional(),
};
const ReportBody = z.strictObject(ReportFields).openapi('NewReport');
const ReportPatch = z
  .strictObject({
    ...ReportFields,
    title: ReportFields.title.optional(),
    audience: ReportFields.audience.optional(),
    periodFrom: date.optional(),
    periodTo: date.optional(),
    projectIds: ReportFields.projectIds.optional(),
  })
  .openapi('ReportPatch');

const VersionSummary = z.object({ number: z.number(), publishedAt: z.string(), publishedBy: z.string().nullable() }).openapi('ReportVersionSummary');
const Share = z.object({ userId: z.number(), name: z.string(), email: z.string(), sharedAt: z.string() }).openapi('ReportShare');
const Report = z
  .object({
    id: z.number(),
    title: z.string(),
    audience: z.enum(reportAudiences),
    periodFrom: z.string(),
    periodTo: z.string(),
    projectIds: z.array(z.number()),
    areaIds: z.array(z.number()),
    outcomeIds: z.array(z.number()),
    sections: z.array(z.string()),
    intro: z.unknown(),
    introHtml: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    versions: z.array(VersionSummary),
    shares: z.array(Share),
  })
  .openapi('Report');
const ReportSummary = z
  .object({
    id: z.number(),
    title: z.string(),
    audience: z.enum(reportAudiences),
    periodFrom: z.string(),
    periodTo: z.string(),
    updatedAt: z.string(),
    latestVersion: z.number().nullable(),
    latestPublishedAt: z.string().nullable(),
  })
  .openapi('ReportSummary');
const ReportData = z.record(z.string(), z.unknown()).openapi('ReportData', { description: 'The assembled report: outcomes with indicators, stories (as consent allows), climate, phases, resources' });
const Version = z
  .object({ reportId: z.number(), number: z.number(), publishedAt: z.string(), publishedBy: z.string().nullable(), withdrawnStories: z.number(), data: ReportData, html: z.string() })
  .openapi('ReportVersion');
const versionParams = z.object({
  id: z.coerce.number().int().positive().openapi({ param: { name: 'id', in: 'path' } }),
  n: z.coerce.number().int().positive().openapi({ param: { name: 'n', in: 'path' } }),
});
const ShareBody = z.strictObject({ userId: z.number().int().positive() }).openapi('NewReportShare');
const LinkBody = z
  .strictObject({
    expiresAt: z.string().datetime({ offset: true }),
    label: z.string().trim().max(200).optional().openapi({ description: 'For whom the link is (shown in the list of links)' }),
  })
  .openapi('NewReportLink');
const Link = z.object({ id: z.number(), url: z.string(), token: z.string(), expiresAt: z.string(), label: z.string().nullable() }).openapi('ReportLink');
const LinkSummary = z
  .object({
    id: z.number(),
    label: z.string().nullable(),
    createdAt: z.string(),
    createdBy: z.string().nullable(),
    expiresAt: z.string(),
    status: z.enum(linkStatuses),
    revokedAt: z.string().nullable(),
    revokedBy: z.string().nullable(),
  })
  .openapi('ReportLinkSummary', { description: 'A read link without its token (only its hash is stored)' });
const linkParams = z.object({
  id: z.coerce.number().int().positive().openapi({ param: { name: 'id', in: 'path' } }),
  linkId: z.coerce.number().int().positive().openapi({ param: { name: 'linkId', in: 'path' } }),
});
const summary = ({ reportId: _, ...link }: { reportId: number } & z.infer<typeof LinkSummary>) => link;

/** Validates references: projects exist, areas exist, outcomes belong to the chosen projects, period in order. */
async function checkDefinition(db: Kysely<DB>, d: { periodFrom: string; periodTo: string; projectIds: number[]; areaIds: number[]; outcomeIds: number[] }) {
  if (d.periodTo < d.periodFrom) throw invalid('Einddatum ligt voor de begindatum / End date is before start date', [{ field: 'periodTo', message: 'before periodFrom' }]);
  const projects = await db.selectFrom('projects').select('id').where('id', 'in', d.projectIds).execute();
  const missing = d.projectIds.filter((id) => !projects.some((p) => p.id === id));
  if (missing.length) throw invalid('Onbekend project / Unknown project', [{ field: 'projectIds', message: `unknown: ${missing.join(', ')}` }]);
  if (d.areaIds.length) {
    const areas = await db.selectFrom('areas').select('id').where('id', 'in', d.areaIds).execute();
    const bad = d.areaIds.filter((id) => !areas.some((a) => a.id === id));
    if (bad.length) throw invalid('Onbekend gebied / Unknown area', [{ field: 'areaIds', message: `unknown: ${bad.join(', ')}` }]);
  }
  if (d.outcomeIds.length) {
    const outcomes = await db.selectFrom('outcomes').select(['id', 'projectId']).where('id', 'in', d.outcomeIds).execute();
    const bad = d.outcomeIds.filter((id) => !outcomes.some((o) => o.id === id && d.projectIds.includes(o.projectId)));
    if (bad.length) throw invalid('Uitkomst hoort niet bij de gekozen projecten / Outcome not in the chosen projects', [{ field: 'outcomeIds', message: `not allowed: ${bad.join(', ')}` }]);
  }
}

export const definitionOf = (r: ReportRow): ReportDefinition => ({
  id: r.id,
  title: r.title,
  audience: r.audience,
  periodFrom: r.periodFrom,
  periodTo: r.periodTo,
  projectIds: r.projectIds,
  areaIds: r.areaIds,
  outcomeIds: r.outcomeIds,
  sections: r.sections as SectionKey[],
  introHtml: r.introHtml,
});

async function fullReport(db: Kysely<DB>, id: number) {
  const r = await getReport(db, id);
  if (!r) throw notFound('Rapportage niet gevonden / Report not found');
  const [versions, shares] = await Promise.all([listVersions(db, id), listShares(db, id)]);
  const { createdBy: _c, ...rest } = r;
  return { ...rest, versions, shares };
}

/** A published version, for a user who may see it, as it may be shown now (withdrawals honoured). */
export async function readableVersion(c: Context<AppEnv>, reportId: number, number: number) {
  const user = requireRole(c, 'admin', 'coordinator', 'funder');
  await reportAccess(c.var.db, user, reportId);
  const v = await getVersion(c.var.db, reportId, number);
  if (!v) throw notFound('Versie niet gevonden / Version not found');
  const served = await serveVersion(c.var.db, v);
  return { version: v, ...served };
}

/** The introduction as rich text (server/richtext.ts); an empty one is allowed. */
function parseIntro(value: { content?: unknown[] } | undefined) {
  if (!value?.content?.length) return { json: emptyDoc, html: '' };
  return parseRichText(value, 'intro');
}

const safeName = (s: string) => s.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '').slice(0, 60) || 'rapportage';

export const reportRoutes = router()
  .openapi(
    createRoute({
      method: 'get',
      path: '/reports',
      tags: ['reports'],
      summary: 'Reports: all for staff; for a funder only those shared with them that have a published version',
      security: cookieAuth,
      responses: { 200: json(z.object({ reports: z.array(ReportSummary) })), 401: errors[401], 403: errors[403] },
    }),
    async (c) => {
      const user = requireRole(c, 'admin', 'coordinator', 'funder');
      const scope = await reportScope(c.var.db, user);
      let reports = await listReports(c.var.db, scope);
      // A funder sees published versions only: no drafts, and no trace of later draft edits.
      if (user.role === 'funder') reports = reports.filter((r) => r.latestVersion != null).map((r) => ({ ...r, updatedAt: r.latestPublishedAt! }));
      return c.json({ reports }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/reports/options',
      tags: ['reports'],
      summary: 'What a report can be built from: projects, areas, outcomes, and the funder accounts to share with (coordinator, admin)',
      security: cookieAuth,
      responses: {
        200: json(
          z.object({
            projects: z.array(z.object({ id: z.number(), name: z.string() })),
            areas: z.array(z.object({ id: z.number(), name: z.string() })),
            outcomes: z.array(z.object({ id: z.number(), projectId: z.number(), level: z.string(), title: z.string(), archivedAt: z.string().nullable() })),
            funders: z.array(z.object({ id: z.number(), name: z.string(), email: z.string() })),
          }),
        ),
        401: errors[401],
        403: errors[403],
      },
    }),
    async (c) => {
      requireRole(c, ...staff);
      const { db } = c.var;
      const [projects, areas, outcomes, funders] = await Promise.all([
        db.selectFrom('projects').select(['id', 'name']).orderBy('name').execute(),
        db.selectFrom('areas').select(['id', 'name']).orderBy('name').execute(),
        db.selectFrom('outcomes').select(['id', 'projectId', 'level', 'title', 'archivedAt']).orderBy('projectId').orderBy('sort').orderBy('id').execute(),
        db.selectFrom('users').select(['id', 'name', 'email']).where('role', '=', 'funder').where('disabledAt', 'is', null).orderBy('name').execute(),
      ]);
      return c.json({ projects, areas, outcomes, funders }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/reports',
      tags: ['reports'],
      summary: 'Define a report (coordinator, admin)',
      security: cookieAuth,
      request: { body: body(ReportBody) },
      responses: { 201: json(z.object({ report: Report })), 400: errors[400], 401: errors[401], 403: errors[403] },
    }),
    async (c) => {
      const user = requireRole(c, ...staff);
      const input = c.req.valid('json');
      const intro = parseIntro(input.intro);
      const report = await c.var.db.transaction().execute(async (tx) => {
        const def = { ...input, areaIds: input.areaIds ?? [], outcomeIds: input.outcomeIds ?? [], sections: input.sections ?? [...sectionKeys] };
        await checkDefinition(tx, def);
        const { intro: _i, ...fields } = def;
        const id = await insertReport(tx, { ...fields, introJson: intro.json, introHtml: intro.html }, user.id);
        await audit(tx, user, 'report.create', { type: 'report', id }, { title: input.title, audience: input.audience });
        return fullReport(tx, id);
      });
      return c.json({ report }, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/reports/{id}',
      tags: ['reports'],
      summary: 'One report definition with its versions and shares (coordinator, admin)',
      security: cookieAuth,
      request: { params: idParam },
      responses: { 200: json(z.object({ report: Report })), 401: errors[401], 403: errors[403], 404: errors[404] },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await assertReportManageable(c.var.db, userOf(c), id);
      return c.json({ report: await fullReport(c.var.db, id) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/reports/{id}',
      tags: ['reports'],
      summary: 'Edit a report definition; published versions stay as they are (coordinator, admin)',
      security: cookieAuth,
      request: { params: idParam, body: body(ReportPatch) },
      responses: { 200: json(z.object({ report: Report })), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] },
    }),
    async (c) => {
      const user = userOf(c);
      const { id } = c.req.valid('param');
      const patch = c.req.valid('json');
      const intro = patch.intro ? parseIntro(patch.intro) : null;
      const report = await c.var.db.transaction().execute(async (tx) => {
        await assertReportManageable(tx, user, id);
        const before = (await getReport(tx, id))!;
        const { intro: _i, ...fields } = patch;
        await checkDefinition(tx, {
          periodFrom: patch.periodFrom ?? before.periodFrom,
          periodTo: patch.periodTo ?? before.periodTo,
          projectIds: patch.projectIds ?? before.projectIds,
          areaIds: patch.areaIds ?? before.areaIds,
          outcomeIds: patch.outcomeIds ?? before.outcomeIds,
        });
        await updateReport(tx, id, { ...fields, ...(intro ? { introJson: intro.json, introHtml: intro.html } : {}) });
        await audit(tx, user, 'report.update', { type: 'report', id }, { fields: Object.keys(patch) });
        return fullReport(tx, id);
      });
      return c.json({ report }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/reports/{id}/preview',
      tags: ['reports'],
      summary: 'The report assembled from current data, not published (coordinator, admin); html in Dutch, or English with lang=en',
      security: cookieAuth,
      request: { params: idParam, query: z.object({ lang: z.enum(['nl', 'en']).optional() }) },
      responses: { 200: json(z.object({ data: ReportData, html: z.string() })), 401: errors[401], 403: errors[403], 404: errors[404] },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await assertReportManageable(c.var.db, userOf(c), id);
      const data = await assembleReport(c.var.db, definitionOf((await getReport(c.var.db, id))!));
      return c.json({ data, html: renderReport(data, { lang: c.req.valid('query').lang }) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/reports/{id}/versions',
      tags: ['reports'],
      summary: 'Publish: freeze the assembled report as the next numbered, immutable version (coordinator, admin)',
      security: cookieAuth,
      request: { params: idParam },
      responses: { 201: json(z.object({ version: VersionSummary })), 401: errors[401], 403: errors[403], 404: errors[404] },
    }),
    async (c) => {
      const user = userOf(c);
      const { id } = c.req.valid('param');
      const version = await c.var.db.transaction().execute(async (tx) => {
        await assertReportManageable(tx, user, id);
        const r = (await getReport(tx, id))!;
        const publishedAt = new Date().toISOString();
        const data = await assembleReport(tx, definitionOf(r), new Date(publishedAt));
        const last = await listVersions(tx, id);
        const number = (last[0]?.number ?? 0) + 1;
        const storyIds = storyIdsOf(data);
        const html = renderReport(data, { number, publishedAt });
        const v = await insertVersion(tx, { reportId: id, dataJson: JSON.stringify(data), html, publishedBy: user.id, publishedAt, storyIds });
        await audit(tx, user, 'report.publish', { type: 'report', id }, { version: v.number, stories: storyIds });
        return { number: v.number, publishedAt, publishedBy: user.name };
      });
      return c.json({ version }, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/reports/{id}/versions',
      tags: ['reports'],
      summary: 'Published versions of a report (staff; a funder it is shared with)',
      security: cookieAuth,
      request: { params: idParam },
      responses: { 200: json(z.object({ report: z.object({ id: z.number(), title: z.string() }), versions: z.array(VersionSummary) })), 401: errors[401], 403: errors[403], 404: errors[404] },
    }),
    async (c) => {
      const user = requireRole(c, 'admin', 'coordinator', 'funder');
      const { id } = c.req.valid('param');
      await reportAccess(c.var.db, user, id);
      const versions = await listVersions(c.var.db, id);
      if (!versions.length && user.role === 'funder') throw notFound('Rapportage niet gevonden / Report not found');
      // The published title, not the draft's.
      const latest = versions.length ? await getVersion(c.var.db, id, versions[0]!.number) : null;
      const title = latest ? (JSON.parse(latest.dataJson) as { report: { title: string } }).report.title : (await getReport(c.var.db, id))!.title;
      return c.json({ report: { id, title }, versions }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/reports/{id}/versions/{n}',
      tags: ['reports'],
      summary: 'One published version (data and page); stories withdrawn since are shown as placeholders',
      security: cookieAuth,
      request: { params: versionParams },
      responses: { 200: json(z.object({ version: Version })), 401: errors[401], 403: errors[403], 404: errors[404] },
    }),
    async (c) => {
      const { id, n } = c.req.valid('param');
      const user = requireRole(c, 'admin', 'coordinator', 'funder');
      await reportAccess(c.var.db, user, id);
      const v = await getVersionMeta(c.var.db, id, n);
      if (!v) throw notFound('Versie niet gevonden / Version not found');
      const bytes = await serveVersionResponse(c.var.db, v.id, { reportId: id, number: v.number, publishedAt: v.publishedAt, publishedBy: v.publishedBy });
      return c.body(bytes, 200, { 'Content-Type': 'application/json; charset=utf-8' }) as never;
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/reports/{id}/versions/{n}/export.csv',
      tags: ['reports'],
      summary: 'The numbers of a published version as CSV (formula-like cells neutralised)',
      security: cookieAuth,
      request: { params: versionParams },
      responses: { 200: { content: { 'text/csv': { schema: z.string() } }, description: 'CSV' }, 401: errors[401], 403: errors[403], 404: errors[404] },
    }),
    async (c) => {
      const { id, n } = c.req.valid('param');
      const { data } = await readableVersion(c, id, n);
      return c.body(reportCsv(data), 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${safeName(data.report.title)}-v${n}.csv"`,
      });
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/reports/{id}/versions/{n}/iati.xml',
      tags: ['reports'],
      summary: 'A published version as an IATI 2.03 activity (results, indicators, baselines, periods, stories as narratives)',
      security: cookieAuth,
      request: { params: versionParams },
      responses: { 200: { content: { 'application/xml': { schema: z.string() } }, description: 'IATI activity XML' }, 401: errors[401], 403: errors[403], 404: errors[404] },
    }),
    async (c) => {
      const { id, n } = c.req.valid('param');
      const { data, version } = await readableVersion(c, id, n);
      const org = c.var.config.iatiOrg ?? defaultIatiOrg;
      const sectors = await iatiSectorsOf(c.var.db, data.projects.map((p) => p.id), c.var.config.iatiSector ?? defaultIatiSector);
      return c.body(reportIati(data, { number: version.number, publishedAt: version.publishedAt, reportId: id }, org, { sectors }), 200, {
        'Content-Type': 'application/xml; charset=utf-8',
        'Content-Disposition': `attachment; filename="${safeName(data.report.title)}-v${n}-iati.xml"`,
      });
    },
  )
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
      const shares = await c.var.db.transaction().execute(async (tx) => {
        await assertReportManageable(tx, user, id);
        const target = await tx.selectFrom('users').select(['id', 'role', 'disabledAt']).where('id', '=', userId).executeTakeFirst();
        if (!target || target.role !== 'funder' || target.disabledAt) throw invalid('Alleen te delen met een actief financiersaccount / Share only with an active funder account', [{ field: 'userId', message: 'not a funder' }]);
        await tx.insertInto('reportShares').values({ reportId: id, userId, sharedBy: user.id }).onConflict((oc) => oc.doNothing()).execute();
        await audit(tx, user, 'report.share', { type: 'report', id }, { userId });
        return listShares(tx, id);
      });
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
        params: z.object({
          id: z.coerce.number().int().positive().openapi({ param: { name: 'id', in: 'path' } }),
          userId: z.coerce.number().int().positive().openapi({ param: { name: 'userId', in: 'path' } }),
        }),
      },
      responses: { 200: json(z.object({ shares: z.array(Share) })), 401: errors[401], 403: errors[403], 404: errors[404] },
    }),
    async (c) => {
      const user = userOf(c);
      const { id, userId } = c.req.valid('param');
      const shares = await c.var.db.transaction().execute(async (tx) => {
        await assertReportManageable(tx, user, id);
        await tx.deleteFrom('reportShares').where('reportId', '=', id).where('userId', '=', userId).execute();
        await audit(tx, user, 'report.unshare', { type: 'report', id }, { userId });
        return listShares(tx, id);
      });
      return c.json({ shares }, 200);
    },
  )
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
      await assertReportManageable(c.var.db, user, id);
      const expires = new Date(c.req.valid('json').expiresAt);
      const label = c.req.valid('json').label || null;
      const now = Date.now();
      if (expires.getTime() <= now || expires.getTime() > now + 366 * 86_400_000)
        throw invalid('Vervaldatum moet in het komende jaar liggen / Expiry must be within the next year', [{ field: 'expiresAt', message: 'out of range' }]);
      const token = newToken();
      const link = await c.var.db.transaction().execute(async (tx) => {
        const row = await tx
          .insertInto('reportLinks')
          .values({ reportId: id, tokenHash: hashToken(token), expiresAt: expires.toISOString(), createdBy: user.id, label })
          .returning(['id', 'expiresAt', 'label'])
          .executeTakeFirstOrThrow();
        await audit(tx, user, 'report.link', { type: 'report', id }, { linkId: row.id, expiresAt: row.expiresAt, label: row.label });
        return row;
      });
      const base = c.var.config.publicUrl ?? new URL(c.req.url).origin;
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
      await assertReportManageable(c.var.db, user, id);
      return c.json({ links: (await listLinks(c.var.db, id)).map(summary) }, 200);
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
      const link = await c.var.db.transaction().execute(async (tx) => {
        await assertReportManageable(tx, user, id);
        const before = await getLink(tx, id, linkId);
        if (!before) throw notFound('Link niet gevonden / Link not found');
        if (await revokeLink(tx, linkId, user.id)) {
          await audit(tx, user, 'report.link.revoke', { type: 'report', id }, { linkId, label: before.label, expiresAt: before.expiresAt, wasStatus: before.status });
        }
        return (await getLink(tx, id, linkId))!;
      });
      return c.json({ link: summary(link) }, 200);
    },
  );
