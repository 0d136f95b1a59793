import type { Kysely } from 'kysely';
import type { AreaKind } from '../domain/enums.js';
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

export const areaColumns = ['id', 'name', 'kind', 'cbsCode', 'parentId'] as const;

export function listAreas(db: Kysely<DB>) {
  return db.selectFrom('areas').select(areaColumns).orderBy('name').execute();
}

export async function areaExists(db: Kysely<DB>, id: number): Promise<boolean> {
  return !!(await db.selectFrom('areas').select('id').where('id', '=', id).executeTakeFirst());
}

export async function cbsCodeTaken(db: Kysely<DB>, cbsCode: string): Promise<boolean> {
  return !!(await db.selectFrom('areas').select('id').where('cbsCode', '=', cbsCode).executeTakeFirst());
}

export function insertArea(db: Kysely<DB>, area: { name: string; kind: AreaKind; cbsCode: string | null; parentId: number | null }) {
  return db.insertInto('areas').values(area).returning(areaColumns).executeTakeFirstOrThrow();
}

export async function allAreaIds(db: Kysely<DB>): Promise<number[]> {
  return (await db.selectFrom('areas').select('id').execute()).map((a) => a.id);
}
