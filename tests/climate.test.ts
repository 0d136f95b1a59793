// The social climate over time: placements rolled up per quarter and area, agreement, the stories behind a region.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testApp, type Client, type TestApp } from './helpers/app.js';
import { makeArea, makeProject, makeStory, place, variableId } from './helpers/sensemaking-fixtures.js';
import { json } from './helpers/stories-fixtures.js';

let t: TestApp;
beforeEach(async () => {
  t = await testApp();
});
afterEach(async () => t.close());

describe('climate over time and agreement', () => {
  async function knownData() {
    const coord = await t.as('coordinator');
    const worker = await t.as('worker');
    const p = await makeProject(t.db, 'Buurtkamer', [worker.id]);
    const wijk = await makeArea(t.db, 'Noord', 'wijk');
    const b1 = await makeArea(t.db, 'Noord-Oost', 'buurt', wijk);
    const b2 = await makeArea(t.db, 'Noord-West', 'buurt', wijk);
    const elsewhere = await makeArea(t.db, 'Zuid', 'wijk');
    const atm = await variableId(t.db, 'atmosphere');
    const story = async (areaId: number, happenedOn: string | null, teller: number | null, coordinator: number | null | undefined, extra: object = {}) => {
      const s = await makeStory(t.db, { projectId: p, areaId, happenedOn, ...extra });
      await place(t.db, s, atm, 'teller', teller);
      if (coordinator !== undefined) await place(t.db, s, atm, 'coordinator', coordinator);
      return s;
    };
    // 2026-Q1
    await story(b1, '2026-01-15', 20, 30);
    const s2 = await story(b2, '2026-02-20', 40, 40);
    await story(wijk, '2026-03-31', 60, 80);
    // 2026-Q2; the last one has no date it happened on, so it counts by when it was recorded
    await story(b1, '2026-04-01', 50, 70);
    await story(b2, '2026-06-30', 70, 90);
    await story(b1, null, 90, null, { createdAt: '2026-05-02T09:00:00.000Z' });
    // never count: a withdrawn story, a story in another wijk, a mere suggestion
    await story(b1, '2026-02-01', 0, 0, { withdrawn: true });
    await story(elsewhere, '2026-02-01', 0, 0);
    await t.db.insertInto('storyPlacements').values({ storyId: s2, variableId: atm, source: 'coordinator', position: 0, status: 'suggested' }).execute();
    return { coord, worker, p, wijk, b1, atm };
  }

  it('rolls placements up per quarter: bins, n, mean, median and shift, tellers and coordinators apart', async () => {
    const { coord, wijk, atm } = await knownData();
    const res = await json(await coord.get(`/api/climate?areaId=${wijk}&period=quarter&variableId=${atm}`));
    expect(res.periods).toEqual(['2026-Q1', '2026-Q2']);
    expect(res.binEdges).toEqual([0, 20, 40, 60, 80, 100]);
    expect(res.series).toHaveLength(1);
    const [q1, q2] = res.series[0].periods;
    expect(q1).toEqual({
      period: '2026-Q1',
      teller: {
        n: 3,
        notApplicable: 0,
        mean: 40,
        median: 40,
        bins: [0, 1, 1, 1, 0],
        spread: [
          [20, 1],
          [40, 1],
          [60, 1],
        ],
      },
      coordinator: {
        n: 3,
        notApplicable: 0,
        mean: 50,
        median: 40,
        bins: [0, 1, 1, 0, 1],
        spread: [
          [30, 1],
          [40, 1],
          [80, 1],
        ],
      },
      shift: { teller: null, coordinator: null },
    });
    expect(q2).toEqual({
      period: '2026-Q2',
      teller: {
        n: 3,
        notApplicable: 0,
        mean: 70,
        median: 70,
        bins: [0, 0, 1, 1, 1],
        spread: [
          [50, 1],
          [70, 1],
          [90, 1],
        ],
      },
      coordinator: {
        n: 2,
        notApplicable: 1,
        mean: 80,
        median: 80,
        bins: [0, 0, 0, 1, 1],
        spread: [
          [70, 1],
          [90, 1],
        ],
      },
      shift: { teller: 30, coordinator: 30 },
    });
    const year = await json(await coord.get(`/api/climate?areaId=${wijk}&period=year&variableId=${atm}`));
    expect(year.series[0].periods[0].teller).toMatchObject({ n: 6, mean: 55, median: 55 });
    const months = await json(await coord.get(`/api/climate?areaId=${wijk}&period=month&variableId=${atm}&from=2026-01&to=2026-04`));
    expect(months.periods).toEqual(['2026-01', '2026-02', '2026-03', '2026-04']);
    expect(months.series[0].periods.map((x: any) => x.teller.n)).toEqual([1, 1, 1, 1]);
    // As people write periods: the same answer.
    const typed = await json(
      await coord.get(
        `/api/climate?areaId=${wijk}&period=month&variableId=${atm}&from=${encodeURIComponent('januari 2026')}&to=${encodeURIComponent('K2 2026')}`,
      ),
    );
    expect(typed.periods).toEqual(['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06']);
  });

  it('an area is its buurten too; a buurt is only itself', async () => {
    const { coord, b1, atm } = await knownData();
    const res = await json(await coord.get(`/api/climate?areaId=${b1}&variableId=${atm}`));
    expect(res.series[0].periods.map((x: any) => [x.period, x.teller.n, x.teller.mean])).toEqual([
      ['2026-Q1', 1, 20],
      ['2026-Q2', 2, 70],
    ]);
  });

  it('reports agreement per variable over stories placed by both', async () => {
    const { coord, worker, p, wijk, atm } = await knownData();
    const all = await json(await coord.get(`/api/climate/agreement?areaId=${wijk}`));
    expect(all.variables).toEqual([
      expect.objectContaining({ variableId: atm, n: 5, meanTeller: 48, meanCoordinator: 62, meanDifference: 14, meanAbsoluteDifference: 14, within15: 0.4 }),
    ]);
    const q1 = await json(await worker.get(`/api/climate/agreement?projectId=${p}&areaId=${wijk}&period=2026-Q1`));
    expect(q1.variables[0]).toMatchObject({ n: 3, meanAbsoluteDifference: 10, within15: 0.67 });
    expect((await coord.get('/api/climate/agreement?period=2026-Q5')).status).toBe(400);
  });

  it('lists the stories behind one region of the pattern, as visibility allows', async () => {
    const { coord, worker, p, wijk, b1, atm } = await knownData();
    const region = (c: Client, q: string) => c.get(`/api/climate/stories?variableId=${atm}&${q}`);
    // 2026-Q1, tellers, 40–60: the story placed at 40 (a bin includes its lower edge).
    const mid = await json(await region(coord, `source=teller&period=2026-Q1&bin=2&areaId=${wijk}`));
    expect(mid.total).toBe(1);
    expect(mid.stories).toEqual([
      { id: expect.any(Number), title: 'Groeten op straat', projectName: 'Buurtkamer', areaName: 'Noord-West', date: '2026-02-20', position: 40 },
    ]);
    // The top bin includes 100; the coordinator's placements are apart from the teller's.
    expect((await json(await region(coord, `source=coordinator&period=2026-Q2&bin=4&areaId=${wijk}`))).stories.map((x: any) => x.position)).toEqual([90]);
    expect((await json(await region(coord, `source=teller&period=2026-Q2&bin=4&areaId=${b1}`))).stories.map((x: any) => [x.position, x.date])).toEqual([
      [90, '2026-05-02'],
    ]);
    // Withdrawn stories and mere suggestions never show; the other wijk only without an area filter.
    expect((await json(await region(coord, `source=teller&period=2026-Q1&bin=0&areaId=${wijk}`))).total).toBe(0);
    expect((await json(await region(coord, `source=teller&period=2026-Q1&bin=0`))).stories.map((x: any) => x.areaName)).toEqual(['Zuid']);
    expect((await json(await region(coord, `source=coordinator&period=2026-Q1&bin=0&areaId=${wijk}`))).total).toBe(0);
    // A month inside the quarter, and a from/to that narrows it.
    expect((await json(await region(coord, `source=teller&period=2026-02&bin=2`))).total).toBe(1);
    expect((await json(await region(coord, `source=teller&period=2026-Q1&bin=2&from=2026-03-01`))).total).toBe(0);

    // A worker of the project sees its stories; a worker of another project sees none, and may not name the project.
    expect((await json(await region(worker, `source=teller&period=2026-Q1&bin=2&projectId=${p}`))).total).toBe(1);
    const stranger = await t.as('worker');
    expect(await json(await region(stranger, `source=teller&period=2026-Q1&bin=2`))).toEqual({ total: 0, stories: [] });
    expect([403, 404]).toContain((await region(stranger, `source=teller&period=2026-Q1&bin=2&projectId=${p}`)).status);
    const funder = await t.as('funder');
    expect((await region(funder, `source=teller&period=2026-Q1&bin=2`)).status).toBe(403);
    expect((await region(t.anon, `source=teller&period=2026-Q1&bin=2`)).status).toBe(401);
    // Bad input: 400 naming the field.
    for (const [q, field] of [
      ['source=teller&period=2026-Q5&bin=2', 'period'],
      ['source=teller&period=2026-Q1&bin=5', 'bin'],
      ['source=everyone&period=2026-Q1&bin=1', 'source'],
    ] as const) {
      const res = await region(coord, q);
      expect(res.status).toBe(400);
      expect((await res.json()).error.details.map((d: any) => d.field)).toContain(field);
    }
  });

  it('workers see only their projects’ placements', async () => {
    const { atm } = await knownData();
    const stranger = await t.as('worker');
    const res = await json(await stranger.get(`/api/climate?variableId=${atm}`));
    expect(res.series[0]?.periods ?? []).toEqual([]);
  });
});
