// A published report's other forms: CSV, IATI XML, the print-ready page; and the OpenAPI document.
import { describe, expect, it } from 'vitest';
import { parse as parseCsv } from 'csv-parse/sync';
import { testApp } from './helpers/app.js';
import { codelist, iatiSchemaErrors } from './helpers/iati.js';
import { csvCells, formulaCells } from './helpers/csv.js';
import { reportWorld, reviewAsIs } from './helpers/reports-fixtures.js';
import { createReport, publish, reportSetup } from './helpers/report-api.js';
import { activityTiming } from '../server/reports/iati.js';
import { loadConfig } from '../server/env.js';

describe('reports: exports', () => {
  it('CSV neutralises formula-like cells', async () => {
    const { t, w, coord } = await reportSetup();
    await t.db.updateTable('projects').set({ name: '=HYPERLINK("http://evil","x")' }).execute();
    await t.db.updateTable('indicators').set({ name: '+SUM(A1)' }).execute();
    await t.db.updateTable('outcomes').set({ title: '@cmd' }).execute();
    const { id: ind2 } = await t.db
      .insertInto('indicators')
      .values({ projectId: w.projectId, outcomeId: w.outcomeId, name: '-2+3', unit: 'count', measure: 'unit', periodicity: 'year' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.db.insertInto('indicatorValues').values({ indicatorId: ind2, period: '2026', value: -4 }).execute();
    await t.db
      .insertInto('indicators')
      .values({ projectId: w.projectId, outcomeId: w.outcomeId, name: '\tTAB', unit: 'count', measure: 'unit', periodicity: 'year' })
      .execute();
    const id = await createReport(coord, w);
    await publish(coord, id);
    const res = await coord.get(`/api/reports/${id}/versions/1/export.csv`);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const rows = parseCsv(await res.text(), { bom: true }) as string[][];
    const cells = rows.flat();
    expect(cells).toContain(`'=HYPERLINK("http://evil","x")`);
    expect(cells).toContain(`'+SUM(A1)`);
    expect(cells).toContain(`'@cmd`);
    expect(cells).toContain(`'-2+3`);
    expect(cells).toContain(`'\tTAB`);
    expect(cells).toContain('-4'); // a number stays a number
    for (const cell of cells) if (cell !== '-4') expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    // A formula after a separator inside a cell: quoted, and neutralised for readers splitting on another separator.
    for (const [i, name] of ['x;=1+1', 'a,@SUM(1)', 'b\t-2+3', "c;'=1"].entries())
      await t.db
        .insertInto('indicators')
        .values({ projectId: w.projectId, outcomeId: w.outcomeId, name, unit: 'count', measure: 'unit', periodicity: 'year' })
        .execute();
    await publish(coord, id);
    const v2 = await (await coord.get(`/api/reports/${id}/versions/2/export.csv`)).text();
    expect(formulaCells(v2)).toEqual([]);
    expect(csvCells(v2, ',')).toEqual(expect.arrayContaining(["x;'=1+1", "a,'@SUM(1)", "b\t'-2+3", "c;''=1"]));
    for (const quoted of ['"x;\'=1+1"', '"a,\'@SUM(1)"', '"b\t\'-2+3"']) expect(v2).toContain(quoted);
    const header = rows[0]!;
    const q2 = rows.find((r) => r[5] === '2026-Q2')!;
    expect([q2[header.indexOf('target')], q2[header.indexOf('actual')]]).toEqual(['60', '63']);

    // For Excel set to Dutch (the page's link in Dutch): semicolons, decimal commas, Dutch column names, and as safe.
    await t.db.updateTable('indicatorValues').set({ value: 62.5 }).where('indicatorId', '=', w.indicatorId).where('period', '=', '2026-Q2').execute();
    await publish(coord, id);
    const excel = await (await coord.get(`/api/reports/${id}/versions/3/export.csv?excel=nl`)).text();
    expect(
      excel.replace(/^\uFEFF/, '').startsWith('onderdeel;project;uitkomst;onderwerp;eenheid;periode;nulmeting;doel;gerealiseerd;verhalen;gebied\r\n'),
    ).toBe(true);
    const dutch = parseCsv(excel, { bom: true, delimiter: ';' }) as string[][];
    const q2nl = dutch.find((r) => r[5] === '2026-Q2')!;
    expect([q2nl[7], q2nl[8]]).toEqual(['60', '62,5']);
    expect(formulaCells(excel)).toEqual([]);
    expect((await coord.get(`/api/reports/${id}/versions/3/export.csv?excel=xls`)).status).toBe(400);
    const page = await (await coord.get(`/reports/${id}/versions/3`)).text();
    expect(page).toContain(`<a href="/api/reports/${id}/versions/3/export.csv?excel=nl">Cijfers voor Excel (CSV)</a>`);
    await t.close();
  });

  it('CSV counts the stories the report counts, per outcome and per phase; for Excel in Dutch words', async () => {
    const { t, w, coord } = await reportSetup();
    const id = await createReport(coord, w);
    const n = await publish(coord, id);
    const { version } = (await (await coord.get(`/api/reports/${id}/versions/${n}`)).json()) as {
      version: {
        data: {
          outcomes: { title: string; stories: unknown[]; storyRefs?: unknown[]; otherStories?: number }[];
          phases: { stories: { phase: string | null; count: number }[] };
        };
      };
    };
    const rows = parseCsv(await (await coord.get(`/api/reports/${id}/versions/${n}/export.csv`)).text(), { bom: true }) as string[][];
    const count = (section: string, item: string) => rows.find((r) => r[0] === section && r[3] === item)?.[9];
    const phases = version.data.phases.stories;
    expect(phases.reduce((sum, p) => sum + p.count, 0)).toBeGreaterThan(0);
    for (const p of phases) expect(count('phase stories', p.phase ?? 'none'), p.phase ?? 'none').toBe(String(p.count));
    const o = version.data.outcomes[0]!;
    const told = o.stories.length + (o.storyRefs?.length ?? 0) + (o.otherStories ?? 0);
    expect(told).toBeGreaterThan(0);
    expect(rows.find((r) => r[0] === 'outcome stories' && r[2] === o.title)?.[9]).toBe(String(told));

    const dutch = parseCsv(await (await coord.get(`/api/reports/${id}/versions/${n}/export.csv?excel=nl`)).text(), {
      bom: true,
      delimiter: ';',
    }) as string[][];
    expect(dutch.find((r) => r[0] === 'verhalen bij uitkomst')?.slice(4, 5)).toEqual(['aantal']);
    expect(dutch.find((r) => r[0] === 'verhalen per fase' && r[3] === 'zonder fase')).toBeDefined();
    expect(dutch.find((r) => r[0] === 'indicator')?.[3]).toBe('Deelnemers aan buurtactiviteiten');
    expect(dutch.flat()).not.toContain('outcome stories');
    await t.close();
  });

  it('IATI XML validates against the 2.03 schema and every code is in its codelist', async () => {
    const { t, w, coord } = await reportSetup();
    await t.db.insertInto('outcomes').values({ projectId: w.projectId, title: 'Zonder indicator', level: 'impact' }).execute();
    await t.db
      .updateTable('stories')
      .set({ bodyText: 'Tekst met <tags> & "quotes" en \u0001controle', bodyHtml: '<p>Tekst met &lt;tags&gt; &amp; "quotes" en \u0001controle</p>' })
      .where('id', '=', w.publicStory)
      .execute();
    await reviewAsIs(t.db, w.publicStory); // the changed text is reviewed again, else it stays inside
    const id = await createReport(coord, w);
    await publish(coord, id);
    const res = await coord.get(`/api/reports/${id}/versions/1/iati.xml`);
    expect(res.status).toBe(200);
    const xml = await res.text();
    expect(await iatiSchemaErrors(xml)).toEqual([]);
    const codes = codelist;
    const attr = (element: string, name: string) => [...xml.matchAll(new RegExp(`<${element}\\b[^>]*\\s${name}="([^"]+)"`, 'g'))].map((m) => m[1]!);
    const resultTypes = attr('result', 'type');
    const measures = attr('indicator', 'measure');
    expect(resultTypes.sort()).toEqual(['2', '3']);
    expect(measures.length).toBeGreaterThanOrEqual(2);
    for (const c of resultTypes) expect(codes('ResultType')).toContain(c);
    for (const c of measures) expect(codes('IndicatorMeasure')).toContain(c);
    for (const m of xml.matchAll(/<reference vocabulary="([^"]+)"/g)) expect([...codes('IndicatorVocabulary'), ...codes('ResultVocabulary')]).toContain(m[1]);
    // The report period (2026) seen on the publication day: started, so an actual start; its end planned
    // while it runs, actual once over.
    const publishedOn = xml.match(/generated-datetime="(\d{4}-\d{2}-\d{2})/)![1]!;
    const over = '2026-12-31' < publishedOn;
    expect(attr('activity-date', 'type')).toEqual(['2', over ? '4' : '3']);
    expect(attr('activity-status', 'code')).toEqual([over ? '4' : '2']);
    expect(attr('reporting-org', 'type')).toEqual(['22']);
    expect(attr('participating-org', 'role')).toEqual(['4']);
    expect(attr('description', 'type')).toEqual(['1']);
    // every code the export writes, against the official codelists in ../shared
    for (const c of attr('activity-date', 'type')) expect(codes('ActivityDateType')).toContain(c);
    for (const c of attr('activity-status', 'code')) expect(codes('ActivityStatus')).toContain(c);
    for (const c of [...attr('reporting-org', 'type'), ...attr('participating-org', 'type')]) expect(codes('OrganisationType')).toContain(c);
    for (const c of attr('participating-org', 'role')) expect(codes('OrganisationRole')).toContain(c);
    for (const c of attr('description', 'type')) expect(codes('DescriptionType')).toContain(c);

    // numbers and stories, anonymised per consent
    expect(xml).toContain('<baseline year="2025" iso-date="2025-01-01" value="40"/>');
    expect(xml).toMatch(/<period-start iso-date="2026-04-01"\/>\s*<period-end iso-date="2026-06-30"\/>\s*<target value="60"\/>\s*<actual value="63"\/>/);
    expect(xml).toContain('We zijn samen een moestuin begonnen.');
    expect(xml).toContain('Piet Publiek');
    expect(xml).not.toContain('Ria Rapport');
    expect(xml).not.toContain('TEAMGEHEIM');
    expect(xml).toContain('&lt;tags&gt; &amp;');
    await t.close();
  });

  it('IATI activity dates and status follow the report period as seen on the publication day', () => {
    const day = '2026-06-15';
    expect(activityTiming('2026-07-01', '2026-12-31', day)).toEqual({ status: '1', start: '1', end: '3' }); // not begun: pipeline, planned
    expect(activityTiming('2026-06-15', '2026-06-15', day)).toEqual({ status: '2', start: '2', end: '3' }); // runs today: actual start, planned end
    expect(activityTiming('2026-01-01', '2026-06-14', day)).toEqual({ status: '4', start: '2', end: '4' }); // over: closed, actual dates
  });

  it('the reporting organisation comes from IATI_ORG_REF, ORG_NAME and IATI_ORG_TYPE, the type checked against its codelist at startup', async () => {
    expect(() => loadConfig({ IATI_ORG_TYPE: '99' })).toThrow(/OrganisationType/);
    expect(() => loadConfig({ IATI_ORG_TYPE: '' })).toThrow(/OrganisationType/);
    expect(loadConfig({}).iatiOrg).toEqual({ ref: 'XX-WEEFWERK', name: 'Weefwerk', type: '22' });
    const { iatiOrg } = loadConfig({ IATI_ORG_REF: 'NL-KVK-12345678', ORG_NAME: 'Gemeente Noord, team opbouwwerk', IATI_ORG_TYPE: ' 11 ' });
    expect(iatiOrg).toEqual({ ref: 'NL-KVK-12345678', name: 'Gemeente Noord, team opbouwwerk', type: '11' });

    const t = await testApp({ iatiOrg, orgName: iatiOrg!.name });
    const w = await reportWorld(t.db);
    const coord = await t.as('coordinator');
    const id = await createReport(coord, w);
    await publish(coord, id);
    const xml = await (await coord.get(`/api/reports/${id}/versions/1/iati.xml`)).text();
    expect(await iatiSchemaErrors(xml)).toEqual([]);
    expect(xml).toMatch(/<reporting-org ref="NL-KVK-12345678" type="11">\s*<narrative>Gemeente Noord, team opbouwwerk<\/narrative>/);
    expect(xml).toMatch(/<participating-org ref="NL-KVK-12345678" role="4" type="11">/);
    expect(xml).toContain(`<iati-identifier>NL-KVK-12345678-WW-R${id}</iati-identifier>`);
    // The cover names the organisation set, and without ORG_NAME not the software instead.
    expect(await (await coord.get(`/reports/${id}/versions/1`)).text()).toContain('<p class="org">Gemeente Noord, team opbouwwerk</p>');
    await t.close();
    const unnamed = await reportSetup();
    const other = await createReport(unnamed.coord, unnamed.w);
    await publish(unnamed.coord, other);
    expect(await (await unnamed.coord.get(`/reports/${other}/versions/1`)).text()).not.toContain('class="org"');
    await unnamed.t.close();
  });

  it('the version page is a print-ready document with charts as inline SVG; its one script only shows a print button', async () => {
    const { t, w, coord } = await reportSetup();
    const id = await createReport(coord, w);
    await publish(coord, id);
    const res = await coord.get(`/reports/${id}/versions/1`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await res.text();
    // The page reads the same without script: the print button stays hidden, and the script is the server's own file.
    expect(html.match(/<script[^>]*>/gi)).toEqual(['<script src="/report-print.js">']);
    expect(html).toContain('<button type="button" data-print hidden>Afdrukken of opslaan als pdf</button>');
    // The consent note names the options in the words the resident chose from (web/resident/locales).
    expect(html).toContain('bewoners die kozen voor "In verslagen, zonder je naam" of "Openbaar, met je naam"');
    expect(await (await coord.get(`/reports/${id}/versions/1?lang=en`)).text()).toContain(
      'residents who chose "In reports, without your name" or "Public, with your name"',
    );
    const script = await coord.get('/report-print.js');
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await script.text()).toContain('print()');
    expect(html).toMatch(/<svg[^>]*role="img"[^>]*aria-labelledby="chart-/);
    expect(html).toContain('<title id="chart-');
    expect(html).toContain('<table class="data">');
    expect(html).toContain('@media print');
    expect(html).toContain('break-before: page');
    // With sensemaking and counting merged, MSC selections and hours are included: no placeholder for them.
    expect(html).not.toMatch(/Nog niet opgenomen: de selecties van Most Significant Change/);
    await t.close();
  });

  it('all report routes are in the OpenAPI document', async () => {
    const { t } = await reportSetup();
    const doc = (await (await t.anon.get('/api/openapi.json')).json()) as { paths: Record<string, unknown> };
    for (const p of [
      '/api/reports',
      '/api/reports/{id}',
      '/api/reports/{id}/preview',
      '/api/reports/{id}/versions',
      '/api/reports/{id}/versions/{n}',
      '/api/reports/{id}/versions/{n}/export.csv',
      '/api/reports/{id}/versions/{n}/iati.xml',
      '/api/reports/{id}/shares',
      '/api/reports/{id}/links',
    ])
      expect(Object.keys(doc.paths)).toContain(p);
    await t.close();
  });
});
