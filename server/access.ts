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
