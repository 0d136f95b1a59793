import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Db } from '../../db/client.js';
import { SESSION_COOKIE } from '../security.js';
import type { AppEnv, SessionUser } from '../types.js';
import { hashToken, newToken } from './tokens.js';

const iso = (ms: number) => new Date(ms).toISOString();

export async function startSession(c: Context<AppEnv>, userId: number): Promise<void> {
  const db = c.get('db');
  const config = c.get('config');
  const token = newToken();
  const now = Date.now();
  await db
    .insertInto('sessions')
    .values({
      tokenHash: hashToken(token),
      userId,
      createdAt: iso(now),
      lastSeenAt: iso(now),
      expiresAt: iso(now + config.sessionMaxMs),
      userAgent: c.req.header('user-agent')?.slice(0, 300) ?? null,
    })
    .execute();
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: new URL(c.req.url).protocol === 'https:' || !!config.publicUrl?.startsWith('https:'),
    path: '/',
    maxAge: Math.floor(config.sessionMaxMs / 1000),
  });
}

export async function endSession(c: Context<AppEnv>): Promise<void> {
  const token = getCookie(c, SESSION_COOKIE);
  if (token) await c.get('db').deleteFrom('sessions').where('tokenHash', '=', hashToken(token)).execute();
  deleteCookie(c, SESSION_COOKIE, { path: '/' });
}

export async function endAllSessions(db: Db, userId: number): Promise<void> {
  await db.deleteFrom('sessions').where('userId', '=', userId).execute();
}

/** Resolves the cookie to a live session and its enabled user, sliding the idle expiry. */
export async function loadSession(c: Context<AppEnv>): Promise<{ user: SessionUser; sessionId: number } | null> {
  const token = getCookie(c, SESSION_COOKIE);
  if (!token) return null;
  const db = c.get('db');
  const config = c.get('config');
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.userId')
    .select([
      'sessions.id as sessionId',
      'sessions.lastSeenAt',
      'sessions.expiresAt',
      'users.id',
      'users.email',
      'users.name',
      'users.role',
      'users.locale',
      'users.disabledAt',
    ])
    .where('sessions.tokenHash', '=', hashToken(token))
    .executeTakeFirst();
  if (!row) return null;
  const now = Date.now();
  const lastSeen = Date.parse(row.lastSeenAt);
  if (row.disabledAt || now > Date.parse(row.expiresAt) || now - lastSeen > config.sessionIdleMs) {
    await db.deleteFrom('sessions').where('id', '=', row.sessionId).execute();
    return null;
  }
  if (now - lastSeen > 60_000)
    await db
      .updateTable('sessions')
      .set({ lastSeenAt: iso(now) })
      .where('id', '=', row.sessionId)
      .execute();
  const { id, email, name, role, locale } = row;
  return { user: { id, email, name, role, locale }, sessionId: row.sessionId };
}
