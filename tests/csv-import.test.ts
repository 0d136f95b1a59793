import { beforeEach, describe, expect, it } from 'vitest';
import { parseNumber } from '../db/domain/numbers.js';
import { testApp, type TestApp } from './helpers/app.js';
import { countingWorld, indicator, json } from './helpers/counting-fixtures.js';

let t: TestApp;
let w: Awaited<ReturnType<typeof countingWorld>>;
let visitors: { id: number };
let share: { id: number };
beforeEach(async () => {
  t = await testApp();
  w = await countingWorld(t);
  visitors = await indicator(w.coordinator, { projectId: w.projectId, name: 'Bezoekers', unit: 'count', periodicity: 'quarter', byArea: true });
  share = await indicator(w.coordinator, { projectId: w.projectId, name: 'Aandeel actief', unit: 'percentage', periodicity: 'quarter' });
});

const run = (csv: string, mode: 'preview' | 'commit', client = w.worker) => client.post('/api/indicators/import', { csv, mode });
const values = () => t.db.selectFrom('indicatorValues').select(['indicatorId', 'period', 'areaId', 'value', 'note']).orderBy('id').execute();

describe('CSV import of values', () => {
  it('previews every bad row with row and column, writing nothing', async () => {
    const csv = [
      'indicator;period;area;value;note',
      'Bezoekers;2026-Q1;BU03630000;12;goed',
      'Onbekend;2026-Q1;BU03630000;3;',
      'Bezoekers;2026-03;BU03630000;3;',
      'Bezoekers;2026-Q1;WK036306;3;',
      'Bezoekers;2026-Q2;BU03630000;twaalf;',
      `${share.id};2026-Q1;BU03630000;40;`,
      'Bezoekers;2026-Q1;Kop Zeedijk;7;',
    ].join('\n');
    const res = await json(run(csv, 'preview'));
    expect(res.errors).toEqual([
      { row: 3, column: 'indicator', reason: expect.stringContaining('unknown indicator Onbekend') },
      { row: 4, column: 'period', reason: expect.stringContaining('not a quarter') },
      { row: 5, column: 'area', reason: expect.stringContaining('not one of the project') },
      { row: 6, column: 'value', reason: expect.stringContaining('not a number: twaalf') },
      { row: 7, column: 'area', reason: expect.stringContaining('not kept per area') },
      { row: 8, column: 'period', reason: expect.stringContaining('same indicator, period and area as row 2') },
    ]);
    expect(res.committed).toBe(false);
    expect(await values()).toEqual([]);
  });

  it('commit is all or nothing: a bad row → 400 with the same list, nothing written', async () => {
    const csv = 'indicator,period,area,value\nBezoekers,2026-Q1,BU03630000,12\nBezoekers,2026-Q1,BU03630001,x\n';
    const res = await run(csv, 'commit');
    expect(res.status).toBe(400);
    const details = (await res.json()).error.details;
    expect(details).toEqual([expect.objectContaining({ row: 3, column: 'value', reason: expect.stringContaining('not a number: x') })]);
    expect(await values()).toEqual([]);
  });

  it('reads `;` with a BOM, the Dutch decimal comma, thousands and quoted fields with separators inside', async () => {
    const csv = '\uFEFF"Indicator";"Periode";"Gebied";"Waarde";"Opmerking"\r\n' +
      '"Bezoekers";"2026-Q1";"BU03630000";"1.234,5";"telling; incl. ""open dag"""\r\n' +
      '"Bezoekers";"2026 K1";"Oude Kerk e.o.";"12,5";"regel 1\nregel 2"\r\n' +
      `"${share.id}";"2026-Q1";"";"0,75";""\r\n`;
    const preview = await json(run(csv, 'preview'));
    expect(preview).toMatchObject({ delimiter: ';', rows: 3, errors: [], created: 3 });
    expect(await values()).toEqual([]);
    const res = await json(run(csv, 'commit'));
    expect(res).toMatchObject({ committed: true, created: 3, updated: 0, unchanged: 0 });
    expect(await values()).toEqual([
      { indicatorId: visitors.id, period: '2026-Q1', areaId: w.areas.kop, value: 1234.5, note: 'telling; incl. "open dag"' },
      { indicatorId: visitors.id, period: '2026-Q1', areaId: w.areas.oudeKerk, value: 12.5, note: 'regel 1\nregel 2' },
      { indicatorId: share.id, period: '2026-Q1', areaId: 0, value: 0.75, note: '' },
    ]);
  });

  it('reads `,` with quoted decimal commas and reports rows after a multi-line field correctly', async () => {
    const csv = 'indicator,period,area,value,note\nBezoekers,2026-Q2,BU03630000,"7,5","a, b\nc"\nBezoekers,2026-Q2,BU03630001,oops,\n';
    const res = await json(run(csv, 'preview'));
    expect(res.delimiter).toBe(',');
    expect(res.errors).toEqual([{ row: 4, column: 'value', reason: expect.stringContaining('not a number: oops') }]);
  });

  it('importing the same file twice changes nothing the second time', async () => {
    const csv = 'indicator;period;area;value\nBezoekers;2026-Q1;BU03630000;10\nBezoekers;2026-Q1;BU03630001;.\n';
    expect(await json(run(csv, 'commit'))).toMatchObject({ created: 2, updated: 0, unchanged: 0 });
    const after = await values();
    const history = await t.db.selectFrom('indicatorValueHistory').selectAll().execute();
    expect(await json(run(csv, 'commit'))).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    expect(await values()).toEqual(after);
    expect(await t.db.selectFrom('indicatorValueHistory').selectAll().execute()).toHaveLength(history.length);
    expect(after[1]!.value).toBeNull();
    const changed = await json(run(csv.replace(';10', ';11'), 'commit'));
    expect(changed).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
  });

  it('names a missing column, refuses ambiguous numbers and unknown indicators of other projects', async () => {
    expect((await json(run('indicator;waarde\nBezoekers;1', 'preview'))).errors).toEqual([{ row: 1, column: 'period', reason: expect.stringContaining('missing column') }]);
    const other = await indicator(w.coordinator, { projectId: w.otherProjectId, name: 'Elders', unit: 'count', periodicity: 'quarter' });
    const res = await json(run(`indicator;period;value\nAandeel actief;2026-Q1;1.234\n${other.id};2026-Q1;1\n`, 'preview'));
    expect(res.errors).toEqual([
      { row: 2, column: 'value', reason: expect.stringContaining('ambiguous number') },
      { row: 3, column: 'indicator', reason: expect.stringContaining(`unknown indicator ${other.id}`) },
    ]);
    const outsider = await json(run(`indicator;period;value\n${other.id};2026-Q1;1\n`, 'commit', w.outsider));
    expect(outsider.created).toBe(1);
  });

  it('parses numbers as Dutch and international users write them', () => {
    const ok = (s: string) => {
      const r = parseNumber(s);
      return r.ok ? r.value : r.reason;
    };
    expect(ok('12,5')).toBe(12.5);
    expect(ok('1.234,5')).toBe(1234.5);
    expect(ok('1,234.5')).toBe(1234.5);
    expect(ok('-0,25')).toBe(-0.25);
    expect(ok('12.5')).toBe(12.5);
    expect(ok(' 700 ')).toBe(700);
    expect(ok('.')).toBeNull();
    expect(ok('')).toBeNull();
    expect(ok('1.234')).toMatch(/ambiguous/);
    expect(ok('12,5,6')).toMatch(/not a number/);
  });
});
