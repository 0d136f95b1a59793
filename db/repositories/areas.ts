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

/** Whether an area is one of the project's areas or lies within one (a buurt inside the project's wijk). */
export async function areaInProject(db: Kysely<DB>, projectId: number, areaId: number): Promise<boolean> {
  const roots = (await db.selectFrom('projectAreas').select('areaId').where('projectId', '=', projectId).execute()).map((r) => r.areaId);
  return roots.length > 0 && (await areasWithin(db, roots)).includes(areaId);
}
