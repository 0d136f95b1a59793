// One rule per thing, whichever route asks: a date is a real date everywhere, an unknown id is the
// same 400 everywhere, both entry points record a story the same way, and a funder never sees a
// shared report before it has a published version.
import { beforeAll, describe, expect, it } from 'vitest';
import { residentConsentVersion } from '../server/consent.js';
import { testApp, type TestApp } from './helpers/app.js';
import { doc, heard, json, world, type World } from './helpers/stories-fixtures.js';

describe('one rule for each thing', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await testApp();
    w = await world(t);
  });

  it('a date that is not on the calendar (2026-13-45, 2026-02-30) is a 400 naming the field on every route that takes a date', async () => {
    for (const bad of ['2026-13-45', '2026-02-30']) {
      const cases: [string, Promise<Response>, string][] = [
        ['project', w.admin.post('/api/projects', { name: 'Datumtest', startDate: bad }), 'startDate'],
        [
          'report',
          w.coordinator.post('/api/reports', { title: 'R', audience: 'funder', periodFrom: bad, periodTo: '2026-12-31', projectIds: [w.projectA] }),
          'periodFrom',
        ],
        [
          'MSC round',
          w.coordinator.post('/api/msc-rounds', {
            domain: 'Buren',
            periodFrom: '2026-01-01',
            periodTo: bad,
            projectIds: [w.projectA],
            panelUserIds: [w.coordinator.id],
          }),
          'periodTo',
        ],
        ['hours', w.member.post(`/api/projects/${w.projectA}/hours`, { date: bad, hours: 2, phase: 'DOEN', activity: 'Koffieochtend' }), 'date'],
        ['expense', w.coordinator.post(`/api/projects/${w.projectA}/expenses`, { date: bad, amount: 12.5, description: 'Koffie' }), 'date'],
        [
          'story',
          w.member.post('/api/stories', {
            projectId: w.projectA,
            title: 'T',
            body: doc('Tekst'),
            source: 'practice',
            consent: { level: 'team', channel: 'spoken', givenBy: 'teller' },
            happenedOn: bad,
          }),
          'happenedOn',
        ],
        ['climate filter', w.coordinator.get(`/api/climate?from=${bad}`), 'from'],
      ];
      for (const [what, pending, field] of cases) {
        const res = await pending;
        const body = await res.json();
        expect(res.status, `${what} ${bad}: ${JSON.stringify(body)}`).toBe(400);
        expect(
          body.error.details.map((d: { field: string }) => d.field),
          what,
        ).toContain(field);
      }
    }
  });

  it('an id that does not exist is one kind of 400, naming the field and the ids', async () => {
    const report = await w.coordinator.post('/api/reports', {
      title: 'R',
      audience: 'funder',
      periodFrom: '2026-01-01',
      periodTo: '2026-12-31',
      projectIds: [w.projectA, 99999],
      areaIds: [88888],
    });
    expect(report.status).toBe(400);
    expect((await report.json()).error.details).toEqual([
      {
        field: 'projectIds',
        message: 'Dit project bestaat niet (99999). Kies een ander project. / This project does not exist (99999). Choose another project.',
      },
    ]);
    const project = await w.admin.post('/api/projects', { name: 'Gebiedtest', areaIds: [w.areaId, 77777, 77777] });
    expect((await project.json()).error.details).toEqual([
      { field: 'areaIds', message: 'Dit gebied bestaat niet (77777). Kies een ander gebied. / This area does not exist (77777). Choose another area.' },
    ]);
    const story = await w.member.post('/api/stories', {
      projectId: w.projectA,
      areaId: 66666,
      title: 'T',
      body: doc('Tekst'),
      source: 'practice',
      consent: { level: 'team', channel: 'spoken', givenBy: 'teller' },
    });
    expect((await story.json()).error.details).toEqual([
      { field: 'areaId', message: 'Dit gebied bestaat niet. Kies een ander gebied. / This area does not exist. Choose another area.' },
    ]);
    const indicator = await w.coordinator.post('/api/indicators', { projectId: 55555, name: 'Bezoekers', unit: 'count', periodicity: 'quarter' });
    expect(indicator.status).toBe(400);
    expect((await indicator.json()).error.details).toContainEqual({
      field: 'projectId',
      message: 'Dit project bestaat niet. Kies een ander project. / This project does not exist. Choose another project.',
    });
  });

  it('a worker’s story and a resident’s story are recorded the same way: teller, consent record, placements and one audit row', async () => {
    const byWorker = await heard(w.member, w.projectA);
    const linkRes = await json(await w.coordinator.post(`/api/projects/${w.projectA}/links`, {}), 201);
    const told = await t.anon.post(`/api/public/links/${linkRes.link.token}/stories`, {
      body: doc('Op het plein is het weer gezellig.'),
      consent: 'report',
      consentTextVersion: residentConsentVersion('nl'),
      tellerName: 'Anouk',
    });
    expect(told.status, await told.clone().text()).toBe(201);
    const rows = await t.db
      .selectFrom('stories')
      .innerJoin('tellers', 'tellers.id', 'stories.tellerId')
      .select(['stories.id', 'stories.source', 'stories.recordedBy', 'stories.consent', 'tellers.displayName', 'tellers.kind'])
      .where('stories.projectId', '=', w.projectA)
      .orderBy('stories.id')
      .execute();
    const byLink = rows.find((r) => r.source === 'link')!;
    expect(byLink).toMatchObject({ recordedBy: null, consent: 'report', displayName: 'Anouk', kind: 'resident' });
    expect(rows.find((r) => r.id === byWorker.id)).toMatchObject({ recordedBy: w.member.id, consent: 'report', displayName: 'Fatima', kind: 'resident' });
    for (const id of [byWorker.id, byLink.id]) {
      const consents = await t.db.selectFrom('storyConsents').selectAll().where('storyId', '=', id).execute();
      expect(consents).toHaveLength(1);
      const audits = await t.db.selectFrom('auditLog').select('action').where('targetType', '=', 'story').where('targetId', '=', String(id)).execute();
      expect(audits.map((a) => a.action)).toEqual(['story.create']);
    }
  });

  it('a funder sees a shared report only once it has a published version: not in the list, and 404 on its versions', async () => {
    const r = (
      await json(
        await w.coordinator.post('/api/reports', {
          title: 'Nog niet af',
          audience: 'funder',
          periodFrom: '2026-01-01',
          periodTo: '2026-12-31',
          projectIds: [w.projectA],
        }),
        201,
      )
    ).report;
    await json(await w.coordinator.post(`/api/reports/${r.id}/shares`, { userId: w.funder.id }), 201);
    expect((await json(await w.funder.get('/api/reports'), 200)).reports.map((x: { id: number }) => x.id)).not.toContain(r.id);
    expect((await w.funder.get(`/api/reports/${r.id}/versions`)).status).toBe(404);
    await json(await w.coordinator.post(`/api/reports/${r.id}/versions`), 201);
    expect((await json(await w.funder.get('/api/reports'), 200)).reports.map((x: { id: number }) => x.id)).toContain(r.id);
    expect((await json(await w.funder.get(`/api/reports/${r.id}/versions`), 200)).versions).toHaveLength(1);
  });
});
