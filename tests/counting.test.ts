import { beforeEach, describe, expect, it } from 'vitest';
import { IATI_MEASURE_CODE, indicatorSeries } from '../db/repositories/counting.js';
import { testApp, type TestApp } from './helpers/app.js';
import { countingWorld, indicator, json } from './helpers/counting-fixtures.js';

let t: TestApp;
let w: Awaited<ReturnType<typeof countingWorld>>;
beforeEach(async () => {
  t = await testApp();
  w = await countingWorld(t);
});

const base = () => ({ projectId: w.projectId, name: 'Bewoners bij de buurtkamer', unit: 'count', periodicity: 'quarter' });

describe('indicator definitions', () => {
  it('creates an indicator with baseline, targets per period and area, and the IATI measure', async () => {
    const outcome = await t.db
      .insertInto('outcomes')
      .values({ projectId: w.projectId, level: 'outcome', title: 'Meer ontmoeting' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const ind = await indicator(w.coordinator, {
      ...base(),
      outcomeId: outcome.id,
      description: 'Unieke bewoners per kwartaal',
      direction: 'higher',
      byArea: true,
      baselineValue: 40,
      baselinePeriod: '2025 Q4',
      targets: [
        { period: '2026-Q1', value: 60 },
        { period: '2026-Q1', areaId: w.areas.kop, value: 35 },
        { period: '2026', value: 250 },
      ],
    });
    expect(ind).toMatchObject({
      name: 'Bewoners bij de buurtkamer',
      unit: 'count',
      measure: 'unit',
      iatiMeasure: '1',
      byArea: true,
      baselinePeriod: '2025-Q4',
      outcomeId: outcome.id,
    });
    expect(ind.targets).toHaveLength(3);
    const got = await json(w.worker.get(`/api/indicators/${ind.id}`));
    expect(got.indicator.targets).toContainEqual({ period: '2026-Q1', areaId: w.areas.kop, value: 35 });
    const pct = await indicator(w.coordinator, { ...base(), name: 'Aandeel tevreden', unit: 'percentage' });
    expect(pct.measure).toBe('percentage');
    expect(pct.iatiMeasure).toBe(IATI_MEASURE_CODE.percentage);
    expect(IATI_MEASURE_CODE).toEqual({ unit: '1', percentage: '2', nominal: '3', ordinal: '4', qualitative: '5' });
  });

  it('refuses an outcome of another project, bad periods and areas outside the project', async () => {
    const foreign = await t.db
      .insertInto('outcomes')
      .values({ projectId: w.otherProjectId, level: 'outcome', title: 'Elders' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const res = await w.coordinator.post('/api/indicators', {
      ...base(),
      outcomeId: foreign.id,
      byArea: true,
      baselinePeriod: 'vorig jaar',
      targets: [
        { period: '2026-03', value: 1 },
        { period: '2026-Q1', areaId: w.areas.elsewhere, value: 2 },
      ],
    });
    expect(res.status).toBe(400);
    const fields = (await res.json()).error.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['outcomeId', 'baselinePeriod', 'targets.0.period', 'targets.1.areaId']));
    expect((await w.coordinator.post('/api/indicators', { ...base(), unit: 'meters' })).status).toBe(400);
    expect((await w.coordinator.post('/api/indicators', { ...base(), extra: 1 })).status).toBe(400);
    expect(await t.db.selectFrom('indicators').select('id').execute()).toHaveLength(0);
  });

  it('lists per project and patches; periodicity is fixed once values exist', async () => {
    const ind = await indicator(w.coordinator, base());
    await indicator(w.coordinator, { ...base(), projectId: w.otherProjectId, name: 'Elders geteld' });
    const list = await json(w.worker.get(`/api/indicators?projectId=${w.projectId}`));
    expect(list.indicators.map((i: { name: string }) => i.name)).toEqual(['Bewoners bij de buurtkamer']);
    const lonely = await t.as('worker');
    expect((await json(lonely.get('/api/indicators?context=false'))).indicators).toEqual([]);
    const mine = await json(w.worker.get('/api/indicators'));
    expect(mine.indicators.map((i: { id: number }) => i.id)).toEqual([ind.id]);
    const patched = await json(
      w.coordinator.patch(`/api/indicators/${ind.id}`, { name: 'Bezoekers', direction: 'lower', targets: [{ period: '2026-Q2', value: 9 }] }),
    );
    expect(patched.indicator).toMatchObject({ name: 'Bezoekers', direction: 'lower', targets: [{ period: '2026-Q2', areaId: null, value: 9 }] });
    await json(w.worker.put(`/api/indicators/${ind.id}/values`, { values: [{ period: '2026-Q1', value: 3 }] }));
    expect((await w.coordinator.patch(`/api/indicators/${ind.id}`, { periodicity: 'month' })).status).toBe(409);
  });
});

describe('values', () => {
  it('saves a batch with notes and who entered it, with Dutch period spellings', async () => {
    const ind = await indicator(w.coordinator, { ...base(), name: 'Uren buurtkamer', unit: 'hours', byArea: true });
    const res = await json(
      w.worker.put(`/api/indicators/${ind.id}/values`, {
        values: [
          { period: '2026-Q1', areaId: w.areas.kop, value: 12.5, note: 'inclusief open dag' },
          { period: '2026 K1', areaId: w.areas.oudeKerk, value: null, note: 'niet geteld' },
        ],
      }),
    );
    expect(res).toMatchObject({ created: 2, updated: 0, unchanged: 0 });
    const values = (await json(w.coordinator.get(`/api/indicators/${ind.id}/values?period=2026-Q1`))).values;
    expect(values).toHaveLength(2);
    expect(values.find((v: { areaId: number }) => v.areaId === w.areas.kop)).toMatchObject({ value: 12.5, note: 'inclusief open dag', enteredBy: w.worker.id });
    expect(values.find((v: { areaId: number }) => v.areaId === w.areas.oudeKerk).value).toBeNull();
  });

  it('is all or nothing: one bad entry saves nothing and every bad entry is named', async () => {
    const ind = await indicator(w.coordinator, { ...base(), byArea: true });
    const res = await w.worker.put(`/api/indicators/${ind.id}/values`, {
      values: [
        { period: '2026-Q1', areaId: w.areas.kop, value: 5 },
        { period: '2026-03', areaId: w.areas.kop, value: 5 },
        { period: '2026-Q2', areaId: w.areas.elsewhere, value: 5 },
        { period: '2026-Q2', value: 5 },
        { period: '2026-Q1', areaId: w.areas.kop, value: 6 },
      ],
    });
    expect(res.status).toBe(400);
    const fields = (await res.json()).error.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(['values.1.period', 'values.2.areaId', 'values.3.areaId', 'values.4.period']);
    expect(await t.db.selectFrom('indicatorValues').selectAll().execute()).toHaveLength(0);
  });

  it('refuses figures a unit cannot have, in values, targets and the baseline, and saves nothing', async () => {
    const count = await indicator(w.coordinator, base());
    const share = await indicator(w.coordinator, { ...base(), name: 'Aandeel actief', unit: 'percentage' });
    const res = await w.worker.put('/api/indicator-values', {
      values: [
        { indicatorId: count.id, period: '2026-Q1', value: -3 },
        { indicatorId: count.id, period: '2026-Q2', value: 2.5 },
        { indicatorId: share.id, period: '2026-Q1', value: 150 },
        { indicatorId: share.id, period: '2026-Q2', value: 37.5 },
        { indicatorId: count.id, period: '2026-Q3', value: 0 },
      ],
    });
    expect(res.status).toBe(400);
    const details = (await res.json()).error.details as { field: string; message: string }[];
    expect(details.map((d) => [d.field, d.message])).toEqual([
      ['values.0.value', 'Een aantal is een heel getal van 0 of meer. / A count is a whole number of 0 or more.'],
      ['values.1.value', 'Een aantal is een heel getal van 0 of meer. / A count is a whole number of 0 or more.'],
      ['values.2.value', 'Een percentage ligt tussen 0 en 100. / A percentage lies between 0 and 100.'],
    ]);
    expect(await t.db.selectFrom('indicatorValues').selectAll().execute()).toHaveLength(0);

    const created = await w.coordinator.post('/api/indicators', {
      ...base(),
      name: 'Nieuw',
      baselineValue: -2.5,
      targets: [
        { period: '2026-Q1', value: 10 },
        { period: '2026-Q2', value: 12.5 },
      ],
    });
    expect(created.status).toBe(400);
    expect((await created.json()).error.details.map((d: { field: string }) => d.field)).toEqual(['baselineValue', 'targets.1.value']);
    const changed = await w.coordinator.patch(`/api/indicators/${share.id}`, { targets: [{ period: '2026-Q1', value: 101 }] });
    expect(changed.status).toBe(400);
    expect(await t.db.selectFrom('indicatorTargets').selectAll().execute()).toHaveLength(0);
  });

  it('saves the grid of several indicators at once, all or nothing', async () => {
    const a = await indicator(w.coordinator, { ...base(), byArea: true });
    const b = await indicator(w.coordinator, { ...base(), name: 'Activiteiten' });
    const bad = await w.worker.put('/api/indicator-values', {
      values: [
        { indicatorId: a.id, period: '2026-Q1', areaId: w.areas.kop, value: 3 },
        { indicatorId: b.id, period: '2026-Q1', areaId: w.areas.kop, value: 4 },
      ],
    });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.details.map((d: { field: string }) => d.field)).toEqual(['values.1.areaId']);
    expect(await t.db.selectFrom('indicatorValues').selectAll().execute()).toHaveLength(0);
    const ok = await json(
      w.worker.put('/api/indicator-values', {
        values: [
          { indicatorId: a.id, period: '2026-Q1', areaId: w.areas.kop, value: 3 },
          { indicatorId: b.id, period: '2026-Q1', value: 4 },
        ],
      }),
    );
    expect(ok).toEqual({ created: 2, updated: 0, unchanged: 0 });
    const other = await indicator(w.coordinator, { ...base(), projectId: w.otherProjectId });
    expect((await w.worker.put('/api/indicator-values', { values: [{ indicatorId: other.id, period: '2026-Q1', value: 1 }] })).status).toBe(404);
  });

  it('keeps every change in the history and the audit log; the same values again change nothing', async () => {
    const ind = await indicator(w.coordinator, base());
    const put = (value: number | null, client = w.worker) => json(client.put(`/api/indicators/${ind.id}/values`, { values: [{ period: '2026-Q1', value }] }));
    expect(await put(10)).toMatchObject({ created: 1 });
    expect(await put(10)).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
    expect(await put(12, w.coordinator)).toMatchObject({ updated: 1 });
    expect(await put(null)).toMatchObject({ updated: 1 });
    const { history } = await json(w.worker.get(`/api/indicators/${ind.id}/history`));
    expect(history.map((h: { oldValue: number | null; newValue: number | null }) => [h.oldValue, h.newValue])).toEqual([
      [12, null],
      [10, 12],
      [null, 10],
    ]);
    expect(history[1]).toMatchObject({ changedBy: w.coordinator.id, existed: true });
    expect(history[2]).toMatchObject({ changedBy: w.worker.id, existed: false });
    const audits = await t.db.selectFrom('auditLog').selectAll().where('action', '=', 'indicator.values').execute();
    expect(audits).toHaveLength(3);
  });

  it('indicatorSeries gives baseline, targets and actuals per period for reports', async () => {
    const ind = await indicator(w.coordinator, {
      ...base(),
      byArea: true,
      baselineValue: 4,
      baselinePeriod: '2025-Q4',
      targets: [
        { period: '2026-Q1', value: 30 },
        { period: '2026-Q2', value: 40 },
      ],
    });
    await json(
      w.worker.put(`/api/indicators/${ind.id}/values`, {
        values: [
          { period: '2026-Q1', areaId: w.areas.kop, value: 10 },
          { period: '2026-Q1', areaId: w.areas.oudeKerk, value: 15 },
          { period: '2025-Q4', areaId: w.areas.kop, value: 4 },
        ],
      }),
    );
    const [s] = await indicatorSeries(t.db, { projectIds: [w.projectId], from: '2026-01-01', to: '2026-Q2' });
    expect(s!.baseline).toEqual({ value: 4, period: '2025-Q4' });
    expect(s!.series.map((p) => [p.period, p.target, p.actual])).toEqual([
      ['2026-Q1', 30, 25],
      ['2026-Q2', 40, null],
    ]);
    const [onlyKop] = await indicatorSeries(t.db, { indicatorIds: [ind.id], from: '2026', to: '2026', areaIds: [w.areas.kop] });
    expect(onlyKop!.series[0]!.actual).toBe(10);
  });
});

describe('role matrix', () => {
  it('workers write only their projects, funders nothing, anonymous 401', async () => {
    const ind = await indicator(w.coordinator, base());
    const values = { values: [{ period: '2026-Q1', value: 1 }] };
    expect((await w.outsider.get(`/api/indicators/${ind.id}`)).status).toBe(404);
    expect((await w.outsider.put(`/api/indicators/${ind.id}/values`, values)).status).toBe(404);
    expect((await w.outsider.get(`/api/indicators?projectId=${w.projectId}`)).status).toBe(404);
    expect((await w.worker.post('/api/indicators', base())).status).toBe(403);
    expect((await w.worker.patch(`/api/indicators/${ind.id}`, { name: 'x' })).status).toBe(403);
    expect((await w.worker.put(`/api/indicators/${ind.id}/values`, values)).status).toBe(200);
    expect((await w.coordinator.put(`/api/indicators/${ind.id}/values`, { values: [{ period: '2026-Q2', value: 1 }] })).status).toBe(200);
    for (const [method, path, body] of [
      ['GET', '/api/indicators', undefined],
      ['POST', '/api/indicators', base()],
      ['GET', `/api/indicators/${ind.id}`, undefined],
      ['PATCH', `/api/indicators/${ind.id}`, { name: 'x' }],
      ['GET', `/api/indicators/${ind.id}/values`, undefined],
      ['PUT', `/api/indicators/${ind.id}/values`, values],
      ['POST', '/api/indicators/import', { csv: 'indicator,period,value\n1,2026-Q1,1', mode: 'preview' }],
      ['POST', '/api/imports/cbs', { csv: 'a;b', mode: 'preview' }],
      ['GET', `/api/projects/${w.projectId}/hours`, undefined],
      ['POST', `/api/projects/${w.projectId}/hours`, { date: '2026-01-05', hours: 1, phase: 'ZIEN', activity: 'x' }],
      ['GET', `/api/projects/${w.projectId}/expenses`, undefined],
      ['POST', `/api/projects/${w.projectId}/expenses`, { date: '2026-01-05', amount: 1, description: 'x' }],
      ['GET', `/api/projects/${w.projectId}/budget`, undefined],
    ] as const) {
      expect([method, path, (await w.funder.request(method, path, body)).status]).toEqual([method, path, 403]);
      expect([method, path, (await t.anon.request(method, path, body)).status]).toEqual([method, path, 401]);
    }
    expect((await w.worker.post('/api/imports/cbs', { csv: 'a;b', mode: 'preview' })).status).toBe(403);
  });

  it('context indicators are read by workers but written by staff only', async () => {
    const ctx = await t.db
      .insertInto('indicators')
      .values({
        projectId: null,
        outcomeId: null,
        name: 'Huishoudens',
        unit: 'count',
        measure: 'unit',
        periodicity: 'year',
        baselineValue: null,
        baselinePeriod: null,
        byArea: 1,
        source: 'cbs',
        sourceKey: 'Particuliere huishoudens (Aantal)',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect((await w.worker.get(`/api/indicators/${ctx.id}`)).status).toBe(200);
    expect((await json(w.worker.get('/api/indicators?context=true'))).indicators).toHaveLength(1);
    const values = { values: [{ period: '2019', areaId: w.areas.elsewhere, value: 700 }] };
    expect((await w.worker.put(`/api/indicators/${ctx.id}/values`, values)).status).toBe(403);
    expect((await w.coordinator.put(`/api/indicators/${ctx.id}/values`, values)).status).toBe(200);
  });

  it('documents the routes in the OpenAPI document', async () => {
    const spec = await json(t.anon.get('/api/openapi.json'));
    for (const p of [
      '/api/indicators',
      '/api/indicators/{id}',
      '/api/indicators/{id}/values',
      '/api/indicators/import',
      '/api/imports/cbs',
      '/api/projects/{id}/hours',
      '/api/projects/{id}/expenses',
      '/api/projects/{id}/budget',
    ]) {
      expect(Object.keys(spec.paths)).toContain(p);
    }
  });
});
