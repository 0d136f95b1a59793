import { sql, type Kysely } from 'kysely';
import { engine } from '../engine.js';

// Whether a story's review is current (migration 0015) was decided by comparing the story's
// title and text with the copy kept in its review: a report over a million stories read the full
// text of thousands of stories and reviews to answer yes or no. Now the database numbers each
// story's text — `text_rev` goes up whenever its title or text changes, by a trigger, so it holds
// whatever wrote the change — and a story records the number its review was made of
// (`reviewed_rev`, null: none). The review is current while the two are equal: a question the
// index answers. The trigger also moves the disclosure counter (migration 0009), so served
// versions look again. The review no longer keeps its own copy of the story's text (it was only
// there to compare): the team's text stays in one place, the story.
//
// The report's indexes then answer what it counts without reading rows: stories by scope with
// phase and review state; tags by outcome with their story; climate placements by story (in
// place of the index by variable, which no query asks for).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('stories')
    .addColumn('text_rev', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('stories').addColumn('reviewed_rev', 'integer').execute();
  await sql`update stories set reviewed_rev = 0 where exists (select 1 from story_reviews rv
    where rv.story_id = stories.id and rv.source_title = stories.title and rv.source_text = stories.body_text)`.execute(db);
  await db.schema.alterTable('story_reviews').dropColumn('source_title').execute();
  await db.schema.alterTable('story_reviews').dropColumn('source_text').execute();
  await engine(db).textRevUp(db);
  await db.schema.dropIndex('stories_report').execute();
  await db.schema
    .createIndex('stories_report')
    .on('stories')
    .columns(['project_id', 'consent', 'withdrawn_at', 'happened_on', 'created_at', 'teller_id', 'area_id', 'phase', 'text_rev', 'reviewed_rev'])
    .execute();
  await db.schema.dropIndex('story_outcomes_outcome').execute();
  await db.schema.createIndex('story_outcomes_outcome').on('story_outcomes').columns(['outcome_id', 'status', 'story_id']).execute();
  await db.schema.dropIndex('story_placements_variable').execute();
  await db.schema.createIndex('story_placements_story').on('story_placements').columns(['story_id', 'status', 'variable_id', 'source', 'position']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('story_placements_story').execute();
  await db.schema.createIndex('story_placements_variable').on('story_placements').columns(['variable_id', 'source']).execute();
  await db.schema.dropIndex('story_outcomes_outcome').execute();
  await db.schema.createIndex('story_outcomes_outcome').on('story_outcomes').column('outcome_id').execute();
  await db.schema.dropIndex('stories_report').execute();
  await db.schema
    .createIndex('stories_report')
    .on('stories')
    .columns(['project_id', 'consent', 'withdrawn_at', 'happened_on', 'created_at', 'teller_id', 'area_id'])
    .execute();
  await engine(db).textRevDown(db);
  // the copies come back for the reviews that are current; a stale review gets none, so it stays stale
  await db.schema
    .alterTable('story_reviews')
    .addColumn('source_title', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .alterTable('story_reviews')
    .addColumn('source_text', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await sql`update story_reviews set
    source_title = (select s.title from stories s where s.id = story_reviews.story_id),
    source_text = (select s.body_text from stories s where s.id = story_reviews.story_id)
    where story_id in (select id from stories where reviewed_rev = text_rev)`.execute(db);
  await db.schema.alterTable('stories').dropColumn('reviewed_rev').execute();
  await db.schema.alterTable('stories').dropColumn('text_rev').execute();
}
