// What operators of several app processes need: a health check for the load balancer and a
// structured access log that never holds a secret.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { stdoutLines } from '../server/access-log.js';
import { createApp } from '../server/app.js';
import { ORIGIN, testApp } from './helpers/app.js';
import { doc, heard, json, openLink, world } from './helpers/stories-fixtures.js';

describe('/healthz', () => {
  it('answers 200 without a login while the database answers, 503 once it does not, and shows no data', async () => {
    const t = await testApp();
    const res = await t.anon.get('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
    expect(res.headers.get('cache-control')).toBe('no-store');
    await t.close();
    const down = await t.anon.get('/healthz');
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ status: 'unavailable' });
  });
});

describe('access log', () => {
  it('writes one JSON line per request with the route pattern, never a token, receipt code or search text', async () => {
    const t = await testApp();
    const w = await world(t);
    const lines: string[] = [];
    const app = createApp({ db: t.db, config: { ...t.config, accessLog: true }, log: (l) => lines.push(l) });
    const { token } = await openLink(w.admin, w.projectA);
    const story = { title: 'Mijn straat', body: doc('Het is hier veiliger geworden.'), consent: 'report', consentTextVersion: '2026-11' };
    const post = await app.request(`${ORIGIN}/api/public/links/${token}/stories`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(story),
    });
    const { receipt } = await json(post, 201);
    await heard(w.member, w.projectA, { title: 'Zwemles', body: doc('geheimwoord') });
    await app.request(`${ORIGIN}/api/public/receipts/${receipt}`);
    await app.request(`${ORIGIN}/api/stories?q=geheimwoord`, { headers: { cookie: w.member.cookie!, 'x-request-id': 'lb-1234' } });
    await app.request(`${ORIGIN}/t/${token}?utm=geheim`);

    const entries = lines.map((l) => JSON.parse(l));
    expect(entries).toHaveLength(4);
    for (const e of entries) {
      expect(Object.keys(e).sort()).toEqual(['durationMs', 'method', 'requestId', 'route', 'status', 'time']);
      expect(Number.isNaN(Date.parse(e.time))).toBe(false);
      expect(e.durationMs).toBeGreaterThanOrEqual(0);
    }
    expect(entries.map((e) => [e.method, e.route, e.status])).toEqual([
      ['POST', '/api/public/links/:token/stories', 201],
      ['GET', '/api/public/receipts/:code', 200],
      ['GET', '/api/stories', 200],
      ['GET', '/t/*', 200], // the web page's route
    ]);
    expect(entries[2].requestId).toBe('lb-1234');
    expect(new Set(entries.map((e) => e.requestId)).size).toBe(4);
    const all = lines.join('\n');
    for (const secret of [token, receipt, receipt.replace(/-/g, ''), 'geheimwoord', 'utm', w.member.cookie!.split('=')[1]!]) expect(all).not.toContain(secret);
  });

  it('is off when configured off', async () => {
    const t = await testApp();
    const lines: string[] = [];
    const app = createApp({ db: t.db, config: { ...t.config, accessLog: false }, log: (l) => lines.push(l) });
    expect((await app.request(`${ORIGIN}/healthz`)).status).toBe(200);
    expect(lines).toEqual([]);
  });

  it('goes to standard output as whole lines, the lines of one turn in one write, and none lost when the process exits', async () => {
    const writes: string[] = [];
    const original = process.stdout.write;
    process.stdout.write = ((chunk: string) => (writes.push(String(chunk)), true)) as typeof process.stdout.write;
    try {
      const log = stdoutLines();
      log('{"n":1}');
      log('{"n":2}');
      expect(writes).toEqual([]);
      await new Promise((r) => setImmediate(r));
      log('{"n":3}');
      await new Promise((r) => setImmediate(r));
    } finally {
      process.stdout.write = original;
    }
    expect(writes).toEqual(['{"n":1}\n{"n":2}\n', '{"n":3}\n']);

    const script = `import { stdoutLines } from './server/access-log.ts'; const log = stdoutLines(); log('a'); log('b'); process.exit(0);`;
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(out).toBe('a\nb\n');
  });
});
