// Report versions of stories: the reviewed copy readers beyond the team get (migration 0015).
// Whether a review is current, and who may read what, is decided in server/access.ts.
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB, StoryQuery } from '../schema.js';
import { storyDate } from './story-date.js';

type Db = Kysely<DB>;

/** sha256 (hex) of a report version's title and text: recorded with the review and in the audit log. */
export const reviewHash = (title: string, text: string) => createHash('sha256').update(`${title}\n\n${text}`).digest('hex');

/**
 * Served report versions are cached until the disclosure counter moves (server/reports/redact.ts);
 * migration 0009's triggers move it on consent, withdrawal and erasure, 0026's on a story's text
 * changed (which makes its review stale), this on a review saved.
 */
export async function noteDisclosureChange(db: Db): Promise<void> {
  await db
    .updateTable('disclosureChanges')
    .set((eb) => ({ n: eb('n', '+', 1) }))
    .where('id', '=', 1)
    .execute();
}

export async function getReview(db: Db, storyId: number) {
  return db
    .selectFrom('storyReviews')
    .leftJoin('users', 'users.id', 'storyReviews.reviewedBy')
    .select([
      'storyReviews.title',
      'storyReviews.bodyJson',
      'storyReviews.bodyHtml',
      'storyReviews.bodyText',
      'storyReviews.textHash',
      'storyReviews.reviewedBy',
      'storyReviews.reviewedAt',
      'users.name as reviewerName',
    ])
    .where('storyReviews.storyId', '=', storyId)
    .executeTakeFirst();
}

export type NewReview = {
  title: string;
  bodyJson: string;
  bodyHtml: string;
  bodyText: string;
  reviewedBy: number | null;
};

/**
 * Saves the story's report version (replacing an earlier one), made of the story as it read at
 * `textRev` (the story's title and text the reviewer saw); returns the hash of the reviewed text.
 */
export async function saveReview(db: Db, storyId: number, textRev: number, r: NewReview): Promise<{ textHash: string; reviewedAt: string }> {
  const textHash = reviewHash(r.title, r.bodyText);
  const reviewedAt = new Date().toISOString();
  const row = { ...r, textHash, reviewedAt };
  await db
    .insertInto('storyReviews')
    .values({ storyId, ...row })
    .onConflict((oc) => oc.column('storyId').doUpdateSet(row))
    .execute();
  await db.updateTable('stories').set({ reviewedRev: textRev }).where('id', '=', storyId).execute();
  await noteDisclosureChange(db);
  return { textHash, reviewedAt };
}

/** Removes a story's report version (withdrawal: the copy of the text goes too). */
export async function deleteReview(db: Db, storyId: number): Promise<void> {
  await db.deleteFrom('storyReviews').where('storyId', '=', storyId).execute();
  await db.updateTable('stories').set({ reviewedRev: null }).where('id', '=', storyId).execute();
}

/** The story's own title and text as the review screen shows them beside its report version. */
export function storyToReview(db: Db, id: number) {
  return db
    .selectFrom('stories')
    .select(['id', 'projectId', 'title', 'bodyJson', 'bodyText', 'consent', 'textRev', 'reviewedRev'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

/** What saving a review checks against: the story's title and text now, its consent and withdrawal. */
export function reviewSource(db: Db, id: number) {
  return db.selectFrom('stories').select(['title', 'bodyText', 'textRev', 'consent', 'withdrawnAt']).where('id', '=', id).executeTakeFirst();
}

/**
 * Of `waiting` (stories awaiting review, narrowed by server/access.ts), how many there are and the
 * first `limit` by date, each with whether it was reviewed before (its review went stale).
 */
export async function waitingList(waiting: StoryQuery, limit: number) {
  const count = Number((await waiting.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst())?.n ?? 0);
  const rows = await waiting
    .innerJoin('projects', 'projects.id', 'stories.projectId')
    .select(['stories.id', 'stories.title', 'projects.name as projectName', 'stories.consent', storyDate.as('date')])
    .select((eb) =>
      eb.exists(eb.selectFrom('storyReviews').select('storyReviews.storyId').whereRef('storyReviews.storyId', '=', 'stories.id')).as('reviewedBefore'),
    )
    .orderBy(storyDate)
    .orderBy('stories.id')
    .limit(limit)
    .execute();
  return { count, stories: rows.map(({ reviewedBefore, ...r }) => ({ ...r, stale: Boolean(reviewedBefore) })) };
}
