import { sql, type Kysely } from 'kysely';

// The organisation's logo on report covers (issue 12): one PNG an admin uploads, kept as a file in
// the media folder beside the database (MEDIA_PATH) like stories' photos and backed up with them;
// this one-row table knows it (path relative to the media folder, size, sha256, pixels).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('organisation_logo')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('file', 'text', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('organisation_logo').execute();
}
