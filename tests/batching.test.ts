// Writes and counts that arrive together share a statement or a transaction (db/batch.ts,
// db/group-commit.ts): each caller still gets its own exact answer, and one bad write fails alone.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { groupCommit } from '../db/group-commit.js';
import { newReceiptCode } from '../db/domain/receipt-codes.js';
import { linkByToken, projectVariables, receiptHash } from '../db/repositories/stories.js';
import { RateLimiter } from '../server/security.js';
import { recordSubmission, type Submission } from '../server/stories/record.js';
import { testApp, testEngine, type TestApp } from './helpers/app.js';
import { climate, openLink, submission, world } from './helpers/stories-fixtures.js';

describe('batched writes and counts', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await testApp();
  });
  afterEach(() => t.close());

  it('submissions arriving together are each stored whole; a bad one fails alone', async () => {
    const w = await world(t);
    const [variableId] = await climate(t, w.projectA, 1);
    const story = (i: number, hash: string): Submission =>
      submission(w.projectA, i, {
        teller: { displayName: `Verteller ${i}`, under16: i === 2 },
        story: { receiptHash: hash },
        consent: i === 2 ? { givenBy: 'guardian', guardianName: 'Ouder' } : {},
        placements: [{ variableId: variableId!, position: 10 * i }],
        // two of them with files: a recording, and a recording with a photo the teller allows in reports
        media: [
          ...(i === 1 || i === 3
            ? [{ kind: 'audio' as const, mime: 'audio/ogg', file: `a${i}.ogg`, bytes: { length: 100 + i }, sha256: `sha-a${i}`, durationSeconds: 5 + i }]
            : []),
          ...(i === 3
            ? [{ kind: 'photo' as const, mime: 'image/jpeg', file: `p${i}.jpg`, bytes: { length: 2000 }, sha256: `sha-p${i}`, durationSeconds: null }]
            : []),
        ],
        photoInReports: i === 3,
      });
    const hashes = Array.from({ length: 6 }, () => receiptHash(newReceiptCode())!);
    hashes[4] = hashes[1]!; // the same receipt twice: the second breaks the unique constraint
    const outcomes = await Promise.allSettled(hashes.map((h, i) => recordSubmission(t.db, groupCommit(t.db), story(i, h))));
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'fulfilled', 'rejected', 'fulfilled']);

    const ids = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
    const stories = await t.db
      .selectFrom('stories')
      .innerJoin('tellers', 'tellers.id', 'stories.tellerId')
      .select(['stories.id', 'stories.title', 'stories.bodyText', 'stories.consent', 'tellers.displayName', 'tellers.under16'])
      .where('stories.id', 'in', ids)
      .orderBy('stories.id')
      .execute();
    expect(stories.map((s) => [s.id, s.title, s.displayName, Number(s.under16), s.consent])).toEqual(
      [0, 1, 2, 3, 5].map((i, k) => [ids[k], `Verhaal ${i}`, `Verteller ${i}`, i === 2 ? 1 : 0, 'report']),
    );
    expect(stories[0]!.bodyText).toBe('Samen gekookt, keer 0.');
    const consents = await t.db
      .selectFrom('storyConsents')
      .select(['storyId', 'givenBy', 'guardianName'])
      .where('storyId', 'in', ids)
      .orderBy('storyId')
      .execute();
    expect(consents.map((c) => c.givenBy)).toEqual(['teller', 'teller', 'guardian', 'teller', 'teller']);
    const placements = await t.db.selectFrom('storyPlacements').select(['storyId', 'position']).where('storyId', 'in', ids).orderBy('storyId').execute();
    expect(placements.map((p) => Number(p.position))).toEqual([0, 10, 20, 30, 50]);
    const media = await t.db
      .selectFrom('storyMedia')
      .select(['storyId', 'kind', 'file', 'bytes', 'durationSeconds', 'photoInReports'])
      .where('storyId', 'in', ids)
      .orderBy('storyId')
      .orderBy('kind')
      .execute();
    expect(
      media.map((m) => [m.storyId, m.kind, m.file, Number(m.bytes), m.durationSeconds === null ? null : Number(m.durationSeconds), Number(m.photoInReports)]),
    ).toEqual([
      [ids[1], 'audio', 'a1.ogg', 101, 6, 0],
      [ids[3], 'audio', 'a3.ogg', 103, 8, 0],
      [ids[3], 'photo', 'p3.jpg', 2000, null, 1],
    ]);
    const audits = await t.db.selectFrom('auditLog').select(['targetId', 'details']).where('action', '=', 'story.create').orderBy('id').execute();
    expect(audits.map((a) => [a.targetId, JSON.parse(a.details!).n]).sort()).toEqual(ids.map((id, k) => [String(id), [0, 1, 2, 3, 5][k]]).sort());
    // nothing of the refused one: no extra teller
    const tellers = await t.db.selectFrom('tellers').select('displayName').where('displayName', 'like', 'Verteller %').execute();
    expect(tellers).toHaveLength(5);
  });

  it('rate-limit hits arriving together each get their own count, shared through the database on PostgreSQL', async () => {
    const limiter = new RateLimiter(60_000, testEngine === 'postgres' ? t.db : undefined);
    const outcomes = await Promise.allSettled(Array.from({ length: 30 }, () => limiter.hit('test:burst', 20)));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(20);
    expect(outcomes.slice(20).every((o) => o.status === 'rejected' && (o.reason as { status?: number }).status === 429)).toBe(true);
    expect(await limiter.exhausted('test:burst', 20)).toBe(true);
    expect(await limiter.exhausted('test:other', 20)).toBe(false);
    if (testEngine === 'postgres') {
      // a second process (a second limiter on the same database) counts on from there
      const other = new RateLimiter(60_000, t.db);
      await expect(other.hit('test:burst', 30)).rejects.toMatchObject({ status: 429 });
      expect((await t.db.selectFrom('rateLimits').select('hits').where('key', '=', 'test:burst').executeTakeFirstOrThrow()).hits).toBe(31);
    }
  });

  it('lookups arriving together (links, a project’s climate questions) each get their own answer', async () => {
    const w = await world(t);
    const [a1, a2] = await climate(t, w.projectA, 2);
    const linkA = await openLink(w.admin, w.projectA);
    const linkB = await openLink(w.admin, w.projectB);
    const [links, variables] = await Promise.all([
      Promise.all([linkA.token, linkB.token, 'onbekend', linkA.token].map((token) => linkByToken(t.db, token))),
      Promise.all([w.projectA, w.projectB, w.projectA].map((id) => projectVariables(t.db, id))),
    ]);
    expect(links.map((l) => l?.projectId)).toEqual([w.projectA, w.projectB, undefined, w.projectA]);
    expect(variables.map((vs) => vs.map((v) => v.id))).toEqual([[a1, a2], [], [a1, a2]]);
  });
});
