// CSV import of indicator values: every bad row found before anything is written.
import type { Kysely } from 'kysely';
import { ALL_AREAS, allowedAreas, listIndicators, type IndicatorOut, type ValueWrite } from '../../db/repositories/counting.js';
import type { DB } from '../../db/schema.js';
import { readCsv, rowError, type RowError } from './csv.js';
import { restoreCell } from '../csv.js';
import { nameKey, parseNumber, unitProblem } from '../../db/domain/numbers.js';
import { checkPeriod } from '../../db/domain/periods.js';
import { said, type Said } from '../../db/domain/said.js';

/** Accepted column names (compared case- and accent-insensitively), Dutch and English. */
const COLUMNS = {
  indicator: ['indicator', 'indicator id', 'indicator_id', 'indicatorid', 'indicatornaam', 'naam'],
  period: ['period', 'periode', 'perioden'],
  area: ['area', 'gebied', 'wijk', 'buurt', 'wijk/buurt', 'area code', 'cbs code', 'cbs-code', 'gebiedscode', 'regiocode'],
  value: ['value', 'waarde', 'aantal'],
  note: ['note', 'notitie', 'opmerking', 'toelichting'],
} as const;
type Column = keyof typeof COLUMNS;
/** Each column's name in the template and in messages: Dutch, English. */
export const COLUMN_NAMES: Record<Column, [string, string]> = {
  indicator: ['indicator', 'indicator'],
  period: ['periode', 'period'],
  area: ['gebied', 'area'],
  value: ['waarde', 'value'],
  note: ['opmerking', 'note'],
};

export type AreaLookup = { byCode: Map<string, number>; byName: Map<string, number[]>; names: Map<number, string> };

export async function areaLookup(db: Kysely<DB>): Promise<AreaLookup> {
  const byCode = new Map<string, number>();
  const byName = new Map<string, number[]>();
  const names = new Map<number, string>();
  for (const a of await db.selectFrom('areas').select(['id', 'name', 'cbsCode']).execute()) {
    names.set(a.id, a.name);
    if (a.cbsCode) byCode.set(a.cbsCode.toUpperCase(), a.id);
    const k = nameKey(a.name);
    byName.set(k, [...(byName.get(k) ?? []), a.id]);
  }
  return { byCode, byName, names };
}

export const CBS_CODE = /^(GM\d{4}|WK\d{6}|BU\d{8})$/;

/** An area by CBS code or by name; names shared by several areas are ambiguous. */
export function findArea(lookup: AreaLookup, text: string): { id: number } | Said {
  const code = text.trim().toUpperCase();
  if (CBS_CODE.test(code)) {
    const id = lookup.byCode.get(code);
    return id
      ? { id }
      : said(`Er is geen gebied met CBS-code ${code}. Voeg het toe onder Gebieden.`, `There is no area with CBS code ${code}. Add it under Areas.`);
  }
  const ids = lookup.byName.get(nameKey(text)) ?? [];
  if (ids.length === 1) return { id: ids[0]! };
  const name = text.trim();
  return ids.length
    ? said(`Er zijn meerdere gebieden met de naam '${name}'. Gebruik de CBS-code.`, `Several areas are called '${name}'. Use the CBS code.`)
    : said(`Er is geen gebied met de naam '${name}'.`, `There is no area called '${name}'.`);
}

/** A value to write, with where it came from: its row in the file and the names it will be shown by. */
export type PlannedWrite = ValueWrite & { row: number; indicatorName: string; areaName: string | null; blank: boolean };
export type CsvPlan = { rows: number; delimiter: string; errors: RowError[]; writes: PlannedWrite[]; indicatorIds: number[] };

/**
 * Reads the file and checks every row against the indicators the user may write
 * (`scope`, narrowed to one project when `projectId` is given).
 */
export async function planValueImport(db: Kysely<DB>, text: string, scope: { projectIds: number[] | null; context: boolean }): Promise<CsvPlan> {
  const table = readCsv(text);
  const errors: RowError[] = [];
  const col = {} as Record<Column, number>;
  table.header.forEach((h, i) => {
    const k = nameKey(h);
    for (const [name, aliases] of Object.entries(COLUMNS) as [Column, readonly string[]][]) if (aliases.includes(k) && col[name] === undefined) col[name] = i;
  });
  for (const required of ['indicator', 'period', 'value'] as const) {
    if (col[required] === undefined) {
      const [nl, en] = COLUMN_NAMES[required];
      errors.push(rowError(1, nl, `De kolom '${nl}' ontbreekt in de eerste regel.`, `The column '${en}' (or '${nl}') is missing from the first line.`));
    }
  }
  if (errors.length) return { rows: table.rows.length, delimiter: table.delimiter, errors, writes: [], indicatorIds: [] };

  const indicators = await listIndicators(db, scope);
  const byId = new Map(indicators.map((i) => [i.id, i]));
  const byName = new Map<string, IndicatorOut[]>();
  for (const i of indicators) byName.set(nameKey(i.name), [...(byName.get(nameKey(i.name)) ?? []), i]);
  const lookup = await areaLookup(db);
  const projectAreas = new Map<number, Set<number> | null>();
  const seen = new Map<string, number>();
  const writes: PlannedWrite[] = [];
  const header = (c: Column) => table.header[col[c]]!;

  for (const { row, cells } of table.rows) {
    // Exports (the template too) keep a text from being read as a formula with apostrophes (server/csv.ts).
    const cell = (c: Column) => (col[c] === undefined ? undefined : restoreCell(cells[col[c]] ?? ''));
    const bad = (c: Column, s: Said) => errors.push({ row, column: header(c), reason: s.reason, nl: s.nl, en: s.en });
    const before = errors.length;

    const ref = cell('indicator')!;
    let indicator: IndicatorOut | undefined;
    if (/^\d+$/.test(ref)) indicator = byId.get(Number(ref));
    else {
      const found = byName.get(nameKey(ref)) ?? [];
      if (found.length > 1)
        bad(
          'indicator',
          said(
            `Er zijn meerdere indicatoren met de naam '${ref}'. Gebruik het nummer (${found.map((f) => f.id).join(', ')}).`,
            `Several indicators are called '${ref}'. Use the number (${found.map((f) => f.id).join(', ')}).`,
          ),
        );
      indicator = found.length === 1 ? found[0] : undefined;
    }
    if (!indicator && errors.length === before)
      bad(
        'indicator',
        ref
          ? said(`Dit project heeft geen indicator '${ref}'.`, `This project has no indicator '${ref}'.`)
          : said('Vul de indicator in.', 'Fill in the indicator.'),
      );

    const period = indicator ? checkPeriod(cell('period')!, indicator.periodicity) : null;
    if (period && 'reason' in period) bad('period', period);

    let areaId = ALL_AREAS;
    const areaText = cell('area') ?? '';
    if (indicator?.byArea) {
      if (!areaText)
        bad(
          col.area === undefined ? 'indicator' : 'area',
          said(`'${indicator.name}' wordt per gebied bijgehouden: vul het gebied in.`, `'${indicator.name}' is kept per area: fill in the area.`),
        );
      else {
        const found = findArea(lookup, areaText);
        if ('reason' in found) bad('area', found);
        else {
          if (!projectAreas.has(indicator.id)) projectAreas.set(indicator.id, await allowedAreas(db, indicator.projectId));
          const allowed = projectAreas.get(indicator.id);
          if (allowed && !allowed.has(found.id))
            bad('area', said(`Het gebied '${areaText}' hoort niet bij dit project.`, `The area '${areaText}' is not one of this project's areas.`));
          else areaId = found.id;
        }
      }
    } else if (indicator && areaText)
      bad(
        'area',
        said(
          `'${indicator.name}' geldt voor het hele project: laat het gebied leeg.`,
          `'${indicator.name}' is kept for the whole project: leave the area empty.`,
        ),
      );

    const value = parseNumber(cell('value')!);
    if (!value.ok) bad('value', value);
    const wrong = indicator && value.ok && value.value != null ? unitProblem(indicator.unit, value.value) : null;
    if (wrong) bad('value', wrong);
    const note = cell('note');
    if (note && note.length > 2000) bad('note', said('De opmerking is langer dan 2000 tekens.', 'The note is longer than 2000 characters.'));

    if (errors.length > before || !indicator || !period || 'reason' in period || !value.ok) continue;
    const k = `${indicator.id}|${period.period}|${areaId}`;
    if (seen.has(k)) {
      bad(
        'period',
        said(`Dezelfde indicator, periode en gebied staan al in rij ${seen.get(k)}.`, `The same indicator, period and area are already in row ${seen.get(k)}.`),
      );
      continue;
    }
    seen.set(k, row);
    writes.push({
      indicatorId: indicator.id,
      period: period.period,
      areaId,
      value: value.value,
      note,
      row,
      blank: !cell('value')!.trim(),
      indicatorName: indicator.name,
      areaName: areaId === ALL_AREAS ? null : (lookup.names.get(areaId) ?? null),
    });
  }
  return { rows: table.rows.length, delimiter: table.delimiter, errors, writes, indicatorIds: [...new Set(writes.map((w) => w.indicatorId))] };
}

export type PreviewChange = {
  row: number;
  indicatorId: number;
  indicator: string;
  period: string;
  areaId: number | null;
  area: string | null;
  from: number | null;
  to: number | null;
  note: string | null;
  status: 'created' | 'updated';
};

/**
 * What a commit of the plan would change, row by row: the value it writes beside the value it
 * replaces (`from` null and status `created` when there is none yet). Unchanged rows are left out,
 * as `writeValues` leaves them alone; a changed note alone counts as an update. `writes` are the
 * plan's writes less the empty value cells where nothing is recorded yet (a template's blanks):
 * an empty cell clears a value, but does not record "missing" where nothing was (`.` does).
 */
export async function previewChanges(db: Kysely<DB>, planned: PlannedWrite[]): Promise<{ writes: PlannedWrite[]; changes: PreviewChange[] }> {
  if (!planned.length) return { writes: [], changes: [] };
  const existing = new Map<string, { value: number | null; note: string }>();
  const ids = [...new Set(planned.map((w) => w.indicatorId))];
  for (const v of await db
    .selectFrom('indicatorValues')
    .select(['indicatorId', 'period', 'areaId', 'value', 'note'])
    .where('indicatorId', 'in', ids)
    .execute()) {
    existing.set(`${v.indicatorId}|${v.period}|${v.areaId}`, v);
  }
  const changes: PreviewChange[] = [];
  const writes: PlannedWrite[] = [];
  for (const w of planned) {
    const before = existing.get(`${w.indicatorId}|${w.period}|${w.areaId}`);
    if (w.blank && !before && !w.note) continue;
    writes.push(w);
    const note = w.note ?? before?.note ?? '';
    if (before && before.value === w.value && before.note === note) continue;
    changes.push({
      row: w.row,
      indicatorId: w.indicatorId,
      indicator: w.indicatorName,
      period: w.period,
      areaId: w.areaId === ALL_AREAS ? null : w.areaId,
      area: w.areaName,
      from: before?.value ?? null,
      to: w.value,
      note: note !== (before?.note ?? '') ? note : null,
      status: before ? 'updated' : 'created',
    });
  }
  return { writes, changes };
}
