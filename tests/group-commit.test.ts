import type { Transaction } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { groupCommit } from '../db/group-commit.js';
import type { DB } from '../db/schema.js';
import { testApp, type TestApp } from './helpers/app.js';
import { json, openLink, storyCount, submit, world } from './helpers/stories-fixtures.js';

describe('group commit', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await testApp();
  });
  afterEach(() => t.close());

  const tellers = async () => (await t.db.selectFrom('tellers').select('displayName').orderBy('id').execute()).map((r) => r.displayName);
  const addTeller = (tx: Transaction<DB>, name: string) =>
    tx.insertInto('tellers').values({ kind: 'resident', displayName: name, userId: null, under16: 0 }).execute();

  it('writes arriving together share one transaction, and each caller gets its own result', async () => {
    const write = groupCommit(t.db);
    const seen: Transaction<DB>[] = [];
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        write(async (tx) => {
          seen.push(tx);
          await addTeller(tx, `t${i}`);
          return i * 2;
        }),
      ),
    );
    expect(results).toEqual(Array.from({ length: 10 }, (_, i) => i * 2));
    expect(new Set(seen).size).toBe(1);
    expect(await tellers()).toEqual(Array.from({ length: 10 }, (_, i) => `t${i}`));
  });

  it('a failing write fails alone: the others are stored, nothing of it is', async () => {
    const write = groupCommit(t.db);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) =>
        write(async (tx) => {
          await addTeller(tx, `t${i}`);
          if (i === 3) throw new Error('story 3 is refused');
          return i;
        }),
      ),
    );
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect((outcomes[3] as PromiseRejectedResult).reason.message).toBe('story 3 is refused');
    expect(await tellers()).toEqual(['t0', 't1', 't2', 't4', 't5']);
  });

  it('writes that arrive while a group commits go in the next group', async () => {
    const write = groupCommit(t.db);
    const seen: Transaction<DB>[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let started!: () => void;
    const inFlight = new Promise<void>((r) => (started = r));
    const first = write(async (tx) => {
      seen.push(tx);
      await addTeller(tx, 'first');
      started();
      await gate;
    });
    await inFlight;
    const later = [1, 2, 3].map((i) =>
      write(async (tx) => {
        seen.push(tx);
        await addTeller(tx, `later${i}`);
      }),
    );
    release();
    await Promise.all([first, ...later]);
    expect(await tellers()).toEqual(['first', 'later1', 'later2', 'later3']);
    expect(seen[0]).not.toBe(seen[1]);
    expect(new Set(seen.slice(1)).size).toBe(1);
  });

  it('concurrent residents each get a receipt for their own story', async () => {
    const w = await world(t);
    const link = await openLink(w.admin, w.projectA);
    const before = await storyCount(t);
    const titles = Array.from({ length: 25 }, (_, i) => `Verhaal nummer ${i}`);
    const receipts = await Promise.all(
      titles.map(async (title, i) => (await json(await submit(t, link.token, { title }, `10.0.1.${i}`), 201)).receipt as string),
    );
    expect(new Set(receipts).size).toBe(25);
    expect(await storyCount(t)).toBe(before + 25);
    for (const [i, code] of receipts.entries()) {
      const { story } = await json(await t.anon.get(`/api/public/receipts/${code}`), 200);
      expect(story.title).toBe(titles[i]);
    }
    const audited = await t.db.selectFrom('auditLog').select('id').where('action', '=', 'story.create').execute();
    expect(audited).toHaveLength(25);
  });
});
