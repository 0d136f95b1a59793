// Telling by voice, adding a photo: uploads are judged by their bytes (415 otherwise, whatever the
// name), limited in size and length (413), cleaned (WebM re-muxed without metadata, photos
// re-encoded without EXIF/GPS), stored beside the database with a checksum, heard by the team and
// the teller only, never in a report, and deleted with the story. A story whose media cannot be
// stored is not stored either.
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import exifr from 'exifr';
import sharp from 'sharp';
import { parseBuffer } from 'music-metadata';
import { beforeAll, describe, expect, it } from 'vitest';
import { receiptHash } from '../db/repositories/stories.js';
import { mediaDir } from '../server/media/index.js';
import { testApp, ORIGIN, type TestApp } from './helpers/app.js';
import { climate, doc, json, openLink, postWithMedia as post, storyCount, world, type World } from './helpers/stories-fixtures.js';
import { addOutcome } from './helpers/reports-fixtures.js';

const recording = readFileSync(join(process.cwd(), 'tests', 'fixtures', 'media', 'recording-3s.webm'));

/** A phone photo with the camera's make, the owner's name and where it was taken. */
const photoWithGps = () =>
  sharp({ create: { width: 1200, height: 900, channels: 3, background: { r: 200, g: 120, b: 40 } } })
    .withExif({
      IFD0: { Make: 'Phone', Model: 'X1', Artist: 'Fatima' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '52/1 22/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '4/1 53/1 0/1' },
    })
    .jpeg()
    .toBuffer();

/** The same recording, its first cluster moved to 6 minutes: a recording longer than allowed. */
function tooLong(): Buffer {
  const at = recording.indexOf(Buffer.from([0x1f, 0x43, 0xb6, 0x75])) + 4 + 8; // Cluster id, 8-byte unknown size
  expect([...recording.subarray(at, at + 2)]).toEqual([0xe7, 0x81]); // its Timecode, one byte
  return Buffer.concat([recording.subarray(0, at), Buffer.from([0xe7, 0x83, 0x05, 0x7e, 0x40]), recording.subarray(at + 3)]); // 360000 ms
}

const story = (fields: Record<string, unknown> = {}) => ({
  consent: 'public',
  tellerName: 'Buurman Kees',
  consentTextVersion: '2026-11-29/nl',
  language: 'nl',
  ...fields,
});

const filesIn = (dir: string): string[] =>
  existsSync(dir) ? readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => statSync(join(dir, f)).isFile()) : [];
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('a story told by voice, with a photo', () => {
  let t: TestApp;
  let w: World;
  let token: string;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'weefwerk-media-test-'));
    t = await testApp({ mediaPath: dir });
    w = await world(t);
    await climate(t, w.projectA, 2);
    token = (await openLink(w.admin, w.projectA)).token;
  });

  it('keeps a recording (re-muxed, without the recorder’s name, with its length) and a photo without EXIF or GPS; the teller and the team hear it', async () => {
    const res = await post(t, token, {
      story: story({ photoInReports: true }),
      audio: [recording, 'opname.webm', 'audio/webm'],
      photo: [await photoWithGps(), 'IMG_0001.jpg', 'image/jpeg'],
    });
    const { receipt } = await json(res, 201);
    const row = await t.db.selectFrom('stories').select(['id', 'title', 'bodyText']).where('receiptHash', '=', receiptHash(receipt)!).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ title: 'Ingesproken verhaal', bodyText: '' }); // told by voice alone
    const media = await t.db.selectFrom('storyMedia').selectAll().where('storyId', '=', row.id).orderBy('kind').execute();
    expect(media.map((m) => [m.kind, m.mime, m.photoInReports])).toEqual([
      ['audio', 'audio/webm', 0],
      ['photo', 'image/jpeg', 1],
    ]);
    // Beside the database, named by the server, each with its checksum.
    for (const m of media) {
      const bytes = readFileSync(join(dir, m.file));
      expect(sha(bytes)).toBe(m.sha256);
      expect(bytes.length).toBe(m.bytes);
      expect(m.file).not.toMatch(/opname|IMG_0001/);
    }
    const audio = readFileSync(join(dir, media[0]!.file));
    expect(audio.includes(Buffer.from('Chrome'))).toBe(false); // the recorder's name is gone
    const meta = await parseBuffer(audio, { mimeType: 'audio/webm' });
    expect(meta.format.duration).toBeGreaterThan(2.5);
    expect(meta.format.duration).toBeLessThan(3.5);
    expect(media[0]!.durationSeconds).toBeCloseTo(meta.format.duration!, 1);
    const photo = readFileSync(join(dir, media[1]!.file));
    expect(await exifr.gps(photo)).toBeUndefined();
    expect((await exifr.parse(photo)) ?? {}).not.toHaveProperty('Make');
    expect((await sharp(photo).metadata()).exif).toBeUndefined();

    // The teller listens back with the receipt code.
    const read = await json(await t.anon.get(`/api/public/receipts/${receipt}`), 200);
    expect(read.story.media.map((m: { kind: string }) => m.kind).sort()).toEqual(['audio', 'photo']);
    const audioUrl = read.story.media.find((m: { kind: string }) => m.kind === 'audio').url;
    const heard = await t.anon.get(audioUrl);
    expect(heard.status).toBe(200);
    expect(heard.headers.get('content-type')).toBe('audio/webm');
    expect(Buffer.from(await heard.arrayBuffer()).equals(audio)).toBe(true);

    // The project's team hears it; another project's worker and funders do not.
    const detail = await json(await w.member.get(`/api/stories/${row.id}`), 200);
    const url = detail.story.media.find((m: { kind: string }) => m.kind === 'audio').url;
    expect((await w.member.get(url)).status).toBe(200);
    expect((await w.admin.get(url)).status).toBe(200);
    expect((await w.other.get(url)).status).toBe(404);
    expect((await (await t.as('funder')).get(url)).status).toBe(403);
    expect((await t.anon.get(url)).status).toBe(401);
  });

  it('refuses what is not audio or a photo by its bytes, whatever its name (415), and what is too large or too long (413); nothing is stored', async () => {
    const before = await storyCount(t);
    const files = filesIn(dir).length;
    const text = Buffer.from('Dit is geen opname, alleen tekst met een mooie naam.\n'.repeat(20));
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    // A refusal names, for whoever looks into it, the file type found in the bytes.
    const cases: [number, Parameters<typeof post>[2], string?][] = [
      [415, { story: story(), audio: [text, 'verhaal.webm', 'audio/webm'] }, 'found no known file type'],
      [415, { story: story({ body: doc('Met foto.') }), photo: [pdf, 'foto.jpg', 'image/jpeg'] }, 'found application/pdf'],
      [415, { story: story({ body: doc('Met foto.') }), photo: [recording, 'foto.jpg', 'image/jpeg'] }, 'found video/webm'], // audio is not a photo
      [415, { story: story(), audio: [await photoWithGps(), 'opname.webm', 'audio/webm'] }, 'found image/jpeg'], // nor a photo audio
      [413, { story: story(), audio: [Buffer.concat([recording, Buffer.alloc(8.5 * 1024 * 1024)]), 'lang.webm', 'audio/webm'] }],
      [413, { story: story(), audio: [tooLong(), 'zes-minuten.webm', 'audio/webm'] }],
      [
        413,
        {
          story: story({ body: doc('Grote foto.') }),
          photo: [Buffer.concat([await photoWithGps(), Buffer.alloc(10.5 * 1024 * 1024)]), 'groot.jpg', 'image/jpeg'],
        },
      ],
      [400, { story: story() }], // no words and no recording
      [400, { story: story({ body: doc('Met een vreemd veld.') }), extra: ['video', 'x'] }],
    ];
    for (const [status, parts, reason] of cases) {
      const res = await post(t, token, parts);
      const body = (await res.json()) as { error: { details: { reason?: string }[] } };
      expect(res.status, `${JSON.stringify(Object.keys(parts))}: ${JSON.stringify(body)}`).toBe(status);
      if (reason) expect(body.error.details[0]!.reason).toBe(reason);
    }
    // Over the whole request's limit: refused before it is read.
    const huge = await post(t, token, { story: story(), audio: [Buffer.alloc(20 * 1024 * 1024), 'x.webm', 'audio/webm'] });
    expect(huge.status).toBe(413);
    expect(await storyCount(t)).toBe(before);
    expect(filesIn(dir).length).toBe(files);
  });

  it('stores nothing when the media cannot be stored: no story without its recording', async () => {
    const blocked = join(mkdtempSync(join(tmpdir(), 'weefwerk-media-blocked-')), 'not-a-folder');
    writeFileSync(blocked, 'a file where the media folder should be');
    const broken = await testApp({ mediaPath: blocked });
    const bw = await world(broken);
    const link = await openLink(bw.admin, bw.projectA);
    const res = await post(broken, link.token, { story: story({ body: doc('Mijn verhaal met opname.') }), audio: [recording, 'opname.webm', 'audio/webm'] });
    expect(res.status).toBe(500);
    expect((await res.json()).error.message).toMatch(/niets opgeslagen|nothing was saved/);
    expect(await storyCount(broken)).toBe(0);
    expect(await broken.db.selectFrom('storyMedia').select('id').execute()).toEqual([]);
  });

  it('deletes the files when the teller withdraws the story, and when a teller is erased', async () => {
    const first = await json(
      await post(t, token, {
        story: story({ body: doc('Weghalen.') }),
        audio: [recording, 'a.webm', 'audio/webm'],
        photo: [await photoWithGps(), 'b.jpg', 'image/jpeg'],
      }),
      201,
    );
    const id = (await t.db.selectFrom('stories').select('id').where('receiptHash', '=', receiptHash(first.receipt)!).executeTakeFirstOrThrow()).id;
    const files = (await t.db.selectFrom('storyMedia').select('file').where('storyId', '=', id).execute()).map((m) => m.file);
    expect(files).toHaveLength(2);
    const url = (await json(await t.anon.get(`/api/public/receipts/${first.receipt}`), 200)).story.media[0].url;
    await json(await t.anon.post(`/api/public/receipts/${first.receipt}/withdraw`), 200);
    for (const f of files) expect(existsSync(join(dir, f))).toBe(false);
    expect(await t.db.selectFrom('storyMedia').select('id').where('storyId', '=', id).execute()).toEqual([]);
    expect((await t.anon.get(url)).status).toBe(404);
    expect((await json(await t.anon.get(`/api/public/receipts/${first.receipt}`), 200)).story.media).toEqual([]);

    const second = await json(await post(t, token, { story: story({ body: doc('Wissen.') }), audio: [recording, 'a.webm', 'audio/webm'] }), 201);
    const s2 = await t.db.selectFrom('stories').select(['id', 'tellerId']).where('receiptHash', '=', receiptHash(second.receipt)!).executeTakeFirstOrThrow();
    const file2 = (await t.db.selectFrom('storyMedia').select('file').where('storyId', '=', s2.id).executeTakeFirstOrThrow()).file;
    expect(existsSync(join(dir, file2))).toBe(true);
    const erased = await json(await w.admin.post(`/api/tellers/${s2.tellerId}/erase`, { reason: 'Verzoek van de verteller' }), 200);
    expect(erased.erased).toMatchObject({ stories: 1, media: 1 });
    expect(existsSync(join(dir, file2))).toBe(false);
  });

  it('a worker adds a recording to a story they heard; the team hears it', async () => {
    const created = await json(
      await w.member.post('/api/stories', {
        projectId: w.projectA,
        title: 'Aan de deur',
        body: doc('Opgeschreven na het gesprek.'),
        source: 'heard',
        consent: { level: 'team', channel: 'spoken', givenBy: 'teller' },
      }),
      201,
    );
    const form = new FormData();
    form.set('audio', new Blob([new Uint8Array(recording)], { type: 'audio/webm' }), 'gesprek.webm');
    const res = await t.app.request(`${ORIGIN}/api/stories/${created.story.id}/media`, {
      method: 'POST',
      headers: { origin: ORIGIN, cookie: w.member.cookie! },
      body: form,
    });
    const { story: withMedia } = await json(res, 201);
    expect(withMedia.media).toEqual([expect.objectContaining({ kind: 'audio', mime: 'audio/webm', photoInReports: false })]);
    expect((await w.admin.get(withMedia.media[0].url)).status).toBe(200);
    // Not twice, and not by someone who may not edit it.
    const again = await t.app.request(`${ORIGIN}/api/stories/${created.story.id}/media`, {
      method: 'POST',
      headers: { origin: ORIGIN, cookie: w.member.cookie! },
      body: form,
    });
    expect(again.status).toBe(409);
  });

  it('never puts a recording in a report: only the typed text travels (and the media folder defaults to beside the database)', async () => {
    const { receipt } = await json(
      await post(t, token, { story: story({ body: doc('Wat ik vertelde, uitgetypt.') }), audio: [recording, 'a.webm', 'audio/webm'] }),
      201,
    );
    const s = await t.db.selectFrom('stories').select('id').where('receiptHash', '=', receiptHash(receipt)!).executeTakeFirstOrThrow();
    const outcome = await addOutcome(t.db, w.projectA, 'Buren kennen elkaar');
    await t.db.insertInto('storyOutcomes').values({ storyId: s.id, outcomeId: outcome }).execute();
    const { reviewAsIs } = await import('./helpers/reports-fixtures.js');
    await reviewAsIs(t.db, s.id);
    const report = await json(
      await w.admin.post('/api/reports', {
        title: 'Jaarverslag',
        audience: 'funder',
        periodFrom: '2026-01-01',
        periodTo: '2030-12-31',
        projectIds: [w.projectA],
      }),
      201,
    );
    const preview = await (await w.admin.get(`/api/reports/${report.report.id}/preview`)).text();
    expect(preview).toContain('Wat ik vertelde, uitgetypt.');
    const published = await w.admin.post(`/api/reports/${report.report.id}/versions`);
    expect(published.status).toBe(201);
    const n = (await published.json()).version.number;
    for (const path of [
      `/api/reports/${report.report.id}/versions/${n}`,
      `/api/reports/${report.report.id}/versions/${n}/export.csv`,
      `/api/reports/${report.report.id}/versions/${n}/iati.xml`,
      `/reports/${report.report.id}/versions/${n}`,
    ]) {
      const body = await (await w.admin.get(path)).text();
      expect(body, path).not.toMatch(/\/media\/|audio\/|\.webm|<audio/);
    }
    expect(mediaDir({ databasePath: '/srv/weefwerk/data/weefwerk.db' })).toBe('/srv/weefwerk/data/media');
    expect(mediaDir({ databasePath: '/srv/weefwerk/data/weefwerk.db', mediaPath: '/var/lib/weefwerk-media' })).toBe('/var/lib/weefwerk-media');
  });
});
