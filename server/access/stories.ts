// Stories: which the team may see, which may leave the team, and how a teller is named.
import { sql, type ExpressionBuilder, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { ConsentLevel, DB, StoryQuery } from '../../db/schema.js';
import { storyDate } from '../../db/repositories/story-date.js';
import { conflict, forbidden, notFound } from '../errors.js';
import type { SessionUser } from '../types.js';
import { isStaff, projectScope } from './scope.js';

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

export function tellerNameForReport(consent: ConsentLevel, teller: { name: string | null; under16: boolean | number }): string | null {
  return tellerNameFor(consent === 'public' ? 'public' : 'report', teller);
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
 * The stories of reportStories without their text: the same rule, for what is counted rather than
 * read (answered by the index stories_period alone).
 */
export function reportableStoryRows(db: Kysely<DB>): StoryQuery {
  return consentedStories(db).where(hasCurrentReview);
}

/**
 * The stories an audience beyond the team may be shown — a report (any audience), a read link,
 * an export, IATI, a Most Significant Change panel with members who are not staff: not
 * withdrawn, consent 'report' or 'public', and a current review (a person reviewed the report
 * version, and the story's title and text have not changed since). Their text for those readers
 * is the report version: select `reportText`, never the story's own title and body. Report
 * assembly, MSC candidates and MSC selections for reports start from this query.
 */
export function reportStories(db: Kysely<DB>): ReportStoryQuery {
  return reportableStoryRows(db).innerJoin('storyReviews', 'storyReviews.storyId', 'stories.id');
}

/** What readers beyond the team read of a story: its reviewed report version. */
export const reportText = [
  'storyReviews.title as title',
  'storyReviews.bodyHtml as bodyHtml',
  'storyReviews.bodyText as bodyText',
  'storyReviews.textHash as reviewHash',
] as const;

/**
 * Whether the story has a current review: one was made of the story as it reads now (its title
 * and text unchanged since: migration 0026 numbers them). False, never null, without a review.
 */
export const hasCurrentReview = (eb: ExpressionBuilder<DB, 'stories'>) =>
  eb.and([eb('stories.reviewedRev', 'is not', null), eb('stories.reviewedRev', '=', eb.ref('stories.textRev'))]);

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
    .select([
      'stories.id',
      'stories.projectId',
      'stories.recordedBy',
      'stories.withdrawnAt',
      'stories.consent',
      'stories.source',
      'stories.tellerId',
      'tellers.displayName as tellerName',
      'tellers.under16',
    ])
    .where('stories.id', '=', id)
    .executeTakeFirst();
  if (!story) throw notFound('Verhaal niet gevonden / Story not found');
  return { ...story, under16: Boolean(story.under16) };
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

/**
 * A heard story's receipt code is shown once and only its hash is kept, so it cannot be shown again.
 * When the teller lost it, whoever may record consent for them (the recorder or staff) makes a new
 * one, which replaces the old; nobody does so for a story the resident sent through a link (they
 * hold that code: a new one would take it from them unseen) or for a withdrawn story.
 */
export const canReissueReceipt = (user: SessionUser, story: { recordedBy: number | null; source: string; withdrawnAt: string | null }) =>
  story.source === 'heard' && story.withdrawnAt === null && canWidenConsent(user, story);

/** The public reads exactly one story: its own, through the hash of its receipt code. */
export function storyByReceipt(db: Kysely<DB>, receiptHash: string) {
  return db.selectFrom('stories').where('stories.receiptHash', '=', receiptHash);
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

/** The day a story counts on: the day it happened, else the day it was recorded. */
export { storyDate };

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
