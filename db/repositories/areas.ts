import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';

/** The given areas and everything below them (a wijk and its buurten; a gemeente and all its wijken and buurten). */
export async function areasWithin(db: Kysely<DB>, areaIds: number[]): Promise<number[]> {
  const areas = await db.selectFrom('areas').select(['id', 'parentId']).execute();
  const out = new Set<number>(areaIds);
  let grew = true;
  while (grew) {
    grew = false;
    for (const a of areas) if (a.parentId !== null && out.has(a.parentId) && !out.has(a.id)) (out.add(a.id), (grew = true));
  }
  return [...out];
}
