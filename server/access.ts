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
