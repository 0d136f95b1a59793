import type { Kysely } from 'kysely';
import { engine } from '../engine.js';

// Stories: full-text search over title and text (diacritics-insensitive), kept in step by the
// database on every insert, edit, withdrawal and deletion. Withdrawn stories are not indexed.
// SQLite: FTS5 and triggers; PostgreSQL: a tsvector table and a trigger (db/sqlite.ts, db/postgres.ts).
export async function up(db: Kysely<any>): Promise<void> {
  await engine(db).storySearchUp(db);

  await db.schema.createIndex('stories_created').on('stories').column('created_at').execute();
  await db.schema.createIndex('stories_link').on('stories').column('link_id').execute();
  await db.schema.createIndex('public_links_project').on('public_links').column('project_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('public_links_project').execute();
  await db.schema.dropIndex('stories_link').execute();
  await db.schema.dropIndex('stories_created').execute();
  await engine(db).storySearchDown(db);
}
