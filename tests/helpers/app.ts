import { inject } from 'vitest';
import { createDb, createPostgresDb, type Db } from '../../db/client.js';
import { createDatabaseFrom, databaseUrl, dropDatabase } from './pg.js';
import { migrateToLatest } from '../../db/migrate.js';
import { createApp, type App } from '../../server/app.js';
import { sectionThreadOf } from '../../server/reports/section-thread.js';
import { defaultLimits, type Config } from '../../server/env.js';
import { hashPassword } from '../../server/auth/passwords.js';
import { insertUser } from '../../db/repositories/users.js';
import type { Role } from '../../db/schema.js';

export const ORIGIN = 'http://localhost';
export const PASSWORD = 'correct horse battery';

export type TestApp = {
  app: App;
  db: Db;
  config: Config;
  /** Logs in and returns a client that sends the session cookie and a same-origin header. */
  login(email: string, password?: string): Promise<Client>;
  /** Creates a user with the test password and returns a logged-in client for them. */
  as(role: Role, email?: string): Promise<Client & { id: number }>;
  anon: Client;
  close(): Promise<void>;
};

export type Client = {
  request(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
  get(path: string): Promise<Response>;
  post(path: string, body?: unknown): Promise<Response>;
  put(path: string, body?: unknown): Promise<Response>;
  patch(path: string, body?: unknown): Promise<Response>;
  cookie: string | null;
};

/** The engine this test run uses: the vitest project `postgres` sets TEST_ENGINE=postgres. */
export const testEngine: 'sqlite' | 'postgres' = process.env.TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';

const openDbs = new Set<() => Promise<void>>();
/** Closes and drops every PostgreSQL test database this file opened (tests/helpers/pg-file.ts, after each file). */
export async function closeTestDbs(): Promise<void> {
  const all = [...openDbs];
  openDbs.clear();
  await Promise.all(all.map((close) => close()));
}

/**
 * One fresh, migrated database: in memory on SQLite, a copy of the run's migrated template on
 * PostgreSQL (dropped by `close`).
 */
export async function testDb(file?: string): Promise<{ db: Db; url?: string; close(): Promise<void> }> {
  if (testEngine === 'postgres' && !file) {
    const name = await createDatabaseFrom(inject('pgTemplate'));
    const url = databaseUrl(name);
    const db = await createPostgresDb(url, 4, 1000);
    let closed: Promise<void> | null = null;
    const close = () => (closed ??= db.destroy().then(() => dropDatabase(name)));
    openDbs.add(close);
    return { db, url, close };
  }
  // a file where a test reads the database file itself (SQLite on either project)
  const { db } = createDb(file ?? ':memory:');
  await migrateToLatest(db);
  return { db, close: () => db.destroy() };
}

/** One fresh, migrated database and the real app on top of it. */
export async function testApp(overrides: Partial<Config> = {}): Promise<TestApp> {
  const fresh = await testDb(overrides.databasePath);
  const { db } = fresh;
  const config: Config = {
    port: 0,
    databasePath: ':memory:',
    databaseUrl: fresh.url,
    trustProxy: true,
    sessionIdleMs: 60 * 60_000,
    sessionMaxMs: 24 * 3_600_000,
    limits: { ...defaultLimits, loginPerAccount: 1000, loginPerAddress: 1000, publicPerAddress: 1000, publicPerLink: 1000 },
    ...overrides,
  };
  const app = createApp({ db, config });

  const client = (cookie: string | null): Client => {
    const c: Client = {
      cookie,
      async request(method, path, body, headers = {}) {
        const h: Record<string, string> = { origin: ORIGIN, ...headers };
        if (c.cookie) h.cookie = c.cookie;
        let payload: BodyInit | undefined;
        if (body !== undefined) {
          if (typeof body === 'string') payload = body;
          else {
            payload = JSON.stringify(body);
            h['content-type'] ??= 'application/json';
          }
        }
        return app.request(ORIGIN + path, { method, headers: h, body: payload });
      },
      get: (p) => c.request('GET', p),
      post: (p, b) => c.request('POST', p, b),
      put: (p, b) => c.request('PUT', p, b),
      patch: (p, b) => c.request('PATCH', p, b),
    };
    return c;
  };

  const login = async (email: string, password = PASSWORD) => {
    const res = await client(null).post('/api/auth/login', { email, password });
    if (res.status !== 200) throw new Error(`login ${email} failed: ${res.status} ${await res.text()}`);
    const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    return client(cookie);
  };

  let n = 0;
  const passwordHash = await hashPassword(PASSWORD);
  const as = async (role: Role, email = `${role}${++n}@example.nl`) => {
    const user = await insertUser(db, { email, name: `${role} ${n}`, role, passwordHash });
    return Object.assign(await login(email), { id: user.id });
  };

  const close = async () => {
    await sectionThreadOf(db)?.close();
    await fresh.close();
  };
  return { app, db, config, login, as, anon: client(null), close };
}
