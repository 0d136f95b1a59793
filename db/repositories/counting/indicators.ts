// Indicators: the enumerations of their units and measures, and reading and writing their definitions.
import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { DB, IndicatorsTable } from '../../schema.js';

export const units = ['count', 'percentage', 'euro', 'hours', 'score'] as const;
export type Unit = (typeof units)[number];
export const measures = ['unit', 'percentage', 'nominal', 'ordinal', 'qualitative'] as const;
export type Measure = (typeof measures)[number];
export const directions = ['higher', 'lower'] as const;
export type Direction = (typeof directions)[number];

/** IATI IndicatorMeasure codelist (iati/codelists/IndicatorMeasure.xml): our measure → IATI code. The one place for it. */
export const IATI_MEASURE_CODE: Record<Measure, '1' | '2' | '3' | '4' | '5'> = { unit: '1', percentage: '2', nominal: '3', ordinal: '4', qualitative: '5' };

/** The measure an indicator gets when none is given. */
export const defaultMeasure: Record<Unit, Measure> = { count: 'unit', percentage: 'percentage', euro: 'unit', hours: 'unit', score: 'ordinal' };

/** Units whose values add up across areas (a total is the sum); percentages and scores do not. */
export const additiveUnits: Unit[] = ['count', 'euro', 'hours'];

/** area_id 0 in targets and values means "not for one area" (the whole project). */
export const ALL_AREAS = 0;
/** A stored area id as the API shows it: null for the whole project. */
export const areaOut = (areaId: number) => (areaId === ALL_AREAS ? null : areaId);

type Indicator = Selectable<IndicatorsTable>;

export function indicatorOut(row: Indicator) {
  return {
    id: row.id,
    projectId: row.projectId,
    outcomeId: row.outcomeId,
    name: row.name,
    description: row.description,
    unit: row.unit,
    measure: row.measure,
    iatiMeasure: IATI_MEASURE_CODE[row.measure],
    direction: row.direction,
    periodicity: row.periodicity,
    baselineValue: row.baselineValue,
    baselinePeriod: row.baselinePeriod,
    byArea: row.byArea === 1,
    source: row.source,
    sourceKey: row.sourceKey,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
export type IndicatorOut = ReturnType<typeof indicatorOut>;

export async function findIndicator(db: Kysely<DB>, id: number) {
  const row = await db.selectFrom('indicators').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? indicatorOut(row) : undefined;
}

/**
 * Indicators in scope. `projectIds` null = every project (staff); context indicators (no project)
 * are included when `context` is true.
 */
export async function listIndicators(db: Kysely<DB>, opts: { projectIds: number[] | null; context: boolean }) {
  const projects = opts.projectIds === null || opts.projectIds.length > 0;
  if (!projects && !opts.context) return [];
  let q = db.selectFrom('indicators').selectAll().orderBy('projectId').orderBy('name');
  q = q.where((eb) => {
    const ors = [];
    if (opts.projectIds === null) ors.push(eb('projectId', 'is not', null));
    else if (opts.projectIds.length) ors.push(eb('projectId', 'in', opts.projectIds));
    if (opts.context) ors.push(eb('projectId', 'is', null));
    return eb.or(ors);
  });
  return (await q.execute()).map(indicatorOut);
}

export async function insertIndicator(db: Kysely<DB>, values: Insertable<IndicatorsTable>): Promise<Indicator> {
  return db.insertInto('indicators').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function updateIndicator(db: Kysely<DB>, id: number, set: Updateable<IndicatorsTable>): Promise<void> {
  await db.updateTable('indicators').set(set).where('id', '=', id).execute();
}

export async function indicatorHasValues(db: Kysely<DB>, id: number): Promise<boolean> {
  return !!(await db.selectFrom('indicatorValues').select('id').where('indicatorId', '=', id).executeTakeFirst());
}
