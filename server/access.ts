// Who may see what, decided in one place. Every read path narrows its query through here.
import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { ConsentLevel, DB } from '../db/schema.js';
import { forbidden, notFound } from './errors.js';
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

/** 'report' is anonymised: no teller name. 'team' and 'public' show the teller's chosen name. */
export const tellerNameFor = (audience: StoryAudience, name: string | null): string | null => (audience === 'report' ? null : name);

/**
 * The stories a logged-in user may see: workers their projects', staff all; funders none (403,
 * they see stories only through reports shared with them). Withdrawn stories are left out unless
 * `includeWithdrawn`, which only staff may ask for (the consent record; their text is gone).
 * Every story read path (list, search, get, export) starts from this query.
 */
export async function visibleStories(db: Kysely<DB>, user: SessionUser, opts: { includeWithdrawn?: boolean } = {}): Promise<SelectQueryBuilder<DB, 'stories', {}>> {
  if (opts.includeWithdrawn && user.role !== 'funder' && !isStaff(user)) throw forbidden('Alleen coördinatoren zien ingetrokken verhalen / Only coordinators see withdrawn stories');
  const qb = await storiesInScope(db, user);
  return opts.includeWithdrawn ? qb : qb.where('stories.withdrawnAt', 'is', null);
}

/**
 * For opening one story by id: like visibleStories, but a withdrawn story of the user's projects
 * is found too, so its page can say it was withdrawn (its text is gone; see getStory).
 */
export async function storiesInScope(db: Kysely<DB>, user: SessionUser): Promise<SelectQueryBuilder<DB, 'stories', {}>> {
  if (user.role === 'funder') throw forbidden('Financiers lezen verhalen via rapportages / Funders read stories through reports');
  const qb = db.selectFrom('stories');
  const scope = await projectScope(db, user);
  if (!scope) return qb;
  return scope.length ? qb.where('stories.projectId', 'in', scope) : qb.where(sql<boolean>`false`);
}

/** One story the user may see (withdrawn ones too), or 404; with what the routes decide on. */
export async function visibleStory(db: Kysely<DB>, user: SessionUser, id: number) {
  const story = await (await storiesInScope(db, user))
    .innerJoin('tellers', 'tellers.id', 'stories.tellerId')
    .select(['stories.id', 'stories.projectId', 'stories.recordedBy', 'stories.withdrawnAt', 'stories.consent', 'stories.tellerId', 'tellers.under16'])
    .where('stories.id', '=', id)
    .executeTakeFirst();
  if (!story) throw notFound('Verhaal niet gevonden / Story not found');
  return { ...story, under16: Boolean(story.under16) };
}

/** Workers edit the stories they recorded, staff all; nobody edits a withdrawn story. */
export const canEditStory = (user: SessionUser, story: { recordedBy: number | null; withdrawnAt: string | null }) =>
  story.withdrawnAt === null && (isStaff(user) || (user.role === 'worker' && story.recordedBy === user.id));

/**
 * Stories an audience outside the team may be shown (reports, Most Significant Change for a
 * funder): consent allows it and it is not withdrawn. Narrow further by project, period, etc.
 */
export function storiesForAudience(db: Kysely<DB>, audience: StoryAudience) {
  return db.selectFrom('stories').where('stories.withdrawnAt', 'is', null).where('stories.consent', 'in', [...audienceLevels[audience]]);
}

/** The public reads exactly one story: its own, through the hash of its receipt code. */
export function storyByReceipt(db: Kysely<DB>, receiptHash: string) {
  return db.selectFrom('stories').where('stories.receiptHash', '=', receiptHash);
}

// ---- Sensemaking (issue 4) ----
// Until the stories capability's own visibility function is merged, sensemaking narrows stories
// with this minimal rule: staff see every story, workers the stories of their projects, funders none.

/** The project ids whose stories a user may see for sensemaking; `null` = all (staff). */
export async function sensemakingStoryScope(db: Kysely<DB>, user: SessionUser): Promise<number[] | null> {
  return projectScope(db, user);
}

/** The story if the user may see it for tagging and coding (404 otherwise, 403 for funders). */
export async function assertStoryVisibleForSensemaking(db: Kysely<DB>, user: SessionUser, storyId: number) {
  if (user.role === 'funder') throw forbidden();
  const story = await db
    .selectFrom('stories')
    .select(['id', 'projectId', 'areaId', 'title', 'bodyText', 'consent', 'withdrawnAt', 'updatedAt'])
    .where('id', '=', storyId)
    .executeTakeFirst();
  if (!story) throw notFound('Verhaal niet gevonden / Story not found');
  const scope = await sensemakingStoryScope(db, user);
  if (scope && !scope.includes(story.projectId)) throw notFound('Verhaal niet gevonden / Story not found');
  return story;
}

/** Consent levels a report audience (a Most Significant Change panel, a report) may see. */
export const reportableConsents = ['report', 'public'] as const;

/** The teller's name as a report audience may see it: only with public consent; `report` is anonymised. */
export function tellerNameForReport(consent: string, displayName: string | null): string | null {
  return consent === 'public' ? displayName : null;
}

/** A Most Significant Change round: staff see all; panel members see the rounds they sit on. */
export async function assertMscRoundVisible(db: Kysely<DB>, user: SessionUser, roundId: number): Promise<{ isPanel: boolean }> {
  const round = await db.selectFrom('mscRounds').select('id').where('id', '=', roundId).executeTakeFirst();
  if (!round) throw notFound('Ronde niet gevonden / Round not found');
  const member = await db.selectFrom('mscPanelMembers').select('userId').where('roundId', '=', roundId).where('userId', '=', user.id).executeTakeFirst();
  if (!member && !isStaff(user)) throw notFound('Ronde niet gevonden / Round not found');
  return { isPanel: !!member };
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
