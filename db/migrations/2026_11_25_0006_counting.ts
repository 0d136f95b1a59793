import { sql, type Kysely } from 'kysely';
import { engine } from '../engine.js';

// Counting (tellen): value history, import batches, hours and expenses.
// The indicators themselves (indicators, indicator_targets, indicator_values) are in 0002.
export async function up(db: Kysely<any>): Promise<void> {
  const now = engine(db).now;

  // One committed CSV or CBS import; value history rows point at it.
  await db.schema
    .createTable('import_batches')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('csv','cbs')`))
    .addColumn('checksum', 'text', (c) => c.notNull()) // sha256 of the file text
    .addColumn('rows', 'integer', (c) => c.notNull())
    .addColumn('created', 'integer', (c) => c.notNull())
    .addColumn('updated', 'integer', (c) => c.notNull())
    .addColumn('unchanged', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .execute();

  // Every change of an indicator value: what it was, what it became, who and when.
  await db.schema
    .createTable('indicator_value_history')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('indicator_id', 'integer', (c) => c.notNull().references('indicators.id').onDelete('cascade'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('area_id', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('existed', 'integer', (c) => c.notNull()) // 0: the value was created by this change
    .addColumn('old_value', 'real')
    .addColumn('new_value', 'real')
    .addColumn('old_note', 'text')
    .addColumn('new_note', 'text')
    .addColumn('changed_by', 'integer', (c) => c.references('users.id'))
    .addColumn('batch_id', 'integer', (c) => c.references('import_batches.id'))
    .addColumn('changed_at', 'text', (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex('indicator_value_history_key').on('indicator_value_history').columns(['indicator_id', 'period', 'area_id']).execute();

  await db.schema
    .createTable('hours')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('hours', 'real', (c) => c.notNull().check(sql`hours > 0 and hours <= 24`))
    .addColumn('phase', 'text', (c) => c.notNull().check(sql`phase in ('ZIEN','DENKEN','DOEN','VINDEN')`))
    .addColumn('activity', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex('hours_project').on('hours').columns(['project_id', 'date']).execute();
  await db.schema.createIndex('hours_user').on('hours').columns(['user_id', 'date']).execute();

  await db.schema
    .createTable('expenses')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('amount_cents', 'integer', (c) => c.notNull().check(sql`amount_cents > 0`))
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('category', 'text')
    .addColumn('entered_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex('expenses_project').on('expenses').columns(['project_id', 'date']).execute();

  // A context indicator (e.g. a CBS column) is found again by its source and key.
  await db.schema.createIndex('indicators_source_key').on('indicators').columns(['source', 'source_key']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('indicators_source_key').execute();
  for (const t of ['expenses', 'hours', 'indicator_value_history', 'import_batches']) await db.schema.dropTable(t).execute();
}
