import type { Kysely } from 'kysely';

// A report says something per outcome: the coordinator's narrative ("wat we zien", tiptap JSON and
// its sanitised HTML) and the stories chosen, in order, to illustrate it. One JSON text per report
// (like its project and section lists), keyed by outcome id; published versions freeze it in their data.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('reports').addColumn('outcome_texts', 'text', (c) => c.notNull().defaultTo('[]')).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('reports').dropColumn('outcome_texts').execute();
}
