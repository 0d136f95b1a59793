import type { Transaction } from 'kysely';
import type { Db } from '../db/client.js';
import type { DB, Role } from '../db/schema.js';
import type { Config } from './env.js';
import type { Mailer } from './mail/mailer.js';
import type { RateLimiter } from './security.js';

export type SessionUser = { id: number; email: string; name: string; role: Role; locale: string };

/** Everything a handler can reach with `c.get(name)` (not `c.var`, which copies them all into a new object on each use). */
export type AppEnv = {
  Variables: {
    db: Db;
    /** Runs a write in a transaction shared with the writes arriving with it (db/group-commit.ts). */
    write: <T>(work: (tx: Transaction<DB>) => Promise<T>) => Promise<T>;
    config: Config;
    limiter: RateLimiter;
    /** Outgoing e-mail, or null when SMTP is not configured. */
    mailer: Mailer | null;
    user: SessionUser | null;
    sessionId: number | null;
  };
};
