// A report's sections beyond the outcomes: climate, Most Significant Change, hours and money,
// indicators per area.
import { describe, expect, it } from 'vitest';
import { parse as parseCsv } from 'csv-parse/sync';
import { iatiSchemaErrors } from './helpers/iati.js';
import { addClimateVariable, addStory, withdrawStory } from './helpers/reports-fixtures.js';
import { createReport, publish, reportSetup } from './helpers/report-api.js';

describe('reports: climate profile', () => {
  it('shows no figure where fewer than 5 stories stand behind it', async () => {
    const { t, w, coord } = await reportSetup();
    const vid = await addClimateVariable(t.db);
    // 6 stories in the first half, 4 in the second; a team story with a placement never counts
    for (let i = 0; i < 6; i++)
      await addStory(t.db, {
        projectId: w.projectId,
        areaId: w.areaId,
        consent: 'report',
        title: `Vroeg ${i}`,
        body: 'x',
        happenedOn: '2026-02-01',
        placements: { [vid]: 20 + i * 2 },
      });
    for (let i = 0; i < 4; i++)
      await addStory(t.db, {
        projectId: w.projectId,
        areaId: w.areaId,
        consent: 'report',
        title: `Laat ${i}`,
        body: 'x',
        happenedOn: '2026-10-01',
        placements: { [vid]: 80 },
      });
    await addStory(t.db, {
      projectId: w.projectId,
      areaId: w.areaId,
      consent: 'team',
      title: 'Team',
      body: 'x',
      happenedOn: '2026-10-02',
      placements: { [vid]: 80 },
    });
    const id = await createReport(coord, w, { areaIds: [w.areaId] });
    const { data, html } = (await (await coord.get(`/api/reports/${id}/preview`)).json()) as {
      data: {
        climate: {
          variables: {
            all: { n: number; mean: number | null };
            firstHalf: { n: number; mean: number | null };
            secondHalf: { n: number; mean: number | null };
            shift: number | null;
          }[];
        };
      };
      html: string;
    };
    const v = data.climate.variables[0]!;
    expect(v.all).toEqual({ n: 10, mean: 47 });
    // complementary: with the whole period shown, the first half would give the second away
    expect(v.firstHalf).toEqual({ n: 6, mean: null });
    expect(v.secondHalf).toEqual({ n: 4, mean: null });
    expect(v.shift).toBeNull();
    expect(html).toContain('te weinig verhalen');

    await addStory(t.db, {
      projectId: w.projectId,
      areaId: w.areaId,
      consent: 'public',
      tellerName: 'Vijfde',
      title: 'Laat 5',
      body: 'x',
      happenedOn: '2026-10-03',
      placements: { [vid]: 80 },
    });
    const again = (await (await coord.get(`/api/reports/${id}/preview`)).json()) as typeof data extends never ? never : { data: typeof data };
    const v2 = again.data.climate.variables[0]!;
    expect(v2.secondHalf).toEqual({ n: 5, mean: 80 });
    expect(v2.shift).toBe(55);
    await t.close();
  });

  it("counts each story once: the teller's own placement, else the coordinator's; spread in bands of 20", async () => {
    const { t, w, coord } = await reportSetup();
    const vid = await addClimateVariable(t.db);
    const placeAs = (storyId: number, source: 'teller' | 'coordinator', position: number | null, status: 'accepted' | 'suggested' = 'accepted') =>
      t.db.insertInto('storyPlacements').values({ storyId, variableId: vid, source, position, status }).execute();
    // 5 stories in the first half: both placed (the teller's 10 counts, not the coordinator's 90), a
    // coordinator's only (90), a teller without a position (the coordinator's 50), a suggestion only
    // (not counted, so the story stands on the teller's 30 twice more)
    const early = async (title: string) =>
      addStory(t.db, { projectId: w.projectId, areaId: w.areaId, consent: 'report', title, body: 'x', happenedOn: '2026-02-01' });
    const both = await early('Beide');
    await placeAs(both, 'teller', 10);
    await placeAs(both, 'coordinator', 90);
    await placeAs(await early('Alleen coördinator'), 'coordinator', 90);
    const noPosition = await early('Zonder positie');
    await placeAs(noPosition, 'teller', null);
    await placeAs(noPosition, 'coordinator', 50);
    for (const title of ['Een', 'Twee']) {
      const id = await early(title);
      await placeAs(id, 'teller', 30);
      await placeAs(id, 'coordinator', 100, 'suggested');
    }
    const id = await createReport(coord, w, { areaIds: [w.areaId] });
    const { data } = (await (await coord.get(`/api/reports/${id}/preview`)).json()) as {
      data: { climate: { variables: { all: { n: number; mean: number | null }; spread: { first: number[] | null } }[] } };
    };
    const v = data.climate.variables[0]!;
    expect(v.all).toEqual({ n: 5, mean: 42 }); // (10 + 90 + 50 + 30 + 30) / 5
    expect(v.spread.first).toEqual([1, 2, 1, 0, 1]); // 0–19, 20–39, 40–59, 60–79, 80–100
    await t.close();
  });
});

describe('reports: Most Significant Change', () => {
  it('shows selections with their reasons for stories consent allows, and hides them after withdrawal', async () => {
    const { t, w, coord } = await reportSetup();
    const { id: roundId } = await t.db
      .insertInto('mscRounds')
      .values({
        domain: 'Samen leven',
        periodFrom: '2026-01-01',
        periodTo: '2026-06-30',
        status: 'closed',
        closedAt: '2026-07-01T10:00:00.000Z',
        createdBy: null,
        fedBackAt: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto('mscSelections')
      .values([
        { roundId, storyId: w.reportStory, userId: null, reason: 'Het panel koos dit omdat buren elkaar hier echt vonden.' },
        { roundId, storyId: w.teamStory, userId: null, reason: 'TEAMREDEN die niet naar buiten mag.' },
      ])
      .execute();
    const id = await createReport(coord, w);
    const preview = (await (await coord.get(`/api/reports/${id}/preview`)).json()) as { html: string };
    expect(preview.html).toContain('Het panel koos dit omdat buren elkaar hier echt vonden.');
    expect(preview.html).toContain('Samen leven');
    expect(preview.html).not.toContain('TEAMREDEN');
    await publish(coord, id);
    await withdrawStory(t.db, w.reportStory);
    const { version } = (await (await coord.get(`/api/reports/${id}/versions/1`)).json()) as { version: { html: string; data: unknown } };
    expect(version.html).not.toContain('Het panel koos dit');
    expect(JSON.stringify(version.data)).not.toContain('Het panel koos dit');
    await t.close();
  });
});

describe('reports: hours and money, activities by phase', () => {
  it('shows hours and expenses within the period against the plan', async () => {
    const { t, w, coord } = await reportSetup();
    const worker = await t.as('worker');
    await t.db
      .insertInto('hours')
      .values([
        { projectId: w.projectId, userId: worker.id, date: '2026-02-03', hours: 6, phase: 'ZIEN', activity: 'Buurtrondgang' },
        { projectId: w.projectId, userId: worker.id, date: '2026-02-10', hours: 4.5, phase: 'ZIEN', activity: 'Buurtrondgang' },
        { projectId: w.projectId, userId: worker.id, date: '2026-05-01', hours: 3, phase: 'DOEN', activity: 'Moestuin' },
        { projectId: w.projectId, userId: worker.id, date: '2025-12-31', hours: 8, phase: 'DOEN', activity: 'Vorig jaar' },
      ])
      .execute();
    await t.db
      .insertInto('expenses')
      .values([
        { projectId: w.projectId, date: '2026-03-01', amountCents: 12_550, description: 'Zaaigoed', enteredBy: worker.id },
        { projectId: w.projectId, date: '2027-01-01', amountCents: 99_900, description: 'Volgend jaar', enteredBy: worker.id },
      ])
      .execute();
    const id = await createReport(coord, w);
    const { data, html } = (await (await coord.get(`/api/reports/${id}/preview`)).json()) as {
      data: {
        resources: { planHours: number; actualHours: number; planEuros: number; actualEuros: number; actualIncluded: boolean };
        phases: { activities: { included: boolean; counts: Record<string, { activities: number; hours: number }> } };
      };
      html: string;
    };
    expect(data.resources).toMatchObject({ planHours: 1200, actualHours: 13.5, planEuros: 45000, actualEuros: 125.5, actualIncluded: true });
    expect(data.phases.activities).toEqual({ included: true, counts: { ZIEN: { activities: 1, hours: 10.5 }, DOEN: { activities: 1, hours: 3 } } });
    // Money reads in whole euros in the table as in the summary, in both languages.
    const en = ((await (await coord.get(`/api/reports/${id}/preview?lang=en`)).json()) as { html: string }).html;
    const table = (h: string) => h.slice(h.indexOf('<section class="resources">'));
    expect(table(html)).toContain('€\u00a045.000<');
    expect(table(html)).toContain('€\u00a0126<');
    expect(table(en)).toContain('€\u00a045,000<');
    expect(table(en)).toContain('€\u00a0126<');
    expect(html + en).not.toMatch(/€\u00a0[\d.,]*[.,]\d\d</);
    expect(html).not.toContain('bestede uren en uitgaven komen in deze rapportage zodra');
    await t.close();
  });
});

describe('reports: indicators per area', () => {
  it('shows an indicator kept per area overall and per area, within the report’s wijk and its buurten', async () => {
    const { t, w, coord } = await reportSetup();
    const area = async (name: string, kind: 'wijk' | 'buurt', parentId: number | null = null) =>
      (await t.db.insertInto('areas').values({ name, kind, parentId }).returning('id').executeTakeFirstOrThrow()).id;
    const noord = await area('Noord', 'wijk');
    const zuid = await area('Zuid', 'wijk');
    await t.db.updateTable('areas').set({ parentId: noord }).where('id', '=', w.areaId).execute(); // Oosterpark lies in Noord
    const bloemen = await area('Bloemenbuurt', 'buurt', noord);
    const zuidhoek = await area('Zuidhoek', 'buurt', zuid);
    const { id: visitors } = await t.db
      .insertInto('indicators')
      .values({
        projectId: w.projectId,
        outcomeId: w.outcomeId,
        name: 'Bezoekers buurtkamer',
        unit: 'count',
        measure: 'unit',
        periodicity: 'quarter',
        byArea: 1,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto('indicatorTargets')
      .values([
        { indicatorId: visitors, period: '2026-Q1', areaId: 0, value: 30 }, // the whole project
        { indicatorId: visitors, period: '2026-Q1', areaId: w.areaId, value: 12 },
      ])
      .execute();
    await t.db
      .insertInto('indicatorValues')
      .values([
        { indicatorId: visitors, period: '2026-Q1', areaId: w.areaId, value: 10 },
        { indicatorId: visitors, period: '2026-Q1', areaId: bloemen, value: 5 },
        { indicatorId: visitors, period: '2026-Q1', areaId: zuidhoek, value: 7 },
      ])
      .execute();
    type Ind = {
      name: string;
      periods: { period: string; target: number | null; actual: number | null }[];
      areas: { name: string; periods: { period: string; target: number | null; actual: number | null }[] }[];
    };
    const visitorsIn = async (id: number) => {
      const { data } = (await (await coord.get(`/api/reports/${id}/preview`)).json()) as {
        data: { outcomes: { indicators: Ind[]; stories: { title?: string }[] }[] };
      };
      return { ind: data.outcomes[0]!.indicators.find((i) => i.name === 'Bezoekers buurtkamer')!, stories: data.outcomes[0]!.stories };
    };

    // Every area: the overall figure is the sum over the areas (a count adds up), each area beside it.
    const all = await visitorsIn(await createReport(coord, w));
    expect(all.ind.periods).toEqual([expect.objectContaining({ period: '2026-Q1', target: 30, actual: 22 })]);
    expect(all.ind.areas.map((a) => [a.name, a.periods.map((p) => [p.period, p.target, p.actual])])).toEqual([
      ['Bloemenbuurt', [['2026-Q1', null, 5]]],
      ['Oosterpark', [['2026-Q1', 12, 10]]],
      ['Zuidhoek', [['2026-Q1', null, 7]]],
    ]);

    // A report about wijk Noord: its buurten's figures and stories, nothing of Zuid.
    const id = await createReport(coord, w, { areaIds: [noord] });
    const north = await visitorsIn(id);
    // ... and a target that compares: Noord's areas' targets, not the whole project's 30.
    expect(north.ind.periods).toEqual([expect.objectContaining({ period: '2026-Q1', target: 12, actual: 15 })]);
    expect(north.ind.areas.map((a) => a.name)).toEqual(['Bloemenbuurt', 'Oosterpark']);
    expect(north.stories.map((s) => s.title)).toContain('De moestuin'); // told in Oosterpark

    await publish(coord, id);
    const page = await (await coord.get(`/reports/${id}/versions/1`)).text();
    expect(page).toContain('Bezoekers buurtkamer per gebied');
    // One compact matrix, areas × periods: the actual, the area's target in brackets.
    // Its period heads are short, the period in full words for a screen reader or a tooltip.
    expect(page).toMatch(/<thead><tr><th scope="col">Gebied<\/th><th scope="col"><abbr title="1e kwartaal 2026">K1 2026<\/abbr><\/th><\/tr><\/thead>/);
    expect(await (await coord.get(`/reports/${id}/versions/1?lang=en`)).text()).toMatch(/<th scope="col">Area<\/th><th scope="col">Q1 2026<\/th><\/tr>/);
    expect(page).toMatch(/<tr><th scope="row">Oosterpark<\/th><td>10 <span class="target">\(12\)<\/span><\/td><\/tr>/);
    expect(page).toContain('Bezoekers buurtkamer per gebied (gerealiseerd, aantal; doel tussen haakjes)');
    expect(page).not.toContain('Zuidhoek');
    // Without a target for any area, the caption promises none.
    await t.db.deleteFrom('indicatorTargets').where('indicatorId', '=', visitors).where('areaId', '=', w.areaId).execute();
    await publish(coord, id);
    const untargeted = await (await coord.get(`/reports/${id}/versions/2`)).text();
    expect(untargeted).toContain('Bezoekers buurtkamer per gebied (gerealiseerd, aantal)');
    expect(untargeted).not.toContain('doel tussen haakjes');

    const rows = parseCsv(await (await coord.get(`/api/reports/${id}/versions/1/export.csv`)).text(), { bom: true }) as string[][];
    const col = (name: string) => rows[0]!.indexOf(name);
    const visitorRows = rows
      .filter((r) => r[col('item')] === 'Bezoekers buurtkamer')
      .map((r) => [r[col('area')], r[col('period')], r[col('target')], r[col('actual')]]);
    expect(visitorRows).toEqual([
      ['', '2026-Q1', '12', '15'],
      ['Bloemenbuurt', '2026-Q1', '', '5'],
      ['Oosterpark', '2026-Q1', '12', '10'],
    ]);

    const xml = await (await coord.get(`/api/reports/${id}/versions/1/iati.xml`)).text();
    expect(await iatiSchemaErrors(xml)).toEqual([]);
    expect(xml).toMatch(/<target value="12">\s*<dimension name="gebied" value="Oosterpark"\/>\s*<\/target>/);
    expect(xml).toMatch(/<actual value="15"\/>\s*<actual value="5">\s*<dimension name="gebied" value="Bloemenbuurt"\/>/);
    await t.close();
  });
});
