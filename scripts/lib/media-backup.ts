// Voice recordings, photos and the organisation's logo in backups: the files the backed-up database
// knows (story_media, organisation_logo),
// copied beside the backup file (`FILE.media/`) and checked against their sha256 — and back again
// on restore. The database snapshot decides which files belong to a backup, so the two match.
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';

export const mediaBackupDir = (backupFile: string) => `${backupFile}.media`;

type Row = { file: string; sha256: string };

function rows(dbFile: string): Row[] {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    const has = (table: string) => !!db.prepare("select 1 from sqlite_master where type = 'table' and name = ?").get(table);
    return [
      ...(has('story_media') ? (db.prepare('select file, sha_256 as sha256 from story_media order by id').all() as Row[]) : []),
      // the organisation's logo for report covers (migration 0022b)
      ...(has('organisation_logo') ? (db.prepare('select file, sha_256 as sha256 from organisation_logo').all() as Row[]) : []),
    ];
  } finally {
    db.close();
    // A reader of a WAL database leaves -wal/-shm files behind; they are empty and belong to no backup.
    if (existsSync(`${dbFile}-wal`) && statSync(`${dbFile}-wal`).size === 0) for (const ext of ['-wal', '-shm']) rmSync(dbFile + ext, { force: true });
  }
}

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/**
 * Copies every media file the database `dbFile` knows from `from` to `to` (a fresh folder), each
 * checked against its checksum. Returns how many were copied and which were missing or damaged.
 */
export function copyMedia(dbFile: string, from: string, to: string): { copied: number; problems: string[] } {
  const problems: string[] = [];
  let copied = 0;
  rmSync(`${to}.partial`, { recursive: true, force: true });
  mkdirSync(`${to}.partial`, { recursive: true });
  for (const { file, sha256: expected } of rows(dbFile)) {
    const source = join(from, file);
    if (!existsSync(source)) {
      problems.push(`${file}: missing`);
      continue;
    }
    const target = join(`${to}.partial`, file);
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(source, target);
    if (sha256(target) !== expected) {
      problems.push(`${file}: does not match its checksum`);
      rmSync(target);
      continue;
    }
    copied++;
  }
  rmSync(to, { recursive: true, force: true });
  renameSync(`${to}.partial`, to);
  return { copied, problems };
}
