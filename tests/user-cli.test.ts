import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDb } from '../db/client.js';
import { startSessionRow } from './helpers/sessions.js';

const root = join(import.meta.dirname, '..');

/** Runs `scripts/user.ts` as the operator would, with `input` on standard input. */
function cli(dbPath: string, args: string[], input = ''): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'user.ts'), ...args], {
      cwd: root,
      env: { ...process.env, DATABASE_PATH: dbPath },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
    child.stdin.end(input);
  });
}

describe('user CLI', () => {
  it('adds, lists and disables users on DATABASE_PATH, auditing as the cli', { timeout: 120_000 }, async () => {
    const dbPath = join(mkdtempSync(join(tmpdir(), 'weefwerk-cli-')), 'sub', 'cli.db');

    const add = await cli(
      dbPath,
      ['add', '--email', 'Ann@Example.nl', '--name', 'Ann de Vries', '--role', 'coordinator', '--password-stdin'],
      'a long enough secret\n',
    );
    expect(add.err).toBe('');
    expect(add.code).toBe(0);
    expect(add.out).toMatch(/ann@example\.nl/);
    expect((await cli(dbPath, ['add', '--email', 'wil@example.nl', '--name', 'Wil', '--role', 'worker', '--password-stdin'], 'another long secret')).code).toBe(
      0,
    );

    const list = await cli(dbPath, ['list']);
    expect(list.code).toBe(0);
    expect(list.out).toMatch(/ann@example\.nl\s+Ann de Vries\s+coordinator\s+active/);
    expect(list.out).toMatch(/wil@example\.nl\s+Wil\s+worker\s+active/);

    // Give Wil a live session; disabling must end it.
    const { db } = createDb(dbPath);
    const wil = await db.selectFrom('users').selectAll().where('email', '=', 'wil@example.nl').executeTakeFirstOrThrow();
    expect(wil.passwordHash).toMatch(/^scrypt\$/);
    await startSessionRow(db, wil.id);

    const disable = await cli(dbPath, ['disable', '--email', 'wil@example.nl']);
    expect(disable.code).toBe(0);
    expect((await cli(dbPath, ['list'])).out).toMatch(/wil@example\.nl\s+Wil\s+worker\s+disabled/);
    expect(await db.selectFrom('sessions').selectAll().where('userId', '=', wil.id).execute()).toEqual([]);
    const log = await db.selectFrom('auditLog').select(['actor', 'action']).orderBy('id').execute();
    expect(log).toEqual([
      { actor: 'cli', action: 'user.create' },
      { actor: 'cli', action: 'user.create' },
      { actor: 'cli', action: 'user.disable' },
      { actor: 'cli', action: 'session.end_all' },
    ]);
    await db.destroy();
  });

  it('fails with a clear message and a non-zero exit code on bad input', { timeout: 120_000 }, async () => {
    const dbPath = join(mkdtempSync(join(tmpdir(), 'weefwerk-cli-')), 'cli.db');
    expect((await cli(dbPath, ['add', '--email', 'a@example.nl', '--name', 'A', '--role', 'worker', '--password-stdin'], 'a long enough secret')).code).toBe(0);
    const add = (email: string, role: string, password?: string) =>
      cli(dbPath, ['add', '--email', email, '--name', 'B', '--role', role, ...(password === undefined ? [] : ['--password-stdin'])], password);
    const [badRole, short, noStdin, badEmail, dup, missing, unknown, none] = await Promise.all([
      add('b@example.nl', 'king', 'a long enough secret'),
      add('b@example.nl', 'worker', 'short'),
      add('b@example.nl', 'worker'),
      add('not-an-email', 'worker', 'a long enough secret'),
      add('A@example.nl', 'worker', 'a long enough secret'),
      cli(dbPath, ['disable', '--email', 'nobody@example.nl']),
      cli(dbPath, ['frobnicate']),
      cli(dbPath, []),
    ]);
    expect(badRole.code).toBe(2);
    expect(badRole.err).toMatch(/Unknown role "king"/);
    expect(short.code).toBe(1);
    expect(short.err).toMatch(/at least|characters/);
    expect(noStdin.code).toBe(2);
    expect(badEmail.code).toBe(2);
    expect(dup.code).toBe(1);
    expect(dup.err).toMatch(/exists/);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/No user/);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/Usage/);
    expect(none.code).toBe(2);
    expect((await cli(dbPath, ['list'])).out.match(/@example\.nl/g)).toHaveLength(1);
  });
});
