import type { Db } from '../../db/client.js';
import { hashToken, newToken } from '../../server/auth/tokens.js';

/** Inserts a live session for a user straight into the database; returns its token. */
export async function startSessionRow(db: Db, userId: number): Promise<string> {
  const token = newToken();
  const now = Date.now();
  await db
    .insertInto('sessions')
    .values({
      tokenHash: hashToken(token),
      userId,
      createdAt: new Date(now).toISOString(),
      lastSeenAt: new Date(now).toISOString(),
      expiresAt: new Date(now + 3_600_000).toISOString(),
      userAgent: null,
    })
    .execute();
  return token;
}
