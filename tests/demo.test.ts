import { describe, expect, it } from 'vitest';
import { createDb } from '../db/client.js';
import { demoOrgName, loadDemo } from '../scripts/demo.js';
import { demoNarratives, demoStories } from '../scripts/data/demo-stories.js';

describe('demo', () => {
  it('loads a believable organisation into a fresh database through the app and prints working accounts', { timeout: 120_000 }, async () => {
    const { db } = createDb(':memory:');
    const lines: string[] = [];
    const written: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => (
      written.push(String(chunk)),
      write(chunk, ...rest)
    )) as typeof process.stdout.write;
    const { accounts, counts } = await loadDemo(db, (l) => lines.push(l)).finally(() => (process.stdout.write = write));
    // what it prints is its steps and the accounts, not an access-log line per request it made
    expect(written.filter((w) => w.includes('"requestId"'))).toEqual([]);
    expect(counts).toEqual({ users: 5, projects: 3, stories: demoStories.length, indicatorValues: 31, mscRounds: 1, reportVersions: 1 });
    expect(accounts.map((a) => a.role).sort()).toEqual(['admin', 'coordinator', 'funder', 'worker', 'worker']);
    const phases = (await db.selectFrom('projects').select('phase').execute()).map((p) => p.phase).sort();
    expect(phases).toEqual(['DOEN', 'VINDEN', 'ZIEN']);
    const consents = await db.selectFrom('stories').select(['consent', 'withdrawnAt']).execute();
    for (const level of ['team', 'report', 'public']) expect(consents.some((s) => s.consent === level)).toBe(true);
    expect(consents.filter((s) => s.withdrawnAt).length).toBe(1);
    const shared = await db.selectFrom('reportShares').selectAll().execute();
    expect(shared).toHaveLength(1);
    // the published report shows the coordinator's "wat we zien" under each project's output
    const version = await db.selectFrom('reportVersions').select('html').executeTakeFirstOrThrow();
    for (const text of Object.values(demoNarratives)) expect(version.html).toContain(text);
    // its cover names the organisation, set by the demo's admin on the organisation page
    expect(version.html).toContain(`<p class="org">${demoOrgName}</p>`);
    // its title names the months its period covers (up to and including June), not one more
    const report = await db.selectFrom('reports').select(['title', 'periodTo']).executeTakeFirstOrThrow();
    expect(report.periodTo).toBe('2026-06-30');
    expect(report.title).toMatch(/januari 2025 tot en met juni 2026$/);
    // a second run refuses to load over existing data
    await expect(loadDemo(db, () => {})).rejects.toThrow(/empty database/);
    await db.destroy();
  });
});
