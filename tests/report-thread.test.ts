// On a SQLite file a report's climate and indicator sections are read on a reader thread
// (server/reports/section-thread.ts). The report must be the same as when the main thread reads
// it, see every change the moment it is saved (a withdrawn story leaves the figures at once), and
// not depend on the thread: one that stops hands its sections back.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testApp, type Client } from './helpers/app.js';
import { addClimateVariable, addStory, reportWorld, withdrawStory } from './helpers/reports-fixtures.js';
import { createReport } from './helpers/report-api.js';
import { sectionThreadOf } from '../server/reports/section-thread.js';
import { loadConfig } from '../server/env.js';
import { availableParallelism } from 'node:os';

type Preview = {
  data: {
    assembledAt: string;
    climate: { variables: { all: { n: number; mean: number | null } }[] };
    outcomes: { indicators: { periods: { actual: number | null }[] }[] }[];
  };
  html: string;
};
const preview = async (coord: Client, id: number) => {
  const res = await coord.get(`/api/reports/${id}/preview`);
  expect(res.status).toBe(200);
  const body = (await res.json()) as Preview;
  // the moment of assembly is the one thing that differs between two reads
  return { ...body, data: { ...body.data, assembledAt: '' }, html: body.html.replaceAll(body.data.assembledAt, '') };
};

describe('report reader thread', () => {
  it('reads the same report as the main thread, sees a withdrawal at once, and is not needed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'weefwerk-thread-'));
    const t = await testApp({ databasePath: join(dir, 'weefwerk.db'), reportThread: true });
    try {
      const w = await reportWorld(t.db);
      const vid = await addClimateVariable(t.db);
      const placed = [];
      for (let i = 0; i < 6; i++)
        placed.push(
          await addStory(t.db, {
            projectId: w.projectId,
            areaId: w.areaId,
            consent: 'report',
            title: `Plek ${i}`,
            body: 'x',
            happenedOn: '2026-05-01',
            placements: { [vid]: 40 + i },
          }),
        );
      const coord = await t.as('coordinator');
      const id = await createReport(coord, w);
      const thread = sectionThreadOf(t.db)!;
      expect(thread.reading).toBe(false);

      // The first report starts the thread and is read here meanwhile.
      const here = await preview(coord, id);
      expect(here.data.climate.variables[0]!.all).toEqual({ n: 6, mean: 42.5 });
      expect(here.data.outcomes[0]!.indicators[0]!.periods.map((p) => p.actual)).toEqual([48, 63]);
      await thread.ready();
      expect(thread.reading).toBe(true);
      const there = await preview(coord, id);
      expect(thread.served).toBe(2); // the climate section and the indicators
      expect(there).toEqual(here);

      // The thread reads what the app has just saved: a withdrawn story is out of the next report.
      await withdrawStory(t.db, placed[0]!);
      const after = await preview(coord, id);
      expect(thread.served).toBe(4);
      expect(after.data.climate.variables[0]!.all).toEqual({ n: 5, mean: 43 });

      await thread.close();
      const without = await preview(coord, id);
      expect(thread.served).toBe(4);
      expect(without).toEqual(after);
    } finally {
      await t.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is not made for a database in memory (it cannot be opened twice), nor when REPORT_THREAD=0', async () => {
    const t = await testApp({ reportThread: true });
    expect(sectionThreadOf(t.db)).toBeUndefined();
    await t.close();
    const dir = mkdtempSync(join(tmpdir(), 'weefwerk-thread-'));
    const off = await testApp({ databasePath: join(dir, 'weefwerk.db'), reportThread: loadConfig({ REPORT_THREAD: '0' }).reportThread });
    expect(off.config.reportThread).toBe(false);
    expect(sectionThreadOf(off.db)).toBeUndefined();
    await off.close();
    rmSync(dir, { recursive: true, force: true });
    // by default, on a machine with a second core
    expect(loadConfig({}).reportThread).toBe(availableParallelism() > 1);
    expect(loadConfig({ REPORT_THREAD: 'true' }).reportThread).toBe(true);
  });
});
