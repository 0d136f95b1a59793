import type { Kysely } from 'kysely';

// Read links can be listed and revoked: who revoked one, and an optional label (for whom it was
// made) so a coordinator can tell the links apart without ever seeing a token again.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('report_links').addColumn('label', 'text').execute();
  // A users.id; no foreign key, as SQLite cannot drop a column that has one (down).
  await db.schema.alterTable('report_links').addColumn('revoked_by', 'integer').execute();
  await db.schema.createIndex('report_links_report').on('report_links').column('report_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('report_links_report').execute();
  await db.schema.alterTable('report_links').dropColumn('revoked_by').execute();
  await db.schema.alterTable('report_links').dropColumn('label').execute();
}
