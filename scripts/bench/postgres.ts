// The PostgreSQL half of `npm run bench`: fresh databases on the server BENCH_DATABASE_URL (else
// TEST_DATABASE_URL, else the tests' default) names — its role must be allowed to create databases —
// dropped again at the end; the scale data is the seeded SQLite file copied by migrate-to-postgres.
import { spawnSync } from 'node:child_process';
import pg from 'pg';
import { createPostgresDb } from '../../db/client.js';
import { migrateToLatest } from '../../db/migrate.js';
import { redactUrl } from '../../db/postgres.js';
import { insertUser } from '../../db/repositories/users.js';
import { hashPassword } from '../../server/auth/passwords.js';
import { floorQueries, timeFloor, type BenchReport } from './report.js';

export type Engine = 'sqlite' | 'postgres';

const server = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || 'postgres://weefwerk:weefwerk@127.0.0.1:5432/postgres';
const created: string[] = [];
let admin: pg.Pool | null = null;
const adminPool = () => (admin ??= new pg.Pool({ connectionString: server, max: 1 }));

function urlOf(name: string): string {
  const u = new URL(server);
  u.pathname = `/${name}`;
  return u.toString();
}

export const pgBench = {
  async check(): Promise<void> {
    try {
      await adminPool().query('select 1');
    } catch (err) {
      throw new Error(
        `PostgreSQL for the bench is not reachable at ${redactUrl(server)} (${(err as Error).message}); set BENCH_DATABASE_URL, or BENCH_ENGINES=sqlite`,
      );
    }
  },

  /** A new, empty database; its URL. */
  async database(what: string): Promise<string> {
    const name = `weefwerk_bench_${process.pid}_${what}`;
    await adminPool().query(`drop database if exists "${name}" with (force)`);
    await adminPool().query(`create database "${name}"`);
    created.push(name);
    return urlOf(name);
  },

  /** Migrates the database and adds an admin, so a server started on it needs no setup link. */
  async prepare(url: string, email = 'admin@example.nl', password = 'correct horse battery') {
    const db = await createPostgresDb(url, 1);
    await migrateToLatest(db);
    await insertUser(db, { email, name: 'Beheerder', role: 'admin', passwordHash: await hashPassword(password) });
    await db.destroy();
    return { email, password };
  },

  /** Copies a SQLite file into the (empty) database with migrate-to-postgres, then analyzes it. */
  async copy(file: string, url: string): Promise<void> {
    const out = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/migrate-to-postgres.ts', '--from', file, '--to', url], {
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    });
    if (out.status !== 0) throw new Error(`migrate-to-postgres failed: ${out.stderr || out.stdout}`);
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query('vacuum analyze');
    await c.end();
  },

  /** The same hand-written statements as SQLite's floor (scripts/bench/report.ts), through pg. */
  async sqlFloor(url: string, r: BenchReport, seconds: number): Promise<{ times: number[]; n: number }> {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    // Parsed once, but planned for its values every time, as the app's statements are: after five
    // runs PostgreSQL may switch a named statement to a generic plan, and one far off (the printed
    // stories' read went from 2 to 230 ms) would make a floor no app needs to stay under.
    await c.query('set plan_cache_mode = force_custom_plan');
    const statements = floorQueries(r).map((q, i) => {
      let n = 0;
      return { name: `floor${i}`, text: q.text.replace(/\?/g, () => `$${++n}`), values: q.params };
    });
    try {
      return await timeFloor(async () => {
        let first = 0;
        for (const [i, s] of statements.entries()) {
          const res = await c.query(s);
          if (i === 0) first = res.rowCount ?? 0;
        }
        return first;
      }, seconds);
    } finally {
      await c.end();
    }
  },

  async cleanUp(): Promise<void> {
    if (!admin) return;
    for (const name of created) await admin.query(`drop database if exists "${name}" with (force)`).catch(() => {});
    await admin.end();
    admin = null;
  },
};
