// Several app processes on one PostgreSQL database: two real servers (child processes) share the
// rate limits, and killing one in the middle of a burst loses no story either acknowledged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { insertUser } from '../../db/repositories/users.js';
import { hashPassword } from '../../server/auth/passwords.js';
import { remote, startServer, type Remote, type ServerProcess } from '../../scripts/lib/server-process.js';
import { PASSWORD, testDb } from '../helpers/app.js';
import type { Db } from '../../db/client.js';

const PER_LINK = 10;
let fresh: Awaited<ReturnType<typeof testDb>>;
let db: Db;
let a: ServerProcess;
let b: ServerProcess;
let admin: Remote;
let projectId = 0;
let consentTextVersion = '';

const mark = (n: number) => `tweeproces${String(n).padStart(5, '0')}q`;
const story = (n: number) => ({
  title: `Verhaal ${mark(n)}`,
  body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: `Samen gekookt op het plein. ${mark(n)}` }] }] },
  consent: 'report',
  consentTextVersion,
});

async function submit(base: string, token: string, n: number): Promise<{ status: number; receipt?: string }> {
  try {
    const res = await fetch(`${base}/api/public/links/${token}/stories`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(story(n)),
    });
    return { status: res.status, receipt: res.status === 201 ? ((await res.json()) as { receipt: string }).receipt : undefined };
  } catch {
    return { status: 0 }; // connection refused or reset: never acknowledged
  }
}

async function newLink(): Promise<string> {
  const l = await admin.post(`/api/projects/${projectId}/links`, { label: 'Poster' });
  expect(l.status).toBe(201);
  return ((await l.json()) as { link: { token: string } }).link.token;
}

beforeAll(async () => {
  fresh = await testDb();
  db = fresh.db;
  await insertUser(db, { email: 'admin@example.nl', name: 'Beheerder', role: 'admin', passwordHash: await hashPassword(PASSWORD) });
  const env = { DATABASE_URL: fresh.url!, RATE_LIMIT_PUBLIC_PER_LINK: String(PER_LINK), RATE_LIMIT_PUBLIC_PER_ADDRESS: '1000000', ACCESS_LOG: '0' };
  [a, b] = await Promise.all([startServer(':memory:', env), startServer(':memory:', env)]);
  admin = remote(a.baseUrl);
  await admin.login('admin@example.nl', PASSWORD);
  const p = await admin.post('/api/projects', { name: 'Buurtkamer Oost', phase: 'DOEN' });
  projectId = ((await p.json()) as { project: { id: number } }).project.id;
  const token = await newLink();
  consentTextVersion = ((await (await admin.get(`/api/public/links/${token}`)).json()) as { consentTextVersion: string }).consentTextVersion;
}, 120_000);

afterAll(async () => {
  await a?.kill('SIGKILL');
  await b?.kill('SIGKILL');
  await fresh?.close();
});

describe('two app processes on one PostgreSQL database', () => {
  it('count the per-link limit together', async () => {
    const token = await newLink();
    const results: number[] = [];
    for (let n = 0; n < PER_LINK + 4; n++) results.push((await submit(n % 2 ? b.baseUrl : a.baseUrl, token, n)).status);
    // one process alone would have let through PER_LINK on each, 2 × PER_LINK in all
    expect(results.filter((s) => s === 201)).toHaveLength(PER_LINK);
    expect(results.slice(PER_LINK)).toEqual([429, 429, 429, 429]);
    const stored = await db
      .selectFrom('stories')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(PER_LINK);
  });

  it('keep every acknowledged story when one of them is killed mid-burst', { timeout: 120_000 }, async () => {
    const links = await Promise.all(Array.from({ length: 60 }, () => newLink()));
    const acked = new Map<number, string>();
    let killing: Promise<void> | null = null;
    let viaA = 0;
    await Promise.all(
      Array.from({ length: 500 }, async (_, i) => {
        const n = 1000 + i;
        const onA = i % 2 === 0;
        const { receipt } = await submit(onA ? a.baseUrl : b.baseUrl, links[i % links.length]!, n);
        if (receipt && !(onA && killing)) {
          acked.set(n, receipt); // after SIGKILL, A acknowledges nothing more
          if (onA) viaA++;
        }
        if (viaA >= 60 && !killing) killing = a.kill('SIGKILL');
      }),
    );
    await killing;
    expect(a.child.signalCode).toBe('SIGKILL');
    expect(viaA).toBeGreaterThanOrEqual(60);
    expect(viaA).toBeLessThan(250);

    // every acknowledged story is there, readable by its receipt and found by search through B
    const reader = remote(b.baseUrl);
    await reader.login('admin@example.nl', PASSWORD);
    const missing: string[] = [];
    for (const [n, receipt] of acked) {
      const r = await reader.get(`/api/public/receipts/${receipt}`);
      if (r.status !== 200 || ((await r.json()) as { story: { title: string } }).story.title !== story(n).title) missing.push(`receipt ${n}`);
      const q = (await (await reader.get(`/api/stories?q=${mark(n)}`)).json()) as { total: number };
      if (q.total !== 1) missing.push(`search ${n}`);
    }
    expect(missing).toEqual([]);
    // nothing half-saved: no teller without a story, no story without its consent record and audit entry
    const halves = await sql<{ tellers: number; consents: number; audits: number }>`select
        (select count(*) from tellers t where not exists (select 1 from stories s where s.teller_id = t.id)) as tellers,
        (select count(*) from stories s where not exists (select 1 from story_consents c where c.story_id = s.id)) as consents,
        (select count(*) from stories s where not exists (select 1 from audit_log a where a.target_type = 'story' and a.target_id = cast(s.id as text) and a.action = 'story.create')) as audits`.execute(
      db,
    );
    expect(halves.rows[0]).toEqual({ tellers: 0, consents: 0, audits: 0 });
  });
});
