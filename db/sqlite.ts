// Everything SQLite-specific lives here: connection pragmas, FTS5, online backup.
// A PostgreSQL deployment replaces this module; the rest of the code uses Kysely's portable builder.
import Database from 'better-sqlite3';
import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export function openSqlite(path: string): Database.Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('secure_delete = ON'); // erased text is overwritten in the file, not just unlinked
  return sqlite;
}

export function integrityCheck(sqlite: Database.Database): string {
  return String(sqlite.pragma('integrity_check', { simple: true }));
}

// --- Story search (FTS5). The index `stories_fts` and the triggers that keep it in step with
// `stories` are created in migration 0004.

/**
 * Turns what a user typed into an FTS5 query that cannot be a syntax error: every word becomes a
 * quoted prefix term ("cafe"*), all must match. Quotes, *, NEAR, AND/OR and parentheses are just
 * text. Returns null when nothing searchable is left.
 */
export function ftsQuery(input: string): string | null {
  const words = input.normalize('NFC').match(/[\p{L}\p{N}\p{M}]+/gu) ?? [];
  const terms = [...new Set(words.slice(0, 16))].map((w) => `"${w}"*`);
  return terms.length ? terms.join(' ') : null;
}

/**
 * Narrows a query over `stories` to those matching the search, joined as `fts` with its rank
 * (lower is better; order by `searchRank`). Combine with any other where-clauses.
 */
export function matchStories<QB extends SelectQueryBuilder<any, any, any>>(qb: QB, match: string): QB {
  return (qb as SelectQueryBuilder<any, any, any>).innerJoin(
    sql`(select rowid as story_id, rank as fts_rank from stories_fts where stories_fts match ${match})`.as('fts'),
    (join) => join.onRef('fts.story_id', '=', 'stories.id'),
  ) as unknown as QB;
}

export const searchRank = sql`fts.fts_rank`;

/** Story ids in the search index (tests and integrity checks). */
export async function indexedStoryIds(db: Kysely<any>, match?: string): Promise<number[]> {
  const rows = match
    ? await sql<{ id: number }>`select rowid as id from stories_fts where stories_fts match ${match}`.execute(db)
    : await sql<{ id: number }>`select rowid as id from stories_fts`.execute(db);
  return rows.rows.map((r) => r.id);
}
