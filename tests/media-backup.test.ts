// `npm run backup` takes the stories' recordings and photos along (checked by sha256), and
// `npm run restore` brings database and media back together.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDb } from '../db/client.js';
import { migrateToLatest } from '../db/migrate.js';
import { createApp } from '../server/app.js';
import { defaultLimits } from '../server/env.js';
import { hashPassword } from '../server/auth/passwords.js';
import { insertUser } from '../db/repositories/users.js';
import { ORIGIN, PASSWORD } from './helpers/app.js';

const recording = readFileSync(join(process.cwd(), 'tests', 'fixtures', 'media', 'recording-3s.webm'));
const run = (script: string, args: string[], env: Record<string, string>) =>
  execFileSync(process.execPath, ['--import', 'tsx', `scripts/${script}.ts`, ...args], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });

describe('backup and restore with media', () => {
  it('backs up the recording beside the database and restores both', { timeout: 60_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'weefwerk-backup-media-'));
    const database = join(dir, 'data', 'weefwerk.db');
    const { db } = createDb(database);
    await migrateToLatest(db);
    const app = createApp({
      db,
      config: { port: 0, databasePath: database, trustProxy: false, sessionIdleMs: 3_600_000, sessionMaxMs: 86_400_000, limits: { ...defaultLimits } },
    });
    await insertUser(db, { email: 'coord@example.nl', name: 'Coord', role: 'coordinator', passwordHash: await hashPassword(PASSWORD) });
    const login = await app.request(`${ORIGIN}/api/auth/login`, {
      method: 'POST',
      headers: { origin: ORIGIN, 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'coord@example.nl', password: PASSWORD }),
    });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const call = async (path: string, body: unknown) =>
      (
        await app.request(`${ORIGIN}${path}`, {
          method: 'POST',
          headers: { origin: ORIGIN, cookie, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        })
      ).json();
    const project = (await call('/api/projects', { name: 'Buurtkamer' })).project.id;
    const link = (await call(`/api/projects/${project}/links`, {})).link;
    const form = new FormData();
    form.set('story', JSON.stringify({ consent: 'team', consentTextVersion: '2026-11-29/nl' }));
    form.set('audio', new Blob([new Uint8Array(recording)], { type: 'audio/webm' }), 'opname.webm');
    const sent = await app.request(`${ORIGIN}/api/public/links/${link.token}/stories`, { method: 'POST', headers: { origin: ORIGIN }, body: form });
    expect(sent.status).toBe(201);
    const row = await db.selectFrom('storyMedia').select(['file', 'sha256']).executeTakeFirstOrThrow();
    const media = join(dir, 'data', 'media'); // the default: beside the database
    expect(existsSync(join(media, row.file))).toBe(true);
    await db.destroy();

    const backup = join(dir, 'backup.db');
    const out = run('backup', [backup], { DATABASE_PATH: database });
    expect(out).toContain('Media: 1 file(s)');
    expect(
      createHash('sha256')
        .update(readFileSync(join(`${backup}.media`, row.file)))
        .digest('hex'),
    ).toBe(row.sha256);

    // Disaster: the database and the media are gone.
    rmSync(join(dir, 'data'), { recursive: true });
    const restored = run('restore', [backup], { DATABASE_PATH: database });
    expect(restored).toContain('Media: 1 file(s)');
    expect(
      createHash('sha256')
        .update(readFileSync(join(media, row.file)))
        .digest('hex'),
    ).toBe(row.sha256);
    const again = createDb(database).db;
    expect(await again.selectFrom('storyMedia').select('file').execute()).toEqual([{ file: row.file }]);
    await again.destroy();
  });
});
