import { parse } from 'csv-parse/sync';
import { beforeEach, describe, expect, it } from 'vitest';
import { parseCbsHeader } from '../server/counting/cbs-import.js';
import { testApp, type TestApp } from './helpers/app.js';
import { countingWorld, json } from './helpers/counting-fixtures.js';
import { readShared } from './helpers/shared.js';

// Real StatLine exports, kept outside the repository in ../shared/data/cbs (CC BY 4.0, see its README).
const SES = readShared('data', 'cbs', 'SES_WOA_scores_per_wijk_en_buurt_25042023_160857.csv');
const LIBRARY = readShared('data', 'cbs', 'Nabijheid_voorzieningen__buurt_2021_10022023_162519.csv');

/** The file counted independently of the importer: rows, value columns, suppressed cells. */
function census(text: string, idColumns: number) {
  const [header, ...rows] = parse(text, { delimiter: ';', bom: true, trim: true }) as string[][];
  const valueColumns = header!.length - idColumns;
  const suppressed = rows.reduce((n, r) => n + r.slice(idColumns).filter((c) => c.trim() === '.').length, 0);
  return { header: header!, rows, valueColumns, values: rows.length * valueColumns, suppressed };
}

let t: TestApp;
let w: Awaited<ReturnType<typeof countingWorld>>;
beforeEach(async () => {
  t = await testApp();
  w = await countingWorld(t);
});

const cbs = (body: Record<string, unknown>) => w.coordinator.post('/api/imports/cbs', body);
const cbsValues = () =>
  t.db
    .selectFrom('indicatorValues as v')
    .innerJoin('indicators as i', 'i.id', 'v.indicatorId')
    .innerJoin('areas as a', 'a.id', 'v.areaId')
    .select(['i.sourceKey', 'a.cbsCode', 'a.name', 'v.period', 'v.value'])
    .where('i.source', '=', 'cbs')
    .execute();

describe('CBS StatLine import', () => {
  it('imports the SES-WOA file: every area (created from its code) and every value; suppressed values are missing', async () => {
    const file = census(SES, 3);
    const codes = new Set(file.rows.map((r) => r[2]!.trim())); // padded with spaces in the file
    expect(codes.size).toBe(file.rows.length);

    const preview = await json(cbs({ csv: SES, mode: 'preview', createAreas: true }));
    expect(preview).toMatchObject({ committed: false, rows: file.rows.length, periods: ['2019'], errors: [], unknownAreas: [] });
    expect(preview.areas.created).toHaveLength(codes.size - 3); // the world already has Kop Zeedijk, Oude Kerk e.o. and Jordaan
    expect(await cbsValues()).toEqual([]);
    expect(await t.db.selectFrom('areas').select('id').execute()).toHaveLength(3);

    const res = await json(cbs({ csv: SES, mode: 'commit', createAreas: true }));
    expect(res.committed).toBe(true);
    expect(res.indicators).toHaveLength(file.valueColumns);
    expect(res.values).toEqual({ created: file.values, updated: 0, unchanged: 0, missing: file.suppressed });

    const areas = await t.db.selectFrom('areas').select(['id', 'cbsCode', 'kind', 'parentId', 'name']).execute();
    const byCode = new Map(areas.map((a) => [a.cbsCode, a]));
    for (const code of codes) expect(byCode.has(code!)).toBe(true);
    const kinds = (prefix: string) => [...codes].filter((c) => c!.startsWith(prefix)).length;
    expect(areas.filter((a) => a.kind === 'buurt')).toHaveLength(kinds('BU'));
    expect(areas.filter((a) => a.kind === 'wijk')).toHaveLength(kinds('WK'));
    expect(byCode.get('BU03630101')!.parentId).toBe(byCode.get('WK036301')!.id);
    expect(byCode.get('WK036301')!.parentId).toBe(byCode.get('GM0363')!.id);
    expect(byCode.get('BU03630101')!.name).toBe('Hemelrijk');

    const values = await cbsValues();
    expect(values).toHaveLength(file.values);
    const cell = (code: string, key: string) => values.find((v) => v.cbsCode === code && v.sourceKey === key);
    expect(cell('BU03630000', 'Particuliere huishoudens (Aantal)')).toMatchObject({ name: 'Kop Zeedijk', period: '2019', value: 700 });
    expect(cell('GM0363', 'Particuliere huishoudens (Aantal)')!.value).toBe(457400);
    expect(cell('BU03630001', 'SES-WOA/Totaalscore/Gemiddelde score (Getal)')!.value).toBe(-0.11);
    expect(cell('BU03630000', 'Opleidingsniveau/Laag/Waarde (%)')!.value).toBe(12.4);
    // Stationsplein e.o.: 0 households is a real zero; its suppressed education share is missing, not zero.
    expect(cell('BU03630100', 'Particuliere huishoudens (Aantal)')!.value).toBe(0);
    expect(cell('BU03630100', 'Opleidingsniveau/Laag/Waarde (%)')!.value).toBeNull();
    expect(values.filter((v) => v.value === null)).toHaveLength(file.suppressed);
    expect(file.suppressed).toBeGreaterThan(0);

    const indicators = await t.db.selectFrom('indicators').selectAll().where('source', '=', 'cbs').execute();
    expect(indicators.every((i) => i.projectId === null && i.byArea === 1 && i.periodicity === 'year')).toBe(true);
    expect(indicators.find((i) => i.sourceKey === 'Opleidingsniveau/Laag/Waarde (%)')).toMatchObject({
      unit: 'percentage',
      measure: 'percentage',
      name: 'Opleidingsniveau – Laag',
    });
    expect(indicators.find((i) => i.sourceKey === 'Particuliere huishoudens (Aantal)')).toMatchObject({ unit: 'count', measure: 'unit' });

    // The same file again changes nothing.
    const again = await json(cbs({ csv: SES, mode: 'commit', createAreas: true }));
    expect(again.values).toEqual({ created: 0, updated: 0, unchanged: file.values, missing: file.suppressed });
    expect(again.areas.created).toEqual([]);
    expect(again.indicators.every((i: { created: boolean }) => !i.created)).toBe(true);
    expect(await t.db.selectFrom('areas').select('id').execute()).toHaveLength(areas.length);
    expect(await t.db.selectFrom('indicators').select('id').execute()).toHaveLength(indicators.length);
  });

  it('reports unknown areas instead of dropping them silently', async () => {
    const file = census(SES, 3);
    const res = await json(cbs({ csv: SES, mode: 'commit' }));
    expect(res.unknownAreas).toHaveLength(file.rows.length - 3);
    expect(res.unknownAreas[0]).toEqual({
      row: 2,
      name: 'Amsterdam',
      code: 'GM0363',
      reason: expect.stringContaining('no area with this code'),
      nl: 'Er is geen gebied met deze code.',
      en: 'There is no area with this code.',
    });
    expect(res.areas).toEqual({ matched: 3, created: [] });
    expect(res.values.created).toBe(3 * file.valueColumns);
    const values = await cbsValues();
    expect(new Set(values.map((v) => v.cbsCode))).toEqual(new Set(['BU03630000', 'BU03630001', 'WK036306']));
  });

  it('imports the library-distance file keyed by name only, with the period given', async () => {
    const file = census(LIBRARY, 1);
    await json(cbs({ csv: SES, mode: 'commit', createAreas: true }));

    const noPeriod = await cbs({ csv: LIBRARY, mode: 'commit' });
    expect(noPeriod.status).toBe(400);
    expect((await noPeriod.json()).error.details).toEqual([expect.objectContaining({ row: 1, column: 'Perioden' })]);

    const res = await json(cbs({ csv: LIBRARY, mode: 'commit', period: '2021', createAreas: true }));
    expect(res.periods).toEqual(['2021']);
    expect(res.unknownAreas).toEqual([
      { row: 2, name: 'Nederland', code: null, reason: expect.stringContaining('no area with this name'), nl: expect.any(String), en: expect.any(String) },
    ]);
    expect(res.areas.matched).toBe(file.rows.length - 1);
    expect(res.values.created).toBe((file.rows.length - 1) * file.valueColumns);
    const [ind] = res.indicators;
    expect(ind).toMatchObject({
      sourceKey: 'Vrije tijd en cultuur/Afstand tot bibliotheek (km)',
      name: 'Vrije tijd en cultuur – Afstand tot bibliotheek (km)',
      unit: 'score',
      measure: 'unit',
    });
    const values = (await cbsValues()).filter((v) => v.period === '2021');
    expect(values.find((v) => v.cbsCode === 'WK036300')!.value).toBe(1.1);
    expect(values.find((v) => v.cbsCode === 'WK036306')!.value).toBe(1);
  });

  it('matches names without regard to case or accents, and reports ambiguous names', async () => {
    await json(cbs({ csv: SES, mode: 'commit', createAreas: true }));
    const csv = '\uFEFF"Wijken en buurten";"Bevolking/Inwoners (Aantal)"\n"JÖRDAAN";"  20000"\n"Betondorp";"  7000"\n';
    const res = await json(cbs({ csv, mode: 'preview', period: '2022' }));
    expect(res.areas.matched).toBe(1);
    expect(res.unknownAreas).toEqual([
      {
        row: 3,
        name: 'Betondorp',
        code: null,
        reason: expect.stringContaining('Several areas have this name'),
        nl: 'Er zijn meerdere gebieden met deze naam.',
        en: 'Several areas have this name.',
      },
    ]);
  });

  it('reports a country row and skips text columns of a Kerncijfers-style export', async () => {
    const csv =
      '\uFEFF"Wijken en buurten";"Gemeentenaam (naam)";"Soort regio (omschrijving)";"Codering (code)";"Bevolking/Aantal inwoners (aantal)"\n' +
      '"Nederland";"Nederland";"Land";"NL01      ";"17475415"\n"Kop Zeedijk";"Amsterdam";"Buurt";"BU03630000";"   1135"\n';
    const res = await json(cbs({ csv, mode: 'commit', period: '2021' }));
    expect(res.errors).toEqual([]);
    expect(res.skippedColumns).toEqual(['Gemeentenaam (naam)', 'Soort regio (omschrijving)']);
    expect(res.unknownAreas).toEqual([
      {
        row: 2,
        name: 'Nederland',
        code: 'NL01',
        reason: expect.stringContaining('not a gemeente, wijk or buurt code'),
        nl: expect.any(String),
        en: expect.any(String),
      },
    ]);
    expect(res.indicators).toEqual([expect.objectContaining({ name: 'Bevolking – Aantal inwoners', unit: 'count' })]);
    expect((await cbsValues()).map((v) => [v.cbsCode, v.value])).toEqual([['BU03630000', 1135]]);
  });

  it('a bad cell stops the whole commit and is named by row and column', async () => {
    const broken = SES.replace('"BU03630001";"     500"', '"BU03630001";"   vijf"');
    const preview = await json(cbs({ csv: broken, mode: 'preview', createAreas: true }));
    expect(preview.errors).toEqual([
      {
        row: 5,
        column: 'Particuliere huishoudens (Aantal)',
        reason: "'vijf' is geen getal. / 'vijf' is not a number.",
        nl: "'vijf' is geen getal.",
        en: "'vijf' is not a number.",
      },
    ]);
    const res = await cbs({ csv: broken, mode: 'commit', createAreas: true });
    expect(res.status).toBe(400);
    expect(await cbsValues()).toEqual([]);
    expect(await t.db.selectFrom('areas').select('id').execute()).toHaveLength(3);
    expect(await t.db.selectFrom('indicators').select('id').execute()).toHaveLength(0);
  });

  it('reads units and hierarchy from headers', () => {
    expect(parseCbsHeader('Particuliere huishoudens (Aantal)')).toMatchObject({ name: 'Particuliere huishoudens', unit: 'count', measure: 'unit' });
    expect(parseCbsHeader('Opleidingsniveau/Hoog/Waarde (%)')).toMatchObject({ name: 'Opleidingsniveau – Hoog', unit: 'percentage', measure: 'percentage' });
    expect(parseCbsHeader('Spreiding/Spreiding totaal/Waarde (Getal)')).toMatchObject({ name: 'Spreiding – Spreiding totaal', unit: 'score' });
    expect(parseCbsHeader('Inkomen/Gemiddeld inkomen (x 1 000 euro)')).toMatchObject({ unit: 'euro', name: 'Inkomen – Gemiddeld inkomen (x 1 000 euro)' });
  });
});
