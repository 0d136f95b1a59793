// Cleans an MP4/M4A recording (what Safari records): the boxes that carry descriptions — udta,
// meta, ilst (title, artist, comment, place…), uuid (XMP) — and the optional indexes mfra and sidx
// are dropped wherever they stand; the parents' sizes are rewritten, and so are the absolute
// offsets into the file that follow a dropped box (stco/co64 chunk offsets, a fragment's
// base_data_offset). The creation and modification times in mvhd, tkhd and mdhd become 0. A box
// that does not add up throws NotCleanable.
import { NotCleanable } from './not-cleanable.js';

type Box = { type: string; start: number; dataStart: number; end: number; large: boolean; toEnd: boolean };

const CONTAINERS = new Set(['moov', 'trak', 'mdia', 'minf', 'stbl', 'edts', 'dinf', 'mvex', 'moof', 'traf']);
const DROPPED = new Set(['udta', 'meta', 'ilst', 'uuid', 'mfra', 'sidx']);
const TIMES = new Set(['mvhd', 'tkhd', 'mdhd']);

function boxes(b: Buffer, from: number, to: number, top: boolean): Box[] {
  const out: Box[] = [];
  let pos = from;
  while (pos < to) {
    if (pos + 8 > to) throw new NotCleanable('a box header runs past its parent');
    let size = b.readUInt32BE(pos);
    const type = b.toString('latin1', pos + 4, pos + 8);
    let dataStart = pos + 8;
    const large = size === 1;
    const toEnd = size === 0;
    if (large) {
      if (pos + 16 > to) throw new NotCleanable('a box header runs past its parent');
      const big = b.readBigUInt64BE(pos + 8);
      if (big > BigInt(Number.MAX_SAFE_INTEGER)) throw new NotCleanable('a box too large');
      size = Number(big);
      dataStart = pos + 16;
    } else if (toEnd) {
      if (!top) throw new NotCleanable('a box without a size inside another');
      size = to - pos;
    }
    const end = pos + size;
    if (end < dataStart || end > to) throw new NotCleanable(`box ${JSON.stringify(type)} runs past its parent`);
    out.push({ type, start: pos, dataStart, end, large, toEnd });
    pos = end;
  }
  return out;
}

function header(type: string, size: number, large: boolean): Buffer {
  if (!large && size > 0xffffffff) large = true;
  const h = Buffer.alloc(large ? 16 : 8);
  h.writeUInt32BE(large ? 1 : size);
  h.write(type, 4, 'latin1');
  if (large) h.writeBigUInt64BE(BigInt(size), 8);
  return h;
}

/** The recording without descriptive boxes; throws NotCleanable when the file cannot be rewritten safely. */
export function cleanMp4(input: Buffer): Buffer {
  const top = boxes(input, 0, input.length, true);
  if (top[0]?.type !== 'ftyp' || !top.some((x) => x.type === 'moov') || !top.some((x) => x.type === 'mdat')) throw new NotCleanable('no ftyp, moov or mdat');
  // First the byte ranges that go, then every absolute offset moves back by what went before it.
  const dropped: [number, number][] = [];
  const collect = (list: Box[]) => {
    for (const x of list) {
      if (DROPPED.has(x.type)) dropped.push([x.start, x.end]);
      else if (CONTAINERS.has(x.type)) collect(boxes(input, x.dataStart, x.end, false));
    }
  };
  collect(top);
  const moved = (offset: number): number => {
    let shift = 0;
    for (const [start, end] of dropped) {
      if (offset >= start && offset < end) throw new NotCleanable('an offset points into a dropped box');
      if (end <= offset) shift += end - start;
    }
    return offset - shift;
  };

  const write = (x: Box): Buffer[] => {
    if (DROPPED.has(x.type)) return [];
    if (CONTAINERS.has(x.type)) {
      const children = boxes(input, x.dataStart, x.end, false).flatMap(write);
      const size = children.reduce((n, c) => n + c.length, 0);
      return [header(x.type, size + (x.large ? 16 : 8), x.large), ...children];
    }
    if (x.type === 'mdat' && x.toEnd) return [input.subarray(x.start, x.end)];
    const box = Buffer.from(input.subarray(x.start, x.end));
    const data = x.dataStart - x.start;
    if (x.type === 'stco' || x.type === 'co64') {
      const wide = x.type === 'co64' ? 8 : 4;
      const count = box.readUInt32BE(data + 4);
      if (box.length !== data + 8 + count * wide) throw new NotCleanable('a chunk offset table that does not add up');
      for (let i = 0; i < count; i++) {
        const at = data + 8 + i * wide;
        const old = wide === 8 ? Number(box.readBigUInt64BE(at)) : box.readUInt32BE(at);
        if (old >= input.length) throw new NotCleanable('a chunk offset past the end');
        if (wide === 8) box.writeBigUInt64BE(BigInt(moved(old)), at);
        else box.writeUInt32BE(moved(old), at);
      }
    } else if (x.type === 'tfhd') {
      if (box.length < data + 8) throw new NotCleanable('a short tfhd');
      if (box.readUInt32BE(data) & 1) {
        if (box.length < data + 16) throw new NotCleanable('a short tfhd');
        box.writeBigUInt64BE(BigInt(moved(Number(box.readBigUInt64BE(data + 8)))), data + 8);
      }
    } else if (TIMES.has(x.type)) {
      const wide = box[data] === 1 ? 8 : 4;
      if (box.length < data + 4 + 2 * wide) throw new NotCleanable(`a short ${x.type}`);
      box.fill(0, data + 4, data + 4 + 2 * wide); // creation and modification time
    }
    return [box];
  };
  return Buffer.concat(top.flatMap(write));
}
