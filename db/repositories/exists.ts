// "Do these ids exist?" — one query for every table a request may refer to by id.
import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';

export type IdTable = 'projects' | 'areas' | 'users' | 'outcomes' | 'codes' | 'climateVariables' | 'tellers' | 'stories';

/** The ids (deduplicated, in the order given) that are not rows of `table`. */
export async function missingIds(db: Kysely<DB>, table: IdTable, ids: readonly number[]): Promise<number[]> {
  const wanted = [...new Set(ids)];
  if (!wanted.length) return [];
  const found = new Set(
    (
      await db
        .selectFrom(table as 'areas')
        .select('id')
        .where('id', 'in', wanted)
        .execute()
    ).map((r) => r.id),
  );
  return wanted.filter((id) => !found.has(id));
}
