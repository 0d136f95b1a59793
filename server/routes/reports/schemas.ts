// Request and response schemas of the report routes.
import { z } from '@hono/zod-openapi';
import { dateString, idList } from '../../fields.js';
import { idParam, pathId } from '../../openapi.js';
import { reportAudiences } from '../../../db/schema.js';
import { linkStatuses } from '../../../db/repositories/reports.js';
import { sectionKeys } from '../../reports/assemble.js';

export const Intro = z
  .object({ type: z.literal('doc'), content: z.array(z.unknown()).max(5000).optional() })
  .passthrough()
  .openapi('RichText');

export const ReportFields = {
  title: z.string().trim().min(1).max(300),
  audience: z.enum(reportAudiences),
  periodFrom: dateString,
  periodTo: dateString,
  projectIds: idList(100).min(1),
  areaIds: idList(500).optional(),
  outcomeIds: idList(500).optional(),
  sections: z.array(z.enum(sectionKeys)).max(sectionKeys.length).optional(),
  intro: Intro.optional(),
  perOutcome: z
    .array(
      z.strictObject({
        outcomeId: z.number().int().positive(),
        narrative: Intro.optional().openapi({ description: '"Wat we zien": rich text, the same allowlist as stories' }),
        storyIds: idList(50).nullable().optional().openapi({
          description: 'The stories chosen to illustrate the outcome, in order; null or absent: suggested (MSC selections first, then the most recent)',
        }),
      }),
    )
    .max(500)
    .optional()
    .openapi({ description: 'Per outcome of the report: the narrative and the chosen stories (replaces the whole list)' }),
};
export const ReportBody = z.strictObject(ReportFields).openapi('NewReport');
export const ReportPatch = z
  .strictObject({
    ...ReportFields,
    title: ReportFields.title.optional(),
    audience: ReportFields.audience.optional(),
    periodFrom: dateString.optional(),
    periodTo: dateString.optional(),
    projectIds: ReportFields.projectIds.optional(),
  })
  .openapi('ReportPatch');

export const VersionSummary = z.object({ number: z.number(), publishedAt: z.string(), publishedBy: z.string().nullable() }).openapi('ReportVersionSummary');
export const Share = z.object({ userId: z.number(), name: z.string(), email: z.string(), sharedAt: z.string() }).openapi('ReportShare');
export const Report = z
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
    perOutcome: z.array(z.object({ outcomeId: z.number(), narrative: z.unknown(), narrativeHtml: z.string(), storyIds: z.array(z.number()).nullable() })),
    createdAt: z.string(),
    updatedAt: z.string(),
    versions: z.array(VersionSummary),
    shares: z.array(Share),
  })
  .openapi('Report');
export const ReportSummary = z
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
export const ReportData = z
  .record(z.string(), z.unknown())
  .openapi('ReportData', { description: 'The assembled report: outcomes with indicators, stories (as consent allows), climate, phases, resources' });
export const Version = z
  .object({
    reportId: z.number(),
    number: z.number(),
    publishedAt: z.string(),
    publishedBy: z.string().nullable(),
    withdrawnStories: z.number(),
    data: ReportData,
    html: z.string(),
  })
  .openapi('ReportVersion');
export const versionParams = idParam.extend({ n: pathId('n') });
export const ShareBody = z.strictObject({ userId: z.number().int().positive() }).openapi('NewReportShare');
export const LinkBody = z
  .strictObject({
    expiresAt: z.string().max(40).datetime({ offset: true }),
    label: z.string().trim().max(200).optional().openapi({ description: 'For whom the link is (shown in the list of links)' }),
  })
  .openapi('NewReportLink');
export const Link = z.object({ id: z.number(), url: z.string(), token: z.string(), expiresAt: z.string(), label: z.string().nullable() }).openapi('ReportLink');
export const LinkSummary = z
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
export const linkParams = idParam.extend({ linkId: pathId('linkId') });
export const summary = ({ reportId: _, ...link }: { reportId: number } & z.infer<typeof LinkSummary>) => link;
