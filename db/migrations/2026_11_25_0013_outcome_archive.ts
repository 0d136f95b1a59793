import type { Kysely } from 'kysely';

// Work plans change year by year: an outcome that is no longer pursued is archived rather than
// deleted, so the stories, excerpts and indicators tagged to it keep their meaning in reports.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('outcomes').addColumn('archived_at', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('outcomes').dropColumn('archived_at').execute();
}
