// Recording a story: one rule for both entry points (a worker's story route and a resident's
// submission link). The caller has checked the input; this writes teller, story, consent,
// placements and the audit row in the caller's transaction, so nothing is half-saved.
import type { Kysely, Transaction } from 'kysely';
import { batched, Failed } from '../../db/batch.js';
import { engineName } from '../../db/engine.js';
import { insertStoriesAtOnce } from '../../db/postgres.js';
import { insertMedia, mediaRows, type MediaToInsert } from '../../db/repositories/media.js';
import {
  consentRow,
  insertPlacements,
  insertStory,
  insertTeller,
  placementRows,
  tellerRow,
  type NewConsent,
  type NewStory,
  type Placement,
} from '../../db/repositories/stories.js';
import type { DB } from '../../db/schema.js';
import { audit, auditRow } from '../audit.js';
import type { RichText } from '../richtext.js';
import type { SessionUser } from '../types.js';

export type StoryToRecord = {
  /** An existing teller (a worker's own practice story), or a new resident teller. */
  teller: { id: number } | { displayName: string | null; under16: boolean };
  story: Omit<NewStory, 'tellerId' | 'bodyJson' | 'bodyHtml' | 'bodyText' | 'recordedBy' | 'consent'>;
  rich: RichText;
  consent: Omit<NewConsent, 'recordedBy' | 'reason' | 'withdrawn'> & { level: NonNullable<NewConsent['level']> };
  placements: Placement[];
  /** Who recorded it: a worker, or null when a resident told it by link. */
  by: SessionUser | null;
  /** What the audit row keeps beside the story's id. */
  auditDetails: Record<string, unknown>;
};

/** Writes the story and everything that comes with it; returns its id. */
export async function recordStory(tx: Kysely<DB>, r: StoryToRecord): Promise<number> {
  const by = r.by?.id ?? null;
  const tellerId =
    'id' in r.teller ? r.teller.id : await insertTeller(tx, { kind: 'resident', displayName: r.teller.displayName, userId: null, under16: r.teller.under16 });
  const storyId = await insertStory(
    tx,
    { ...r.story, tellerId, bodyJson: JSON.stringify(r.rich.json), bodyHtml: r.rich.html, bodyText: r.rich.text, recordedBy: by, consent: r.consent.level },
    { ...r.consent, reason: null, recordedBy: by },
  );
  await insertPlacements(tx, storyId, r.placements, by);
  await audit(tx, r.by, 'story.create', { type: 'story', id: storyId }, r.auditDetails);
  return storyId;
}

/** A resident's story, told by link, with the media files already stored for it. */
export type Submission = StoryToRecord & { teller: { displayName: string | null; under16: boolean }; media: MediaToInsert[]; photoInReports: boolean };

/**
 * Stores a resident's submission; returns the story's id once it is committed. SQLite: recordStory
 * and the media rows in the group commit (`write`: the submissions that arrive together share one
 * transaction and one commit). PostgreSQL: the submissions that arrive together share one statement
 * that inserts their tellers, stories, consents, placements, media and audit rows from arrays —
 * atomic on its own, one round trip for the lot and no BEGIN/COMMIT. When that statement fails,
 * each submission is tried in a statement of its own, so one bad submission fails alone. The rows
 * are the same on both engines.
 */
export function recordSubmission(db: Kysely<DB>, write: Write, s: Submission): Promise<number> {
  if (engineName(db) === 'postgres') {
    let submit = pgBatches.get(db);
    if (!submit) pgBatches.set(db, (submit = batched((items: Submission[]) => recordAtOnce(db, items), 50)));
    return submit(s);
  }
  return write(async (tx) => {
    const id = await recordStory(tx, s);
    await insertMedia(tx, id, s.media, s.photoInReports);
    return id;
  });
}

type Write = <T>(work: (tx: Transaction<DB>) => Promise<T>) => Promise<T>;
const pgBatches = new WeakMap<Kysely<DB>, (s: Submission) => Promise<number>>();

/** A batch in one statement; when it fails, each submission alone (its own error for its caller). */
async function recordAtOnce(db: Kysely<DB>, items: Submission[]): Promise<(number | Failed)[]> {
  try {
    return await oneStatement(db, items);
  } catch (err) {
    if (items.length === 1) return [new Failed(err)];
    const out: (number | Failed)[] = [];
    for (const s of items)
      out.push(
        await oneStatement(db, [s]).then(
          (ids) => ids[0]!,
          (e: unknown) => new Failed(e),
        ),
      );
    return out;
  }
}

/** The rows recordStory and insertMedia write, for every submission in `items`, in one statement (PostgreSQL); the story ids in order. */
function oneStatement(db: Kysely<DB>, items: Submission[]): Promise<number[]> {
  return insertStoriesAtOnce(
    db,
    items.map((s) => {
      const by = s.by?.id ?? null;
      return {
        teller: tellerRow({ kind: 'resident', displayName: s.teller.displayName, userId: null, under16: s.teller.under16 }),
        story: { ...s.story, bodyJson: JSON.stringify(s.rich.json), bodyHtml: s.rich.html, bodyText: s.rich.text, recordedBy: by, consent: s.consent.level },
        consent: consentRow(undefined, { ...s.consent, reason: null, recordedBy: by }),
        audit: { ...auditRow(s.by, 'story.create', s.auditDetails), targetType: 'story' },
        placements: placementRows(undefined, s.placements, by),
        media: mediaRows(undefined, s.media, s.photoInReports),
      };
    }),
  );
}
