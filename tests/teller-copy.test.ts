// The teller's own copy (GDPR art. 15 and 20): with their receipt code a resident downloads
// everything stored about their story, and nothing about anyone else.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, ORIGIN, type TestApp } from './helpers/app.js';
import { reviewAsIs } from './helpers/reports-fixtures.js';
import { climate, doc, json, openLink, submit, world, type World } from './helpers/stories-fixtures.js';

describe("the teller's own copy", () => {
  let t: TestApp;
  let w: World;
  let vars: number[];
  let mine: { receipt: string; id: number };
  let theirs: { receipt: string; id: number };
  let token: string;

  beforeAll(async () => {
    t = await testApp({ mediaPath: mkdtempSync(join(tmpdir(), 'weefwerk-copy-media-')) });
    w = await world(t);
    vars = await climate(t, w.projectA, 2);
    token = (await openLink(w.admin, w.projectA)).token;
    const tell = async (fields: Record<string, unknown>, address: string) => {
      const { receipt } = await json(await submit(t, token, fields, address), 201);
      const { story } = await json(await t.anon.get(`/api/public/receipts/${receipt}`), 200);
      const row = await t.db.selectFrom('stories').select('id').where('title', '=', story.title).executeTakeFirstOrThrow();
      return { receipt: receipt as string, id: row.id };
    };
    mine = await tell(
      {
        title: 'Het bankje',
        body: doc('Ik durf weer over het plein te lopen.'),
        tellerName: 'Oma Jansen',
        consent: 'public',
        placements: [{ variableId: vars[0], position: 75 }],
        happenedOn: '2026-11-01',
      },
      '10.0.0.1',
    );
    theirs = await tell(
      {
        title: 'GEHEIM VAN BERT',
        body: doc('Bert vertelt iets anders.'),
        tellerName: 'Buurman Bert',
        consent: 'public',
        placements: [{ variableId: vars[0], position: 10 }],
        happenedOn: '2026-11-02',
      },
      '10.0.0.2',
    );

    // what the team did with the story: a placement, an outcome with a note, a coded passage
    await t.db
      .insertInto('storyPlacements')
      .values({ storyId: mine.id, variableId: vars[0]!, source: 'coordinator', position: 60, status: 'accepted', byUser: w.coordinator.id })
      .execute();
    const outcome = (
      await json(await w.coordinator.post(`/api/projects/${w.projectA}/outcomes`, { level: 'outcome', title: 'Bewoners voelen zich veilig' }), 201)
    ).outcome;
    await t.db
      .insertInto('storyOutcomes')
      .values({ storyId: mine.id, outcomeId: outcome.id, note: 'Mooi voorbeeld van vertrouwen', status: 'accepted', byUser: w.coordinator.id })
      .execute();
    const text = 'Ik durf weer over het plein te lopen.';
    await json(
      await w.coordinator.post(`/api/stories/${mine.id}/excerpts`, {
        start: text.indexOf('het plein'),
        end: text.indexOf('het plein') + 'het plein'.length,
        outcomeId: outcome.id,
      }),
      201,
    );

    // where it was used: a published report (its report version reviewed) and a Most Significant Change round
    await reviewAsIs(t.db, mine.id);
    const report = await json(
      await w.coordinator.post('/api/reports', {
        title: 'Jaarverslag Buurtkamer',
        audience: 'funder',
        periodFrom: '2026-01-01',
        periodTo: '2026-12-31',
        projectIds: [w.projectA],
        intro: doc('Een jaar.'),
      }),
      201,
    );
    await json(await w.coordinator.post(`/api/reports/${report.report.id}/versions`), 201);
    const round = await t.db
      .insertInto('mscRounds')
      .values({
        domain: 'Veiligheid in de buurt',
        periodFrom: '2026-07-01',
        periodTo: '2026-12-31',
        status: 'closed',
        createdBy: w.coordinator.id,
        closedAt: '2026-12-15T10:00:00.000Z',
        fedBackAt: '2026-12-20T10:00:00.000Z',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto('mscSelections')
      .values({ roundId: round.id, storyId: mine.id, userId: w.coordinator.id, reason: 'Het laat zien dat het plein weer van iedereen is.' })
      .execute();
    await t.db.insertInto('mscSelections').values({ roundId: round.id, storyId: theirs.id, userId: w.coordinator.id, reason: 'REDEN OVER BERT' }).execute();

    // staff narrow the consent (with a reason): part of the history
    await json(
      await w.coordinator.post(`/api/stories/${mine.id}/consent`, {
        level: 'report',
        givenBy: 'coordinator',
        channel: 'online',
        reason: 'Naam liever niet in het verslag',
      }),
      200,
    );
  });

  it('holds the story, its language, placements, consent history and where it was used', async () => {
    const res = await t.anon.get(`/api/public/receipts/${mine.receipt}/copy.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('attachment');
    const copy = await res.json();
    expect(copy.story).toMatchObject({
      title: 'Het bankje',
      text: 'Ik durf weer over het plein te lopen.',
      language: 'nl',
      project: 'Buurtkamer',
      happenedOn: '2026-11-01',
      consent: 'report',
      withdrawnAt: null,
    });
    expect(copy.teller).toMatchObject({ name: 'Oma Jansen', under16: false });
    expect(copy.placements.map((p: { by: string; position: number }) => [p.by, p.position])).toEqual([
      ['team', 60],
      ['teller', 75],
    ]);
    expect(copy.consentHistory.map((c: { level: string; givenBy: string; reason: string | null }) => [c.level, c.givenBy, c.reason])).toEqual([
      ['public', 'teller', null],
      ['report', 'coordinator', 'Naam liever niet in het verslag'],
    ]);
    expect(copy.outcomes).toEqual([expect.objectContaining({ outcome: 'Bewoners voelen zich veilig', note: 'Mooi voorbeeld van vertrouwen' })]);
    expect(copy.codedPassages).toEqual([expect.objectContaining({ quote: 'het plein', outcome: 'Bewoners voelen zich veilig' })]);
    expect(copy.usedIn.reportVersion).toEqual({ title: 'Het bankje', text: 'Ik durf weer over het plein te lopen.' });
    expect(copy.usedIn.reports).toEqual([expect.objectContaining({ report: 'Jaarverslag Buurtkamer', version: 1 })]);
    expect(copy.usedIn.mostSignificantChange).toEqual([
      expect.objectContaining({ domain: 'Veiligheid in de buurt', selected: true, selectionReasons: ['Het laat zien dat het plein weer van iedereen is.'] }),
    ]);
  });

  it('holds nothing about anyone else: no other teller, no other story, no staff', async () => {
    const raw = await (await t.anon.get(`/api/public/receipts/${mine.receipt}/copy.json`)).text();
    const staff = await t.db.selectFrom('users').select(['email', 'name']).execute();
    for (const other of ['GEHEIM VAN BERT', 'Buurman Bert', 'Bert vertelt', 'REDEN OVER BERT', 'Speeltuin', ...staff.flatMap((u) => [u.email, u.name])])
      expect(raw).not.toContain(other);
    expect(raw).not.toMatch(/"(byUser|recordedBy|userId|createdBy|email|receiptHash|tellerId)"/);
    // and Bert's copy holds Bert's story, not Oma's
    const bert = await (await t.anon.get(`/api/public/receipts/${theirs.receipt}/copy.json`)).text();
    expect(bert).toContain('Bert vertelt iets anders.');
    expect(bert).not.toContain('Oma Jansen');
    expect(bert).not.toContain('plein');
  });

  it('lists the recording and the photo: what they are, how long the recording is, whether a report may show the photo', async () => {
    const form = new FormData();
    form.set(
      'story',
      JSON.stringify({ consent: 'public', tellerName: 'Buurvrouw Els', consentTextVersion: '2026-11-29/nl', language: 'nl', photoInReports: true }),
    );
    form.set('audio', new Blob([new Uint8Array(readFileSync(join(process.cwd(), 'tests', 'fixtures', 'media', 'recording-3s.webm')))]), 'opname.webm');
    const photo = await sharp({ create: { width: 640, height: 480, channels: 3, background: { r: 20, g: 120, b: 90 } } })
      .jpeg()
      .toBuffer();
    form.set('photo', new Blob([new Uint8Array(photo)]), 'foto.jpg');
    const told = await t.app.request(`${ORIGIN}/api/public/links/${token}/stories`, {
      method: 'POST',
      headers: { origin: ORIGIN, 'x-forwarded-for': '10.0.0.3' },
      body: form,
    });
    const { receipt } = await json(told, 201);
    const copyOf = async () => (await json(await t.anon.get(`/api/public/receipts/${receipt}/copy.json`), 200)).media;
    const media = await copyOf();
    expect(media.map((m: Record<string, unknown>) => [m.kind, m.format, m.youAllowedReports, m.mayBeInReports])).toEqual([
      ['audio', 'audio/webm', false, false],
      ['photo', 'image/jpeg', true, false], // allowed by the teller, but not reviewed yet
    ]);
    expect(media[0].lengthSeconds).toBeGreaterThan(2.5);
    expect(media[0].lengthSeconds).toBeLessThan(3.5);
    expect(media[1].lengthSeconds).toBeNull();
    // the teller listens and looks with the address in the copy
    const heard = await t.anon.get(media[0].url);
    expect(heard.status).toBe(200);
    expect(heard.headers.get('content-type')).toBe('audio/webm');
    expect((await t.anon.get(media[1].url)).headers.get('content-type')).toBe('image/jpeg');

    // once its text is reviewed the photo may reach a report; the recording never does
    const id = (await t.db.selectFrom('stories').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow()).id;
    await reviewAsIs(t.db, id);
    expect((await copyOf()).map((m: { mayBeInReports: boolean }) => m.mayBeInReports)).toEqual([false, true]);
    // a story without media lists none; a withdrawn one none either (the files went with it)
    expect((await json(await t.anon.get(`/api/public/receipts/${mine.receipt}/copy.json`), 200)).media).toEqual([]);
    await json(await t.anon.post(`/api/public/receipts/${receipt}/withdraw`), 200);
    expect(await copyOf()).toEqual([]);
  });

  it('an unknown code is a 404; after withdrawal the copy says what is left: the consent record', async () => {
    expect((await t.anon.get('/api/public/receipts/AAAA-BBBB-CCCC/copy.json')).status).toBe(404);
    expect((await t.anon.get('/api/public/receipts/nonsense/copy.json')).status).toBe(404);
    await json(await t.anon.post(`/api/public/receipts/${theirs.receipt}/withdraw`), 200);
    const copy = await json(await t.anon.get(`/api/public/receipts/${theirs.receipt}/copy.json`), 200);
    expect(copy.story).toMatchObject({ title: '', text: '', consent: null });
    expect(copy.story.withdrawnAt).toBeTruthy();
    expect(copy.placements).toEqual([]);
    expect(copy.consentHistory.at(-1)).toMatchObject({ level: null, withdrawn: true, givenBy: 'teller' });
  });
});
