// Small Ogg (Opus, Vorbis) and MP4/M4A recordings written byte by byte, with the tags a phone or an
// editing app leaves (title, artist, comment, a place), for the upload tests. The sound itself is
// silence-shaped filler: the server never decodes it, and music-metadata reads the length from the
// container (Ogg: the last granule position; MP4: mvhd/mdhd).

// --- Ogg ---------------------------------------------------------------------------------------

const CRC = (() => {
  const t = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let r = i << 24;
    for (let j = 0; j < 8; j++) r = r & 0x80000000 ? (r << 1) ^ 0x04c11db7 : r << 1;
    t[i] = r >>> 0;
  }
  return t;
})();
export const crc = (b: Buffer) => b.reduce((c, x) => ((c << 8) ^ CRC[((c >>> 24) ^ x) & 0xff]!) >>> 0, 0);

const u16 = (n: number) => Buffer.from([n & 0xff, n >> 8]);
const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
};

/** One page holding whole packets (each shorter than 255 × 255 bytes). */
function page(packets: Buffer[], o: { seq: number; granule: bigint; flags?: number; serial?: number }): Buffer {
  const lacing: number[] = [];
  for (const p of packets) {
    for (let n = p.length; n >= 255; n -= 255) lacing.push(255);
    lacing.push(p.length % 255);
  }
  const head = Buffer.alloc(27);
  head.write('OggS');
  head[5] = o.flags ?? 0;
  head.writeBigInt64LE(o.granule, 6);
  head.writeUInt32LE(o.serial ?? 0x5eed, 14);
  head.writeUInt32LE(o.seq, 18);
  head[26] = lacing.length;
  const bytes = Buffer.concat([head, Buffer.from(lacing), ...packets]);
  bytes.writeUInt32LE(crc(bytes), 22);
  return bytes;
}

/** The pages of an Ogg file: [{ seq, crcOk, granule, packets… }] to check what the server wrote. */
export function oggPages(b: Buffer) {
  const out: { seq: number; crcOk: boolean; flags: number; granule: bigint; body: Buffer; serial: number }[] = [];
  for (let pos = 0; pos < b.length;) {
    const n = b[pos + 26]!;
    const size = [...b.subarray(pos + 27, pos + 27 + n)].reduce((a, x) => a + x, 0);
    const bytes = Buffer.from(b.subarray(pos, pos + 27 + n + size));
    const stored = bytes.readUInt32LE(22);
    bytes.writeUInt32LE(0, 22);
    out.push({
      seq: bytes.readUInt32LE(18),
      crcOk: crc(bytes) === stored,
      flags: bytes[5]!,
      granule: bytes.readBigInt64LE(6),
      body: bytes.subarray(27 + n),
      serial: bytes.readUInt32LE(14),
    });
    pos += bytes.length;
  }
  return out;
}

const comments = (vendor: string, tags: string[]) =>
  Buffer.concat([u32(vendor.length), Buffer.from(vendor), u32(tags.length), ...tags.flatMap((t) => [u32(Buffer.byteLength(t)), Buffer.from(t)])]);

export const TAGS = ['TITLE=Mijn verhaal over het plein', 'ARTIST=Fatima El Amrani', 'COMMENT=Opgenomen bij ons thuis', 'LOCATION=52.3700,4.8900'];

/** Ogg Opus, mono, `seconds` long (20 ms packets, one second a page), with `tags` in its OpusTags. */
export function oggOpus(seconds: number, tags = TAGS): Buffer {
  const head = Buffer.concat([Buffer.from('OpusHead'), Buffer.from([1, 1]), u16(312), u32(48000), u16(0), Buffer.from([0])]);
  const pages = [
    page([head], { seq: 0, granule: 0n, flags: 2 }),
    page([Buffer.concat([Buffer.from('OpusTags'), comments('Lavf60.3.100', tags)])], { seq: 1, granule: 0n }),
  ];
  for (let s = 1; s <= seconds; s++) {
    const packets = Array.from({ length: 50 }, (_, i) => Buffer.from([0xf8, 0xff, 0xfe, s, i]));
    pages.push(page(packets, { seq: pages.length, granule: BigInt(s * 48000 + 312), flags: s === seconds ? 4 : 0 }));
  }
  return Buffer.concat(pages);
}

/** Ogg Vorbis, mono 44.1 kHz, `seconds` long; its comment and setup headers share the second page. */
export function oggVorbis(seconds: number, tags = TAGS): Buffer {
  const id = Buffer.concat([Buffer.from('\x01vorbis', 'latin1'), u32(0), Buffer.from([1]), u32(44100), u32(0), u32(64000), u32(0), Buffer.from([0xb8, 1])]);
  const comment = Buffer.concat([
    Buffer.from('\x03vorbis', 'latin1'),
    comments('Xiph.Org libVorbis I 20200704 (Reducing Environment)', tags),
    Buffer.from([1]),
  ]);
  const setup = Buffer.concat([Buffer.from('\x05vorbis', 'latin1'), Buffer.alloc(300, 0x42)]);
  const pages = [page([id], { seq: 0, granule: 0n, flags: 2 }), page([comment, setup], { seq: 1, granule: 0n })];
  for (let s = 1; s <= seconds; s++) {
    const packets = Array.from({ length: 40 }, (_, i) => Buffer.from([0x00, s, i, 0x55]));
    pages.push(page(packets, { seq: pages.length, granule: BigInt(s * 44100), flags: s === seconds ? 4 : 0 }));
  }
  return Buffer.concat(pages);
}

// --- MP4 ---------------------------------------------------------------------------------------

const be32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
};
const be16 = (n: number) => Buffer.from([n >> 8, n & 0xff]);
export const box = (type: string, ...data: Buffer[]) => {
  const body = Buffer.concat(data);
  return Buffer.concat([be32(8 + body.length), Buffer.from(type, 'latin1'), body]);
};
const full = (type: string, version: number, flags: number, ...data: Buffer[]) =>
  box(type, Buffer.from([version, flags >> 16, (flags >> 8) & 0xff, flags & 0xff]), ...data);
const MATRIX = Buffer.concat([be32(0x10000), be32(0), be32(0), be32(0), be32(0x10000), be32(0), be32(0), be32(0), be32(0x40000000)]);
const TIME = be32(3_850_000_000); // 2025-12-01, as a phone writes it

/** The AAC frames of an M4A recording: 1024 samples each at 44.1 kHz. */
export const m4aFrames = (seconds: number) =>
  Array.from({ length: Math.ceil((seconds * 44100) / 1024) }, (_, i) => Buffer.from([0x21, 0x10, i & 0xff, (i >> 8) & 0xff, 0x5a]));

const ilstItem = (type: string, text: string) => box(type, full('data', 0, 1, be32(0), Buffer.from(text)));

/** An M4A (AAC) recording with iTunes tags and a QuickTime place in moov/udta; `moovFirst` puts moov before mdat (the chunk offset then moves when udta goes). */
export function m4a(seconds: number, o: { moovFirst: boolean; tags?: boolean }): Buffer {
  const frames = m4aFrames(seconds);
  const ftyp = box('ftyp', Buffer.from('M4A '), be32(0), Buffer.from('M4A mp42isom'));
  const udta =
    o.tags === false
      ? Buffer.alloc(0)
      : box(
          'udta',
          full(
            'meta',
            0,
            0,
            full('hdlr', 0, 0, be32(0), Buffer.from('mdir'), Buffer.from('appl'), Buffer.alloc(9)),
            box(
              'ilst',
              ilstItem('\xa9nam', 'Mijn verhaal over het plein'),
              ilstItem('\xa9ART', 'Fatima El Amrani'),
              ilstItem('\xa9cmt', 'Opgenomen bij ons thuis'),
            ),
          ),
          box('\xa9xyz', be16(18), be16(0x15c7), Buffer.from('+52.3700+004.8900/')),
        );
  const moov = (chunkOffset: number) =>
    box(
      'moov',
      full('mvhd', 0, 0, TIME, TIME, be32(1000), be32(seconds * 1000), be32(0x10000), be16(0x100), Buffer.alloc(10), MATRIX, Buffer.alloc(24), be32(2)),
      box(
        'trak',
        full(
          'tkhd',
          0,
          7,
          TIME,
          TIME,
          be32(1),
          be32(0),
          be32(seconds * 1000),
          Buffer.alloc(8),
          be16(0),
          be16(0),
          be16(0x100),
          be16(0),
          MATRIX,
          be32(0),
          be32(0),
        ),
        box(
          'mdia',
          full('mdhd', 0, 0, TIME, TIME, be32(44100), be32(frames.length * 1024), be16(0x55c4), be16(0)),
          full('hdlr', 0, 0, be32(0), Buffer.from('soun'), Buffer.alloc(12), Buffer.from('SoundHandler\0')),
          box(
            'minf',
            full('smhd', 0, 0, be16(0), be16(0)),
            box('dinf', full('dref', 0, 0, be32(1), full('url ', 0, 1))),
            box(
              'stbl',
              full(
                'stsd',
                0,
                0,
                be32(1),
                box(
                  'mp4a',
                  Buffer.alloc(6),
                  be16(1),
                  Buffer.alloc(8),
                  be16(1),
                  be16(16),
                  be16(0),
                  be16(0),
                  be32((44100 << 16) >>> 0),
                  full(
                    'esds',
                    0,
                    0,
                    Buffer.from([0x03, 25, 0, 1, 0, 0x04, 17, 0x40, 0x15, 0, 0, 0, 0, 0, 0xfa, 0, 0, 0, 0xfa, 0, 0x05, 2, 0x12, 0x08, 0x06, 1, 2]),
                  ),
                ),
              ),
              full('stts', 0, 0, be32(1), be32(frames.length), be32(1024)),
              full('stsc', 0, 0, be32(1), be32(1), be32(frames.length), be32(1)),
              full('stsz', 0, 0, be32(0), be32(frames.length), ...frames.map((f) => be32(f.length))),
              full('stco', 0, 0, be32(1), be32(chunkOffset)),
            ),
          ),
        ),
      ),
      udta,
    );
  const mdat = box('mdat', ...frames);
  if (!o.moovFirst) return Buffer.concat([ftyp, mdat, moov(ftyp.length + 8)]);
  const size = moov(0).length;
  return Buffer.concat([ftyp, moov(ftyp.length + size + 8), mdat]);
}

/** The chunk offsets of an MP4's first track (its stco), to check that they still point at the sound. */
export function chunkOffsets(b: Buffer): number[] {
  const at = b.indexOf(Buffer.from('stco'));
  const count = b.readUInt32BE(at + 8);
  return Array.from({ length: count }, (_, i) => b.readUInt32BE(at + 12 + i * 4));
}

/** A fragmented M4A as Safari's MediaRecorder writes it: moov (with mvex) holds no samples, a moof/mdat pair holds them. */
export function fragmentedM4a(seconds: number): Buffer {
  const flat = m4a(seconds, { moovFirst: true });
  const moovAt = flat.indexOf(Buffer.from('moov')) - 4;
  const moov = flat.subarray(moovAt, moovAt + flat.readUInt32BE(moovAt));
  const frames = m4aFrames(seconds);
  const mvex = box('mvex', full('trex', 0, 0, be32(1), be32(1), be32(1024), be32(0), be32(0)));
  const withMvex = Buffer.concat([be32(moov.length + mvex.length), moov.subarray(4), mvex]);
  // the sample data starts right after the moof (default-base-is-moof), so its offset is the moof's size plus mdat's header
  const moof = (dataOffset: number) =>
    box(
      'moof',
      full('mfhd', 0, 0, be32(1)),
      box(
        'traf',
        full('tfhd', 0, 0x020008, be32(1), be32(1024)),
        full('tfdt', 0, 0, be32(0)),
        full('trun', 0, 0x000201, be32(frames.length), be32(dataOffset), ...frames.map((f) => be32(f.length))),
      ),
    );
  return Buffer.concat([flat.subarray(0, moovAt), withMvex, moof(moof(0).length + 8), box('mdat', ...frames)]);
}
