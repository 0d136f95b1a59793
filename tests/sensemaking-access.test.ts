// Who sees which story in the sensemaking views, and the role matrix of every sensemaking route.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testApp, type Client, type TestApp } from './helpers/app.js';
import { makeProject, makeStory, place, variableId } from './helpers/sensemaking-fixtures.js';
import { json } from './helpers/stories-fixtures.js';

let t: TestApp;
beforeEach(async () => {
  t = await testApp();
});
afterEach(async () => t.close());

describe('one rule for who sees which story', () => {
  // The tagging inbox, the climate roll-ups, the excerpt lists and Most Significant Change start
  // from the same queries in server/access.ts as the story list and report assembly. Whatever that
  // rule says, these views must say the same, for every role.
  async function cast() {
    const [admin, coordinator, member, stranger, funder] = [
      await t.as('admin'),
      await t.as('coordinator'),
      await t.as('worker'),
      await t.as('worker'),
      await t.as('funder'),
    ];
    // the member works on p, the stranger on nothing; q is nobody's
    return { admin, coordinator, member, stranger, funder, p: await makeProject(t.db, 'Buurtkamer', [member.id]), q: await makeProject(t.db, 'Ander') };
  }

  it('inbox, climate, agreement and excerpts show exactly the stories the story list shows, per role', async () => {
    const { admin, coordinator, member, stranger, funder, p, q } = await cast();
    const atm = await variableId(t.db, 'atmosphere');
    const code = (await json(await admin.post('/api/codes', { name: 'Ontmoeting' }), 201)).code.id;
    const position = new Map<number, number>();
    const story = async (projectId: number, consent: 'team' | 'report' | 'public', teller: number) => {
      const s = await makeStory(t.db, { projectId, consent });
      await place(t.db, s, atm, 'teller', teller);
      await json(await admin.post(`/api/stories/${s}/excerpts`, { start: 0, end: 5, codeId: code }), 201);
      position.set(s, teller);
      return s;
    };
    const pTeam = await story(p, 'team', 10);
    const pReport = await story(p, 'report', 30);
    const pGone = await story(p, 'public', 50);
    const qPublic = await story(q, 'public', 70);
    const qGone = await story(q, 'report', 90);
    for (const s of [pGone, qGone])
      await json(
        await coordinator.post(`/api/stories/${s}/consent`, { withdraw: true, reason: 'Verteller wil het niet meer', channel: 'spoken', givenBy: 'teller' }),
      );
    // a withdrawal clears the story's placements; put them back, so that the visibility rule and not
    // that clean-up is what keeps withdrawn stories out of the roll-ups
    for (const s of [pGone, qGone]) await place(t.db, s, atm, 'teller', position.get(s)!);

    const all = [pTeam, pReport, pGone, qPublic, qGone];
    const roles = { admin, coordinator, member, stranger };
    // in scope: the stories whose page the role may open (withdrawn ones too); visible: not withdrawn
    const inScope: Record<keyof typeof roles, number[]> = { admin: all, coordinator: all, member: [pTeam, pReport, pGone], stranger: [] };
    const visible = (role: keyof typeof roles) => inScope[role].filter((s) => s !== pGone && s !== qGone);
    const sorted = (ids: number[]) => [...ids].sort((a, b) => a - b);
    const mean = (ids: number[]) => (ids.length ? Math.round((ids.reduce((a, s) => a + position.get(s)!, 0) / ids.length) * 100) / 100 : null);
    const year = `period=year&from=2026&to=2026&variableId=${atm}`;

    for (const [role, cl] of Object.entries(roles) as [keyof typeof roles, Client][]) {
      const expected = sorted(visible(role));
      const list = await json(await cl.get('/api/stories'));
      expect(sorted(list.stories.map((s: any) => s.id)), `${role}: story list`).toEqual(expected);
      const inbox = await json(await cl.get('/api/tagging/inbox'));
      expect(sorted(inbox.stories.map((s: any) => s.id)), `${role}: inbox`).toEqual(expected);
      const climate = await json(await cl.get(`/api/climate?${year}`));
      expect(climate.series[0].periods[0].teller, `${role}: climate`).toMatchObject({ n: expected.length, mean: mean(expected) });
      for (const s of all) {
        const res = await cl.get(`/api/stories/${s}/excerpts`);
        expect(res.status, `${role}: excerpts of story ${s}`).toBe(inScope[role].includes(s) ? 200 : 404);
        if (res.status === 200) {
          const shown = await res.json();
          expect(shown.excerpts.length, `${role}: excerpts of story ${s}`).toBe(expected.includes(s) ? 1 : 0);
          if (!expected.includes(s)) expect(shown.bodyText).toBe('');
        }
      }
    }
    for (const path of ['/api/stories', '/api/tagging/inbox', `/api/climate?${year}`, '/api/climate/agreement', `/api/stories/${pReport}/excerpts`]) {
      expect((await funder.get(path)).status, `funder: ${path}`).toBe(403);
    }

    // once a coordinator placed them too, agreement counts the same stories
    for (const s of all) await place(t.db, s, atm, 'coordinator', position.get(s)! + 10);
    for (const [role, cl] of Object.entries(roles) as [keyof typeof roles, Client][]) {
      const agreement = await json(await cl.get('/api/climate/agreement?period=2026'));
      const n = visible(role).length;
      expect(agreement.variables, `${role}: agreement`).toEqual(n ? [expect.objectContaining({ variableId: atm, n, meanDifference: 10 })] : []);
      expect((await json(await cl.get('/api/tagging/inbox'))).stories, `${role}: inbox after tagging`).toEqual([]);
    }
  });

  it('Most Significant Change candidates are the stories a report on the same projects and period shows, for every viewer', async () => {
    const { admin, coordinator, member, stranger, funder, p, q } = await cast();
    const elsewhere = await makeProject(t.db, 'Elders', [member.id]);
    await makeStory(t.db, { projectId: p, consent: 'team' });
    const pReport = await makeStory(t.db, { projectId: p, consent: 'report' });
    await makeStory(t.db, { projectId: p, consent: 'public', withdrawn: true });
    const qPublic = await makeStory(t.db, { projectId: q, consent: 'public' });
    await makeStory(t.db, { projectId: q, consent: 'report', withdrawn: true });
    await makeStory(t.db, { projectId: elsewhere, consent: 'public' });
    await makeStory(t.db, { projectId: p, consent: 'public', happenedOn: '2027-01-01' });

    const round = (
      await json(
        await coordinator.post('/api/msc-rounds', {
          domain: 'Meedoen',
          periodFrom: '2026-01-01',
          periodTo: '2026-12-31',
          projectIds: [p, q],
          panelUserIds: [member.id, funder.id],
        }),
        201,
      )
    ).round.id;
    const report = (
      await json(
        await coordinator.post('/api/reports', {
          title: 'Jaarverslag',
          audience: 'funder',
          periodFrom: '2026-01-01',
          periodTo: '2026-12-31',
          projectIds: [p, q],
          sections: ['phases'],
        }),
        201,
      )
    ).report.id;
    const preview = await json(await coordinator.get(`/api/reports/${report}/preview`));
    // The report counts the stories it may show (and prints only the chosen ones): the same two.
    expect(preview.data.summary.counts.storiesReportable).toBe(2);
    const reported = [pReport, qPublic].sort((a, b) => a - b);
    for (const [role, cl] of Object.entries({ admin, coordinator, member, funder })) {
      const view = await json(await cl.get(`/api/msc-rounds/${round}`));
      expect(
        view.candidates.map((c: any) => c.id),
        `${role}: candidates`,
      ).toEqual(reported);
    }
    expect((await stranger.get(`/api/msc-rounds/${round}`)).status).toBe(404);
  });
});

describe('role matrix', () => {
  type Who = 'admin' | 'coordinator' | 'member' | 'stranger' | 'funder' | 'anon';
  const who: Who[] = ['admin', 'coordinator', 'member', 'stranger', 'funder', 'anon'];

  it('gives every role exactly what it may do on every route', async () => {
    const admin = await t.as('admin');
    const coordinator = await t.as('coordinator');
    const member = await t.as('worker');
    const stranger = await t.as('worker');
    const funder = await t.as('funder');
    const clients: Record<Who, Client> = { admin, coordinator, member, stranger, funder, anon: t.anon };
    const p = await makeProject(t.db, 'Buurtkamer', [member.id]);
    const s = await makeStory(t.db, { projectId: p, consent: 'report', text: 'Samen koken en samen eten.' });
    const atm = await variableId(t.db, 'atmosphere');
    const outcome = async () => (await json(await admin.post(`/api/projects/${p}/outcomes`, { level: 'outcome', title: 'Doel' }), 201)).outcome.id as number;
    const o = await outcome();
    let n = 0;
    const code = async () => (await json(await admin.post('/api/codes', { name: `code ${++n}` }), 201)).code.id as number;
    const c = await code();
    const round = async () =>
      (
        await json(
          await admin.post('/api/msc-rounds', {
            domain: 'Meedoen',
            periodFrom: '2026-01-01',
            periodTo: '2026-12-31',
            projectIds: [p],
            panelUserIds: [member.id, funder.id],
          }),
          201,
        )
      ).round.id as number;
    const r = await round();
    const closedRound = async () => {
      const id = await round();
      await json(await admin.post(`/api/msc-rounds/${id}/close`));
      return id;
    };
    const excerpt = async () => (await json(await admin.post(`/api/stories/${s}/excerpts`, { start: 0, end: 5, codeId: c }), 201)).excerpt.id as number;

    type Case = [string, (cl: Client) => Promise<Response>, Record<Who, number>];
    const st = (admin: number, coordinator: number, member: number, stranger: number, funder: number, anon = 401): Record<Who, number> => ({
      admin,
      coordinator,
      member,
      stranger,
      funder,
      anon,
    });
    const cases: Case[] = [
      ['GET outcomes', (cl) => cl.get(`/api/projects/${p}/outcomes`), st(200, 200, 200, 404, 403)],
      ['POST outcomes', (cl) => cl.post(`/api/projects/${p}/outcomes`, { level: 'impact', title: 'Impact' }), st(201, 201, 403, 403, 403)],
      ['PATCH outcome', (cl) => cl.patch(`/api/outcomes/${o}`, { description: 'x' }), st(200, 200, 403, 403, 403)],
      ['DELETE outcome', async (cl) => cl.request('DELETE', `/api/outcomes/${await outcome()}`), st(200, 200, 403, 403, 403)],
      ['GET library', (cl) => cl.get('/api/outcome-library'), st(200, 200, 200, 200, 403)],
      ['POST library', (cl) => cl.post('/api/outcome-library', { level: 'output', title: 'x' }), st(201, 201, 403, 403, 403)],
      ['GET variables', (cl) => cl.get('/api/climate-variables'), st(200, 200, 200, 200, 200)],
      [
        'POST variable',
        (cl) =>
          cl.post('/api/climate-variables', {
            key: `v_${++n}`,
            groupKey: 'social',
            groupNl: 'a',
            groupEn: 'a',
            nameNl: 'a',
            nameEn: 'a',
            weakNl: 'a',
            weakEn: 'a',
            strongNl: 'a',
            strongEn: 'a',
          }),
        st(201, 403, 403, 403, 403),
      ],
      ['PATCH variable', (cl) => cl.patch(`/api/climate-variables/${atm}`, { sort: 20 }), st(200, 403, 403, 403, 403)],
      ['GET project variables', (cl) => cl.get(`/api/projects/${p}/climate-variables`), st(200, 200, 200, 404, 403)],
      ['PUT project variables', (cl) => cl.put(`/api/projects/${p}/climate-variables`, { variableIds: [atm] }), st(200, 200, 403, 403, 403)],
      ['GET tags', (cl) => cl.get(`/api/stories/${s}/tags`), st(200, 200, 200, 404, 403)],
      ['PUT tags', (cl) => cl.put(`/api/stories/${s}/tags`, { outcomes: [{ outcomeId: o }] }), st(200, 200, 200, 404, 403)],
      ['POST accept', (cl) => cl.post(`/api/stories/${s}/tags/accept`, {}), st(200, 200, 403, 403, 403)],
      ['GET placements', (cl) => cl.get(`/api/stories/${s}/placements`), st(200, 200, 200, 404, 403)],
      ['GET inbox', (cl) => cl.get('/api/tagging/inbox'), st(200, 200, 200, 200, 403)],
      ['POST bulk', (cl) => cl.post('/api/tagging/bulk', { storyIds: [s], outcomes: [{ outcomeId: o }] }), st(200, 200, 403, 403, 403)],
      ['GET excerpts', (cl) => cl.get(`/api/stories/${s}/excerpts`), st(200, 200, 200, 404, 403)],
      ['POST excerpt', (cl) => cl.post(`/api/stories/${s}/excerpts`, { start: 0, end: 5, codeId: c }), st(201, 201, 403, 403, 403)],
      ['DELETE excerpt', async (cl) => cl.request('DELETE', `/api/excerpts/${await excerpt()}`), st(200, 200, 403, 403, 403)],
      ['GET codes', (cl) => cl.get('/api/codes'), st(200, 200, 200, 200, 403)],
      ['POST code', (cl) => cl.post('/api/codes', { name: `nieuw ${++n}` }), st(201, 201, 403, 403, 403)],
      ['PATCH code', (cl) => cl.patch(`/api/codes/${c}`, { description: `d ${++n}` }), st(200, 200, 403, 403, 403)],
      ['POST merge', async (cl) => cl.post(`/api/codes/${await code()}/merge`, { intoId: c }), st(200, 200, 403, 403, 403)],
      ['GET climate', (cl) => cl.get('/api/climate?period=quarter'), st(200, 200, 200, 200, 403)],
      ['GET agreement', (cl) => cl.get('/api/climate/agreement'), st(200, 200, 200, 200, 403)],
      ['GET panel candidates', (cl) => cl.get('/api/msc-panel-candidates'), st(200, 200, 403, 403, 403)],
      ['GET rounds', (cl) => cl.get('/api/msc-rounds'), st(200, 200, 200, 200, 200)],
      [
        'POST round',
        (cl) => cl.post('/api/msc-rounds', { domain: 'D', periodFrom: '2026-01-01', periodTo: '2026-12-31', projectIds: [p], panelUserIds: [member.id] }),
        st(201, 201, 403, 403, 403),
      ],
      ['GET round', (cl) => cl.get(`/api/msc-rounds/${r}`), st(200, 200, 200, 404, 200)],
      ['POST pick', (cl) => cl.post(`/api/msc-rounds/${r}/picks`, { storyId: s, reason: 'waarom' }), st(403, 403, 200, 404, 200)],
      ['POST close', async (cl) => cl.post(`/api/msc-rounds/${await round()}/close`), st(200, 200, 403, 403, 403)],
      ['POST feedback', async (cl) => cl.post(`/api/msc-rounds/${await closedRound()}/feedback`), st(200, 200, 403, 403, 403)],
    ];
    const failures: string[] = [];
    for (const [name, call, expected] of cases) {
      for (const role of who) {
        const res = await call(clients[role]);
        if (res.status !== expected[role])
          failures.push(`${name} as ${role}: expected ${expected[role]}, got ${res.status} ${(await res.text()).slice(0, 120)}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('puts every sensemaking route in the OpenAPI document', async () => {
    const spec = await json(await t.anon.get('/api/openapi.json'));
    for (const path of [
      '/api/projects/{id}/outcomes',
      '/api/outcomes/{id}',
      '/api/outcome-library',
      '/api/climate-variables',
      '/api/projects/{id}/climate-variables',
      '/api/stories/{id}/tags',
      '/api/stories/{id}/tags/accept',
      '/api/stories/{id}/placements',
      '/api/stories/{id}/excerpts',
      '/api/tagging/inbox',
      '/api/tagging/bulk',
      '/api/codes',
      '/api/codes/{id}/merge',
      '/api/climate',
      '/api/climate/agreement',
      '/api/msc-rounds',
      '/api/msc-rounds/{id}/picks',
      '/api/msc-rounds/{id}/close',
      '/api/msc-rounds/{id}/feedback',
    ])
      expect(Object.keys(spec.paths)).toContain(path);
  });
});
