// The people who sign in and what keeps them safe: users, sessions, setup tokens, password resets,
// the mail log, the audit log and the rate limits. Declared in db/schema.ts's `DB`.
import type { Generated } from 'kysely';

import type { Role } from '../domain/enums.js';
import type { Default } from './columns.js';

export interface UsersTable {
  id: Generated<number>;
  email: string;
  name: string;
  role: Role;
  passwordHash: string;
  locale: Default<string>;
  disabledAt: string | null;
  passwordChangedAt: Default<string>;
  createdAt: Default<string>;
}

export interface SessionsTable {
  id: Generated<number>;
  tokenHash: string;
  userId: number;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  userAgent: string | null;
}

export interface SetupTokensTable {
  tokenHash: string;
  expiresAt: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Default<string>;
  actorUserId: number | null;
  actor: string;
  action: string;
  targetType: string;
  targetId: string | null;
  details: string | null;
}

/** A rate-limit window shared by every app process on one database (migration 0020; used on PostgreSQL). */
export interface RateLimitsTable {
  key: string;
  windowStart: number; // ms since 1970
  hits: number;
}

// --- E-mail (issue 18, migration 0021) ---

export interface PasswordResetsTable {
  id: Generated<number>;
  userId: number;
  tokenHash: string;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
}

export interface MailLogTable {
  userId: number;
  kind: string; // 'tagging-digest'
  day: string; // YYYY-MM-DD, server time
  sentAt: string;
}
