// Everything PostgreSQL-specific lives here: the connection (pg pool and its type parsers), the
// schema dialect fixes, full-text search (tsvector + unaccent) and the triggers the migrations need.
// The rest of the code uses Kysely's portable builder; db/engine.ts picks this module or db/sqlite.ts.
import pg from 'pg';
import {
  ColumnDefinitionNode,
  CompiledQuery,
  DataTypeNode,
  DefaultValueNode,
  GeneratedNode,
  OperationNodeTransformer,
  RawNode,
  sql,
  type Kysely,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type SelectQueryBuilder,
  type UnknownRow,
} from 'kysely';
import type { EngineSql } from './engine.js';

/** A postgres:// or postgresql:// URL. */
export const isPostgresUrl = (url: string | undefined): url is string => !!url && /^postgres(ql)?:\/\//i.test(url);

/** The URL without its password, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://…';
  }
}

/**
 * A pool whose results look like SQLite's: bigint counts and sums (int8) and numeric averages come
 * back as numbers, not strings (exact up to 2^53, far beyond any count here).
 */
export function createPool(url: string, max = 10, idleTimeoutMillis = 10_000): pg.Pool {
  const number = (v: string) => Number(v);
  const types = {
    getTypeParser(oid: number, format?: any) {
      if (oid === 20 || oid === 1700) return number; // int8, numeric
      return pg.types.getTypeParser(oid, format);
    },
  };
  const pool = new pg.Pool({ connectionString: url, max, idleTimeoutMillis, types: types as pg.CustomTypesConfig, connectionTimeoutMillis: 10_000 });
  pool.on('connect', preparing);
  return pool;
}

// --- Prepared statements: the statements run for every story told (and every request counted)
// have a text that never changes. Each connection parses and plans such a text once, on first
// use, and then only binds new values: PostgreSQL does less per request and the text is not sent
// again. Only registered texts are prepared, so the number per connection stays small.
const preparedNames = new Map<string, string>();

/** A statement with a fixed text, prepared on each connection the first time it runs there. */
export function prepared(text: string, params: readonly unknown[]): CompiledQuery {
  if (!preparedNames.has(text)) preparedNames.set(text, `weefwerk_${preparedNames.size + 1}`);
  return CompiledQuery.raw(text, [...params]);
}

/** Makes a new connection run registered texts as named (prepared) statements. */
function preparing(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  client.query = ((config: unknown, values?: unknown, callback?: unknown) => {
    const name = typeof config === 'string' ? preparedNames.get(config) : undefined;
    return name ? query({ name, text: config, values }, callback) : query(config, values, callback);
  }) as typeof client.query;
}

/**
 * Checks that the pool reaches a PostgreSQL server; throws an Error with one clear line when it
 * does not (unreachable, refused login, missing database, not PostgreSQL).
 */
export async function checkPostgres(pool: pg.Pool, url: string): Promise<void> {
  let version: string;
  try {
    const res = await pool.query<{ v: string }>('select version() as v');
    version = String(res.rows[0]?.v ?? '');
  } catch (err) {
    const e = err as { message?: string; code?: string };
    throw new Error(`DATABASE_URL ${redactUrl(url)}: cannot use it (${e.code ? e.code + ': ' : ''}${e.message || 'no answer'})`);
  }
  if (!/^PostgreSQL/.test(version)) throw new Error(`DATABASE_URL ${redactUrl(url)}: the server there is not PostgreSQL (${version.slice(0, 60)})`);
}

/**
 * A value the database cannot take (SQLSTATE class 22: a number out of range, a NUL byte in text,
 * a malformed value): the request's fault, answered 400 like any other invalid input.
 */
export function isInvalidValue(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  return err instanceof Error && typeof code === 'string' && /^22[0-9A-Z]{3}$/.test(code) && 'severity' in err;
}

// --- Schema: the migrations use SQLite's spelling of a few column types; this plugin turns them
// into PostgreSQL's, so one set of migrations runs on both.
const sqliteNow = "strftime('%Y-%m-%dT%H:%M:%fZ','now')";
const pgNowText = `to_char(statement_timestamp() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

class SchemaTransformer extends OperationNodeTransformer {
  protected override transformColumnDefinition(node: ColumnDefinitionNode): ColumnDefinitionNode {
    let out = super.transformColumnDefinition(node);
    // `integer primary key autoincrement` → an identity column (explicit ids still allowed).
    if (out.autoIncrement)
      out = ColumnDefinitionNode.cloneWith(out, { autoIncrement: false, generated: GeneratedNode.create({ byDefault: true, identity: true }) });
    // a copied SQLite `now` default → the same ISO text from PostgreSQL's clock
    const dflt = out.defaultTo?.defaultValue;
    if (dflt && RawNode.is(dflt) && dflt.sqlFragments.join('').replace(/[()\s]/g, '') === sqliteNow.replace(/[()\s]/g, '')) {
      out = ColumnDefinitionNode.cloneWith(out, { defaultTo: DefaultValueNode.create(RawNode.createWithSql(`(${pgNowText})`)) });
    }
    return out;
  }
  protected override transformDataType(node: DataTypeNode): DataTypeNode {
    // SQLite's integer and real are 8 bytes; PostgreSQL's integer and real are 4 (an id or count
    // beyond 2^31 would be an error, not a miss). bigint comes back as a number (createPool).
    if (node.dataType === 'real') return DataTypeNode.create('double precision');
    if (node.dataType === 'integer') return DataTypeNode.create('bigint');
    return super.transformDataType(node);
  }
}

export class PostgresSchemaPlugin implements KyselyPlugin {
  private readonly transformer = new SchemaTransformer();
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    const k = args.node.kind;
    return k === 'CreateTableNode' || k === 'AlterTableNode' ? this.transformer.transformNode(args.node) : args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

// --- Story search: a tsvector per story that is not withdrawn, in `stories_search`, kept in step
// by a trigger on `stories` (migration 0004). `unaccent` makes `cafe` find `café`.

/** Turns the words a user typed into a tsquery text: every word a prefix term, all must match. */
function tsQuery(words: string[]): string {
  return words.map((w) => `${w}:*`).join(' & ');
}

export const postgres: EngineSql = {
  name: 'postgres',
  now: sql`(${sql.raw(pgNowText)})`,

  async storySearchUp(db) {
    await sql`create extension if not exists unaccent`.execute(db);
    // unaccent() is only STABLE (its dictionary could change); the index needs an IMMUTABLE one.
    await sql`create or replace function weefwerk_unaccent(text) returns text language sql immutable parallel safe strict
      as $$ select public.unaccent('public.unaccent'::regdictionary, $1) $$`.execute(db);
    await sql`create table stories_search (story_id bigint primary key references stories(id) on delete cascade, doc tsvector not null)`.execute(db);
    await sql`create index stories_search_doc on stories_search using gin (doc)`.execute(db);
    await sql`create function stories_search_sync() returns trigger language plpgsql as $$
      begin
        if new.withdrawn_at is null then
          insert into stories_search (story_id, doc) values (new.id, to_tsvector('simple', weefwerk_unaccent(new.title || ' ' || new.body_text)))
          on conflict (story_id) do update set doc = excluded.doc;
        else
          delete from stories_search where story_id = new.id;
        end if;
        return null;
      end $$`.execute(db);
    await sql`create trigger stories_search_insert after insert on stories for each row execute function stories_search_sync()`.execute(db);
    await sql`create trigger stories_search_update after update of title, body_text, withdrawn_at on stories for each row execute function stories_search_sync()`.execute(
      db,
    );
    await sql`insert into stories_search (story_id, doc) select id, to_tsvector('simple', weefwerk_unaccent(title || ' ' || body_text)) from stories where withdrawn_at is null`.execute(
      db,
    );
  },
  async storySearchDown(db) {
    await sql`drop table stories_search`.execute(db);
    await sql`drop function stories_search_sync() cascade`.execute(db);
    await sql`drop function weefwerk_unaccent(text)`.execute(db);
  },

  /**
   * A search walks its matches in id order (most recent first) beside the stories, to count them up
   * to the cap and find the page; each step asks whether the story is withdrawn and, for a worker,
   * its project. This index answers that without reading the story's wide row (its texts).
   */
  async searchVisibilityUp(db) {
    await sql`create index stories_live_id on stories (id, project_id) where withdrawn_at is null`.execute(db);
  },
  async searchVisibilityDown(db) {
    await sql`drop index stories_live_id`.execute(db);
  },

  async disclosureTriggersUp(db) {
    await sql`create function disclosure_bump() returns trigger language plpgsql as $$
      begin update disclosure_changes set n = n + 1 where id = 1; return null; end $$`.execute(db);
    await sql`create trigger disclosure_story_update after update of consent, withdrawn_at on stories for each row
      when (old.consent is distinct from new.consent or old.withdrawn_at is distinct from new.withdrawn_at) execute function disclosure_bump()`.execute(db);
    await sql`create trigger disclosure_story_delete after delete on stories for each row execute function disclosure_bump()`.execute(db);
    await sql`create trigger disclosure_teller_update after update of under_16 on tellers for each row
      when (old.under_16 is distinct from new.under_16) execute function disclosure_bump()`.execute(db);
  },
  async disclosureTriggersDown(db) {
    await sql`drop function disclosure_bump() cascade`.execute(db);
  },

  async textRevUp(db) {
    await sql`create function stories_text_rev() returns trigger language plpgsql as $$
      begin new.text_rev := old.text_rev + 1; update disclosure_changes set n = n + 1 where id = 1; return new; end $$`.execute(db);
    await sql`create trigger stories_text_rev before update of title, body_text on stories for each row
      when (old.title is distinct from new.title or old.body_text is distinct from new.body_text) execute function stories_text_rev()`.execute(db);
  },
  async textRevDown(db) {
    await sql`drop function stories_text_rev() cascade`.execute(db);
  },

  /**
   * Stories told together arrive in one statement (insertStoriesAtOnce): their search rows are made
   * in one insert over the statement's new rows, not one trigger call and one insert per story.
   * Changes (title, text, withdrawal) keep the row trigger.
   */
  async searchPerStatementUp(db) {
    await sql`create function stories_search_added() returns trigger language plpgsql as $$
      begin
        insert into stories_search (story_id, doc)
          select id, to_tsvector('simple', weefwerk_unaccent(title || ' ' || body_text)) from added where withdrawn_at is null;
        return null;
      end $$`.execute(db);
    await sql`drop trigger stories_search_insert on stories`.execute(db);
    await sql`create trigger stories_search_insert after insert on stories referencing new table as added
      for each statement execute function stories_search_added()`.execute(db);
  },
  async searchPerStatementDown(db) {
    await sql`drop trigger stories_search_insert on stories`.execute(db);
    await sql`drop function stories_search_added()`.execute(db);
    await sql`create trigger stories_search_insert after insert on stories for each row execute function stories_search_sync()`.execute(db);
  },

  searchQuery(words) {
    return words.length ? tsQuery(words) : null;
  },
  matchStories<QB extends SelectQueryBuilder<any, any, any>>(qb: QB, match: string): QB {
    return (qb as SelectQueryBuilder<any, any, any>).innerJoin(
      sql`(select story_id, -ts_rank(doc, q) as fts_rank from stories_search, to_tsquery('simple', weefwerk_unaccent(${match})) q where doc @@ q)`.as('fts'),
      (join) => join.onRef('fts.story_id', '=', 'stories.id'),
    ) as unknown as QB;
  },
  searchRank: sql`fts.fts_rank`,
  searchRecency: sql`fts.story_id`,
  async indexedStoryIds(db: Kysely<any>, match?: string) {
    const rows = match
      ? await sql<{ id: number }>`select story_id as id from stories_search where doc @@ to_tsquery('simple', weefwerk_unaccent(${match}))`.execute(db)
      : await sql<{ id: number }>`select story_id as id from stories_search`.execute(db);
    return rows.rows.map((r) => r.id);
  },
  /**
   * VACUUM removes the dead row versions (the old text) from the tables' pages and their indexes
   * (INDEX_CLEANUP ON: also when there are few). The tables: stories and tellers, every table with
   * a foreign key to them, the search index and the published report versions (rewritten). A GIN
   * index keeps a word as a key even when no row has it any more, so the search index is rebuilt
   * (CONCURRENTLY: reads and writes go on).
   */
  async purgeRemovedText(db) {
    const tables = await sql<{ name: string }>`select distinct c.conrelid::regclass::text as name from pg_constraint c
      where c.contype = 'f' and c.confrelid in ('stories'::regclass, 'tellers'::regclass)
      union select unnest(array['stories', 'tellers', 'stories_search', 'report_versions'])`.execute(db);
    const list = tables.rows.map((t) => sql.id(t.name.replace(/^public\./, '').replace(/"/g, '')));
    await sql`vacuum (index_cleanup on) ${sql.join(list)}`.execute(db);
    await sql`reindex index concurrently stories_search_doc`.execute(db);
  },
};

// --- Rate limits shared by every process on the database (server/security.ts): fixed windows in
// `rate_limits`, the keys of a batch as one array each, so the statements' text never changes.

type LimitWindow = { hits: number; start: number };
const windowsByKey = (rows: { key: string; hits: number; windowStart: number }[]) =>
  new Map<string, LimitWindow>(rows.map((r) => [r.key, { hits: Number(r.hits), start: Number(r.windowStart) }]));

/**
 * Adds n hits to each key (in the order given: callers sort them, so two processes lock rows in
 * the same order), starting a new window where the old one is over; every key's window after.
 */
export async function addHits(db: Kysely<any>, hits: { key: string; now: number; n: number }[], windowMs: number): Promise<Map<string, LimitWindow>> {
  const res = await db.executeQuery<{ key: string; hits: number; windowStart: number }>(
    prepared(
      `insert into rate_limits (key, window_start, hits) select * from unnest($1::text[], $2::int8[], $3::int8[])
      on conflict (key) do update set
        hits = case when rate_limits.window_start <= excluded.window_start - $4::int8 then excluded.hits else rate_limits.hits + excluded.hits end,
        window_start = case when rate_limits.window_start <= excluded.window_start - $4::int8 then excluded.window_start else rate_limits.window_start end
      returning key, hits, window_start`,
      [hits.map((h) => h.key), hits.map((h) => h.now), hits.map((h) => h.n), windowMs],
    ),
  );
  return windowsByKey(res.rows);
}

/** The windows of these keys as they are (a key without one is left out). */
export async function limitWindows(db: Kysely<any>, keys: string[]): Promise<Map<string, LimitWindow>> {
  const res = await db.executeQuery<{ key: string; hits: number; windowStart: number }>(
    prepared(`select key, hits, window_start from rate_limits where key = any($1::text[])`, [keys]),
  );
  return windowsByKey(res.rows);
}

// --- Stories told together, stored in one statement: each column of each table is one array
// parameter, so the statement's text depends only on which columns are given, never on how many
// stories there are; PostgreSQL parses a few hundred bytes instead of a statement per story.

type Row = Record<string, unknown>;
/** One story with the rows that come with it, keyed by column in camelCase; the statement fills in the ids that link them. */
export type StoryRowSet = { teller: Row; story: Row; consent: Row; audit: Row; placements: Row[]; media: Row[] };

const storyTables = ['tellers', 'stories', 'story_consents', 'audit_log', 'story_placements', 'story_media'] as const;
type Catalog = { types: Map<string, string>; tellerIds: string; storyIds: string };
const catalogs = new WeakMap<Kysely<any>, Promise<Catalog>>();
const snakeCase = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`).replace(/([a-z])(\d)/g, '$1_$2');

/** The column types of the story tables and their id sequences, read once per database. */
function catalogOf(db: Kysely<any>): Promise<Catalog> {
  let c = catalogs.get(db);
  if (!c) {
    c = (async () => {
      const cols = await sql<{ t: string; c: string; u: string }>`select table_name as t, column_name as c, udt_name as u from information_schema.columns
        where table_schema = current_schema() and table_name in (${sql.join([...storyTables])})`.execute(db);
      const seqs = await sql<Record<'t' | 's', string>>`select pg_get_serial_sequence('tellers', 'id') as t,
        pg_get_serial_sequence('stories', 'id') as s`.execute(db);
      return { types: new Map(cols.rows.map((r) => [`${r.t}.${r.c}`, r.u])), tellerIds: seqs.rows[0]!.t, storyIds: seqs.rows[0]!.s };
    })();
    c.catch(() => catalogs.delete(db));
    catalogs.set(db, c);
  }
  return c;
}

/**
 * Inserts every set's teller, story, consent, audit row, placements and media in one statement
 * (atomic on its own); returns the story ids in order. Ids come from the tables' own sequences
 * first, so each row can name its story and teller.
 */
export async function insertStoriesAtOnce(db: Kysely<any>, sets: StoryRowSet[]): Promise<number[]> {
  const { types, tellerIds, storyIds } = await catalogOf(db);
  const params: unknown[] = [sets.length];
  /** `from unnest(…)` over the rows' columns (those given a value in any row); `n` is the story's place in `sets`. */
  const source = (table: (typeof storyTables)[number], rows: Row[], ordinals?: number[]) => {
    // One array per column, in one pass over the rows: null where a row leaves the column out.
    const values = new Map<string, unknown[]>();
    rows.forEach((r, i) => {
      for (const k in r) {
        const v = r[k];
        if (v === undefined) continue;
        let column = values.get(k);
        if (!column) values.set(k, (column = new Array<unknown>(rows.length).fill(null)));
        column[i] = v;
      }
    });
    const keys = [...values.keys()];
    const columns = keys.map(snakeCase);
    const arrays = keys.map((k, i) => {
      const type = types.get(`${table}.${columns[i]}`);
      if (!type) throw new Error(`${table} has no column ${columns[i]}`);
      params.push(values.get(k));
      return `$${params.length}::${type}[]`;
    });
    const names = columns.map((c) => `"${c}"`).join(', ');
    if (ordinals) params.push(ordinals);
    const from = ordinals
      ? `unnest(${[...arrays, `$${params.length}::int8[]`].join(', ')}) as x(${names}, n)`
      : `unnest(${arrays.join(', ')}) with ordinality as x(${names}, n)`;
    return { names, values: columns.map((c) => `x."${c}"`).join(', '), from: `${from} join ids using (n)` };
  };
  const insert = (table: (typeof storyTables)[number], link: Record<string, string>, rows: Row[], ordinals?: number[]) => {
    const s = source(table, rows, ordinals);
    return `insert into ${table} (${[...Object.keys(link), s.names].join(', ')}) select ${[...Object.values(link), s.values].join(', ')} from ${s.from}`;
  };
  const one = (pick: (s: StoryRowSet) => Row) => ({ rows: sets.map(pick) });
  const each = (pick: (s: StoryRowSet) => Row[]) => ({ rows: sets.flatMap(pick), ordinals: sets.flatMap((s, i) => pick(s).map(() => i + 1)) });
  const sid = { story_id: 'ids.sid' };
  const parts: [name: string, table: (typeof storyTables)[number], link: Record<string, string>, { rows: Row[]; ordinals?: number[] }][] = [
    ['t', 'tellers', { id: 'ids.tid' }, one((s) => s.teller)],
    ['s', 'stories', { id: 'ids.sid', teller_id: 'ids.tid' }, one((s) => s.story)],
    ['c', 'story_consents', sid, one((s) => s.consent)],
    ['a', 'audit_log', { target_id: 'ids.sid::text' }, one((s) => s.audit)],
    ['p', 'story_placements', sid, each((s) => s.placements)],
    ['m', 'story_media', sid, each((s) => s.media)],
  ];
  const ctes = [
    `ids as materialized (select n, nextval('${tellerIds}') as tid, nextval('${storyIds}') as sid from generate_series(1::int8, $1::int8) as n)`,
    ...parts.filter(([, , , p]) => p.rows.length).map(([name, table, link, p]) => `${name} as (${insert(table, link, p.rows, p.ordinals)})`),
  ];
  // Its text depends only on which columns and tables are given: a few forms, each prepared once.
  const res = await db.executeQuery<{ id: number }>(prepared(`with ${ctes.join(',\n')}\nselect sid as id from ids order by n`, params));
  return res.rows.map((r) => Number(r.id));
}
