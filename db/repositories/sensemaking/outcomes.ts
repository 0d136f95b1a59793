// Outcomes: a project's results chain (output → outcome → impact) and the organisation's library.
import type { Kysely } from 'kysely';
import type { Insertable, Updateable } from 'kysely';
import { iatiResultType, type DB, type OutcomeLevel, type OutcomesTable } from '../../schema.js';

type Db = Kysely<DB>;

const outcomeColumns = ['id', 'projectId', 'libraryId', 'parentId', 'level', 'title', 'description', 'sort', 'createdAt', 'archivedAt'] as const;
const levelOrder: Record<OutcomeLevel, number> = { impact: 0, outcome: 1, output: 2 };
/** In a results chain an output serves an outcome, and an outcome serves an impact. */
export const parentLevel: Record<OutcomeLevel, OutcomeLevel | null> = { output: 'outcome', outcome: 'impact', impact: null };

export const withIati = <T extends { level: OutcomeLevel }>(o: T) => ({ ...o, iatiType: iatiResultType[o.level] });

export async function listOutcomes(db: Db, projectId: number) {
  const rows = await db.selectFrom('outcomes').select(outcomeColumns).where('projectId', '=', projectId).execute();
  return rows.sort((a, b) => levelOrder[a.level] - levelOrder[b.level] || a.sort - b.sort || a.id - b.id).map(withIati);
}

export async function getOutcome(db: Db, id: number) {
  const row = await db.selectFrom('outcomes').select(outcomeColumns).where('id', '=', id).executeTakeFirst();
  return row && withIati(row);
}

/** What hangs on an outcome: tagged stories, excerpts, indicators and lower outcomes. */
export async function outcomeUsage(db: Db, id: number) {
  const count = async (table: 'storyOutcomes' | 'storyExcerpts' | 'indicators', col: 'outcomeId') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where(col, '=', id)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const children = Number(
    (
      await db
        .selectFrom('outcomes')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('parentId', '=', id)
        .executeTakeFirstOrThrow()
    ).n,
  );
  return {
    stories: await count('storyOutcomes', 'outcomeId'),
    excerpts: await count('storyExcerpts', 'outcomeId'),
    indicators: await count('indicators', 'outcomeId'),
    children,
  };
}

export async function listLibrary(db: Db) {
  const rows = await db.selectFrom('outcomeLibrary').select(['id', 'level', 'title', 'description', 'createdAt']).execute();
  return rows.sort((a, b) => levelOrder[a.level] - levelOrder[b.level] || a.title.localeCompare(b.title)).map(withIati);
}

export const getLibraryOutcome = (db: Db, id: number) => db.selectFrom('outcomeLibrary').selectAll().where('id', '=', id).executeTakeFirst();

/** The outcomes with these ids, with what tagging and the results chain check against. */
export const outcomesByIds = (db: Db, ids: number[]) =>
  db.selectFrom('outcomes').select(['id', 'projectId', 'level', 'archivedAt']).where('id', 'in', ids).execute();

/** The sort number after a project's last outcome. */
export async function nextOutcomeSort(db: Db, projectId: number): Promise<number> {
  const row = await db
    .selectFrom('outcomes')
    .select((eb) => eb.fn.max('sort').as('m'))
    .where('projectId', '=', projectId)
    .executeTakeFirst();
  return Number(row?.m ?? 0) + 10;
}

export async function insertOutcome(db: Db, values: Insertable<OutcomesTable>): Promise<number> {
  return (await db.insertInto('outcomes').values(values).returning('id').executeTakeFirstOrThrow()).id;
}

export async function hasChildOutcomes(db: Db, id: number): Promise<boolean> {
  return !!(await db.selectFrom('outcomes').select('id').where('parentId', '=', id).executeTakeFirst());
}

export async function updateOutcome(db: Db, id: number, set: Updateable<OutcomesTable>): Promise<void> {
  await db.updateTable('outcomes').set(set).where('id', '=', id).execute();
}

/**
 * Moves an outcome one place up or down among the project's outcomes of its level that are not
 * archived, numbering them again (10, 20, …) so equal or missing sorts cannot block a move.
 * At either end of the list nothing changes.
 */
export async function moveOutcome(db: Db, outcome: { id: number; projectId: number; level: OutcomeLevel }, step: -1 | 1): Promise<void> {
  const order = await db
    .selectFrom('outcomes')
    .select(['id', 'sort'])
    .where('projectId', '=', outcome.projectId)
    .where('level', '=', outcome.level)
    .where('archivedAt', 'is', null)
    .orderBy('sort')
    .orderBy('id')
    .execute();
  const i = order.findIndex((o) => o.id === outcome.id);
  const j = i + step;
  if (i < 0 || j < 0 || j >= order.length) return;
  [order[i], order[j]] = [order[j]!, order[i]!];
  for (const [k, o] of order.entries()) if (o.sort !== (k + 1) * 10) await updateOutcome(db, o.id, { sort: (k + 1) * 10 });
}

export async function setOutcomeArchived(db: Db, id: number, archived: boolean): Promise<void> {
  await updateOutcome(db, id, { archivedAt: archived ? new Date().toISOString() : null });
}

export async function deleteOutcome(db: Db, id: number): Promise<void> {
  await db.deleteFrom('outcomes').where('id', '=', id).execute();
}

export async function insertLibraryOutcome(db: Db, values: { level: OutcomeLevel; title: string; description: string }) {
  const row = await db.insertInto('outcomeLibrary').values(values).returning(['id', 'level', 'title', 'description', 'createdAt']).executeTakeFirstOrThrow();
  return withIati(row);
}
