// Climate variables (dyads between a weak and a strong pole) and each project's chosen ones.
import type { Insertable, Kysely, Updateable } from 'kysely';
import type { ClimateVariablesTable, DB } from '../../schema.js';

type Db = Kysely<DB>;

const variableColumns = [
  'id',
  'key',
  'groupKey',
  'groupNl',
  'groupEn',
  'nameNl',
  'nameEn',
  'weakNl',
  'weakEn',
  'strongNl',
  'strongEn',
  'sort',
  'retiredAt',
] as const;

export async function listVariables(db: Db, includeRetired = false) {
  let q = db.selectFrom('climateVariables').select(variableColumns).orderBy('sort').orderBy('id');
  if (!includeRetired) q = q.where('retiredAt', 'is', null);
  return q.execute();
}

export async function projectVariableIds(db: Db, projectId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('projectClimateVariables')
    .innerJoin('climateVariables', 'climateVariables.id', 'projectClimateVariables.variableId')
    .select('variableId')
    .where('projectId', '=', projectId)
    .orderBy('climateVariables.sort')
    .execute();
  return rows.map((r) => r.variableId);
}

export const getVariable = (db: Db, id: number) => db.selectFrom('climateVariables').selectAll().where('id', '=', id).executeTakeFirst();

export const variableByKey = (db: Db, key: string) => db.selectFrom('climateVariables').select('id').where('key', '=', key).executeTakeFirst();

/** The variables with these ids, and whether each is retired. */
export const variablesByIds = (db: Db, ids: number[]) =>
  ids.length ? db.selectFrom('climateVariables').select(['id', 'retiredAt']).where('id', 'in', ids).execute() : Promise.resolve([]);

/** The sort number after the last variable. */
export async function nextVariableSort(db: Db): Promise<number> {
  const row = await db
    .selectFrom('climateVariables')
    .select((eb) => eb.fn.max('sort').as('m'))
    .executeTakeFirst();
  return Number(row?.m ?? 0) + 10;
}

export const insertVariable = (db: Db, values: Insertable<ClimateVariablesTable>) =>
  db.insertInto('climateVariables').values(values).returningAll().executeTakeFirstOrThrow();

export const updateVariable = (db: Db, id: number, set: Updateable<ClimateVariablesTable>) =>
  db.updateTable('climateVariables').set(set).where('id', '=', id).returningAll().executeTakeFirstOrThrow();

/** Replaces the variables a project asks its residents about. */
export async function setProjectVariables(db: Db, projectId: number, variableIds: number[]): Promise<void> {
  await db.deleteFrom('projectClimateVariables').where('projectId', '=', projectId).execute();
  if (variableIds.length)
    await db
      .insertInto('projectClimateVariables')
      .values(variableIds.map((variableId) => ({ projectId, variableId })))
      .execute();
}
