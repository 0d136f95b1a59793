import { beforeAll, describe, expect, it } from 'vitest';
import type { Client } from './helpers/app.js';
import { testApp, type TestApp } from './helpers/app.js';
import { climate, doc, heard, heardConsent, json, storyCount, world, type World } from './helpers/stories-fixtures.js';

const auditFor = (t: TestApp, storyId: number) =>
  t.db.selectFrom('auditLog').selectAll().where('targetType', '=', 'story').where('targetId', '=', String(storyId)).orderBy('id').execute();

describe('recording stories', () => {
  let t: TestApp;
  let w: World;
  let vars: number[];
  beforeAll(async () => {
    t = await testApp();
    w = await world(t);
    vars = await climate(t, w.projectA, 3, [`var${w.projectA}_2`]);
  });

  it('records a heard story with the consent as given, teller placements and an audit entry', async () => {
    const story = await heard(w.member, w.projectA, {
      areaId: w.areaId,
      phase: 'DOEN',
      happenedOn: '2026-10-01',
      language: 'nl',
      placements: [
        { variableId: vars[0], position: 80 },
        { variableId: vars[1], position: null },
      ],
    });
    expect(story).toMatchObject({
      projectId: w.projectA,
      projectName: 'Buurtkamer',
      areaId: w.areaId,
      areaName: 'Transvaal',
      phase: 'DOEN',
      happenedOn: '2026-10-01',
      source: 'heard',
      consent: 'report',
      tellerName: 'Fatima',
      teller: { name: 'Fatima', under16: false, kind: 'resident' },
      recordedBy: { id: w.member.id },
      bodyHtml: '<p>Sinds de bankjes er staan praten buren weer met elkaar.</p>',
      bodyText: 'Sinds de bankjes er staan praten buren weer met elkaar.',
      canEdit: true,
      withdrawnAt: null,
    });
    expect(story.consentHistory).toEqual([
      expect.objectContaining({ level: 'report', givenBy: 'teller', channel: 'spoken', consentTextVersion: '2026-11', withdrawn: false }),
    ]);
    expect(story.placements).toEqual([
      { variableId: vars[0], source: 'teller', position: 80, status: 'accepted' },
      { variableId: vars[1], source: 'teller', position: null, status: 'accepted' },
    ]);
    const log = await auditFor(t, story.id);
    expect(log.map((l) => l.action)).toEqual(['story.create']);
    expect(log[0]!.details).not.toContain('bankjes');
  });

  it('records a practice story with the worker as teller', async () => {
    const res = await w.member.post('/api/stories', {
      projectId: w.projectA,
      title: 'Mijn eerste bewonersavond',
      body: doc('Ik leerde luisteren.'),
      source: 'practice',
      consent: { level: 'public', channel: 'online', givenBy: 'teller' },
    });
    const { story } = await json(res, 201);
    expect(story.teller).toMatchObject({ kind: 'worker', name: 'worker 3' });
    const again = await json(
      await w.member.post('/api/stories', {
        projectId: w.projectA,
        title: 'Tweede',
        body: doc('Nog een.'),
        source: 'practice',
        consent: { level: 'team', channel: 'online', givenBy: 'teller' },
      }),
      201,
    );
    expect(again.story.teller.id).toBe(story.teller.id);
    const withTeller = await w.member.post('/api/stories', {
      projectId: w.projectA,
      title: 'x',
      body: doc('y'),
      source: 'practice',
      teller: { name: 'Piet' },
      consent: heardConsent,
    });
    expect(withTeller.status).toBe(400);
  });

  it('needs a guardian’s consent, with a name, for a teller under 16', async () => {
    const base = {
      projectId: w.projectA,
      title: 'Het voetbalveld',
      body: doc('We spelen weer buiten.'),
      source: 'heard',
      teller: { name: 'Sem', under16: true },
    };
    const self = await w.member.post('/api/stories', { ...base, consent: { level: 'team', channel: 'spoken', givenBy: 'teller' } });
    expect(self.status).toBe(400);
    expect((await self.json()).error.details[0].field).toBe('consent.givenBy');
    const noName = await w.member.post('/api/stories', { ...base, consent: { level: 'team', channel: 'paper', givenBy: 'guardian' } });
    expect(noName.status).toBe(400);
    expect((await noName.json()).error.details[0].field).toBe('consent.guardianName');
    const { story } = await json(
      await w.member.post('/api/stories', { ...base, consent: { level: 'team', channel: 'paper', givenBy: 'guardian', guardianName: 'Moeder van Sem' } }),
      201,
    );
    expect(story.teller.under16).toBe(true);
    expect(story.consentHistory[0]).toMatchObject({ givenBy: 'guardian', guardianName: 'Moeder van Sem', channel: 'paper' });
    // widening consent later needs the guardian again
    const widen = await w.member.post(`/api/stories/${story.id}/consent`, { level: 'public', channel: 'spoken', givenBy: 'teller' });
    expect(widen.status).toBe(400);
    const ok = await w.member.post(`/api/stories/${story.id}/consent`, {
      level: 'public',
      channel: 'paper',
      givenBy: 'guardian',
      guardianName: 'Moeder van Sem',
    });
    expect(ok.status).toBe(200);
  });

  it('refuses a heard story made public without the teller’s name, and saves nothing; a practice story has the worker’s', async () => {
    const n = await storyCount(t);
    const publicConsent = { ...heardConsent, level: 'public' };
    for (const teller of [undefined, {}, { name: '  ' }]) {
      const res = await w.member.post('/api/stories', {
        projectId: w.projectA,
        title: 'Het plein',
        body: doc('Er staan weer bankjes.'),
        source: 'heard',
        ...(teller ? { teller } : {}),
        consent: publicConsent,
      });
      expect(res.status).toBe(400);
      expect((await res.json()).error.details).toEqual([
        { field: 'teller.name', message: expect.stringMatching(/Vul de naam van de verteller in.*‘Verslag, anoniem’.* \/ .*Fill in the teller’s name/) },
      ]);
    }
    expect(await storyCount(t)).toBe(n);
    const named = await heard(w.member, w.projectA, { teller: { name: 'Buurman Sjaak' }, consent: publicConsent });
    expect(named.teller.name).toBe('Buurman Sjaak');
  });

  it('checks placements against the project’s chosen, current climate variables', async () => {
    const [otherVar] = await climate(t, w.projectB, 1);
    const cases = [
      [{ variableId: otherVar, position: 50 }],
      [{ variableId: vars[2], position: 50 }], // retired
      [{ variableId: 9999, position: 50 }],
      [{ variableId: vars[0], position: 101 }],
      [{ variableId: vars[0], position: -1 }],
      [{ variableId: vars[0], position: 12.5 }],
      [
        { variableId: vars[0], position: 10 },
        { variableId: vars[0], position: 20 },
      ],
    ];
    for (const placements of cases) {
      const res = await w.member.post('/api/stories', {
        projectId: w.projectA,
        title: 't',
        body: doc('b'),
        source: 'heard',
        consent: heardConsent,
        placements,
      });
      expect(res.status, JSON.stringify(placements)).toBe(400);
    }
  });

  it('refuses bad input, unknown fields and projects the worker is not on', async () => {
    const ok = { projectId: w.projectA, title: 't', body: doc('b'), source: 'heard', consent: heardConsent };
    expect((await w.member.post('/api/stories', { ...ok, title: '' })).status).toBe(400);
    expect((await w.member.post('/api/stories', { ...ok, source: 'link' })).status).toBe(400);
    expect((await w.member.post('/api/stories', { ...ok, happenedOn: '2026-13-45' })).status).toBe(400);
    expect((await w.member.post('/api/stories', { ...ok, happenedOn: '2026-02-30' })).status).toBe(400);
    // A story tells what happened: not a day after tomorrow.
    const later = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const future = await w.member.post('/api/stories', { ...ok, happenedOn: later });
    expect(future.status).toBe(400);
    expect((await future.json()).error.details).toEqual([expect.objectContaining({ field: 'happenedOn', message: expect.stringContaining('in de toekomst') })]);
    expect((await w.member.post('/api/stories', { ...ok, recordedBy: 1 })).status).toBe(400);
    expect((await w.member.post('/api/stories', { ...ok, areaId: 999 })).status).toBe(400);
    expect((await w.member.post('/api/stories', { ...ok, body: doc('   ') })).status).toBe(400);
    expect((await w.member.post('/api/stories', { ...ok, consent: { ...heardConsent, givenBy: 'worker' } })).status).toBe(400);
    expect((await w.other.post('/api/stories', ok)).status).toBe(404);
    expect((await w.funder.post('/api/stories', ok)).status).toBe(403);
    expect((await t.anon.post('/api/stories', ok)).status).toBe(401);
    expect((await w.coordinator.post('/api/stories', ok)).status).toBe(201);
  });
});

describe('a story’s area belongs to its project', () => {
  let t: TestApp;
  let w: World;
  let wijk: number;
  let buurt: number;
  let elsewhere: number;
  beforeAll(async () => {
    t = await testApp();
    w = await world(t);
    wijk = (await json(await w.admin.post('/api/areas', { name: 'Schilderswijk', kind: 'wijk' }), 201)).area.id;
    buurt = (await json(await w.admin.post('/api/areas', { name: 'Schilderswijk-Oost', kind: 'buurt', parentId: wijk }), 201)).area.id;
    elsewhere = (await json(await w.admin.post('/api/areas', { name: 'Duindorp', kind: 'buurt' }), 201)).area.id;
    await json(await w.admin.patch(`/api/projects/${w.projectA}`, { areaIds: [w.areaId, wijk] }), 200);
    await json(await w.admin.patch(`/api/projects/${w.projectB}`, { areaIds: [elsewhere] }), 200);
  });

  const areaOf = async (id: number) => (await t.db.selectFrom('stories').select('areaId').where('id', '=', id).executeTakeFirstOrThrow()).areaId;

  it('accepts one of the project’s areas and an area within one of them', async () => {
    expect((await heard(w.member, w.projectA, { areaId: w.areaId })).areaId).toBe(w.areaId);
    expect((await heard(w.member, w.projectA, { areaId: buurt })).areaId).toBe(buurt);
    expect((await heard(w.coordinator, w.projectA, { areaId: wijk })).areaId).toBe(wijk);
  });

  it('refuses another project’s area on create and stores nothing', async () => {
    const before = await storyCount(t);
    for (const client of [w.member, w.coordinator]) {
      const res = await client.post('/api/stories', {
        projectId: w.projectA,
        areaId: elsewhere,
        title: 't',
        body: doc('b'),
        source: 'heard',
        consent: heardConsent,
      });
      expect(res.status).toBe(400);
      const { error } = await res.json();
      expect(error.message).toBe('Dit gebied hoort niet bij het project / This area is not one of the project’s areas');
      expect(error.details).toEqual([expect.objectContaining({ field: 'areaId' })]);
    }
    expect(await storyCount(t)).toBe(before);
  });

  it('refuses another project’s area on edit and leaves the story as it was', async () => {
    const s = await heard(w.member, w.projectA, { areaId: buurt });
    const res = await w.member.patch(`/api/stories/${s.id}`, { areaId: elsewhere, title: 'Nieuwe titel' });
    expect(res.status).toBe(400);
    expect((await res.json()).error.details[0].field).toBe('areaId');
    expect(await areaOf(s.id)).toBe(buurt);
    expect((await t.db.selectFrom('stories').select('title').where('id', '=', s.id).executeTakeFirstOrThrow()).title).toBe('De bankjes op het plein');
    // a project without areas takes no area at all
    const bare = (await json(await w.admin.post('/api/projects', { name: 'Zonder gebied' }), 201)).project.id;
    expect(
      (await w.coordinator.post('/api/stories', { projectId: bare, areaId: w.areaId, title: 't', body: doc('b'), source: 'heard', consent: heardConsent }))
        .status,
    ).toBe(400);
  });

  it('keeps an area the project no longer has while other fields are edited', async () => {
    const s = await heard(w.member, w.projectA, { areaId: w.areaId });
    await json(await w.admin.patch(`/api/projects/${w.projectA}`, { areaIds: [wijk] }), 200);
    const { story } = await json(await w.member.patch(`/api/stories/${s.id}`, { areaId: w.areaId, title: 'Bijgewerkt' }), 200);
    expect(story).toMatchObject({ areaId: w.areaId, title: 'Bijgewerkt' });
    await json(await w.admin.patch(`/api/projects/${w.projectA}`, { areaIds: [w.areaId, wijk] }), 200);
  });
});

describe('listing and filtering', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await testApp();
    w = await world(t);
    await heard(w.member, w.projectA, { title: 'Een', phase: 'ZIEN', happenedOn: '2026-01-10', areaId: w.areaId, consent: { ...heardConsent, level: 'team' } });
    await heard(w.member, w.projectA, { title: 'Twee', phase: 'DOEN', happenedOn: '2026-03-10' });
    await heard(w.member, w.projectA, { title: 'Drie', phase: 'DOEN', happenedOn: '2026-05-10', consent: { ...heardConsent, level: 'public' } });
    await heard(w.other, w.projectB, { title: 'Vier', phase: 'DOEN', happenedOn: '2026-02-10' });
  });
  const titles = async (c: Client, query = '') => (await json(await c.get(`/api/stories${query}`), 200)).stories.map((s: { title: string }) => s.title);

  it('lists newest first, within what the user may see', async () => {
    expect(await titles(w.admin)).toEqual(['Vier', 'Drie', 'Twee', 'Een']);
    expect(await titles(w.member)).toEqual(['Drie', 'Twee', 'Een']);
    expect(await titles(w.other)).toEqual(['Vier']);
  });

  it('filters by project, area, phase, consent, source and date', async () => {
    expect(await titles(w.admin, `?projectId=${w.projectB}`)).toEqual(['Vier']);
    expect(await titles(w.member, `?projectId=${w.projectB}`)).toEqual([]);
    expect(await titles(w.admin, `?areaId=${w.areaId}`)).toEqual(['Een']);
    expect(await titles(w.admin, '?phase=DOEN')).toEqual(['Vier', 'Drie', 'Twee']);
    expect(await titles(w.admin, '?consent=public')).toEqual(['Drie']);
    expect(await titles(w.admin, '?source=practice')).toEqual([]);
    expect(await titles(w.admin, '?from=2026-02-01&to=2026-04-30')).toEqual(['Vier', 'Twee']);
    expect(await titles(w.member, '?phase=DOEN&consent=report')).toEqual(['Twee']);
    const page = await json(await w.admin.get('/api/stories?limit=2&offset=1'), 200);
    expect(page.total).toBe(4);
    expect(page.stories.map((s: { title: string }) => s.title)).toEqual(['Drie', 'Twee']);
    expect((await w.admin.get('/api/stories?phase=NOPE')).status).toBe(400);
    expect((await w.admin.get('/api/stories?limit=1000')).status).toBe(400);
  });

  it('gives summaries with an excerpt and the teller name', async () => {
    const [s] = (await json(await w.member.get('/api/stories?consent=team'), 200)).stories;
    expect(s).toMatchObject({
      title: 'Een',
      excerpt: 'Sinds de bankjes er staan praten buren weer met elkaar.',
      tellerName: 'Fatima',
      areaName: 'Transvaal',
      tagged: false,
      withdrawnAt: null,
    });
    expect(s).not.toHaveProperty('bodyText');
  });
});

describe('the API document', () => {
  it('lists every stories route', async () => {
    const t = await testApp();
    const spec = await json(await t.anon.get('/api/openapi.json'), 200);
    for (const path of [
      '/api/stories',
      '/api/stories/{id}',
      '/api/stories/{id}/consent',
      '/api/projects/{id}/links',
      '/api/links/{id}',
      '/api/links/{id}/qr.svg',
      '/api/tellers/{id}/export',
      '/api/tellers/{id}/erase',
      '/api/public/links/{token}',
      '/api/public/links/{token}/stories',
      '/api/public/receipts/{code}',
      '/api/public/receipts/{code}/withdraw',
    ]) {
      expect(spec.paths, path).toHaveProperty([path]);
    }
  });
});
