// Writing stories: tellers, stories, consent records, edits, withdrawal and placements.
import { deleteReview } from '../reviews.js';
import { forgetStoryCoding } from '../sensemaking.js';
import { deleteStoryMedia } from '../media.js';
import type { Kysely, Selectable } from 'kysely';
import { sharedLookup } from '../../batch.js';
import type { ConsentChannel, ConsentGiver, ConsentLevel, DB, StoriesTable } from '../../schema.js';

type Db = Kysely<DB>;

/** What a story's body becomes when it is withdrawn: nothing left to read. */
export const EMPTY_DOC = '{"type":"doc","content":[{"type":"paragraph"}]}';

/** A story as a caller hands it over: the table's own columns, less what the database fills in. */
export type NewStory = Omit<Selectable<StoriesTable>, 'id' | 'withdrawnAt' | 'createdAt' | 'updatedAt' | 'textRev' | 'reviewedRev'>;

export type NewConsent = {
  level: ConsentLevel | null;
  withdrawn?: boolean;
  givenBy: ConsentGiver;
  guardianName: string | null;
  channel: ConsentChannel;
  consentTextVersion: string;
  reason: string | null;
  recordedBy: number | null;
};

export async function insertTeller(
  db: Db,
  t: { kind: 'resident' | 'worker'; displayName: string | null; userId: number | null; under16: boolean },
): Promise<number> {
  const row = await db.insertInto('tellers').values(tellerRow(t)).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export const tellerRow = (t: { kind: 'resident' | 'worker'; displayName: string | null; userId: number | null; under16: boolean }) => ({
  kind: t.kind,
  displayName: t.displayName,
  userId: t.userId,
  under16: t.under16 ? 1 : 0,
});

/** The teller row standing for a worker's own practice stories. */
export async function workerTeller(db: Db, user: { id: number; name: string }): Promise<number> {
  const found = await db.selectFrom('tellers').select('id').where('kind', '=', 'worker').where('userId', '=', user.id).orderBy('id').executeTakeFirst();
  return found ? found.id : insertTeller(db, { kind: 'worker', displayName: user.name, userId: user.id, under16: false });
}

export async function insertStory(db: Db, s: NewStory, consent: NewConsent): Promise<number> {
  const { id } = await db.insertInto('stories').values(s).returning('id').executeTakeFirstOrThrow();
  await addConsent(db, id, consent);
  return id;
}

export async function addConsent(db: Db, storyId: number, c: NewConsent): Promise<void> {
  await db.insertInto('storyConsents').values(consentRow(storyId, c)).execute();
}

/** A story_consents row (`storyId` a number, or an expression for it). */
export const consentRow = <S>(storyId: S, c: NewConsent) => ({ storyId, ...c, withdrawn: c.withdrawn ? 1 : 0 });

export type StoryPatch = Partial<Pick<NewStory, 'title' | 'bodyJson' | 'bodyHtml' | 'bodyText' | 'areaId' | 'phase' | 'happenedOn' | 'language'>>;

export async function updateStory(db: Db, id: number, patch: StoryPatch): Promise<void> {
  await db
    .updateTable('stories')
    .set({ ...patch, updatedAt: new Date().toISOString() })
    .where('id', '=', id)
    .execute();
}

/** Puts a new receipt code's hash on a story; the old code stops working. */
export async function setReceiptHash(db: Db, id: number, hash: string): Promise<void> {
  await db.updateTable('stories').set({ receiptHash: hash }).where('id', '=', id).execute();
}

export async function setConsentLevel(db: Db, id: number, level: ConsentLevel): Promise<void> {
  await db.updateTable('stories').set({ consent: level, updatedAt: new Date().toISOString() }).where('id', '=', id).execute();
}

/** Gives a teller who had no name the name they want shown (with a public story). */
export async function nameTeller(db: Db, tellerId: number, name: string): Promise<void> {
  await db.updateTable('tellers').set({ displayName: name }).where('id', '=', tellerId).where('displayName', 'is', null).execute();
}

/**
 * Withdraws a story: the consent record stays, the text goes (title and body cleared, which also
 * takes it out of the search index; its report version deleted), and so do its placements and
 * outcome tags, and its media rows; returns the media files to delete after the commit. The caller
 * also rewrites stored report versions (redactStoredVersions).
 */
export async function withdrawStory(db: Db, id: number): Promise<string[]> {
  const now = new Date().toISOString();
  await db
    .updateTable('stories')
    .set({ withdrawnAt: now, updatedAt: now, title: '', bodyJson: EMPTY_DOC, bodyHtml: '', bodyText: '' })
    .where('id', '=', id)
    .execute();
  await db.deleteFrom('storyPlacements').where('storyId', '=', id).execute();
  await db.deleteFrom('storyOutcomes').where('storyId', '=', id).execute();
  await deleteReview(db, id);
  await forgetStoryCoding(db, id);
  return deleteStoryMedia(db, id);
}

export type Placement = { variableId: number; position: number | null };

export async function insertPlacements(db: Db, storyId: number, placements: Placement[], byUser: number | null): Promise<void> {
  if (!placements.length) return;
  await db
    .insertInto('storyPlacements')
    .values(placementRows(storyId, placements, byUser))
    .execute();
}

/** A teller's own placements as story_placements rows (`storyId` a number, or an expression for it). */
export const placementRows = <S>(storyId: S, placements: Placement[], byUser: number | null) =>
  placements.map((p) => ({ storyId, variableId: p.variableId, position: p.position, source: 'teller' as const, status: 'accepted' as const, byUser }));

/**
 * The climate variables a project chose, without retired ones (a resident's form asks them, a
 * story's placements are checked against them: on PostgreSQL, lookups arriving together share one query).
 */
export function projectVariables(db: Db, projectId: number): Promise<Selectable<DB['climateVariables']>[]> {
  return lookUpVariables(db, projectId);
}

const lookUpVariables = sharedLookup(async (db: Db, projectIds: number[]) => {
  const rows = await db
    .selectFrom('projectClimateVariables')
    .innerJoin('climateVariables', 'climateVariables.id', 'projectClimateVariables.variableId')
    .selectAll('climateVariables')
    .select('projectClimateVariables.projectId')
    .where('projectClimateVariables.projectId', 'in', [...new Set(projectIds)])
    .where('climateVariables.retiredAt', 'is', null)
    .orderBy('climateVariables.sort')
    .orderBy('climateVariables.id')
    .execute();
  return projectIds.map((id) => rows.filter((r) => r.projectId === id).map(({ projectId: _, ...v }) => v));
});

export async function storyAreaId(db: Db, id: number): Promise<number | null> {
  return (await db.selectFrom('stories').select('areaId').where('id', '=', id).executeTakeFirstOrThrow()).areaId;
}

export async function tellerExists(db: Db, id: number): Promise<boolean> {
  return !!(await db.selectFrom('tellers').select('id').where('id', '=', id).executeTakeFirst());
}

export async function storyIdsOfTeller(db: Db, tellerId: number): Promise<number[]> {
  return (await db.selectFrom('stories').select('id').where('tellerId', '=', tellerId).execute()).map((s) => s.id);
}

/** The consent text version of a story's latest consent record. */
export async function lastConsentTextVersion(db: Db, storyId: number): Promise<string | undefined> {
  const last = await db.selectFrom('storyConsents').select('consentTextVersion').where('storyId', '=', storyId).orderBy('id', 'desc').executeTakeFirst();
  return last?.consentTextVersion;
}
