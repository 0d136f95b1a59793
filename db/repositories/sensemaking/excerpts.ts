// Coded passages (excerpts) of a story, re-anchored when its text changes.
import type { Insertable, Kysely } from 'kysely';
import type { DB, ExcerptStatus, StoryExcerptsTable } from '../../schema.js';

type Db = Kysely<DB>;

const excerptSelect = (db: Db) =>
  db
    .selectFrom('storyExcerpts as e')
    .leftJoin('outcomes', 'outcomes.id', 'e.outcomeId')
    .leftJoin('climateVariables as v', 'v.id', 'e.variableId')
    .leftJoin('codes', 'codes.id', 'e.codeId')
    .select([
      'e.id',
      'e.storyId',
      'e.startOffset as start',
      'e.endOffset as end',
      'e.quote',
      'e.outcomeId',
      'outcomes.title as outcomeTitle',
      'e.variableId',
      'v.nameNl as variableNameNl',
      'v.nameEn as variableNameEn',
      'e.position',
      'e.codeId',
      'codes.name as codeName',
      'e.note',
      'e.status',
      'e.byUser',
      'e.createdAt',
    ]);

/** Where a quote sits in new text: its old place, the occurrence nearest to it, or nowhere. */
export function reanchor(text: string, quote: string, start: number, end: number): { status: ExcerptStatus; start: number; end: number } | { status: 'stale' } {
  if (text.slice(start, end) === quote) return { status: 'ok', start, end };
  let best = -1;
  for (let i = text.indexOf(quote); i !== -1; i = text.indexOf(quote, i + 1)) {
    if (best === -1 || Math.abs(i - start) < Math.abs(best - start)) best = i;
  }
  if (best === -1) return { status: 'stale' };
  return { status: 'moved', start: best, end: best + quote.length };
}

/** A story's excerpts, re-anchored against its current text (moved offsets are stored). */
export async function listExcerpts(db: Db, storyId: number, bodyText: string) {
  const rows = await db.selectFrom('storyExcerpts').select(['id', 'startOffset', 'endOffset', 'quote', 'status']).where('storyId', '=', storyId).execute();
  for (const r of rows) {
    const a = reanchor(bodyText, r.quote, r.startOffset, r.endOffset);
    if (a.status === 'stale') {
      if (r.status !== 'stale')
        await db.updateTable('storyExcerpts').set({ status: 'stale', updatedAt: new Date().toISOString() }).where('id', '=', r.id).execute();
    } else if (a.status === 'moved') {
      await db
        .updateTable('storyExcerpts')
        .set({ status: 'moved', startOffset: a.start, endOffset: a.end, updatedAt: new Date().toISOString() })
        .where('id', '=', r.id)
        .execute();
    } else if (r.status === 'stale') {
      // the quote fits its range again (e.g. an edit was undone)
      await db.updateTable('storyExcerpts').set({ status: 'ok', updatedAt: new Date().toISOString() }).where('id', '=', r.id).execute();
    }
  }
  return excerptSelect(db).where('e.storyId', '=', storyId).orderBy('e.startOffset').orderBy('e.id').execute();
}

/**
 * When a story is withdrawn its coded passages go (they quote its text) and so do picks in rounds
 * still open; selections of closed rounds stay on record but leave every report (reports show
 * selections only among the stories they may show).
 */
export async function forgetStoryCoding(db: Db, storyId: number): Promise<void> {
  await db.deleteFrom('storyExcerpts').where('storyId', '=', storyId).execute();
  await db
    .deleteFrom('mscPicks')
    .where('storyId', '=', storyId)
    .where('roundId', 'in', db.selectFrom('mscRounds').select('id').where('status', '=', 'open'))
    .execute();
}

export const getExcerpt = (db: Db, id: number) => excerptSelect(db).where('e.id', '=', id).executeTakeFirst();

export async function insertExcerpt(db: Db, values: Insertable<StoryExcerptsTable>): Promise<number> {
  return (await db.insertInto('storyExcerpts').values(values).returning('id').executeTakeFirstOrThrow()).id;
}

export async function deleteExcerpt(db: Db, id: number): Promise<void> {
  await db.deleteFrom('storyExcerpts').where('id', '=', id).execute();
}
