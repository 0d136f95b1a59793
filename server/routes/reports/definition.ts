// A report's definition checked and read back, and a published version as a reader may see it.
import type { Kysely } from 'kysely';
import { type DB } from '../../../db/schema.js';
import { getReport, getVersion, listShares, listVersions, type ReportRow } from '../../../db/repositories/reports.js';
import { reportAccess } from '../../access.js';
import { requireRole } from '../../auth/guard.js';
import { invalid, notFound } from '../../errors.js';
import { type ReportDefinition, type SectionKey } from '../../reports/assemble.js';
import { emptyDoc, parseRichText } from '../../richtext.js';
import { serveVersion } from '../../reports/redact.js';
import type { AppEnv } from '../../types.js';
import type { Context } from 'hono';

/** Validates references: projects exist, areas exist, outcomes belong to the chosen projects, period in order. */
export async function checkDefinition(db: Kysely<DB>, d: { periodFrom: string; periodTo: string; projectIds: number[]; areaIds: number[]; outcomeIds: number[] }) {
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

export async function fullReport(db: Kysely<DB>, id: number) {
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
export function parseIntro(value: { content?: unknown[] } | undefined) {
  if (!value?.content?.length) return { json: emptyDoc, html: '' };
  return parseRichText(value, 'intro');
}

export const safeName = (s: string) => s.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '').slice(0, 60) || 'rapportage';
