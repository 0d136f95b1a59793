// The codebook.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../schema.js';

type Db = Kysely<DB>;

export async function listCodes(db: Db) {
  return db
    .selectFrom('codes')
    .select(['codes.id', 'codes.name', 'codes.description', 'codes.createdAt'])
    .select((eb) =>
      eb
        .selectFrom('storyExcerpts')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('storyExcerpts.codeId', '=', 'codes.id')
        .as('uses'),
    )
    .orderBy(sql`lower(codes.name)`)
    .execute()
    .then((rows) => rows.map((r) => ({ ...r, uses: Number(r.uses ?? 0) })));
}

export const getCode = (db: Db, id: number) => listCodes(db).then((rows) => rows.find((r) => r.id === id));

export const codeByName = (db: Db, name: string) =>
  db
    .selectFrom('codes')
    .select(['id', 'name'])
    .where(sql`lower(name)`, '=', name.toLowerCase())
    .executeTakeFirst();

export async function insertCode(db: Db, values: { name: string; description: string; createdBy: number }): Promise<number> {
  return (await db.insertInto('codes').values(values).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateCode(db: Db, id: number, set: { name?: string; description?: string }): Promise<void> {
  await db.updateTable('codes').set(set).where('id', '=', id).execute();
}

/** Moves every passage coded with `id` to `intoId` and removes code `id`; returns how many passages moved. */
export async function mergeCode(db: Db, id: number, intoId: number): Promise<number> {
  const res = await db.updateTable('storyExcerpts').set({ codeId: intoId }).where('codeId', '=', id).executeTakeFirst();
  await db.deleteFrom('codes').where('id', '=', id).execute();
  return Number(res.numUpdatedRows);
}
