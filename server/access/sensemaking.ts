// Sensemaking: tagging and coding a story, and who sees what in a Most Significant Change round.
import { sql, type Kysely } from 'kysely';
import type { ConsentLevel, DB, StoryQuery } from '../../db/schema.js';
import { roundCandidateQuery } from '../../db/repositories/sensemaking.js';
import { notFound } from '../errors.js';
import type { SessionUser } from '../types.js';
import { reportDisclosure, reportVersionsOf } from './reports.js';
import { isStaff } from './scope.js';
import { consentedStories, reportStories, storiesInScope, tellerNameForReport } from './stories.js';

// ---- Sensemaking (issue 4) ----

/** The story if the user may see it for tagging and coding (404 otherwise, 403 for funders). */
export async function assertStoryVisibleForSensemaking(db: Kysely<DB>, user: SessionUser, storyId: number) {
  const story = await (
    await storiesInScope(db, user)
  )
    .select([
      'stories.id',
      'stories.projectId',
      'stories.areaId',
      'stories.title',
      'stories.bodyText',
      'stories.consent',
      'stories.withdrawnAt',
      'stories.updatedAt',
    ])
    .where('stories.id', '=', storyId)
    .executeTakeFirst();
  if (!story) throw notFound('Verhaal niet gevonden / Story not found');
  return story;
}

/** A Most Significant Change round: staff see all; panel members see the rounds they sit on. */
export async function assertMscRoundVisible(db: Kysely<DB>, user: SessionUser, roundId: number): Promise<{ isPanel: boolean }> {
  const round = await db.selectFrom('mscRounds').select('id').where('id', '=', roundId).executeTakeFirst();
  if (!round) throw notFound('Ronde niet gevonden / Round not found');
  const member = await db.selectFrom('mscPanelMembers').select('userId').where('roundId', '=', roundId).where('userId', '=', user.id).executeTakeFirst();
  if (!member && !isStaff(user)) throw notFound('Ronde niet gevonden / Round not found');
  return { isPanel: !!member };
}

/**
 * Most Significant Change asks for independent choices first: a panel member sees the others'
 * picks and reasons only once they made their own, or when the round has closed. Staff who are
 * not on the panel follow who has picked (to remind the others), not what or why, until it
 * closes. Everyone who may read the round sees who has picked.
 */
export function mscPicksFor<P extends { userId: number; userName: string; at: string }>(
  user: SessionUser,
  round: { status: 'open' | 'closed' },
  isPanel: boolean,
  picks: P[],
): { picks: P[]; pickedBy: { userId: number; userName: string; at: string }[]; picksHidden: boolean } {
  const pickedBy = picks.map(({ userId, userName, at }) => ({ userId, userName, at }));
  const own = picks.filter((p) => p.userId === user.id);
  const open = round.status === 'closed' || (isPanel && own.length > 0);
  return { picks: open ? picks : own, pickedBy, picksHidden: !open && picks.length > own.length };
}

// ---- Most Significant Change panels beyond the team (issue 13) ----

/**
 * A round's panel stays inside the team when every member is staff (admin, coordinator): then the
 * stories that may leave the team are offered as they are, reviewed or not. A panel with anyone
 * else (a funder, a worker) reaches beyond it: only stories with a current review, in their
 * report version (reportStories).
 */
export async function mscPanelInside(db: Kysely<DB>, roundId: number): Promise<boolean> {
  const outsider = await db
    .selectFrom('mscPanelMembers')
    .innerJoin('users', 'users.id', 'mscPanelMembers.userId')
    .select('users.id')
    .where('mscPanelMembers.roundId', '=', roundId)
    .where('users.role', 'not in', ['admin', 'coordinator'])
    .executeTakeFirst();
  return !outsider;
}

/**
 * Candidate stories of a round, of its projects and period: for a panel beyond the team the
 * stories a report may show, in their reviewed report version (reportStories); for a panel of
 * staff only, every story that may leave the team, as it is (consentedStories).
 */
export async function mscCandidates(db: Kysely<DB>, round: { id: number; periodFrom: string; periodTo: string }) {
  const inside = await mscPanelInside(db, round.id);
  const rows = inside
    ? await roundCandidateQuery(db, consentedStories(db), round).select(['stories.title', 'stories.bodyHtml']).execute()
    : // the report version's title and text (reportText), not the story's own
      await roundCandidateQuery(db, reportStories(db) as StoryQuery, round)
        .select([sql<string>`${sql.ref('storyReviews.title')}`.as('title'), sql<string>`${sql.ref('storyReviews.bodyHtml')}`.as('bodyHtml')])
        .execute();
  return rows.map(({ displayName, ...r }) => ({ ...r, tellerName: tellerNameForReport(r.consent, { name: displayName, under16: r.under16 }) }));
}

/**
 * One story as a reader of a Most Significant Change round may see it now: staff as the team
 * does; anyone else the date of an anonymised story only to the month (as reports show it).
 */
export function mscStoryFor<S extends { consent: ConsentLevel; under16: number | boolean; date: string; happenedOn: string | null }>(
  user: SessionUser,
  s: S,
): S {
  if (isStaff(user) || reportDisclosure({ consent: s.consent, withdrawnAt: null, under16: Number(s.under16) }) === 'named') return s;
  return { ...s, date: s.date.slice(0, 7), happenedOn: null };
}

/**
 * The title a reader of a round may see of a selected story now: none once it was withdrawn or
 * moved back to 'team'; for readers who are not staff, only its reviewed report version's title,
 * and none while that is missing or stale (null: held back).
 */
export async function mscSelectionTitles(db: Kysely<DB>, user: SessionUser, storyIds: number[]): Promise<Map<number, string | null>> {
  const out = new Map<number, string | null>(storyIds.map((id) => [id, null]));
  if (!storyIds.length) return out;
  if (isStaff(user)) {
    for (const r of await consentedStories(db).select(['stories.id', 'stories.title']).where('stories.id', 'in', storyIds).execute()) out.set(r.id, r.title);
  } else {
    for (const [id, t] of await reportVersionsOf(db, storyIds)) out.set(id, t.title);
  }
  return out;
}
