// npm run backup -- FILE [--force]
// Online backup of the database at DATABASE_PATH (or --db FILE) while the server keeps running,
// through SQLite's backup API; then checks that the copy opens and passes `PRAGMA integrity_check`.
// The voice recordings and photos the copy knows go beside it, in FILE.media/ (checked by sha256).
import { existsSync, renameSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { backupDatabase, checkDatabaseFile, openSqlite } from '../db/sqlite.js';
import { loadConfig } from '../server/env.js';
import { mediaDir } from '../server/media/index.js';
import { copyMedia, mediaBackupDir } from './lib/media-backup.js';

function usage(message: string): never {
  console.error(`${message}\nUsage: npm run backup -- FILE [--db DATABASE] [--force]`);
  process.exit(2);
}

const args = process.argv.slice(2);
const config = loadConfig();
let source = config.databasePath;
let target: string | undefined;
let force = false;
for (let i = 0; i < args.length; i++) {
  const a = args[i]!;
  if (a === '--force') force = true;
  else if (a === '--db') source = args[++i] ?? usage('--db needs a file');
  else if (a.startsWith('-')) usage(`Unknown option ${a}`);
  else if (target) usage('Give one backup file');
  else target = a;
}
if (!target) usage('Give the backup file');
target = resolve(target);
if (!existsSync(source)) usage(`No database at ${source}`);
if (!existsSync(dirname(target))) usage(`The folder ${dirname(target)} does not exist`);
if (existsSync(target) && !force) usage(`${target} exists; pass --force to replace it`);
if (resolve(source) === target) usage('The backup file must differ from the database');

const started = Date.now();
const partial = `${target}.partial`;
rmSync(partial, { force: true });
const sqlite = openSqlite(source);
try {
  console.log(`Backing up ${source} → ${target}`);
  const { totalPages } = await backupDatabase(sqlite, partial, ({ totalPages, remainingPages, restarted }) => {
    if (restarted) console.log('  the database changed during the copy; copying the rest in one step');
    const done = totalPages - remainingPages;
    console.log(`  ${String(Math.floor((100 * done) / Math.max(1, totalPages))).padStart(3)}%  ${done}/${totalPages} pages`);
  });
  console.log(`  100%  ${totalPages}/${totalPages} pages`);
} catch (err) {
  rmSync(partial, { force: true });
  console.error(`Backup failed: ${(err as Error).message}`);
  process.exit(1);
} finally {
  sqlite.close();
}

console.log('Checking the backup (PRAGMA integrity_check)…');
const result = checkDatabaseFile(partial);
if (result !== 'ok') {
  console.error(`The backup failed its integrity check: ${result}. Kept as ${partial} for inspection.`);
  process.exit(1);
}
for (const ext of ['-wal', '-shm']) rmSync(partial + ext, { force: true });
renameSync(partial, target);

// The media files of the stories in this snapshot (a story withdrawn since has lost its files: reported, not fatal).
const media = mediaBackupDir(target);
const { copied, problems } = copyMedia(target, mediaDir({ databasePath: source, mediaPath: config.mediaPath }), media);
console.log(`Media: ${copied} file(s) → ${media}`);
for (const p of problems) console.warn(`  not copied: ${p}`);
console.log(`Backup ok: ${target} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
