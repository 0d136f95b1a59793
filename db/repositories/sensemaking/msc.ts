// Most Significant Change: rounds, panels, picks and selections.
import type { Kysely } from 'kysely';
import type { DB, StoryQuery } from '../../schema.js';
import { storyDate } from '../story-date.js';

type Db = Kysely<DB>;

export async function getRound(db: Db, id: number) {
  const round = await db
    .selectFrom('mscRounds')
    .select(['id', 'domain', 'description', 'periodFrom', 'periodTo', 'status', 'createdBy', 'createdAt', 'closedAt', 'fedBackAt'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!round) return undefined;
  const [projects, panel] = await Promise.all([
    db
      .selectFrom('mscRoundProjects')
      .innerJoin('projects', 'projects.id', 'mscRoundProjects.projectId')
      .select(['projects.id', 'projects.name'])
      .where('roundId', '=', id)
      .orderBy('projects.name')
      .execute(),
    db
      .selectFrom('mscPanelMembers')
      .innerJoin('users', 'users.id', 'mscPanelMembers.userId')
      .select(['users.id', 'users.name', 'users.role'])
      .where('roundId', '=', id)
      .orderBy('users.name')
      .execute(),
  ]);
  return { ...round, projects, panel };
}

export async function listRounds(db: Db, onlyForUser: number | null) {
  let q = db.selectFrom('mscRounds').select('id').orderBy('createdAt', 'desc').orderBy('id', 'desc');
  if (onlyForUser !== null) q = q.where('id', 'in', db.selectFrom('mscPanelMembers').select('roundId').where('userId', '=', onlyForUser));
  const ids = await q.execute();
  return Promise.all(ids.map(async (r) => (await getRound(db, r.id))!));
}

/** Of `shown` (a query narrowed by server/access.ts: mscCandidates), a round's projects and period, oldest first. */
export function roundCandidateQuery(db: Db, shown: StoryQuery, round: { id: number; periodFrom: string; periodTo: string }) {
  return shown
    .innerJoin('projects', 'projects.id', 'stories.projectId')
    .innerJoin('tellers', 'tellers.id', 'stories.tellerId')
    .leftJoin('areas', 'areas.id', 'stories.areaId')
    .select([
      'stories.id',
      'stories.projectId',
      'projects.name as projectName',
      'areas.name as areaName',
      'stories.happenedOn',
      'stories.consent',
      'stories.language',
      'tellers.displayName',
      'tellers.under16',
    ])
    .select(storyDate.as('date'))
    .where('stories.projectId', 'in', db.selectFrom('mscRoundProjects').select('projectId').where('roundId', '=', round.id))
    .where(storyDate, '>=', round.periodFrom)
    .where(storyDate, '<=', round.periodTo)
    .orderBy(storyDate)
    .orderBy('stories.id');
}

export async function roundPicks(db: Db, roundId: number) {
  return db
    .selectFrom('mscPicks')
    .innerJoin('users', 'users.id', 'mscPicks.userId')
    .select(['mscPicks.userId', 'users.name as userName', 'mscPicks.storyId', 'mscPicks.reason', 'mscPicks.at'])
    .where('roundId', '=', roundId)
    .orderBy('mscPicks.at')
    .execute();
}

export async function roundSelections(db: Db, roundId: number) {
  const rows = await db
    .selectFrom('mscSelections')
    .leftJoin('users', 'users.id', 'mscSelections.userId')
    .select(['mscSelections.storyId', 'mscSelections.reason', 'users.name as userName'])
    .where('roundId', '=', roundId)
    .orderBy('mscSelections.id')
    .execute();
  // no titles here: what a reader may see of a selected story now is access.ts's mscSelectionTitles
  const out: { storyId: number; reasons: { reason: string; by: string | null }[] }[] = [];
  for (const r of rows) {
    let s = out.find((o) => o.storyId === r.storyId);
    if (!s) out.push((s = { storyId: r.storyId, reasons: [] }));
    s.reasons.push({ reason: r.reason, by: r.userName });
  }
  return out;
}

/** For the resident's receipt page: the rounds that selected this story, once fed back, with the reasons. */
export async function selectionsForStory(db: Kysely<DB>, storyId: number) {
  const rows = await db
    .selectFrom('mscSelections')
    .innerJoin('mscRounds', 'mscRounds.id', 'mscSelections.roundId')
    .select([
      'mscRounds.id as roundId',
      'mscRounds.domain',
      'mscRounds.periodFrom',
      'mscRounds.periodTo',
      'mscRounds.closedAt',
      'mscRounds.fedBackAt',
      'mscSelections.reason',
    ])
    .where('mscSelections.storyId', '=', storyId)
    .where('mscRounds.status', '=', 'closed')
    .where('mscRounds.fedBackAt', 'is not', null)
    .orderBy('mscRounds.closedAt')
    .orderBy('mscSelections.id')
    .execute();
  // Who chose, as the teller may hear it: the panel's roles (admins count as coordinators), never names.
  const members = rows.length
    ? await db
        .selectFrom('mscPanelMembers')
        .innerJoin('users', 'users.id', 'mscPanelMembers.userId')
        .select(['mscPanelMembers.roundId', 'users.role'])
        .where('mscPanelMembers.roundId', 'in', [...new Set(rows.map((r) => r.roundId))])
        .execute()
    : [];
  const panelOf = (roundId: number) =>
    panelRoles.filter((role) => members.some((m) => m.roundId === roundId && (m.role === role || (role === 'coordinator' && m.role === 'admin'))));
  const out: {
    roundId: number;
    domain: string;
    periodFrom: string;
    periodTo: string;
    closedAt: string | null;
    fedBackAt: string | null;
    panel: PanelRole[];
    reasons: string[];
  }[] = [];
  for (const { reason, ...r } of rows) {
    let s = out.find((o) => o.roundId === r.roundId);
    if (!s) out.push((s = { ...r, panel: panelOf(r.roundId), reasons: [] }));
    s.reasons.push(reason);
  }
  return out;
}

/** The roles a panel is described by to a teller, in this order. */
export const panelRoles = ['coordinator', 'worker', 'funder'] as const;
export type PanelRole = (typeof panelRoles)[number];

/** Opens a round over these projects with this panel; returns its id. */
export async function insertRound(
  db: Db,
  round: { domain: string; description: string; periodFrom: string; periodTo: string; createdBy: number },
  projectIds: number[],
  panelUserIds: number[],
): Promise<number> {
  const { id } = await db.insertInto('mscRounds').values(round).returning('id').executeTakeFirstOrThrow();
  await db
    .insertInto('mscRoundProjects')
    .values(projectIds.map((projectId) => ({ roundId: id, projectId })))
    .execute();
  await db
    .insertInto('mscPanelMembers')
    .values(panelUserIds.map((userId) => ({ roundId: id, userId })))
    .execute();
  return id;
}

/** A panel member's pick, replacing their earlier one in the round. */
export async function savePick(db: Db, pick: { roundId: number; userId: number; storyId: number; reason: string; at: string }): Promise<void> {
  await db
    .insertInto('mscPicks')
    .values(pick)
    .onConflict((oc) => oc.columns(['roundId', 'userId']).doUpdateSet({ storyId: pick.storyId, reason: pick.reason, at: pick.at }))
    .execute();
}

/** Closes a round, recording these picks as its selection. */
export async function closeRound(db: Db, roundId: number, picks: { storyId: number; userId: number; reason: string }[]): Promise<void> {
  if (picks.length)
    await db
      .insertInto('mscSelections')
      .values(picks.map((p) => ({ roundId, storyId: p.storyId, userId: p.userId, reason: p.reason })))
      .execute();
  await db.updateTable('mscRounds').set({ status: 'closed', closedAt: new Date().toISOString() }).where('id', '=', roundId).execute();
}

export async function markRoundFedBack(db: Db, roundId: number): Promise<void> {
  await db.updateTable('mscRounds').set({ fedBackAt: new Date().toISOString() }).where('id', '=', roundId).execute();
}
