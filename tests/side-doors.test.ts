// The side doors of consent, closed: Most Significant Change rounds show what consent allows now,
// small-number suppression cannot be undone by subtraction, and a withdrawn story's text leaves
// the database file, stored report versions included.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { renderClimateSection } from '../server/reports/render.js';
import { suppressClimate } from '../server/reports/suppression.js';
import { testApp } from './helpers/app.js';
import { addClimateVariable, addStory, reportWorld } from './helpers/reports-fixtures.js';
import { doc, json, world } from './helpers/stories-fixtures.js';

type Figure = { n: number; mean: number | null };
type Line = { name: string; all: Figure; firstHalf: Figure; secondHalf: Figure; shift: number | null };

/** Every figure that follows from the published ones by subtraction, per line. */
function derivable(v: Line): number[] {
  const out: number[] = [];
  const { all, firstHalf: a, secondHalf: b } = v;
  if (all.mean !== null && a.mean !== null && b.mean === null && b.n > 0) out.push((all.n * all.mean - a.n * a.mean) / b.n);
  if (all.mean !== null && b.mean !== null && a.mean === null && a.n > 0) out.push((all.n * all.mean - b.n * b.mean) / a.n);
  if (a.mean !== null && v.shift !== null && b.mean === null) out.push(a.mean + v.shift);
  if (b.mean !== null && v.shift !== null && a.mean === null) out.push(b.mean - v.shift);
  return out;
}

describe('side doors', () => {
  it('Most Significant Change: a selection narrowed to team shows no title to anyone; anonymised dates only to the month beyond the team', async () => {
    const t = await testApp();
    const w = await world(t);
    const s = await json(
      await w.member.post('/api/stories', {
        projectId: w.projectA,
        title: 'Het bankje van Joop',
        body: doc('Joop zit er elke dag.'),
        happenedOn: '2026-02-03',
        source: 'heard',
        consent: { level: 'report', channel: 'spoken', givenBy: 'teller' },
      }),
      201,
    );
    const r = await json(await w.coordinator.get(`/api/stories/${s.story.id}/review`), 200);
    await json(
      await w.coordinator.put(`/api/stories/${s.story.id}/review`, {
        title: 'Het bankje',
        body: doc('Een buurman zit er elke dag.'),
        storyHash: r.story.textHash,
      }),
      200,
    );
    const round = (
      await json(
        await w.coordinator.post('/api/msc-rounds', {
          domain: 'Ontmoeten',
          periodFrom: '2026-01-01',
          periodTo: '2026-12-31',
          projectIds: [w.projectA],
          panelUserIds: [w.funder.id],
        }),
        201,
      )
    ).round.id;
    const view = await json(await w.funder.get(`/api/msc-rounds/${round}`), 200);
    expect(view.candidates).toEqual([expect.objectContaining({ title: 'Het bankje', date: '2026-02', happenedOn: null })]);
    await json(await w.funder.post(`/api/msc-rounds/${round}/picks`, { storyId: s.story.id, reason: 'Ontmoeting' }), 200);
    const closed = await json(await w.coordinator.post(`/api/msc-rounds/${round}/close`), 200);
    expect(closed.selections).toEqual([expect.objectContaining({ storyId: s.story.id, title: 'Het bankje van Joop', hidden: false })]); // staff see the story itself
    expect((await json(await w.funder.get(`/api/msc-rounds/${round}`), 200)).selections).toEqual([
      expect.objectContaining({ title: 'Het bankje', hidden: false }),
    ]);

    await json(await w.member.post(`/api/stories/${s.story.id}/consent`, { level: 'team', channel: 'spoken', givenBy: 'teller' }), 200);
    for (const c of [w.funder, w.coordinator]) {
      const body = await (await c.get(`/api/msc-rounds/${round}`)).text();
      expect(body).not.toContain('bankje');
      expect(JSON.parse(body).selections).toEqual([expect.objectContaining({ storyId: s.story.id, title: '', hidden: true })]);
    }
    await t.close();
  });

  it('no suppressed climate figure can be derived by subtraction, in the JSON, page and CSV, nor from a version published earlier', async () => {
    const t = await testApp();
    const w = await reportWorld(t.db);
    const coord = await t.as('coordinator');
    const vid = await addClimateVariable(t.db);
    // the example: all n=6 mean 40.5; the first half n=5 mean 30; the second half's one story at 93
    for (let i = 0; i < 5; i++)
      await addStory(t.db, { projectId: w.projectId, consent: 'report', title: `Vroeg ${i}`, body: 'x', happenedOn: '2026-02-01', placements: { [vid]: 30 } });
    await addStory(t.db, { projectId: w.projectId, consent: 'report', title: 'Laat', body: 'x', happenedOn: '2026-11-01', placements: { [vid]: 93 } });
    const report = await json(
      await coord.post('/api/reports', {
        title: 'Klimaat',
        audience: 'funder',
        periodFrom: '2026-01-01',
        periodTo: '2026-12-31',
        projectIds: [w.projectId],
        sections: ['climate'],
      }),
      201,
    );
    const id = report.report.id;
    await json(await coord.post(`/api/reports/${id}/versions`), 201);
    const served = await json(await coord.get(`/api/reports/${id}/versions/1`), 200);
    const [line] = served.version.data.climate.variables as Line[];
    expect(line!.all).toEqual({ n: 6, mean: 40.5 });
    expect(line!.firstHalf).toEqual({ n: 5, mean: null });
    expect(line!.secondHalf).toEqual({ n: 1, mean: null });
    expect(derivable(line!)).toEqual([]);
    const csv = await (await coord.get(`/api/reports/${id}/versions/1/export.csv`)).text();
    expect(csv).toContain('40.5');
    expect(csv).not.toMatch(/first half,,,30\b/);
    for (const lang of ['nl', 'en']) {
      const page = await (await coord.get(`/reports/${id}/versions/1?lang=${lang}`)).text();
      const climate = page.match(/<section class="climate">[\s\S]*?<\/section>/)![0];
      expect(climate).not.toMatch(/\b30(?:[,.]0)? \(5\)|\b93\b/);
    }

    // a version published under the old rule (the first half shown, with its spread) is served by today's rule
    const v = await t.db.selectFrom('reportVersions').selectAll().where('reportId', '=', id).executeTakeFirstOrThrow();
    const data = JSON.parse(v.dataJson);
    data.climate.variables[0].firstHalf = { n: 5, mean: 30 };
    if (data.climate.variables[0].spread) data.climate.variables[0].spread.first = [0, 5, 0, 0, 0];
    const html = v.html.replace(/<section class="climate">[\s\S]*?<\/section>/, renderClimateSection(data));
    expect(html).toMatch(/\b30(?:[,.]0)? \(5\)/);
    await t.db
      .updateTable('reportVersions')
      .set({ dataJson: JSON.stringify(data), html })
      .where('id', '=', v.id)
      .execute();
    const old = await json(await coord.get(`/api/reports/${id}/versions/1`), 200);
    expect(derivable(old.version.data.climate.variables[0])).toEqual([]);
    expect(old.version.data.climate.variables[0].spread?.first ?? null).toBeNull();
    expect(old.version.html).not.toMatch(/\b30(?:[,.]0)? \(5\)/);
    expect(await (await coord.get(`/reports/${id}/versions/1?lang=en`)).text()).not.toMatch(/\b30(?:[,.]0)? \(5\)/);
    expect(await (await coord.get(`/api/reports/${id}/versions/1/export.csv`)).text()).not.toMatch(/first half,,,30\b/);

    // the rule itself, over every split of a small period
    for (let n1 = 0; n1 <= 12; n1++) {
      for (let n2 = 0; n2 <= 12; n2++) {
        const fig = (n: number, mean: number): Figure => ({ n, mean: n ? mean : null });
        const all = fig(n1 + n2, n1 + n2 ? (n1 * 30 + n2 * 93) / (n1 + n2) : 0);
        const v = suppressClimate({ name: 'x', all, firstHalf: fig(n1, 30), secondHalf: fig(n2, 93), shift: n1 && n2 ? 63 : null });
        expect(derivable(v), `${n1}+${n2}`).toEqual([]);
        for (const f of [v.all, v.firstHalf, v.secondHalf]) if (f.n < 5) expect(f.mean).toBeNull();
      }
    }
    await t.close();
  });

  it('after withdrawal the text is in no table row and not in the database file after a checkpoint', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'weefwerk-withdraw-'));
    const file = join(dir, 'test.db');
    const t = await testApp({ databasePath: file });
    try {
      const w = await world(t);
      const secret = 'Kwartelkoning Zonnebloemstraat';
      const s = await json(
        await w.member.post('/api/stories', {
          projectId: w.projectA,
          title: `Verhaal ${secret}`,
          body: doc(`Over de ${secret} en de buren.`),
          happenedOn: '2026-03-01',
          source: 'heard',
          consent: { level: 'report', channel: 'spoken', givenBy: 'teller' },
        }),
        201,
      );
      const r = await json(await w.coordinator.get(`/api/stories/${s.story.id}/review`), 200);
      await json(
        await w.coordinator.put(`/api/stories/${s.story.id}/review`, {
          title: `Gecontroleerd ${secret}`,
          body: doc(`Nagekeken: ${secret}.`),
          storyHash: r.story.textHash,
        }),
        200,
      );
      const outcome = await t.db
        .insertInto('outcomes')
        .values({ projectId: w.projectA, level: 'outcome', title: 'Ontmoeten' })
        .returning('id')
        .executeTakeFirstOrThrow();
      await t.db.insertInto('storyOutcomes').values({ storyId: s.story.id, outcomeId: outcome.id }).execute();
      const report = await json(
        await w.coordinator.post('/api/reports', {
          title: 'Verslag',
          audience: 'funder',
          periodFrom: '2026-01-01',
          periodTo: '2026-12-31',
          projectIds: [w.projectA],
          sections: ['stories', 'phases'],
        }),
        201,
      );
      await json(await w.coordinator.post(`/api/reports/${report.report.id}/versions`), 201);
      expect((await t.db.selectFrom('reportVersions').select('html').executeTakeFirstOrThrow()).html).toContain(secret);
      await sql`pragma wal_checkpoint(TRUNCATE)`.execute(t.db);
      expect(readFileSync(file).includes(Buffer.from('Kwartelkoning'))).toBe(true); // the check below can see it

      // the teller withdraws with the receipt code the worker handed over
      await json(await t.anon.post(`/api/public/receipts/${s.receipt}/withdraw`, {}), 200);

      const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(t.db);
      for (const { name } of tables.rows) {
        const rows = await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(t.db);
        const text = JSON.stringify(rows.rows, (_k, v: unknown) => (v instanceof Uint8Array ? Buffer.from(v).toString('latin1') : v));
        expect(text, `table ${name}`).not.toContain('Kwartelkoning');
      }
      const log = await t.db.selectFrom('auditLog').selectAll().where('action', '=', 'report.version.redact').execute();
      expect(JSON.parse(log[0]!.details!)).toMatchObject({ reason: 'story withdrawn' });
      const served = await (await w.coordinator.get(`/reports/${report.report.id}/versions/1`)).text();
      expect(served).not.toContain('Kwartelkoning');

      await sql`pragma wal_checkpoint(TRUNCATE)`.execute(t.db);
      for (const f of [file, `${file}-wal`]) {
        let bytes: Buffer;
        try {
          bytes = readFileSync(f);
        } catch {
          continue;
        }
        expect(bytes.includes(Buffer.from('Kwartelkoning')), f).toBe(false);
      }
    } finally {
      await t.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
