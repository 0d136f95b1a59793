import { sql, type Kysely } from 'kysely';
import { engine } from '../engine.js';

// The shared model the capabilities meet on: stories and their consent, the climate catalogue and
// placements, outcomes, and indicators. Capability-specific tables come in later migrations.
export async function up(db: Kysely<any>): Promise<void> {
  const now = engine(db).now;

  // A teller is a person who told stories: a resident (no account) or a worker.
  await db.schema
    .createTable('tellers')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('resident','worker')`))
    .addColumn('display_name', 'text') // chosen name or pseudonym; null = anonymous
    .addColumn('user_id', 'integer', (c) => c.references('users.id')) // set for workers
    .addColumn('contact', 'text') // optional, only when the teller gave it
    .addColumn('under_16', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .execute();

  await db.schema
    .createTable('public_links')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('token', 'text', (c) => c.notNull().unique())
    .addColumn('label', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('expires_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .execute();

  await db.schema
    .createTable('stories')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id'))
    .addColumn('area_id', 'integer', (c) => c.references('areas.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body_json', 'text', (c) => c.notNull()) // tiptap JSON, validated against the allowlist
    .addColumn('body_html', 'text', (c) => c.notNull()) // rendered and sanitised on the server
    .addColumn('body_text', 'text', (c) => c.notNull()) // plain text, for search and excerpts
    .addColumn('phase', 'text', (c) => c.check(sql`phase in ('ZIEN','DENKEN','DOEN','VINDEN')`))
    .addColumn('happened_on', 'text') // YYYY-MM-DD
    .addColumn('language', 'text', (c) => c.notNull().defaultTo('nl'))
    .addColumn('teller_id', 'integer', (c) => c.notNull().references('tellers.id'))
    // how it was recorded: 'link' (resident through a project link), 'heard' (worker on the teller's behalf), 'practice' (worker's own)
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('link','heard','practice')`))
    .addColumn('link_id', 'integer', (c) => c.references('public_links.id'))
    .addColumn('recorded_by', 'integer', (c) => c.references('users.id')) // null for residents
    // current consent, denormalised from story_consents for fast filtering
    .addColumn('consent', 'text', (c) => c.notNull().check(sql`consent in ('team','report','public')`))
    .addColumn('withdrawn_at', 'text')
    .addColumn('receipt_hash', 'text', (c) => c.unique()) // sha256 of the resident's receipt code
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex('stories_project').on('stories').columns(['project_id', 'happened_on']).execute();
  await db.schema.createIndex('stories_area').on('stories').column('area_id').execute();
  await db.schema.createIndex('stories_teller').on('stories').column('teller_id').execute();

  // Every consent given, changed or withdrawn, in order. The last row is the story's consent.
  await db.schema
    .createTable('story_consents')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('story_id', 'integer', (c) => c.notNull().references('stories.id').onDelete('cascade'))
    .addColumn('level', 'text', (c) => c.check(sql`level in ('team','report','public')`)) // null when withdrawn
    .addColumn('withdrawn', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('given_by', 'text', (c) => c.notNull().check(sql`given_by in ('teller','guardian','worker','coordinator')`))
    .addColumn('guardian_name', 'text')
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('online','paper','spoken')`))
    .addColumn('consent_text_version', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('recorded_by', 'integer', (c) => c.references('users.id'))
    .addColumn('at', 'text', (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex('story_consents_story').on('story_consents').column('story_id').execute();

  await db.schema
    .createTable('climate_variables')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('key', 'text', (c) => c.notNull().unique())
    .addColumn('group_key', 'text', (c) => c.notNull())
    .addColumn('group_nl', 'text', (c) => c.notNull())
    .addColumn('group_en', 'text', (c) => c.notNull())
    .addColumn('name_nl', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('weak_nl', 'text', (c) => c.notNull())
    .addColumn('weak_en', 'text', (c) => c.notNull())
    .addColumn('strong_nl', 'text', (c) => c.notNull())
    .addColumn('strong_en', 'text', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('retired_at', 'text')
    .execute();

  await db.schema
    .createTable('project_climate_variables')
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('variable_id', 'integer', (c) => c.notNull().references('climate_variables.id'))
    .addPrimaryKeyConstraint('project_climate_variables_pk', ['project_id', 'variable_id'])
    .execute();

  // A story's place on a climate dyad: 0 = the weak pole, 100 = the strong pole, null = does not apply.
  await db.schema
    .createTable('story_placements')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('story_id', 'integer', (c) => c.notNull().references('stories.id').onDelete('cascade'))
    .addColumn('variable_id', 'integer', (c) => c.notNull().references('climate_variables.id'))
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('teller','coordinator')`))
    .addColumn('position', 'integer', (c) => c.check(sql`position between 0 and 100`))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('accepted')
        .check(sql`status in ('accepted','suggested')`),
    )
    .addColumn('by_user', 'integer', (c) => c.references('users.id'))
    .addColumn('at', 'text', (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex('story_placements_unique').on('story_placements').columns(['story_id', 'variable_id', 'source', 'status']).unique().execute();
  await db.schema.createIndex('story_placements_variable').on('story_placements').columns(['variable_id', 'source']).execute();

  // Organisation-wide outcome library that projects reuse.
  await db.schema
    .createTable('outcome_library')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('level', 'text', (c) => c.notNull().check(sql`level in ('output','outcome','impact')`))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .execute();

  // A project's results chain (werkdoelen): output → outcome → impact, the IATI result types 1, 2, 3.
  await db.schema
    .createTable('outcomes')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('library_id', 'integer', (c) => c.references('outcome_library.id'))
    .addColumn('parent_id', 'integer', (c) => c.references('outcomes.id'))
    .addColumn('level', 'text', (c) => c.notNull().check(sql`level in ('output','outcome','impact')`))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex('outcomes_project').on('outcomes').column('project_id').execute();

  // A story tagged to an outcome, with a note on its contribution. Worker tags are 'suggested' until accepted.
  await db.schema
    .createTable('story_outcomes')
    .addColumn('story_id', 'integer', (c) => c.notNull().references('stories.id').onDelete('cascade'))
    .addColumn('outcome_id', 'integer', (c) => c.notNull().references('outcomes.id').onDelete('cascade'))
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('accepted')
        .check(sql`status in ('accepted','suggested')`),
    )
    .addColumn('by_user', 'integer', (c) => c.references('users.id'))
    .addColumn('at', 'text', (c) => c.notNull().defaultTo(now))
    .addPrimaryKeyConstraint('story_outcomes_pk', ['story_id', 'outcome_id'])
    .execute();
  await db.schema.createIndex('story_outcomes_outcome').on('story_outcomes').column('outcome_id').execute();

  await db.schema
    .createTable('indicators')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('project_id', 'integer', (c) => c.references('projects.id').onDelete('cascade')) // null: context indicator (e.g. CBS)
    .addColumn('outcome_id', 'integer', (c) => c.references('outcomes.id').onDelete('set null'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('unit', 'text', (c) => c.notNull().check(sql`unit in ('count','percentage','euro','hours','score')`))
    .addColumn('measure', 'text', (c) => c.notNull().check(sql`measure in ('unit','percentage','nominal','ordinal','qualitative')`))
    .addColumn('direction', 'text', (c) =>
      c
        .notNull()
        .defaultTo('higher')
        .check(sql`direction in ('higher','lower')`),
    )
    .addColumn('periodicity', 'text', (c) => c.notNull().check(sql`periodicity in ('month','quarter','year')`))
    .addColumn('baseline_value', 'real')
    .addColumn('baseline_period', 'text')
    .addColumn('by_area', 'integer', (c) => c.notNull().defaultTo(0)) // disaggregated by area
    .addColumn('source', 'text', (c) => c.notNull().defaultTo('manual')) // 'manual' | 'cbs'
    .addColumn('source_key', 'text') // e.g. the CBS column a context indicator came from
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex('indicators_project').on('indicators').column('project_id').execute();

  // Periods are '2026' (year), '2026-Q1' (quarter) or '2026-01' (month). area_id 0 = all areas.
  await db.schema
    .createTable('indicator_targets')
    .addColumn('indicator_id', 'integer', (c) => c.notNull().references('indicators.id').onDelete('cascade'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('area_id', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('value', 'real', (c) => c.notNull())
    .addPrimaryKeyConstraint('indicator_targets_pk', ['indicator_id', 'period', 'area_id'])
    .execute();

  await db.schema
    .createTable('indicator_values')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('indicator_id', 'integer', (c) => c.notNull().references('indicators.id').onDelete('cascade'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('area_id', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('value', 'real') // null = missing (e.g. suppressed by CBS), never zero
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('entered_by', 'integer', (c) => c.references('users.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex('indicator_values_key').on('indicator_values').columns(['indicator_id', 'period', 'area_id']).unique().execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'indicator_values',
    'indicator_targets',
    'indicators',
    'story_outcomes',
    'outcomes',
    'outcome_library',
    'story_placements',
    'project_climate_variables',
    'climate_variables',
    'story_consents',
    'stories',
    'public_links',
    'tellers',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
