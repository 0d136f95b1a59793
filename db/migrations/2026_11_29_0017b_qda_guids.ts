import type { Kysely } from 'kysely';

// REFI-QDA exchange: the GUID each exported thing (story, teller, code, outcome, climate variable,
// coded passage, …) carries in a .qdpx file, so that a file coming back from ATLAS.ti, NVivo, MAXQDA
// or QualCoder is matched to the same stories and codes. `entity` is 'kind:id' (e.g. 'story:12').
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('qda_guids')
    .addColumn('guid', 'text', (c) => c.primaryKey())
    .addColumn('entity', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('qda_guids').execute();
}
