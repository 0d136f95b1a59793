// CBS StatLine CSV exports → context indicators (no project), one value per area and period.
import type { Kysely } from 'kysely';
import { writeValues, type Measure, type Unit, type ValueWrite } from '../../db/repositories/counting.js';
import type { AreaKind, DB } from '../../db/schema.js';
import { readCsv, rowError, type RowError } from './csv.js';
import { nameKey, parseNumber } from '../../db/domain/numbers.js';
import { normalizePeriod, notAPeriod, periodicityOf, periodNl, type Periodicity } from '../../db/domain/periods.js';
import { said } from '../../db/domain/said.js';
import { areaLookup, CBS_CODE } from './value-import.js';

/** A StatLine column header: hierarchy separated by `/`, the unit in brackets at the end. */
export function parseCbsHeader(header: string): { name: string; unit: Unit; measure: Measure; unitLabel: string | null } {
  const m = /^(.*?)\s*\(([^()]*)\)\s*$/.exec(header.trim());
  const label = m ? m[1]! : header.trim();
  const unitLabel = m ? m[2]!.trim() : null;
  const parts = label
    .split('/')
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length > 1 && nameKey(parts[parts.length - 1]!) === 'waarde') parts.pop();
  const u = nameKey(unitLabel ?? '');
  const [unit, measure, shown]: [Unit, Measure, boolean] =
    u === '%'
      ? ['percentage', 'percentage', false]
      : u === 'aantal'
        ? ['count', 'unit', false]
        : u === 'getal' || u === ''
          ? ['score', 'unit', false]
          : /euro/.test(u)
            ? ['euro', 'unit', u !== 'euro']
            : ['score', 'unit', true];
  return { name: parts.join(' – ') + (shown ? ` (${unitLabel})` : ''), unit, measure, unitLabel };
}

const KIND: Record<string, AreaKind> = { GM: 'gemeente', WK: 'wijk', BU: 'buurt' };
/** The code of the area one level up: BU03630000 → WK036300 → GM0363. */
export function parentCode(code: string): string | null {
  if (code.startsWith('BU')) return `WK${code.slice(2, 8)}`;
  if (code.startsWith('WK')) return `GM${code.slice(2, 6)}`;
  return null;
}

export type UnknownArea = { row: number; name: string | null; code: string | null; reason: string };
export type CbsResult = {
  rows: number;
  periods: string[];
  errors: RowError[];
  unknownAreas: UnknownArea[];
  areas: { matched: number; created: { id: number; code: string; name: string; kind: AreaKind }[] };
  indicators: { id: number; sourceKey: string; name: string; unit: Unit; measure: Measure; created: boolean }[];
  /** Columns with text (codes, names, descriptions) rather than figures; not imported. */
  skippedColumns: string[];
  values: { created: number; updated: number; unchanged: number; missing: number };
};

/**
 * Runs the whole import on `db` (a transaction): the caller commits it or rolls it back (preview).
 * Nothing is written when any row has an error. Unknown areas are reported, their rows skipped,
 * unless `createAreas` creates them from their CBS code.
 */
export async function runCbsImport(
  db: Kysely<DB>,
  text: string,
  opts: { period?: string; createAreas: boolean; userId: number; batchId: number | null },
): Promise<CbsResult> {
  const table = readCsv(text);
  const errors: RowError[] = [];
  const result: CbsResult = {
    rows: table.rows.length,
    periods: [],
    errors,
    unknownAreas: [],
    areas: { matched: 0, created: [] },
    indicators: [],
    skippedColumns: [],
    values: { created: 0, updated: 0, unchanged: 0, missing: 0 },
  };

  let periodCol = -1,
    nameCol = -1,
    codeCol = -1;
  const valueCols: number[] = [];
  table.header.forEach((h, i) => {
    const k = nameKey(h);
    if (k === 'perioden' || k === 'periode') periodCol = i;
    else if (k === 'wijken en buurten' || k === "regio's" || k === 'regios' || k === 'gemeenten' || k === 'wijken en buurten (naam)') nameCol = i;
    else if (codeCol < 0 && (k.startsWith('regiocode') || k.startsWith('codering'))) codeCol = i;
    else if (/\((code|naam|omschrijving)\)$/.test(k))
      result.skippedColumns.push(h); // text, not figures
    else if (h.trim()) valueCols.push(i);
  });
  const fixedPeriod = opts.period === undefined ? undefined : normalizePeriod(opts.period);
  if (nameCol < 0 && codeCol < 0)
    errors.push(
      rowError(
        1,
        'Wijken en buurten',
        'Er is geen kolom met gebieden (Wijken en buurten of Regiocode).',
        'There is no column with areas (Wijken en buurten or Regiocode).',
      ),
    );
  if (periodCol < 0 && opts.period === undefined)
    errors.push(rowError(1, 'Perioden', 'Het bestand heeft geen kolom Perioden: vul de periode in.', 'The file has no Perioden column: fill in the period.'));
  if (fixedPeriod === null) errors.push({ row: 1, column: 'period', ...notAPeriod(opts.period ?? '') });
  if (!valueCols.length) errors.push(rowError(1, '', 'Het bestand heeft geen kolommen met cijfers.', 'The file has no columns with figures.'));
  if (errors.length) return result;

  const lookup = await areaLookup(db);
  const toCreate = new Map<string, { code: string; name: string }>();
  const rowsByArea: { row: number; period: string; area: number | string; values: (number | null)[] }[] = [];
  const periodicities = new Set<Periodicity>();
  const seen = new Map<string, number>();

  for (const { row, cells } of table.rows) {
    const before = errors.length;
    let period = fixedPeriod ?? null;
    if (periodCol >= 0) {
      period = normalizePeriod(cells[periodCol] ?? '');
      if (!period) errors.push({ row, column: table.header[periodCol]!, ...notAPeriod(cells[periodCol] ?? '') });
    }
    const values = valueCols.map((i) => {
      const parsed = parseNumber(cells[i] ?? '', { decimal: 'point' });
      if (!parsed.ok) errors.push({ row, column: table.header[i]!, reason: parsed.reason, nl: parsed.nl, en: parsed.en });
      return parsed.ok ? parsed.value : null;
    });
    const name = nameCol >= 0 ? (cells[nameCol] ?? '').trim() : null;
    const code = codeCol >= 0 ? (cells[codeCol] ?? '').trim().toUpperCase() : '';
    let area: number | string | null = null;
    if (code) {
      if (!CBS_CODE.test(code))
        result.unknownAreas.push({ row, name, code, ...said('Dit is geen gemeente-, wijk- of buurtcode.', 'This is not a gemeente, wijk or buurt code.') });
      else if (lookup.byCode.has(code)) area = lookup.byCode.get(code)!;
      else if (opts.createAreas) {
        area = code;
        toCreate.set(code, { code, name: name || code });
      } else result.unknownAreas.push({ row, name, code, ...said('Er is geen gebied met deze code.', 'There is no area with this code.') });
    } else if (name) {
      const ids = lookup.byName.get(nameKey(name)) ?? [];
      if (ids.length === 1) area = ids[0]!;
      else
        result.unknownAreas.push({
          row,
          name,
          code: null,
          ...(ids.length
            ? said('Er zijn meerdere gebieden met deze naam.', 'Several areas have this name.')
            : opts.createAreas
              ? said(
                  'Er is geen gebied met deze naam (alleen met een CBS-code wordt een gebied gemaakt).',
                  'There is no area with this name (an area is only created from a CBS code).',
                )
              : said('Er is geen gebied met deze naam.', 'There is no area with this name.')),
        });
    } else errors.push(rowError(row, table.header[codeCol >= 0 ? codeCol : nameCol]!, 'Vul het gebied in.', 'Fill in the area.'));
    if (errors.length > before || area === null || !period) continue;
    const k = `${area}|${period}`;
    if (seen.has(k)) {
      errors.push(
        rowError(
          row,
          table.header[codeCol >= 0 ? codeCol : nameCol]!,
          `Hetzelfde gebied en dezelfde periode staan al in rij ${seen.get(k)}.`,
          `The same area and period are already in row ${seen.get(k)}.`,
        ),
      );
      continue;
    }
    seen.set(k, row);
    periodicities.add(periodicityOf(period)!);
    rowsByArea.push({ row, period, area, values });
  }
  if (periodicities.size > 1)
    errors.push(
      rowError(
        1,
        table.header[periodCol] ?? 'Perioden',
        'Het bestand heeft verschillende soorten perioden (jaren en kwartalen).',
        'The file has periods of different kinds (years and quarters).',
      ),
    );
  if (errors.length) return result;
  result.periods = [...new Set(rowsByArea.map((r) => r.period))].sort();
  const periodicity = [...periodicities][0] ?? 'year';

  // Areas: gemeenten first, then wijken, then buurten, so each finds its parent.
  const created = new Map<string, number>();
  for (const a of [...toCreate.values()].sort((x, y) => x.code.length - y.code.length || x.code.localeCompare(y.code))) {
    const parent = parentCode(a.code);
    const parentId = parent ? (created.get(parent) ?? lookup.byCode.get(parent) ?? null) : null;
    const kind = KIND[a.code.slice(0, 2)]!;
    const { id } = await db.insertInto('areas').values({ name: a.name, kind, cbsCode: a.code, parentId }).returning('id').executeTakeFirstOrThrow();
    created.set(a.code, id);
    result.areas.created.push({ id, code: a.code, name: a.name, kind });
  }
  result.areas.matched = rowsByArea.filter((r) => typeof r.area === 'number').length;

  // Indicators: one context indicator per column, found again by its header.
  const indicatorIds: number[] = [];
  for (const i of valueCols) {
    const header = table.header[i]!;
    const def = parseCbsHeader(header);
    const existing = await db
      .selectFrom('indicators')
      .select(['id', 'periodicity', 'name', 'unit', 'measure'])
      .where('source', '=', 'cbs')
      .where('sourceKey', '=', header)
      .where('projectId', 'is', null)
      .executeTakeFirst();
    if (existing && existing.periodicity !== periodicity) {
      errors.push(
        rowError(
          1,
          header,
          `'${existing.name}' wordt per ${periodNl[existing.periodicity]} bijgehouden, dit bestand heeft cijfers per ${periodNl[periodicity]}.`,
          `'${existing.name}' is kept per ${existing.periodicity}, this file has figures per ${periodicity}.`,
        ),
      );
      continue;
    }
    const id =
      existing?.id ??
      (
        await db
          .insertInto('indicators')
          .values({
            projectId: null,
            outcomeId: null,
            name: def.name,
            description: `CBS StatLine: ${header}`,
            unit: def.unit,
            measure: def.measure,
            direction: 'higher',
            periodicity,
            baselineValue: null,
            baselinePeriod: null,
            byArea: 1,
            source: 'cbs',
            sourceKey: header,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    indicatorIds.push(id);
    result.indicators.push({
      id,
      sourceKey: header,
      name: existing?.name ?? def.name,
      unit: existing?.unit ?? def.unit,
      measure: existing?.measure ?? def.measure,
      created: !existing,
    });
  }
  if (errors.length) return result;

  const writes: ValueWrite[] = [];
  for (const r of rowsByArea) {
    const areaId = typeof r.area === 'number' ? r.area : created.get(r.area)!;
    r.values.forEach((value, j) => {
      if (value === null) result.values.missing++;
      writes.push({ indicatorId: indicatorIds[j]!, period: r.period, areaId, value, note: '' });
    });
  }
  const counts = await writeValues(db, writes, { userId: opts.userId, batchId: opts.batchId });
  result.values = { ...result.values, created: counts.created, updated: counts.updated, unchanged: counts.unchanged };
  return result;
}
