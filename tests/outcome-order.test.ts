import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from './helpers/app.js';
import { makeProject } from './helpers/sensemaking-fixtures.js';
import { json } from './helpers/stories-fixtures.js';

let t: TestApp;
beforeEach(async () => {
  t = await testApp();
});
afterEach(async () => t.close());

describe('moving an outcome up or down', () => {
  it('swaps it with its neighbour of the same level in one request, past archived ones and equal sorts', async () => {
    const coord = await t.as('coordinator');
    const worker = await t.as('worker');
    const p = await makeProject(t.db, 'Speeltuin', [worker.id]);
    const add = (title: string, level: 'outcome' | 'output' = 'outcome', sort = 0) =>
      t.db.insertInto('outcomes').values({ projectId: p, level, title, sort }).returning('id').executeTakeFirstOrThrow();
    // Equal sorts, as outcomes made before ordering existed have.
    const a = await add('Veilig spelen');
    const gone = await add('Oude wens');
    const b = await add('Ouders ontmoeten elkaar');
    const c = await add('Kinderen beslissen mee');
    await add('Speelmiddag', 'output', 5);
    await json(await coord.patch(`/api/outcomes/${gone.id}`, { archived: true }), 200);
    const order = async () =>
      (await json<{ outcomes: { title: string; level: string; archivedAt: string | null }[] }>(await coord.get(`/api/projects/${p}/outcomes`))).outcomes
        .filter((o) => o.level === 'outcome' && !o.archivedAt)
        .map((o) => o.title);
    expect(await order()).toEqual(['Veilig spelen', 'Ouders ontmoeten elkaar', 'Kinderen beslissen mee']);

    await json(await coord.patch(`/api/outcomes/${c.id}`, { move: 'up' }), 200);
    expect(await order()).toEqual(['Veilig spelen', 'Kinderen beslissen mee', 'Ouders ontmoeten elkaar']);
    await json(await coord.patch(`/api/outcomes/${c.id}`, { move: 'up' }), 200);
    expect(await order()).toEqual(['Kinderen beslissen mee', 'Veilig spelen', 'Ouders ontmoeten elkaar']);
    // At the top it stays; down moves it back.
    await json(await coord.patch(`/api/outcomes/${c.id}`, { move: 'up' }), 200);
    expect(await order()).toEqual(['Kinderen beslissen mee', 'Veilig spelen', 'Ouders ontmoeten elkaar']);
    await json(await coord.patch(`/api/outcomes/${c.id}`, { move: 'down' }), 200);
    expect(await order()).toEqual(['Veilig spelen', 'Kinderen beslissen mee', 'Ouders ontmoeten elkaar']);
    // The output keeps its own place.
    expect((await t.db.selectFrom('outcomes').select('sort').where('title', '=', 'Speelmiddag').executeTakeFirstOrThrow()).sort).toBe(5);

    const audit = await t.db.selectFrom('auditLog').select('details').where('action', '=', 'outcome.update').where('targetId', '=', String(c.id)).execute();
    expect(audit.map((r) => JSON.parse(r.details!).move)).toEqual(['up', 'up', 'up', 'down']);

    expect((await worker.patch(`/api/outcomes/${a.id}`, { move: 'down' })).status).toBe(403);
    const wrong = await coord.patch(`/api/outcomes/${b.id}`, { move: 'left' });
    expect(wrong.status).toBe(400);
    expect(JSON.stringify(await wrong.json())).toContain('move');
    expect(await order()).toEqual(['Veilig spelen', 'Kinderen beslissen mee', 'Ouders ontmoeten elkaar']);
  });
});
