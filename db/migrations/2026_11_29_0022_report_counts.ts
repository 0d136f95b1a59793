import type { Kysely } from 'kysely';

// A report's summary counts the stories told in its scope — every consent, by tellers and areas
// (storiesToldCounts). With stories_report ending at created_at that count read the wide story
// rows (their bodies) of every story of the projects; with the teller and area added it is
// answered from the index alone. Same number of indexes on stories, so writes cost the same.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('stories_report').execute();
  await db.schema
    .createIndex('stories_report')
    .on('stories')
    .columns(['project_id', 'consent', 'withdrawn_at', 'happened_on', 'created_at', 'teller_id', 'area_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('stories_report').execute();
  await db.schema.createIndex('stories_report').on('stories').columns(['project_id', 'consent', 'withdrawn_at', 'happened_on', 'created_at']).execute();
}
