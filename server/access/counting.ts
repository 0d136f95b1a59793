// Counting: who may see, fill in and define indicators (values, hours and expenses follow the project).
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { forbidden } from '../errors.js';
import type { SessionUser } from '../types.js';
import { assertProjectVisible, assertProjectWritable, isStaff, projectScope } from './scope.js';

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
