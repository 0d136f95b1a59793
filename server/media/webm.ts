// Re-muxes a WebM audio recording (what MediaRecorder writes in Chromium and Firefox) into a clean
// file: the EBML header, one Segment of known size with a fresh Info (time scale, duration, our
// own muxing app), the Tracks, and the Clusters' timecodes and blocks. Everything else — tags,
// attachments, chapters, the writing app's name, cues, seek heads — is left out, so no metadata
// travels with the sound. The browser's recording has no duration (it is written while recording);
// the copy gets one, so it can be checked against the limit and a player shows its length.

import { NotCleanable } from './not-cleanable.js';

const ID = {
  EBML: 0x1a45dfa3,
  Segment: 0x18538067,
  Info: 0x1549a966,
  TimecodeScale: 0x2ad7b1,
  Duration: 0x4489,
  MuxingApp: 0x4d80,
  WritingApp: 0x5741,
  Tracks: 0x1654ae6b,
  TrackEntry: 0xae,
  TrackType: 0x83,
  Cluster: 0x1f43b675,
  Timecode: 0xe7,
  SimpleBlock: 0xa3,
  BlockGroup: 0xa0,
  Block: 0xa1,
} as const;

/** Elements that may follow a Cluster of unknown size at the Segment's level. */
const LEVEL1 = new Set([0x114d9b74, 0x1549a966, 0x1654ae6b, 0x1f43b675, 0x1c53bb6b, 0x1941a469, 0x1043a770, 0x1254c367]);

export class NotWebm extends NotCleanable {}

type Element = { id: number; start: number; dataStart: number; end: number; unknown: boolean };

function readId(b: Buffer, pos: number): { id: number; len: number } {
  const first = b[pos];
  if (first === undefined) throw new NotWebm('truncated');
  const len = first >= 0x80 ? 1 : first >= 0x40 ? 2 : first >= 0x20 ? 3 : first >= 0x10 ? 4 : 0;
  if (!len || pos + len > b.length) throw new NotWebm('bad element id');
  let id = 0;
  for (let i = 0; i < len; i++) id = id * 256 + b[pos + i]!;
  return { id, len };
}

function readSize(b: Buffer, pos: number): { size: number; len: number; unknown: boolean } {
  const first = b[pos];
  if (first === undefined) throw new NotWebm('truncated');
  let len = 1;
  while (len <= 8 && !(first & (0x100 >> len))) len++;
  if (len > 8 || pos + len > b.length) throw new NotWebm('bad element size');
  let size = first & (0xff >> len);
  let allOnes = size === 0xff >> len;
  for (let i = 1; i < len; i++) {
    const byte = b[pos + i]!;
    size = size * 256 + byte;
    if (byte !== 0xff) allOnes = false;
  }
  return { size, len, unknown: allOnes };
}

function element(b: Buffer, pos: number, parentEnd: number): Element {
  const { id, len } = readId(b, pos);
  const s = readSize(b, pos + len);
  const dataStart = pos + len + s.len;
  const end = s.unknown ? parentEnd : dataStart + s.size;
  if (end > parentEnd) throw new NotWebm('element runs past its parent');
  return { id, start: pos, dataStart, end, unknown: s.unknown };
}

function uint(b: Buffer, e: Element): number {
  let v = 0;
  for (let i = e.dataStart; i < e.end; i++) v = v * 256 + b[i]!;
  return v;
}

function encodeId(id: number): Buffer {
  const bytes: number[] = [];
  for (let v = id; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Buffer.from(bytes);
}

/** An element with an 8-byte size field (always valid EBML, simplest to write). */
function write(id: number, ...children: Buffer[]): Buffer {
  const data = Buffer.concat(children);
  const size = Buffer.alloc(8);
  size.writeBigUInt64BE(BigInt(data.length) | (1n << 56n));
  return Buffer.concat([encodeId(id), size, data]);
}

const uintData = (n: number) => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(BigInt(n));
  return b;
};
const floatData = (n: number) => {
  const b = Buffer.alloc(8);
  b.writeDoubleBE(n);
  return b;
};

/** The children of a container; a child of unknown size (a live Cluster) ends where the next level-1 element starts. */
function children(b: Buffer, from: number, to: number): Element[] {
  const out: Element[] = [];
  let pos = from;
  while (pos < to) {
    const e = element(b, pos, to);
    if (e.unknown && e.id === ID.Cluster) {
      let end = e.dataStart;
      while (end < to) {
        const next = readId(b, end);
        if (LEVEL1.has(next.id)) break;
        end = element(b, end, to).end;
      }
      e.end = end;
    }
    out.push(e);
    pos = e.end;
  }
  return out;
}

/** A block's time relative to its cluster (signed 16 bits after the track number). */
function blockTime(b: Buffer, e: Element): number {
  const track = readSize(b, e.dataStart);
  return b.readInt16BE(e.dataStart + track.len);
}

export type Remuxed = { bytes: Buffer; durationSeconds: number };

/** The recording without metadata and with its duration; throws NotWebm for anything that is not audio-only WebM. */
export function remuxWebm(input: Buffer): Remuxed {
  const top = children(input, 0, input.length);
  const header = top[0];
  const segment = top.find((e) => e.id === ID.Segment);
  if (!header || header.id !== ID.EBML || !segment) throw new NotWebm('no EBML header or segment');
  let scale = 1_000_000;
  let tracks: Buffer | null = null;
  const clusters: Buffer[] = [];
  let last = 0;
  for (const e of children(input, segment.dataStart, segment.end)) {
    if (e.id === ID.Info) {
      const ts = children(input, e.dataStart, e.end).find((c) => c.id === ID.TimecodeScale);
      if (ts) scale = uint(input, ts) || scale;
    } else if (e.id === ID.Tracks) {
      const entries = children(input, e.dataStart, e.end).filter((c) => c.id === ID.TrackEntry);
      const audioOnly =
        entries.length > 0 && entries.every((t) => children(input, t.dataStart, t.end).some((c) => c.id === ID.TrackType && uint(input, c) === 2));
      if (!audioOnly) throw new NotWebm('not an audio-only recording');
      tracks = input.subarray(e.start, e.end);
    } else if (e.id === ID.Cluster) {
      let time = 0;
      const kept: Buffer[] = [];
      for (const c of children(input, e.dataStart, e.end)) {
        if (c.id === ID.Timecode) {
          time = uint(input, c);
          kept.push(write(ID.Timecode, uintData(time)));
        } else if (c.id === ID.SimpleBlock) {
          last = Math.max(last, time + blockTime(input, c));
          kept.push(write(ID.SimpleBlock, input.subarray(c.dataStart, c.end)));
        } else if (c.id === ID.BlockGroup) {
          const block = children(input, c.dataStart, c.end).find((x) => x.id === ID.Block);
          if (block) last = Math.max(last, time + blockTime(input, block));
          kept.push(write(ID.BlockGroup, input.subarray(c.dataStart, c.end)));
        }
      }
      clusters.push(write(ID.Cluster, ...kept));
    }
  }
  if (!tracks || !clusters.length) throw new NotWebm('no tracks or no sound');
  // The last block's start plus one Opus frame (20 ms) is the recording's length.
  const duration = last + 20_000_000 / scale;
  const info = write(
    ID.Info,
    write(ID.TimecodeScale, uintData(scale)),
    write(ID.Duration, floatData(duration)),
    write(ID.MuxingApp, Buffer.from('weefwerk')),
    write(ID.WritingApp, Buffer.from('weefwerk')),
  );
  const bytes = Buffer.concat([input.subarray(header.start, header.end), write(ID.Segment, info, tracks, ...clusters)]);
  return { bytes, durationSeconds: (duration * scale) / 1e9 };
}
