// Who may see what, decided in one place. Every read path narrows its query through here.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
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
