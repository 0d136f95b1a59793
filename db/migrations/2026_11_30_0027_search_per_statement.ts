import type { Kysely } from 'kysely';
import { engine } from '../engine.js';

// Search on PostgreSQL: the stories one statement adds (a burst of residents' stories stored
// together) enter the search index in one insert instead of one per story (db/postgres.ts).
export async function up(db: Kysely<any>): Promise<void> {
  await engine(db).searchPerStatementUp(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await engine(db).searchPerStatementDown(db);
}
