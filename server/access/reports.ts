// Reports: which stories a report may show and as whom, and who may see or manage a report.
import type { JoinBuilder, Kysely } from 'kysely';
import type { ConsentLevel, DB, Phase, StoryQuery } from '../../db/schema.js';
import { publishedHeads } from '../../db/repositories/reports.js';
import { forbidden, notFound } from '../errors.js';
import type { SessionUser } from '../types.js';
import { isStaff } from './scope.js';
import { consentAllows, reportableStoryRows, reportStories, reportText, storyDate, tellerNameFor, type ReportStoryQuery } from './stories.js';

// --- reports (issue 6) ---------------------------------------------------------------------------
//
// The consent rule for reports, the same for every audience (funder, municipality, internal,
// residents): a story reaches a report only with consent 'report' or 'public' and while not
// withdrawn. 'team' stories never leave the team — not even into an internal report. 'report'
// stories appear anonymised: no teller name, no recorder, no exact date. 'public' stories carry
// the teller's chosen name, except for tellers under 16, whose names never appear in reports.

export type StoryDisclosure = 'named' | 'anonymous';

export type ReportableStory = {
  id: number;
  projectId: number;
  areaId: number | null;
  areaName: string | null;
  title: string;
  bodyHtml: string;
  bodyText: string;
  phase: Phase | null;
  /** YYYY-MM for anonymised stories (no exact date), YYYY-MM-DD for named ones */
  when: string;
  /** the full date, for grouping by period only: never shown for anonymised stories */
  date: string;
  language: string;
  disclosure: StoryDisclosure;
  /** the chosen name, only for 'named' stories that have one */
  tellerName: string | null;
  /** sha256 of the reviewed title and text (title, bodyHtml and bodyText are the report version) */
  reviewHash: string;
};

/** How a story with this consent may appear in a report; null = not at all. */
export function reportDisclosure(story: { consent: ConsentLevel; withdrawnAt: string | null; under16: number }): StoryDisclosure | null {
  if (!consentAllows('report', story)) return null;
  // as tellerNameFor: only 'public' names the teller, and never a teller under 16
  return story.consent === 'public' && !story.under16 ? 'named' : 'anonymous';
}

type ReportScope = { projectIds: number[]; areaIds?: number[]; from: string; to: string; storyIds?: number[] };

/** Narrows a query over stories to a report's scope (projects, areas, period, ids). */
function inReportScope<Q extends StoryQuery | ReportStoryQuery>(query: Q, opts: ReportScope): Q {
  let q = (query as StoryQuery).where('stories.projectId', 'in', opts.projectIds).where(storyDate, '>=', opts.from).where(storyDate, '<=', opts.to);
  if (opts.areaIds?.length) q = q.where('stories.areaId', 'in', opts.areaIds);
  if (opts.storyIds) q = q.where('stories.id', 'in', opts.storyIds);
  return q as Q;
}

/** The stories a report may show within its scope, as a query to count or join from (reportableStoryKeys, the climate section). */
export function reportableInScope(db: Kysely<DB>, scope: ReportScope): StoryQuery {
  return inReportScope(reportableStoryRows(db), scope);
}

/**
 * The stories a report may show, already stripped to what their consent allows: the projects'
 * stories (optionally narrowed to areas and ids) that happened within [from, to]. Reads their
 * text: ask for the ids a page prints (`storyIds`); reportableStoryKeys counts the rest.
 */
export async function reportableStories(db: Kysely<DB>, opts: ReportScope): Promise<ReportableStory[]> {
  if (!opts.projectIds.length || (opts.storyIds && !opts.storyIds.length)) return [];
  const rows = await inReportScope(reportStories(db), opts)
    .innerJoin('tellers', 'tellers.id', 'stories.tellerId')
    .leftJoin('areas', 'areas.id', 'stories.areaId')
    .select([
      'stories.id',
      'stories.projectId',
      'stories.areaId',
      'areas.name as areaName',
      ...reportText,
      'stories.phase',
      'stories.language',
      'stories.consent',
      'stories.withdrawnAt',
      'tellers.displayName',
      'tellers.under16',
      storyDate.as('date'),
    ])
    .orderBy(storyDate)
    .orderBy('stories.id')
    .execute();
  return rows.flatMap((r) => {
    const disclosure = reportDisclosure(r);
    if (!disclosure) return [];
    return [
      {
        id: r.id,
        projectId: r.projectId,
        areaId: r.areaId,
        areaName: r.areaName,
        title: r.title,
        bodyHtml: r.bodyHtml,
        bodyText: r.bodyText,
        phase: r.phase,
        when: disclosure === 'named' ? r.date : r.date.slice(0, 7),
        date: r.date,
        language: r.language,
        disclosure,
        tellerName: disclosure === 'named' ? tellerNameFor('public', { name: r.displayName, under16: r.under16 }) : null,
        reviewHash: r.reviewHash,
      },
    ];
  });
}

/** What a report counts of a story it may show, without its text: see reportableStoryKeys. */
export type ReportableKey = { id: number; date: string; phase: Phase | null };

/**
 * The counting variant of reportableStories: the same stories by the same rule, but only their id,
 * date and phase — for what a report counts (stories per outcome, phase and half of the period,
 * climate placements) rather than prints. Ordered by date, then id. (Whether a story may be in a
 * report at all does not depend on its teller: the teller's row is not read.)
 */
export async function reportableStoryKeys(db: Kysely<DB>, opts: ReportScope): Promise<ReportableKey[]> {
  if (!opts.projectIds.length || (opts.storyIds && !opts.storyIds.length)) return [];
  // The consent rule is in the query (reportableStoryRows); these keys carry no text to strip.
  return reportableInScope(db, opts)
    .select(['stories.id', 'stories.phase', storyDate.as('date')])
    .orderBy(storyDate)
    .orderBy('stories.id')
    .execute();
}

/**
 * How a story frozen into a published version may be served now: as whom, and which reviewed
 * text (its hash) it may show; null = not at all (a placeholder). A story withdrawn, erased or
 * moved back to 'team' since publication, or one whose report version is not (or no longer)
 * reviewed, becomes a placeholder; one moved from 'public' to 'report' loses its name; one
 * reviewed again since shows the text reviewed now.
 */
export type ServedDisclosure = { as: StoryDisclosure; reviewHash: string } | null;

const currentReviewJoin = (join: JoinBuilder<DB & { stories: DB['stories'] }, 'stories' | 'storyReviews'>) =>
  join.onRef('storyReviews.storyId', '=', 'stories.id').onRef('stories.reviewedRev', '=', 'stories.textRev');

function servedDisclosure(r: { consent: ConsentLevel; withdrawnAt: string | null; under16: number; reviewHash: string | null }): ServedDisclosure {
  const as = reportDisclosure(r);
  return as && r.reviewHash ? { as, reviewHash: r.reviewHash } : null;
}

/** The current report versions (reviewed text) of these stories, for those that may leave the team. */
export async function reportVersionsOf(
  db: Kysely<DB>,
  storyIds: number[],
): Promise<Map<number, { title: string; bodyHtml: string; bodyText: string; reviewHash: string }>> {
  if (!storyIds.length) return new Map();
  const rows = await reportStories(db)
    .select(['stories.id', ...reportText])
    .where('stories.id', 'in', storyIds)
    .execute();
  return new Map(rows.map(({ id, ...r }) => [id, r]));
}

/**
 * A number that changes whenever anything versionDisclosure depends on changes (a story's consent,
 * withdrawal or erasure, a teller's age flag: triggers of migration 0009; a story's text changed:
 * the trigger of migration 0026; a review saved: noteDisclosureChange in db/repositories/reviews.ts).
 */
export async function disclosureStamp(db: Kysely<DB>): Promise<number> {
  const row = await db.selectFrom('disclosureChanges').select('n').where('id', '=', 1).executeTakeFirst();
  return row?.n ?? -1;
}

/** How the stories of one published version may be served now, found through the version's story list. */
export async function versionDisclosure(db: Kysely<DB>, versionId: number, storyIds: number[]): Promise<Map<number, ServedDisclosure>> {
  const result = new Map<number, ServedDisclosure>(storyIds.map((id) => [id, null]));
  const rows = await db
    .selectFrom('reportVersionStories')
    .innerJoin('stories', 'stories.id', 'reportVersionStories.storyId')
    .innerJoin('tellers', 'tellers.id', 'stories.tellerId')
    .leftJoin('storyReviews', currentReviewJoin)
    .select(['stories.id', 'stories.consent', 'stories.withdrawnAt', 'tellers.under16', 'storyReviews.textHash as reviewHash'])
    .where('reportVersionStories.versionId', '=', versionId)
    .execute();
  for (const r of rows) if (result.has(r.id)) result.set(r.id, servedDisclosure(r));
  return result;
}

/** The report ids a user may list: null = all (staff); funders only those shared with them. */
export async function reportScope(db: Kysely<DB>, user: SessionUser): Promise<number[] | null> {
  if (isStaff(user)) return null;
  if (user.role !== 'funder') throw forbidden();
  const rows = await db.selectFrom('reportShares').select('reportId').where('userId', '=', user.id).execute();
  return rows.map((r) => r.reportId);
}

/**
 * The report list as a user may see it: a funder sees published versions only — no drafts, and
 * no trace of later draft edits (title and period as last published).
 */
export async function reportsSeenBy<R extends { id: number; latestVersion: number | null; latestPublishedAt: string | null; updatedAt: string }>(
  db: Kysely<DB>,
  user: SessionUser,
  reports: R[],
): Promise<R[]> {
  if (user.role !== 'funder') return reports;
  const heads = await publishedHeads(
    db,
    reports.filter((r) => r.latestVersion != null).map((r) => r.id),
  );
  return reports.filter((r) => heads.has(r.id)).map((r) => ({ ...r, ...heads.get(r.id)!, updatedAt: r.latestPublishedAt! }));
}

/** A shared report without a published version does not exist for its funder yet (404). */
export function assertPublishedForFunder(user: SessionUser, versionCount: number): void {
  if (user.role === 'funder' && versionCount === 0) throw notFound('Rapportage niet gevonden / Report not found');
}

/**
 * What a user may see of one report: 'all' (staff: definition, preview, every version) or
 * 'published' (a funder it is shared with: published versions only). Otherwise 404 (funders,
 * so they cannot probe for reports) or 403 (workers).
 */
export async function reportAccess(db: Kysely<DB>, user: SessionUser, reportId: number): Promise<'all' | 'published'> {
  const report = await db.selectFrom('reports').select('id').where('id', '=', reportId).executeTakeFirst();
  if (isStaff(user)) {
    if (!report) throw notFound('Rapportage niet gevonden / Report not found');
    return 'all';
  }
  if (user.role !== 'funder') throw forbidden();
  const scope = await reportScope(db, user);
  if (!report || !scope!.includes(reportId)) throw notFound('Rapportage niet gevonden / Report not found');
  return 'published';
}

/**
 * Who may manage a report — read its definition and preview, change it, publish it, share it,
 * make, list and revoke its read links: staff (admin, coordinator). A funder it is shared with
 * gets 403, any other funder 404 (no hint that it exists), workers 403, a missing report 404.
 */
export async function assertReportManageable(db: Kysely<DB>, user: SessionUser, reportId: number): Promise<void> {
  if ((await reportAccess(db, user, reportId)) !== 'all') throw forbidden();
}
