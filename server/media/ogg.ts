// Cleans an Ogg Opus or Ogg Vorbis recording: the comment header (title, artist, place, any tag,
// and the encoder's name) is replaced by an empty one; the identification header, the Vorbis setup
// header and every audio page are kept as they are, renumbered and with fresh CRCs. Anything else
// (more than one stream, another codec, a page that does not add up) throws NotCleanable.
import { NotCleanable } from './not-cleanable.js';

type Page = { flags: number; granule: Buffer; serial: number; segments: number[]; data: Buffer };

const CAPTURE = Buffer.from('OggS');
const VENDOR = Buffer.from('weefwerk');

/** The Ogg CRC-32 (polynomial 0x04c11db7, not reflected, starting at 0). */
const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let r = i << 24;
    for (let j = 0; j < 8; j++) r = r & 0x80000000 ? (r << 1) ^ 0x04c11db7 : r << 1;
    table[i] = r >>> 0;
  }
  return table;
})();

export function oggCrc(bytes: Buffer): number {
  let crc = 0;
  for (const b of bytes) crc = ((crc << 8) ^ CRC_TABLE[((crc >>> 24) ^ b) & 0xff]!) >>> 0;
  return crc;
}

function readPages(input: Buffer): Page[] {
  const pages: Page[] = [];
  let pos = 0;
  while (pos < input.length) {
    if (pos + 27 > input.length || !input.subarray(pos, pos + 4).equals(CAPTURE) || input[pos + 4] !== 0) throw new NotCleanable('not an Ogg page');
    const count = input[pos + 26]!;
    const segments = [...input.subarray(pos + 27, pos + 27 + count)];
    const start = pos + 27 + count;
    const end = start + segments.reduce((a, b) => a + b, 0);
    if (segments.length !== count || end > input.length) throw new NotCleanable('a page runs past the end');
    const header = Buffer.from(input.subarray(pos, start));
    header.writeUInt32LE(0, 22);
    if (oggCrc(Buffer.concat([header, input.subarray(start, end)])) !== input.readUInt32LE(pos + 22)) throw new NotCleanable('a page with a wrong checksum');
    pages.push({
      flags: input[pos + 5]!,
      granule: input.subarray(pos + 6, pos + 14),
      serial: input.readUInt32LE(pos + 14),
      segments,
      data: input.subarray(start, end),
    });
    pos = end;
  }
  return pages;
}

function writePage(page: Page, sequence: number): Buffer {
  const header = Buffer.alloc(27 + page.segments.length);
  CAPTURE.copy(header, 0);
  header[5] = page.flags;
  page.granule.copy(header, 6);
  header.writeUInt32LE(page.serial, 14);
  header.writeUInt32LE(sequence, 18);
  header[26] = page.segments.length;
  Buffer.from(page.segments).copy(header, 27);
  const bytes = Buffer.concat([header, page.data]);
  bytes.writeUInt32LE(oggCrc(bytes), 22);
  return bytes;
}

/** Packets laid out on pages, 255 lacing values at most a page (granule 0 where a packet ends, -1 where none does). */
function pagesFor(packets: Buffer[], serial: number, firstFlags: number): Page[] {
  const lacing: { value: number; ends: boolean }[] = [];
  for (const p of packets) {
    for (let n = p.length; n >= 255; n -= 255) lacing.push({ value: 255, ends: false });
    lacing.push({ value: p.length % 255, ends: true });
  }
  const data = Buffer.concat(packets);
  const pages: Page[] = [];
  let offset = 0;
  for (let i = 0; i < lacing.length; i += 255) {
    const part = lacing.slice(i, i + 255);
    const size = part.reduce((a, l) => a + l.value, 0);
    const continued = i > 0 && !lacing[i - 1]!.ends;
    const granule = Buffer.alloc(8, part.some((l) => l.ends) ? 0 : 0xff);
    pages.push({
      flags: (i === 0 ? firstFlags : 0) | (continued ? 1 : 0),
      granule,
      serial,
      segments: part.map((l) => l.value),
      data: data.subarray(offset, offset + size),
    });
    offset += size;
  }
  return pages;
}

const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
};

/** The recording with an empty comment header; throws NotCleanable for anything but a single Opus or Vorbis stream. */
export function cleanOgg(input: Buffer): Buffer {
  const pages = readPages(input);
  const first = pages[0];
  if (!first || !(first.flags & 2) || first.segments.length !== 1 || first.segments[0] === 255) throw new NotCleanable('no identification page');
  if (pages.some((p) => p.serial !== first.serial)) throw new NotCleanable('more than one stream');
  const id = first.data;
  const opus = id.subarray(0, 8).equals(Buffer.from('OpusHead'));
  const vorbis = id.subarray(0, 7).equals(Buffer.from('\x01vorbis', 'latin1'));
  if (!opus && !vorbis) throw new NotCleanable('neither Opus nor Vorbis');
  // The headers after the identification: Opus has its tags, Vorbis its comment and its setup.
  const wanted = opus ? 1 : 2;
  const headers: Buffer[] = [];
  let packet: Buffer[] = [];
  let next = 1;
  for (; next < pages.length && headers.length < wanted; next++) {
    const page = pages[next]!;
    if (!!(page.flags & 1) !== packet.length > 0) throw new NotCleanable('a header page out of order');
    let offset = 0;
    for (const size of page.segments) {
      packet.push(page.data.subarray(offset, offset + size));
      offset += size;
      if (size < 255) {
        headers.push(Buffer.concat(packet));
        packet = [];
      }
    }
    // The audio starts on a page of its own.
    if (headers.length > wanted || (headers.length === wanted && packet.length)) throw new NotCleanable('audio shares a page with the headers');
  }
  if (headers.length < wanted) throw new NotCleanable('the headers are incomplete');
  const comment = headers[0]!;
  if (opus ? !comment.subarray(0, 8).equals(Buffer.from('OpusTags')) : !comment.subarray(0, 7).equals(Buffer.from('\x03vorbis', 'latin1')))
    throw new NotCleanable('no comment header');
  if (vorbis && !headers[1]!.subarray(0, 7).equals(Buffer.from('\x05vorbis', 'latin1'))) throw new NotCleanable('no setup header');
  const empty = opus
    ? Buffer.concat([Buffer.from('OpusTags'), u32(VENDOR.length), VENDOR, u32(0)])
    : Buffer.concat([Buffer.from('\x03vorbis', 'latin1'), u32(VENDOR.length), VENDOR, u32(0), Buffer.from([1])]);
  if (next === pages.length) throw new NotCleanable('no sound');
  const out = [first, ...pagesFor([empty, ...headers.slice(1)], first.serial, 0), ...pages.slice(next)];
  return Buffer.concat(out.map((p, i) => writePage(p, i)));
}
