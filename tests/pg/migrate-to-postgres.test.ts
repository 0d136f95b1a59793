// Moving up from SQLite: `npm run migrate-to-postgres` copies every table into an empty PostgreSQL
// database, and the app then runs on it; a database that is not empty is refused and left alone.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, createPostgresDb } from '../../db/client.js';
import { migrateToLatest } from '../../db/migrate.js';
import { loadDemo } from '../../scripts/demo.js';
import { createApp } from '../../server/app.js';
import { ORIGIN, testApp } from '../helpers/app.js';
import { adminQuery, databaseUrl, dropDatabase } from '../helpers/pg.js';
import { doc, json } from '../helpers/stories-fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'weefwerk-to-pg-'));
const file = join(dir, 'weefwerk.db');
const target = `wwt_move_${process.pid}`;
const url = databaseUrl(target);
let accounts: { role: string; email: string; password: string }[] = [];

const run = (to: string) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'scripts/migrate-to-postgres.ts', '--from', file, '--to', to], { encoding: 'utf8', timeout: 120_000 });

function sourceCounts(): Record<string, number> {
  const src = new Database(file, { readonly: true });
  const tables = src
    .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'stories_fts%'")
    .pluck()
    .all() as string[];
  const counts = Object.fromEntries(tables.map((t) => [t, src.prepare(`select count(*) from "${t}"`).pluck().get() as number]));
  src.close();
  return counts;
}

beforeAll(async () => {
  const { db } = createDb(file);
  await migrateToLatest(db);
  accounts = (await loadDemo(db)).accounts;
  await db.destroy();
  await dropDatabase(target);
  await adminQuery(`create database "${target}"`);
}, 120_000);

afterAll(async () => {
  await dropDatabase(target);
  rmSync(dir, { recursive: true, force: true });
});

describe('migrate-to-postgres', () => {
  it('copies every table into an empty database, and the app runs on the copy', { timeout: 180_000 }, async () => {
    const out = run(url);
    expect(out.status, out.stdout + out.stderr).toBe(0);
    expect(out.stdout).toMatch(/Copied and checked/);

    const db = await createPostgresDb(url, 2);
    try {
      const want = sourceCounts();
      const got: Record<string, number> = {};
      for (const t of Object.keys(want))
        got[t] = Number(
          (
            await db
              .selectFrom(t as 'users')
              .select((eb) => eb.fn.countAll().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      expect(got).toEqual(want);
      expect(want.stories).toBeGreaterThan(10);

      const app = createApp({ db, config: (await testApp()).config });
      const admin = accounts.find((a) => a.role === 'admin')!;
      const login = await app.request(`${ORIGIN}/api/auth/login`, {
        method: 'POST',
        headers: { origin: ORIGIN, 'content-type': 'application/json' },
        body: JSON.stringify({ email: admin.email, password: admin.password }),
      });
      expect(login.status).toBe(200);
      const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
      const get = (path: string) => app.request(`${ORIGIN}${path}`, { headers: { cookie } });
      const listed = await json(await get('/api/stories?limit=5'), 200);
      expect(listed.total).toBe(
        want.stories! - (new Database(file, { readonly: true }).prepare('select count(*) from stories where withdrawn_at is not null').pluck().get() as number),
      );
      // the search index was built from the copied stories
      const word = listed.stories[0].title
        .split(/\s+/)
        .find((w: string) => w.length > 4)!
        .replace(/[^\p{L}]/gu, '');
      expect((await json(await get(`/api/stories?q=${encodeURIComponent(word)}`), 200)).total).toBeGreaterThan(0);
      // sequences continue after the copied ids
      const projects = (await json(await get('/api/projects'), 200)).projects;
      const created = await app.request(`${ORIGIN}/api/stories`, {
        method: 'POST',
        headers: { origin: ORIGIN, cookie, 'content-type': 'application/json' },
        body: JSON.stringify({
          projectId: projects[0].id,
          title: 'Na de verhuizing',
          body: doc('Alles is meegekomen.'),
          source: 'heard',
          teller: { name: 'Fatima' },
          consent: { level: 'report', channel: 'spoken', givenBy: 'teller' },
        }),
      });
      expect(created.status, await created.clone().text()).toBe(201);
      expect((await created.json()).story.id).toBeGreaterThan(want.stories!);
    } finally {
      await db.destroy();
    }
  });

  it('refuses a database that is not empty and changes nothing in it', { timeout: 120_000 }, async () => {
    const before = sourceCounts().stories;
    const out = run(url);
    expect(out.status).toBe(1);
    expect(out.stderr).toMatch(/^Refused: .*not empty/m);
    const db = await createPostgresDb(url, 1);
    try {
      const n = Number(
        (
          await db
            .selectFrom('stories')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
      expect(n).toBe(before! + 1); // the copy and the one story added above, nothing more
    } finally {
      await db.destroy();
    }
  });
});
