import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from './helpers/app.js';
import { makeProject, makeStory } from './helpers/sensemaking-fixtures.js';
import { json } from './helpers/stories-fixtures.js';

let t: TestApp;
beforeEach(async () => {
  t = await testApp();
});
afterEach(async () => t.close());

describe('archiving an outcome the work plan dropped', () => {
  it('keeps its tags and its place in reports, but offers it for nothing new (tags, lower outcomes, indicators)', async () => {
    const coord = await t.as('coordinator');
    const worker = await t.as('worker');
    const p = await makeProject(t.db, 'Buurtkamer', [worker.id]);
    const goal = (await json(await coord.post(`/api/projects/${p}/outcomes`, { level: 'outcome', title: 'Buren kennen elkaar' }), 201)).outcome;
    const tagged = await makeStory(t.db, { projectId: p });
    const fresh = await makeStory(t.db, { projectId: p });
    await json(await coord.put(`/api/stories/${tagged}/tags`, { outcomes: [{ outcomeId: goal.id, note: 'groeten' }] }), 200);

    const del = await coord.request('DELETE', `/api/outcomes/${goal.id}`);
    expect(del.status).toBe(409);
    const refusal = (await del.json()).error;
    expect(refusal.code).toBe('conflict');
    // Only what hangs on it, each in its right number.
    expect(refusal.message).toBe('Nog in gebruik bij 1 verhaal. Archiveer deze uitkomst liever. / Still used by 1 story. Archive this outcome instead.');

    expect((await worker.patch(`/api/outcomes/${goal.id}`, { archived: true })).status).toBe(403);
    const archived = (await json(await coord.patch(`/api/outcomes/${goal.id}`, { archived: true }), 200)).outcome;
    expect(archived.archivedAt).toEqual(expect.any(String));
    const listed = (await json(await worker.get(`/api/projects/${p}/outcomes`), 200)).outcomes;
    expect(listed).toEqual([expect.objectContaining({ id: goal.id, archivedAt: archived.archivedAt })]);

    // Nothing new hangs on it: no new story tags, no outcomes below it.
    const refused = await coord.put(`/api/stories/${fresh}/tags`, { outcomes: [{ outcomeId: goal.id }] });
    expect(refused.status).toBe(400);
    expect((await refused.json()).error.message).toMatch(/gearchiveerd/);
    expect((await coord.post(`/api/projects/${p}/outcomes`, { level: 'output', title: 'Koffieochtend', parentId: goal.id })).status).toBe(400);
    const indicator = { projectId: p, name: 'Bewoners die elkaar groeten', unit: 'count', periodicity: 'quarter' };
    expect((await coord.post('/api/indicators', { ...indicator, outcomeId: goal.id })).status).toBe(400);
    expect(await t.db.selectFrom('storyOutcomes').select('storyId').where('outcomeId', '=', goal.id).execute()).toEqual([{ storyId: tagged }]);

    // What hung on it stays: the tagged story keeps its tag when its tags are saved again,
    // and report builders still find the outcome, marked as archived.
    await json(await coord.put(`/api/stories/${tagged}/tags`, { outcomes: [{ outcomeId: goal.id, note: 'groeten op straat' }] }), 200);
    const options = await json(await coord.get('/api/reports/options'), 200);
    expect(options.outcomes).toEqual([expect.objectContaining({ id: goal.id, archivedAt: archived.archivedAt })]);

    const restored = (await json(await coord.patch(`/api/outcomes/${goal.id}`, { archived: false }), 200)).outcome;
    expect(restored.archivedAt).toBeNull();
    await json(await coord.put(`/api/stories/${fresh}/tags`, { outcomes: [{ outcomeId: goal.id }] }), 200);
    await json(await coord.post('/api/indicators', { ...indicator, outcomeId: goal.id }), 201);

    const log = await t.db
      .selectFrom('auditLog')
      .select('action')
      .where('targetType', '=', 'outcome')
      .where('targetId', '=', String(goal.id))
      .orderBy('id')
      .execute();
    expect(log.map((l) => l.action)).toEqual(['outcome.create', 'outcome.archive', 'outcome.restore']);
  });
});
