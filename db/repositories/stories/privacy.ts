// Privacy: export and erasure of one teller.
import { mediaFilesOf } from '../media.js';
import type { Kysely } from 'kysely';
import type { DB } from '../../schema.js';
import { VisibleStories } from './read.js';

type Db = Kysely<DB>;

/** Everything stored about one teller: the teller, their stories with text, consents, placements and tags. */
export async function tellerExport(db: Db, visible: VisibleStories, tellerId: number) {
  const teller = await db.selectFrom('tellers').selectAll().where('id', '=', tellerId).executeTakeFirst();
  if (!teller) return undefined;
  const stories = await visible.where('stories.tellerId', '=', tellerId).selectAll('stories').orderBy('stories.id').execute();
  const ids = stories.map((s) => s.id);
  const [consents, placements, tags] = ids.length
    ? await Promise.all([
        db.selectFrom('storyConsents').selectAll().where('storyId', 'in', ids).orderBy('id').execute(),
        db.selectFrom('storyPlacements').selectAll().where('storyId', 'in', ids).orderBy('id').execute(),
        db
          .selectFrom('storyOutcomes')
          .innerJoin('outcomes', 'outcomes.id', 'storyOutcomes.outcomeId')
          .select([
            'storyOutcomes.storyId',
            'storyOutcomes.outcomeId',
            'outcomes.title as outcome',
            'storyOutcomes.note',
            'storyOutcomes.status',
            'storyOutcomes.at',
          ])
          .where('storyOutcomes.storyId', 'in', ids)
          .execute(),
      ])
    : [[], [], []];
  return {
    teller: {
      id: teller.id,
      kind: teller.kind,
      name: teller.displayName,
      contact: teller.contact,
      under16: Boolean(teller.under16),
      createdAt: teller.createdAt,
    },
    stories: stories.map(({ bodyJson, receiptHash: _hash, ...s }) => ({
      ...s,
      body: JSON.parse(bodyJson) as unknown,
      consents: consents.filter((c) => c.storyId === s.id).map((c) => ({ ...c, withdrawn: Boolean(c.withdrawn) })),
      placements: placements.filter((p) => p.storyId === s.id),
      tags: tags.filter((t) => t.storyId === s.id),
    })),
  };
}

/** Deletes a teller and everything about them; returns the counts for the audit log. */
export async function eraseTeller(db: Db, tellerId: number) {
  const ids = (await db.selectFrom('stories').select('id').where('tellerId', '=', tellerId).execute()).map((r) => r.id);
  const counts = { stories: ids.length, consents: 0, placements: 0, tags: 0, media: 0 };
  /** Media files to delete once the erasure committed. */
  const files = await mediaFilesOf(db, ids);
  counts.media = files.length;
  if (ids.length) {
    counts.consents = Number((await db.deleteFrom('storyConsents').where('storyId', 'in', ids).executeTakeFirst()).numDeletedRows);
    counts.placements = Number((await db.deleteFrom('storyPlacements').where('storyId', 'in', ids).executeTakeFirst()).numDeletedRows);
    counts.tags = Number((await db.deleteFrom('storyOutcomes').where('storyId', 'in', ids).executeTakeFirst()).numDeletedRows);
    // Other capabilities' rows about these stories go with them (their foreign keys cascade);
    // the search index entries go through the stories_fts_delete trigger.
    await db.deleteFrom('stories').where('id', 'in', ids).execute();
  }
  await db.deleteFrom('tellers').where('id', '=', tellerId).execute();
  return { counts, files };
}
