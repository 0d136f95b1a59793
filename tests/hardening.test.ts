// The server's edges, probed through the real Node HTTP server where a raw socket is needed.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { testApp, type TestApp } from './helpers/app.js';
import { rawExchange, responses, serveOnLoopback, type Served } from './helpers/http.js';
import { openLink, storyCount, world, type World } from './helpers/stories-fixtures.js';

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
    const before = await storyCount(t);
    const seen = s.log.length;
    await rawExchange(s.port, post(path, ['Content-Length: 5000'], story.slice(0, 40)), 'destroy', 150);
    await until(() => s.log.length > seen);
    expect(s.log.slice(seen).map((l) => [l.method, l.status])).toEqual([['POST', 400]]);
    expect(error).not.toHaveBeenCalled();
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
