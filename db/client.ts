import { CamelCasePlugin, Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import type Database from 'better-sqlite3';
import type { DB } from './schema.js';
import { cachedStatements, openSqlite } from './sqlite.js';
import { checkPostgres, createPool, isPostgresUrl, PostgresSchemaPlugin } from './postgres.js';

export type Db = Kysely<DB>;

// underscoreBeforeDigits: tellers.under_16 is `under16` in TypeScript.
export const camelCase = () => new CamelCasePlugin({ underscoreBeforeDigits: true });

/** A SQLite database file (or ':memory:'). */
export function createDb(path: string): { db: Db; sqlite: Database.Database } {
  const sqlite = openSqlite(path);
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: cachedStatements(sqlite) }), plugins: [camelCase()] });
  return { db, sqlite };
}

/** A PostgreSQL database by URL; throws one clear line when it cannot be used. */
export async function createPostgresDb(url: string, poolSize = 10, idleTimeoutMillis?: number): Promise<Db> {
  const pool = createPool(url, poolSize, idleTimeoutMillis);
  pool.on('error', () => {}); // an idle client lost (server restart): the pool replaces it
  try {
    await checkPostgres(pool, url);
  } catch (err) {
    await pool.end().catch(() => {});
    throw err;
  }
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool }), plugins: [camelCase(), new PostgresSchemaPlugin()] });
}

/** The app's database: PostgreSQL when `databaseUrl` is a postgres:// URL, else the SQLite file at `databasePath`. */
export async function openDb(config: { databaseUrl?: string; databasePath: string }): Promise<Db> {
  if (isPostgresUrl(config.databaseUrl)) return createPostgresDb(config.databaseUrl);
  return createDb(config.databasePath).db;
}

/** Where the database is, for messages (never a password). */
export { redactUrl } from './postgres.js';
