// Moving up: `npm run migrate-to-postgres -- --from data/weefwerk.db --to postgres://…` copies a
// SQLite database into an empty PostgreSQL database: the schema by the same migrations, then every
// table's rows in one transaction (parents before children), sequences set after the copy, and a
// check of every table's count and a sample of its rows. A target that already has tables is
// refused and left as it was; if the copy fails, the target is emptied again.
import { parseArgs } from 'node:util';
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { Kysely, NO_MIGRATIONS, PostgresDialect, sql } from 'kysely';
import { migrator } from '../db/migrate.js';
import { checkPostgres, createPool, isPostgresUrl, PostgresSchemaPlugin, redactUrl } from '../db/postgres.js';
import { camelCase, createDb } from '../db/client.js';

const USAGE = 'Usage: npm run migrate-to-postgres -- --from data/weefwerk.db --to postgres://user:password@host:5432/name';

class Refusal extends Error {}

type Table = { name: string; columns: string[]; parents: string[]; selfRefs: string[]; hasId: boolean };

/** The SQLite source's tables (those the PostgreSQL schema has too), parents before children. */
function sourceTables(src: Database.Database, targetTables: Set<string>): Table[] {
  const names = (
    src.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%'").pluck().all() as string[]
  ).filter((n) => targetTables.has(n));
  const tables = new Map<string, Table>();
  for (const name of names) {
    const cols = src.prepare(`select name from pragma_table_info(?)`).pluck().all(name) as string[];
    const fks = src.prepare(`select "table" as parent, "from" as col from pragma_foreign_key_list(?)`).all(name) as { parent: string; col: string }[];
    tables.set(name, {
      name,
      columns: cols,
      parents: [...new Set(fks.filter((f) => f.parent !== name && names.includes(f.parent)).map((f) => f.parent))],
      selfRefs: fks.filter((f) => f.parent === name).map((f) => f.col),
      hasId: cols.includes('id'),
    });
  }
  const ordered: Table[] = [];
  const seen = new Set<string>();
  const visit = (t: Table) => {
    if (seen.has(t.name)) return;
    seen.add(t.name);
    for (const p of t.parents) visit(tables.get(p)!);
    ordered.push(t);
  };
  for (const t of tables.values()) visit(t);
  return ordered;
}

/** Rows of a self-referencing table (an area's parent area) ordered so that parents come first. */
function parentsFirst(rows: Record<string, unknown>[], selfRefs: string[]): Record<string, unknown>[] {
  if (!selfRefs.length) return rows;
  const done = new Set<unknown>();
  const out: Record<string, unknown>[] = [];
  let left = rows;
  while (left.length) {
    const next = left.filter((r) => selfRefs.some((c) => r[c] !== null && r[c] !== r.id && !done.has(r[c])));
    const ready = left.filter((r) => !next.includes(r));
    if (!ready.length) throw new Error('a cycle of parent references; cannot order the rows');
    for (const r of ready) {
      out.push(r);
      done.add(r.id);
    }
    left = next;
  }
  return out;
}

const same = (a: unknown, b: unknown) =>
  a === null || a === undefined ? b === null || b === undefined : typeof a === 'number' ? Number(b) === a : String(a) === String(b);

async function migrateToPostgres(from: string, to: string, log: (s: string) => void): Promise<void> {
  if (!existsSync(from)) throw new Refusal(`${from}: no such file`);
  if (!isPostgresUrl(to)) throw new Refusal(`--to must be a postgres:// URL`);

  // The source must be at the latest schema, so both sides have the same tables and columns.
  const { db: srcDb } = createDb(from);
  try {
    const pending = (await migrator(srcDb).getMigrations()).filter((m) => !m.executedAt);
    if (pending.length)
      throw new Refusal(`${from} is not at the latest schema (${pending.length} migrations pending); run \`DATABASE_PATH=${from} npm run migrate\` first`);
  } finally {
    await srcDb.destroy();
  }
  const src = new Database(from, { readonly: true, fileMustExist: true });
  const pool = createPool(to, 2);
  pool.on('error', () => {});
  const dst = new Kysely<any>({ dialect: new PostgresDialect({ pool }), plugins: [new PostgresSchemaPlugin()] });
  try {
    await checkPostgres(pool, to);
    const existing = await sql<{ n: number }>`select count(*) as n from information_schema.tables where table_schema = current_schema()`.execute(dst);
    if (Number(existing.rows[0]!.n) > 0) throw new Refusal(`${redactUrl(to)} is not empty (it has tables); give an empty database (createdb)`);

    log(`Schema: migrating ${redactUrl(to)}…`);
    // Migrated the way the app migrates (camelCase names, so `sha256` is the column sha_256 as in the source);
    // the copy below names the source's columns as they are.
    const { error } = await migrator(dst.withPlugin(camelCase())).migrateToLatest();
    if (error) throw error;
    try {
      const targetTables = new Set(
        (
          await sql<{
            name: string;
          }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(dst)
        ).rows.map((r) => r.name),
      );
      const tables = sourceTables(src, targetTables);
      await dst.transaction().execute(async (tx) => {
        // rows the migrations seeded (the climate catalogue, counters) come from the source instead
        for (const t of [...tables].reverse()) await tx.deleteFrom(t.name).execute();
        for (const t of tables) {
          const rows = parentsFirst(src.prepare(`select * from "${t.name}"${t.hasId ? ' order by id' : ''}`).all() as Record<string, unknown>[], t.selfRefs);
          const batch = Math.max(1, Math.floor(30_000 / t.columns.length));
          for (let i = 0; i < rows.length; i += batch)
            await tx
              .insertInto(t.name)
              .values(rows.slice(i, i + batch))
              .execute();
          if (t.hasId) {
            // the next id continues after the copied ones
            await sql`select setval(pg_get_serial_sequence(${t.name}, 'id'), coalesce((select max(id) from ${sql.table(t.name)}), 0) + 1, false)`.execute(tx);
          }
          log(`  ${t.name}: ${rows.length}`);
        }
        // Check: the same count in every table, and a sample of rows (first, last and some at random) equal column by column.
        for (const t of tables) {
          const want = src.prepare(`select count(*) from "${t.name}"`).pluck().get() as number;
          const got = Number(
            (
              await tx
                .selectFrom(t.name)
                .select((eb) => eb.fn.countAll().as('n'))
                .executeTakeFirstOrThrow()
            ).n,
          );
          if (got !== want) throw new Error(`${t.name}: ${got} rows copied, ${want} in the source`);
          const sample = src
            .prepare(
              `select * from "${t.name}" where rowid in (select rowid from "${t.name}" order by random() limit 20) or rowid = (select min(rowid) from "${t.name}") or rowid = (select max(rowid) from "${t.name}")`,
            )
            .all() as Record<string, unknown>[];
          for (const row of sample) {
            let q = tx.selectFrom(t.name).selectAll();
            for (const c of t.columns) q = row[c] === null ? q.where(c, 'is', null) : q.where(c, '=', row[c] as never);
            const found = await q.limit(2).execute();
            if (!found.length || !t.columns.every((c) => same(row[c], found[0]![c])))
              throw new Error(`${t.name}: a sampled row differs after the copy (${JSON.stringify(row).slice(0, 200)})`);
          }
        }
      });
    } catch (err) {
      // leave the target as empty as it was
      await migrator(dst).migrateTo(NO_MIGRATIONS);
      await sql`drop table if exists kysely_migration, kysely_migration_lock`.execute(dst);
      throw err;
    }
    log('Copied and checked: every table has the same number of rows, and the sampled rows are equal.');
  } finally {
    src.close();
    await dst.destroy();
  }
}

{
  let from = '';
  let to = '';
  try {
    const { values } = parseArgs({ options: { from: { type: 'string' }, to: { type: 'string' } }, strict: true });
    from = values.from ?? '';
    to = values.to ?? '';
  } catch {
    /* usage below */
  }
  if (!from || !to) {
    console.error(USAGE);
    process.exit(2);
  }
  try {
    await migrateToPostgres(from, to, (s) => console.log(s));
    process.exit(0);
  } catch (err) {
    console.error(`${err instanceof Refusal ? 'Refused' : 'Failed'}: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}
