// npm run restore -- FILE [--force]
// Puts a backup made by `npm run backup` back: the database into DATABASE_PATH and its media
// (FILE.media/) into MEDIA_PATH (default: `media` beside the database). Stop the server first.
// What was there is kept aside as `*.before-restore` (--force replaces an earlier one).
import { existsSync, copyFileSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { checkDatabaseFile } from '../db/sqlite.js';
import { loadConfig } from '../server/env.js';
import { mediaDir } from '../server/media/index.js';
import { copyMedia, mediaBackupDir } from './lib/media-backup.js';

function usage(message: string): never {
  console.error(`${message}\nUsage: npm run restore -- FILE [--force]   (stop the server first)`);
  process.exit(2);
}

const args = process.argv.slice(2);
const force = args.includes('--force');
const files = args.filter((a) => !a.startsWith('-'));
if (args.some((a) => a.startsWith('-') && a !== '--force')) usage('Unknown option');
if (files.length !== 1) usage('Give the backup file');
const backup = resolve(files[0]!);
if (!existsSync(backup)) usage(`No backup at ${backup}`);
const check = checkDatabaseFile(backup);
if (check !== 'ok') usage(`The backup fails its integrity check: ${check}`);

const config = loadConfig();
const database = resolve(config.databasePath);
const media = mediaDir(config);
const aside = (path: string) => {
  if (!existsSync(path)) return;
  if (existsSync(`${path}.before-restore`) && !force) usage(`${path}.before-restore exists; pass --force to replace it`);
  rmSync(`${path}.before-restore`, { recursive: true, force: true });
  renameSync(path, `${path}.before-restore`);
  console.log(`Kept aside: ${path}.before-restore`);
};

aside(database);
// Write-ahead files belong to the old database; SQLite would replay them onto the restored one.
for (const ext of ['-wal', '-shm']) rmSync(database + ext, { force: true });
mkdirSync(dirname(database), { recursive: true });
copyFileSync(backup, database);
console.log(`Database: ${backup} → ${database}`);

aside(media);
const from = mediaBackupDir(backup);
const { copied, problems } = existsSync(from) ? copyMedia(database, from, media) : { copied: 0, problems: ['no media folder beside the backup'] };
console.log(`Media: ${copied} file(s) → ${media}`);
for (const p of problems) console.warn(`  not restored: ${p}`);
console.log('Restore done. Start the server: migrations bring an older backup up to date.');
process.exit(problems.length && copied === 0 && existsSync(from) ? 1 : 0);
