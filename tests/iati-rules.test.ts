// IATI's Standard Ruleset (../shared/iati/rulesets) on the exports of several report shapes: no case
// of severity `error` fails, in either edition. The evaluator itself is checked on broken exports.
import { afterEach, describe, expect, it } from 'vitest';
import { testApp, type Client, type TestApp } from './helpers/app.js';
import { codelist, evaluateRuleset, iatiSchemaErrors, ruleErrors } from './helpers/iati.js';
import { addArea, addOutcome, addProject, addStory, reportWorld } from './helpers/reports-fixtures.js';
import { loadConfig } from '../server/env.js';
import { sectorShares } from '../server/reports/iati.js';

const intro = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Een jaar buurtwerk.' }] }] };
let t: TestApp;
afterEach(async () => t?.close());

async function exportOf(coord: Client, def: Record<string, unknown>) {
  const res = await coord.post('/api/reports', { title: 'Jaarverslag', audience: 'funder', periodFrom: '2026-01-01', periodTo: '2026-12-31', intro, ...def });
  expect(res.status, await res.clone().text()).toBe(201);
  const { id } = ((await res.json()) as { report: { id: number } }).report;
  expect((await coord.post(`/api/reports/${id}/versions`)).status).toBe(201);
  const xml = await (await coord.get(`/api/reports/${id}/versions/1/iati.xml`)).text();
  expect(await iatiSchemaErrors(xml)).toEqual([]);
  expect(ruleErrors(xml)).toEqual([]);
  return xml;
}

const sectors = (xml: string) => [...xml.matchAll(/<sector vocabulary="(\d+)" code="(\w+)" percentage="(\d+)">/g)].map((m) => `${m[1]}:${m[2]}=${m[3]}`);

describe('IATI Standard Ruleset on the export', () => {
  it('one project: the organisation’s sector (DAC 15150) and the Netherlands, each at 100%', async () => {
    t = await testApp();
    const w = await reportWorld(t.db);
    const coord = await t.as('coordinator');
    const xml = await exportOf(coord, { projectIds: [w.projectId] });
    expect(xml).toContain('<recipient-country code="NL" percentage="100"/>');
    expect(sectors(xml)).toEqual(['1:15150=100']);
    expect(xml).toMatch(/<sector vocabulary="1" code="15150" percentage="100">\s*<narrative>Democratic participation and civil society<\/narrative>/);
    // the ruleset's cases were really evaluated: errors and warnings, passed and not applying
    const results = evaluateRuleset(xml, 'standard');
    expect(results.filter((r) => r.passed === true).map((r) => r.id)).toEqual(
      expect.arrayContaining(['6.2.2', '6.11.1', '4.1.1', '7.8.1', '11.1.2', '3.1.4', '2.1.4', '8.6.1', '8.9.1', '8.10.1']),
    );
    for (const c of xml.match(/<activity-date type="(\d)"/g)!.map((m) => m.slice(-2, -1))) expect(codelist('ActivityDateType')).toContain(c);
  });

  it('several projects: each project’s own sector (set per project), percentages per vocabulary summing to 100', async () => {
    t = await testApp();
    const w = await reportWorld(t.db);
    const coord = await t.as('coordinator');
    const second = await addProject(t.db, 'Samen in de Vogelbuurt');
    const third = await addProject(t.db, 'Wijkteam West');
    const fourth = await addProject(t.db, 'Cultuurhuis');
    await addOutcome(t.db, second, 'Meer bewonersinitiatieven');
    expect((await coord.patch(`/api/projects/${third}`, { iatiSector: '1:16010' })).status).toBe(200);
    expect((await coord.patch(`/api/projects/${fourth}`, { iatiSector: '2:160' })).status).toBe(200);
    const project = (await (await coord.get(`/api/projects/${third}`)).json()) as { project: { iatiSector: string | null } };
    expect(project.project.iatiSector).toBe('1:16010');
    const bad = await coord.patch(`/api/projects/${third}`, { iatiSector: '1:99999' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('iatiSector');

    const xml = await exportOf(coord, { projectIds: [w.projectId, second, third, fourth] });
    // two projects on 15150, one on 16010 (2/3 and 1/3, rounded to whole percentages summing to 100), one on DAC-3 160
    expect(sectors(xml)).toEqual(['1:15150=67', '1:16010=33', '2:160=100']);
  });

  it('a report on some areas, and reports without indicators or without outcomes', async () => {
    t = await testApp();
    const w = await reportWorld(t.db);
    const coord = await t.as('coordinator');
    const other = await addArea(t.db, 'Westpark');
    await t.db.insertInto('projectAreas').values({ projectId: w.projectId, areaId: other }).execute();
    await addStory(t.db, {
      projectId: w.projectId,
      areaId: other,
      consent: 'public',
      tellerName: 'Wim',
      title: 'Het plein',
      body: 'Het plein is weer van ons.',
    });
    const areas = await exportOf(coord, { projectIds: [w.projectId], areaIds: [w.areaId] });
    expect(areas).not.toContain('Het plein');

    const bare = await addProject(t.db, 'Nieuw project');
    await addOutcome(t.db, bare, 'Bewoners vinden elkaar', 'impact');
    const noIndicators = await exportOf(coord, { projectIds: [bare] });
    expect(noIndicators).toContain('<indicator measure="5">'); // the stories stand in as a qualitative indicator
    expect(noIndicators).not.toContain('<baseline');

    const empty = await addProject(t.db, 'Nog zonder plan');
    const noOutcomes = await exportOf(coord, { projectIds: [empty], periodFrom: '2030-01-01', periodTo: '2030-12-31' });
    expect(noOutcomes).not.toContain('<result');
    expect(noOutcomes).toMatch(/<activity-date type="1" iso-date="2030-01-01"\/>/); // planned: not begun yet
  });

  it('IATI_SECTOR sets the organisation’s sector, checked at startup', async () => {
    expect(() => loadConfig({ IATI_SECTOR: '1:99999' })).toThrow(/IATI_SECTOR|sector/i);
    expect(loadConfig({}).iatiSector).toBe('1:15150');
    t = await testApp({ iatiSector: '1:16010' });
    const w = await reportWorld(t.db);
    const xml = await exportOf(await t.as('coordinator'), { projectIds: [w.projectId] });
    expect(sectors(xml)).toEqual(['1:16010=100']);
  });

  it('shares always sum to 100 per vocabulary', () => {
    expect(sectorShares(['1:15150', '1:16010', '1:16061']).map((s) => s.percentage)).toEqual([34, 33, 33]);
    expect(
      sectorShares(['1:15150', '1:15150', '1:16010', '1:16061', '1:43030', '1:15220', '2:151']).reduce(
        (a, s) => a + (s.vocabulary === '1' ? s.percentage : 0),
        0,
      ),
    ).toBe(100);
  });

  it('the evaluator finds what IATI would reject: no sector, no country, percentages off, dates in the wrong order', async () => {
    t = await testApp();
    const w = await reportWorld(t.db);
    const xml = await exportOf(await t.as('coordinator'), { projectIds: [w.projectId] });
    const ids = (x: string) => ruleErrors(x).map((e) => e.split(' ').slice(0, 2).join(' '));

    const bare = xml.replace(/<recipient-country[^>]*\/>/, '').replace(/<sector [\s\S]*?<\/sector>/, '');
    expect(ids(bare)).toEqual(expect.arrayContaining(['standard 6.2.2', 'standard 3.7.1', 'standard_py strict_sum', 'standard_py only_one_of']));

    const twoSectors = xml.replace(
      /<sector vocabulary="1" code="15150" percentage="100">/,
      '<sector vocabulary="1" code="15150" percentage="60"><narrative>a</narrative></sector><sector vocabulary="1" code="16010" percentage="60">',
    );
    expect(ids(twoSectors)).toContain('standard 2.1.2');

    const backwards = xml.replace(/<period-end iso-date="2026-03-31"\/>/, '<period-end iso-date="2025-03-31"/>');
    expect(ids(backwards)).toContain('standard 8.6.1');
    const future = xml.replace(/last-updated-datetime="[^"]+"/, 'last-updated-datetime="2999-01-01T00:00:00Z"');
    expect(ids(future)).toContain('standard 11.1.1');
  });
});
