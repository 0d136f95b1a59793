import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createDb } from '../db/client.js';
import { migrateToLatest, migrator } from '../db/migrate.js';

const files = readdirSync(join(import.meta.dirname, '..', 'db', 'migrations'))
  .filter((f) => /\.(ts|js)$/.test(f))
  .map((f) => f.replace(/\.(ts|js)$/, ''))
  .sort();

async function tables(db: ReturnType<typeof createDb>['db']) {
  const rows = await sql<{
    name: string;
  }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%' order by name`.execute(db);
  return rows.rows.map((r) => r.name);
}

describe('migrations', () => {
  it('are date-prefixed and numbered without gaps or duplicates', () => {
    expect(files.length).toBeGreaterThanOrEqual(2);
    // a letter after the number (0017b) is a second migration of the same change
    for (const f of files) expect(f).toMatch(/^\d{4}_\d{2}_\d{2}_\d{4}[a-z]?_[a-z0-9_]+$/);
    const numbers = files.map((f) => f.split('_')[3]);
    expect(new Set(numbers).size).toBe(numbers.length);
  });

  it('run from empty to latest, all the way down, and up again', async () => {
    const { db } = createDb(':memory:');
    expect(await tables(db)).toEqual([]);
    await migrateToLatest(db);
    const latest = await tables(db);
    for (const t of ['users', 'sessions', 'audit_log', 'areas', 'projects', 'project_members', 'project_areas', 'setup_tokens', 'stories'])
      expect(latest).toContain(t);
    const applied = (await migrator(db).getMigrations()).filter((m) => m.executedAt).map((m) => m.name);
    expect(applied).toEqual(files);

    for (let i = files.length - 1; i >= 0; i--) {
      const { error, results } = await migrator(db).migrateDown();
      expect(error).toBeUndefined();
      expect(results?.[0]).toMatchObject({ migrationName: files[i], status: 'Success' });
    }
    expect(await tables(db)).toEqual([]);

    await migrateToLatest(db);
    expect(await tables(db)).toEqual(latest);
    await db.destroy();
  });

  it('step down and up one migration at a time, keeping the data of the steps below', async () => {
    const { db } = createDb(':memory:');
    await migrateToLatest(db);
    await db.insertInto('users').values({ email: 'a@example.nl', name: 'A', role: 'admin', passwordHash: 'x' }).execute();
    for (let i = files.length - 1; i >= 1; i--) {
      expect((await migrator(db).migrateDown()).error).toBeUndefined();
      expect((await migrator(db).migrateUp()).error).toBeUndefined();
      expect((await migrator(db).migrateDown()).error).toBeUndefined();
    }
    expect(await db.selectFrom('users').select('email').execute()).toEqual([{ email: 'a@example.nl' }]);
    await migrateToLatest(db);
    await db.destroy();
  });

  it('0026 keeps the reviews that are current and leaves the stale ones waiting', async () => {
    const { db } = createDb(':memory:');
    expect((await migrator(db).migrateTo(files[files.indexOf('2026_11_29_0026_story_text_rev') - 1]!)).error).toBeUndefined();
    await sql`insert into projects (id, name) values (1, 'Buurt')`.execute(db);
    await sql`insert into tellers (id, kind) values (1, 'resident')`.execute(db);
    for (const [id, text] of [
      [1, 'De tuin'],
      [2, 'De tuin, later aangevuld'],
      [3, 'Nog niet bekeken'],
    ] as const)
      await sql`insert into stories (id, project_id, title, body_json, body_html, body_text, teller_id, source, consent)
        values (${id}, 1, 'Tuin', '{}', '', ${text}, 1, 'link', 'report')`.execute(db);
    for (const id of [1, 2])
      await sql`insert into story_reviews (story_id, title, body_json, body_html, body_text, text_hash, source_title, source_text, reviewed_at)
        values (${id}, 'Tuin', '{}', '', 'De tuin', 'h', 'Tuin', 'De tuin', '2026-11-29')`.execute(db);
    await migrateToLatest(db);
    const rows = await sql<{
      id: number;
      textRev: number;
      reviewedRev: number | null;
    }>`select id, text_rev as "textRev", reviewed_rev as "reviewedRev" from stories order by id`.execute(db);
    expect(rows.rows).toEqual([
      { id: 1, textRev: 0, reviewedRev: 0 },
      { id: 2, textRev: 0, reviewedRev: null },
      { id: 3, textRev: 0, reviewedRev: null },
    ]);
    await sql`update stories set body_text = 'De tuin!' where id = 1`.execute(db);
    expect((await sql<{ n: number }>`select text_rev as n from stories where id = 1`.execute(db)).rows[0]!.n).toBe(1);
    await db.destroy();
  });

  it('open SQLite with WAL, foreign keys and a busy timeout', async () => {
    const { sqlite, db } = createDb(join(mkdtempSync(join(tmpdir(), 'weefwerk-db-')), 'nested', 'w.db'));
    expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
    await migrateToLatest(db);
    await expect(db.insertInto('sessions').values({ tokenHash: 'x', userId: 999, createdAt: '', lastSeenAt: '', expiresAt: '' }).execute()).rejects.toThrow(
      /FOREIGN KEY/,
    );
    await db.destroy();
  });
});
