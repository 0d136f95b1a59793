// Tags of a story: outcomes and climate placements, accepted or suggested.
import type { Kysely } from 'kysely';
import type { DB, TagStatus } from '../../schema.js';
import { listVariables, projectVariableIds } from './variables.js';

type Db = Kysely<DB>;

export type OutcomeTag = { outcomeId: number; note?: string };
export type PlacementTag = { variableId: number; position: number | null };

export async function storyTags(db: Db, storyId: number) {
  const [outcomes, placements] = await Promise.all([
    db
      .selectFrom('storyOutcomes')
      .innerJoin('outcomes', 'outcomes.id', 'storyOutcomes.outcomeId')
      .leftJoin('users', 'users.id', 'storyOutcomes.byUser')
      .select([
        'storyOutcomes.outcomeId',
        'outcomes.title',
        'outcomes.level',
        'storyOutcomes.note',
        'storyOutcomes.status',
        'storyOutcomes.byUser',
        'users.name as byName',
        'storyOutcomes.at',
      ])
      .where('storyOutcomes.storyId', '=', storyId)
      .orderBy('outcomes.sort')
      .execute(),
    db
      .selectFrom('storyPlacements')
      .leftJoin('users', 'users.id', 'storyPlacements.byUser')
      .select([
        'storyPlacements.variableId',
        'storyPlacements.source',
        'storyPlacements.position',
        'storyPlacements.status',
        'storyPlacements.byUser',
        'users.name as byName',
        'storyPlacements.at',
      ])
      .where('storyPlacements.storyId', '=', storyId)
      .orderBy('storyPlacements.variableId')
      .execute(),
  ]);
  return { outcomes, placements };
}

type Tags = { outcomes?: OutcomeTag[]; placements?: PlacementTag[] };

/**
 * Replaces a story's tags of one status, for each kind given. Accepted tags replace everything,
 * settling every open suggestion; suggestions replace only the open suggestions, and an outcome
 * already accepted is not suggested again.
 */
async function replaceTags(db: Db, storyId: number, userId: number, status: TagStatus, tags: Tags) {
  const ofStatus = status === 'suggested';
  if (tags.outcomes) {
    await db
      .deleteFrom('storyOutcomes')
      .where('storyId', '=', storyId)
      .$if(ofStatus, (q) => q.where('status', '=', status))
      .execute();
    const kept = ofStatus
      ? new Set((await db.selectFrom('storyOutcomes').select('outcomeId').where('storyId', '=', storyId).execute()).map((r) => r.outcomeId))
      : new Set<number>();
    const fresh = tags.outcomes.filter((o) => !kept.has(o.outcomeId));
    if (fresh.length)
      await db
        .insertInto('storyOutcomes')
        .values(fresh.map((o) => ({ storyId, outcomeId: o.outcomeId, note: o.note ?? '', status, byUser: userId })))
        .execute();
  }
  if (tags.placements) {
    await db
      .deleteFrom('storyPlacements')
      .where('storyId', '=', storyId)
      .where('source', '=', 'coordinator')
      .$if(ofStatus, (q) => q.where('status', '=', status))
      .execute();
    if (tags.placements.length)
      await db
        .insertInto('storyPlacements')
        .values(
          tags.placements.map((p) => ({ storyId, variableId: p.variableId, source: 'coordinator' as const, position: p.position, status, byUser: userId })),
        )
        .execute();
  }
}

/** A coordinator's tags: they replace the accepted set and settle every open suggestion. */
export const setAcceptedTags = (db: Db, storyId: number, userId: number, tags: Tags) => replaceTags(db, storyId, userId, 'accepted', tags);

/** A worker's tags: they replace the open suggestions; accepted tags stay as they are. */
export const setSuggestedTags = (db: Db, storyId: number, userId: number, tags: Tags) => replaceTags(db, storyId, userId, 'suggested', tags);

/** Turns suggestions into accepted tags (all, or the named outcomes and variables). Returns what was accepted. */
export async function acceptSuggestions(db: Db, storyId: number, only: { outcomeIds?: number[]; variableIds?: number[] }) {
  let oq = db.selectFrom('storyOutcomes').select('outcomeId').where('storyId', '=', storyId).where('status', '=', 'suggested');
  if (only.outcomeIds) oq = oq.where('outcomeId', 'in', only.outcomeIds.length ? only.outcomeIds : [-1]);
  const outcomeIds = (await oq.execute()).map((r) => r.outcomeId);
  if (outcomeIds.length)
    await db.updateTable('storyOutcomes').set({ status: 'accepted' }).where('storyId', '=', storyId).where('outcomeId', 'in', outcomeIds).execute();

  let pq = db
    .selectFrom('storyPlacements')
    .select(['id', 'variableId'])
    .where('storyId', '=', storyId)
    .where('source', '=', 'coordinator')
    .where('status', '=', 'suggested');
  if (only.variableIds) pq = pq.where('variableId', 'in', only.variableIds.length ? only.variableIds : [-1]);
  const placements = await pq.execute();
  for (const p of placements) {
    await db
      .deleteFrom('storyPlacements')
      .where('storyId', '=', storyId)
      .where('variableId', '=', p.variableId)
      .where('source', '=', 'coordinator')
      .where('status', '=', 'accepted')
      .execute();
    await db.updateTable('storyPlacements').set({ status: 'accepted' }).where('id', '=', p.id).execute();
  }
  return { outcomeIds, variableIds: placements.map((p) => p.variableId) };
}

/** Bulk tagging adds: outcomes are added (or their note updated), placements set per named variable. */
export async function addAcceptedTags(db: Db, storyId: number, userId: number, tags: { outcomes?: OutcomeTag[]; placements?: PlacementTag[] }) {
  for (const o of tags.outcomes ?? []) {
    await db
      .insertInto('storyOutcomes')
      .values({ storyId, outcomeId: o.outcomeId, note: o.note ?? '', status: 'accepted', byUser: userId })
      .onConflict((oc) => oc.columns(['storyId', 'outcomeId']).doUpdateSet({ status: 'accepted', note: o.note ?? '', byUser: userId }))
      .execute();
  }
  for (const p of tags.placements ?? []) {
    await db.deleteFrom('storyPlacements').where('storyId', '=', storyId).where('variableId', '=', p.variableId).where('source', '=', 'coordinator').execute();
    await db
      .insertInto('storyPlacements')
      .values({ storyId, variableId: p.variableId, source: 'coordinator', position: p.position, status: 'accepted', byUser: userId })
      .execute();
  }
}

/** Teller and coordinator placements of one story, side by side per variable. */
export async function placementsSideBySide(db: Db, storyId: number, projectId: number) {
  const [placements, chosen, variables] = await Promise.all([
    db.selectFrom('storyPlacements').select(['variableId', 'source', 'position', 'status', 'byUser']).where('storyId', '=', storyId).execute(),
    projectVariableIds(db, projectId),
    listVariables(db, true),
  ]);
  const ids = new Set([...chosen, ...placements.map((p) => p.variableId)]);
  return variables
    .filter((v) => ids.has(v.id))
    .map((v) => {
      const teller = placements.find((p) => p.variableId === v.id && p.source === 'teller');
      const coordinator = placements.find((p) => p.variableId === v.id && p.source === 'coordinator' && p.status === 'accepted');
      const suggestion = placements.find((p) => p.variableId === v.id && p.source === 'coordinator' && p.status === 'suggested');
      const slot = (p: typeof teller) => (p ? { position: p.position, applies: p.position !== null } : null);
      return {
        variable: v,
        teller: slot(teller),
        coordinator: slot(coordinator),
        suggestion: suggestion ? { position: suggestion.position, byUser: suggestion.byUser } : null,
        difference: teller?.position != null && coordinator?.position != null ? coordinator.position - teller.position : null,
      };
    });
}

/** Which of these stories are tagged with which of these outcomes (any status). */
export const storyOutcomeLinks = (db: Db, storyIds: number[], outcomeIds: number[]) =>
  db.selectFrom('storyOutcomes').select(['outcomeId', 'storyId']).where('storyId', 'in', storyIds).where('outcomeId', 'in', outcomeIds).execute();

/** Which of these stories have a placement (any source or status) on which of these variables. */
export const storyPlacementLinks = (db: Db, storyIds: number[], variableIds: number[]) =>
  db.selectFrom('storyPlacements').select(['variableId', 'storyId']).where('storyId', 'in', storyIds).where('variableId', 'in', variableIds).execute();

/** The accepted outcome tags of these outcomes, optionally only on these stories. */
export function acceptedOutcomeTags(db: Db, outcomeIds: number[], storyIds?: number[]) {
  return db
    .selectFrom('storyOutcomes')
    .select(['storyId', 'outcomeId'])
    .$if(storyIds !== undefined, (q) => q.where('storyId', 'in', storyIds!))
    .where('outcomeId', 'in', outcomeIds)
    .where('status', '=', 'accepted')
    .execute();
}
