import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse as parseCsv } from 'csv-parse/sync';
import { testApp, type Client, type TestApp } from './helpers/app.js';
import { codelist, iatiSchemaErrors } from './helpers/iati.js';
import { csvCells, formulaCells } from './helpers/csv.js';
import { addClimateVariable, addStory, reportWorld, reviewAsIs, withdrawStory } from './helpers/reports-fixtures.js';
import { reportsUsingStory } from '../db/repositories/reports.js';
import { activityTiming } from '../server/reports/iati.js';
import { loadConfig } from '../server/env.js';

const intro = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Een jaar buurtwerk in Noord.' }] }] };

type World = Awaited<ReturnType<typeof reportWorld>>;

async function setup() {
  const t = await testApp();
  const w = await reportWorld(t.db);
  const coord = await t.as('coordinator');
  return { t, w, coord };
}

async function createReport(coord: Client, w: World, extra: Record<string, unknown> = {}) {
  const res = await coord.post('/api/reports', {
    title: 'Jaarverslag 2026',
    audience: 'funder',
    periodFrom: '2026-01-01',
    periodTo: '2026-12-31',
    projectIds: [w.projectId],
    intro,
    ...extra,
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as { report: { id: number } }).report.id;
}

const iatiErrors = iatiSchemaErrors;

async function publish(coord: Client, id: number) {
  const res = await coord.post(`/api/reports/${id}/versions`);
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as { version: { number: number } }).version.number;
}

describe('reports: definition', () => {
  let t: TestApp;
  let w: World;
  let coord: Client;
  beforeEach(async () => ({ t, w, coord } = await setup()));
  afterEach(async () => t.close());

  it('creates, reads and edits a report; bad input is a 400 tied to the field', async () => {
    const id = await createReport(coord, w);
    const got = (await (await coord.get(`/api/reports/${id}`)).json()) as { report: { title: string; introHtml: string; sections: string[] } };
    expect(got.report.title).toBe('Jaarverslag 2026');
    expect(got.report.introHtml).toBe('<p>Een jaar buurtwerk in Noord.</p>');
    expect(got.report.sections).toContain('climate');

    const patched = await coord.patch(`/api/reports/${id}`, { title: 'Jaarverslag 2026 (herzien)' });
    expect(patched.status).toBe(200);

    const bad = await coord.post('/api/reports', {
      title: 'X',
      audience: 'funder',
      periodFrom: '2026-12-31',
      periodTo: '2026-01-01',
      projectIds: [w.projectId],
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { details: { field: string }[] } }).error.details[0]!.field).toBe('periodTo');
    const unknownField = await coord.post('/api/reports', {
      title: 'X',
      audience: 'funder',
      periodFrom: '2026-01-01',
      periodTo: '2026-12-31',
      projectIds: [w.projectId],
      secret: 1,
    });
    expect(unknownField.status).toBe(400);
    const script = await coord.post('/api/reports', {
      title: 'X',
      audience: 'funder',
      periodFrom: '2026-01-01',
      periodTo: '2026-12-31',
      projectIds: [w.projectId],
      intro: { type: 'doc', content: [{ type: 'image', attrs: { src: 'x' } }] },
    });
    expect(script.status).toBe(400);
  });

  it('workers may not define or read reports', async () => {
    const id = await createReport(coord, w);
    const worker = await t.as('worker');
    expect((await worker.get('/api/reports')).status).toBe(403);
    expect((await worker.get(`/api/reports/${id}`)).status).toBe(403);
    expect(
      (await worker.post('/api/reports', { title: 'X', audience: 'funder', periodFrom: '2026-01-01', periodTo: '2026-12-31', projectIds: [w.projectId] }))
        .status,
    ).toBe(403);
  });
});

describe('reports: consent', () => {
  let t: TestApp;
  let w: World;
  let coord: Client;
  beforeEach(async () => ({ t, w, coord } = await setup()));
  afterEach(async () => t.close());

  for (const audience of ['funder', 'municipality', 'internal', 'residents']) {
    it(`${audience}: team never, report anonymised, public with the chosen name`, async () => {
      const id = await createReport(coord, w, { audience });
      const preview = (await (await coord.get(`/api/reports/${id}/preview`)).json()) as { data: unknown; html: string };
      const json = JSON.stringify(preview.data);
      for (const text of [json, preview.html]) {
        expect(text).not.toContain('TEAMGEHEIM');
        expect(text).not.toContain('Alleen voor het team');
        expect(text).not.toContain('Truus Teamlid');
        expect(text).toContain('We zijn samen een moestuin begonnen.');
        expect(text).not.toContain('Ria Rapport');
        expect(text).toContain('Het buurtfeest bracht iedereen samen.');
        expect(text).toContain('Piet Publiek');
      }
      expect(json).not.toContain('recordedBy');
    });
  }

  it('never names a teller under 16, even with public consent', async () => {
    await addStory(t.db, {
      projectId: w.projectId,
      consent: 'public',
      tellerName: 'Kees Kind',
      under16: true,
      title: 'Schoolplein',
      body: 'Nieuwe schommels.',
      outcomeIds: [w.outcomeId],
    });
    const id = await createReport(coord, w);
    const { html } = (await (await coord.get(`/api/reports/${id}/preview`)).json()) as { html: string };
    expect(html).toContain('Nieuwe schommels.');
    expect(html).not.toContain('Kees Kind');
  });

  it('a withdrawn story leaves new versions and becomes a placeholder in published ones', async () => {
    const id = await createReport(coord, w);
    const v1 = await publish(coord, id);
    const before = await t.db
      .selectFrom('reportVersions')
      .select(['dataJson', 'html'])
      .where('reportId', '=', id)
      .where('number', '=', v1)
      .executeTakeFirstOrThrow();
    expect(before.html).toContain('We zijn samen een moestuin begonnen.');
    expect((await reportsUsingStory(t.db, w.reportStory)).length).toBe(1);
    const served = (await (await coord.get(`/api/reports/${id}/versions/${v1}`)).json()) as { version: { html: string; withdrawnStories: number } };
    expect(served.version.html).toContain('We zijn samen een moestuin begonnen.'); // served (and kept) before the withdrawal
    expect(served.version.withdrawnStories).toBe(0);

    await withdrawStory(t.db, w.reportStory);

    const v2 = await publish(coord, id);
    const fresh = (await (await coord.get(`/api/reports/${id}/versions/${v2}`)).json()) as { version: { data: unknown; html: string } };
    expect(JSON.stringify(fresh.version)).not.toContain('moestuin');
    const used = await t.db
      .selectFrom('reportVersionStories')
      .innerJoin('reportVersions', 'reportVersions.id', 'versionId')
      .select('storyId')
      .where('number', '=', v2)
      .execute();
    expect(used.map((u) => u.storyId)).not.toContain(w.reportStory);

    const old = (await (await coord.get(`/api/reports/${id}/versions/${v1}`)).json()) as { version: { data: unknown; html: string; withdrawnStories: number } };
    expect(old.version.html).not.toContain('moestuin');
    expect(JSON.stringify(old.version.data)).not.toContain('moestuin');
    expect(old.version.html).toContain('Dit verhaal staat hier nu niet.');
    expect(old.version.withdrawnStories).toBe(1);
    expect(old.version.html).toContain('Het buurtfeest bracht iedereen samen.');
    const page = await (await coord.get(`/reports/${id}/versions/${v1}`)).text();
    expect(page).not.toContain('moestuin');
    expect(page).toContain('Dit verhaal staat hier nu niet.');
    const csv = await (await coord.get(`/api/reports/${id}/versions/${v1}/export.csv`)).text();
    expect(csv).not.toContain('moestuin');
    const xml = await (await coord.get(`/api/reports/${id}/versions/${v1}/iati.xml`)).text();
    expect(xml).not.toContain('moestuin');

    // the stored version itself is untouched
    const after = await t.db
      .selectFrom('reportVersions')
      .select(['dataJson', 'html'])
      .where('reportId', '=', id)
      .where('number', '=', v1)
      .executeTakeFirstOrThrow();
    expect(after).toEqual(before);
  });

  it('erasing a teller removes their story text from stored versions too (audited redaction)', async () => {
    const id = await createReport(coord, w);
    await publish(coord, id);
    const { tellerId } = await t.db.selectFrom('stories').select('tellerId').where('id', '=', w.publicStory).executeTakeFirstOrThrow();
    const res = await coord.post(`/api/tellers/${tellerId}/erase`, { reason: 'Verzoek van de verteller' });
    expect(res.status, await res.clone().text()).toBe(200);
    const stored = await t.db.selectFrom('reportVersions').select(['dataJson', 'html']).where('reportId', '=', id).executeTakeFirstOrThrow();
    expect(stored.html + stored.dataJson).not.toContain('buurtfeest');
    expect(stored.html + stored.dataJson).not.toContain('Piet Publiek');
    expect(stored.html).toContain('We zijn samen een moestuin begonnen.');
    const audited = await t.db.selectFrom('auditLog').select('action').where('action', '=', 'report.version.redact').execute();
    expect(audited.length).toBe(1);
  });

  it('a story moved from public to report loses its name in published versions', async () => {
    const id = await createReport(coord, w);
    const v1 = await publish(coord, id);
    expect(await (await coord.get(`/api/reports/${id}/versions/${v1}`)).text()).toContain('Piet Publiek');
    await t.db.updateTable('stories').set({ consent: 'report' }).where('id', '=', w.publicStory).execute();
    const { version } = (await (await coord.get(`/api/reports/${id}/versions/${v1}`)).json()) as { version: { data: unknown; html: string } };
    expect(version.html).toContain('Het buurtfeest bracht iedereen samen.');
    expect(version.html).not.toContain('Piet Publiek');
    expect(JSON.stringify(version.data)).not.toContain('Piet Publiek');
  });

  it('a teller found to be under 16 after publication loses their name in published versions', async () => {
    const id = await createReport(coord, w);
    const v1 = await publish(coord, id);
    expect(await (await coord.get(`/api/reports/${id}/versions/${v1}`)).text()).toContain('Piet Publiek');
    const { tellerId } = await t.db.selectFrom('stories').select('tellerId').where('id', '=', w.publicStory).executeTakeFirstOrThrow();
    await t.db.updateTable('tellers').set({ under16: 1 }).where('id', '=', tellerId).execute();
    const text = await (await coord.get(`/api/reports/${id}/versions/${v1}`)).text();
    expect(text).toContain('Het buurtfeest bracht iedereen samen.');
    expect(text).not.toContain('Piet Publiek');
  });
});

describe('reports: published versions never change', () => {
  it('stored bytes stay identical after edits, new stories and new values; a new version differs', async () => {
    const { t, w, coord } = await setup();
    const id = await createReport(coord, w);
    const v1 = await publish(coord, id);
    const stored = async (n: number) =>
      t.db
        .selectFrom('reportVersions')
        .select(['dataJson', 'html', 'publishedAt'])
        .where('reportId', '=', id)
        .where('number', '=', n)
        .executeTakeFirstOrThrow();
    const before = await stored(v1);
    const apiBefore = await (await coord.get(`/api/reports/${id}/versions/${v1}`)).text();

    await coord.patch(`/api/reports/${id}`, {
      title: 'Nieuwe titel',
      intro: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Andere inleiding' }] }] },
    });
    await addStory(t.db, {
      projectId: w.projectId,
      consent: 'public',
      tellerName: 'Nieuwe Naam',
      title: 'Later verhaal',
      body: 'Later toegevoegd.',
      outcomeIds: [w.outcomeId],
    });
    await t.db.updateTable('indicatorValues').set({ value: 999 }).where('indicatorId', '=', w.indicatorId).execute();

    expect(await stored(v1)).toEqual(before);
    expect(await (await coord.get(`/api/reports/${id}/versions/${v1}`)).text()).toBe(apiBefore);
    const v2 = await publish(coord, id);
    expect(v2).toBe(v1 + 1);
    const second = await stored(v2);
    expect(second.html).toContain('Nieuwe titel');
    expect(second.html).toContain('Later toegevoegd.');
    expect(before.html).not.toContain('Nieuwe titel');
    await t.close();
  });
});

describe('reports: funder isolation', () => {
  it('matrix: a funder sees only shared, published versions; never drafts, previews or others', async () => {
    const { t, w, coord } = await setup();
    const funderA = await t.as('funder');
    const funderB = await t.as('funder');
    const worker = await t.as('worker');
    const reportA = await createReport(coord, w, { title: 'Voor A' });
    const reportB = await createReport(coord, w, { title: 'Voor B' });
    const draftOnly = await createReport(coord, w, { title: 'Alleen concept' });
    expect((await coord.post(`/api/reports/${reportA}/shares`, { userId: funderA.id })).status).toBe(201);
    expect((await coord.post(`/api/reports/${reportB}/shares`, { userId: funderB.id })).status).toBe(201);
    expect((await coord.post(`/api/reports/${draftOnly}/shares`, { userId: funderA.id })).status).toBe(201);
    expect((await coord.post(`/api/reports/${reportA}/shares`, { userId: worker.id })).status).toBe(400);
    await publish(coord, reportA);
    await publish(coord, reportB);
    await coord.patch(`/api/reports/${reportA}`, { title: 'Voor A — concept na publicatie' });

    const listA = (await (await funderA.get('/api/reports')).json()) as { reports: { id: number; title: string }[] };
    expect(listA.reports.map((r) => r.id)).toEqual([reportA]);

    const cases: [Client, string, number][] = [
      // [who, path, expected]
      [funderA, `/api/reports/${reportA}/versions/1`, 200],
      [funderA, `/api/reports/${reportA}/versions/1/export.csv`, 200],
      [funderA, `/api/reports/${reportA}/versions/1/iati.xml`, 200],
      [funderA, `/reports/${reportA}/versions/1`, 200],
      [funderA, `/api/reports/${reportA}/versions`, 200],
      [funderA, `/api/reports/${reportA}/versions/2`, 404],
      [funderA, `/api/reports/${reportA}`, 403],
      [funderA, `/api/reports/${reportA}/preview`, 403],
      [funderA, `/api/reports/${reportB}/versions/1`, 404],
      [funderA, `/api/reports/${reportB}/versions/1/export.csv`, 404],
      [funderA, `/api/reports/${reportB}/versions/1/iati.xml`, 404],
      [funderA, `/reports/${reportB}/versions/1`, 404],
      [funderA, `/api/reports/${reportB}`, 404],
      [funderA, `/api/reports/${reportB}/preview`, 404],
      [funderA, `/api/reports/${draftOnly}/versions`, 404],
      [funderA, `/api/reports/${draftOnly}/preview`, 403],
      [funderA, `/api/reports/9999/versions/1`, 404],
      [funderB, `/api/reports/${reportA}/versions/1`, 404],
      [funderB, `/api/reports/${reportB}/versions/1`, 200],
      [worker, `/api/reports/${reportA}/versions/1`, 403],
      [t.anon, `/api/reports/${reportA}/versions/1`, 401],
    ];
    for (const [who, path, status] of cases)
      expect({ path, who: who === funderA ? 'A' : who === funderB ? 'B' : 'other', status: (await who.get(path)).status }).toEqual({
        path,
        who: who === funderA ? 'A' : who === funderB ? 'B' : 'other',
        status,
      });

    const validReport = { title: 'x', audience: 'funder', periodFrom: '2026-01-01', periodTo: '2026-12-31', projectIds: [w.projectId] };
    for (const [method, path, body] of [
      ['POST', `/api/reports/${reportA}/versions`, undefined],
      ['PATCH', `/api/reports/${reportA}`, { title: 'x' }],
      ['POST', `/api/reports/${reportA}/shares`, { userId: funderA.id }],
      ['POST', `/api/reports/${reportA}/links`, { expiresAt: new Date(Date.now() + 86_400_000).toISOString() }],
      ['POST', `/api/reports`, validReport],
    ] as const) {
      expect({ method, path, status: (await funderA.request(method, path, body)).status }).toEqual({ method, path, status: 403 });
    }

    // the funder's version shows the published title, and never a team story or a report-level name
    const v = await (await funderA.get(`/api/reports/${reportA}/versions/1`)).text();
    expect(v).toContain('Voor A');
    expect(v).not.toContain('concept na publicatie');
    expect(v).not.toContain('TEAMGEHEIM');
    expect(v).not.toContain('Ria Rapport');
    const page = await (await funderA.get(`/reports/${reportA}/versions/1`)).text();
    expect(page).not.toContain('TEAMGEHEIM');
    expect(page).not.toContain('Ria Rapport');

    // an unauthenticated visitor of the page is sent to log in
    const anonPage = await t.anon.get(`/reports/${reportA}/versions/1`);
    expect(anonPage.status).toBe(302);
    await t.close();
  });

  it('an expiring link serves the latest published version read-only, and nothing once expired', async () => {
    const { t, w, coord } = await setup();
    const id = await createReport(coord, w);
    const past = await coord.post(`/api/reports/${id}/links`, { expiresAt: new Date(Date.now() - 1000).toISOString() });
    expect(past.status).toBe(400);
    const res = await coord.post(`/api/reports/${id}/links`, { expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString() });
    expect(res.status).toBe(201);
    const { link } = (await res.json()) as { link: { url: string; token: string } };
    expect((await t.anon.get(`/reports/shared/${link.token}`)).status).toBe(404); // nothing published yet
    await publish(coord, id);
    const page = await t.anon.get(`/reports/shared/${link.token}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Jaarverslag 2026');
    expect((await t.anon.get('/reports/shared/not-a-token')).status).toBe(404);
    await t.db
      .updateTable('reportLinks')
      .set({ expiresAt: new Date(Date.now() - 1).toISOString() })
      .execute();
    expect((await t.anon.get(`/reports/shared/${link.token}`)).status).toBe(410);
    await t.close();
  });
});

describe('reports: climate profile', () => {
  it('shows no figure where fewer than 5 stories stand behind it', async () => {
    const { t, w, coord } = await setup();
    const vid = await addClimateVariable(t.db);
    // 6 stories in the first half, 4 in the second; a team story with a placement never counts
    for (let i = 0; i < 6; i++)
      await addStory(t.db, {
        projectId: w.projectId,
        areaId: w.areaId,
        consent: 'report',
        title: `Vroeg ${i}`,
        body: 'x',
        happenedOn: '2026-02-01',
        placements: { [vid]: 20 + i * 2 },
      });
    for (let i = 0; i < 4; i++)
      await addStory(t.db, {
        projectId: w.projectId,
        areaId: w.areaId,
        consent: 'report',
        title: `Laat ${i}`,
        body: 'x',
        happenedOn: '2026-10-01',
        placements: { [vid]: 80 },
      });
    await addStory(t.db, {
      projectId: w.projectId,
      areaId: w.areaId,
      consent: 'team',
      title: 'Team',
      body: 'x',
      happenedOn: '2026-10-02',
      placements: { [vid]: 80 },
    });
    const id = await createReport(coord, w, { areaIds: [w.areaId] });
    const { data, html } = (await (await coord.get(`/api/reports/${id}/preview`)).json()) as {
      data: {
        climate: {
          variables: {
            all: { n: number; mean: number | null };
            firstHalf: { n: number; mean: number | null };
            secondHalf: { n: number; mean: number | null };
            shift: number | null;
          }[];
        };
      };
      html: string;
    };
    const v = data.climate.variables[0]!;
    expect(v.all).toEqual({ n: 10, mean: 47 });
    // complementary: with the whole period shown, the first half would give the second away
    expect(v.firstHalf).toEqual({ n: 6, mean: null });
    expect(v.secondHalf).toEqual({ n: 4, mean: null });
    expect(v.shift).toBeNull();
    expect(html).toContain('te weinig verhalen');

    await addStory(t.db, {
      projectId: w.projectId,
      areaId: w.areaId,
      consent: 'public',
      tellerName: 'Vijfde',
      title: 'Laat 5',
      body: 'x',
      happenedOn: '2026-10-03',
      placements: { [vid]: 80 },
    });
    const again = (await (await coord.get(`/api/reports/${id}/preview`)).json()) as typeof data extends never ? never : { data: typeof data };
    const v2 = again.data.climate.variables[0]!;
    expect(v2.secondHalf).toEqual({ n: 5, mean: 80 });
    expect(v2.shift).toBe(55);
    await t.close();
  });

  it("counts each story once: the teller's own placement, else the coordinator's; spread in bands of 20", async () => {
    const { t, w, coord } = await setup();
    const vid = await addClimateVariable(t.db);
    const placeAs = (storyId: number, source: 'teller' | 'coordinator', position: number | null, status: 'accepted' | 'suggested' = 'accepted') =>
      t.db.insertInto('storyPlacements').values({ storyId, variableId: vid, source, position, status }).execute();
    // 5 stories in the first half: both placed (the teller's 10 counts, not the coordinator's 90), a
    // coordinator's only (90), a teller without a position (the coordinator's 50), a suggestion only
    // (not counted, so the story stands on the teller's 30 twice more)
    const early = async (title: string) =>
      addStory(t.db, { projectId: w.projectId, areaId: w.areaId, consent: 'report', title, body: 'x', happenedOn: '2026-02-01' });
    const both = await early('Beide');
    await placeAs(both, 'teller', 10);
    await placeAs(both, 'coordinator', 90);
    await placeAs(await early('Alleen coördinator'), 'coordinator', 90);
    const noPosition = await early('Zonder positie');
    await placeAs(noPosition, 'teller', null);
    await placeAs(noPosition, 'coordinator', 50);
    for (const title of ['Een', 'Twee']) {
      const id = await early(title);
      await placeAs(id, 'teller', 30);
      await placeAs(id, 'coordinator', 100, 'suggested');
    }
    const id = await createReport(coord, w, { areaIds: [w.areaId] });
    const { data } = (await (await coord.get(`/api/reports/${id}/preview`)).json()) as {
      data: { climate: { variables: { all: { n: number; mean: number | null }; spread: { first: number[] | null } }[] } };
    };
    const v = data.climate.variables[0]!;
    expect(v.all).toEqual({ n: 5, mean: 42 }); // (10 + 90 + 50 + 30 + 30) / 5
    expect(v.spread.first).toEqual([1, 2, 1, 0, 1]); // 0–19, 20–39, 40–59, 60–79, 80–100
    await t.close();
  });
});

describe('reports: Most Significant Change', () => {
  it('shows selections with their reasons for stories consent allows, and hides them after withdrawal', async () => {
    const { t, w, coord } = await setup();
    const { id: roundId } = await t.db
      .insertInto('mscRounds')
      .values({
        domain: 'Samen leven',
        periodFrom: '2026-01-01',
        periodTo: '2026-06-30',
        status: 'closed',
        closedAt: '2026-07-01T10:00:00.000Z',
        createdBy: null,
        fedBackAt: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto('mscSelections')
      .values([
        { roundId, storyId: w.reportStory, userId: null, reason: 'Het panel koos dit omdat buren elkaar hier echt vonden.' },
        { roundId, storyId: w.teamStory, userId: null, reason: 'TEAMREDEN die niet naar buiten mag.' },
      ])
      .execute();
    const id = await createReport(coord, w);
    const preview = (await (await coord.get(`/api/reports/${id}/preview`)).json()) as { html: string };
    expect(preview.html).toContain('Het panel koos dit omdat buren elkaar hier echt vonden.');
    expect(preview.html).toContain('Samen leven');
    expect(preview.html).not.toContain('TEAMREDEN');
    await publish(coord, id);
    await withdrawStory(t.db, w.reportStory);
    const { version } = (await (await coord.get(`/api/reports/${id}/versions/1`)).json()) as { version: { html: string; data: unknown } };
    expect(version.html).not.toContain('Het panel koos dit');
    expect(JSON.stringify(version.data)).not.toContain('Het panel koos dit');
    await t.close();
  });
});

describe('reports: hours and money, activities by phase', () => {
  it('shows hours and expenses within the period against the plan', async () => {
    const { t, w, coord } = await setup();
    const worker = await t.as('worker');
    await t.db
      .insertInto('hours')
      .values([
        { projectId: w.projectId, userId: worker.id, date: '2026-02-03', hours: 6, phase: 'ZIEN', activity: 'Buurtrondgang' },
        { projectId: w.projectId, userId: worker.id, date: '2026-02-10', hours: 4.5, phase: 'ZIEN', activity: 'Buurtrondgang' },
        { projectId: w.projectId, userId: worker.id, date: '2026-05-01', hours: 3, phase: 'DOEN', activity: 'Moestuin' },
        { projectId: w.projectId, userId: worker.id, date: '2025-12-31', hours: 8, phase: 'DOEN', activity: 'Vorig jaar' },
      ])
      .execute();
    await t.db
      .insertInto('expenses')
      .values([
        { projectId: w.projectId, date: '2026-03-01', amountCents: 12_550, description: 'Zaaigoed', enteredBy: worker.id },
        { projectId: w.projectId, date: '2027-01-01', amountCents: 99_900, description: 'Volgend jaar', enteredBy: worker.id },
      ])
      .execute();
    const id = await createReport(coord, w);
    const { data, html } = (await (await coord.get(`/api/reports/${id}/preview`)).json()) as {
      data: {
        resources: { planHours: number; actualHours: number; planEuros: number; actualEuros: number; actualIncluded: boolean };
        phases: { activities: { included: boolean; counts: Record<string, { activities: number; hours: number }> } };
      };
      html: string;
    };
    expect(data.resources).toMatchObject({ planHours: 1200, actualHours: 13.5, planEuros: 45000, actualEuros: 125.5, actualIncluded: true });
    expect(data.phases.activities).toEqual({ included: true, counts: { ZIEN: { activities: 1, hours: 10.5 }, DOEN: { activities: 1, hours: 3 } } });
    expect(html).toContain('€ 125,50');
    expect(html).not.toContain('bestede uren en uitgaven komen in deze rapportage zodra');
    await t.close();
  });
});

describe('reports: exports', () => {
  it('CSV neutralises formula-like cells', async () => {
    const { t, w, coord } = await setup();
    await t.db.updateTable('projects').set({ name: '=HYPERLINK("http://evil","x")' }).execute();
    await t.db.updateTable('indicators').set({ name: '+SUM(A1)' }).execute();
    await t.db.updateTable('outcomes').set({ title: '@cmd' }).execute();
    const { id: ind2 } = await t.db
      .insertInto('indicators')
      .values({ projectId: w.projectId, outcomeId: w.outcomeId, name: '-2+3', unit: 'count', measure: 'unit', periodicity: 'year' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.db.insertInto('indicatorValues').values({ indicatorId: ind2, period: '2026', value: -4 }).execute();
    await t.db
      .insertInto('indicators')
      .values({ projectId: w.projectId, outcomeId: w.outcomeId, name: '\tTAB', unit: 'count', measure: 'unit', periodicity: 'year' })
      .execute();
    const id = await createReport(coord, w);
    await publish(coord, id);
    const res = await coord.get(`/api/reports/${id}/versions/1/export.csv`);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const rows = parseCsv(await res.text(), { bom: true }) as string[][];
    const cells = rows.flat();
    expect(cells).toContain(`'=HYPERLINK("http://evil","x")`);
    expect(cells).toContain(`'+SUM(A1)`);
    expect(cells).toContain(`'@cmd`);
    expect(cells).toContain(`'-2+3`);
    expect(cells).toContain(`'\tTAB`);
    expect(cells).toContain('-4'); // a number stays a number
    for (const cell of cells) if (cell !== '-4') expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    // A formula after a separator inside a cell: quoted, and neutralised for readers splitting on another separator.
    for (const [i, name] of ['x;=1+1', 'a,@SUM(1)', 'b\t-2+3', "c;'=1"].entries())
      await t.db
        .insertInto('indicators')
        .values({ projectId: w.projectId, outcomeId: w.outcomeId, name, unit: 'count', measure: 'unit', periodicity: 'year' })
        .execute();
    await publish(coord, id);
    const v2 = await (await coord.get(`/api/reports/${id}/versions/2/export.csv`)).text();
    expect(formulaCells(v2)).toEqual([]);
    expect(csvCells(v2, ',')).toEqual(expect.arrayContaining(["x;'=1+1", "a,'@SUM(1)", "b\t'-2+3", "c;''=1"]));
    for (const quoted of ['"x;\'=1+1"', '"a,\'@SUM(1)"', '"b\t\'-2+3"']) expect(v2).toContain(quoted);
    const header = rows[0]!;
    const q2 = rows.find((r) => r[5] === '2026-Q2')!;
    expect([q2[header.indexOf('target')], q2[header.indexOf('actual')]]).toEqual(['60', '63']);
    await t.close();
  });

  it('IATI XML validates against the 2.03 schema and every code is in its codelist', async () => {
    const { t, w, coord } = await setup();
    await t.db.insertInto('outcomes').values({ projectId: w.projectId, title: 'Zonder indicator', level: 'impact' }).execute();
    await t.db
      .updateTable('stories')
      .set({ bodyText: 'Tekst met <tags> & "quotes" en \u0001controle', bodyHtml: '<p>Tekst met &lt;tags&gt; &amp; "quotes" en \u0001controle</p>' })
      .where('id', '=', w.publicStory)
      .execute();
    await reviewAsIs(t.db, w.publicStory); // the changed text is reviewed again, else it stays inside
    const id = await createReport(coord, w);
    await publish(coord, id);
    const res = await coord.get(`/api/reports/${id}/versions/1/iati.xml`);
    expect(res.status).toBe(200);
    const xml = await res.text();
    expect(await iatiErrors(xml)).toEqual([]);
    const codes = codelist;
    const attr = (element: string, name: string) => [...xml.matchAll(new RegExp(`<${element}\\b[^>]*\\s${name}="([^"]+)"`, 'g'))].map((m) => m[1]!);
    const resultTypes = attr('result', 'type');
    const measures = attr('indicator', 'measure');
    expect(resultTypes.sort()).toEqual(['2', '3']);
    expect(measures.length).toBeGreaterThanOrEqual(2);
    for (const c of resultTypes) expect(codes('ResultType')).toContain(c);
    for (const c of measures) expect(codes('IndicatorMeasure')).toContain(c);
    for (const m of xml.matchAll(/<reference vocabulary="([^"]+)"/g)) expect([...codes('IndicatorVocabulary'), ...codes('ResultVocabulary')]).toContain(m[1]);
    // The report period (2026) seen on the publication day: started, so an actual start; its end planned
    // while it runs, actual once over.
    const publishedOn = xml.match(/generated-datetime="(\d{4}-\d{2}-\d{2})/)![1]!;
    const over = '2026-12-31' < publishedOn;
    expect(attr('activity-date', 'type')).toEqual(['2', over ? '4' : '3']);
    expect(attr('activity-status', 'code')).toEqual([over ? '4' : '2']);
    expect(attr('reporting-org', 'type')).toEqual(['22']);
    expect(attr('participating-org', 'role')).toEqual(['4']);
    expect(attr('description', 'type')).toEqual(['1']);
    // every code the export writes, against the official codelists in ../shared
    for (const c of attr('activity-date', 'type')) expect(codes('ActivityDateType')).toContain(c);
    for (const c of attr('activity-status', 'code')) expect(codes('ActivityStatus')).toContain(c);
    for (const c of [...attr('reporting-org', 'type'), ...attr('participating-org', 'type')]) expect(codes('OrganisationType')).toContain(c);
    for (const c of attr('participating-org', 'role')) expect(codes('OrganisationRole')).toContain(c);
    for (const c of attr('description', 'type')) expect(codes('DescriptionType')).toContain(c);

    // numbers and stories, anonymised per consent
    expect(xml).toContain('<baseline year="2025" iso-date="2025-01-01" value="40"/>');
    expect(xml).toMatch(/<period-start iso-date="2026-04-01"\/>\s*<period-end iso-date="2026-06-30"\/>\s*<target value="60"\/>\s*<actual value="63"\/>/);
    expect(xml).toContain('We zijn samen een moestuin begonnen.');
    expect(xml).toContain('Piet Publiek');
    expect(xml).not.toContain('Ria Rapport');
    expect(xml).not.toContain('TEAMGEHEIM');
    expect(xml).toContain('&lt;tags&gt; &amp;');
    await t.close();
  });

  it('IATI activity dates and status follow the report period as seen on the publication day', () => {
    const day = '2026-06-15';
    expect(activityTiming('2026-07-01', '2026-12-31', day)).toEqual({ status: '1', start: '1', end: '3' }); // not begun: pipeline, planned
    expect(activityTiming('2026-06-15', '2026-06-15', day)).toEqual({ status: '2', start: '2', end: '3' }); // runs today: actual start, planned end
    expect(activityTiming('2026-01-01', '2026-06-14', day)).toEqual({ status: '4', start: '2', end: '4' }); // over: closed, actual dates
  });

  it('the reporting organisation comes from IATI_ORG_REF, ORG_NAME and IATI_ORG_TYPE, the type checked against its codelist at startup', async () => {
    expect(() => loadConfig({ IATI_ORG_TYPE: '99' })).toThrow(/OrganisationType/);
    expect(() => loadConfig({ IATI_ORG_TYPE: '' })).toThrow(/OrganisationType/);
    expect(loadConfig({}).iatiOrg).toEqual({ ref: 'XX-WEEFWERK', name: 'Weefwerk', type: '22' });
    const { iatiOrg } = loadConfig({ IATI_ORG_REF: 'NL-KVK-12345678', ORG_NAME: 'Gemeente Noord, team opbouwwerk', IATI_ORG_TYPE: ' 11 ' });
    expect(iatiOrg).toEqual({ ref: 'NL-KVK-12345678', name: 'Gemeente Noord, team opbouwwerk', type: '11' });

    const t = await testApp({ iatiOrg });
    const w = await reportWorld(t.db);
    const coord = await t.as('coordinator');
    const id = await createReport(coord, w);
    await publish(coord, id);
    const xml = await (await coord.get(`/api/reports/${id}/versions/1/iati.xml`)).text();
    expect(await iatiErrors(xml)).toEqual([]);
    expect(xml).toMatch(/<reporting-org ref="NL-KVK-12345678" type="11">\s*<narrative>Gemeente Noord, team opbouwwerk<\/narrative>/);
    expect(xml).toMatch(/<participating-org ref="NL-KVK-12345678" role="4" type="11">/);
    expect(xml).toContain(`<iati-identifier>NL-KVK-12345678-WW-R${id}</iati-identifier>`);
    await t.close();
  });

  it('the version page is a print-ready document with charts as inline SVG and no script', async () => {
    const { t, w, coord } = await setup();
    const id = await createReport(coord, w);
    await publish(coord, id);
    const res = await coord.get(`/reports/${id}/versions/1`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await res.text();
    expect(html).not.toMatch(/<script/i);
    expect(html).toMatch(/<svg[^>]*role="img"[^>]*aria-labelledby="chart-/);
    expect(html).toContain('<title id="chart-');
    expect(html).toContain('<table class="data">');
    expect(html).toContain('@media print');
    expect(html).toContain('break-before: page');
    // With sensemaking and counting merged, MSC selections and hours are included: no placeholder for them.
    expect(html).not.toMatch(/Nog niet opgenomen: de selecties van Most Significant Change/);
    await t.close();
  });

  it('all report routes are in the OpenAPI document', async () => {
    const { t } = await setup();
    const doc = (await (await t.anon.get('/api/openapi.json')).json()) as { paths: Record<string, unknown> };
    for (const p of [
      '/api/reports',
      '/api/reports/{id}',
      '/api/reports/{id}/preview',
      '/api/reports/{id}/versions',
      '/api/reports/{id}/versions/{n}',
      '/api/reports/{id}/versions/{n}/export.csv',
      '/api/reports/{id}/versions/{n}/iati.xml',
      '/api/reports/{id}/shares',
      '/api/reports/{id}/links',
    ])
      expect(Object.keys(doc.paths)).toContain(p);
    await t.close();
  });
});

describe('reports: indicators per area', () => {
  it('shows an indicator kept per area overall and per area, within the report’s wijk and its buurten', async () => {
    const { t, w, coord } = await setup();
    const area = async (name: string, kind: 'wijk' | 'buurt', parentId: number | null = null) =>
      (await t.db.insertInto('areas').values({ name, kind, parentId }).returning('id').executeTakeFirstOrThrow()).id;
    const noord = await area('Noord', 'wijk');
    const zuid = await area('Zuid', 'wijk');
    await t.db.updateTable('areas').set({ parentId: noord }).where('id', '=', w.areaId).execute(); // Oosterpark lies in Noord
    const bloemen = await area('Bloemenbuurt', 'buurt', noord);
    const zuidhoek = await area('Zuidhoek', 'buurt', zuid);
    const { id: visitors } = await t.db
      .insertInto('indicators')
      .values({
        projectId: w.projectId,
        outcomeId: w.outcomeId,
        name: 'Bezoekers buurtkamer',
        unit: 'count',
        measure: 'unit',
        periodicity: 'quarter',
        byArea: 1,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto('indicatorTargets')
      .values([
        { indicatorId: visitors, period: '2026-Q1', areaId: 0, value: 30 }, // the whole project
        { indicatorId: visitors, period: '2026-Q1', areaId: w.areaId, value: 12 },
      ])
      .execute();
    await t.db
      .insertInto('indicatorValues')
      .values([
        { indicatorId: visitors, period: '2026-Q1', areaId: w.areaId, value: 10 },
        { indicatorId: visitors, period: '2026-Q1', areaId: bloemen, value: 5 },
        { indicatorId: visitors, period: '2026-Q1', areaId: zuidhoek, value: 7 },
      ])
      .execute();
    type Ind = {
      name: string;
      periods: { period: string; target: number | null; actual: number | null }[];
      areas: { name: string; periods: { period: string; target: number | null; actual: number | null }[] }[];
    };
    const visitorsIn = async (id: number) => {
      const { data } = (await (await coord.get(`/api/reports/${id}/preview`)).json()) as {
        data: { outcomes: { indicators: Ind[]; stories: { title?: string }[] }[] };
      };
      return { ind: data.outcomes[0]!.indicators.find((i) => i.name === 'Bezoekers buurtkamer')!, stories: data.outcomes[0]!.stories };
    };

    // Every area: the overall figure is the sum over the areas (a count adds up), each area beside it.
    const all = await visitorsIn(await createReport(coord, w));
    expect(all.ind.periods).toEqual([expect.objectContaining({ period: '2026-Q1', target: 30, actual: 22 })]);
    expect(all.ind.areas.map((a) => [a.name, a.periods.map((p) => [p.period, p.target, p.actual])])).toEqual([
      ['Bloemenbuurt', [['2026-Q1', null, 5]]],
      ['Oosterpark', [['2026-Q1', 12, 10]]],
      ['Zuidhoek', [['2026-Q1', null, 7]]],
    ]);

    // A report about wijk Noord: its buurten's figures and stories, nothing of Zuid.
    const id = await createReport(coord, w, { areaIds: [noord] });
    const north = await visitorsIn(id);
    // ... and a target that compares: Noord's areas' targets, not the whole project's 30.
    expect(north.ind.periods).toEqual([expect.objectContaining({ period: '2026-Q1', target: 12, actual: 15 })]);
    expect(north.ind.areas.map((a) => a.name)).toEqual(['Bloemenbuurt', 'Oosterpark']);
    expect(north.stories.map((s) => s.title)).toContain('De moestuin'); // told in Oosterpark

    await publish(coord, id);
    const page = await (await coord.get(`/reports/${id}/versions/1`)).text();
    expect(page).toContain('Bezoekers buurtkamer per gebied');
    // One compact matrix, areas × periods: the actual, the area's target in brackets.
    expect(page).toMatch(/<thead><tr><th scope="col">Gebied<\/th><th scope="col">2026-Q1<\/th><\/tr><\/thead>/);
    expect(page).toMatch(/<tr><th scope="row">Oosterpark<\/th><td>10 <span class="target">\(12\)<\/span><\/td><\/tr>/);
    expect(page).not.toContain('Zuidhoek');

    const rows = parseCsv(await (await coord.get(`/api/reports/${id}/versions/1/export.csv`)).text(), { bom: true }) as string[][];
    const col = (name: string) => rows[0]!.indexOf(name);
    const visitorRows = rows
      .filter((r) => r[col('item')] === 'Bezoekers buurtkamer')
      .map((r) => [r[col('area')], r[col('period')], r[col('target')], r[col('actual')]]);
    expect(visitorRows).toEqual([
      ['', '2026-Q1', '12', '15'],
      ['Bloemenbuurt', '2026-Q1', '', '5'],
      ['Oosterpark', '2026-Q1', '12', '10'],
    ]);

    const xml = await (await coord.get(`/api/reports/${id}/versions/1/iati.xml`)).text();
    expect(await iatiErrors(xml)).toEqual([]);
    expect(xml).toMatch(/<target value="12">\s*<dimension name="gebied" value="Oosterpark"\/>\s*<\/target>/);
    expect(xml).toMatch(/<actual value="15"\/>\s*<actual value="5">\s*<dimension name="gebied" value="Bloemenbuurt"\/>/);
    await t.close();
  });
});
