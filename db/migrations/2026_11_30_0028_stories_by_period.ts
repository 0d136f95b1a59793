import { sql, type Kysely } from 'kysely';

// A report reads the stories of its projects within its period, by the day a story counts on (the
// day it happened, else the day it was recorded: db/repositories/story-date.ts, the same
// expression). stories_report went from a project to its consent levels and then read every
// year's entries; stories_period goes from the project to the period's days. It carries what a
// report counts (consent, review, teller, area, phase, and the two dates the day is made of), so
// those reads never touch the table. It replaces stories_report: the number of indexes a new
// story updates stays the same.
const day = sql`(coalesce(happened_on, substr(created_at, 1, 10)))`;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('stories_report').execute();
  await db.schema
    .createIndex('stories_period')
    .on('stories')
    .columns(['project_id', 'withdrawn_at'])
    .expression(day)
    .columns(['consent', 'reviewed_rev', 'text_rev', 'teller_id', 'area_id', 'phase', 'happened_on', 'created_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('stories_period').execute();
  await db.schema
    .createIndex('stories_report')
    .on('stories')
    .columns(['project_id', 'consent', 'withdrawn_at', 'happened_on', 'created_at', 'teller_id', 'area_id', 'phase', 'text_rev', 'reviewed_rev'])
    .execute();
}
