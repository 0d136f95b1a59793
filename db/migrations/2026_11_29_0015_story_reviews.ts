import type { Kysely } from 'kysely';

// "Anonymous means anonymous": a story reaches readers beyond the team only through its report
// version, a copy of its title and text that a worker or coordinator reviewed for details that
// identify someone. One row per story. `source_title` / `source_text` are the story's title and
// text as they were when reviewed: once the story's own text differs, the review is stale (the
// comparison is plain SQL equality, so it holds whatever changed the text). `text_hash` is the
// sha256 of the reviewed title and text, recorded in the audit log too. Withdrawal deletes the
// row; erasing the story deletes it with the story.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('story_reviews')
    .addColumn('story_id', 'integer', (c) => c.primaryKey().references('stories.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body_json', 'text', (c) => c.notNull())
    .addColumn('body_html', 'text', (c) => c.notNull())
    .addColumn('body_text', 'text', (c) => c.notNull())
    .addColumn('text_hash', 'text', (c) => c.notNull())
    .addColumn('source_title', 'text', (c) => c.notNull())
    .addColumn('source_text', 'text', (c) => c.notNull())
    // a users.id; no foreign key, so removing a user never takes a review with it
    .addColumn('reviewed_by', 'integer')
    .addColumn('reviewed_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('story_reviews').execute();
}
