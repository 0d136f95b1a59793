// Published versions of a report, and their CSV and IATI exports.
import { createRoute, z } from '@hono/zod-openapi';
import { getReport, getVersion, insertVersion, listVersions } from '../../../db/repositories/reports.js';
import { assertPublishedForFunder, assertReportManageable, reportAccess, reportPhotoFile } from '../../access.js';
import { audit } from '../../audit.js';
import { requireRole, userOf } from '../../auth/guard.js';
import { cookieAuth, errors, idParam, json, router, inTransaction, pathId } from '../../openapi.js';
import { assembleReport, storyIdsOf, type ReportData } from '../../reports/assemble.js';
import { sameReport } from '../../reports/diff.js';
import { conflict } from '../../errors.js';
import { reportCsv } from '../../reports/csv.js';
import { iatiSectorsOf, reportIati } from '../../reports/iati.js';
import { defaultIatiOrg, defaultIatiSector } from '../../reports/iati/codelists.js';
import { stampNow, versionResponse } from '../../reports/version-cache.js';
import { renderReport } from '../../reports/render.js';
import { photoIdsOf, photoResponse, versionPhotoUrl } from '../../reports/photos.js';
import { VersionSummary, Version, versionParams } from './schemas.js';
import { definitionOf, coverOf, orgName, readableVersion, readableVersionMeta, safeName } from './definition.js';

export const versionRoutes = router()
  .openapi(
    createRoute({
      method: 'post',
      path: '/reports/{id}/versions',
      tags: ['reports'],
      summary: 'Publish: freeze the assembled report as the next numbered, immutable version (coordinator, admin)',
      security: cookieAuth,
      request: { params: idParam },
      responses: { 201: json(z.object({ version: VersionSummary })), 401: errors[401], 403: errors[403], 404: errors[404], 409: errors[409] },
    }),
    async (c) => {
      const user = userOf(c);
      const { id } = c.req.valid('param');
      const version = await inTransaction(c, async (tx) => {
        await assertReportManageable(tx, user, id);
        const r = (await getReport(tx, id))!;
        const publishedAt = new Date().toISOString();
        const data = { ...(await assembleReport(tx, definitionOf(r), new Date(publishedAt))), ...(await coverOf(c, tx)) };
        const last = await listVersions(tx, id);
        const stored = last[0] ? await getVersion(tx, id, last[0].number) : undefined;
        if (stored && sameReport(JSON.parse(stored.dataJson) as ReportData, data))
          throw conflict(`Er is niets veranderd sinds versie ${stored.number} / Nothing has changed since version ${stored.number}`);
        const number = (last[0]?.number ?? 0) + 1;
        const storyIds = storyIdsOf(data);
        const html = renderReport(data, { number, publishedAt });
        const v = await insertVersion(tx, {
          reportId: id,
          dataJson: JSON.stringify(data),
          html,
          publishedBy: user.id,
          publishedAt,
          storyIds,
          title: r.title,
          periodFrom: r.periodFrom,
          periodTo: r.periodTo,
        });
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
      responses: {
        200: json(z.object({ report: z.object({ id: z.number(), title: z.string() }), versions: z.array(VersionSummary) })),
        401: errors[401],
        403: errors[403],
        404: errors[404],
      },
    }),
    async (c) => {
      const user = requireRole(c, 'admin', 'coordinator', 'funder');
      const { id } = c.req.valid('param');
      await reportAccess(c.get('db'), user, id);
      const versions = await listVersions(c.get('db'), id);
      assertPublishedForFunder(user, versions.length);
      // The published title, not the draft's.
      const latest = versions.length ? await getVersion(c.get('db'), id, versions[0]!.number) : null;
      const title = latest ? (JSON.parse(latest.dataJson) as { report: { title: string } }).report.title : (await getReport(c.get('db'), id))!.title;
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
      const stamp = stampNow(c.get('db'));
      const v = await readableVersionMeta(c, id, n);
      const meta = { reportId: id, number: v.number, publishedAt: v.publishedAt, publishedBy: v.publishedBy };
      const body = await versionResponse(c.get('db'), v.id, meta, (m) => versionPhotoUrl(id, n, m), stamp);
      return body.respond(c, 'application/json; charset=utf-8') as never;
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/reports/{id}/versions/{n}/export.csv',
      tags: ['reports'],
      summary:
        'The numbers of a published version as CSV (formula-like cells neutralised); excel=nl: as Excel set to Dutch opens it (semicolons, decimal commas, Dutch column names)',
      security: cookieAuth,
      request: { params: versionParams, query: z.object({ excel: z.enum(['nl']).optional() }) },
      responses: { 200: { content: { 'text/csv': { schema: z.string() } }, description: 'CSV' }, 401: errors[401], 403: errors[403], 404: errors[404] },
    }),
    async (c) => {
      const { id, n } = c.req.valid('param');
      const { excel } = c.req.valid('query');
      const { data } = await readableVersion(c, id, n);
      return c.body(reportCsv(data, { excel }), 200, {
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
      responses: {
        200: { content: { 'application/xml': { schema: z.string() } }, description: 'IATI activity XML' },
        401: errors[401],
        403: errors[403],
        404: errors[404],
      },
    }),
    async (c) => {
      const { id, n } = c.req.valid('param');
      const { data, version } = await readableVersion(c, id, n);
      // The organisation's name as everywhere else; IATI needs one, so the placeholder stands in.
      const configured = c.get('config').iatiOrg ?? defaultIatiOrg;
      const org = { ...configured, name: (await orgName(c)) ?? configured.name };
      const sectors = await iatiSectorsOf(
        c.get('db'),
        data.projects.map((p) => p.id),
        c.get('config').iatiSector ?? defaultIatiSector,
      );
      return c.body(reportIati(data, { number: version.number, publishedAt: version.publishedAt, reportId: id }, org, { sectors }), 200, {
        'Content-Type': 'application/xml; charset=utf-8',
        'Content-Disposition': `attachment; filename="${safeName(data.report.title)}-v${n}-iati.xml"`,
      });
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/reports/{id}/versions/{n}/photos/{mediaId}',
      tags: ['reports'],
      summary:
        'A photo the published version shows (staff; a funder it is shared with): only while the teller’s consent is public and the photo may go into reports',
      security: cookieAuth,
      request: {
        params: versionParams.extend({
          mediaId: pathId('mediaId'),
        }),
      },
      responses: {
        200: { content: { 'image/jpeg': { schema: z.string().openapi({ format: 'binary' }) } }, description: 'The photo' },
        401: errors[401],
        403: errors[403],
        404: errors[404],
      },
    }),
    async (c) => {
      const { id, n, mediaId } = c.req.valid('param');
      const { data } = await readableVersion(c, id, n);
      return photoResponse(c, await reportPhotoFile(c.get('db'), photoIdsOf(data), mediaId));
    },
  );
