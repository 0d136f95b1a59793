// The statements PostgreSQL runs for every story told and every request counted are prepared once
// per connection and then only bound (db/postgres.ts, `prepared`). That holds only while their text
// does not change with the number of stories or keys in a batch; this test says when it does.
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPostgresDb, type Db } from '../../db/client.js';
import { RateLimiter } from '../../server/security.js';
import { recordSubmission } from '../../server/stories/record.js';
import { testApp, type TestApp } from '../helpers/app.js';
import { submission, world } from '../helpers/stories-fixtures.js';

describe('prepared statements on PostgreSQL', () => {
  let t: TestApp;
  /** One connection, so the statements it prepared can be read back in the same session. */
  let one: Db;
  beforeEach(async () => {
    t = await testApp();
    one = await createPostgresDb(t.config.databaseUrl!, 1);
  });
  afterEach(async () => {
    await one.destroy();
    await t.close();
  });

  it('a story batch of any size and every rate-limit batch reuse one prepared statement each', async () => {
    const w = await world(t);
    const write = () => Promise.reject(new Error('PostgreSQL needs no group commit'));
    // batches of one, two and three stories (those that arrive together share a statement)
    let n = 0;
    for (const size of [1, 2, 3]) await Promise.all(Array.from({ length: size }, () => recordSubmission(one, write, submission(w.projectA, n++))));
    const limiter = new RateLimiter(60_000, one);
    await limiter.hit('test:a', 100);
    await Promise.all([limiter.hit('test:a', 100), limiter.hit('test:b', 100)]);
    await limiter.exhausted('test:a', 100);
    await Promise.all([limiter.exhausted('test:a', 100), limiter.exhausted('test:c', 100)]);

    const statements = (
      await sql<{ statement: string; runs: number }>`select statement, generic_plans + custom_plans as runs from pg_prepared_statements`.execute(one)
    ).rows;
    const runsOf = (start: RegExp) => statements.filter((s) => start.test(s.statement.trim())).map((s) => Number(s.runs));
    expect(runsOf(/^with ids as materialized/)).toEqual([3]);
    expect(runsOf(/^insert into rate_limits/)).toEqual([2]);
    expect(runsOf(/^select key, hits, window_start from rate_limits/)).toEqual([2]);
    expect(
      await one
        .selectFrom('stories')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    ).toEqual({ n: 6 });
  });
});
