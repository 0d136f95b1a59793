// Response compression (brotli or gzip, as the client accepts) for text: HTML, JS, CSS, JSON, CSV,
// XML, SVG. Not for media that is compressed already, not for bodies under 1 KB, never for HEAD.
// A streamed body stays streamed: each chunk is flushed as it comes.
import type { Context, MiddlewareHandler } from 'hono';
import { Readable, pipeline } from 'node:stream';
import { brotliCompressSync, constants, createBrotliCompress, createGzip, gzipSync } from 'node:zlib';

const compressible = /^\s*(text\/|application\/(json|javascript|xml|[\w.-]+\+(json|xml))\b|image\/svg\+xml)/i;
/** Below this a compressed body saves less than the headers and time it costs. */
export const COMPRESS_THRESHOLD = 1024;

type Encoding = 'br' | 'gzip';

/** The encoding to use for an Accept-Encoding header: brotli when accepted at least as much as gzip, else gzip, else none. */
export function chooseEncoding(header: string | undefined): Encoding | null {
  if (!header) return null;
  const q = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const weight = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    if (name) q.set(name, weight === undefined ? 1 : Number(weight) || 0);
  }
  const of = (name: Encoding) => q.get(name) ?? q.get('*') ?? 0;
  if (of('br') > 0 && of('br') >= of('gzip')) return 'br';
  return of('gzip') > 0 ? 'gzip' : null;
}

function addVary(headers: Headers, name: string): void {
  const vary = headers.get('Vary');
  if (vary === '*' || vary?.split(',').some((v) => v.trim().toLowerCase() === name.toLowerCase())) return;
  headers.set('Vary', vary ? `${vary}, ${name}` : name);
}

// Quality 4: for an answer made per request, a third faster than 5 for about a tenth more bytes.
const brotliParams = { [constants.BROTLI_PARAM_QUALITY]: 4, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT };

function compressor(encoding: Encoding) {
  return encoding === 'br'
    ? createBrotliCompress({ flush: constants.BROTLI_OPERATION_FLUSH, params: brotliParams })
    : createGzip({ flush: constants.Z_SYNC_FLUSH });
}

/** A body up to this size that is already whole is compressed in one go (a few ms); a larger one streams, so the event loop is not held. */
const WHOLE_LIMIT = 1 << 20;

/**
 * A body given as a string or bytes, read without turning it into a stream: @hono/node-server keeps
 * such a body aside (under its `cache` symbol) and writes it to the socket as it is, while reading
 * `body` makes a stream of it first — for a short JSON answer, most of the cost of sending it.
 * null: not kept that way.
 */
function wholeBody(res: Response): string | Uint8Array | null {
  const kept = Object.getOwnPropertySymbols(res).find((s) => s.description === 'cache');
  const body: unknown = kept ? (res as unknown as Record<symbol, unknown[]>)[kept]?.[1] : undefined;
  return typeof body === 'string' || body instanceof Uint8Array ? body : null;
}

/** The response with a compressed body: no length when it streams, and a strong ETag made weak (the bytes differ). */
function encoded(c: Context, res: Response, body: Uint8Array<ArrayBuffer> | ReadableStream, encoding: Encoding): void {
  c.res = new Response(body, res);
  if (body instanceof Uint8Array) c.res.headers.set('Content-Length', String(body.byteLength));
  else c.res.headers.delete('Content-Length');
  c.res.headers.set('Content-Encoding', encoding);
  const etag = c.res.headers.get('ETag');
  if (etag && !etag.startsWith('W/')) c.res.headers.set('ETag', `W/${etag}`);
}

export const compress: MiddlewareHandler = async (c, next) => {
  await next();
  const res = c.res;
  const type = res.headers.get('Content-Type') ?? '';
  if (c.req.method === 'HEAD' || res.status === 204 || res.status === 206 || res.status === 304) return;
  if (res.headers.has('Content-Encoding') || !compressible.test(type) || /\bno-transform\b/i.test(res.headers.get('Cache-Control') ?? '')) return;
  // Whichever form this client gets, a cache must not hand it to a client that asked differently.
  addVary(res.headers, 'Accept-Encoding');
  const encoding = chooseEncoding(c.req.header('Accept-Encoding'));
  if (!encoding) return;
  // A string is turned into bytes once: for its length and for the compressor.
  const whole = wholeBody(res);
  const bytes = typeof whole === 'string' ? Buffer.from(whole) : whole;
  const length = res.headers.get('Content-Length') ?? bytes?.byteLength ?? null;
  if (length !== null && Number(length) < COMPRESS_THRESHOLD) return;
  if (bytes !== null && bytes.byteLength <= WHOLE_LIMIT) {
    const packed =
      encoding === 'br' ? brotliCompressSync(bytes, { params: { ...brotliParams, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.byteLength } }) : gzipSync(bytes);
    return encoded(c, res, new Uint8Array(packed.buffer, packed.byteOffset, packed.byteLength), encoding);
  }
  if (!res.body) return;

  // Read up to the threshold: a body that ends before it is sent as it is.
  const reader = res.body.getReader();
  const head: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    if (size >= COMPRESS_THRESHOLD) break;
    const { done, value } = await reader.read();
    if (done) {
      c.res = new Response(Buffer.concat(head), res);
      c.res.headers.set('Content-Length', String(size));
      return;
    }
    head.push(value);
    size += value.byteLength;
  }
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of head) controller.enqueue(chunk);
    },
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    cancel: (reason) => reader.cancel(reason),
  });
  // pipeline: a client that goes away (or a failing source) ends both sides
  const zip = pipeline(Readable.fromWeb(stream as import('node:stream/web').ReadableStream), compressor(encoding), () => {});
  encoded(c, res, Readable.toWeb(zip) as ReadableStream, encoding);
};

/**
 * A body served many times unchanged (a published report): compressed at most once per encoding,
 * then each request gets the bytes its Accept-Encoding asks for.
 */
export class Precompressed {
  private readonly forms = new Map<Encoding, Uint8Array<ArrayBuffer>>();
  readonly bytes: Uint8Array<ArrayBuffer>;
  constructor(body: string | Uint8Array<ArrayBuffer>) {
    this.bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
  }
  /** The bytes for a request's Accept-Encoding header, and their Content-Encoding (null: as they are). */
  for(acceptEncoding: string | undefined): { bytes: Uint8Array<ArrayBuffer>; encoding: Encoding | null } {
    const encoding = this.bytes.byteLength < COMPRESS_THRESHOLD ? null : chooseEncoding(acceptEncoding);
    if (!encoding) return { bytes: this.bytes, encoding: null };
    let packed = this.forms.get(encoding);
    if (!packed) {
      packed = new Uint8Array(
        encoding === 'br'
          ? brotliCompressSync(this.bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT } })
          : gzipSync(this.bytes, { level: 9 }),
      );
      this.forms.set(encoding, packed);
    }
    return { bytes: packed, encoding };
  }
  /** A response with these bytes for this request, marked so the compress middleware leaves it alone. */
  respond(c: Context, contentType: string): Response {
    const { bytes, encoding } = this.for(c.req.header('Accept-Encoding'));
    c.header('Content-Type', contentType);
    c.header('Vary', 'Accept-Encoding', { append: true });
    if (encoding) c.header('Content-Encoding', encoding);
    return c.body(bytes, 200);
  }
}
