import type { Db } from '../db/client.js';
import type { Role } from '../db/schema.js';
import type { Config } from './env.js';
import type { RateLimiter } from './security.js';

export type SessionUser = { id: number; email: string; name: string; role: Role; locale: string };

/** Everything a handler can reach through `c.var`. */
export type AppEnv = {
  Variables: {
    db: Db;
    config: Config;
    limiter: RateLimiter;
    user: SessionUser | null;
    sessionId: number | null;
  };
};
