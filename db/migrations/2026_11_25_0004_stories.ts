import { sql, type Kysely } from 'kysely';

// Stories: full-text search over title and text (SQLite FTS5, diacritics-insensitive), kept in step
// by triggers on every insert, edit, withdrawal and deletion. Withdrawn stories are not indexed.
// secure-delete makes a deletion remove the words from the index at once (erasure leaves no trace).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create virtual table stories_fts using fts5(title, body, tokenize = "unicode61 remove_diacritics 2")`.execute(db);
  await sql`insert into stories_fts(stories_fts, rank) values ('secure-delete', 1)`.execute(db);
  await sql`insert into stories_fts(rowid, title, body) select id, title, body_text from stories where withdrawn_at is null`.execute(db);
  await sql`create trigger stories_fts_insert after insert on stories when new.withdrawn_at is null begin
      insert into stories_fts(rowid, title, body) values (new.id, new.title, new.body_text);
    end`.execute(db);
  await sql`create trigger stories_fts_update after update of title, body_text, withdrawn_at on stories begin
      delete from stories_fts where rowid = old.id;
      insert into stories_fts(rowid, title, body) select new.id, new.title, new.body_text where new.withdrawn_at is null;
    end`.execute(db);
  await sql`create trigger stories_fts_delete after delete on stories begin
      delete from stories_fts where rowid = old.id;
    end`.execute(db);

  await db.schema.createIndex('stories_created').on('stories').column('created_at').execute();
  await db.schema.createIndex('stories_link').on('stories').column('link_id').execute();
  await db.schema.createIndex('public_links_project').on('public_links').column('project_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('public_links_project').execute();
  await db.schema.dropIndex('stories_link').execute();
  await db.schema.dropIndex('stories_created').execute();
  for (const t of ['stories_fts_delete', 'stories_fts_update', 'stories_fts_insert']) await sql`drop trigger ${sql.id(t)}`.execute(db);
  await sql`drop table stories_fts`.execute(db);
}
