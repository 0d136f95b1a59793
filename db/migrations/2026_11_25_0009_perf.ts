import { sql, type Kysely } from 'kysely';
import { engine } from '../engine.js';

export async function up(db: Kysely<any>): Promise<void> {
  // Report assembly selects a report's stories by project, consent, withdrawal and date. With
  // only (project_id, happened_on) it read every row of the projects' stories — rows that carry
  // the story bodies — to drop the 'team' and withdrawn ones; this index answers those conditions
  // (and the placements' join) without touching the rows that are left out.
  await db.schema.createIndex('stories_report').on('stories').columns(['project_id', 'consent', 'withdrawn_at', 'happened_on', 'created_at']).execute();

  // Serving a published version checks what its stories' tellers allow now (withdrawal, erasure,
  // consent, age). This counter changes whenever any of that changes, so the server can keep a
  // served version until it does (server/reports/redact.ts) — whatever wrote the change.
  await db.schema
    .createTable('disclosure_changes')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('n', 'integer', (c) => c.notNull())
    .execute();
  await sql`insert into disclosure_changes (id, n) values (1, 0)`.execute(db);
  await engine(db).disclosureTriggersUp(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await engine(db).disclosureTriggersDown(db);
  await db.schema.dropTable('disclosure_changes').execute();
  await db.schema.dropIndex('stories_report').execute();
}
