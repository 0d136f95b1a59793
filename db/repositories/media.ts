// The rows of stories' voice recordings and photos (story_media); the files themselves are handled
// by server/media. Reads take a story already checked by server/access.ts.
import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';

type Db = Kysely<DB>;
/** A checked file as server/media stored it. */
export type MediaToInsert = { kind: 'audio' | 'photo'; mime: string; file: string; bytes: { length: number }; sha256: string; durationSeconds: number | null };

export async function insertMedia(db: Db, storyId: number, items: MediaToInsert[], photoInReports: boolean): Promise<void> {
  if (!items.length) return;
  await db
    .insertInto('storyMedia')
    .values(mediaRows(storyId, items, photoInReports))
    .execute();
}

/** The story_media rows for a story's files (`storyId` a number, or an expression for it). */
export function mediaRows<S>(storyId: S, items: MediaToInsert[], photoInReports: boolean) {
  const createdAt = new Date().toISOString();
  return items.map((m) => ({
    storyId,
    kind: m.kind,
    mime: m.mime,
    file: m.file,
    bytes: m.bytes.length,
    sha256: m.sha256,
    durationSeconds: m.durationSeconds,
    photoInReports: m.kind === 'photo' && photoInReports ? 1 : 0,
    createdAt,
  }));
}

/** A story's media as the API shows them (no file names). */
export async function storyMedia(db: Db, storyId: number) {
  const rows = await db
    .selectFrom('storyMedia')
    .select(['id', 'kind', 'mime', 'bytes', 'durationSeconds', 'photoInReports', 'createdAt'])
    .where('storyId', '=', storyId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ ...r, bytes: Number(r.bytes), photoInReports: Boolean(r.photoInReports) }));
}

export function mediaRow(db: Db, storyId: number, mediaId: number) {
  return db
    .selectFrom('storyMedia')
    .select(['id', 'kind', 'mime', 'file', 'sha256'])
    .where('storyId', '=', storyId)
    .where('id', '=', mediaId)
    .executeTakeFirst();
}

/** The files of some stories, to delete once their rows are gone. */
export async function mediaFilesOf(db: Db, storyIds: number[]): Promise<string[]> {
  if (!storyIds.length) return [];
  return (await db.selectFrom('storyMedia').select('file').where('storyId', 'in', storyIds).execute()).map((r) => r.file);
}

/** Removes a story's media rows (withdrawal); returns the files to delete after the commit. */
export async function deleteStoryMedia(db: Db, storyId: number): Promise<string[]> {
  const files = await mediaFilesOf(db, [storyId]);
  if (files.length) await db.deleteFrom('storyMedia').where('storyId', '=', storyId).execute();
  return files;
}

/** The kinds of media a story has (at most one recording and one photo). */
export async function mediaKindsOf(db: Db, storyId: number) {
  return db.selectFrom('storyMedia').select('kind').where('storyId', '=', storyId).execute();
}
