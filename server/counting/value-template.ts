// A CSV template for importing one project's indicator values: the file the import reads back.
import type { Kysely } from 'kysely';
import { ALL_AREAS, listIndicators, listValues } from '../../db/repositories/counting.js';
import type { DB } from '../../db/schema.js';
import { writeCsv } from '../csv.js';
import { nameKey } from '../../db/domain/numbers.js';
import { periodOf, periodsUpTo } from '../../db/domain/periods.js';
import { COLUMN_NAMES } from './value-import.js';

/**
 * One row per indicator × period × area (for indicators kept per area; else one row for the whole
 * project), with the values and notes already entered, so a spreadsheet edit followed by an import
 * changes only what was edited. Dutch headers, `;` separated, a byte order mark for Excel, numbers
 * with a decimal comma. Indicators are named (their number when two share a name), areas too
 * (their CBS code when the name is not unique).
 */
export async function valueTemplate(db: Kysely<DB>, projectId: number, opts: { periods: number; last?: string }): Promise<string> {
  const indicators = (await listIndicators(db, { projectIds: [projectId], context: false })).sort((a, b) => a.name.localeCompare(b.name, 'nl') || a.id - b.id);
  const projectAreas = await db
    .selectFrom('projectAreas')
    .innerJoin('areas', 'areas.id', 'projectAreas.areaId')
    .select(['areas.id', 'areas.name', 'areas.cbsCode'])
    .where('projectAreas.projectId', '=', projectId)
    .execute();
  projectAreas.sort((a, b) => a.name.localeCompare(b.name, 'nl'));
  const sameName = new Map<string, number>();
  for (const a of await db.selectFrom('areas').select('name').execute()) sameName.set(nameKey(a.name), (sameName.get(nameKey(a.name)) ?? 0) + 1);
  const areaRef = (a: { name: string; cbsCode: string | null }) => ((sameName.get(nameKey(a.name)) ?? 0) > 1 && a.cbsCode ? a.cbsCode : a.name);
  const indicatorNames = new Map<string, number>();
  for (const i of indicators) indicatorNames.set(nameKey(i.name), (indicatorNames.get(nameKey(i.name)) ?? 0) + 1);

  const values = new Map<string, { value: number | null; note: string }>();
  for (const v of await listValues(
    db,
    indicators.map((i) => i.id),
  )) {
    values.set(`${v.indicatorId}|${v.period}|${v.areaId ?? ALL_AREAS}`, v);
  }
  const today = new Date().toISOString().slice(0, 10);
  const decimal = (n: number | null | undefined) => (n == null ? '' : String(n).replace('.', ','));
  const rows: string[][] = [[COLUMN_NAMES.indicator[0], COLUMN_NAMES.period[0], COLUMN_NAMES.area[0], COLUMN_NAMES.value[0], COLUMN_NAMES.note[0]]];
  for (const i of indicators) {
    const ref = (indicatorNames.get(nameKey(i.name)) ?? 0) > 1 ? String(i.id) : i.name;
    const last = opts.last ? lastOfKind(opts.last, i.periodicity) : periodOf(today, i.periodicity);
    for (const period of periodsUpTo(last, opts.periods)) {
      const areas = i.byArea ? projectAreas.map((a) => ({ id: a.id, ref: areaRef(a) })) : [{ id: ALL_AREAS, ref: '' }];
      for (const a of areas) {
        const v = values.get(`${i.id}|${period}|${a.id}`);
        rows.push([ref, period, a.ref, decimal(v?.value), v?.note ?? '']);
      }
    }
  }
  return writeCsv(rows, { delimiter: ';', recordDelimiter: '\r\n' });
}

/** The period of an indicator's kind in which another period (of any kind) ends: 2026-Q2 as months → 2026-06. */
function lastOfKind(period: string, kind: 'month' | 'quarter' | 'year'): string {
  const year = period.slice(0, 4);
  const month = /-Q([1-4])$/.exec(period) ? Number(period.slice(6)) * 3 : /-(\d{2})$/.test(period) ? Number(period.slice(5)) : 12;
  return periodOf(`${year}-${String(month).padStart(2, '0')}-01`, kind);
}
