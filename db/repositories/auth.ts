// What logging in rests on besides users: the first-run setup token, password-reset links and
// sessions ended by id. Only sha256 hashes of tokens are stored.
import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';

type Db = Kysely<DB>;

/** Replaces any setup token with this one. */
export async function replaceSetupToken(db: Db, tokenHash: string, expiresAt: string): Promise<void> {
  await db.deleteFrom('setupTokens').execute();
  await db.insertInto('setupTokens').values({ tokenHash, expiresAt }).execute();
}

export const setupTokenByHash = (db: Db, tokenHash: string) => db.selectFrom('setupTokens').selectAll().where('tokenHash', '=', tokenHash).executeTakeFirst();

export async function deleteSetupTokens(db: Db): Promise<void> {
  await db.deleteFrom('setupTokens').execute();
}

export async function deleteSession(db: Db, id: number): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

/** A reset link by the hash of its token, with its user. */
export function passwordResetByHash(db: Db, tokenHash: string) {
  return db
    .selectFrom('passwordResets')
    .innerJoin('users', 'users.id', 'passwordResets.userId')
    .select([
      'passwordResets.id',
      'passwordResets.expiresAt',
      'passwordResets.usedAt',
      'users.id as userId',
      'users.email',
      'users.name',
      'users.role',
      'users.locale',
      'users.disabledAt',
    ])
    .where('passwordResets.tokenHash', '=', tokenHash)
    .executeTakeFirst();
}

export async function insertPasswordReset(db: Db, reset: { userId: number; tokenHash: string; createdAt: string; expiresAt: string }): Promise<void> {
  await db.insertInto('passwordResets').values(reset).execute();
}

/** Marks a reset used, unless it was used already; false when another request was first. */
export async function usePasswordReset(db: Db, id: number, at: string): Promise<boolean> {
  const used = await db.updateTable('passwordResets').set({ usedAt: at }).where('id', '=', id).where('usedAt', 'is', null).returning('id').execute();
  return used.length > 0;
}

/** Every unused reset link of a user stops working. */
export async function closePasswordResets(db: Db, userId: number, at: string): Promise<void> {
  await db.updateTable('passwordResets').set({ usedAt: at }).where('userId', '=', userId).where('usedAt', 'is', null).execute();
}
