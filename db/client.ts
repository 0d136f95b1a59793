import { CamelCasePlugin, Kysely, SqliteDialect } from 'kysely';
import type Database from 'better-sqlite3';
import type { DB } from './schema.js';
import { cachedStatements, openSqlite } from './sqlite.js';

export type Db = Kysely<DB>;

export function createDb(path: string): { db: Db; sqlite: Database.Database } {
  const sqlite = openSqlite(path);
  // underscoreBeforeDigits: tellers.under_16 is `under16` in TypeScript.
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: cachedStatements(sqlite) }), plugins: [new CamelCasePlugin({ underscoreBeforeDigits: true })] });
  return { db, sqlite };
}
