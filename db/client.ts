import { CamelCasePlugin, Kysely, PostgresDialect, SqliteDialect, type PluginTransformResultArgs, type QueryResult, type UnknownRow } from 'kysely';
import type Database from 'better-sqlite3';
import type { DB } from './schema.js';
import { cachedStatements, openSqlite, openSqliteReader } from './sqlite.js';
import { checkPostgres, createPool, isPostgresUrl, PostgresSchemaPlugin } from './postgres.js';

export type Db = Kysely<DB>;

/**
 * Kysely's CamelCasePlugin, with its rows renamed faster: the rows of one result share their
 * columns, so each name is converted once per result, not once per row; a row whose names need no
 * change and that holds no nested object (a JSON value, renamed inside as well) is kept as it is.
 */
class CamelCase extends CamelCasePlugin {
  override async transformResult({ result }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const rows = result.rows;
    if (!Array.isArray(rows) || !rows.length) return result;
    const from = Object.keys(rows[0]!);
    const to = from.map((k) => this.camelCase(k));
    const same = from.every((k, i) => k === to[i]);
    const renamed = rows.map((row) => {
      for (const key of from) {
        const value = row[key];
        if (value !== null && typeof value === 'object' && !(value instanceof Uint8Array) && !(value instanceof Date)) return this.mapRow(row);
      }
      if (same) return row;
      const out: UnknownRow = {};
      for (let i = 0; i < from.length; i++) out[to[i]!] = row[from[i]!];
      return out;
    });
    return { ...result, rows: renamed };
  }
}

// underscoreBeforeDigits: tellers.under_16 is `under16` in TypeScript.
export const camelCase = () => new CamelCase({ underscoreBeforeDigits: true });

const sqliteDb = (sqlite: Database.Database): Db =>
  new Kysely<DB>({ dialect: new SqliteDialect({ database: cachedStatements(sqlite) }), plugins: [camelCase()] });

/** A SQLite database file (or ':memory:'). */
export function createDb(path: string): { db: Db; sqlite: Database.Database } {
  const sqlite = openSqlite(path);
  return { db: sqliteDb(sqlite), sqlite };
}

/** A read-only connection to a SQLite file that exists, for a thread that only reads. */
export const createReaderDb = (path: string): Db => sqliteDb(openSqliteReader(path));

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
