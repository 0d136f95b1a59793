import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { seed } from '../scripts/seed.js';

const dir = mkdtempSync(join(tmpdir(), 'weefwerk-scale-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('seed', () => {
  it('fills a fresh database with stories, consents and exactly the values asked for, and reports progress', async () => {
    const file = join(dir, 'seed.db');
    const lines: string[] = [];
    await seed({ db: file, stories: 1200, values: 20_000, seed: 7, log: (l) => lines.push(l) });
    const db = new Database(file, { readonly: true });
    const count = (q: string) => db.prepare(q).pluck().get() as number;
    expect(count('select count(*) from stories')).toBe(1200);
    expect(count('select count(*) from indicator_values')).toBe(20_000);
    // every story has a consent record, and withdrawn stories a withdrawal
    expect(count('select count(*) from stories s where not exists (select 1 from story_consents c where c.story_id = s.id)')).toBe(0);
    expect(count('select count(*) from stories where withdrawn_at is not null')).toBe(
      count('select count(distinct story_id) from story_consents where withdrawn = 1'),
    );
    for (const level of ['team', 'report', 'public']) expect(count(`select count(*) from stories where consent = '${level}'`)).toBeGreaterThan(100);
    expect(count("select count(*) from stories where source = 'link' and receipt_hash is null")).toBe(0);
    expect(count('select count(*) from story_outcomes')).toBeGreaterThan(0);
    expect(count('select count(*) from indicator_targets')).toBeGreaterThan(0);
    // the search index holds exactly the stories that are not withdrawn
    expect(count('select count(*) from stories_fts')).toBe(count('select count(*) from stories where withdrawn_at is null'));
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
    expect(lines.some((l) => l.startsWith('stories: 1200/1200'))).toBe(true);
  });
});
