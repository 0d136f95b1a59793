// Recordings from other recorders than Chromium's: Ogg (Opus, Vorbis) and MP4/M4A (Safari on an
// iPhone) with tags — a title, the speaker's name, a comment, a place — are cleaned, not refused:
// the stored file carries no tag, keeps its length and its sound, and is still a valid file
// (Ogg: fresh checksums and page numbers; MP4: sizes and chunk offsets that point at the sound).
// What cannot be rewritten safely is refused (415) and nothing is stored.
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseBuffer } from 'music-metadata';
import { beforeAll, describe, expect, it } from 'vitest';
import { receiptHash } from '../db/repositories/stories.js';
import { testApp, type TestApp } from './helpers/app.js';
import { box, chunkOffsets, crc, fragmentedM4a, m4a, m4aFrames, oggOpus, oggPages, oggVorbis } from './helpers/audio-fixtures.js';
import { json, openLink, postWithMedia, storyCount, world } from './helpers/stories-fixtures.js';

const story = { consent: 'team', consentTextVersion: '2026-11-29/nl', language: 'nl' };
/** What must not be in a stored recording: the tags' words, the place, the encoder's name. */
const TRACES = ['Fatima', 'plein', 'thuis', '52.3700', 'Lavf', 'Xiph', 'TITLE=', 'ilst', 'udta'];

const filesIn = (dir: string): string[] =>
  existsSync(dir) ? readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => statSync(join(dir, f)).isFile()) : [];

describe('Ogg and MP4 recordings with tags', () => {
  let t: TestApp;
  let dir: string;
  let token: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'weefwerk-media-tags-'));
    t = await testApp({ mediaPath: dir });
    const w = await world(t);
    token = (await openLink(w.admin, w.projectA)).token;
  });

  /** Sends a recording; returns the stored row and file. */
  async function upload(bytes: Buffer, name: string) {
    const { receipt } = await json(await postWithMedia(t, token, { story, audio: [bytes, name, 'application/octet-stream'] }), 201);
    const row = await t.db
      .selectFrom('storyMedia')
      .innerJoin('stories', 'stories.id', 'storyMedia.storyId')
      .select(['storyMedia.mime', 'storyMedia.file', 'storyMedia.durationSeconds'])
      .where('stories.receiptHash', '=', receiptHash(receipt)!)
      .executeTakeFirstOrThrow();
    return { row, stored: readFileSync(join(dir, row.file)) };
  }

  async function expectClean(stored: Buffer, mime: string) {
    const meta = await parseBuffer(stored, { mimeType: mime, size: stored.length }, { duration: true });
    expect(meta.common).not.toHaveProperty('title');
    expect(meta.common).not.toHaveProperty('artist');
    expect(meta.common).not.toHaveProperty('comment');
    expect(meta.format.duration).toBeCloseTo(3, 1);
    for (const trace of TRACES) expect(stored.includes(Buffer.from(trace, 'latin1')), trace).toBe(false);
  }

  for (const [codec, make] of [
    ['Opus', oggOpus],
    ['Vorbis', oggVorbis],
  ] as const) {
    it(`Ogg ${codec}: the comment header is emptied, the pages renumbered with fresh checksums, the sound kept`, async () => {
      const original = make(3);
      expect((await parseBuffer(original, { mimeType: 'audio/ogg' })).common.title).toBe('Mijn verhaal over het plein'); // the fixture has tags
      const { row, stored } = await upload(original, 'opname.bin');
      expect(row.mime).toBe('audio/ogg');
      expect(row.file).toMatch(/\.ogg$/);
      expect(row.durationSeconds).toBeCloseTo(3, 1);
      await expectClean(stored, 'audio/ogg');
      const pages = oggPages(stored);
      expect(pages.every((p) => p.crcOk)).toBe(true);
      expect(pages.map((p) => p.seq)).toEqual(pages.map((_, i) => i));
      // the audio pages are the original ones, byte for byte apart from their number and checksum
      const audio = (b: Buffer) => oggPages(b).filter((p) => p.granule > 0n);
      expect(audio(stored).map((p) => [p.granule, p.flags, p.body.toString('hex')])).toEqual(
        audio(original).map((p) => [p.granule, p.flags, p.body.toString('hex')]),
      );
    });
  }

  for (const moovFirst of [true, false]) {
    it(`MP4/M4A (moov ${moovFirst ? 'before' : 'after'} mdat): udta, meta and ilst go, sizes and chunk offsets still point at the sound`, async () => {
      const original = m4a(3, { moovFirst });
      expect((await parseBuffer(original, { mimeType: 'audio/mp4' })).common.artist).toBe('Fatima El Amrani');
      const { row, stored } = await upload(original, 'Voice memo.txt');
      expect(row.mime).toBe('audio/mp4');
      expect(row.file).toMatch(/\.m4a$/);
      await expectClean(stored, 'audio/mp4');
      expect(stored.length).toBeLessThan(original.length);
      // every box adds up to the file's length, and the chunk offset points at the first frame
      let end = 0;
      while (end < stored.length) end += stored.readUInt32BE(end);
      expect(end).toBe(stored.length);
      const frames = Buffer.concat(m4aFrames(3));
      const [offset] = chunkOffsets(stored);
      expect(stored.subarray(offset, offset! + frames.length).equals(frames)).toBe(true);
      if (moovFirst) expect(offset).toBeLessThan(chunkOffsets(original)[0]!); // moved back by what was dropped
      // when it was recorded is gone too (mvhd's creation time)
      const mvhd = stored.indexOf(Buffer.from('mvhd'));
      expect(stored.readUInt32BE(mvhd + 8)).toBe(0);
    });
  }

  it('a fragmented MP4 (as Safari records): the tags go, the fragment still finds its sound', async () => {
    const original = fragmentedM4a(3);
    expect((await parseBuffer(original, { mimeType: 'audio/mp4' })).common.title).toBe('Mijn verhaal over het plein');
    const { row, stored } = await upload(original, 'recording');
    expect(row.mime).toBe('audio/mp4');
    await expectClean(stored, 'audio/mp4');
    // the sample data starts where the fragment says: its moof's start plus the trun's data offset
    const moof = stored.indexOf(Buffer.from('moof')) - 4;
    const trun = stored.indexOf(Buffer.from('trun'));
    const frames = Buffer.concat(m4aFrames(3));
    const at = moof + stored.readUInt32BE(trun + 12);
    expect(stored.subarray(at, at + frames.length).equals(frames)).toBe(true);
  });

  it('refuses what it cannot clean safely (415), whatever the name, and stores nothing', async () => {
    const before = await storyCount(t);
    const files = filesIn(dir).length;
    const opus = oggOpus(3);
    const badCrc = Buffer.from(opus);
    badCrc[badCrc.length - 3]! ^= 0xff;
    // a second stream interleaved (a video beside the sound, say)
    const second = Buffer.from(oggOpus(1).subarray(0, 47));
    second.writeUInt32LE(0xbeef, 14);
    second.writeUInt32LE(0, 22);
    second.writeUInt32LE(crc(second), 22);
    const twoStreams = Buffer.concat([second, opus]);
    // an Ogg stream of another codec (Speex)
    const speex = Buffer.from(opus);
    speex.write('Speex   ', 28, 'latin1');
    speex.writeUInt32LE(0, 22);
    speex.writeUInt32LE(crc(speex.subarray(0, 47)), 22);
    const mp4 = m4a(3, { moovFirst: true });
    const pastEnd = Buffer.from(mp4);
    pastEnd.writeUInt32BE(mp4.length, 0); // ftyp claims the whole file and more
    const truncated = mp4.subarray(0, mp4.length - 20);
    const noMoov = Buffer.concat([mp4.subarray(0, mp4.indexOf(Buffer.from('moov')) - 4), box('mdat', Buffer.alloc(50))]);
    const cases: [string, Buffer][] = [
      ['a wrong page checksum', badCrc],
      ['two streams', twoStreams],
      ['Speex in Ogg', speex],
      ['a box past the end', pastEnd],
      ['a cut-off file', truncated],
      ['no moov', noMoov],
    ];
    for (const [what, bytes] of cases) {
      const res = await postWithMedia(t, token, { story, audio: [bytes, 'opname.m4a', 'audio/mp4'] });
      expect(res.status, `${what}: ${await res.clone().text()}`).toBe(415);
      expect((await res.json()).error.details[0].message, what).toMatch(
        /^(Deze opname kunnen we niet veilig opschonen|Dit bestand is geen opname die we kennen)\. .+ \/ (We cannot clean this recording safely|This file is not a recording we know)\. /,
      );
    }
    expect(await storyCount(t)).toBe(before);
    expect(filesIn(dir).length).toBe(files);
  });
});
