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
