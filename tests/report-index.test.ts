// A report reads its stories by project and by the day a story counts on (storyDate). The index
// stories_period (migration 0028) holds that same expression, so a report over two of many years
// seeks those days instead of reading every year: at a million stories the count of stories told
// went from 95 to 10 ms. Should storyDate or the index change alone, the seek is lost silently.
// SQLite's plan says so even on an empty table. PostgreSQL plans an empty table by other costs, so
// there the test checks what its planner matches on: the expression the query filters by is the
// one the index holds, as PostgreSQL writes both.
import { CompiledQuery, sql, type Compilable } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportableInScope, storyDate } from '../server/access.js';
import { testDb, testEngine } from './helpers/app.js';

describe('the index a report reads its period by', () => {
  let t: Awaited<ReturnType<typeof testDb>>;
  beforeAll(async () => {
    t = await testDb();
  });
  afterAll(() => t.close());
  const scope = { projectIds: [1, 2], areaIds: [], from: '2025-01-01', to: '2025-12-31' };

  /** SQLite: the query seeks the period's days in stories_period and reads nothing else. PostgreSQL: stories_period holds the day the query filters by. */
  async function expectSeek(query: Compilable) {
    const { sql: text, parameters } = query.compile();
    const explain = async (prefix: string) =>
      (await t.db.executeQuery<Record<string, string>>(CompiledQuery.raw(`${prefix} ${text}`, [...parameters]))).rows
        .map((r) => Object.values(r).at(-1))
        .join('\n');
    if (testEngine === 'sqlite') {
      expect(await explain('explain query plan')).toMatch(
        /USING COVERING INDEX stories_period \(project_id=\? AND withdrawn_at=\? AND <expr>>\? AND <expr><\?\)/,
      );
      return;
    }
    const day = /\((COALESCE\(.+?\)\)) >= /.exec(await explain('explain'))?.[1];
    expect(day).toMatch(/^COALESCE\(happened_on, /);
    const index = (await sql<{ def: string }>`select pg_get_indexdef('stories_period'::regclass) as def`.execute(t.db)).rows[0]!.def;
    expect(index).toMatch(/\(project_id, withdrawn_at, /);
    expect(index).toContain(`withdrawn_at, ${day}`);
  }

  it('the stories a report may show: their days sought in the index, the table not read', async () => {
    await expectSeek(reportableInScope(t.db, scope).select(['stories.id', 'stories.phase', storyDate.as('date')]));
  });

  it('the stories told in the period, whatever their consent: counted from the index', async () => {
    const told = t.db
      .selectFrom('stories')
      .select((eb) => [eb.fn.countAll().as('n'), eb.fn.count('stories.tellerId').distinct().as('tellers')])
      .where('stories.withdrawnAt', 'is', null)
      .where('stories.projectId', 'in', scope.projectIds)
      .where(storyDate, '>=', scope.from)
      .where(storyDate, '<=', scope.to);
    await expectSeek(told);
  });
});
