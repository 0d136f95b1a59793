import type { Kysely } from 'kysely';

// The IATI sector a project is classified under ('vocabulary:code', e.g. '1:15150'); null means the
// organisation's default (IATI_SECTOR). Read when a report is exported to IATI.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('projects').addColumn('iati_sector', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('projects').dropColumn('iati_sector').execute();
}
