import type { Kysely } from 'kysely';

// Performance: report assembly selects a report's stories by project, consent, withdrawal and
// date. With only (project_id, happened_on) it read every row of the projects' stories — rows that
// carry the story bodies — to drop the 'team' and withdrawn ones; this index answers those
// conditions (and the placements' join) without touching the rows that are left out.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('stories_report').on('stories').columns(['project_id', 'consent', 'withdrawn_at', 'happened_on', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('stories_report').execute();
}
