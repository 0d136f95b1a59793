// Who may see what, decided in one place. Every read path narrows its query through here.
import { sql, type Kysely } from 'kysely';
import type { ConsentLevel, DB, Phase } from '../db/schema.js';
import { forbidden, notFound } from './errors.js';
import type { SessionUser } from './types.js';

export const isStaff = (user: SessionUser) => user.role === 'admin' || user.role === 'coordinator';

/** The project ids a user works on; `null` means all projects (staff). */
export async function projectScope(db: Kysely<DB>, user: SessionUser): Promise<number[] | null> {
  if (isStaff(user)) return null;
  if (user.role !== 'worker') return [];
  const rows = await db.selectFrom('projectMembers').select('projectId').where('userId', '=', user.id).execute();
  return rows.map((r) => r.projectId);
}

/** Throws 404 unless the project exists and the user may see it (403 for funders, who see no projects). */
export async function assertProjectVisible(db: Kysely<DB>, user: SessionUser, projectId: number): Promise<void> {
  if (user.role === 'funder') throw forbidden();
  const project = await db.selectFrom('projects').select('id').where('id', '=', projectId).executeTakeFirst();
  if (!project) throw notFound('Project niet gevonden / Project not found');
  const scope = await projectScope(db, user);
  if (scope && !scope.includes(projectId)) throw notFound('Project niet gevonden / Project not found');
}

/** Workers may write to their own projects; staff to all. */
export async function assertProjectWritable(db: Kysely<DB>, user: SessionUser, projectId: number): Promise<void> {
  await assertProjectVisible(db, user, projectId);
  if (!isStaff(user) && user.role !== 'worker') throw forbidden();
}

// --- reports (issue 6) ---------------------------------------------------------------------------
//
// The consent rule for reports, the same for every audience (funder, municipality, internal,
// residents): a story reaches a report only with consent 'report' or 'public' and while not
// withdrawn. 'team' stories never leave the team — not even into an internal report. 'report'
// stories appear anonymised: no teller name, no recorder, no exact date. 'public' stories carry
// the teller's chosen name, except for tellers under 16, whose names never appear in reports.

export type StoryDisclosure = 'named' | 'anonymous';

export type ReportableStory = {
  id: number;
  projectId: number;
  areaId: number | null;
  areaName: string | null;
  title: string;
  bodyHtml: string;
  bodyText: string;
  phase: Phase | null;
  /** YYYY-MM for anonymised stories (no exact date), YYYY-MM-DD for named ones */
  when: string;
  /** the full date, for grouping by period only: never shown for anonymised stories */
  date: string;
  language: string;
  disclosure: StoryDisclosure;
  /** the chosen name, only for 'named' stories that have one */
  tellerName: string | null;
};

// The column is tellers.under_16; CamelCasePlugin maps `under16` to `under16`, so name it raw.
const tellerUnder16 = sql<number>`tellers.under_16`;
const storyDate = sql<string>`coalesce(${sql.ref('stories.happenedOn')}, substr(${sql.ref('stories.createdAt')}, 1, 10))`;

/** How a story with this consent may appear in a report; null = not at all. */
export function reportDisclosure(story: { consent: ConsentLevel; withdrawnAt: string | null; under16: number }): StoryDisclosure | null {
  if (story.withdrawnAt) return null;
  if (story.consent === 'public') return story.under16 ? 'anonymous' : 'named';
  if (story.consent === 'report') return 'anonymous';
  return null;
}

/**
 * The stories a report may show, already stripped to what their consent allows: the projects'
 * stories (optionally narrowed to areas and ids) that happened within [from, to].
 */
export async function reportableStories(
  db: Kysely<DB>,
  opts: { projectIds: number[]; areaIds?: number[]; from: string; to: string; storyIds?: number[] },
): Promise<ReportableStory[]> {
  if (!opts.projectIds.length || (opts.storyIds && !opts.storyIds.length)) return [];
  let q = db
    .selectFrom('stories')
    .innerJoin('tellers', 'tellers.id', 'stories.tellerId')
    .leftJoin('areas', 'areas.id', 'stories.areaId')
    .select([
      'stories.id',
      'stories.projectId',
      'stories.areaId',
      'areas.name as areaName',
      'stories.title',
      'stories.bodyHtml',
      'stories.bodyText',
      'stories.phase',
      'stories.language',
      'stories.consent',
      'stories.withdrawnAt',
      'tellers.displayName',
      tellerUnder16.as('under16'),
      storyDate.as('date'),
    ])
    .where('stories.projectId', 'in', opts.projectIds)
    .where('stories.consent', 'in', ['report', 'public'])
    .where('stories.withdrawnAt', 'is', null)
    .where(storyDate, '>=', opts.from)
    .where(storyDate, '<=', opts.to)
    .orderBy(storyDate)
    .orderBy('stories.id');
  if (opts.areaIds?.length) q = q.where('stories.areaId', 'in', opts.areaIds);
  if (opts.storyIds) q = q.where('stories.id', 'in', opts.storyIds);
  const rows = await q.execute();
  return rows.flatMap((r) => {
    const disclosure = reportDisclosure(r);
    if (!disclosure) return [];
    return [
      {
        id: r.id,
        projectId: r.projectId,
        areaId: r.areaId,
        areaName: r.areaName,
        title: r.title,
        bodyHtml: r.bodyHtml,
        bodyText: r.bodyText,
        phase: r.phase,
        when: disclosure === 'named' ? r.date : r.date.slice(0, 7),
        date: r.date,
        language: r.language,
        disclosure,
        tellerName: disclosure === 'named' ? r.displayName : null,
      },
    ];
  });
}

/**
 * How stories frozen into a published version may be shown now: a story withdrawn, erased or
 * moved back to 'team' since publication becomes a placeholder; one moved from 'public' to
 * 'report' loses its name.
 */
export async function currentDisclosure(db: Kysely<DB>, storyIds: number[]): Promise<Map<number, StoryDisclosure | null>> {
  const result = new Map<number, StoryDisclosure | null>(storyIds.map((id) => [id, null]));
  if (!storyIds.length) return result;
  const rows = await db
    .selectFrom('stories')
    .innerJoin('tellers', 'tellers.id', 'stories.tellerId')
    .select(['stories.id', 'stories.consent', 'stories.withdrawnAt', tellerUnder16.as('under16')])
    .where('stories.id', 'in', storyIds)
    .execute();
  for (const r of rows) result.set(r.id, reportDisclosure(r));
  return result;
}

/** The report ids a user may list: null = all (staff); funders only those shared with them. */
export async function reportScope(db: Kysely<DB>, user: SessionUser): Promise<number[] | null> {
  if (isStaff(user)) return null;
  if (user.role !== 'funder') throw forbidden();
  const rows = await db.selectFrom('reportShares').select('reportId').where('userId', '=', user.id).execute();
  return rows.map((r) => r.reportId);
}

/**
 * What a user may see of one report: 'all' (staff: definition, preview, every version) or
 * 'published' (a funder it is shared with: published versions only). Otherwise 404 (funders,
 * so they cannot probe for reports) or 403 (workers).
 */
export async function reportAccess(db: Kysely<DB>, user: SessionUser, reportId: number): Promise<'all' | 'published'> {
  const report = await db.selectFrom('reports').select('id').where('id', '=', reportId).executeTakeFirst();
  if (isStaff(user)) {
    if (!report) throw notFound('Rapportage niet gevonden / Report not found');
    return 'all';
  }
  if (user.role !== 'funder') throw forbidden();
  const scope = await reportScope(db, user);
  if (!report || !scope!.includes(reportId)) throw notFound('Rapportage niet gevonden / Report not found');
  return 'published';
}
