import { beforeEach, describe, expect, it } from 'vitest';
import { budgetSummary } from '../db/repositories/counting.js';
import { testApp, type TestApp } from './helpers/app.js';
import { countingWorld, json } from './helpers/counting-fixtures.js';

let t: TestApp;
let w: Awaited<ReturnType<typeof countingWorld>>;
beforeEach(async () => {
  t = await testApp();
  w = await countingWorld(t);
});

const hours = (client: typeof w.worker, body: Record<string, unknown>, projectId = w.projectId) => client.post(`/api/projects/${projectId}/hours`, body);

describe('hours', () => {
  it('workers log hours with phase and activity; the list has totals per phase and per worker', async () => {
    await json(hours(w.worker, { date: '2026-01-12', hours: 3, phase: 'ZIEN', activity: 'Rondgang met bewoners' }));
    await json(hours(w.worker, { date: '2026-01-19', hours: 1.5, phase: 'DOEN', activity: 'Buurtkamer open' }));
    const mine = await json(hours(w.coordinator, { date: '2026-02-02', hours: 2.25, phase: 'DOEN', activity: 'Overleg corporatie' }));
    expect(mine.entry).toMatchObject({ userId: w.coordinator.id, hours: 2.25, phase: 'DOEN' });
    const list = await json(w.worker.get(`/api/projects/${w.projectId}/hours`));
    expect(list.entries).toHaveLength(3);
    expect(list.entries[0]).toMatchObject({ date: '2026-02-02', activity: 'Overleg corporatie' });
    expect(list.totals.hours).toBe(6.75);
    expect(list.totals.byPhase).toEqual({ ZIEN: 3, DENKEN: 0, DOEN: 3.75, VINDEN: 0 });
    expect(list.totals.byWorker.map((b: { userId: number; hours: number }) => [b.userId, b.hours]).sort()).toEqual(
      [
        [w.coordinator.id, 2.25],
        [w.worker.id, 4.5],
      ].sort(),
    );
    const january = await json(w.worker.get(`/api/projects/${w.projectId}/hours?from=2026-01&to=2026-01`));
    expect(january.totals.hours).toBe(4.5);
    expect(await t.db.selectFrom('auditLog').select('action').where('action', '=', 'hours.create').execute()).toHaveLength(3);
  });

  it('refuses bad hours and keeps workers to their own projects', async () => {
    const bad = await hours(w.worker, { date: '2026-13-01', hours: 30, phase: 'SLAPEN', activity: '' });
    expect(bad.status).toBe(400);
    const fields = (await bad.json()).error.details.map((d: { field: string }) => d.field).sort();
    expect(fields).toEqual(['activity', 'date', 'hours', 'phase']);
    expect((await hours(w.worker, { date: '2099-01-01', hours: 1, phase: 'ZIEN', activity: 'later' })).status).toBe(400);
    expect((await hours(w.outsider, { date: '2026-01-05', hours: 1, phase: 'ZIEN', activity: 'x' })).status).toBe(404);
    expect((await w.outsider.get(`/api/projects/${w.projectId}/hours`)).status).toBe(404);
    expect((await w.outsider.get(`/api/projects/${w.projectId}/budget`)).status).toBe(404);
    expect((await hours(w.funder, { date: '2026-01-05', hours: 1, phase: 'ZIEN', activity: 'x' })).status).toBe(403);
    expect(await t.db.selectFrom('hours').select('id').execute()).toHaveLength(0);
  });

  it('a worker removes their own mistaken entry, not a colleague’s', async () => {
    const colleague = await t.as('worker');
    await w.coordinator.put(`/api/projects/${w.projectId}/members`, { userIds: [w.worker.id, colleague.id] });
    const a = (await json(hours(w.worker, { date: '2026-01-05', hours: 1, phase: 'ZIEN', activity: 'x' }))).entry;
    expect((await colleague.request('DELETE', `/api/projects/${w.projectId}/hours/${a.id}`)).status).toBe(403);
    expect((await w.worker.request('DELETE', `/api/projects/${w.projectId}/hours/${a.id}`)).status).toBe(204);
    expect(await t.db.selectFrom('hours').select('id').execute()).toHaveLength(0);
  });
});

describe('expenses and budget', () => {
  it('records money spent in euros and shows hours and money against the plan', async () => {
    await json(hours(w.worker, { date: '2026-01-12', hours: 20, phase: 'DOEN', activity: 'Buurtkamer' }));
    await json(hours(w.worker, { date: '2026-04-12', hours: 5, phase: 'VINDEN', activity: 'Evaluatie' }));
    const e = await json(
      w.worker.post(`/api/projects/${w.projectId}/expenses`, { date: '2026-01-15', amount: 1234.56, description: 'Koffie en thee', category: 'Materiaal' }),
    );
    expect(e.entry).toMatchObject({ amount: 1234.56, category: 'Materiaal', enteredBy: w.worker.id });
    await json(w.coordinator.post(`/api/projects/${w.projectId}/expenses`, { date: '2026-02-01', amount: 265.44, description: 'Zaalhuur' }));
    expect(await t.db.selectFrom('expenses').select('amountCents').orderBy('id').execute()).toEqual([{ amountCents: 123456 }, { amountCents: 26544 }]);
    const list = await json(w.worker.get(`/api/projects/${w.projectId}/expenses`));
    expect(list.totals).toEqual({
      amount: 1500,
      byCategory: [
        { category: 'Materiaal', amount: 1234.56 },
        { category: null, amount: 265.44 },
      ],
    });
    expect((await w.worker.post(`/api/projects/${w.projectId}/expenses`, { date: '2026-02-01', amount: 1.234, description: 'x' })).status).toBe(400);
    expect((await w.outsider.post(`/api/projects/${w.projectId}/expenses`, { date: '2026-02-01', amount: 1, description: 'x' })).status).toBe(404);

    const extra = (await json(w.worker.post(`/api/projects/${w.projectId}/expenses`, { date: '2026-02-03', amount: 10, description: 'Dubbel ingevoerd' })))
      .entry;
    expect((await w.outsider.request('DELETE', `/api/projects/${w.projectId}/expenses/${extra.id}`)).status).toBe(404);
    expect((await w.worker.request('DELETE', `/api/projects/${w.projectId}/expenses/${extra.id}`)).status).toBe(204);
    const { budget } = await json(w.worker.get(`/api/projects/${w.projectId}/budget`));
    expect(budget.hours).toEqual({ used: 25, planned: 100, remaining: 75, percentage: 25, byPhase: { ZIEN: 0, DENKEN: 0, DOEN: 20, VINDEN: 5 } });
    expect(budget.money).toEqual({ usedEuros: 1500, plannedEuros: 5000, remainingEuros: 3500, percentage: 30 });

    const [q1] = await budgetSummary(t.db, [w.projectId], { from: '2026-Q1', to: '2026-Q1' });
    expect(q1!.hours.used).toBe(20);
    expect(q1!.money.usedEuros).toBe(1500);
    const [noPlan] = await budgetSummary(t.db, [w.otherProjectId]);
    expect(noPlan!.hours).toMatchObject({ used: 0, planned: null, remaining: null, percentage: null });
  });
});
