import { sql, type Kysely } from 'kysely';

// The organisation's name on report covers, the organisation page, posters and IATI exports, set by
// an admin on the organisation page (ORG_NAME stays the default where none is set). One row (id 1),
// apart from organisation_logo, whose row goes when the logo is removed; name null = not set here.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('organisation_settings')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('name', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('organisation_settings').execute();
}
