// Photos in reports (issue 14): a photo reaches a report only with consent `public` and its own
// "foto mag in verslagen". Then it shows with its story in the preview, the published version
// (page, JSON, print) for staff and funders it is shared with, and behind a read link — each
// surface serving it only through a route that checks the viewer may see that version. Any other
// photo appears nowhere beyond the team; a withdrawal, an erasure or a narrowed consent takes it
// away from versions already published.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { receiptHash } from '../db/repositories/stories.js';
import { ORIGIN, testApp, type Client, type TestApp } from './helpers/app.js';
import { addOutcome, reviewAsIs } from './helpers/reports-fixtures.js';
import { doc, json, openLink, world, type World } from './helpers/stories-fixtures.js';

const photo = (r: number) =>
  sharp({ create: { width: 640, height: 480, channels: 3, background: { r, g: 120, b: 40 } } })
    .jpeg()
    .toBuffer();

describe('photos in reports', () => {
  let t: TestApp;
  let w: World;
  let reportId: number;
  let token: string;
  const s: Record<'allowed' | 'reportOnly' | 'noFlag' | 'narrowed' | 'erased', { id: number; receipt: string; mediaId: number }> = {} as never;

  /** A resident tells a story through the link with a photo; it is tagged to the outcome and its report version reviewed. */
  async function tell(t: TestApp, linkToken: string, outcomeId: number, title: string, consent: string, photoInReports: boolean, r: number) {
    const form = new FormData();
    form.set(
      'story',
      JSON.stringify({
        title,
        body: doc(`${title}: wat er veranderde.`),
        consent,
        tellerName: 'Buurvrouw Fatma', // a public story is shown with a name
        consentTextVersion: '2026-11-29/nl',
        language: 'nl',
        happenedOn: '2026-05-01',
        photoInReports,
      }),
    );
    form.set('photo', new Blob([new Uint8Array(await photo(r))], { type: 'image/jpeg' }), 'foto.jpg');
    const res = await t.app.request(`${ORIGIN}/api/public/links/${linkToken}/stories`, {
      method: 'POST',
      headers: { origin: ORIGIN, 'x-forwarded-for': '10.0.0.7' },
      body: form,
    });
    const { receipt } = await json(res, 201);
    const { id } = await t.db.selectFrom('stories').select('id').where('receiptHash', '=', receiptHash(receipt)!).executeTakeFirstOrThrow();
    await t.db.insertInto('storyOutcomes').values({ storyId: id, outcomeId, status: 'accepted' }).execute();
    await reviewAsIs(t.db, id);
    const media = await t.db.selectFrom('storyMedia').select('id').where('storyId', '=', id).executeTakeFirstOrThrow();
    return { id, receipt, mediaId: media.id };
  }

  const version = async (who: Client = w.funder) => (await json(await who.get(`/api/reports/${reportId}/versions/1`), 200)).version;
  const photoOf = (who: Client, mediaId: number) => who.get(`/api/reports/${reportId}/versions/1/photos/${mediaId}`);
  const sharedPage = async () => (await t.anon.get(`/reports/shared/${token}`)).text();
  const sharedPhoto = (mediaId: number) => t.anon.get(`/reports/shared/${token}/photos/${mediaId}`);
  /** The photo ids a served version's data carries, per story. */
  const photosIn = (data: { outcomes: { stories: { id: number; photo?: { id: number } }[] }[] }) =>
    Object.fromEntries(data.outcomes.flatMap((o) => o.stories.filter((x) => x.photo).map((x) => [x.id, x.photo!.id])));

  beforeAll(async () => {
    t = await testApp({ mediaPath: mkdtempSync(join(tmpdir(), 'weefwerk-report-photos-')) });
    w = await world(t);
    const outcomeId = await addOutcome(t.db, w.projectA, 'Buren kennen elkaar');
    const link = (await openLink(w.admin, w.projectA)).token;
    s.allowed = await tell(t, link, outcomeId, 'Het buurtfeest', 'public', true, 200);
    s.reportOnly = await tell(t, link, outcomeId, 'De moestuin', 'report', true, 100);
    s.noFlag = await tell(t, link, outcomeId, 'Het bankje', 'public', false, 50);
    s.narrowed = await tell(t, link, outcomeId, 'De speeltuin', 'public', true, 150);
    s.erased = await tell(t, link, outcomeId, 'De markt', 'public', true, 250);
    const created = await json(
      await w.coordinator.post('/api/reports', {
        title: 'Jaarverslag',
        audience: 'funder',
        periodFrom: '2026-01-01',
        periodTo: '2026-12-31',
        projectIds: [w.projectA],
      }),
      201,
    );
    reportId = created.report.id;
    await json(
      await w.coordinator.patch(`/api/reports/${reportId}`, {
        perOutcome: [{ outcomeId, storyIds: [s.allowed.id, s.reportOnly.id, s.noFlag.id, s.narrowed.id, s.erased.id] }],
      }),
      200,
    );
    await json(await w.coordinator.post(`/api/reports/${reportId}/versions`), 201);
    await json(await w.coordinator.post(`/api/reports/${reportId}/shares`, { userId: w.funder.id }), 201);
    token = (await json(await w.coordinator.post(`/api/reports/${reportId}/links`, { expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString() }), 201))
      .link.token;
  });

  it('the preview shows only the allowed photos, at the team’s own address for them', async () => {
    const preview = await json(await w.coordinator.get(`/api/reports/${reportId}/preview`), 200);
    expect(photosIn(preview.data)).toEqual({ [s.allowed.id]: s.allowed.mediaId, [s.narrowed.id]: s.narrowed.mediaId, [s.erased.id]: s.erased.mediaId });
    expect(preview.html).toContain(`<img src="/api/stories/${s.allowed.id}/media/${s.allowed.mediaId}" alt="Foto bij het verhaal ‘Het buurtfeest’">`);
    expect(preview.html.match(/<img /g)).toHaveLength(3);
    expect((await w.coordinator.get(`/api/stories/${s.allowed.id}/media/${s.allowed.mediaId}`)).status).toBe(200);
  });

  it('a funder it is shared with sees the allowed photo with its story, with alt text; no other photo is in the version', async () => {
    const v = await version();
    expect(photosIn(v.data)).toEqual({ [s.allowed.id]: s.allowed.mediaId, [s.narrowed.id]: s.narrowed.mediaId, [s.erased.id]: s.erased.mediaId });
    const img = `<img src="/api/reports/${reportId}/versions/1/photos/${s.allowed.mediaId}" alt="Foto bij het verhaal ‘Het buurtfeest’">`;
    expect(v.html).toContain(img);
    // inside its story: between the story's title and its text
    expect(v.html).toMatch(new RegExp(`<h4>Het buurtfeest</h4>[^]*?${img}[^]*?Het buurtfeest: wat er veranderde.`));
    const res = await photoOf(w.funder, s.allowed.mediaId);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect((await sharp(Buffer.from(await res.arrayBuffer())).metadata()).width).toBe(640);
    // The page the funder opens (and prints) carries it too, in Dutch and in English.
    const page = await (await w.funder.get(`/reports/${reportId}/versions/1`)).text();
    expect(page).toContain(img);
    const en = await (await w.funder.get(`/reports/${reportId}/versions/1?lang=en`)).text();
    expect(en).toContain(`<img src="/api/reports/${reportId}/versions/1/photos/${s.allowed.mediaId}" alt="Photo with the story ‘Het buurtfeest’">`);
    expect((await photoOf(w.coordinator, s.allowed.mediaId)).status).toBe(200);
  });

  it('the read link shows the allowed photo at its own address; a photo without public consent or without the flag is nowhere beyond the team', async () => {
    const page = await sharedPage();
    expect(page).toContain(`<img src="/reports/shared/${token}/photos/${s.allowed.mediaId}" alt="Foto bij het verhaal ‘Het buurtfeest’">`);
    expect((await sharedPhoto(s.allowed.mediaId)).status).toBe(200);
    for (const hidden of [s.reportOnly, s.noFlag]) {
      expect(page).not.toContain(`photos/${hidden.mediaId}"`);
      expect((await version()).html).not.toContain(`photos/${hidden.mediaId}"`);
      expect(JSON.stringify((await version()).data)).not.toContain(`"photo":{"id":${hidden.mediaId}}`);
      expect((await sharedPhoto(hidden.mediaId)).status).toBe(404);
      expect((await photoOf(w.funder, hidden.mediaId)).status).toBe(404);
      expect((await photoOf(w.coordinator, hidden.mediaId)).status).toBe(404);
      // the team still sees it with the story
      expect((await w.member.get(`/api/stories/${hidden.id}/media/${hidden.mediaId}`)).status).toBe(200);
    }
    // the stories themselves are in the report (their text), only their photos are not
    expect(page).toContain('De moestuin: wat er veranderde.');
    expect(page).toContain('Het bankje: wat er veranderde.');
  });

  it('only readers of that version get a photo: a worker 403, another funder 404, a wrong or revoked token nothing', async () => {
    expect((await photoOf(w.member, s.allowed.mediaId)).status).toBe(403);
    const stranger = await t.as('funder');
    expect((await photoOf(stranger, s.allowed.mediaId)).status).toBe(404);
    expect((await photoOf(t.anon, s.allowed.mediaId)).status).toBe(401);
    expect((await t.anon.get(`/reports/shared/not-a-token/photos/${s.allowed.mediaId}`)).status).toBe(404);
    const other = (await json(await w.coordinator.post(`/api/reports/${reportId}/links`, { expiresAt: new Date(Date.now() + 86_400_000).toISOString() }), 201))
      .link;
    expect((await t.anon.get(`/reports/shared/${other.token}/photos/${s.allowed.mediaId}`)).status).toBe(200);
    await json(await w.coordinator.post(`/api/reports/${reportId}/links/${other.id}/revoke`), 200);
    expect((await t.anon.get(`/reports/shared/${other.token}/photos/${s.allowed.mediaId}`)).status).toBe(410);
    // a version that does not exist
    expect((await w.funder.get(`/api/reports/${reportId}/versions/2/photos/${s.allowed.mediaId}`)).status).toBe(404);
  });

  it('a consent narrowed to “in reports, without name” takes the photo out of the published version; the story stays, anonymised', async () => {
    expect((await sharedPhoto(s.narrowed.mediaId)).status).toBe(200);
    await json(await w.admin.post(`/api/stories/${s.narrowed.id}/consent`, { level: 'report', channel: 'online', givenBy: 'teller' }), 200);
    const v = await version();
    expect(photosIn(v.data)).toEqual({ [s.allowed.id]: s.allowed.mediaId, [s.erased.id]: s.erased.mediaId });
    expect(v.html).not.toContain(`photos/${s.narrowed.mediaId}"`);
    expect(v.html).toContain('De speeltuin: wat er veranderde.');
    expect(await sharedPage()).not.toContain(`photos/${s.narrowed.mediaId}"`);
    expect((await sharedPhoto(s.narrowed.mediaId)).status).toBe(404);
    expect((await photoOf(w.funder, s.narrowed.mediaId)).status).toBe(404);
  });

  it('after the teller withdraws the story (or is erased), its photo is gone from every surface, stored version included', async () => {
    await json(await t.anon.post(`/api/public/receipts/${s.allowed.receipt}/withdraw`), 200);
    const { tellerId } = await t.db.selectFrom('stories').select('tellerId').where('id', '=', s.erased.id).executeTakeFirstOrThrow();
    await json(await w.admin.post(`/api/tellers/${tellerId}/erase`, { reason: 'Verzoek van de verteller' }), 200);
    const v = await version();
    expect(photosIn(v.data)).toEqual({});
    expect(v.html).not.toMatch(/<img /);
    expect(await sharedPage()).not.toMatch(/<img /);
    expect(await (await w.funder.get(`/reports/${reportId}/versions/1`)).text()).not.toMatch(/<img /);
    expect((await photoOf(w.funder, s.allowed.mediaId)).status).toBe(404);
    expect((await photoOf(w.coordinator, s.allowed.mediaId)).status).toBe(404);
    expect((await sharedPhoto(s.allowed.mediaId)).status).toBe(404);
    const stored = await t.db.selectFrom('reportVersions').select(['dataJson', 'html']).where('reportId', '=', reportId).executeTakeFirstOrThrow();
    for (const gone of [s.allowed, s.erased]) {
      expect((await sharedPhoto(gone.mediaId)).status).toBe(404);
      expect(stored.html).not.toContain(`weefwerk-photo:${gone.mediaId}"`);
      expect(stored.dataJson).not.toContain(`"photo":{"id":${gone.mediaId}}`);
    }
  });
});
