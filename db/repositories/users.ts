import type { Kysely } from 'kysely';
import type { DB, Role } from '../schema.js';

export const publicUserColumns = ['id', 'email', 'name', 'role', 'locale', 'disabledAt', 'createdAt'] as const;

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

export function findUserByEmail(db: Kysely<DB>, email: string) {
  return db.selectFrom('users').selectAll().where('email', '=', normalizeEmail(email)).executeTakeFirst();
}

export function listUsers(db: Kysely<DB>) {
  return db.selectFrom('users').select(publicUserColumns).orderBy('name').execute();
}

export function getUser(db: Kysely<DB>, id: number) {
  return db.selectFrom('users').select(publicUserColumns).where('id', '=', id).executeTakeFirst();
}

export async function insertUser(db: Kysely<DB>, u: { email: string; name: string; role: Role; passwordHash: string; locale?: string }) {
  const row = await db
    .insertInto('users')
    .values({ ...u, email: normalizeEmail(u.email) })
    .returning(publicUserColumns)
    .executeTakeFirstOrThrow();
  return row;
}

export async function adminExists(db: Kysely<DB>): Promise<boolean> {
  const row = await db.selectFrom('users').select('id').where('role', '=', 'admin').where('disabledAt', 'is', null).executeTakeFirst();
  return row !== undefined;
}

/** Every user who may log in (not disabled), by name. */
export function activeUsers(db: Kysely<DB>) {
  return db.selectFrom('users').select(['id', 'name', 'role']).where('disabledAt', 'is', null).orderBy('name').execute();
}

/** Of these ids, the users who exist and are not disabled. */
export async function activeUserIds(db: Kysely<DB>, ids: number[]): Promise<number[]> {
  const rows = await db.selectFrom('users').select('id').where('id', 'in', ids).where('disabledAt', 'is', null).execute();
  return rows.map((r) => r.id);
}

export async function passwordHashOf(db: Kysely<DB>, id: number): Promise<string> {
  return (await db.selectFrom('users').select('passwordHash').where('id', '=', id).executeTakeFirstOrThrow()).passwordHash;
}

export async function setPassword(db: Kysely<DB>, id: number, passwordHash: string, at: string): Promise<void> {
  await db.updateTable('users').set({ passwordHash, passwordChangedAt: at }).where('id', '=', id).execute();
}

export async function setLocale(db: Kysely<DB>, id: number, locale: string): Promise<void> {
  await db.updateTable('users').set({ locale }).where('id', '=', id).execute();
}

export async function updateUser(
  db: Kysely<DB>,
  id: number,
  set: { name: string; role: Role; disabledAt: string | null; passwordHash?: string; passwordChangedAt?: string },
): Promise<void> {
  await db.updateTable('users').set(set).where('id', '=', id).execute();
}

/** The people who can work on projects: enabled admins, coordinators and workers, by name. */
export function teamUsers(db: Kysely<DB>) {
  return db.selectFrom('users').select(['id', 'name', 'email', 'role']).where('disabledAt', 'is', null).where('role', '!=', 'funder').orderBy('name').execute();
}

/** The users with these ids, with their role. */
export function usersByIds(db: Kysely<DB>, ids: number[]) {
  return db.selectFrom('users').select(['id', 'role']).where('id', 'in', ids).execute();
}

/** The audit log, newest first, optionally about one target and before an entry. */
export async function auditEntries(db: Kysely<DB>, q: { limit: number; targetType?: string; targetId?: string; before?: number }) {
  let query = db.selectFrom('auditLog').select(['id', 'at', 'actor', 'action', 'targetType', 'targetId', 'details']).orderBy('id', 'desc').limit(q.limit);
  if (q.targetType) query = query.where('targetType', '=', q.targetType);
  if (q.targetId) query = query.where('targetId', '=', q.targetId);
  if (q.before) query = query.where('id', '<', q.before);
  return query.execute();
}
