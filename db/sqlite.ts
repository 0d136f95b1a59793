// Everything SQLite-specific lives here: connection pragmas, FTS5, online backup.
// A PostgreSQL deployment replaces this module; the rest of the code uses Kysely's portable builder.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export function openSqlite(path: string): Database.Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  return sqlite;
}

export function integrityCheck(sqlite: Database.Database): string {
  return String(sqlite.pragma('integrity_check', { simple: true }));
}

export type BackupProgress = { totalPages: number; remainingPages: number; restarted: boolean };

/**
 * Online backup through SQLite's backup API: a consistent snapshot while other connections go on
 * writing. Copies in steps (for progress); when another connection's write restarts the copy,
 * the rest is copied in one step so the backup always finishes.
 */
export async function backupDatabase(
  sqlite: Database.Database,
  file: string,
  onProgress?: (p: BackupProgress) => void,
): Promise<{ totalPages: number }> {
  let step = 0;
  let lastRemaining = Infinity;
  let oneStep = false;
  const result = await sqlite.backup(file, {
    progress({ totalPages, remainingPages }) {
      const restarted = remainingPages > lastRemaining;
      if (restarted) oneStep = true;
      lastRemaining = remainingPages;
      if (!step) step = Math.max(100, Math.ceil(totalPages / 10));
      onProgress?.({ totalPages, remainingPages, restarted });
      return oneStep ? 0x7fffffff : step;
    },
  });
  return { totalPages: result.totalPages };
}

/** Opens a database file read-only and runs `PRAGMA integrity_check`; 'ok' when sound. */
export function checkDatabaseFile(file: string): string {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return integrityCheck(db);
  } finally {
    db.close();
  }
}

/** Re-indexes every story in the full-text index (after bulk loads that bypass the triggers). */
export function rebuildSearchIndex(sqlite: Database.Database): void {
  const fts = sqlite.prepare("select name from sqlite_master where type = 'table' and name = 'stories_fts'").get();
  if (fts) sqlite.exec("insert into stories_fts(stories_fts) values ('rebuild')");
}
