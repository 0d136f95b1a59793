// The server's edges, probed through the real Node HTTP server where a raw socket is needed.
import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { Hono } from 'hono';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { compress, COMPRESS_THRESHOLD } from '../server/compress.js';
import { listen } from '../server/http.js';
import { testApp, type TestApp } from './helpers/app.js';
import { rawExchange, responses, serveOnLoopback, type Served } from './helpers/http.js';
import { openLink, storyCount, world, type World } from './helpers/stories-fixtures.js';
import { reportWorld } from './helpers/reports-fixtures.js';

const story = JSON.stringify({
  title: 'Mijn straat',
  body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Het is hier veiliger geworden.' }] }] },
  consent: 'report',
  consentTextVersion: '2026-11',
});

function post(path: string, headers: string[], body: string): string {
  return [`POST ${path} HTTP/1.1`, 'Host: 127.0.0.1', 'Content-Type: application/json', ...headers, '', body].join('\r\n');
}

function expectJsonError(r: { status: number; headers: Record<string, string>; body: string } | undefined, status: number, code: string) {
  expect(r, 'a response').toBeDefined();
  expect(r!.status).toBe(status);
  expect(r!.headers['content-type']).toMatch(/^application\/json/);
  const body = JSON.parse(r!.body);
  expect(body.error.code).toBe(code);
  expect(body.error.message).toEqual(expect.any(String));
  expect(body.error.details).toEqual([]);
  return body.error.message as string;
}

const until = async (check: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('broken uploads and Content-Length through the real server', () => {
  let t: TestApp;
  let w: World;
  let s: Served;
  let path: string;
  beforeAll(async () => {
    t = await testApp();
    w = await world(t);
    path = `/api/public/links/${(await openLink(w.coordinator, w.projectA)).token}/stories`;
    s = await serveOnLoopback(t, { requestTimeout: 1000, connectionsCheckingInterval: 100 });
  });
  afterAll(() => s.close());
  afterEach(() => vi.restoreAllMocks());

  it('an honest request is served (the baseline)', async () => {
    const [r] = responses(await rawExchange(s.port, post(path, [`Content-Length: ${Buffer.byteLength(story)}`, 'Connection: close'], story)));
    expect(r!.status).toBe(201);
  });

  it('an aborted upload is the client’s error: a 400 in the log and one warning without a stack trace', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const info = vi.spyOn(console, 'info').mockImplementation(() => {});
    const before = await storyCount(t);
    const seen = s.log.length;
    await rawExchange(s.port, post(path, ['Content-Length: 5000'], story.slice(0, 40)), 'destroy', 150);
    await until(() => s.log.length > seen);
    expect(s.log.slice(seen).map((l) => [l.method, l.status])).toEqual([['POST', 400]]);
    expect(error).not.toHaveBeenCalled();
    expect(info).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalledTimes(1);
    const line = warn.mock.calls[0]!.map(String).join(' ');
    expect(line).toMatch(/^client error: POST request body incomplete/);
    expect(line).not.toMatch(/\n|\bat \S+ \(/); // one line, no stack
    expect(line).not.toContain(path.split('/')[4]!); // the link's token stays out of the log
    expect(await storyCount(t)).toBe(before);
  });

  it('a body that ends short of its Content-Length gets the JSON 400', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const before = await storyCount(t);
    const seen = s.log.length;
    const got = responses(await rawExchange(s.port, post(path, ['Content-Length: 5000'], story), 'end'));
    expect(got).toHaveLength(1);
    expect(expectJsonError(got[0], 400, 'invalid_input')).toMatch(/incomplete/);
    await until(() => s.log.length > seen);
    expect(s.log.slice(seen).map((l) => l.status)).toEqual([400]);
    expect(error).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(await storyCount(t)).toBe(before);
  });

  it('a body that never completes gets a JSON 408 when the request time is up', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const got = responses(await rawExchange(s.port, post(path, ['Content-Length: 5000'], story), 'wait'));
    expect(got).toHaveLength(1);
    expectJsonError(got[0], 408, 'request_timeout');
    expect(error).not.toHaveBeenCalled();
  });

  it.each([
    ['not a number', ['Content-Length: twelve']],
    ['negative', ['Content-Length: -12']],
    ['a list', ['Content-Length: 12, 13']],
    ['duplicated with different values', ['Content-Length: 12', 'Content-Length: 13']],
    ['duplicated with the same value', ['Content-Length: 12', 'Content-Length: 12']],
    ['beside chunked encoding', ['Content-Length: 12', 'Transfer-Encoding: chunked']],
  ])('a Content-Length that is %s gets the JSON 400 and the connection closes', async (_, headers) => {
    const before = await storyCount(t);
    const received = await rawExchange(s.port, post(path, headers, story));
    const got = responses(received);
    expect(got, received).toHaveLength(1);
    expect(expectJsonError(got[0], 400, 'invalid_input')).toMatch(/Content-Length|Transfer-Encoding/);
    expect(got[0]!.headers.connection).toBe('close');
    expect(await storyCount(t)).toBe(before);
  });

  it('a Content-Length smaller than the body: the cut body is refused, then the rest is refused as a request', async () => {
    const before = await storyCount(t);
    const got = responses(await rawExchange(s.port, post(path, ['Content-Length: 20'], story)));
    expect(got.map((r) => r.status)).toEqual([400, 400]);
    expectJsonError(got[1], 400, 'invalid_input');
    expect(JSON.parse(got[0]!.body).error.code).toBe('invalid_input');
    expect(await storyCount(t)).toBe(before);
  });

  it('headers that are too large get a JSON 431', async () => {
    const got = responses(await rawExchange(s.port, post(path, [`X-Padding: ${'x'.repeat(20_000)}`, 'Content-Length: 2'], '{}')));
    expectJsonError(got[0], 431, 'payload_too_large');
  });
});

describe('text fields refuse NUL and lone surrogates, on every route', () => {
  let t: TestApp;
  let w: World;
  let token: string;
  beforeAll(async () => {
    t = await testApp();
    w = await world(t);
    token = (await openLink(w.coordinator, w.projectA)).token;
  });
  const bad = { nul: 'Buurt\u0000kamer', high: 'Buurt\uD800kamer', low: '\uDC00Buurt' };
  /** The 400 and the fields it names. */
  async function refused(res: Response): Promise<string[]> {
    const text = await res.text();
    expect(res.status, text).toBe(400);
    const body = JSON.parse(text);
    expect(body.error.code).toBe('invalid_input');
    return body.error.details.map((d: { field: string; code: string }) => (expect(d.code).toBe('invalid_format'), d.field));
  }

  it.each(Object.entries(bad))('a %s character: projects, areas and stories answer 400 naming the field, and store nothing', async (_, text) => {
    expect(await refused(await w.admin.post('/api/projects', { name: text }))).toEqual(['name']);
    expect(await refused(await w.admin.patch(`/api/projects/${w.projectA}`, { vraagstuk: text }))).toEqual(['vraagstuk']);
    expect(await refused(await w.admin.post('/api/areas', { name: text, kind: 'buurt' }))).toEqual(['name']);
    const story = {
      projectId: w.projectA,
      title: 'Bankjes',
      source: 'heard',
      teller: { name: text },
      consent: { level: 'report', channel: 'spoken', givenBy: 'teller' },
    };
    const body = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] };
    expect(await refused(await w.member.post('/api/stories', { ...story, body }))).toEqual(['teller.name', 'body.content.0.content.0.text']);
    // Keys too, and the query string.
    expect(await refused(await w.admin.post('/api/projects', { name: 'P', [text]: 1 }))).toEqual([`${JSON.stringify(text)}`]);
    expect((await storyCount(t)) + (await t.db.selectFrom('projects').select('id').execute()).length).toBe(2);
  });

  it('the public story submission refuses them, as JSON and as a form (the format that carries media)', async () => {
    const before = await storyCount(t);
    const told = { ...JSON.parse(story), title: 'Mijn\u0000straat', tellerName: 'Ann\uDBFF' };
    expect(await refused(await t.anon.post(`/api/public/links/${token}/stories`, told))).toEqual(['title', 'tellerName']);
    const form = new FormData();
    form.set('story', JSON.stringify(told));
    const res = await t.app.request(`http://localhost/api/public/links/${token}/stories`, {
      method: 'POST',
      body: form,
      headers: { origin: 'http://localhost' },
    });
    expect(await refused(res)).toEqual(['title', 'tellerName']);
    expect(await storyCount(t)).toBe(before);
    // Whole surrogate pairs (an emoji) and ordinary text are welcome.
    const fine = await t.anon.post(`/api/public/links/${token}/stories`, { ...told, title: 'Mijn straat 🌳', tellerName: 'Ann' });
    expect(fine.status, await fine.text()).toBe(201);
  });

  it('a NUL in the query string is refused too, naming the parameter', async () => {
    expect(await refused(await w.admin.get(`/api/stories?q=bank%00jes`))).toEqual(['q']);
  });
});

describe('the API reference serves only what its page loads', () => {
  it('the page and its three files; 404 in the JSON shape for anything else of the docs package', async () => {
    const t = await testApp();
    const page = await t.anon.get('/api/docs');
    expect(page.status).toBe(200);
    const loads = [...(await page.text()).matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(loads.sort()).toEqual(['/api/docs/init.js', '/api/docs/swagger-ui-bundle.js', '/api/docs/swagger-ui.css']);
    for (const path of loads) expect((await t.anon.get(path)).status, path).toBe(200);
    for (const path of [
      'package.json',
      'index.html',
      'swagger-ui.js',
      'swagger-initializer.js',
      'swagger-ui-bundle.js.map',
      '..%2fpackage.json',
      'README.md',
    ]) {
      const res = await t.anon.get(`/api/docs/${path}`);
      expect(res.status, path).toBe(404);
      expect((await res.json()).error.code).toBe('not_found');
    }
  });
});

describe('search engines', () => {
  it('robots.txt keeps crawlers out of resident, receipt and read-link addresses and the API', async () => {
    const t = await testApp();
    const res = await t.anon.get('/robots.txt');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const lines = (await res.text()).split('\n');
    expect(lines[0]).toBe('User-agent: *');
    expect(lines).toEqual(expect.arrayContaining(['Disallow: /t/', 'Disallow: /r/', 'Disallow: /reports/shared/', 'Disallow: /api/']));
  });

  it('resident pages, receipts and read links (and their API answers) say noindex; staff pages do not need to', async () => {
    const t = await testApp();
    const w = await world(t);
    const link = await openLink(w.coordinator, w.projectA);
    const told = await t.anon.post(`/api/public/links/${link.token}/stories`, JSON.parse(story));
    expect(told.status).toBe(201);
    const { receipt } = await told.json();
    for (const path of [
      `/t/${link.token}`,
      `/api/public/links/${link.token}`,
      `/r/${receipt}`,
      `/api/public/receipts/${receipt}`,
      `/api/public/receipts/${receipt}/copy.json`,
      '/reports/shared/not-a-token',
      '/api/public/links/not-a-token',
    ]) {
      const res = await t.anon.get(path);
      expect(res.status, path).toBeLessThan(500);
      expect(res.headers.get('x-robots-tag'), path).toMatch(/\bnoindex\b/);
    }
    expect(told.headers.get('x-robots-tag')).toMatch(/\bnoindex\b/);
    for (const path of ['/', '/login', '/api/me', '/tellen', '/reports/1']) expect((await t.anon.get(path)).headers.get('x-robots-tag'), path).toBeNull();
  });
});

/** A GET through the real server, the body's bytes as they came over the wire. */
function fetchRaw(port: number, path: string, headers: Record<string, string> = {}, method = 'GET') {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer; firstChunkAt: number; endAt: number }>(
    (resolve, reject) => {
      const started = Date.now();
      const req = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
        const chunks: Buffer[] = [];
        let firstChunkAt = -1;
        res.on('data', (d: Buffer) => (firstChunkAt < 0 && (firstChunkAt = Date.now() - started), chunks.push(d)));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks), firstChunkAt, endAt: Date.now() - started }));
      });
      req.on('error', reject);
      req.end();
    },
  );
}
const decode = (r: { headers: Record<string, unknown>; body: Buffer }) =>
  (r.headers['content-encoding'] === 'br' ? brotliDecompressSync(r.body) : r.headers['content-encoding'] === 'gzip' ? gunzipSync(r.body) : r.body).toString();

describe('compression', () => {
  let t: TestApp;
  let s: Served;
  beforeAll(async () => {
    t = await testApp();
    s = await serveOnLoopback(t);
  });
  afterAll(() => s.close());

  it('HTML, JS, CSS, JSON, CSV and XML go out as brotli or gzip, as the client accepts, and decode to the same bytes', async () => {
    // A published report: its read link (HTML), its figures (CSV) and its IATI file (XML).
    const w = await reportWorld(t.db);
    const coord = await t.as('coordinator');
    const made = await coord.post('/api/reports', {
      title: 'Jaarverslag',
      audience: 'funder',
      periodFrom: '2026-01-01',
      periodTo: '2026-12-31',
      projectIds: [w.projectId],
    });
    const { report } = await made.json();
    expect((await coord.post(`/api/reports/${report.id}/versions`)).status).toBe(201);
    const { link } = await (await coord.post(`/api/reports/${report.id}/links`, { expiresAt: new Date(Date.now() + 86_400_000).toISOString() })).json();
    const pages = (await fetchRaw(s.port, '/projects')).body.toString() + (await fetchRaw(s.port, '/t/any')).body.toString();
    const assets = [...pages.matchAll(/(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
    expect(assets.some((a) => a.endsWith('.js')) && assets.some((a) => a.endsWith('.css')), 'web bundle built (npm run build)').toBe(true);
    const shared = `/reports/shared/${link.token}`;
    const api = `/api/reports/${report.id}/versions/1`;
    const packedTypes = new Set<string>();
    for (const [path, type] of [
      [shared, /^text\/html/],
      ...assets.map((a) => [a, /^text\/(javascript|css)/] as const),
      ['/api/openapi.json', /^application\/json/],
      [`${api}/export.csv`, /^text\/csv/],
      [`/api/projects/${w.projectId}/indicators/template.csv?periods=24`, /^text\/csv/],
      [`${api}/iati.xml`, /xml/],
    ] as const) {
      const headers = { cookie: coord.cookie! };
      const plain = await fetchRaw(s.port, path, headers);
      expect(plain.status, path).toBe(200);
      expect(plain.headers['content-type'], path).toMatch(type);
      expect(plain.headers['content-encoding'], path).toBeUndefined();
      expect(plain.headers.vary, path).toMatch(/Accept-Encoding/i);
      if (plain.body.length < COMPRESS_THRESHOLD) {
        expect((await fetchRaw(s.port, path, { ...headers, 'accept-encoding': 'br' })).headers['content-encoding'], path).toBeUndefined();
        continue; // a tiny file: not worth it
      }
      packedTypes.add(String(plain.headers['content-type']).split(';')[0]!);
      for (const [accept, encoding] of [
        ['gzip, deflate, br', 'br'],
        ['gzip', 'gzip'],
        ['br;q=0.5, gzip', 'gzip'],
        ['*', 'br'],
      ] as const) {
        const packed = await fetchRaw(s.port, path, { ...headers, 'accept-encoding': accept });
        expect(packed.headers['content-encoding'], `${path} ${accept}`).toBe(encoding);
        expect(packed.headers.vary).toMatch(/Accept-Encoding/i);
        // a body that was whole is sent with its compressed length; a streamed one without
        if (packed.headers['content-length'] !== undefined || path === '/api/openapi.json')
          expect(Number(packed.headers['content-length'])).toBe(packed.body.length);
        expect(packed.body.length).toBeLessThan(plain.body.length);
        expect(decode(packed)).toBe(plain.body.toString());
      }
      for (const accept of ['identity', 'br;q=0, gzip;q=0'])
        expect((await fetchRaw(s.port, path, { ...headers, 'accept-encoding': accept })).headers['content-encoding']).toBeUndefined();
    }
    expect([...packedTypes].sort()).toEqual(['application/json', 'application/xml', 'text/css', 'text/csv', 'text/html', 'text/javascript']);
    expect((await fetchRaw(s.port, shared)).headers['x-robots-tag']).toMatch(/noindex/); // a live read link too
  });

  it('not for tiny bodies, HEAD, or media that is compressed already', async () => {
    const tiny = await fetchRaw(s.port, '/api/me', { 'accept-encoding': 'br, gzip' });
    expect(tiny.status).toBe(401);
    expect(tiny.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(tiny.body.toString()).error.code).toBe('unauthenticated');
    const head = await fetchRaw(s.port, '/api/openapi.json', { 'accept-encoding': 'br, gzip' }, 'HEAD');
    expect(head.headers['content-encoding']).toBeUndefined();
    // A resident's photo (JPEG) comes back as it is.
    const w = await world(t);
    const link = await openLink(w.coordinator, w.projectA);
    const form = new FormData();
    form.set('story', story);
    const jpeg = await sharp({ create: { width: 400, height: 300, channels: 3, background: { r: 200, g: 120, b: 40 } } })
      .jpeg()
      .toBuffer();
    form.set('photo', new Blob([new Uint8Array(jpeg)], { type: 'image/jpeg' }), 'foto.jpg');
    const told = await t.app.request(`http://localhost/api/public/links/${link.token}/stories`, { method: 'POST', body: form });
    expect(told.status, await told.clone().text()).toBe(201);
    const { receipt } = await told.json();
    const copy = JSON.parse(decode(await fetchRaw(s.port, `/api/public/receipts/${receipt}`, { 'accept-encoding': 'gzip' })));
    const media = await fetchRaw(s.port, copy.story.media[0].url, { 'accept-encoding': 'br, gzip' });
    expect(media.status).toBe(200);
    expect(media.headers['content-type']).toMatch(/^image\//);
    expect(media.headers['content-encoding']).toBeUndefined();
  });

  it('a streamed response stays streamed: the first part arrives, decodable, before the last is written', async () => {
    const app = new Hono();
    app.use('*', compress);
    app.get('/slow', (c) => {
      c.header('ETag', '"v1"');
      const line = `${'regel '.repeat(300)}\n`;
      let n = 0;
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          if (n++ === 3) return controller.close();
          if (n > 1) await new Promise((r) => setTimeout(r, 400));
          controller.enqueue(new TextEncoder().encode(line));
        },
      });
      return c.body(body, 200, { 'Content-Type': 'text/plain; charset=utf-8' });
    });
    const { server, port } = await listen({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    try {
      const got = await fetchRaw(port, '/slow', { 'accept-encoding': 'gzip' });
      expect(got.headers['content-encoding']).toBe('gzip');
      expect(got.headers.etag).toBe('W/"v1"'); // the compressed bytes are not the same entity
      expect(got.firstChunkAt).toBeLessThan(got.endAt - 500);
      expect(decode(got)).toBe(`${'regel '.repeat(300)}\n`.repeat(3));
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
