import { sql, type Kysely } from 'kysely';

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
  await sql`create trigger disclosure_story_update after update of consent, withdrawn_at on stories
    when old.consent is not new.consent or old.withdrawn_at is not new.withdrawn_at
    begin update disclosure_changes set n = n + 1 where id = 1; end`.execute(db);
  await sql`create trigger disclosure_story_delete after delete on stories
    begin update disclosure_changes set n = n + 1 where id = 1; end`.execute(db);
  await sql`create trigger disclosure_teller_update after update of under_16 on tellers
    when old.under_16 is not new.under_16
    begin update disclosure_changes set n = n + 1 where id = 1; end`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['disclosure_teller_update', 'disclosure_story_delete', 'disclosure_story_update']) await sql.raw(`drop trigger if exists ${t}`).execute(db);
  await db.schema.dropTable('disclosure_changes').execute();
  await db.schema.dropIndex('stories_report').execute();
}
