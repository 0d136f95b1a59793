import { describe, expect, it } from 'vitest';
import { weekOf } from '../server/routes/home.js';
import { periodOf } from '../db/domain/periods.js';
import { testApp } from './helpers/app.js';
import { json } from './helpers/counting-fixtures.js';

const home = async (client: { get(p: string): Promise<Response> }) => json(client.get('/api/home'));

describe('GET /api/home', () => {
  it('counts the setup steps in order for staff: areas, project, outcomes, story link', async () => {
    const t = await testApp();
    const admin = await t.as('admin');
    expect((await home(admin)).setup).toEqual({ areas: 0, projects: 0, outcomes: 0, links: 0, users: 1, projectId: null });
    const area = (await json(admin.post('/api/areas', { name: 'Zeedijk', kind: 'buurt', cbsCode: null }))).area.id;
    const project = (await json(admin.post('/api/projects', { name: 'Buurtkamer', areaIds: [area] }))).project.id;
    await json(admin.post(`/api/projects/${project}/outcomes`, { level: 'outcome', title: 'Buren kennen elkaar' }));
    await json(admin.post(`/api/projects/${project}/links`, { label: 'Poster' }));
    expect((await home(admin)).setup).toEqual({ areas: 1, projects: 1, outcomes: 1, links: 1, users: 1, projectId: project });
    // Workers and funders get no setup; funders no tagging or work.
    const worker = await t.as('worker');
    const funder = await t.as('funder');
    expect(await home(worker)).toMatchObject({ setup: null, toTag: 0, work: [], drafts: [] });
    expect(await home(funder)).toMatchObject({ setup: null, toTag: null, work: [], mscToPick: [], drafts: [] });
    expect((await t.anon.get('/api/home')).status).toBe(401);
  });

  it("gives a worker their week's hours, this period's empty indicator cells and MSC picks; staff their draft reports", async () => {
    const t = await testApp();
    const coord = await t.as('coordinator');
    const worker = await t.as('worker');
    const other = await t.as('worker');
    const areaOf = async (name: string) => (await json(coord.post('/api/areas', { name, kind: 'buurt', cbsCode: null }))).area.id;
    const [a, b] = [await areaOf('Kop Zeedijk'), await areaOf('Oude Kerk')];
    const project = (await json(coord.post('/api/projects', { name: 'Buurtkamer', areaIds: [a, b], userIds: [worker.id] }))).project.id;
    await json(coord.post('/api/projects', { name: 'Elders', areaIds: [a], userIds: [other.id] }));
    const perArea = (await json(coord.post('/api/indicators', { projectId: project, name: 'Bezoekers', unit: 'count', periodicity: 'quarter', byArea: true })))
      .indicator.id;
    await json(coord.post('/api/indicators', { projectId: project, name: 'Tevredenheid', unit: 'score', periodicity: 'year' }));
    const today = new Date().toISOString().slice(0, 10);
    const week = weekOf(today);
    await json(worker.post(`/api/projects/${project}/hours`, { date: week.from, hours: 1.75, phase: 'DOEN', activity: 'Spreekuur' }));
    await json(worker.post(`/api/projects/${project}/hours`, { date: '2020-01-06', hours: 3, phase: 'DOEN', activity: 'Lang geleden' }));
    await json(worker.put(`/api/indicators/${perArea}/values`, { values: [{ period: periodOf(today, 'quarter'), areaId: a, value: 4 }] }));
    const round = (
      await json(
        coord.post('/api/msc-rounds', {
          domain: 'Meedoen',
          periodFrom: '2026-01-01',
          periodTo: '2026-12-31',
          projectIds: [project],
          panelUserIds: [worker.id],
        }),
      )
    ).round.id;
    await json(
      coord.post('/api/reports', { title: 'Jaarverslag', audience: 'funder', periodFrom: '2026-01-01', periodTo: '2026-12-31', projectIds: [project] }),
    );

    const mine = await home(worker);
    expect(mine.week).toEqual(week);
    expect(mine.work).toEqual([
      { projectId: project, name: 'Buurtkamer', hoursThisWeek: 1.75, emptyValues: 2, periods: [periodOf(today, 'quarter'), periodOf(today, 'year')].sort() },
    ]);
    expect(mine.mscToPick).toEqual([{ id: round, domain: 'Meedoen' }]);
    expect(mine.drafts).toEqual([]);
    expect((await home(coord)).drafts).toEqual([{ id: expect.any(Number), title: 'Jaarverslag' }]);
    // Another project's worker sees none of it.
    expect((await home(other)).work).toEqual([{ projectId: expect.any(Number), name: 'Elders', hoursThisWeek: 0, emptyValues: 0, periods: [] }]);
    expect((await home(other)).mscToPick).toEqual([]);
  });

  it('takes the week from Monday to Sunday', () => {
    expect(weekOf('2026-11-29')).toEqual({ from: '2026-11-23', to: '2026-11-29' }); // a Sunday
    expect(weekOf('2026-11-30')).toEqual({ from: '2026-11-30', to: '2026-12-06' }); // a Monday
  });
});
