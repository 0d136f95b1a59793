import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Client, type TestApp } from './helpers/app.js';
import { addStory, withdrawStory } from './helpers/reports-fixtures.js';
import { createReport, intro, publish, reportSetup, type World } from './helpers/report-api.js';
import { reportsUsingStory } from '../db/repositories/reports.js';

describe('reports: definition', () => {
  let t: TestApp;
  let w: World;
  let coord: Client;
  beforeEach(async () => ({ t, w, coord } = await reportSetup()));
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

  it('the preview tells where its time went: assembling the data, then rendering the page (Server-Timing)', async () => {
    const res = await coord.get(`/api/reports/${await createReport(coord, w)}/preview`);
    expect(res.status).toBe(200);
    const timing = /^assemble;dur=([\d.]+), render;dur=([\d.]+)$/.exec(res.headers.get('server-timing') ?? '');
    expect(timing, res.headers.get('server-timing') ?? 'no Server-Timing').not.toBeNull();
    expect(Number(timing![1])).toBeGreaterThan(0);
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
  beforeEach(async () => ({ t, w, coord } = await reportSetup()));
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
    const { t, w, coord } = await reportSetup();
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
    const { t, w, coord } = await reportSetup();
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
    const { t, w, coord } = await reportSetup();
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
