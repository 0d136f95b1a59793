// On SQLite the app's rows are built from better-sqlite3's raw arrays (db/sqlite.ts), and Kysely's
// camelCase renaming works once per result (db/client.ts). Both must give exactly what the plain
// path gives: the objects better-sqlite3 makes, renamed key by key.
import Database from 'better-sqlite3';
import { CamelCasePlugin, Kysely, sql, SqliteDialect } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDb } from '../db/client.js';

describe('rows read from SQLite', () => {
  let db: Kysely<Record<string, Record<string, unknown>>>;
  let plain: Database.Database;
  let close: () => void;
  beforeEach(() => {
    const opened = createDb(':memory:');
    db = opened.db as unknown as typeof db;
    plain = opened.sqlite;
    close = () => opened.sqlite.close();
    plain.exec(`create table things (id integer primary key, display_name text, under_16 integer, photo blob);
      insert into things values (1, 'Anna', 0, x'ff00'), (2, null, 1, null);`);
  });
  afterEach(() => close());

  /** The rows Kysely's own dialect and plugin would give for the same statement. */
  async function asKyselyWould(text: string) {
    const reference = new Kysely<Record<string, Record<string, unknown>>>({
      dialect: new SqliteDialect({ database: plain }),
      plugins: [new CamelCasePlugin({ underscoreBeforeDigits: true })],
    });
    return (await sql.raw(text).execute(reference)).rows;
  }

  it.each([
    'select * from things order by id',
    'select id, display_name as display_name, under_16 from things where id > 5',
    'select id, display_name, display_name as id from things order by id',
    'select count(*) as n, max(under_16) as top_under_16 from things',
  ])('%s gives what the plain path gives', async (text) => {
    const rows = (await sql.raw(text).execute(db)).rows;
    expect(rows).toEqual(await asKyselyWould(text));
  });

  it('has the names and values a caller reads', async () => {
    const rows = await db.selectFrom('things').select(['id', 'displayName', 'under16', 'photo']).orderBy('id').execute();
    expect(rows).toEqual([
      { id: 1, displayName: 'Anna', under16: 0, photo: Buffer.from([0xff, 0x00]) },
      { id: 2, displayName: null, under16: 1, photo: null },
    ]);
  });

  it('reads a column added after the statement was first run', async () => {
    const read = () => db.selectFrom('things').selectAll().where('id', '=', 1).execute();
    expect(Object.keys((await read())[0]!)).toEqual(['id', 'displayName', 'under16', 'photo']);
    plain.exec(`alter table things add column area_name text default 'Noord'`);
    expect((await read())[0]).toMatchObject({ id: 1, areaName: 'Noord' });
  });

  it('reads the new name of a column renamed through the app', async () => {
    const read = () => db.selectFrom('things').selectAll().where('id', '=', 1).execute();
    expect((await read())[0]).toMatchObject({ displayName: 'Anna' });
    await sql`alter table things rename column display_name to shown_name`.execute(db);
    expect((await read())[0]).toEqual({ id: 1, shownName: 'Anna', under16: 0, photo: Buffer.from([0xff, 0x00]) });
  });

  it('streams the same rows', async () => {
    const streamed = [];
    for await (const row of db.selectFrom('things').select(['id', 'displayName']).orderBy('id').stream()) streamed.push(row);
    expect(streamed).toEqual([
      { id: 1, displayName: 'Anna' },
      { id: 2, displayName: null },
    ]);
  });

  it('renames keys inside a JSON value, as the plugin always did', async () => {
    const [row] = (await sql`select json_object('story_id', 7) as body`.execute(db)).rows as { body: string }[];
    // SQLite hands JSON back as text; an object value (PostgreSQL's json) is renamed inside.
    expect(row).toEqual({ body: '{"story_id":7}' });
    const plugin = (db as unknown as { getExecutor(): { plugins: readonly CamelCasePlugin[] } }).getExecutor().plugins[0]!;
    const { rows } = await plugin.transformResult({
      queryId: { queryId: 'x' },
      result: { rows: [{ story_json: { told_by: 'Anna', parts: [{ part_no: 1 }] }, when_at: new Date(0) }] },
    });
    expect(rows).toEqual([{ storyJson: { toldBy: 'Anna', parts: [{ partNo: 1 }] }, whenAt: new Date(0) }]);
  });
});
