import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { selectionsForStory } from '../db/repositories/sensemaking.js';
import { newReceiptCode } from '../db/domain/receipt-codes.js';
import { receiptHash } from '../db/repositories/stories.js';
import { testApp, type Client, type TestApp } from './helpers/app.js';
import { editStoryText, makeArea, makeProject, makeStory, place, variableId } from './helpers/sensemaking-fixtures.js';

let t: TestApp;
beforeEach(async () => {
  t = await testApp();
});
afterEach(async () => t.close());

const body = async (res: Response) => {
  const text = await res.text();
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};
async function ok<T = any>(res: Response, status = 200): Promise<T> {
  const b = await body(res);
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(b)}`);
  return b as T;
}

describe('climate variables and outcomes', () => {
  it('seeds the catalogue, lets admins retire a variable, keeps retired ones out of new choices', async () => {
    const admin = await t.as('admin');
    const coord = await t.as('coordinator');
    const { variables } = await ok(await coord.get('/api/climate-variables'));
    expect(variables).toHaveLength(16);
    expect(variables[1]).toMatchObject({
      key: 'atmosphere',
      nameNl: 'atmosfeer',
      weakNl: 'angst en wantrouwen',
      strongEn: 'safety and trust',
      groupKey: 'social',
    });
    const atmosphere = variables[1].id;
    const retired = await ok(await admin.patch(`/api/climate-variables/${atmosphere}`, { retired: true }));
    expect(retired.variable.retiredAt).toBeTruthy();
    expect((await ok(await coord.get('/api/climate-variables'))).variables).toHaveLength(15);
    expect((await ok(await coord.get('/api/climate-variables?includeRetired=true'))).variables).toHaveLength(16);
    const p = await makeProject(t.db);
    expect((await coord.put(`/api/projects/${p}/climate-variables`, { variableIds: [atmosphere] })).status).toBe(400);
    const chosen = await ok(await coord.put(`/api/projects/${p}/climate-variables`, { variableIds: [variables[0].id, variables[2].id] }));
    expect(chosen.variableIds).toEqual([variables[0].id, variables[2].id]);
    const created = await ok(
      await admin.post('/api/climate-variables', {
        key: 'green',
        groupKey: 'social',
        groupNl: 'Sociaal klimaat',
        groupEn: 'Social climate',
        nameNl: 'groen',
        nameEn: 'green',
        weakNl: 'grijs',
        weakEn: 'grey',
        strongNl: 'groen',
        strongEn: 'green',
      }),
      201,
    );
    expect(created.variable.key).toBe('green');
    expect((await admin.post('/api/climate-variables', { ...created.variable, id: undefined, retiredAt: undefined })).status).toBe(409);
  });

  it('builds a results chain with IATI types, reuses the library and refuses deleting used outcomes', async () => {
    const coord = await t.as('coordinator');
    const p = await makeProject(t.db);
    const other = await makeProject(t.db, 'Ander');
    const lib = await ok(
      await coord.post('/api/outcome-library', { level: 'impact', title: 'Bewoners voelen zich veilig', description: 'Veiligheid en vertrouwen' }),
      201,
    );
    const impact = await ok(await coord.post(`/api/projects/${p}/outcomes`, { libraryId: lib.outcome.id }), 201);
    expect(impact.outcome).toMatchObject({
      level: 'impact',
      iatiType: 3,
      title: 'Bewoners voelen zich veilig',
      description: 'Veiligheid en vertrouwen',
      libraryId: lib.outcome.id,
    });
    const outcome = await ok(
      await coord.post(`/api/projects/${p}/outcomes`, { level: 'outcome', title: 'Buren kennen elkaar', parentId: impact.outcome.id }),
      201,
    );
    expect(outcome.outcome.iatiType).toBe(2);
    // an output must hang under an outcome, not an impact; and never under another project's outcome
    expect((await coord.post(`/api/projects/${p}/outcomes`, { level: 'output', title: 'Buurtkamer open', parentId: impact.outcome.id })).status).toBe(400);
    expect((await coord.post(`/api/projects/${other}/outcomes`, { level: 'output', title: 'x', parentId: outcome.outcome.id })).status).toBe(400);
    const output = await ok(await coord.post(`/api/projects/${p}/outcomes`, { level: 'output', title: 'Buurtkamer open', parentId: outcome.outcome.id }), 201);
    expect(output.outcome.iatiType).toBe(1);
    const list = await ok(await coord.get(`/api/projects/${p}/outcomes`));
    expect(list.outcomes.map((o: any) => o.level)).toEqual(['impact', 'outcome', 'output']);
    const patched = await ok(await coord.patch(`/api/outcomes/${output.outcome.id}`, { title: 'Buurtkamer drie dagen open', sort: 1 }));
    expect(patched.outcome.title).toBe('Buurtkamer drie dagen open');

    const s = await makeStory(t.db, { projectId: p });
    await ok(await coord.put(`/api/stories/${s}/tags`, { outcomes: [{ outcomeId: output.outcome.id, note: 'de buurtkamer' }] }));
    expect((await coord.request('DELETE', `/api/outcomes/${output.outcome.id}`)).status).toBe(409);
    expect((await coord.request('DELETE', `/api/outcomes/${outcome.outcome.id}`)).status).toBe(409); // has an output below it
    await ok(await coord.put(`/api/stories/${s}/tags`, { outcomes: [] }));
    await ok(await coord.request('DELETE', `/api/outcomes/${output.outcome.id}`));
    expect((await ok(await coord.get(`/api/projects/${p}/outcomes`))).outcomes).toHaveLength(2);
  });
});

describe('tagging', () => {
  it('coordinators set accepted tags, workers suggest, coordinators accept; every change is audited', async () => {
    const coord = await t.as('coordinator');
    const worker = await t.as('worker');
    const funder = await t.as('funder');
    const p = await makeProject(t.db, 'Buurtkamer', [worker.id]);
    const other = await makeProject(t.db, 'Ander');
    const o1 = (await ok(await coord.post(`/api/projects/${p}/outcomes`, { level: 'outcome', title: 'Buren kennen elkaar' }), 201)).outcome.id;
    const o2 = (await ok(await coord.post(`/api/projects/${p}/outcomes`, { level: 'outcome', title: 'Meer vrijwilligers' }), 201)).outcome.id;
    const foreign = (await ok(await coord.post(`/api/projects/${other}/outcomes`, { level: 'outcome', title: 'Elders' }), 201)).outcome.id;
    const atm = await variableId(t.db, 'atmosphere');
    const s = await makeStory(t.db, { projectId: p });

    const suggested = await ok(
      await worker.put(`/api/stories/${s}/tags`, { outcomes: [{ outcomeId: o1, note: 'groeten' }], placements: [{ variableId: atm, position: 70 }] }),
    );
    expect(suggested.tags.outcomes).toEqual([expect.objectContaining({ outcomeId: o1, status: 'suggested', note: 'groeten' })]);
    expect(suggested.tags.placements).toEqual([expect.objectContaining({ variableId: atm, position: 70, status: 'suggested', source: 'coordinator' })]);
    // suggestions do not count as tagged: the story stays in the inbox, marked
    const inbox = await ok(await coord.get(`/api/tagging/inbox?projectId=${p}`));
    expect(inbox.stories).toEqual([expect.objectContaining({ id: s, state: 'suggested' })]);

    const accepted = await ok(await coord.post(`/api/stories/${s}/tags/accept`, {}));
    expect(accepted.tags.outcomes).toEqual([expect.objectContaining({ outcomeId: o1, status: 'accepted' })]);
    expect(accepted.tags.placements).toEqual([expect.objectContaining({ variableId: atm, position: 70, status: 'accepted' })]);
    expect((await ok(await coord.get(`/api/tagging/inbox?projectId=${p}`))).stories).toEqual([]);

    const set = await ok(
      await coord.put(`/api/stories/${s}/tags`, { outcomes: [{ outcomeId: o2, note: 'nieuw' }], placements: [{ variableId: atm, position: null }] }),
    );
    expect(set.tags.outcomes.map((o: any) => [o.outcomeId, o.status])).toEqual([[o2, 'accepted']]);
    expect(set.tags.placements).toEqual([expect.objectContaining({ variableId: atm, position: null, status: 'accepted' })]);

    expect((await coord.put(`/api/stories/${s}/tags`, { outcomes: [{ outcomeId: foreign }] })).status).toBe(400);
    expect((await coord.put(`/api/stories/${s}/tags`, { placements: [{ variableId: atm, position: 101 }] })).status).toBe(400);
    expect((await coord.put(`/api/stories/${s}/tags`, { outcomes: [], extra: 1 })).status).toBe(400);
    expect((await funder.put(`/api/stories/${s}/tags`, { outcomes: [] })).status).toBe(403);

    const audits = await t.db
      .selectFrom('auditLog')
      .select('action')
      .where('targetType', '=', 'story')
      .where('targetId', '=', String(s))
      .orderBy('id')
      .execute();
    expect(audits.map((a) => a.action)).toEqual(['story.tags.suggest', 'story.tags.accept', 'story.tags.set']);
  });

  it('the inbox shows untagged stories first, then suggested ones, never withdrawn or invisible ones', async () => {
    const coord = await t.as('coordinator');
    const worker = await t.as('worker');
    const p = await makeProject(t.db, 'Buurtkamer', [worker.id]);
    const other = await makeProject(t.db, 'Ander');
    const o = (await ok(await coord.post(`/api/projects/${p}/outcomes`, { level: 'outcome', title: 'Buren kennen elkaar' }), 201)).outcome.id;
    const withSuggestion = await makeStory(t.db, { projectId: p, title: 'oud, voorgesteld' });
    const tagged = await makeStory(t.db, { projectId: p, title: 'getagd' });
    const untagged = await makeStory(t.db, { projectId: p, title: 'nieuw' });
    await makeStory(t.db, { projectId: p, title: 'ingetrokken', withdrawn: true });
    const elsewhere = await makeStory(t.db, { projectId: other, title: 'elders' });
    await ok(await worker.put(`/api/stories/${withSuggestion}/tags`, { outcomes: [{ outcomeId: o }] }));
    await ok(await coord.put(`/api/stories/${tagged}/tags`, { outcomes: [{ outcomeId: o }] }));
    const atm = await variableId(t.db, 'atmosphere');
    await place(t.db, untagged, atm, 'teller', 35);
    const all = await ok(await coord.get('/api/tagging/inbox'));
    expect(all.stories[0].tellerPlacements).toEqual([{ variableId: atm, position: 35 }]);
    expect(all.stories.map((s: any) => [s.id, s.state])).toEqual([
      [untagged, 'untagged'],
      [elsewhere, 'untagged'],
      [withSuggestion, 'suggested'],
    ]);
    const mine = await ok(await worker.get('/api/tagging/inbox'));
    expect(mine.stories.map((s: any) => s.id)).toEqual([untagged, withSuggestion]);

    // One story on request, also a tagged one, with its current tags to start from; never one
    // the user may not see.
    const one = await ok(await coord.get(`/api/tagging/inbox?storyId=${tagged}`));
    expect(one.stories).toEqual([
      expect.objectContaining({
        id: tagged,
        state: 'tagged',
        suggestions: expect.objectContaining({ outcomes: [expect.objectContaining({ outcomeId: o, status: 'accepted' })] }),
      }),
    ]);
    expect((await ok(await worker.get(`/api/tagging/inbox?storyId=${elsewhere}`))).stories).toEqual([]);
    const withdrawn = (await t.db.selectFrom('stories').select('id').where('title', '=', 'ingetrokken').executeTakeFirstOrThrow()).id;
    expect((await ok(await coord.get(`/api/tagging/inbox?storyId=${withdrawn}`))).stories).toEqual([]);
    expect((await coord.get('/api/tagging/inbox?storyId=abc')).status).toBe(400);
  });

  it('bulk tagging is all or nothing', async () => {
    const coord = await t.as('coordinator');
    const p = await makeProject(t.db);
    const other = await makeProject(t.db, 'Ander');
    const o = (await ok(await coord.post(`/api/projects/${p}/outcomes`, { level: 'outcome', title: 'Buren kennen elkaar' }), 201)).outcome.id;
    const atm = await variableId(t.db, 'atmosphere');
    const a = await makeStory(t.db, { projectId: p });
    const b = await makeStory(t.db, { projectId: p });
    const c = await makeStory(t.db, { projectId: other });
    // c is in another project, so the outcome does not fit it: nothing is saved
    expect((await coord.post('/api/tagging/bulk', { storyIds: [a, b, c], outcomes: [{ outcomeId: o }] })).status).toBe(400);
    expect(await t.db.selectFrom('storyOutcomes').selectAll().execute()).toEqual([]);
    expect((await coord.post('/api/tagging/bulk', { storyIds: [a, 9999], placements: [{ variableId: atm, position: 40 }] })).status).toBe(404);
    expect(await t.db.selectFrom('storyPlacements').selectAll().execute()).toEqual([]);
    const res = await ok(
      await coord.post('/api/tagging/bulk', { storyIds: [a, b], outcomes: [{ outcomeId: o, note: 'samen' }], placements: [{ variableId: atm, position: 40 }] }),
    );
    expect(res.tagged).toEqual([a, b]);
    expect(await t.db.selectFrom('storyOutcomes').select(['storyId', 'status']).orderBy('storyId').execute()).toEqual([
      { storyId: a, status: 'accepted' },
      { storyId: b, status: 'accepted' },
    ]);
    expect((await t.db.selectFrom('auditLog').select('id').where('action', '=', 'story.tags.bulk').execute()).length).toBe(2);
  });

  it('shows teller and coordinator placements side by side', async () => {
    const coord = await t.as('coordinator');
    const p = await makeProject(t.db);
    const atm = await variableId(t.db, 'atmosphere');
    const img = await variableId(t.db, 'image');
    const norms = await variableId(t.db, 'norms');
    await ok(await coord.put(`/api/projects/${p}/climate-variables`, { variableIds: [img, atm, norms] }));
    const s = await makeStory(t.db, { projectId: p });
    await place(t.db, s, atm, 'teller', 30);
    await place(t.db, s, img, 'teller', null);
    await ok(
      await coord.put(`/api/stories/${s}/tags`, {
        placements: [
          { variableId: atm, position: 55 },
          { variableId: img, position: 10 },
        ],
      }),
    );
    const { placements } = await ok(await coord.get(`/api/stories/${s}/placements`));
    const byKey = Object.fromEntries(placements.map((x: any) => [x.variable.key, x]));
    expect(byKey.atmosphere).toMatchObject({ teller: { position: 30, applies: true }, coordinator: { position: 55, applies: true }, difference: 25 });
    expect(byKey.image).toMatchObject({ teller: { position: null, applies: false }, coordinator: { position: 10 }, difference: null });
    expect(byKey.norms).toMatchObject({ teller: null, coordinator: null, difference: null });
  });
});

describe('climate over time and agreement', () => {
  async function knownData() {
    const coord = await t.as('coordinator');
    const worker = await t.as('worker');
    const p = await makeProject(t.db, 'Buurtkamer', [worker.id]);
    const wijk = await makeArea(t.db, 'Noord', 'wijk');
    const b1 = await makeArea(t.db, 'Noord-Oost', 'buurt', wijk);
    const b2 = await makeArea(t.db, 'Noord-West', 'buurt', wijk);
    const elsewhere = await makeArea(t.db, 'Zuid', 'wijk');
    const atm = await variableId(t.db, 'atmosphere');
    const story = async (areaId: number, happenedOn: string | null, teller: number | null, coordinator: number | null | undefined, extra: object = {}) => {
      const s = await makeStory(t.db, { projectId: p, areaId, happenedOn, ...extra });
      await place(t.db, s, atm, 'teller', teller);
      if (coordinator !== undefined) await place(t.db, s, atm, 'coordinator', coordinator);
      return s;
    };
    // 2026-Q1
    await story(b1, '2026-01-15', 20, 30);
    const s2 = await story(b2, '2026-02-20', 40, 40);
    await story(wijk, '2026-03-31', 60, 80);
    // 2026-Q2; the last one has no date it happened on, so it counts by when it was recorded
    await story(b1, '2026-04-01', 50, 70);
    await story(b2, '2026-06-30', 70, 90);
    await story(b1, null, 90, null, { createdAt: '2026-05-02T09:00:00.000Z' });
    // never count: a withdrawn story, a story in another wijk, a mere suggestion
    await story(b1, '2026-02-01', 0, 0, { withdrawn: true });
    await story(elsewhere, '2026-02-01', 0, 0);
    await t.db.insertInto('storyPlacements').values({ storyId: s2, variableId: atm, source: 'coordinator', position: 0, status: 'suggested' }).execute();
    return { coord, worker, p, wijk, b1, atm };
  }

  it('rolls placements up per quarter: bins, n, mean, median and shift, tellers and coordinators apart', async () => {
    const { coord, wijk, atm } = await knownData();
    const res = await ok(await coord.get(`/api/climate?areaId=${wijk}&period=quarter&variableId=${atm}`));
    expect(res.periods).toEqual(['2026-Q1', '2026-Q2']);
    expect(res.binEdges).toEqual([0, 20, 40, 60, 80, 100]);
    expect(res.series).toHaveLength(1);
    const [q1, q2] = res.series[0].periods;
    expect(q1).toEqual({
      period: '2026-Q1',
      teller: {
        n: 3,
        notApplicable: 0,
        mean: 40,
        median: 40,
        bins: [0, 1, 1, 1, 0],
        spread: [
          [20, 1],
          [40, 1],
          [60, 1],
        ],
      },
      coordinator: {
        n: 3,
        notApplicable: 0,
        mean: 50,
        median: 40,
        bins: [0, 1, 1, 0, 1],
        spread: [
          [30, 1],
          [40, 1],
          [80, 1],
        ],
      },
      shift: { teller: null, coordinator: null },
    });
    expect(q2).toEqual({
      period: '2026-Q2',
      teller: {
        n: 3,
        notApplicable: 0,
        mean: 70,
        median: 70,
        bins: [0, 0, 1, 1, 1],
        spread: [
          [50, 1],
          [70, 1],
          [90, 1],
        ],
      },
      coordinator: {
        n: 2,
        notApplicable: 1,
        mean: 80,
        median: 80,
        bins: [0, 0, 0, 1, 1],
        spread: [
          [70, 1],
          [90, 1],
        ],
      },
      shift: { teller: 30, coordinator: 30 },
    });
    const year = await ok(await coord.get(`/api/climate?areaId=${wijk}&period=year&variableId=${atm}`));
    expect(year.series[0].periods[0].teller).toMatchObject({ n: 6, mean: 55, median: 55 });
    const months = await ok(await coord.get(`/api/climate?areaId=${wijk}&period=month&variableId=${atm}&from=2026-01&to=2026-04`));
    expect(months.periods).toEqual(['2026-01', '2026-02', '2026-03', '2026-04']);
    expect(months.series[0].periods.map((x: any) => x.teller.n)).toEqual([1, 1, 1, 1]);
  });

  it('an area is its buurten too; a buurt is only itself', async () => {
    const { coord, b1, atm } = await knownData();
    const res = await ok(await coord.get(`/api/climate?areaId=${b1}&variableId=${atm}`));
    expect(res.series[0].periods.map((x: any) => [x.period, x.teller.n, x.teller.mean])).toEqual([
      ['2026-Q1', 1, 20],
      ['2026-Q2', 2, 70],
    ]);
  });

  it('reports agreement per variable over stories placed by both', async () => {
    const { coord, worker, p, wijk, atm } = await knownData();
    const all = await ok(await coord.get(`/api/climate/agreement?areaId=${wijk}`));
    expect(all.variables).toEqual([
      expect.objectContaining({ variableId: atm, n: 5, meanTeller: 48, meanCoordinator: 62, meanDifference: 14, meanAbsoluteDifference: 14, within15: 0.4 }),
    ]);
    const q1 = await ok(await worker.get(`/api/climate/agreement?projectId=${p}&areaId=${wijk}&period=2026-Q1`));
    expect(q1.variables[0]).toMatchObject({ n: 3, meanAbsoluteDifference: 10, within15: 0.67 });
    expect((await coord.get('/api/climate/agreement?period=2026-Q5')).status).toBe(400);
  });

  it('lists the stories behind one region of the pattern, as visibility allows', async () => {
    const { coord, worker, p, wijk, b1, atm } = await knownData();
    const region = (c: Client, q: string) => c.get(`/api/climate/stories?variableId=${atm}&${q}`);
    // 2026-Q1, tellers, 40–60: the story placed at 40 (a bin includes its lower edge).
    const mid = await ok(await region(coord, `source=teller&period=2026-Q1&bin=2&areaId=${wijk}`));
    expect(mid.total).toBe(1);
    expect(mid.stories).toEqual([
      { id: expect.any(Number), title: 'Groeten op straat', projectName: 'Buurtkamer', areaName: 'Noord-West', date: '2026-02-20', position: 40 },
    ]);
    // The top bin includes 100; the coordinator's placements are apart from the teller's.
    expect((await ok(await region(coord, `source=coordinator&period=2026-Q2&bin=4&areaId=${wijk}`))).stories.map((x: any) => x.position)).toEqual([90]);
    expect((await ok(await region(coord, `source=teller&period=2026-Q2&bin=4&areaId=${b1}`))).stories.map((x: any) => [x.position, x.date])).toEqual([
      [90, '2026-05-02'],
    ]);
    // Withdrawn stories and mere suggestions never show; the other wijk only without an area filter.
    expect((await ok(await region(coord, `source=teller&period=2026-Q1&bin=0&areaId=${wijk}`))).total).toBe(0);
    expect((await ok(await region(coord, `source=teller&period=2026-Q1&bin=0`))).stories.map((x: any) => x.areaName)).toEqual(['Zuid']);
    expect((await ok(await region(coord, `source=coordinator&period=2026-Q1&bin=0&areaId=${wijk}`))).total).toBe(0);
    // A month inside the quarter, and a from/to that narrows it.
    expect((await ok(await region(coord, `source=teller&period=2026-02&bin=2`))).total).toBe(1);
    expect((await ok(await region(coord, `source=teller&period=2026-Q1&bin=2&from=2026-03-01`))).total).toBe(0);

    // A worker of the project sees its stories; a worker of another project sees none, and may not name the project.
    expect((await ok(await region(worker, `source=teller&period=2026-Q1&bin=2&projectId=${p}`))).total).toBe(1);
    const stranger = await t.as('worker');
    expect(await ok(await region(stranger, `source=teller&period=2026-Q1&bin=2`))).toEqual({ total: 0, stories: [] });
    expect([403, 404]).toContain((await region(stranger, `source=teller&period=2026-Q1&bin=2&projectId=${p}`)).status);
    const funder = await t.as('funder');
    expect((await region(funder, `source=teller&period=2026-Q1&bin=2`)).status).toBe(403);
    expect((await region(t.anon, `source=teller&period=2026-Q1&bin=2`)).status).toBe(401);
    // Bad input: 400 naming the field.
    for (const [q, field] of [
      ['source=teller&period=2026-Q5&bin=2', 'period'],
      ['source=teller&period=2026-Q1&bin=5', 'bin'],
      ['source=everyone&period=2026-Q1&bin=1', 'source'],
    ] as const) {
      const res = await region(coord, q);
      expect(res.status).toBe(400);
      expect((await res.json()).error.details.map((d: any) => d.field)).toContain(field);
    }
  });

  it('workers see only their projects’ placements', async () => {
    const { atm } = await knownData();
    const stranger = await t.as('worker');
    const res = await ok(await stranger.get(`/api/climate?variableId=${atm}`));
    expect(res.series[0]?.periods ?? []).toEqual([]);
  });
});

describe('excerpts and codes', () => {
  it('re-anchors excerpts after an edit (moved) and flags them when the quote is gone (stale)', async () => {
    const coord = await t.as('coordinator');
    const p = await makeProject(t.db);
    const text = 'Eerst was het stil. Toen kwam de buurtkamer. Nu groeten mensen elkaar.';
    const s = await makeStory(t.db, { projectId: p, text });
    const code = (await ok(await coord.post('/api/codes', { name: 'Ontmoeting', description: 'Mensen leren elkaar kennen' }), 201)).code;
    const atm = await variableId(t.db, 'atmosphere');
    const start = text.indexOf('Nu groeten');
    const greet = await ok(await coord.post(`/api/stories/${s}/excerpts`, { start, end: text.length, codeId: code.id, note: 'kern' }), 201);
    expect(greet.excerpt).toMatchObject({ quote: 'Nu groeten mensen elkaar.', status: 'ok', codeName: 'Ontmoeting' });
    const quiet = await ok(await coord.post(`/api/stories/${s}/excerpts`, { start: 0, end: 19, variableId: atm, position: 20 }), 201);
    expect(quiet.excerpt.quote).toBe('Eerst was het stil.');
    expect((await coord.post(`/api/stories/${s}/excerpts`, { start: 5, end: 500, codeId: code.id })).status).toBe(400);
    expect((await coord.post(`/api/stories/${s}/excerpts`, { start: 0, end: 5, codeId: code.id, variableId: atm })).status).toBe(400);

    await editStoryText(t.db, s, 'Het was heel erg stil. Toen kwam de buurtkamer. Nu groeten mensen elkaar.');
    const after = await ok(await coord.get(`/api/stories/${s}/excerpts`));
    const byId = Object.fromEntries(after.excerpts.map((e: any) => [e.id, e]));
    const newText = after.bodyText as string;
    expect(byId[greet.excerpt.id]).toMatchObject({ status: 'moved', quote: 'Nu groeten mensen elkaar.' });
    expect(newText.slice(byId[greet.excerpt.id].start, byId[greet.excerpt.id].end)).toBe('Nu groeten mensen elkaar.');
    expect(byId[quiet.excerpt.id]).toMatchObject({ status: 'stale', quote: 'Eerst was het stil.' });
  });

  it('a withdrawal takes the coded passages (which quote the story) with it', async () => {
    const coord = await t.as('coordinator');
    const p = await makeProject(t.db);
    const s = await makeStory(t.db, { projectId: p, text: 'Ik durf weer over het plein te lopen.' });
    const code = (await ok(await coord.post('/api/codes', { name: 'Veiligheid' }), 201)).code;
    await ok(await coord.post(`/api/stories/${s}/excerpts`, { start: 0, end: 20, codeId: code.id }), 201);
    await ok(await coord.post(`/api/stories/${s}/consent`, { withdraw: true, reason: 'Verteller wil het niet meer', channel: 'spoken', givenBy: 'teller' }));
    expect(await t.db.selectFrom('storyExcerpts').selectAll().execute()).toEqual([]);
    expect((await coord.post(`/api/stories/${s}/excerpts`, { start: 0, end: 1, codeId: code.id })).status).toBe(409);
  });

  it('renames and merges codes, moving every coded passage', async () => {
    const coord = await t.as('coordinator');
    const p = await makeProject(t.db);
    const s = await makeStory(t.db, { projectId: p, text: 'Samen koken. Samen eten. Samen opruimen.' });
    const a = (await ok(await coord.post('/api/codes', { name: 'Samen' }), 201)).code;
    const b = (await ok(await coord.post('/api/codes', { name: 'Gezamenlijkheid' }), 201)).code;
    expect((await coord.post('/api/codes', { name: 'samen' })).status).toBe(409);
    await ok(await coord.post(`/api/stories/${s}/excerpts`, { start: 0, end: 12, codeId: a.id }), 201);
    await ok(await coord.post(`/api/stories/${s}/excerpts`, { start: 13, end: 24, codeId: a.id }), 201);
    await ok(await coord.post(`/api/stories/${s}/excerpts`, { start: 25, end: 40, codeId: b.id }), 201);
    expect((await coord.patch(`/api/codes/${b.id}`, { name: 'SAMEN' })).status).toBe(409);
    const renamed = await ok(await coord.patch(`/api/codes/${b.id}`, { name: 'Samen doen' }));
    expect(renamed.code.name).toBe('Samen doen');
    const merged = await ok(await coord.post(`/api/codes/${a.id}/merge`, { intoId: b.id }));
    expect(merged).toMatchObject({ moved: 2, code: { id: b.id, name: 'Samen doen', uses: 3 } });
    const { codes } = await ok(await coord.get('/api/codes'));
    expect(codes.map((c: any) => c.name)).toEqual(['Samen doen']);
    const { excerpts } = await ok(await coord.get(`/api/stories/${s}/excerpts`));
    expect(excerpts.map((e: any) => e.codeId)).toEqual([b.id, b.id, b.id]);
    expect((await coord.post(`/api/codes/${b.id}/merge`, { intoId: b.id })).status).toBe(400);
  });
});

describe('Most Significant Change', () => {
  it('runs a round: candidates, anonymised picks, close, 409 after close, feedback to the receipt', async () => {
    const coord = await t.as('coordinator');
    const panelist = await t.as('worker');
    const funderPanelist = await t.as('funder');
    const outsider = await t.as('worker');
    const p = await makeProject(t.db, 'Buurtkamer', [panelist.id]);
    const other = await makeProject(t.db, 'Ander');
    const reportStory = await makeStory(t.db, { projectId: p, consent: 'report', tellerName: 'Fatima', title: 'Groeten', happenedOn: '2026-02-01' });
    const publicStory = await makeStory(t.db, { projectId: p, consent: 'public', tellerName: 'Henk', title: 'Feest', happenedOn: '2026-03-01' });
    const teamStory = await makeStory(t.db, { projectId: p, consent: 'team', title: 'Alleen team', happenedOn: '2026-02-02' });
    const withdrawn = await makeStory(t.db, { projectId: p, consent: 'public', withdrawn: true, title: 'Ingetrokken', happenedOn: '2026-02-03' });
    const late = await makeStory(t.db, { projectId: p, consent: 'public', title: 'Te laat', happenedOn: '2026-07-01' });
    const elsewhere = await makeStory(t.db, { projectId: other, consent: 'public', title: 'Elders', happenedOn: '2026-02-04' });

    const created = await ok(
      await coord.post('/api/msc-rounds', {
        domain: 'Meedoen in de buurt',
        periodFrom: '2026-01-01',
        periodTo: '2026-03-31',
        projectIds: [p],
        panelUserIds: [panelist.id, funderPanelist.id],
      }),
      201,
    );
    const id = created.round.id;
    expect(created.round).toMatchObject({
      status: 'open',
      projects: [{ id: p }],
      panel: expect.arrayContaining([expect.objectContaining({ id: panelist.id })]),
    });

    const view = await ok(await panelist.get(`/api/msc-rounds/${id}`));
    expect(view.candidates.map((c: any) => c.id)).toEqual([reportStory, publicStory]);
    for (const excluded of [teamStory, withdrawn, late, elsewhere]) expect(view.candidates.map((c: any) => c.id)).not.toContain(excluded);
    expect(view.candidates[0]).toMatchObject({ title: 'Groeten', tellerName: null });
    expect(view.candidates[1]).toMatchObject({ title: 'Feest', tellerName: 'Henk' });
    expect((await ok(await funderPanelist.get('/api/msc-rounds'))).rounds.map((r: any) => r.id)).toEqual([id]);
    expect((await ok(await outsider.get('/api/msc-rounds'))).rounds).toEqual([]);
    expect((await outsider.get(`/api/msc-rounds/${id}`)).status).toBe(404);

    expect((await panelist.post(`/api/msc-rounds/${id}/picks`, { storyId: teamStory, reason: 'x' })).status).toBe(400);
    expect((await panelist.post(`/api/msc-rounds/${id}/picks`, { storyId: reportStory, reason: '' })).status).toBe(400);
    expect((await coord.post(`/api/msc-rounds/${id}/picks`, { storyId: reportStory, reason: 'niet in panel' })).status).toBe(403);
    await ok(await panelist.post(`/api/msc-rounds/${id}/picks`, { storyId: publicStory, reason: 'eerste keuze' }));
    await ok(await panelist.post(`/api/msc-rounds/${id}/picks`, { storyId: reportStory, reason: 'Mensen groeten elkaar weer' }));
    // Independent choices first: the funder has not picked yet and sees nothing of the worker's pick.
    const before = await ok(await funderPanelist.get(`/api/msc-rounds/${id}`));
    expect(before).toMatchObject({ picks: [], picksHidden: true, myPick: null, pickedBy: [expect.objectContaining({ userId: panelist.id })] });
    expect(JSON.stringify(before)).not.toContain('Mensen groeten elkaar weer');
    await ok(await funderPanelist.post(`/api/msc-rounds/${id}/picks`, { storyId: reportStory, reason: 'Vertrouwen groeit' }));
    const after = await ok(await funderPanelist.get(`/api/msc-rounds/${id}`));
    expect(after.picks.map((p: any) => p.reason).sort()).toEqual(['Mensen groeten elkaar weer', 'Vertrouwen groeit']);
    expect(after.picksHidden).toBe(false);
    // Staff off the panel follow who has picked, not what, until the round closes.
    const picked = await ok(await coord.get(`/api/msc-rounds/${id}`));
    expect(picked.pickedBy).toHaveLength(2); // one pick per member; the first was changed
    expect(picked).toMatchObject({ picks: [], picksHidden: true });
    expect((await panelist.post(`/api/msc-rounds/${id}/close`)).status).toBe(403);
    expect((await coord.post(`/api/msc-rounds/${id}/feedback`)).status).toBe(409);

    const closed = await ok(await coord.post(`/api/msc-rounds/${id}/close`));
    expect(closed.round.status).toBe('closed');
    expect(closed.selections).toEqual([
      {
        storyId: reportStory,
        title: 'Groeten',
        hidden: false,
        reasons: expect.arrayContaining([
          expect.objectContaining({ reason: 'Mensen groeten elkaar weer' }),
          expect.objectContaining({ reason: 'Vertrouwen groeit' }),
        ]),
      },
    ]);
    expect((await panelist.post(`/api/msc-rounds/${id}/picks`, { storyId: publicStory, reason: 'te laat' })).status).toBe(409);
    expect((await coord.post(`/api/msc-rounds/${id}/close`)).status).toBe(409);

    expect(await selectionsForStory(t.db, reportStory)).toEqual([]); // not yet fed back
    const fed = await ok(await coord.post(`/api/msc-rounds/${id}/feedback`));
    expect(fed.round.fedBackAt).toBeTruthy();
    const receipt = await selectionsForStory(t.db, reportStory);
    expect(receipt).toEqual([
      expect.objectContaining({ roundId: id, domain: 'Meedoen in de buurt', reasons: ['Mensen groeten elkaar weer', 'Vertrouwen groeit'] }),
    ]);
    // the teller reads it on their receipt page
    const code = newReceiptCode();
    await t.db
      .updateTable('stories')
      .set({ receiptHash: receiptHash(code) })
      .where('id', '=', reportStory)
      .execute();
    const page = await ok(await t.anon.get(`/api/public/receipts/${code}`));
    // One entry per round: the domain, the panel by role (never names), and every reason.
    expect(page.story.feedback).toEqual([
      { domain: 'Meedoen in de buurt', panel: ['worker', 'funder'], reasons: ['Mensen groeten elkaar weer', 'Vertrouwen groeit'], at: fed.round.fedBackAt },
    ]);
    expect(JSON.stringify(page.story.feedback)).not.toMatch(/worker \d|funder \d/);
  });
});

describe('Most Significant Change: independent choices first', () => {
  it('the API shows the others’ picks to a panel member only after their own pick or once the round closed, per role', async () => {
    const [admin, coord, panelCoord, panelWorker, panelFunder, slowWorker] = [
      await t.as('admin'),
      await t.as('coordinator'),
      await t.as('coordinator'),
      await t.as('worker'),
      await t.as('funder'),
      await t.as('worker'),
    ];
    const p = await makeProject(t.db, 'Buurtkamer', [panelWorker.id, slowWorker.id]);
    const a = await makeStory(t.db, { projectId: p, consent: 'public', title: 'Feest', happenedOn: '2026-02-01' });
    const b = await makeStory(t.db, { projectId: p, consent: 'public', title: 'Bankje', happenedOn: '2026-02-02' });
    const panel = [panelCoord, panelWorker, panelFunder, slowWorker];
    const { round } = await ok(
      await coord.post('/api/msc-rounds', {
        domain: 'Meedoen',
        periodFrom: '2026-01-01',
        periodTo: '2026-03-31',
        projectIds: [p],
        panelUserIds: panel.map((x) => x.id),
      }),
      201,
    );
    const view = async (c: Client) => ok(await c.get(`/api/msc-rounds/${round.id}`));
    const reasons = (v: any) => v.picks.map((x: any) => x.reason).sort();

    await ok(await panelWorker.post(`/api/msc-rounds/${round.id}/picks`, { storyId: a, reason: 'Iedereen deed mee' }));
    // Before their own pick, no panel member of any role sees it; the one who picked sees only their own.
    for (const member of [panelCoord, panelFunder, slowWorker])
      expect(await view(member)).toMatchObject({ picks: [], picksHidden: true, pickedBy: [expect.objectContaining({ userId: panelWorker.id })] });
    expect(reasons(await view(panelWorker))).toEqual(['Iedereen deed mee']);
    // Staff off the panel (coordinator, admin) see who picked, not what.
    for (const staffer of [coord, admin])
      expect(await view(staffer)).toMatchObject({ picks: [], picksHidden: true, pickedBy: [expect.objectContaining({ userId: panelWorker.id })] });

    await ok(await panelCoord.post(`/api/msc-rounds/${round.id}/picks`, { storyId: b, reason: 'Een plek om te zitten' }));
    expect(reasons(await view(panelCoord))).toEqual(['Een plek om te zitten', 'Iedereen deed mee']);
    expect(reasons(await view(panelWorker))).toEqual(['Een plek om te zitten', 'Iedereen deed mee']);
    await ok(await panelFunder.post(`/api/msc-rounds/${round.id}/picks`, { storyId: a, reason: 'Meer mensen kennen elkaar' }));
    expect((await view(panelFunder)).picks).toHaveLength(3);
    expect(await view(slowWorker)).toMatchObject({ picks: [], picksHidden: true });

    // Once the round closes everyone who may read it sees every pick, picked or not.
    await ok(await coord.post(`/api/msc-rounds/${round.id}/close`));
    for (const reader of [slowWorker, coord, admin])
      expect(await view(reader)).toMatchObject({
        picksHidden: false,
        picks: expect.arrayContaining([expect.objectContaining({ reason: 'Iedereen deed mee' })]),
      });
  });
});

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
    const code = (await ok(await admin.post('/api/codes', { name: 'Ontmoeting' }), 201)).code.id;
    const position = new Map<number, number>();
    const story = async (projectId: number, consent: 'team' | 'report' | 'public', teller: number) => {
      const s = await makeStory(t.db, { projectId, consent });
      await place(t.db, s, atm, 'teller', teller);
      await ok(await admin.post(`/api/stories/${s}/excerpts`, { start: 0, end: 5, codeId: code }), 201);
      position.set(s, teller);
      return s;
    };
    const pTeam = await story(p, 'team', 10);
    const pReport = await story(p, 'report', 30);
    const pGone = await story(p, 'public', 50);
    const qPublic = await story(q, 'public', 70);
    const qGone = await story(q, 'report', 90);
    for (const s of [pGone, qGone])
      await ok(
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
      const list = await ok(await cl.get('/api/stories'));
      expect(sorted(list.stories.map((s: any) => s.id)), `${role}: story list`).toEqual(expected);
      const inbox = await ok(await cl.get('/api/tagging/inbox'));
      expect(sorted(inbox.stories.map((s: any) => s.id)), `${role}: inbox`).toEqual(expected);
      const climate = await ok(await cl.get(`/api/climate?${year}`));
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
      const agreement = await ok(await cl.get('/api/climate/agreement?period=2026'));
      const n = visible(role).length;
      expect(agreement.variables, `${role}: agreement`).toEqual(n ? [expect.objectContaining({ variableId: atm, n, meanDifference: 10 })] : []);
      expect((await ok(await cl.get('/api/tagging/inbox'))).stories, `${role}: inbox after tagging`).toEqual([]);
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
      await ok(
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
      await ok(
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
    const preview = await ok(await coordinator.get(`/api/reports/${report}/preview`));
    // The report counts the stories it may show (and prints only the chosen ones): the same two.
    expect(preview.data.summary.counts.storiesReportable).toBe(2);
    const reported = [pReport, qPublic].sort((a, b) => a - b);
    for (const [role, cl] of Object.entries({ admin, coordinator, member, funder })) {
      const view = await ok(await cl.get(`/api/msc-rounds/${round}`));
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
    const outcome = async () => (await ok(await admin.post(`/api/projects/${p}/outcomes`, { level: 'outcome', title: 'Doel' }), 201)).outcome.id as number;
    const o = await outcome();
    let n = 0;
    const code = async () => (await ok(await admin.post('/api/codes', { name: `code ${++n}` }), 201)).code.id as number;
    const c = await code();
    const round = async () =>
      (
        await ok(
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
      await ok(await admin.post(`/api/msc-rounds/${id}/close`));
      return id;
    };
    const excerpt = async () => (await ok(await admin.post(`/api/stories/${s}/excerpts`, { start: 0, end: 5, codeId: c }), 201)).excerpt.id as number;

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
    const spec = await ok(await t.anon.get('/api/openapi.json'));
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
