// Import batches (CSV and CBS): started before their values are written, counted after.
import type { Kysely } from 'kysely';
import type { DB } from '../../schema.js';
import type { WriteCounts } from './values.js';

/** Starts an import batch (its counts filled in by finishImportBatch); returns its id. */
export async function startImportBatch(db: Kysely<DB>, b: { kind: 'csv' | 'cbs'; checksum: string; rows: number; createdBy: number }): Promise<number> {
  return (
    await db
      .insertInto('importBatches')
      .values({ ...b, created: 0, updated: 0, unchanged: 0 })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
}

export async function finishImportBatch(db: Kysely<DB>, id: number, counts: WriteCounts & { rows?: number }): Promise<void> {
  await db.updateTable('importBatches').set(counts).where('id', '=', id).execute();
}
