// Everything SQLite-specific lives here: connection pragmas, FTS5, online backup, the triggers the
// migrations need. db/postgres.ts is its PostgreSQL counterpart; db/engine.ts picks one of the two.
// The rest of the code uses Kysely's portable builder.
import Database from 'better-sqlite3';
import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { EngineSql } from './engine.js';
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

/** A connection that only reads a database file another connection writes (a reader thread's). */
export function openSqliteReader(path: string): Database.Database {
  const sqlite = new Database(path, { readonly: true, fileMustExist: true });
  sqlite.pragma('busy_timeout = 5000');
  return sqlite;
}

/** A statement as Kysely's SqliteDialect uses it. */
type DialectStatement = {
  readonly reader: boolean;
  readonly busy: boolean;
  all(parameters: readonly unknown[]): unknown[];
  run(parameters: readonly unknown[]): Database.RunResult;
  iterate(parameters: readonly unknown[]): IterableIterator<unknown>;
};

/** A statement that changes the schema: the result columns of a statement read before it may differ. */
const schemaChange = /^\s*(create|alter|drop)\s/i;

/**
 * A reading statement whose rows are the objects better-sqlite3 would make (one key per result
 * column, a later column of the same name winning), built here from its raw arrays: objects made
 * in JavaScript with one shape are cheaper to make and to read than those the addon makes key by
 * key. The column names are read once, and again after a schema change on this connection
 * (`schema()` counts them) or when a row's width differs from theirs (a change made elsewhere).
 */
function readerRows(stmt: Database.Statement, schema: () => number): DialectStatement {
  stmt.raw(true);
  let keys: string[] = [];
  let readAt = -1;
  const row = (values: unknown[]) => {
    if (readAt !== schema() || values.length !== keys.length) {
      keys = stmt.columns().map((c) => c.name);
      readAt = schema();
    }
    const o: Record<string, unknown> = {};
    for (let i = 0; i < keys.length; i++) o[keys[i]!] = values[i];
    return o;
  };
  return {
    reader: true,
    get busy() {
      return stmt.busy;
    },
    all: (parameters) => (stmt.all(parameters) as unknown[][]).map(row),
    run: (parameters) => stmt.run(parameters),
    *iterate(parameters) {
      for (const values of stmt.iterate(parameters) as IterableIterator<unknown[]>) yield row(values);
    },
  };
}

/**
 * The connection as Kysely's SqliteDialect sees it, with prepared statements cached by their SQL
 * text (least recently used dropped beyond `size`). Preparing is a large share of a short
 * statement's cost; Kysely would otherwise prepare every statement anew.
 */
export function cachedStatements(sqlite: Database.Database, size = 500) {
  const cache = new Map<string, DialectStatement>();
  let changes = 0;
  const schema = () => changes;
  return {
    close: () => sqlite.close(),
    prepare(text: string): DialectStatement {
      let stmt = cache.get(text);
      if (stmt && !stmt.busy) {
        cache.delete(text); // re-insert: most recently used last
        cache.set(text, stmt);
      } else {
        const prepared = sqlite.prepare(text);
        stmt = prepared.reader ? readerRows(prepared, schema) : prepared;
        if (!cache.has(text)) {
          cache.set(text, stmt);
          if (cache.size > size) cache.delete(cache.keys().next().value!);
        }
      }
      if (!stmt.reader && schemaChange.test(text)) changes++;
      return stmt;
    },
  };
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
export async function backupDatabase(sqlite: Database.Database, file: string, onProgress?: (p: BackupProgress) => void): Promise<{ totalPages: number }> {
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

/**
 * Makes the full-text index hold exactly the stories that are not withdrawn (after bulk loads, or
 * to repair it). Returns how many stories it had to add or drop; 0 when it was complete.
 */
export function rebuildSearchIndex(sqlite: Database.Database): number {
  const missing = sqlite
    .prepare('select count(*) from stories s where withdrawn_at is null and not exists (select 1 from stories_fts f where f.rowid = s.id)')
    .pluck();
  const stale = sqlite
    .prepare('select count(*) from stories_fts f where not exists (select 1 from stories s where s.id = f.rowid and s.withdrawn_at is null)')
    .pluck();
  const fixed = (missing.get() as number) + (stale.get() as number);
  if (fixed > 0) {
    sqlite.transaction(() => {
      sqlite.exec('delete from stories_fts');
      sqlite.exec('insert into stories_fts(rowid, title, body) select id, title, body_text from stories where withdrawn_at is null');
    })();
  }
  sqlite.exec("insert into stories_fts(stories_fts) values ('optimize')");
  return fixed;
}

// --- Story search (FTS5). The index `stories_fts` and the triggers that keep it in step with
// `stories` are created in migration 0004.

/**
 * Turns what a user typed into an FTS5 query that cannot be a syntax error: every word becomes a
 * quoted prefix term ("cafe"*), all must match. Quotes, *, NEAR, AND/OR and parentheses are just
 * text. Returns null when nothing searchable is left.
 */
export function ftsQuery(input: string): string | null {
  return sqlite.searchQuery(searchWords(input));
}

/** The words of a search (at most 16, each once): letters, digits and marks; everything else separates. */
export function searchWords(input: string): string[] {
  const words = input.normalize('NFC').match(/[\p{L}\p{N}\p{M}]+/gu) ?? [];
  return [...new Set(words.slice(0, 16))];
}

export const sqlite: EngineSql = {
  name: 'sqlite',
  now: sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`,

  // Full-text search over title and text (diacritics-insensitive), kept in step by triggers on
  // every insert, edit, withdrawal and deletion. Withdrawn stories are not indexed. secure-delete
  // makes a deletion remove the words from the index at once (erasure leaves no trace).
  async storySearchUp(db) {
    await sql`create virtual table stories_fts using fts5(title, body, tokenize = "unicode61 remove_diacritics 2")`.execute(db);
    await sql`insert into stories_fts(stories_fts, rank) values ('secure-delete', 1)`.execute(db);
    await sql`insert into stories_fts(rowid, title, body) select id, title, body_text from stories where withdrawn_at is null`.execute(db);
    await sql`create trigger stories_fts_insert after insert on stories when new.withdrawn_at is null begin
      insert into stories_fts(rowid, title, body) values (new.id, new.title, new.body_text);
    end`.execute(db);
    await sql`create trigger stories_fts_update after update of title, body_text, withdrawn_at on stories begin
      delete from stories_fts where rowid = old.id;
      insert into stories_fts(rowid, title, body) select new.id, new.title, new.body_text where new.withdrawn_at is null;
    end`.execute(db);
    await sql`create trigger stories_fts_delete after delete on stories begin
      delete from stories_fts where rowid = old.id;
    end`.execute(db);
  },
  async storySearchDown(db) {
    for (const t of ['stories_fts_delete', 'stories_fts_update', 'stories_fts_insert']) await sql`drop trigger ${sql.id(t)}`.execute(db);
    await sql`drop table stories_fts`.execute(db);
  },

  // FTS5 hands its matches over by rowid, and the story's row is found by that rowid: nothing to add.
  async searchVisibilityUp() {},
  async searchVisibilityDown() {},

  async disclosureTriggersUp(db) {
    await sql`create trigger disclosure_story_update after update of consent, withdrawn_at on stories
    when old.consent is not new.consent or old.withdrawn_at is not new.withdrawn_at
    begin update disclosure_changes set n = n + 1 where id = 1; end`.execute(db);
    await sql`create trigger disclosure_story_delete after delete on stories
    begin update disclosure_changes set n = n + 1 where id = 1; end`.execute(db);
    await sql`create trigger disclosure_teller_update after update of under_16 on tellers
    when old.under_16 is not new.under_16
    begin update disclosure_changes set n = n + 1 where id = 1; end`.execute(db);
  },
  async disclosureTriggersDown(db) {
    for (const t of ['disclosure_teller_update', 'disclosure_story_delete', 'disclosure_story_update'])
      await sql.raw(`drop trigger if exists ${t}`).execute(db);
  },

  async textRevUp(db) {
    await sql`create trigger stories_text_rev after update of title, body_text on stories
    when old.title is not new.title or old.body_text is not new.body_text
    begin update stories set text_rev = text_rev + 1 where id = new.id; update disclosure_changes set n = n + 1 where id = 1; end`.execute(db);
  },
  async textRevDown(db) {
    await sql`drop trigger if exists stories_text_rev`.execute(db);
  },

  // SQLite has no statement-level triggers; FTS5 takes each row as it comes.
  async searchPerStatementUp() {},
  async searchPerStatementDown() {},

  searchQuery(words) {
    return words.length ? words.map((w) => `"${w}"*`).join(' ') : null;
  },
  /**
   * Narrows a query over `stories` to those matching the search, joined as `fts` with its rank
   * (lower is better; order by `searchRank`). Combine with any other where-clauses.
   */
  matchStories<QB extends SelectQueryBuilder<any, any, any>>(qb: QB, match: string): QB {
    return (qb as SelectQueryBuilder<any, any, any>).innerJoin(
      sql`(select rowid as story_id, rank as fts_rank from stories_fts where stories_fts match ${match})`.as('fts'),
      (join) => join.onRef('fts.story_id', '=', 'stories.id'),
    ) as unknown as QB;
  },
  /** Order by relevance (bm25); costs a rank computation for every match. */
  searchRank: sql`fts.fts_rank`,
  /** Order by the index's rowid (the story id: most recently added first); FTS5 streams it and stops at the limit. */
  searchRecency: sql`fts.story_id`,
  async indexedStoryIds(db: Kysely<any>, match?: string) {
    const rows = match
      ? await sql<{ id: number }>`select rowid as id from stories_fts where stories_fts match ${match}`.execute(db)
      : await sql<{ id: number }>`select rowid as id from stories_fts`.execute(db);
    return rows.rows.map((r) => r.id);
  },
  async purgeRemovedText() {
    // secure_delete = ON (openSqlite): deleted content is overwritten when it is deleted
  },
};
