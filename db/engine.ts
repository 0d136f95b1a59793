// The database engine: SQLite (default, one file) or PostgreSQL (DATABASE_URL=postgres://…).
// The few statements that differ between them live in db/sqlite.ts and db/postgres.ts, behind
// the EngineSql interface below; migrations and the search ask `engine(db)` for them.
import { PostgresAdapter, type Kysely, type RawBuilder, type SelectQueryBuilder } from 'kysely';
import { postgres } from './postgres.js';
import { searchWords, sqlite } from './sqlite.js';

export type EngineName = 'sqlite' | 'postgres';

export interface EngineSql {
  name: EngineName;
  /** Default for timestamp columns: the current UTC time as ISO text (2026-11-29T12:00:00.000Z). */
  now: RawBuilder<unknown>;
  /** Migration 0004: the story search index and the triggers that keep it in step. */
  storySearchUp(db: Kysely<any>): Promise<void>;
  storySearchDown(db: Kysely<any>): Promise<void>;
  /** Migration 0025: what a search's walk over its matches needs to check their visibility quickly. */
  searchVisibilityUp(db: Kysely<any>): Promise<void>;
  searchVisibilityDown(db: Kysely<any>): Promise<void>;
  /** Migration 0009: triggers that count changes to what published versions may disclose. */
  disclosureTriggersUp(db: Kysely<any>): Promise<void>;
  disclosureTriggersDown(db: Kysely<any>): Promise<void>;
  /** Migration 0026: the trigger that numbers a story's text (`text_rev` up on every change of title or text; the disclosure counter too). */
  textRevUp(db: Kysely<any>): Promise<void>;
  textRevDown(db: Kysely<any>): Promise<void>;
  /** Migration 0027: the stories a statement adds go into the search index together, in one insert. */
  searchPerStatementUp(db: Kysely<any>): Promise<void>;
  searchPerStatementDown(db: Kysely<any>): Promise<void>;
  /** The engine's query text for search words; null when there are none. */
  searchQuery(words: string[]): string | null;
  /** Joins the matches of `match` as `fts` (story_id, fts_rank: lower is better). */
  matchStories<QB extends SelectQueryBuilder<any, any, any>>(qb: QB, match: string): QB;
  searchRank: RawBuilder<unknown>;
  searchRecency: RawBuilder<unknown>;
  indexedStoryIds(db: Kysely<any>, match?: string): Promise<number[]>;
  /** After a withdrawal or erasure committed: make the removed text physically gone from the data files. */
  purgeRemovedText(db: Kysely<any>): Promise<void>;
}

/** Whether a write failed on a unique index (SQLite or PostgreSQL). */
export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === '23505';
}

export function engineName(db: Kysely<any>): EngineName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/** The engine-specific statements for this database. */
export function engine(db: Kysely<any>): EngineSql {
  return engineName(db) === 'postgres' ? postgres : sqlite;
}

/** Turns what a user typed into the engine's search query (every word a prefix term, all must match); null when nothing is searchable. */
export function searchQuery(db: Kysely<any>, input: string): string | null {
  return engine(db).searchQuery(searchWords(input));
}

/** Story ids in the search index, all or those matching `words` (tests and integrity checks). */
export function indexedStoryIds(db: Kysely<any>, words?: string): Promise<number[]> {
  const e = engine(db);
  return e.indexedStoryIds(db, words === undefined ? undefined : (e.searchQuery(searchWords(words)) ?? undefined));
}

const purges = new WeakMap<Kysely<any>, { queued: Promise<void> | null; tail: Promise<void> }>();

/**
 * Call after a withdrawal or erasure committed, without awaiting it (the request does not wait).
 * SQLite overwrites deleted content itself (secure_delete). On PostgreSQL old row versions keep
 * the text until VACUUM: this runs it on the tables that held the story, outside any transaction,
 * in the background — one run at a time per process, and the requests that arrive while one runs
 * share the next. Never rejects: a failure is logged as one line. The promise settles when the run
 * that covers this call is done (tests wait for it).
 */
export function purgeRemovedText(db: Kysely<any>): Promise<void> {
  let p = purges.get(db);
  if (!p) purges.set(db, (p = { queued: null, tail: Promise.resolve() }));
  const state = p;
  if (state.queued) return state.queued;
  const run: Promise<void> = state.tail.then(async () => {
    state.queued = null;
    try {
      await engine(db).purgeRemovedText(db);
    } catch (err) {
      console.error(`Weefwerk: cleaning up after an erasure failed (${(err as Error).message}); VACUUM the database to finish it`);
    }
  });
  state.queued = run;
  state.tail = run;
  return run;
}
