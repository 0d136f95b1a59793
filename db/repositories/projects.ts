import type { Kysely } from 'kysely';
import type { DB, Phase } from '../schema.js';

export type ProjectInput = {
  name: string;
  vraagstuk?: string;
  eigenaar?: string;
  betrokkenen?: string;
  werkdoelen?: string;
  planVanAanpak?: string;
  startDate?: string | null;
  endDate?: string | null;
  budgetHours?: number | null;
  budgetEuros?: number | null;
  phase?: Phase;
  iatiSector?: string | null;
  areaIds?: number[];
};

const toCents = (euros: number | null | undefined) => (euros == null ? euros : Math.round(euros * 100));

export async function listProjects(db: Kysely<DB>, scope: number[] | null) {
  if (scope && scope.length === 0) return [];
  let q = db.selectFrom('projects').select(['id', 'name', 'phase', 'startDate', 'endDate', 'updatedAt']).orderBy('name');
  if (scope) q = q.where('id', 'in', scope);
  const rows = await q.execute();
  const areas = rows.length
    ? await db
        .selectFrom('projectAreas')
        .select(['projectId', 'areaId'])
        .where(
          'projectId',
          'in',
          rows.map((r) => r.id),
        )
        .execute()
    : [];
  return rows.map((r) => ({ ...r, areaIds: areas.filter((a) => a.projectId === r.id).map((a) => a.areaId) }));
}

export async function getProject(db: Kysely<DB>, id: number) {
  const p = await db.selectFrom('projects').selectAll().where('id', '=', id).executeTakeFirst();
  if (!p) return undefined;
  const [areas, members] = await Promise.all([
    db.selectFrom('projectAreas').select('areaId').where('projectId', '=', id).execute(),
    db
      .selectFrom('projectMembers')
      .innerJoin('users', 'users.id', 'projectMembers.userId')
      .select(['users.id', 'users.name', 'users.email', 'users.role'])
      .where('projectId', '=', id)
      .orderBy('users.name')
      .execute(),
  ]);
  const { budgetCents, ...rest } = p;
  return { ...rest, budgetEuros: budgetCents == null ? null : budgetCents / 100, areaIds: areas.map((a) => a.areaId), members };
}

export async function insertProject(db: Kysely<DB>, input: ProjectInput): Promise<number> {
  const { areaIds = [], budgetEuros, ...fields } = input;
  const { id } = await db
    .insertInto('projects')
    .values({ ...fields, budgetCents: toCents(budgetEuros) ?? null })
    .returning('id')
    .executeTakeFirstOrThrow();
  await setProjectAreas(db, id, areaIds);
  return id;
}

export async function updateProject(db: Kysely<DB>, id: number, input: Partial<ProjectInput>): Promise<void> {
  const { areaIds, budgetEuros, ...fields } = input;
  await db
    .updateTable('projects')
    .set({ ...fields, ...(budgetEuros !== undefined ? { budgetCents: toCents(budgetEuros) } : {}), updatedAt: new Date().toISOString() })
    .where('id', '=', id)
    .execute();
  if (areaIds) await setProjectAreas(db, id, areaIds);
}

async function setProjectAreas(db: Kysely<DB>, projectId: number, areaIds: number[]) {
  await db.deleteFrom('projectAreas').where('projectId', '=', projectId).execute();
  if (areaIds.length)
    await db
      .insertInto('projectAreas')
      .values([...new Set(areaIds)].map((areaId) => ({ projectId, areaId })))
      .execute();
}

export async function setProjectMembers(db: Kysely<DB>, projectId: number, userIds: number[]) {
  await db.deleteFrom('projectMembers').where('projectId', '=', projectId).execute();
  if (userIds.length)
    await db
      .insertInto('projectMembers')
      .values([...new Set(userIds)].map((userId) => ({ projectId, userId })))
      .execute();
}

/** The IATI sector ('vocabulary:code') of each project that names one. */
export async function projectSectors(db: Kysely<DB>, projectIds: number[]): Promise<Map<number, string>> {
  if (!projectIds.length) return new Map();
  const rows = await db.selectFrom('projects').select(['id', 'iatiSector']).where('id', 'in', projectIds).execute();
  return new Map(rows.flatMap((r) => (r.iatiSector ? [[r.id, r.iatiSector] as const] : [])));
}

/** A project's name (the project must exist). */
export async function projectName(db: Kysely<DB>, id: number): Promise<string> {
  return (await db.selectFrom('projects').select('name').where('id', '=', id).executeTakeFirstOrThrow()).name;
}

/** A project's id and name, as pages refer to it (the project must exist). */
export function projectRef(db: Kysely<DB>, id: number) {
  return db.selectFrom('projects').select(['id', 'name']).where('id', '=', id).executeTakeFirstOrThrow();
}
