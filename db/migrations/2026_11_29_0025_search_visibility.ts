import type { Kysely } from 'kysely';
import { engine } from '../engine.js';

// Search on PostgreSQL: the walk over a search's matches checks each story's visibility from an
// index instead of the story's wide row (db/postgres.ts). SQLite needs nothing (db/sqlite.ts).
export async function up(db: Kysely<any>): Promise<void> {
  await engine(db).searchVisibilityUp(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await engine(db).searchVisibilityDown(db);
}
