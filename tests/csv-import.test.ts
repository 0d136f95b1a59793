import { beforeEach, describe, expect, it } from 'vitest';
import { parseNumber } from '../db/domain/numbers.js';
import { testApp, type TestApp } from './helpers/app.js';
import { countingWorld, indicator, json } from './helpers/counting-fixtures.js';
import { csvCells, formulaCells } from './helpers/csv.js';

let t: TestApp;
let w: Awaited<ReturnType<typeof countingWorld>>;
let visitors: { id: number };
let share: { id: number };
beforeEach(async () => {
  t = await testApp();
  w = await countingWorld(t);
  visitors = await indicator(w.coordinator, { projectId: w.projectId, name: 'Vrijwilligersuren', unit: 'hours', periodicity: 'quarter', byArea: true });
  share = await indicator(w.coordinator, { projectId: w.projectId, name: 'Aandeel actief', unit: 'percentage', periodicity: 'quarter' });
});

const run = (csv: string, mode: 'preview' | 'commit', client = w.worker) => client.post('/api/indicators/import', { csv, mode });
const values = () => t.db.selectFrom('indicatorValues').select(['indicatorId', 'period', 'areaId', 'value', 'note']).orderBy('id').execute();

/** A row error as the preview reports it: both halves whole sentences, `reason` the two joined. */
const said = (row: number, column: string, nl: string, en: string) => ({ row, column, nl, en, reason: `${nl} / ${en}` });

describe('CSV import of values', () => {
  it('previews every bad row with row and column, writing nothing', async () => {
    const csv = [
      'indicator;period;area;value;note',
      'Vrijwilligersuren;2026-Q1;BU03630000;12;goed',
      'Onbekend;2026-Q1;BU03630000;3;',
      'Vrijwilligersuren;2026-03;BU03630000;3;',
      'Vrijwilligersuren;2026-Q1;WK036306;3;',
      'Vrijwilligersuren;2026-Q2;BU03630000;twaalf;',
      `${share.id};2026-Q1;BU03630000;40;`,
      'Vrijwilligersuren;2026-Q1;Kop Zeedijk;7;',
    ].join('\n');
    const res = await json(run(csv, 'preview'));
    expect(res.errors).toEqual([
      said(3, 'indicator', "Dit project heeft geen indicator 'Onbekend'.", "This project has no indicator 'Onbekend'."),
      said(
        4,
        'period',
        '2026-03 is geen kwartaal: deze indicator wordt per kwartaal bijgehouden.',
        '2026-03 is not a quarter: this indicator is kept per quarter.',
      ),
      said(5, 'area', "Het gebied 'WK036306' hoort niet bij dit project.", "The area 'WK036306' is not one of this project's areas."),
      said(6, 'value', "'twaalf' is geen getal.", "'twaalf' is not a number."),
      said(
        7,
        'area',
        "'Aandeel actief' geldt voor het hele project: laat het gebied leeg.",
        "'Aandeel actief' is kept for the whole project: leave the area empty.",
      ),
      said(8, 'period', 'Dezelfde indicator, periode en gebied staan al in rij 2.', 'The same indicator, period and area are already in row 2.'),
    ]);
    expect(res.committed).toBe(false);
    expect(await values()).toEqual([]);
  });

  it('commit is all or nothing: a bad row → 400 with the same list, nothing written', async () => {
    const csv = 'indicator,period,area,value\nVrijwilligersuren,2026-Q1,BU03630000,12\nVrijwilligersuren,2026-Q1,BU03630001,x\n';
    const res = await run(csv, 'commit');
    expect(res.status).toBe(400);
    const details = (await res.json()).error.details;
    expect(details).toEqual([expect.objectContaining({ row: 3, column: 'value', nl: "'x' is geen getal.", en: "'x' is not a number." })]);
    expect(details[0].message).toBe("Rij 3, value: 'x' is geen getal. / Row 3, value: 'x' is not a number.");
    expect(await values()).toEqual([]);
  });

  it('reads `;` with a BOM, the Dutch decimal comma, thousands and quoted fields with separators inside', async () => {
    const csv =
      '\uFEFF"Indicator";"Periode";"Gebied";"Waarde";"Opmerking"\r\n' +
      '"Vrijwilligersuren";"2026-Q1";"BU03630000";"1.234,5";"telling; incl. ""open dag"""\r\n' +
      '"Vrijwilligersuren";"2026 K1";"Oude Kerk e.o.";"12,5";"regel 1\nregel 2"\r\n' +
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
    const csv = 'indicator,period,area,value,note\nVrijwilligersuren,2026-Q2,BU03630000,"7,5","a, b\nc"\nVrijwilligersuren,2026-Q2,BU03630001,oops,\n';
    const res = await json(run(csv, 'preview'));
    expect(res.delimiter).toBe(',');
    expect(res.errors).toEqual([said(4, 'value', "'oops' is geen getal.", "'oops' is not a number.")]);
  });

  it('importing the same file twice changes nothing the second time', async () => {
    const csv = 'indicator;period;area;value\nVrijwilligersuren;2026-Q1;BU03630000;10\nVrijwilligersuren;2026-Q1;BU03630001;.\n';
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
    expect((await json(run('indicator;waarde\nVrijwilligersuren;1', 'preview'))).errors).toEqual([
      said(1, 'periode', "De kolom 'periode' ontbreekt in de eerste regel.", "The column 'period' (or 'periode') is missing from the first line."),
    ]);
    const other = await indicator(w.coordinator, { projectId: w.otherProjectId, name: 'Elders', unit: 'count', periodicity: 'quarter' });
    const res = await json(run(`indicator;period;value\nAandeel actief;2026-Q1;1.234\n${other.id};2026-Q1;1\nAandeel actief;2026-Q2;250\n`, 'preview'));
    expect(res.errors).toEqual([
      said(2, 'value', "'1.234' kan duizendtallen of decimalen zijn. Schrijf 1234 of 1,234.", "'1.234' could be thousands or decimals. Write 1234 or 1,234."),
      said(3, 'indicator', `Dit project heeft geen indicator '${other.id}'.`, `This project has no indicator '${other.id}'.`),
      said(4, 'value', 'Een percentage ligt tussen 0 en 100.', 'A percentage lies between 0 and 100.'),
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
    expect(ok('1.234')).toMatch(/thousands or decimals/);
    expect(ok('12,5,6')).toBe("'12,5,6' is geen getal. / '12,5,6' is not a number.");
  });

  it('gives a template per project: its indicators, periods and areas as rows, the values entered so far, Dutch headers', async () => {
    await run('indicator;periode;gebied;waarde;opmerking\nVrijwilligersuren;2026-Q1;BU03630000;12,5;open dag\nAandeel actief;2026-Q2;;40;\n', 'commit');
    const res = await w.worker.get(`/api/projects/${w.projectId}/indicators/template.csv?last=2026-Q2&periods=2`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toContain(`waarden-project-${w.projectId}.csv`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // a byte order mark, so Excel reads UTF-8
    const text = new TextDecoder().decode(bytes);
    expect(text.split('\r\n')).toEqual([
      'indicator;periode;gebied;waarde;opmerking',
      'Aandeel actief;2026-Q1;;;',
      'Aandeel actief;2026-Q2;;40;',
      'Vrijwilligersuren;2026-Q1;Kop Zeedijk;12,5;open dag',
      'Vrijwilligersuren;2026-Q1;Oude Kerk e.o.;;',
      'Vrijwilligersuren;2026-Q2;Kop Zeedijk;;',
      'Vrijwilligersuren;2026-Q2;Oude Kerk e.o.;;',
      '',
    ]);
    // Read back unchanged, it changes nothing; with one value filled in, the preview shows just that.
    expect(await json(run(text, 'preview'))).toMatchObject({ errors: [], created: 0, updated: 0, changes: [] });
    const edited = text
      .replace('Vrijwilligersuren;2026-Q1;Kop Zeedijk;12,5;open dag', 'Vrijwilligersuren;2026-Q1;Kop Zeedijk;14;open dag')
      .replace('Vrijwilligersuren;2026-Q2;Oude Kerk e.o.;;', 'Vrijwilligersuren;2026-Q2;Oude Kerk e.o.;3;');
    const preview = await json(run(edited, 'preview'));
    expect(preview.changes).toEqual([
      {
        row: 4,
        indicatorId: visitors.id,
        indicator: 'Vrijwilligersuren',
        period: '2026-Q1',
        areaId: w.areas.kop,
        area: 'Kop Zeedijk',
        from: 12.5,
        to: 14,
        note: null,
        status: 'updated',
      },
      {
        row: 7,
        indicatorId: visitors.id,
        indicator: 'Vrijwilligersuren',
        period: '2026-Q2',
        areaId: w.areas.oudeKerk,
        area: 'Oude Kerk e.o.',
        from: null,
        to: 3,
        note: null,
        status: 'created',
      },
    ]);
    expect(preview).toMatchObject({ created: 1, updated: 1, changesTotal: 2, committed: false });
    // Another project's worker does not see it exists, a funder may not; a bad period is a 400 in both languages.
    expect((await w.outsider.get(`/api/projects/${w.projectId}/indicators/template.csv`)).status).toBe(404);
    expect((await w.funder.get(`/api/projects/${w.projectId}/indicators/template.csv`)).status).toBe(403);
    const bad = await w.worker.get(`/api/projects/${w.projectId}/indicators/template.csv?last=2026-Q5`);
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.details[0].message).toBe(
      "'2026-Q5' is geen periode. Schrijf bijvoorbeeld 2026, 2026-Q1 of 2026-03. / '2026-Q5' is not a period. Write for example 2026, 2026-Q1 or 2026-03.",
    );
  });

  it('the template neutralises formula-like notes under any separator, and reads them back unchanged', async () => {
    await indicator(w.coordinator, { projectId: w.projectId, name: 'Saldo buurtbudget', unit: 'euro', periodicity: 'quarter' });
    const notes = ['x;=1+1', '=HYPERLINK("http://evil")', '@cmd', 'a,-2+3', 'tab\t=1', 'regel\n+1'];
    const csv = [
      'indicator;periode;waarde;opmerking',
      ...notes.map((n, i) => `Saldo buurtbudget;2026-Q${(i % 4) + 1};-${i},5;"${n.replace(/"/g, '""')}"`),
    ].join('\n');
    await json(run(csv.split('\n').slice(0, 5).join('\n'), 'commit'));
    await json(run([csv.split('\n')[0], ...csv.split('\n').slice(5)].join('\n').replace(/2026-Q(\d)/g, '2025-Q$1'), 'commit'));
    expect((await values()).map((v) => v.note).sort()).toEqual([...notes].sort());
    const text = await (await w.worker.get(`/api/projects/${w.projectId}/indicators/template.csv?last=2026-Q4&periods=8`)).text();
    expect(formulaCells(text)).toEqual([]);
    expect(csvCells(text, ';')).toEqual(expect.arrayContaining(["x;'=1+1", "a,'-2+3", "tab\t'=1", '-1,5'])); // a negative value stays a number
    expect(await json(run(text, 'preview'))).toMatchObject({ errors: [], created: 0, updated: 0, changes: [] });
  });
});
