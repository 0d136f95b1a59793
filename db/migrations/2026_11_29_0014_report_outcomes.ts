import type { Kysely } from 'kysely';

// A report says something per outcome: the coordinator's narrative ("wat we zien", tiptap JSON and
// its sanitised HTML) and the stories chosen, in order, to illustrate it. One JSON text per report
// (like its project and section lists), keyed by outcome id; published versions freeze it in their data.
// A version also keeps the title and period it was published with, so a funder's list shows what
// was published, never the draft (versions published before this read them from their data).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('reports')
    .addColumn('outcome_texts', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
  await db.schema.alterTable('report_versions').addColumn('title', 'text').execute();
  await db.schema.alterTable('report_versions').addColumn('period_from', 'text').execute();
  await db.schema.alterTable('report_versions').addColumn('period_to', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('report_versions').dropColumn('period_to').execute();
  await db.schema.alterTable('report_versions').dropColumn('period_from').execute();
  await db.schema.alterTable('report_versions').dropColumn('title').execute();
  await db.schema.alterTable('reports').dropColumn('outcome_texts').execute();
}
