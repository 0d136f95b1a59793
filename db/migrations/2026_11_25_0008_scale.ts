import type { Kysely } from 'kysely';

// Scale: the story list and its count ("not withdrawn", newest first) read this index instead of
// scanning the table, whose rows carry the story bodies (measured at 100k stories: a full scan of
// ~200 MB for every list and count).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('stories_live').on('stories').columns(['withdrawn_at', 'created_at', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('stories_live').execute();
}
