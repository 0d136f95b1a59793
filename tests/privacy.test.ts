import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { indexedStoryIds } from '../db/engine.js';
import { testApp, testEngine, type TestApp } from './helpers/app.js';
import { climate, doc, heard, json, world, type World } from './helpers/stories-fixtures.js';

describe('a teller’s privacy rights', () => {
  let t: TestApp;
  let w: World;
  let vars: number[];
  beforeAll(async () => {
    t = await testApp();
    w = await world(t);
    vars = await climate(t, w.projectA, 2);
  });

  it('exports everything stored about a teller, for coordinators only', async () => {
    const s = await heard(w.member, w.projectA, {
      title: 'Buurtbarbecue',
      body: doc('Wij bakten saucijzen met de hele straat.'),
      teller: { name: 'Henk' },
      placements: [{ variableId: vars[0], position: 60 }],
    });
    await json(await w.member.post(`/api/stories/${s.id}/consent`, { level: 'public', channel: 'paper', givenBy: 'teller' }), 200);
    const outcome = await t.db
      .insertInto('outcomes')
      .values({ projectId: w.projectA, level: 'outcome', title: 'Meer contact tussen buren' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.db.insertInto('storyOutcomes').values({ storyId: s.id, outcomeId: outcome.id, note: 'laat contact zien', byUser: w.coordinator.id }).execute();

    for (const c of [w.member, w.funder]) expect((await c.get(`/api/tellers/${s.teller.id}/export`)).status).toBe(403);
    expect((await t.anon.get(`/api/tellers/${s.teller.id}/export`)).status).toBe(401);
    expect((await w.coordinator.get('/api/tellers/9999/export')).status).toBe(404);

    const res = await w.coordinator.get(`/api/tellers/${s.teller.id}/export`);
    expect(res.headers.get('content-disposition')).toContain(`teller-${s.teller.id}.json`);
    const data = await json(res, 200);
    expect(data.teller).toMatchObject({ id: s.teller.id, kind: 'resident', name: 'Henk', under16: false });
    expect(data.stories).toHaveLength(1);
    const [story] = data.stories;
    expect(story).toMatchObject({ id: s.id, title: 'Buurtbarbecue', bodyText: 'Wij bakten saucijzen met de hele straat.', consent: 'public', source: 'heard' });
    expect(story.body).toEqual(doc('Wij bakten saucijzen met de hele straat.'));
    expect(story.consents.map((c: { level: string }) => c.level)).toEqual(['report', 'public']);
    expect(story.placements).toEqual([expect.objectContaining({ variableId: vars[0], position: 60, source: 'teller' })]);
    expect(story.tags).toEqual([expect.objectContaining({ outcomeId: outcome.id, outcome: 'Meer contact tussen buren', note: 'laat contact zien' })]);
    expect(story).not.toHaveProperty('receiptHash');
    const log = await t.db.selectFrom('auditLog').selectAll().where('action', '=', 'teller.export').execute();
    expect(log).toHaveLength(1);
  });

  it('erases a teller: stories, consents, placements, tags and search entries, in one go', async () => {
    const a = await heard(w.member, w.projectA, {
      title: 'Geheim verhaal',
      body: doc('Zeldzaamwoord over de buurman.'),
      teller: { name: 'Truus' },
      placements: [{ variableId: vars[1], position: 10 }],
    });
    const keep = await heard(w.member, w.projectA, { title: 'Ander verhaal', body: doc('Blijft staan.'), teller: { name: 'Anna' } });
    const outcome = await t.db
      .insertInto('outcomes')
      .values({ projectId: w.projectA, level: 'outcome', title: 'Veiligheid' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.db.insertInto('storyOutcomes').values({ storyId: a.id, outcomeId: outcome.id, note: 'Zeldzaamwoord' }).execute();
    await json(await w.member.post(`/api/stories/${a.id}/consent`, { level: 'team', channel: 'spoken', givenBy: 'teller' }), 200);
    expect(await indexedStoryIds(t.db, 'zeldzaamwoord')).toEqual([a.id]);

    expect((await w.member.post(`/api/tellers/${a.teller.id}/erase`, { reason: 'verzoek' })).status).toBe(403);
    expect((await w.coordinator.post(`/api/tellers/${a.teller.id}/erase`, {})).status).toBe(400);
    const res = await w.coordinator.post(`/api/tellers/${a.teller.id}/erase`, { reason: 'verzoek van de verteller (AVG art. 17)' });
    expect((await json(res, 200)).erased).toEqual({ stories: 1, consents: 2, placements: 1, tags: 1, media: 0 });

    expect(await t.db.selectFrom('stories').selectAll().where('id', '=', a.id).execute()).toEqual([]);
    expect(await t.db.selectFrom('tellers').selectAll().where('id', '=', a.teller.id).execute()).toEqual([]);
    expect(await t.db.selectFrom('storyConsents').selectAll().where('storyId', '=', a.id).execute()).toEqual([]);
    expect(await t.db.selectFrom('storyPlacements').selectAll().where('storyId', '=', a.id).execute()).toEqual([]);
    expect(await t.db.selectFrom('storyOutcomes').selectAll().where('storyId', '=', a.id).execute()).toEqual([]);
    // the text is gone from the search index, including its stored copy and its index pages
    expect(await indexedStoryIds(t.db, 'zeldzaamwoord')).toEqual([]);
    if (testEngine === 'sqlite') {
      const content = await sql<{ c0: string; c1: string }>`select c0, c1 from stories_fts_content`.execute(t.db);
      expect(JSON.stringify(content.rows)).not.toMatch(/zeldzaamwoord|Geheim/i);
      const pages = await sql<{ block: Uint8Array | null }>`select block from stories_fts_data`.execute(t.db);
      expect(pages.rows.some((r) => r.block && Buffer.from(r.block).includes('zeldzaamwoord'))).toBe(false);
      expect(pages.rows.some((r) => r.block && Buffer.from(r.block).includes('blijft'))).toBe(true); // the index itself still works
    } else {
      const docs = await sql<{ doc: string }>`select doc::text as doc from stories_search`.execute(t.db);
      expect(JSON.stringify(docs.rows)).not.toMatch(/zeldzaamwoord|geheim/i);
      expect(JSON.stringify(docs.rows)).toMatch(/blijft/);
    }
    expect((await json(await w.admin.get('/api/stories?q=blijft'), 200)).stories.map((s: { id: number }) => s.id)).toEqual([keep.id]);

    // the audit log says an erasure happened and how much, never what
    const log = await t.db.selectFrom('auditLog').selectAll().where('action', '=', 'teller.erase').execute();
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ targetType: 'teller', targetId: String(a.teller.id), actorUserId: w.coordinator.id });
    expect(JSON.parse(log[0]!.details!)).toMatchObject({ stories: 1, consents: 2, placements: 1, tags: 1 });
    const everything = JSON.stringify(await t.db.selectFrom('auditLog').selectAll().execute());
    expect(everything).not.toMatch(/zeldzaamwoord|Geheim verhaal|Truus/i);
    expect((await w.coordinator.post(`/api/tellers/${a.teller.id}/erase`, { reason: 'nogmaals' })).status).toBe(404);
  });

  it('withdrawal keeps the consent record but clears the text', async () => {
    const s = await heard(w.member, w.projectA, {
      title: 'Over mijn dochter',
      body: doc('Privézaken die weg moeten.'),
      placements: [{ variableId: vars[0], position: 20 }],
    });
    await json(await w.coordinator.post(`/api/stories/${s.id}/consent`, { withdraw: true, reason: 'verzoek', channel: 'spoken', givenBy: 'teller' }), 200);
    const row = await t.db.selectFrom('stories').selectAll().where('id', '=', s.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ title: '', bodyHtml: '', bodyText: '' });
    expect(row.bodyJson).not.toContain('Privézaken');
    expect(await t.db.selectFrom('storyPlacements').selectAll().where('storyId', '=', s.id).execute()).toEqual([]);
    expect((await t.db.selectFrom('storyConsents').selectAll().where('storyId', '=', s.id).execute()).map((c) => c.withdrawn)).toEqual([0, 1]);
    const data = await json(await w.coordinator.get(`/api/tellers/${s.teller.id}/export`), 200);
    expect(data.stories[0]).toMatchObject({ id: s.id, title: '', bodyText: '' });
    expect(data.stories[0].withdrawnAt).not.toBeNull();
  });
});
