// PostgreSQL keeps an updated or deleted row's old version (the text) in its data files until
// VACUUM. After a withdrawal or an erasure the app vacuums the story's tables in the background
// (db/engine.ts purgeRemovedText); here we wait for that run and read the database's own counters.
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { purgeRemovedText } from '../../db/engine.js';
import { testApp, type TestApp } from '../helpers/app.js';
import { json, openLink, submit, world } from '../helpers/stories-fixtures.js';

type Stat = { relname: string; vacuums: number; dead: number };
async function stats(t: TestApp): Promise<Map<string, Stat>> {
  const rows = await sql<Stat>`select relname, vacuum_count as vacuums, n_dead_tup as dead from pg_stat_user_tables`.execute(t.db);
  return new Map(rows.rows.map((r) => [r.relname, { ...r, vacuums: Number(r.vacuums), dead: Number(r.dead) }]));
}

describe('erasure on PostgreSQL', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await testApp();
  });
  afterEach(() => t.close());

  it('a withdrawal by receipt is followed by a VACUUM of the story tables, without waiting for it', async () => {
    const w = await world(t);
    const link = await openLink(w.admin, w.projectA);
    const { receipt } = await json(await submit(t, link.token, { title: 'Geheim verhaal', tellerName: 'Fatima' }), 201);
    const before = await stats(t);
    const res = await t.anon.post(`/api/public/receipts/${receipt}/withdraw`, {});
    expect(res.status).toBe(200);
    await purgeRemovedText(t.db); // the run the withdrawal started (or the one queued after it)
    const after = await stats(t);
    for (const table of ['stories', 'tellers', 'story_consents', 'stories_search', 'story_placements', 'report_versions'])
      expect(after.get(table)!.vacuums, table).toBeGreaterThan(before.get(table)!.vacuums);
    expect(after.get('stories')!.dead).toBe(0); // no old version of the story's row is left
    // the search index was rebuilt and still answers
    const { stories } = await json(await w.admin.get('/api/stories?q=geheim'), 200);
    expect(stories).toEqual([]);
    const index = await sql<{ n: number }>`select count(*)::int as n from pg_indexes where indexname = 'stories_search_doc'`.execute(t.db);
    expect(index.rows[0]!.n).toBe(1);
  });

  it('an erasure is followed by one too, and calls that arrive while one runs share the next run', async () => {
    const w = await world(t);
    const link = await openLink(w.admin, w.projectA);
    await json(await submit(t, link.token, { title: 'Nog een verhaal', tellerName: 'Jan' }), 201);
    const teller = await t.db.selectFrom('tellers').select('id').where('displayName', '=', 'Jan').executeTakeFirstOrThrow();
    const before = await stats(t);
    const res = await w.admin.post(`/api/tellers/${teller.id}/erase`, { reason: 'verzoek van de verteller' });
    expect(res.status).toBe(200);
    const [a, b, c] = [purgeRemovedText(t.db), purgeRemovedText(t.db), purgeRemovedText(t.db)];
    expect(b).toBe(c); // queued together
    await Promise.all([a, b, c]);
    const after = await stats(t);
    expect(after.get('stories')!.vacuums).toBeGreaterThan(before.get('stories')!.vacuums);
    expect(after.get('tellers')!.dead).toBe(0);
  });
});
