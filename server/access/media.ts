// A story's recordings and photos: for the team, and photos for reports only as the teller allows.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { notFound } from '../errors.js';
import type { SessionUser } from '../types.js';
import { reportStories, visibleStory } from './stories.js';

/**
 * A story's voice recording and photo are for the team that may read the story: its project's
 * workers and the staff, never funders (403), never another project (404). Audio reaches a report
 * only as the story's text a worker typed; a photo only through `reportablePhotos`.
 */
export async function assertMediaForTeam(db: Kysely<DB>, user: SessionUser, storyId: number): Promise<void> {
  const story = await visibleStory(db, user, storyId);
  if (story.withdrawnAt) throw notFound('Dit bestand is er niet meer / This file is gone');
}

/**
 * The photos a report may show: of stories a report may show at all (reportStories), with consent
 * `public`, a teller aged 16 or older, and the photo's own "may go into reports" from the teller.
 * Recordings are never among them.
 */
export function reportablePhotos(db: Kysely<DB>) {
  return reportStories(db)
    .innerJoin('storyMedia', 'storyMedia.storyId', 'stories.id')
    .innerJoin('tellers', 'tellers.id', 'stories.tellerId')
    .where('stories.consent', '=', 'public')
    .where('tellers.under16', '=', 0)
    .where('storyMedia.kind', '=', 'photo')
    .where('storyMedia.photoInReports', '=', 1);
}

/** Per story (of these), the photo a report may show now (reportablePhotos; the first if there were more). */
export async function reportPhotosOf(db: Kysely<DB>, storyIds: number[]): Promise<Map<number, number>> {
  if (!storyIds.length) return new Map();
  const rows = await reportablePhotos(db)
    .select(['stories.id as storyId', 'storyMedia.id as mediaId'])
    .where('stories.id', 'in', storyIds)
    .orderBy('storyMedia.id')
    .execute();
  const out = new Map<number, number>();
  for (const r of rows) if (!out.has(r.storyId)) out.set(r.storyId, r.mediaId);
  return out;
}

/**
 * A photo of a report, for a reader the caller has already let see that report (a published
 * version, as served now, or the team's preview): only a photo that report shows (`shown`, the
 * photo ids in what is served) and that reportablePhotos still allows — so a withdrawal, a
 * narrowed consent or an erasure takes it away at once. 404 otherwise, whatever the reason.
 */
export async function reportPhotoFile(db: Kysely<DB>, shown: ReadonlySet<number>, mediaId: number) {
  const row = shown.has(mediaId)
    ? await reportablePhotos(db)
        .select(['storyMedia.id', 'storyMedia.file', 'storyMedia.sha256', 'storyMedia.mime'])
        .where('storyMedia.id', '=', mediaId)
        .executeTakeFirst()
    : undefined;
  if (!row) throw notFound('Deze foto is er niet / This photo does not exist');
  return row;
}
