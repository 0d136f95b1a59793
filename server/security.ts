import type { Context, MiddlewareHandler } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { addHits, limitWindows } from '../db/postgres.js';
import type { Db } from '../db/client.js';
import { batched } from '../db/batch.js';
import { AppError, invalid } from './errors.js';
import { fieldsWithBadText } from './fields.js';
import type { AppEnv } from './types.js';

export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'", // Lit's adoptedStyleSheets fallback and tiptap's inline styles
  "img-src 'self' data: blob:", // blob: a photo chosen for a story, shown before sending
  "media-src 'self' blob:", // blob: a voice recording played back before sending
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

export const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  const h = c.res.headers;
  h.set('Content-Security-Policy', CSP);
  h.set('X-Content-Type-Options', 'nosniff');
  h.set('X-Frame-Options', 'DENY');
  h.set('Referrer-Policy', 'no-referrer');
  h.set('Cross-Origin-Opener-Policy', 'same-origin');
  h.set('Cross-Origin-Resource-Policy', 'same-origin');
  // The microphone for telling a story by voice (web/resident/ww-voice-recorder.ts), from our own pages only.
  h.set('Permissions-Policy', 'camera=(), microphone=(self), geolocation=()');
  if (c.req.url.startsWith('https:')) h.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
  if (unlisted.test(c.req.path)) h.set('X-Robots-Tag', 'noindex, nofollow');
};

/**
 * Pages and answers behind a secret in the address — a resident's link (/t/), a receipt (/r/), a
 * report's read link (/reports/shared/) and the public API they use — never go into a search
 * engine, even when such an address leaks onto the web (robots.txt keeps crawlers away as well).
 */
const unlisted = /^\/(t|r|reports\/shared|api\/public)(\/|$)/;

/** robots.txt: crawlers stay out of the secret addresses above and the API. */
export const ROBOTS_TXT = ['User-agent: *', 'Disallow: /t/', 'Disallow: /r/', 'Disallow: /reports/shared/', 'Disallow: /api/', ''].join('\n');

const unsafe = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const utf8 = new TextDecoder();

/**
 * Reads the whole body up front, counting bytes whatever Content-Length claims, and hands the
 * bytes to Hono's body cache, so `c.req.json()` and the validators read them without a second
 * stream. With a Content-Length the server's parser delivers no more than it says, so the body is
 * read in one go; without one (chunked) it is read chunk by chunk and cut off at the limit.
 */
export function bodyLimit(maxBytes: (path: string) => number): MiddlewareHandler {
  return async (c, next) => {
    const req = c.req.raw;
    if (!unsafe.has(req.method)) return next();
    const header = req.headers.get('content-length');
    // Only a body without a length needs the stream (which costs the Node adapter a full Request).
    if (header === null && !req.body) return next();
    const max = maxBytes(c.req.path);
    const size = max >= 1 << 20 ? `${Math.round((max / (1 << 20)) * 10) / 10} MB` : `${Math.round(max / 1024)} KB`;
    const tooLarge = () => new AppError('payload_too_large', `Dit is te groot: hooguit ${size.replace('.', ',')} / This is too large: at most ${size}`);
    if (header !== null && !/^\d+$/.test(header.trim())) throw new AppError('invalid_input', 'Malformed Content-Length');
    if (header !== null && Number(header) > max) throw tooLarge();
    const body = await readBody(c, header, max, tooLarge);
    if (body.byteLength > max) throw tooLarge();
    if (header !== null && Number(header) !== body.byteLength) throw new AppError('invalid_input', 'Content-Length does not match the body');
    // Hono keeps promises in its body cache (its types say values). Bytes first: Hono derives any
    // other form (formData for uploads) from the first cached entry.
    const cache = c.req.bodyCache as Record<string, Promise<unknown>>;
    const whole = body.byteOffset === 0 && body.byteLength === body.buffer.byteLength;
    cache.arrayBuffer = Promise.resolve(whole ? body.buffer : body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength));
    cache.text = Promise.resolve(utf8.decode(body));
    return next();
  };
}

/**
 * The body's bytes. A read that fails is the client's doing (it aborted the upload, or its body
 * stopped short of its Content-Length): one warning line, no stack trace, and a 400.
 */
async function readBody(c: Context, header: string | null, max: number, tooLarge: () => Error): Promise<Uint8Array> {
  const req = c.req.raw;
  try {
    return header !== null ? new Uint8Array(await req.arrayBuffer()) : await readCounting(req.body!, max, tooLarge);
  } catch (err) {
    if (err instanceof AppError) throw err;
    const why = err instanceof Error ? `${(err as NodeJS.ErrnoException).code ?? err.name}: ${err.message}` : String(err);
    // the path may carry a token (a resident's link), so it stays out of the log
    console.warn(`client error: ${req.method} request body incomplete (${why})`);
    throw new AppError('invalid_input', 'Request body incomplete: the upload was interrupted');
  }
}

async function readCounting(stream: ReadableStream<Uint8Array>, max: number, tooLarge: () => Error): Promise<Uint8Array> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** JSON escapes that could decode to a NUL or a surrogate: only bodies holding one are walked. */
const suspectEscape = /\\u(0000|d[89a-f])/i;

/**
 * Text fields refuse NUL and lone surrogates, for every route in one place (after bodyLimit, which
 * cached the body): the JSON body, a form's text fields (a story sent as JSON in `story` is read
 * like a JSON body) and the query string. 400 naming each field.
 */
export const refuseBadText: MiddlewareHandler = async (c, next) => {
  const fields: string[] = [];
  const url = c.req.url;
  if (/%00/.test(url)) {
    for (const [name, values] of Object.entries(c.req.queries())) fieldsWithBadText(values.length > 1 ? values : values[0], [name], fields);
  }
  const type = c.req.header('content-type') ?? '';
  if (unsafe.has(c.req.method) && 'text' in c.req.bodyCache) {
    if (/^application\/(.+\+)?json/i.test(type)) {
      const text = await c.req.text();
      if (suspectEscape.test(text)) fieldsWithBadText(parseOrNull(text), [], fields);
    } else if (/^multipart\/form-data/i.test(type)) {
      // parsed once: the route reads the same FormData (Hono keeps only the bytes otherwise)
      const parsed = c.req.formData();
      (c.req.bodyCache as Record<string, Promise<unknown>>).formData = parsed;
      const form = await parsed.catch(() => null); // an unreadable form is the route's 400
      for (const [name, value] of form ?? []) {
        if (typeof value !== 'string') continue;
        const json = suspectEscape.test(value) && /^\s*[[{]/.test(value) ? parseOrNull(value) : null;
        fieldsWithBadText(json ?? value, json ? [] : [name], fields);
      }
    }
  }
  if (fields.length)
    throw invalid(
      'Tekst met een teken dat geen tekst is (NUL of een losse surrogaat) / Text with a character that is not text (NUL or a lone surrogate)',
      fields.map((field) => ({
        field,
        message: 'Hier staat een teken dat geen tekst is. Typ of plak de tekst opnieuw. / This has a character that is not text. Type or paste the text again.',
        code: 'invalid_format',
        format: 'text',
      })),
    );
  return next();
};

const parseOrNull = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return null; // not JSON: the route's validator answers
  }
};

/** CSRF: unsafe requests must come from our own origin (Sec-Fetch-Site or Origin). */
export const csrf: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!unsafe.has(c.req.method)) return next();
  const site = c.req.header('sec-fetch-site');
  const origin = c.req.header('origin');
  const hasCookie = (c.req.header('cookie') ?? '').includes(SESSION_COOKIE);
  if (site !== undefined) {
    if (site !== 'same-origin' && site !== 'none') throw new AppError('forbidden', 'Cross-site request refused');
  } else if (origin !== undefined) {
    if (origin !== appOrigin(c)) throw new AppError('forbidden', 'Cross-origin request refused');
  } else if (hasCookie) {
    throw new AppError('forbidden', 'Missing Origin header on a cookie-authenticated request');
  }
  return next();
};

export const SESSION_COOKIE = 'weefwerk_session';

/** The origin users reach the app at: PUBLIC_URL when set, else the request's own. */
export function appOrigin(c: Context<AppEnv>): string {
  const { publicUrl } = c.get('config');
  return publicUrl ? new URL(publicUrl).origin : new URL(c.req.url).origin;
}

export function clientAddress(c: Context<AppEnv>): string {
  if (c.get('config').trustProxy) {
    const fwd = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (fwd) return fwd;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'local';
  }
}

/** Where rate-limit windows are counted: in memory (one process) or in the database (several). */
interface LimitStore {
  /** Counts a hit on `key`; returns the window's hits so far and when it started. */
  hit(key: string, now: number, windowMs: number): Promise<{ hits: number; start: number }>;
  /** The key's window as it is, counting nothing; null when it has none. */
  peek(key: string): Promise<{ hits: number; start: number } | null>;
  reset(key: string): Promise<void>;
}

/** Fixed-window counters in memory; enough for one process (SQLite). */
class MemoryStore implements LimitStore {
  private windows = new Map<string, { start: number; hits: number }>();

  async hit(key: string, now: number, windowMs: number) {
    let w = this.windows.get(key);
    if (!w || now - w.start >= windowMs) {
      w = { start: now, hits: 0 };
      this.windows.set(key, w);
      if (this.windows.size > 100_000) this.sweep(now, windowMs);
    }
    w.hits++;
    return { hits: w.hits, start: w.start }; // a copy: concurrent callers each keep their own count
  }

  async peek(key: string) {
    return this.windows.get(key) ?? null;
  }

  async reset(key: string) {
    this.windows.delete(key);
  }

  private sweep(now: number, windowMs: number): void {
    for (const [k, w] of this.windows) if (now - w.start >= windowMs) this.windows.delete(k);
  }
}

/**
 * Fixed-window counters in the `rate_limits` table: every process on the database counts together.
 * The hits (and the looks) that arrive together share one statement (db/batch.ts), so a burst of
 * requests costs one round trip per batch instead of one per request; each caller still gets
 * its own exact count, as if the hits had come one by one. Used on PostgreSQL only (its statements
 * are in db/postgres.ts).
 */
class DatabaseStore implements LimitStore {
  private sinceSweep = 0;
  private readonly hits: (h: { key: string; now: number; windowMs: number }) => Promise<{ hits: number; start: number }>;
  private readonly peeks: (key: string) => Promise<{ hits: number; start: number } | null>;

  constructor(private readonly db: Db) {
    this.hits = batched((items) => this.countHits(items));
    this.peeks = batched(async (keys: string[]) => {
      const byKey = await limitWindows(this.db, [...new Set(keys)]);
      return keys.map((k) => byKey.get(k) ?? null);
    });
  }

  hit(key: string, now: number, windowMs: number) {
    return this.hits({ key, now, windowMs });
  }

  /** One upsert for a batch: n hits on a key add n; its callers get counts hits-n+1 … hits in arrival order. */
  private async countHits(items: { key: string; now: number; windowMs: number }[]) {
    const groups = new Map<string, { n: number; now: number }>();
    for (const { key, now } of items) {
      const g = groups.get(key);
      if (g) {
        g.n++;
        g.now = Math.max(g.now, now);
      } else groups.set(key, { n: 1, now });
    }
    const windowMs = items[0]!.windowMs;
    // sorted keys: two processes' batches lock their rows in the same order (no deadlock)
    const sorted = [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const byKey = await addHits(
      this.db,
      sorted.map(([key, g]) => ({ key, now: g.now, n: g.n })),
      windowMs,
    );
    this.sinceSweep += items.length;
    if (this.sinceSweep >= 1000) {
      this.sinceSweep = 0;
      await this.db
        .deleteFrom('rateLimits')
        .where('windowStart', '<=', Date.now() - windowMs)
        .execute();
    }
    const seen = new Map<string, number>();
    return items.map(({ key }) => {
      const w = byKey.get(key)!;
      const i = (seen.get(key) ?? 0) + 1;
      seen.set(key, i);
      return { hits: w.hits - groups.get(key)!.n + i, start: w.start };
    });
  }

  peek(key: string) {
    return this.peeks(key);
  }

  async reset(key: string) {
    await this.db.deleteFrom('rateLimits').where('key', '=', key).execute();
  }
}

/**
 * Fixed-window rate limits per key. With `db` (PostgreSQL: several app processes may serve one
 * database) the windows live in the database; without, in this process's memory.
 */
export class RateLimiter {
  private readonly store: LimitStore;
  constructor(
    private readonly windowMs: number,
    db?: Db,
  ) {
    this.store = db ? new DatabaseStore(db) : new MemoryStore();
  }

  /** Counts a hit; throws 429 when the key is over its limit. */
  async hit(key: string, limit: number, now = Date.now()): Promise<void> {
    const w = await this.store.hit(key, now, this.windowMs);
    if (w.hits > limit) throw this.error(w.start, now);
  }

  /** Counts a hit; false when the key is over its limit (for callers that answer the same either way). */
  async allow(key: string, limit: number, now = Date.now()): Promise<boolean> {
    return (await this.store.hit(key, now, this.windowMs)).hits <= limit;
  }

  /** Whether the key has already used up its limit in the current window (counts nothing). */
  async exhausted(key: string, limit: number, now = Date.now()): Promise<boolean> {
    const w = await this.store.peek(key);
    return !!w && now - w.start < this.windowMs && w.hits >= limit;
  }

  /** The 429 error for a key that is over its limit. */
  async tooMany(key: string, now = Date.now()): Promise<AppError> {
    const w = await this.store.peek(key);
    return this.error(w ? w.start : now - this.windowMs, now);
  }

  private error(start: number, now: number): AppError {
    const retryAfter = Math.max(1, Math.ceil((start + this.windowMs - now) / 1000));
    return new AppError('rate_limited', 'Te veel verzoeken, probeer het later opnieuw / Too many requests, try again later', [], {
      'Retry-After': String(retryAfter),
    });
  }

  reset(key: string): Promise<void> {
    return this.store.reset(key);
  }
}
