import { sql, type Kysely } from 'kysely';

// Issue 14. A story's voice recording and photo: the files live beside the database (MEDIA_PATH),
// this table knows them (path relative to the media folder, size, sha256, length of a recording,
// whether a photo may go into reports). Rows go with their story (cascade); the files are deleted
// by the code that deletes the story (withdrawal, erasure).
// Per link: its own question to residents and the climate questions it asks (a JSON array of
// variable ids, none to four; null = the project's first two).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('story_media')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('story_id', 'integer', (c) => c.notNull().references('stories.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('audio','photo')`))
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('file', 'text', (c) => c.notNull().unique())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('duration_seconds', 'real')
    .addColumn('photo_in_reports', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('story_media_story').on('story_media').column('story_id').execute();
  await db.schema.alterTable('public_links').addColumn('question', 'text').execute();
  await db.schema.alterTable('public_links').addColumn('climate_variable_ids', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('public_links').dropColumn('climate_variable_ids').execute();
  await db.schema.alterTable('public_links').dropColumn('question').execute();
  await db.schema.dropTable('story_media').execute();
}
