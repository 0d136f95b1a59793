// Climate variables, outcomes and the results chain; tagging stories to them; excerpts and codes.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { editStoryText, makeProject, makeStory, place, variableId } from './helpers/sensemaking-fixtures.js';
import { json } from './helpers/stories-fixtures.js';
import { testApp, type TestApp } from './helpers/app.js';

let t: TestApp;
beforeEach(async () => {
  t = await testApp();
});
afterEach(async () => t.close());

describe('climate variables and outcomes', () => {
  it('seeds the catalogue, lets admins retire a variable, keeps retired ones out of new choices', async () => {
    const admin = await t.as('admin');
    const coord = await t.as('coordinator');
    const { variables } = await json(await coord.get('/api/climate-variables'));
    expect(variables).toHaveLength(16);
    expect(variables[1]).toMatchObject({
      key: 'atmosphere',
      nameNl: 'atmosfeer',
      weakNl: 'angst en wantrouwen',
      strongEn: 'safety and trust',
      groupKey: 'social',
    });
    const atmosphere = variables[1].id;
    const retired = await json(await admin.patch(`/api/climate-variables/${atmosphere}`, { retired: true }));
    expect(retired.variable.retiredAt).toBeTruthy();
    expect((await json(await coord.get('/api/climate-variables'))).variables).toHaveLength(15);
    expect((await json(await coord.get('/api/climate-variables?includeRetired=true'))).variables).toHaveLength(16);
    const p = await makeProject(t.db);
    expect((await coord.put(`/api/projects/${p}/climate-variables`, { variableIds: [atmosphere] })).status).toBe(400);
    const chosen = await json(await coord.put(`/api/projects/${p}/climate-variables`, { variableIds: [variables[0].id, variables[2].id] }));
    expect(chosen.variableIds).toEqual([variables[0].id, variables[2].id]);
    const created = await json(
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
    const lib = await json(
      await coord.post('/api/outcome-library', { level: 'impact', title: 'Bewoners voelen zich veilig', description: 'Veiligheid en vertrouwen' }),
      201,
    );
    const impact = await json(await coord.post(`/api/projects/${p}/outcomes`, { libraryId: lib.outcome.id }), 201);
    expect(impact.outcome).toMatchObject({
      level: 'impact',
      iatiType: 3,
      title: 'Bewoners voelen zich veilig',
      description: 'Veiligheid en vertrouwen',
      libraryId: lib.outcome.id,
    });
    const outcome = await json(
      await coord.post(`/api/projects/${p}/outcomes`, { level: 'outcome', title: 'Buren kennen elkaar', parentId: impact.outcome.id }),
      201,
    );
    expect(outcome.outcome.iatiType).toBe(2);
    // an output must hang under an outcome, not an impact; and never under another project's outcome
    expect((await coord.post(`/api/projects/${p}/outcomes`, { level: 'output', title: 'Buurtkamer open', parentId: impact.outcome.id })).status).toBe(400);
    expect((await coord.post(`/api/projects/${other}/outcomes`, { level: 'output', title: 'x', parentId: outcome.outcome.id })).status).toBe(400);
    const output = await json(
      await coord.post(`/api/projects/${p}/outcomes`, { level: 'output', title: 'Buurtkamer open', parentId: outcome.outcome.id }),
      201,
    );
    expect(output.outcome.iatiType).toBe(1);
    const list = await json(await coord.get(`/api/projects/${p}/outcomes`));
    expect(list.outcomes.map((o: any) => o.level)).toEqual(['impact', 'outcome', 'output']);
    const patched = await json(await coord.patch(`/api/outcomes/${output.outcome.id}`, { title: 'Buurtkamer drie dagen open', sort: 1 }));
    expect(patched.outcome.title).toBe('Buurtkamer drie dagen open');

    const s = await makeStory(t.db, { projectId: p });
    await json(await coord.put(`/api/stories/${s}/tags`, { outcomes: [{ outcomeId: output.outcome.id, note: 'de buurtkamer' }] }));
    const s2 = await makeStory(t.db, { projectId: p });
    await json(await coord.put(`/api/stories/${s2}/tags`, { outcomes: [{ outcomeId: output.outcome.id }] }));
    const indicator = await json(
      await coord.post('/api/indicators', { projectId: p, name: 'Open dagen', unit: 'count', periodicity: 'quarter', outcomeId: output.outcome.id }),
      201,
    );
    const used = await coord.request('DELETE', `/api/outcomes/${output.outcome.id}`);
    expect(used.status).toBe(409);
    expect((await used.json()).error.message).toBe(
      'Nog in gebruik bij 2 verhalen en 1 indicator. Archiveer deze uitkomst liever. / Still used by 2 stories and 1 indicator. Archive this outcome instead.',
    );
    const above = await coord.request('DELETE', `/api/outcomes/${outcome.outcome.id}`);
    expect(above.status).toBe(409); // has an output below it
    expect((await above.json()).error.message).toMatch(/^Nog in gebruik bij 1 uitkomst eronder\. /);
    await json(await coord.put(`/api/stories/${s2}/tags`, { outcomes: [] }));
    await json(await coord.patch(`/api/indicators/${indicator.indicator.id}`, { outcomeId: null }));
    await json(await coord.put(`/api/stories/${s}/tags`, { outcomes: [] }));
    await json(await coord.request('DELETE', `/api/outcomes/${output.outcome.id}`));
    expect((await json(await coord.get(`/api/projects/${p}/outcomes`))).outcomes).toHaveLength(2);
  });
});

describe('tagging', () => {
  it('coordinators set accepted tags, workers suggest, coordinators accept; every change is audited', async () => {
    const coord = await t.as('coordinator');
    const worker = await t.as('worker');
    const funder = await t.as('funder');
    const p = await makeProject(t.db, 'Buurtkamer', [worker.id]);
    const other = await makeProject(t.db, 'Ander');
    const o1 = (await json(await coord.post(`/api/projects/${p}/outcomes`, { level: 'outcome', title: 'Buren kennen elkaar' }), 201)).outcome.id;
    const o2 = (await json(await coord.post(`/api/projects/${p}/outcomes`, { level: 'outcome', title: 'Meer vrijwilligers' }), 201)).outcome.id;
    const foreign = (await json(await coord.post(`/api/projects/${other}/outcomes`, { level: 'outcome', title: 'Elders' }), 201)).outcome.id;
    const atm = await variableId(t.db, 'atmosphere');
    const s = await makeStory(t.db, { projectId: p });

    const suggested = await json(
      await worker.put(`/api/stories/${s}/tags`, { outcomes: [{ outcomeId: o1, note: 'groeten' }], placements: [{ variableId: atm, position: 70 }] }),
    );
    expect(suggested.tags.outcomes).toEqual([expect.objectContaining({ outcomeId: o1, status: 'suggested', note: 'groeten' })]);
    expect(suggested.tags.placements).toEqual([expect.objectContaining({ variableId: atm, position: 70, status: 'suggested', source: 'coordinator' })]);
    // suggestions do not count as tagged: the story stays in the inbox, marked
    const inbox = await json(await coord.get(`/api/tagging/inbox?projectId=${p}`));
    expect(inbox.stories).toEqual([expect.objectContaining({ id: s, state: 'suggested' })]);

    const accepted = await json(await coord.post(`/api/stories/${s}/tags/accept`, {}));
    expect(accepted.tags.outcomes).toEqual([expect.objectContaining({ outcomeId: o1, status: 'accepted' })]);
    expect(accepted.tags.placements).toEqual([expect.objectContaining({ variableId: atm, position: 70, status: 'accepted' })]);
    expect((await json(await coord.get(`/api/tagging/inbox?projectId=${p}`))).stories).toEqual([]);

    const set = await json(
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
    const o = (await json(await coord.post(`/api/projects/${p}/outcomes`, { level: 'outcome', title: 'Buren kennen elkaar' }), 201)).outcome.id;
    const withSuggestion = await makeStory(t.db, { projectId: p, title: 'oud, voorgesteld' });
    const tagged = await makeStory(t.db, { projectId: p, title: 'getagd' });
    const untagged = await makeStory(t.db, { projectId: p, title: 'nieuw' });
    await makeStory(t.db, { projectId: p, title: 'ingetrokken', withdrawn: true });
    const elsewhere = await makeStory(t.db, { projectId: other, title: 'elders' });
    await json(await worker.put(`/api/stories/${withSuggestion}/tags`, { outcomes: [{ outcomeId: o }] }));
    await json(await coord.put(`/api/stories/${tagged}/tags`, { outcomes: [{ outcomeId: o }] }));
    const atm = await variableId(t.db, 'atmosphere');
    await place(t.db, untagged, atm, 'teller', 35);
    const all = await json(await coord.get('/api/tagging/inbox'));
    expect(all.stories[0].tellerPlacements).toEqual([{ variableId: atm, position: 35 }]);
    expect(all.stories.map((s: any) => [s.id, s.state])).toEqual([
      [untagged, 'untagged'],
      [elsewhere, 'untagged'],
      [withSuggestion, 'suggested'],
    ]);
    const mine = await json(await worker.get('/api/tagging/inbox'));
    expect(mine.stories.map((s: any) => s.id)).toEqual([untagged, withSuggestion]);

    // One story on request, also a tagged one, with its current tags to start from; never one
    // the user may not see.
    const one = await json(await coord.get(`/api/tagging/inbox?storyId=${tagged}`));
    expect(one.stories).toEqual([
      expect.objectContaining({
        id: tagged,
        state: 'tagged',
        suggestions: expect.objectContaining({ outcomes: [expect.objectContaining({ outcomeId: o, status: 'accepted' })] }),
      }),
    ]);
    expect((await json(await worker.get(`/api/tagging/inbox?storyId=${elsewhere}`))).stories).toEqual([]);
    const withdrawn = (await t.db.selectFrom('stories').select('id').where('title', '=', 'ingetrokken').executeTakeFirstOrThrow()).id;
    expect((await json(await coord.get(`/api/tagging/inbox?storyId=${withdrawn}`))).stories).toEqual([]);
    expect((await coord.get('/api/tagging/inbox?storyId=abc')).status).toBe(400);
  });

  it('bulk tagging is all or nothing', async () => {
    const coord = await t.as('coordinator');
    const p = await makeProject(t.db);
    const other = await makeProject(t.db, 'Ander');
    const o = (await json(await coord.post(`/api/projects/${p}/outcomes`, { level: 'outcome', title: 'Buren kennen elkaar' }), 201)).outcome.id;
    const atm = await variableId(t.db, 'atmosphere');
    const a = await makeStory(t.db, { projectId: p });
    const b = await makeStory(t.db, { projectId: p });
    const c = await makeStory(t.db, { projectId: other });
    // c is in another project, so the outcome does not fit it: nothing is saved
    expect((await coord.post('/api/tagging/bulk', { storyIds: [a, b, c], outcomes: [{ outcomeId: o }] })).status).toBe(400);
    expect(await t.db.selectFrom('storyOutcomes').selectAll().execute()).toEqual([]);
    expect((await coord.post('/api/tagging/bulk', { storyIds: [a, 9999], placements: [{ variableId: atm, position: 40 }] })).status).toBe(404);
    expect(await t.db.selectFrom('storyPlacements').selectAll().execute()).toEqual([]);
    const res = await json(
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
    await json(await coord.put(`/api/projects/${p}/climate-variables`, { variableIds: [img, atm, norms] }));
    const s = await makeStory(t.db, { projectId: p });
    await place(t.db, s, atm, 'teller', 30);
    await place(t.db, s, img, 'teller', null);
    await json(
      await coord.put(`/api/stories/${s}/tags`, {
        placements: [
          { variableId: atm, position: 55 },
          { variableId: img, position: 10 },
        ],
      }),
    );
    const { placements } = await json(await coord.get(`/api/stories/${s}/placements`));
    const byKey = Object.fromEntries(placements.map((x: any) => [x.variable.key, x]));
    expect(byKey.atmosphere).toMatchObject({ teller: { position: 30, applies: true }, coordinator: { position: 55, applies: true }, difference: 25 });
    expect(byKey.image).toMatchObject({ teller: { position: null, applies: false }, coordinator: { position: 10 }, difference: null });
    expect(byKey.norms).toMatchObject({ teller: null, coordinator: null, difference: null });
  });
});

describe('excerpts and codes', () => {
  it('re-anchors excerpts after an edit (moved) and flags them when the quote is gone (stale)', async () => {
    const coord = await t.as('coordinator');
    const p = await makeProject(t.db);
    const text = 'Eerst was het stil. Toen kwam de buurtkamer. Nu groeten mensen elkaar.';
    const s = await makeStory(t.db, { projectId: p, text });
    const code = (await json(await coord.post('/api/codes', { name: 'Ontmoeting', description: 'Mensen leren elkaar kennen' }), 201)).code;
    const atm = await variableId(t.db, 'atmosphere');
    const start = text.indexOf('Nu groeten');
    const greet = await json(await coord.post(`/api/stories/${s}/excerpts`, { start, end: text.length, codeId: code.id, note: 'kern' }), 201);
    expect(greet.excerpt).toMatchObject({ quote: 'Nu groeten mensen elkaar.', status: 'ok', codeName: 'Ontmoeting' });
    const quiet = await json(await coord.post(`/api/stories/${s}/excerpts`, { start: 0, end: 19, variableId: atm, position: 20 }), 201);
    expect(quiet.excerpt.quote).toBe('Eerst was het stil.');
    expect((await coord.post(`/api/stories/${s}/excerpts`, { start: 5, end: 500, codeId: code.id })).status).toBe(400);
    expect((await coord.post(`/api/stories/${s}/excerpts`, { start: 0, end: 5, codeId: code.id, variableId: atm })).status).toBe(400);

    await editStoryText(t.db, s, 'Het was heel erg stil. Toen kwam de buurtkamer. Nu groeten mensen elkaar.');
    const after = await json(await coord.get(`/api/stories/${s}/excerpts`));
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
    const code = (await json(await coord.post('/api/codes', { name: 'Veiligheid' }), 201)).code;
    await json(await coord.post(`/api/stories/${s}/excerpts`, { start: 0, end: 20, codeId: code.id }), 201);
    await json(await coord.post(`/api/stories/${s}/consent`, { withdraw: true, reason: 'Verteller wil het niet meer', channel: 'spoken', givenBy: 'teller' }));
    expect(await t.db.selectFrom('storyExcerpts').selectAll().execute()).toEqual([]);
    expect((await coord.post(`/api/stories/${s}/excerpts`, { start: 0, end: 1, codeId: code.id })).status).toBe(409);
  });

  it('renames and merges codes, moving every coded passage', async () => {
    const coord = await t.as('coordinator');
    const p = await makeProject(t.db);
    const s = await makeStory(t.db, { projectId: p, text: 'Samen koken. Samen eten. Samen opruimen.' });
    const a = (await json(await coord.post('/api/codes', { name: 'Samen' }), 201)).code;
    const b = (await json(await coord.post('/api/codes', { name: 'Gezamenlijkheid' }), 201)).code;
    expect((await coord.post('/api/codes', { name: 'samen' })).status).toBe(409);
    await json(await coord.post(`/api/stories/${s}/excerpts`, { start: 0, end: 12, codeId: a.id }), 201);
    await json(await coord.post(`/api/stories/${s}/excerpts`, { start: 13, end: 24, codeId: a.id }), 201);
    await json(await coord.post(`/api/stories/${s}/excerpts`, { start: 25, end: 40, codeId: b.id }), 201);
    expect((await coord.patch(`/api/codes/${b.id}`, { name: 'SAMEN' })).status).toBe(409);
    const renamed = await json(await coord.patch(`/api/codes/${b.id}`, { name: 'Samen doen' }));
    expect(renamed.code.name).toBe('Samen doen');
    const merged = await json(await coord.post(`/api/codes/${a.id}/merge`, { intoId: b.id }));
    expect(merged).toMatchObject({ moved: 2, code: { id: b.id, name: 'Samen doen', uses: 3 } });
    const { codes } = await json(await coord.get('/api/codes'));
    expect(codes.map((c: any) => c.name)).toEqual(['Samen doen']);
    const { excerpts } = await json(await coord.get(`/api/stories/${s}/excerpts`));
    expect(excerpts.map((e: any) => e.codeId)).toEqual([b.id, b.id, b.id]);
    expect((await coord.post(`/api/codes/${b.id}/merge`, { intoId: b.id })).status).toBe(400);
  });
});
