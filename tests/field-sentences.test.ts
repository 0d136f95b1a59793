import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../web/api.js';
import { testApp, type TestApp } from './helpers/app.js';
import { countingWorld, indicator } from './helpers/counting-fixtures.js';
import { doc, heardConsent, world, type World } from './helpers/stories-fixtures.js';

type Detail = { field?: string; message: string; code?: string };

const inLocale = (l: 'nl' | 'en') => vi.stubGlobal('localStorage', { getItem: () => l, setItem: () => undefined });
afterEach(() => vi.unstubAllGlobals());

/** The refused request's error, after checking every detail is "Dutch sentence. / English sentence." */
async function refused(res: Response, status = 400): Promise<ApiError> {
  expect(res.status).toBe(status);
  const { error } = (await res.json()) as { error: { code: string; message: string; details: Detail[] } };
  for (const d of error.details) expect(d.message).toMatch(/^[^/]+[.?!] \/ [^/]+[.?!]$/);
  return new ApiError(res.status, error.code, error.message, error.details);
}

/** A field's message as the staff UI shows it, in Dutch and in English. */
function shown(e: ApiError, field: string): [string | undefined, string | undefined] {
  inLocale('nl');
  const nl = e.field(field);
  inLocale('en');
  return [nl, e.field(field)];
}

describe('a refused story names each field in a whole sentence, Dutch and English', () => {
  let t: TestApp;
  let w: World;
  let elsewhere: number;
  beforeAll(async () => {
    t = await testApp();
    w = await world(t);
    elsewhere = (await (await w.admin.post('/api/areas', { name: 'Jordaan', kind: 'wijk' })).json()).area.id;
  });
  const story = (fields: Record<string, unknown>) =>
    w.member.post('/api/stories', { projectId: w.projectA, title: 't', body: doc('b'), source: 'heard', consent: heardConsent, ...fields });

  it('an area of another project', async () => {
    const e = await refused(await story({ areaId: elsewhere }));
    expect(shown(e, 'areaId')).toEqual([
      'Dit gebied hoort niet bij dit project. Kies een gebied van dit project.',
      'This area is not part of this project. Choose an area of this project.',
    ]);
  });

  it('consent from a guardian without a name, and a teller in an own practice story', async () => {
    const guardian = await refused(await story({ consent: { ...heardConsent, givenBy: 'guardian' } }));
    expect(shown(guardian, 'consent.guardianName')).toEqual(['Vul de naam van de ouder of voogd in.', 'Fill in the name of the parent or guardian.']);
    const practice = await refused(await story({ source: 'practice', teller: { name: 'Fatima' } }));
    expect(shown(practice, 'teller')[0]).toBe('Bij een eigen praktijkverhaal ben jij de verteller. Laat de verteller leeg.');
  });

  it('an outcome under a parent of the wrong level, and a selection round that ends before it starts', async () => {
    const outcome = (body: Record<string, unknown>) => w.coordinator.post(`/api/projects/${w.projectA}/outcomes`, body);
    const impact = (await (await outcome({ level: 'impact', title: 'Buren kennen elkaar' })).json()).outcome.id;
    const e = await refused(await outcome({ level: 'output', title: 'Koffieochtenden', parentId: impact }));
    expect(shown(e, 'parentId')).toEqual([
      'Een prestatie hoort onder een effect. Kies een effect als bovenliggende uitkomst.',
      'An output belongs under an outcome. Choose an outcome as its parent.',
    ]);
    const round = await refused(
      await w.coordinator.post('/api/msc-rounds', {
        domain: 'Meedoen',
        periodFrom: '2026-05-01',
        periodTo: '2026-04-01',
        projectIds: [w.projectA],
        panelUserIds: [w.coordinator.id],
      }),
    );
    expect(shown(round, 'periodTo')[0]).toBe('Deze dag ligt voor de startdatum. Kies een latere dag.');
  });
});

describe('refused counting fields say what is wrong and what to do', () => {
  let w: Awaited<ReturnType<typeof countingWorld>>;
  beforeAll(async () => {
    w = await countingWorld(await testApp());
  });

  it('hours on a day in the future', async () => {
    const e = await refused(await w.worker.post(`/api/projects/${w.projectId}/hours`, { date: '2099-01-01', hours: 1, phase: 'ZIEN', activity: 'later' }));
    expect(shown(e, 'date')).toEqual([
      'Deze datum ligt in de toekomst. Kies vandaag of een eerdere dag.',
      'This date is in the future. Choose today or an earlier day.',
    ]);
  });

  it('an indicator with a text that is no period, a target twice and an area of another project', async () => {
    const e = await refused(
      await w.coordinator.post('/api/indicators', {
        projectId: w.projectId,
        name: 'Bezoekers',
        unit: 'count',
        periodicity: 'quarter',
        byArea: true,
        baselinePeriod: 'vorig jaar',
        targets: [
          { period: '2026-Q1', areaId: w.areas.kop, value: 1 },
          { period: '2026-Q1', areaId: w.areas.kop, value: 2 },
          { period: '2026-Q2', areaId: w.areas.elsewhere, value: 3 },
        ],
      }),
    );
    inLocale('nl');
    expect(['baselinePeriod', 'targets.1.period', 'targets.2.areaId'].map((f) => e.field(f))).toEqual([
      "'vorig jaar' is geen periode. Schrijf bijvoorbeeld 2026, 2026-Q1 of 2026-03.",
      'Er staat al een doel voor deze periode en dit gebied.',
      'Dit gebied hoort niet bij dit project. Kies een gebied van dit project.',
    ]);
  });

  it('values asked for a text that is no period', async () => {
    const ind = await indicator(w.coordinator, { projectId: w.projectId, name: 'Bezoekers', unit: 'count', periodicity: 'quarter' });
    const e = await refused(await w.worker.get(`/api/indicators/${ind.id}/values?period=gisteren`));
    expect(shown(e, 'period')[1]).toBe("'gisteren' is not a period. Write for example 2026, 2026-Q1 or 2026-03.");
  });

  it('values with an area the indicator does not keep, and a period twice', async () => {
    const ind = await indicator(w.coordinator, { projectId: w.projectId, name: 'Buren', unit: 'count', periodicity: 'quarter' });
    const e = await refused(
      await w.worker.put(`/api/indicators/${ind.id}/values`, {
        values: [
          { period: '2026-Q1', value: 1 },
          { period: '2026-Q2', areaId: w.areas.kop, value: 2 },
          { period: '2026-Q1', value: 3 },
        ],
      }),
    );
    inLocale('nl');
    expect([e.field('values.1.areaId'), e.field('values.2.period')]).toEqual([
      'Deze indicator wordt niet per gebied bijgehouden. Laat het gebied leeg.',
      'Deze periode en dit gebied staan al in regel 1.',
    ]);
  });
});
