// No lost stories: the real server in a child process, killed with SIGKILL in the middle of 1,000
// concurrent public submissions, keeps every story it acknowledged; an online backup taken while
// residents go on writing holds every story acknowledged before it started.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receiptHash } from '../db/repositories/stories.js';
import { checkDatabaseFile } from '../db/sqlite.js';
import { prepareDatabase, remote, startServer, type Remote, type ServerProcess } from '../scripts/lib/server-process.js';

const dir = mkdtempSync(join(tmpdir(), 'weefwerk-durability-'));
const file = join(dir, 'weefwerk.db');
const env = { RATE_LIMIT_PUBLIC_PER_ADDRESS: '1000000', RATE_LIMIT_PUBLIC_PER_LINK: '1000000' };
let server: ServerProcess | null = null;
let admin: { email: string; password: string };
let token = '';
let consentTextVersion = '';

/** A word no other story has, so search finds exactly this one. */
const mark = (n: number) => `kenmerk${String(n).padStart(5, '0')}q`;
const story = (n: number) => ({
  title: `Verhaal ${mark(n)}`,
  body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: `Op het plein hebben we samen gekookt. ${mark(n)}` }] }] },
  consent: 'report',
  consentTextVersion,
});

async function submit(base: string, n: number): Promise<string | null> {
  try {
    const res = await fetch(`${base}/api/public/links/${token}/stories`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(story(n)),
    });
    if (res.status !== 201) return null;
    return ((await res.json()) as { receipt: string }).receipt;
  } catch {
    return null; // connection refused or reset: never acknowledged
  }
}

async function loggedIn(s: ServerProcess): Promise<Remote> {
  const a = remote(s.baseUrl);
  await a.login(admin.email, admin.password);
  return a;
}

/** Runs `fn` over `items` with at most `n` in flight. */
async function pool<T>(items: T[], n: number, fn: (x: T) => Promise<void>) {
  let i = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (i < items.length) await fn(items[i++]!);
    }),
  );
}

beforeAll(async () => {
  admin = await prepareDatabase(file);
  server = await startServer(file, env);
  const a = await loggedIn(server);
  const p = await a.post('/api/projects', { name: 'Buurtkamer Oost', phase: 'DOEN' });
  const projectId = ((await p.json()) as { project: { id: number } }).project.id;
  const l = await a.post(`/api/projects/${projectId}/links`, { label: 'Poster' });
  expect(l.status).toBe(201);
  token = ((await l.json()) as { link: { token: string } }).link.token;
  consentTextVersion = ((await (await a.get(`/api/public/links/${token}`)).json()) as { consentTextVersion: string }).consentTextVersion;
});

afterAll(async () => {
  await server?.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

describe('durability', () => {
  it('keeps every acknowledged submission when the server is killed mid-flood', { timeout: 120_000 }, async () => {
    const s = server!;
    const acked = new Map<number, string>();
    let killing: Promise<void> | null = null;
    await Promise.all(
      Array.from({ length: 1000 }, async (_, n) => {
        const receipt = await submit(s.baseUrl, n);
        if (receipt && !killing) acked.set(n, receipt); // after SIGKILL nothing more can be acknowledged
        if (acked.size >= 300 && !killing) killing = s.kill('SIGKILL');
      }),
    );
    await killing;
    expect(s.child.signalCode).toBe('SIGKILL');
    expect(acked.size).toBeGreaterThanOrEqual(300);
    expect(acked.size).toBeLessThan(1000);

    server = await startServer(file, env);
    const a = await loggedIn(server);
    const missing: string[] = [];
    await pool([...acked], 16, async ([n, receipt]) => {
      const r = await a.get(`/api/public/receipts/${receipt}`);
      if (r.status !== 200 || ((await r.json()) as { story: { title: string } }).story.title !== story(n).title) missing.push(`receipt ${receipt}`);
      const q = await a.get(`/api/stories?q=${mark(n)}`);
      const found = (await q.json()) as { stories: { title: string }[]; total: number };
      if (q.status !== 200 || found.total !== 1 || found.stories[0]?.title !== story(n).title) missing.push(`search ${mark(n)}`);
    });
    expect(missing).toEqual([]);
    expect(checkDatabaseFile(file)).toBe('ok');
    // Nothing half-saved, even for the groups cut off by the kill: no teller without their story,
    // no story without its consent record and its audit entry.
    const db = new Database(file, { readonly: true });
    const halves = db
      .prepare(
        `select (select count(*) from tellers t where not exists (select 1 from stories s where s.teller_id = t.id)) as tellers,
          (select count(*) from stories s where not exists (select 1 from story_consents c where c.story_id = s.id)) as consents,
          (select count(*) from stories s where not exists (select 1 from audit_log a where a.target_type = 'story' and a.target_id = cast(s.id as text) and a.action = 'story.create')) as audits`,
      )
      .get();
    db.close();
    expect(halves).toEqual({ tellers: 0, consents: 0, audits: 0 });
  });

  it('takes an online backup during writes that holds every story acknowledged before it began', { timeout: 120_000 }, async () => {
    const s = server!;
    const acked: string[] = [];
    let writing = true;
    let n = 10_000;
    const writers = Array.from({ length: 8 }, async () => {
      while (writing) {
        const receipt = await submit(s.baseUrl, n++);
        if (receipt) acked.push(receipt);
      }
    });
    while (acked.length < 100) await new Promise((r) => setTimeout(r, 20));
    const before = [...acked];
    const target = join(dir, 'backup.db');
    const out = await new Promise<{ code: number | null; text: string }>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/backup.ts', target], {
        env: { ...process.env, DATABASE_PATH: file },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let text = '';
      child.stdout.on('data', (d) => (text += d));
      child.stderr.on('data', (d) => (text += d));
      child.on('exit', (code) => resolve({ code, text }));
    });
    const during = acked.length - before.length;
    writing = false;
    await Promise.all(writers);
    expect(out.code, out.text).toBe(0);
    expect(out.text).toMatch(/100%/);
    expect(during).toBeGreaterThan(0); // writes really went on while it copied
    expect(checkDatabaseFile(target)).toBe('ok');
    const copy = new Database(target, { readonly: true });
    const has = copy.prepare('select 1 from stories where receipt_hash = ?').pluck();
    expect(before.filter((r) => !has.get(receiptHash(r)))).toEqual([]);
    copy.close();
  });
});
