// Recording a story: one rule for both entry points (a worker's story route and a resident's
// submission link). The caller has checked the input; this writes teller, story, consent,
// placements and the audit row in the caller's transaction, so nothing is half-saved.
import type { Kysely } from 'kysely';
import { insertPlacements, insertStory, insertTeller, type NewConsent, type NewStory, type Placement } from '../../db/repositories/stories.js';
import type { DB } from '../../db/schema.js';
import { audit } from '../audit.js';
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
