import { sql, type Kysely } from 'kysely';
import { engine } from '../engine.js';

// Funder reports: definitions, immutable published versions, which stories each version used,
// sharing with funder accounts, and expiring read-only links.
export async function up(db: Kysely<any>): Promise<void> {
  const now = engine(db).now;

  await db.schema
    .createTable('reports')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('audience', 'text', (c) => c.notNull().check(sql`audience in ('funder','municipality','internal','residents')`))
    .addColumn('period_from', 'text', (c) => c.notNull()) // YYYY-MM-DD
    .addColumn('period_to', 'text', (c) => c.notNull())
    .addColumn('project_ids', 'text', (c) => c.notNull().defaultTo('[]')) // JSON arrays of ids
    .addColumn('area_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('outcome_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('sections', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('intro_json', 'text', (c) => c.notNull())
    .addColumn('intro_html', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(now))
    .execute();

  // A published version is written once and never updated.
  await db.schema
    .createTable('report_versions')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('report_id', 'integer', (c) => c.notNull().references('reports.id'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('data_json', 'text', (c) => c.notNull())
    .addColumn('html', 'text', (c) => c.notNull())
    .addColumn('published_by', 'integer', (c) => c.references('users.id'))
    .addColumn('published_at', 'text', (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex('report_versions_number').on('report_versions').columns(['report_id', 'number']).unique().execute();

  // Which stories a version used, so a teller's receipt can say "used in a report".
  await db.schema
    .createTable('report_version_stories')
    .addColumn('version_id', 'integer', (c) => c.notNull().references('report_versions.id'))
    .addColumn('story_id', 'integer', (c) => c.notNull().references('stories.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('report_version_stories_pk', ['version_id', 'story_id'])
    .execute();
  await db.schema.createIndex('report_version_stories_story').on('report_version_stories').column('story_id').execute();

  await db.schema
    .createTable('report_shares')
    .addColumn('report_id', 'integer', (c) => c.notNull().references('reports.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('shared_by', 'integer', (c) => c.references('users.id'))
    .addColumn('shared_at', 'text', (c) => c.notNull().defaultTo(now))
    .addPrimaryKeyConstraint('report_shares_pk', ['report_id', 'user_id'])
    .execute();
  await db.schema.createIndex('report_shares_user').on('report_shares').column('user_id').execute();

  await db.schema
    .createTable('report_links')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('report_id', 'integer', (c) => c.notNull().references('reports.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['report_links', 'report_shares', 'report_version_stories', 'report_versions', 'reports']) {
    await db.schema.dropTable(t).execute();
  }
}
