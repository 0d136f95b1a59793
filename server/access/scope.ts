// Who works on which project: the scope every other visibility rule starts from.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { forbidden, notFound } from '../errors.js';
import type { SessionUser } from '../types.js';

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
