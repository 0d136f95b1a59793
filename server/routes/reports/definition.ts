// A report's definition checked and read back, and a published version as a reader may see it.
import type { Kysely } from 'kysely';
import { type DB } from '../../../db/schema.js';
import { getReport, getVersion, getVersionMeta, listShares, listVersions, type OutcomeText, type ReportRow } from '../../../db/repositories/reports.js';
import { acceptedOutcomeTags, outcomesByIds } from '../../../db/repositories/sensemaking.js';
import { areasWithin } from '../../../db/repositories/areas.js';
import { reportAccess, reportableStories } from '../../access.js';
import type { ErrorDetail } from '../../errors.js';
import { requireRole } from '../../auth/guard.js';
import { AppError, beforeStart, invalid, notFound } from '../../errors.js';
import { type ReportDefinition, type SectionKey } from '../../reports/assemble.js';
import { emptyDoc, parseRichText } from '../../richtext.js';
import { serveVersion } from '../../reports/version-cache.js';
import { mediaDir } from '../../media/index.js';
import { logoDataUrl } from '../../media/logo.js';
import { getOrgName } from '../../../db/repositories/organisation.js';
import type { AppEnv } from '../../types.js';
import type { Context } from 'hono';
import { assertExist } from '../../exists.js';

/** Validates references: projects exist, areas exist, outcomes belong to the chosen projects, period in order. */
export async function checkDefinition(
  db: Kysely<DB>,
  d: { periodFrom: string; periodTo: string; projectIds: number[]; areaIds: number[]; outcomeIds: number[] },
) {
  if (d.periodTo < d.periodFrom)
    throw invalid('Einddatum ligt voor de begindatum / End date is before start date', [{ field: 'periodTo', message: beforeStart }]);
  await assertExist(db, 'projects', d.projectIds, 'projectIds');
  await assertExist(db, 'areas', d.areaIds, 'areaIds');
  if (d.outcomeIds.length) {
    const outcomes = await outcomesByIds(db, d.outcomeIds);
    const bad = d.outcomeIds.filter((id) => !outcomes.some((o) => o.id === id && d.projectIds.includes(o.projectId)));
    if (bad.length)
      throw invalid('Uitkomst hoort niet bij de gekozen projecten / Outcome not in the chosen projects', [
        {
          field: 'outcomeIds',
          message: `Deze uitkomst hoort niet bij de gekozen projecten (${bad.join(', ')}). Kies een uitkomst van die projecten. / This outcome is not part of the chosen projects (${bad.join(', ')}). Choose an outcome of those projects.`,
        },
      ]);
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
  perOutcome: r.perOutcome,
});

type PerOutcomeIn = { outcomeId: number; narrative?: { content?: unknown[] }; storyIds?: number[] | null };

/**
 * The narrative and chosen stories per outcome, checked against the report's definition: each
 * outcome one of the report's (of its projects; among the chosen ones when it names any), each
 * narrative rich text within the stories' allowlist, each chosen story one this report may show
 * (consent, projects, areas, period: server/access.ts) and tagged to that outcome. Any fault is
 * a 400 naming its field (perOutcome.N.…); the caller saves nothing then.
 */
export async function checkOutcomeTexts(
  db: Kysely<DB>,
  d: { periodFrom: string; periodTo: string; projectIds: number[]; areaIds: number[]; outcomeIds: number[] },
  input: PerOutcomeIn[],
): Promise<OutcomeText[]> {
  const details: ErrorDetail[] = [];
  const outcomeIds = [...new Set(input.map((t) => t.outcomeId))];
  const outcomes = outcomeIds.length ? await outcomesByIds(db, outcomeIds) : [];
  const ofReport = (id: number) =>
    outcomes.some((o) => o.id === id && d.projectIds.includes(o.projectId) && (!d.outcomeIds.length || d.outcomeIds.includes(id)));
  const chosen = [...new Set(input.flatMap((t) => t.storyIds ?? []))];
  const areaScope = d.areaIds.length ? await areasWithin(db, d.areaIds) : [];
  const mayShow = new Set(
    chosen.length
      ? (await reportableStories(db, { projectIds: d.projectIds, areaIds: areaScope, from: d.periodFrom, to: d.periodTo, storyIds: chosen })).map((s) => s.id)
      : [],
  );
  const tags = chosen.length && outcomeIds.length ? await acceptedOutcomeTags(db, outcomeIds, chosen) : [];
  const out: OutcomeText[] = [];
  const seen = new Set<number>();
  input.forEach((t, i) => {
    if (!ofReport(t.outcomeId))
      details.push({
        field: `perOutcome.${i}.outcomeId`,
        message:
          'Deze uitkomst hoort niet bij deze rapportage. Kies een uitkomst van de rapportage. / This outcome is not part of this report. Choose an outcome of the report.',
      });
    else if (seen.has(t.outcomeId))
      details.push({
        field: `perOutcome.${i}.outcomeId`,
        message: 'Deze uitkomst staat er al. Noem elke uitkomst één keer. / This outcome is listed already. Name each outcome once.',
      });
    seen.add(t.outcomeId);
    const storyIds = t.storyIds == null ? null : [...new Set(t.storyIds)];
    const bad = (storyIds ?? []).filter((id) => !mayShow.has(id) || !tags.some((g) => g.storyId === id && g.outcomeId === t.outcomeId));
    if (bad.length)
      details.push({
        field: `perOutcome.${i}.storyIds`,
        message: `Deze rapportage mag dit verhaal niet tonen bij deze uitkomst (${bad.join(', ')}). / This report may not show this story for this outcome (${bad.join(', ')}).`,
      });
    let narrative: { json: unknown; html: string } = { json: null, html: '' };
    try {
      if (t.narrative?.content?.length) narrative = parseRichText(t.narrative, `perOutcome.${i}.narrative`);
    } catch (err) {
      if (err instanceof AppError) details.push(...err.details);
      else throw err;
    }
    out.push({ outcomeId: t.outcomeId, narrative: narrative.json, narrativeHtml: narrative.html, storyIds });
  });
  if (details.length) throw invalid('Niet alles bij de uitkomsten kan worden opgeslagen / Not everything per outcome can be saved', details);
  return out;
}

export async function fullReport(db: Kysely<DB>, id: number) {
  const r = await getReport(db, id);
  if (!r) throw notFound('Rapportage niet gevonden / Report not found');
  const [versions, shares] = await Promise.all([listVersions(db, id), listShares(db, id)]);
  const { createdBy: _c, ...rest } = r;
  return { ...rest, versions, shares };
}

/** A published version, for a user who may see it, as it may be shown now (withdrawals honoured). */
export async function readableVersion(c: Context<AppEnv>, reportId: number, number: number) {
  await assertReader(c, reportId);
  const v = await getVersion(c.get('db'), reportId, number);
  if (!v) throw notFound('Versie niet gevonden / Version not found');
  const served = await serveVersion(c.get('db'), v);
  return { version: v, ...served };
}

async function assertReader(c: Context<AppEnv>, reportId: number) {
  await reportAccess(c.get('db'), requireRole(c, 'admin', 'coordinator', 'funder'), reportId);
}

/** The number, id and publication of a version this user may read (its body is not read). */
export async function readableVersionMeta(c: Context<AppEnv>, reportId: number, number: number) {
  // both at once: the version is only returned once the access check passed
  const [, v] = await Promise.all([assertReader(c, reportId), getVersionMeta(c.get('db'), reportId, number)]);
  if (!v) throw notFound('Versie niet gevonden / Version not found');
  return v;
}

/** The introduction as rich text (server/richtext.ts); an empty one is allowed. */
export function parseIntro(value: { content?: unknown[] } | undefined) {
  if (!value?.content?.length) return { json: emptyDoc, html: '' };
  return parseRichText(value, 'intro');
}

/**
 * The organisation's name, for report covers, the organisation page, story posters and IATI exports:
 * the one an admin set on the organisation page, else the one set where the server runs (ORG_NAME);
 * null when neither is set, and never the software's name in its place.
 */
export async function orgName(c: Context<AppEnv>, db: Kysely<DB> = c.get('db')): Promise<string | null> {
  return (await getOrgName(db)) ?? c.get('config').orgName ?? null;
}

/** What a report's cover shows of the organisation: its name, when one is set, and its logo, when an admin uploaded one. */
export async function coverOf(c: Context<AppEnv>, db: Kysely<DB> = c.get('db')): Promise<{ organisation?: string; organisationLogo?: string }> {
  const logo = await logoDataUrl(db, mediaDir(c.get('config')));
  const name = await orgName(c, db);
  return { ...(name ? { organisation: name } : {}), ...(logo ? { organisationLogo: logo } : {}) };
}

export const safeName = (s: string) =>
  s
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60) || 'rapportage';
