// Report definitions: list, the options to choose from, create, read, edit, preview.
import { createRoute, z } from '@hono/zod-openapi';
import { definitionChoices, getReport, insertReport, listReports, updateReport } from '../../../db/repositories/reports.js';
import { assertReportManageable, reportScope, reportsSeenBy } from '../../access.js';
import { audit } from '../../audit.js';
import { requireRole, staff, userOf } from '../../auth/guard.js';
import { body, cookieAuth, errors, idParam, json, router, inTransaction } from '../../openapi.js';
import { assembleForPage, sectionKeys } from '../../reports/assemble.js';
import { renderReportParts } from '../../reports/render.js';
import { jsonWithText } from '../../json-text.js';
import { photoSources, photoStories } from '../../reports/photos.js';
import { ReportBody, ReportPatch, Report, ReportSummary, ReportData } from './schemas.js';
import { checkDefinition, checkOutcomeTexts, definitionOf, fullReport, coverOf, parseIntro } from './definition.js';

export const reportCrudRoutes = router()
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
      const scope = await reportScope(c.get('db'), user);
      return c.json({ reports: await reportsSeenBy(c.get('db'), user, await listReports(c.get('db'), scope)) }, 200);
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
            areas: z.array(z.object({ id: z.number(), name: z.string(), parentId: z.number().nullable(), projectIds: z.array(z.number()) })),
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
      return c.json(await definitionChoices(c.get('db')), 200);
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
      const report = await inTransaction(c, async (tx) => {
        const def = { ...input, areaIds: input.areaIds ?? [], outcomeIds: input.outcomeIds ?? [], sections: input.sections ?? [...sectionKeys] };
        await checkDefinition(tx, def);
        const perOutcome = await checkOutcomeTexts(tx, def, input.perOutcome ?? []);
        const { intro: _i, perOutcome: _p, ...fields } = def;
        const id = await insertReport(tx, { ...fields, introJson: intro.json, introHtml: intro.html, perOutcome }, user.id);
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
      await assertReportManageable(c.get('db'), userOf(c), id);
      return c.json({ report: await fullReport(c.get('db'), id) }, 200);
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
      const report = await inTransaction(c, async (tx) => {
        await assertReportManageable(tx, user, id);
        const before = (await getReport(tx, id))!;
        const { intro: _i, perOutcome: texts, ...fields } = patch;
        const def = {
          periodFrom: patch.periodFrom ?? before.periodFrom,
          periodTo: patch.periodTo ?? before.periodTo,
          projectIds: patch.projectIds ?? before.projectIds,
          areaIds: patch.areaIds ?? before.areaIds,
          outcomeIds: patch.outcomeIds ?? before.outcomeIds,
        };
        await checkDefinition(tx, def);
        const perOutcome = texts ? await checkOutcomeTexts(tx, def, texts) : undefined;
        await updateReport(tx, id, { ...fields, ...(intro ? { introJson: intro.json, introHtml: intro.html } : {}), ...(perOutcome ? { perOutcome } : {}) });
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
      summary:
        'The report assembled from current data, not published (coordinator, admin); html in Dutch, or English with lang=en. With data=summary the data is only its summary (what the report editor shows beside the page).',
      security: cookieAuth,
      request: { params: idParam, query: z.object({ lang: z.enum(['nl', 'en']).optional(), data: z.enum(['full', 'summary']).optional() }) },
      responses: { 200: json(z.object({ data: ReportData, html: z.string() })), 401: errors[401], 403: errors[403], 404: errors[404] },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { lang, data: part } = c.req.valid('query');
      const [, report, cover] = await Promise.all([assertReportManageable(c.get('db'), userOf(c), id), getReport(c.get('db'), id), coverOf(c)]);
      const started = performance.now();
      const page = await assembleForPage(c.get('db'), definitionOf(report!), lang ?? 'nl');
      const data = { ...page.data, ...cover };
      const assembled = performance.now();
      // The team's preview shows a story's photo at the team's own address for it.
      const storyOf = photoStories(data);
      const parts = renderReportParts(data, { lang, indicatorHtml: page.indicatorHtml }).map((part) =>
        photoSources(part, (m) => `/api/stories/${storyOf.get(m)}/media/${m}`),
      );
      // Where a slow preview spends its time (shown by the browser's developer tools; read by npm run bench).
      c.header('Server-Timing', `assemble;dur=${(assembled - started).toFixed(2)}, render;dur=${(performance.now() - assembled).toFixed(2)}`);
      const body = jsonWithText({ data: part === 'summary' ? { summary: data.summary } : data }, 'html', parts);
      return c.body(body, 200, { 'Content-Type': 'application/json' }) as never;
    },
  );
