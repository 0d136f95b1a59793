// Who may see what, decided in one place. Every read path narrows its query through here.
import { sql, type ExpressionBuilder, type JoinBuilder, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { ConsentLevel, DB, Phase, StoryQuery } from '../db/schema.js';
import { publishedHeads } from '../db/repositories/reports.js';
import { roundCandidateQuery } from '../db/repositories/sensemaking.js';
import { conflict, forbidden, notFound } from './errors.js';
import type { SessionUser } from './types.js';

export const isStaff = (user: SessionUser) => user.role === 'admin' || user.role === 'coordinator';

/** The project ids a user works on; `null` means all projects (staff). */
export async function projectScope(db: Kysely<DB>, user: SessionUser): Promise<number[] | null> {
  if (isStaff(user)) return null;
  if (user.role !== 'worker') return [];
  const rows = await db.selectFrom('projectMembers').select('projectId').where('userId', '=', user.id).execute();
  return rows.map((r) => r.projectId);
}

/** Throws 404 unless the project exists and the user may see it (403 for funders, who see no projects). */
export async function assertProjectVisible(db: Kysely<DB>, user: SessionUser, projectId: number): Promise<void> {
  if (user.role === 'funder') throw forbidden();
  const project = await db.selectFrom('projects').select('id').where('id', '=', projectId).executeTakeFirst();
  if (!project) throw notFound('Project niet gevonden / Project not found');
  const scope = await projectScope(db, user);
  if (scope && !scope.includes(projectId)) throw notFound('Project niet gevonden / Project not found');
}

/** Workers may write to their own projects; staff to all. */
export async function assertProjectWritable(db: Kysely<DB>, user: SessionUser, projectId: number): Promise<void> {
  await assertProjectVisible(db, user, projectId);
  if (!isStaff(user) && user.role !== 'worker') throw forbidden();
}

// --- Stories

export type StoryAudience = 'team' | 'report' | 'public';

/** The consent levels that let each audience read a story. */
export const audienceLevels: Record<StoryAudience, readonly ConsentLevel[]> = {
  team: ['team', 'report', 'public'],
  report: ['report', 'public'],
  public: ['public'],
};

/** Whether a story with this consent may be shown to the audience; a withdrawn story never may. */
export function consentAllows(audience: StoryAudience, consent: ConsentLevel | null | { consent: ConsentLevel; withdrawnAt: string | null }): boolean {
  if (consent === null) return false;
  if (typeof consent === 'object') return consent.withdrawnAt === null && audienceLevels[audience].includes(consent.consent);
  return audienceLevels[audience].includes(consent);
}

/**
 * The teller name an audience may see: 'report' is anonymised (no name); 'public' shows the chosen
 * name, except for a teller under 16; the team sees the name.
 */
export function tellerNameFor(audience: StoryAudience, teller: { name: string | null; under16: boolean | number }): string | null {
  if (audience === 'team') return teller.name;
  if (audience === 'report' || teller.under16) return null;
  return teller.name;
}

export type { StoryQuery };

/** The rule under every audience: a withdrawn story is shown to nobody (its text is gone). */
const live = (qb: StoryQuery): StoryQuery => qb.where('stories.withdrawnAt', 'is', null);

/**
 * The stories a logged-in user may see: workers their projects', staff all; funders none (403,
 * they see stories only through reports shared with them). Withdrawn stories are left out unless
 * `includeWithdrawn`, which only staff may ask for (the consent record; their text is gone).
 * Every story read path of the team starts from this query: list, search, export, and the
 * sensemaking views over many stories (tagging inbox, climate roll-ups and agreement).
 */
export async function visibleStories(db: Kysely<DB>, user: SessionUser, opts: { includeWithdrawn?: boolean } = {}): Promise<StoryQuery> {
  if (opts.includeWithdrawn && user.role !== 'funder' && !isStaff(user))
    throw forbidden('Alleen coördinatoren zien ingetrokken verhalen / Only coordinators see withdrawn stories');
  const qb = await storiesInScope(db, user);
  return opts.includeWithdrawn ? qb : live(qb);
}

/**
 * For opening one story by id: like visibleStories, but a withdrawn story of the user's projects
 * is found too, so its page can say it was withdrawn (its text is gone; see getStory).
 */
export async function storiesInScope(db: Kysely<DB>, user: SessionUser): Promise<StoryQuery> {
  if (user.role === 'funder') throw forbidden('Financiers lezen verhalen via rapportages / Funders read stories through reports');
  const qb = db.selectFrom('stories');
  const scope = await projectScope(db, user);
  if (!scope) return qb;
  return scope.length ? qb.where('stories.projectId', 'in', scope) : qb.where(sql<boolean>`false`);
}

/**
 * The stories whose consent lets them leave the team — not withdrawn, consent 'report' or
 * 'public' — whether or not their report version has been reviewed yet. Only the team may read
 * them in this form: readers beyond it go through reportStories.
 */
export function consentedStories(db: Kysely<DB>): StoryQuery {
  return live(db.selectFrom('stories')).where('stories.consent', 'in', [...audienceLevels.report]);
}

/** A query over stories joined to their current review (see reportStories). */
export type ReportStoryQuery = SelectQueryBuilder<DB, 'stories' | 'storyReviews', {}>;

/**
 * The stories an audience beyond the team may be shown — a report (any audience), a read link,
 * an export, IATI, a Most Significant Change panel with members who are not staff: not
 * withdrawn, consent 'report' or 'public', and a current review (a person reviewed the report
 * version, and the story's title and text have not changed since). Their text for those readers
 * is the report version: select `reportText`, never the story's own title and body. Report
 * assembly, MSC candidates and MSC selections for reports start from this query.
 */
export function reportStories(db: Kysely<DB>): ReportStoryQuery {
  return consentedStories(db)
    .innerJoin('storyReviews', 'storyReviews.storyId', 'stories.id')
    .whereRef('storyReviews.sourceTitle', '=', 'stories.title')
    .whereRef('storyReviews.sourceText', '=', 'stories.bodyText');
}

/** What readers beyond the team read of a story: its reviewed report version. */
export const reportText = [
  'storyReviews.title as title',
  'storyReviews.bodyHtml as bodyHtml',
  'storyReviews.bodyText as bodyText',
  'storyReviews.textHash as reviewHash',
] as const;

/** Whether the story has a current review: one exists and the story's title and text are unchanged since. */
export const hasCurrentReview = (eb: ExpressionBuilder<DB, 'stories'>) =>
  eb.exists(
    eb
      .selectFrom('storyReviews')
      .select('storyReviews.storyId')
      .whereRef('storyReviews.storyId', '=', 'stories.id')
      .whereRef('storyReviews.sourceTitle', '=', 'stories.title')
      .whereRef('storyReviews.sourceText', '=', 'stories.bodyText'),
  );

/**
 * The stories that may leave the team but wait for a review of their report version ("wacht op
 * anonimiseren"): consented, not withdrawn, without a current review. Narrows the team's query,
 * so a worker only sees their projects' stories waiting.
 */
export function awaitingReview(visible: StoryQuery): StoryQuery {
  return visible
    .where('stories.withdrawnAt', 'is', null)
    .where('stories.consent', 'in', [...audienceLevels.report])
    .where((eb) => eb.not(hasCurrentReview(eb)));
}

/** One story the user may see (withdrawn ones too), or 404; with what the routes decide on. */
export async function visibleStory(db: Kysely<DB>, user: SessionUser, id: number) {
  const story = await (
    await storiesInScope(db, user)
  )
    .innerJoin('tellers', 'tellers.id', 'stories.tellerId')
    .select(['stories.id', 'stories.projectId', 'stories.recordedBy', 'stories.withdrawnAt', 'stories.consent', 'stories.tellerId', 'tellers.under16'])
    .where('stories.id', '=', id)
    .executeTakeFirst();
  if (!story) throw notFound('Verhaal niet gevonden / Story not found');
  return { ...story, under16: Boolean(story.under16) };
}

/**
 * A story's voice recording and photo are for the team that may read the story: its project's
 * workers and the staff, never funders (403), never another project (404). Audio reaches a report
 * only as the story's text a worker typed; a photo only through `reportablePhotos`.
 */
export async function assertMediaForTeam(db: Kysely<DB>, user: SessionUser, storyId: number): Promise<void> {
  const story = await visibleStory(db, user, storyId);
  if (story.withdrawnAt) throw notFound('Dit bestand is er niet meer / This file is gone');
}

/**
 * The photos a report may show: of stories a report may show at all (reportStories), with consent
 * `public`, a teller aged 16 or older, and the photo's own "may go into reports" from the teller.
 * Recordings are never among them.
 */
export function reportablePhotos(db: Kysely<DB>) {
  return reportStories(db)
    .innerJoin('storyMedia', 'storyMedia.storyId', 'stories.id')
    .innerJoin('tellers', 'tellers.id', 'stories.tellerId')
    .where('stories.consent', '=', 'public')
    .where('tellers.under16', '=', 0)
    .where('storyMedia.kind', '=', 'photo')
    .where('storyMedia.photoInReports', '=', 1);
}

/** Workers edit the stories they recorded, staff all; nobody edits a withdrawn story. */
export const canEditStory = (user: SessionUser, story: { recordedBy: number | null; withdrawnAt: string | null }) =>
  story.withdrawnAt === null && (isStaff(user) || (user.role === 'worker' && story.recordedBy === user.id));

/**
 * Widening a story's consent (the teller's or guardian's word, as consent.ts checks) is recorded
 * only by the worker who recorded the story or by staff; narrowing and withdrawing by anyone who
 * may see it.
 */
export const canWidenConsent = (user: SessionUser, story: { recordedBy: number | null }) =>
  isStaff(user) || (user.role === 'worker' && story.recordedBy === user.id);

/** The public reads exactly one story: its own, through the hash of its receipt code. */
export function storyByReceipt(db: Kysely<DB>, receiptHash: string) {
  return db.selectFrom('stories').where('stories.receiptHash', '=', receiptHash);
}

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

/** The day a story counts on: the day it happened, else the day it was recorded. */
export const storyDate = sql<string>`coalesce(${sql.ref('stories.happenedOn')}, substr(${sql.ref('stories.createdAt')}, 1, 10))`;

/** How a story with this consent may appear in a report; null = not at all. */
export function reportDisclosure(story: { consent: ConsentLevel; withdrawnAt: string | null; under16: number }): StoryDisclosure | null {
  if (!consentAllows('report', story)) return null;
  // as tellerNameFor: only 'public' names the teller, and never a teller under 16
  return story.consent === 'public' && !story.under16 ? 'named' : 'anonymous';
}

type ReportScope = { projectIds: number[]; areaIds?: number[]; from: string; to: string; storyIds?: number[] };

/** The stories within a report's scope (projects, areas, period, ids) that a report may show at all. */
function reportScopeQuery(db: Kysely<DB>, opts: ReportScope) {
  let q = reportStories(db)
    .innerJoin('tellers', 'tellers.id', 'stories.tellerId')
    .where('stories.projectId', 'in', opts.projectIds)
    .where(storyDate, '>=', opts.from)
    .where(storyDate, '<=', opts.to);
  if (opts.areaIds?.length) q = q.where('stories.areaId', 'in', opts.areaIds);
  if (opts.storyIds) q = q.where('stories.id', 'in', opts.storyIds);
  return q;
}

/**
 * The stories a report may show, already stripped to what their consent allows: the projects'
 * stories (optionally narrowed to areas and ids) that happened within [from, to]. Reads their
 * text: ask for the ids a page prints (`storyIds`); reportableStoryKeys counts the rest.
 */
export async function reportableStories(db: Kysely<DB>, opts: ReportScope): Promise<ReportableStory[]> {
  if (!opts.projectIds.length || (opts.storyIds && !opts.storyIds.length)) return [];
  const rows = await reportScopeQuery(db, opts)
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
 * climate placements) rather than prints. Ordered by date, then id.
 */
export async function reportableStoryKeys(db: Kysely<DB>, opts: ReportScope): Promise<ReportableKey[]> {
  if (!opts.projectIds.length || (opts.storyIds && !opts.storyIds.length)) return [];
  const rows = await reportScopeQuery(db, opts)
    .select(['stories.id', 'stories.phase', 'stories.consent', 'stories.withdrawnAt', 'tellers.under16', storyDate.as('date')])
    .orderBy(storyDate)
    .orderBy('stories.id')
    .execute();
  return rows.flatMap((r) => (reportDisclosure(r) ? [{ id: r.id, date: r.date, phase: r.phase }] : []));
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
  join
    .onRef('storyReviews.storyId', '=', 'stories.id')
    .onRef('storyReviews.sourceTitle', '=', 'stories.title')
    .onRef('storyReviews.sourceText', '=', 'stories.bodyText');

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
 * withdrawal or erasure, a teller's age flag: triggers of migration 0009; a review saved or a
 * story's text changed: noteDisclosureChange in db/repositories/reviews.ts).
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

// --- Counting: indicators, values, hours and expenses ---

/**
 * Which indicators a user may see: staff every indicator; workers their projects' indicators and
 * the context indicators (CBS, no project); funders none here (they see numbers through reports).
 */
export async function indicatorScope(db: Kysely<DB>, user: SessionUser): Promise<{ projectIds: number[] | null; context: boolean }> {
  if (user.role === 'funder') throw forbidden();
  return { projectIds: await projectScope(db, user), context: true };
}

/** 404 unless the user may see this indicator (403 for funders). */
export async function assertIndicatorVisible(db: Kysely<DB>, user: SessionUser, indicator: { projectId: number | null }): Promise<void> {
  if (user.role === 'funder') throw forbidden();
  if (indicator.projectId !== null) await assertProjectVisible(db, user, indicator.projectId);
}

/** Who may enter values: the project's workers and staff; context indicators only staff. */
export async function assertIndicatorWritable(db: Kysely<DB>, user: SessionUser, indicator: { projectId: number | null }): Promise<void> {
  await assertIndicatorVisible(db, user, indicator);
  if (indicator.projectId === null) {
    if (!isStaff(user)) throw forbidden();
  } else await assertProjectWritable(db, user, indicator.projectId);
}

/** Indicator definitions (name, targets, baseline) are kept by staff. */
export async function assertIndicatorDefinable(db: Kysely<DB>, user: SessionUser, indicator: { projectId: number | null }): Promise<void> {
  await assertIndicatorVisible(db, user, indicator);
  if (!isStaff(user)) throw forbidden();
}

/** Which indicators a user may enter values for (CSV import): workers their projects'; staff all, context included. */
export async function writableIndicatorScope(db: Kysely<DB>, user: SessionUser): Promise<{ projectIds: number[] | null; context: boolean }> {
  if (user.role === 'funder') throw forbidden();
  return { projectIds: await projectScope(db, user), context: isStaff(user) };
}

// ---- Sensemaking (issue 4) ----

/** The story if the user may see it for tagging and coding (404 otherwise, 403 for funders). */
export async function assertStoryVisibleForSensemaking(db: Kysely<DB>, user: SessionUser, storyId: number) {
  const story = await (
    await storiesInScope(db, user)
  )
    .select([
      'stories.id',
      'stories.projectId',
      'stories.areaId',
      'stories.title',
      'stories.bodyText',
      'stories.consent',
      'stories.withdrawnAt',
      'stories.updatedAt',
    ])
    .where('stories.id', '=', storyId)
    .executeTakeFirst();
  if (!story) throw notFound('Verhaal niet gevonden / Story not found');
  return story;
}

/** The teller's name for a report audience: only with public consent (and never under 16); `report` is anonymised. */
export function tellerNameForReport(consent: ConsentLevel, teller: { name: string | null; under16: boolean | number }): string | null {
  return tellerNameFor(consent === 'public' ? 'public' : 'report', teller);
}

/** A Most Significant Change round: staff see all; panel members see the rounds they sit on. */
export async function assertMscRoundVisible(db: Kysely<DB>, user: SessionUser, roundId: number): Promise<{ isPanel: boolean }> {
  const round = await db.selectFrom('mscRounds').select('id').where('id', '=', roundId).executeTakeFirst();
  if (!round) throw notFound('Ronde niet gevonden / Round not found');
  const member = await db.selectFrom('mscPanelMembers').select('userId').where('roundId', '=', roundId).where('userId', '=', user.id).executeTakeFirst();
  if (!member && !isStaff(user)) throw notFound('Ronde niet gevonden / Round not found');
  return { isPanel: !!member };
}

/**
 * Most Significant Change asks for independent choices first: a panel member sees the others'
 * picks and reasons only once they made their own, or when the round has closed. Staff who are
 * not on the panel follow who has picked (to remind the others), not what or why, until it
 * closes. Everyone who may read the round sees who has picked.
 */
export function mscPicksFor<P extends { userId: number; userName: string; at: string }>(
  user: SessionUser,
  round: { status: 'open' | 'closed' },
  isPanel: boolean,
  picks: P[],
): { picks: P[]; pickedBy: { userId: number; userName: string; at: string }[]; picksHidden: boolean } {
  const pickedBy = picks.map(({ userId, userName, at }) => ({ userId, userName, at }));
  const own = picks.filter((p) => p.userId === user.id);
  const open = round.status === 'closed' || (isPanel && own.length > 0);
  return { picks: open ? picks : own, pickedBy, picksHidden: !open && picks.length > own.length };
}

// ---- Report summary (issue 12) ----

/**
 * How many stories were told within a report's scope (projects, areas, period; withdrawn ones
 * not counted) and by how many tellers and from how many areas: counts only, never a story, so
 * every consent counts — the summary sets them beside how many the tellers allow in reports.
 */
export async function storiesToldCounts(
  db: Kysely<DB>,
  opts: { projectIds: number[]; areaIds?: number[]; from: string; to: string },
): Promise<{ stories: number; tellers: number; areas: number }> {
  if (!opts.projectIds.length) return { stories: 0, tellers: 0, areas: 0 };
  let q = live(db.selectFrom('stories'))
    .select((eb) => [
      eb.fn.countAll<number>().as('stories'),
      eb.fn.count<number>('stories.tellerId').distinct().as('tellers'),
      eb.fn.count<number>('stories.areaId').distinct().as('areas'),
    ])
    .where('stories.projectId', 'in', opts.projectIds)
    .where(storyDate, '>=', opts.from)
    .where(storyDate, '<=', opts.to);
  if (opts.areaIds?.length) q = q.where('stories.areaId', 'in', opts.areaIds);
  const row = await q.executeTakeFirst();
  return { stories: Number(row?.stories ?? 0), tellers: Number(row?.tellers ?? 0), areas: Number(row?.areas ?? 0) };
}

// ---- Most Significant Change panels beyond the team (issue 13) ----

/**
 * A round's panel stays inside the team when every member is staff (admin, coordinator): then the
 * stories that may leave the team are offered as they are, reviewed or not. A panel with anyone
 * else (a funder, a worker) reaches beyond it: only stories with a current review, in their
 * report version (reportStories).
 */
export async function mscPanelInside(db: Kysely<DB>, roundId: number): Promise<boolean> {
  const outsider = await db
    .selectFrom('mscPanelMembers')
    .innerJoin('users', 'users.id', 'mscPanelMembers.userId')
    .select('users.id')
    .where('mscPanelMembers.roundId', '=', roundId)
    .where('users.role', 'not in', ['admin', 'coordinator'])
    .executeTakeFirst();
  return !outsider;
}

/**
 * Candidate stories of a round, of its projects and period: for a panel beyond the team the
 * stories a report may show, in their reviewed report version (reportStories); for a panel of
 * staff only, every story that may leave the team, as it is (consentedStories).
 */
export async function mscCandidates(db: Kysely<DB>, round: { id: number; periodFrom: string; periodTo: string }) {
  const inside = await mscPanelInside(db, round.id);
  const rows = inside
    ? await roundCandidateQuery(db, consentedStories(db), round).select(['stories.title', 'stories.bodyHtml']).execute()
    : // the report version's title and text (reportText), not the story's own
      await roundCandidateQuery(db, reportStories(db) as StoryQuery, round)
        .select([sql<string>`${sql.ref('storyReviews.title')}`.as('title'), sql<string>`${sql.ref('storyReviews.bodyHtml')}`.as('bodyHtml')])
        .execute();
  return rows.map(({ displayName, ...r }) => ({ ...r, tellerName: tellerNameForReport(r.consent, { name: displayName, under16: r.under16 }) }));
}

/**
 * One story as a reader of a Most Significant Change round may see it now: staff as the team
 * does; anyone else the date of an anonymised story only to the month (as reports show it).
 */
export function mscStoryFor<S extends { consent: ConsentLevel; under16: number | boolean; date: string; happenedOn: string | null }>(
  user: SessionUser,
  s: S,
): S {
  if (isStaff(user) || reportDisclosure({ consent: s.consent, withdrawnAt: null, under16: Number(s.under16) }) === 'named') return s;
  return { ...s, date: s.date.slice(0, 7), happenedOn: null };
}

/**
 * The title a reader of a round may see of a selected story now: none once it was withdrawn or
 * moved back to 'team'; for readers who are not staff, only its reviewed report version's title,
 * and none while that is missing or stale (null: held back).
 */
export async function mscSelectionTitles(db: Kysely<DB>, user: SessionUser, storyIds: number[]): Promise<Map<number, string | null>> {
  const out = new Map<number, string | null>(storyIds.map((id) => [id, null]));
  if (!storyIds.length) return out;
  if (isStaff(user)) {
    for (const r of await consentedStories(db).select(['stories.id', 'stories.title']).where('stories.id', 'in', storyIds).execute()) out.set(r.id, r.title);
  } else {
    for (const [id, t] of await reportVersionsOf(db, storyIds)) out.set(id, t.title);
  }
  return out;
}

/**
 * Who may review a story's report version: staff, and the workers of its project (whoever may
 * see the story; 404 otherwise, 403 for funders). A withdrawn story has nothing left to review.
 */
export async function reviewableStory(db: Kysely<DB>, user: SessionUser, id: number) {
  const story = await visibleStory(db, user, id);
  if (story.withdrawnAt) throw conflict('Dit verhaal is ingetrokken / This story has been withdrawn');
  return story;
}
