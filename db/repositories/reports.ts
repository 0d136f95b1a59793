import type { Kysely, Selectable } from 'kysely';
import type { DB, ReportAudience, ReportsTable } from '../schema.js';

export type ReportInput = {
  title: string;
  audience: ReportAudience;
  periodFrom: string;
  periodTo: string;
  projectIds: number[];
  areaIds: number[];
  outcomeIds: number[];
  sections: string[];
  introJson: unknown;
  introHtml: string;
  perOutcome: OutcomeText[];
};

/**
 * What the coordinator says per outcome of a report: a narrative (tiptap JSON and its sanitised
 * HTML) and the stories chosen to illustrate it, in order (null: not chosen, the report suggests).
 */
export type OutcomeText = { outcomeId: number; narrative: unknown; narrativeHtml: string; storyIds: number[] | null };

export type ReportRow = Omit<Selectable<ReportsTable>, 'projectIds' | 'areaIds' | 'outcomeIds' | 'sections' | 'introJson' | 'outcomeTexts'> & {
  projectIds: number[];
  areaIds: number[];
  outcomeIds: number[];
  sections: string[];
  intro: unknown;
  perOutcome: OutcomeText[];
};

const parse = (r: Selectable<ReportsTable>): ReportRow => {
  const { introJson, outcomeTexts, ...rest } = r;
  return {
    ...rest,
    projectIds: JSON.parse(r.projectIds),
    areaIds: JSON.parse(r.areaIds),
    outcomeIds: JSON.parse(r.outcomeIds),
    sections: JSON.parse(r.sections),
    intro: JSON.parse(introJson),
    perOutcome: JSON.parse(outcomeTexts),
  };
};

const serialise = (input: Partial<ReportInput>) => {
  const { projectIds, areaIds, outcomeIds, sections, introJson, perOutcome, ...rest } = input;
  return {
    ...rest,
    ...(projectIds ? { projectIds: JSON.stringify(projectIds) } : {}),
    ...(areaIds ? { areaIds: JSON.stringify(areaIds) } : {}),
    ...(outcomeIds ? { outcomeIds: JSON.stringify(outcomeIds) } : {}),
    ...(sections ? { sections: JSON.stringify(sections) } : {}),
    ...(introJson !== undefined ? { introJson: JSON.stringify(introJson) } : {}),
    ...(perOutcome ? { outcomeTexts: JSON.stringify(perOutcome) } : {}),
  };
};

export async function getReport(db: Kysely<DB>, id: number): Promise<ReportRow | undefined> {
  const r = await db.selectFrom('reports').selectAll().where('id', '=', id).executeTakeFirst();
  return r && parse(r);
}

/** Reports with their latest published version number; `ids` null = all. */
export async function listReports(db: Kysely<DB>, ids: number[] | null) {
  if (ids && !ids.length) return [];
  let q = db
    .selectFrom('reports')
    .leftJoin('reportVersions', 'reportVersions.reportId', 'reports.id')
    .select((eb) => [
      'reports.id',
      'reports.title',
      'reports.audience',
      'reports.periodFrom',
      'reports.periodTo',
      'reports.updatedAt',
      eb.fn.max('reportVersions.number').as('latestVersion'),
      eb.fn.max('reportVersions.publishedAt').as('latestPublishedAt'),
    ])
    .groupBy(['reports.id', 'reports.title', 'reports.audience', 'reports.periodFrom', 'reports.periodTo', 'reports.updatedAt'])
    .orderBy('reports.updatedAt', 'desc')
    .orderBy('reports.id', 'desc');
  if (ids) q = q.where('reports.id', 'in', ids);
  const rows = await q.execute();
  return rows.map((r) => ({
    ...r,
    latestVersion: r.latestVersion == null ? null : Number(r.latestVersion),
    latestPublishedAt: (r.latestPublishedAt as string | null) ?? null,
  }));
}

export async function insertReport(db: Kysely<DB>, input: ReportInput, createdBy: number): Promise<number> {
  const { id } = await db
    .insertInto('reports')
    .values({
      ...(serialise(input) as Required<ReturnType<typeof serialise>> & {
        introJson: string;
        title: string;
        audience: ReportAudience;
        periodFrom: string;
        periodTo: string;
        introHtml: string;
      }),
      createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function updateReport(db: Kysely<DB>, id: number, input: Partial<ReportInput>): Promise<void> {
  await db
    .updateTable('reports')
    .set({ ...serialise(input), updatedAt: new Date().toISOString() })
    .where('id', '=', id)
    .execute();
}

export async function listVersions(db: Kysely<DB>, reportId: number) {
  return db
    .selectFrom('reportVersions')
    .leftJoin('users', 'users.id', 'reportVersions.publishedBy')
    .select(['reportVersions.number', 'reportVersions.publishedAt', 'users.name as publishedBy'])
    .where('reportId', '=', reportId)
    .orderBy('number', 'desc')
    .execute();
}

export async function getVersion(db: Kysely<DB>, reportId: number, number: number) {
  return db
    .selectFrom('reportVersions')
    .leftJoin('users', 'users.id', 'reportVersions.publishedBy')
    .select([
      'reportVersions.id',
      'reportVersions.reportId',
      'reportVersions.number',
      'reportVersions.dataJson',
      'reportVersions.html',
      'reportVersions.publishedAt',
      'users.name as publishedBy',
    ])
    .where('reportId', '=', reportId)
    .where('number', '=', number)
    .executeTakeFirst();
}

/** A version without its (large) data and page: for serving it from the cache in server/reports/redact.ts. */
export async function getVersionMeta(db: Kysely<DB>, reportId: number, number: number) {
  return db
    .selectFrom('reportVersions')
    .leftJoin('users', 'users.id', 'reportVersions.publishedBy')
    .select(['reportVersions.id', 'reportVersions.reportId', 'reportVersions.number', 'reportVersions.publishedAt', 'users.name as publishedBy'])
    .where('reportId', '=', reportId)
    .where('number', '=', number)
    .executeTakeFirst();
}

export async function getVersionBody(db: Kysely<DB>, id: number) {
  return db.selectFrom('reportVersions').select(['dataJson', 'html']).where('id', '=', id).executeTakeFirstOrThrow();
}

export async function insertVersion(
  db: Kysely<DB>,
  v: {
    reportId: number;
    dataJson: string;
    html: string;
    publishedBy: number;
    publishedAt: string;
    storyIds: number[];
    title: string;
    periodFrom: string;
    periodTo: string;
  },
) {
  const last = await db
    .selectFrom('reportVersions')
    .select((eb) => eb.fn.max('number').as('n'))
    .where('reportId', '=', v.reportId)
    .executeTakeFirst();
  const number = Number(last?.n ?? 0) + 1;
  const { id } = await db
    .insertInto('reportVersions')
    .values({
      reportId: v.reportId,
      number,
      dataJson: v.dataJson,
      html: v.html,
      publishedBy: v.publishedBy,
      publishedAt: v.publishedAt,
      title: v.title,
      periodFrom: v.periodFrom,
      periodTo: v.periodTo,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (v.storyIds.length)
    await db
      .insertInto('reportVersionStories')
      .values(v.storyIds.map((storyId) => ({ versionId: id, storyId })))
      .execute();
  return { id, number };
}

/**
 * For a funder's list: each report as its latest published version says (title, period), never
 * the draft. Versions published before migration 0014 are read from their data.
 */
export async function publishedHeads(db: Kysely<DB>, reportIds: number[]): Promise<Map<number, { title: string; periodFrom: string; periodTo: string }>> {
  if (!reportIds.length) return new Map();
  const latest = db
    .selectFrom('reportVersions')
    .select((eb) => ['reportId', eb.fn.max('number').as('n')])
    .where('reportId', 'in', reportIds)
    .groupBy('reportId')
    .as('latest');
  const rows = await db
    .selectFrom('reportVersions')
    .innerJoin(latest, (j) => j.onRef('latest.reportId', '=', 'reportVersions.reportId').onRef('latest.n', '=', 'reportVersions.number'))
    .select(['reportVersions.id', 'reportVersions.reportId', 'reportVersions.title', 'reportVersions.periodFrom', 'reportVersions.periodTo'])
    .execute();
  const out = new Map<number, { title: string; periodFrom: string; periodTo: string }>();
  for (const r of rows) {
    if (r.title != null && r.periodFrom != null && r.periodTo != null) out.set(r.reportId, { title: r.title, periodFrom: r.periodFrom, periodTo: r.periodTo });
    else {
      const { dataJson } = await db.selectFrom('reportVersions').select('dataJson').where('id', '=', r.id).executeTakeFirstOrThrow();
      const { title, periodFrom, periodTo } = (JSON.parse(dataJson) as { report: { title: string; periodFrom: string; periodTo: string } }).report;
      out.set(r.reportId, { title, periodFrom, periodTo });
    }
  }
  return out;
}

export async function listShares(db: Kysely<DB>, reportId: number) {
  return db
    .selectFrom('reportShares')
    .innerJoin('users', 'users.id', 'reportShares.userId')
    .select(['users.id as userId', 'users.name', 'users.email', 'reportShares.sharedAt'])
    .where('reportId', '=', reportId)
    .orderBy('users.name')
    .execute();
}

/** The published reports a story appears in (for the teller's receipt: "used in a report"). */
export async function reportsUsingStory(db: Kysely<DB>, storyId: number) {
  return db
    .selectFrom('reportVersionStories')
    .innerJoin('reportVersions', 'reportVersions.id', 'reportVersionStories.versionId')
    .innerJoin('reports', 'reports.id', 'reportVersions.reportId')
    .select(['reports.title', 'reportVersions.number', 'reportVersions.publishedAt'])
    .where('reportVersionStories.storyId', '=', storyId)
    .orderBy('reportVersions.publishedAt')
    .execute();
}

// --- read links (migration 0010) -----------------------------------------------------------------

export const linkStatuses = ['active', 'expired', 'revoked'] as const;
export type LinkStatus = (typeof linkStatuses)[number];

/** A link's status at `now`: a revocation outranks the expiry. */
export function linkStatus(link: { expiresAt: string; revokedAt: string | null }, now = Date.now()): LinkStatus {
  if (link.revokedAt) return 'revoked';
  return Date.parse(link.expiresAt) <= now ? 'expired' : 'active';
}

function linkRows(db: Kysely<DB>) {
  return db
    .selectFrom('reportLinks')
    .leftJoin('users as creator', 'creator.id', 'reportLinks.createdBy')
    .leftJoin('users as revoker', 'revoker.id', 'reportLinks.revokedBy')
    .select([
      'reportLinks.id',
      'reportLinks.reportId',
      'reportLinks.label',
      'reportLinks.createdAt',
      'creator.name as createdBy',
      'reportLinks.expiresAt',
      'reportLinks.revokedAt',
      'revoker.name as revokedBy',
    ]);
}

type LinkRow = Awaited<ReturnType<ReturnType<typeof linkRows>['executeTakeFirstOrThrow']>>;
const withStatus = (r: LinkRow) => ({ ...r, status: linkStatus(r) });

/** A report's read links, newest first; never the token (only its hash is stored). */
export async function listLinks(db: Kysely<DB>, reportId: number) {
  const rows = await linkRows(db)
    .where('reportLinks.reportId', '=', reportId)
    .orderBy('reportLinks.createdAt', 'desc')
    .orderBy('reportLinks.id', 'desc')
    .execute();
  return rows.map(withStatus);
}

/** One read link of a report; undefined when it does not exist or belongs to another report. */
export async function getLink(db: Kysely<DB>, reportId: number, linkId: number) {
  const row = await linkRows(db).where('reportLinks.reportId', '=', reportId).where('reportLinks.id', '=', linkId).executeTakeFirst();
  return row && withStatus(row);
}

/** Revokes a link once: true when this call revoked it, false when it already was. */
export async function revokeLink(db: Kysely<DB>, linkId: number, by: number, at = new Date().toISOString()): Promise<boolean> {
  const res = await db
    .updateTable('reportLinks')
    .set({ revokedAt: at, revokedBy: by })
    .where('id', '=', linkId)
    .where('revokedAt', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

/** What a report can be defined over: projects, areas, outcomes and the enabled funder accounts. */
export async function definitionChoices(db: Kysely<DB>) {
  const [projects, areas, outcomes, funders] = await Promise.all([
    db.selectFrom('projects').select(['id', 'name']).orderBy('name').execute(),
    db.selectFrom('areas').select(['id', 'name', 'parentId']).orderBy('name').execute(),
    db.selectFrom('outcomes').select(['id', 'projectId', 'level', 'title', 'archivedAt']).orderBy('projectId').orderBy('sort').orderBy('id').execute(),
    db.selectFrom('users').select(['id', 'name', 'email']).where('role', '=', 'funder').where('disabledAt', 'is', null).orderBy('name').execute(),
  ]);
  // Which projects work in which area, so the form offers only the chosen projects' areas.
  const links = await db.selectFrom('projectAreas').select(['projectId', 'areaId']).execute();
  const withProjects = areas.map((a) => ({ ...a, projectIds: links.filter((l) => l.areaId === a.id).map((l) => l.projectId) }));
  return { projects, areas: withProjects, outcomes, funders };
}

export async function reportTitle(db: Kysely<DB>, id: number): Promise<{ title: string }> {
  return db.selectFrom('reports').select('title').where('id', '=', id).executeTakeFirstOrThrow();
}

/** A user a report might be shared with, with what the share check and its mail need. */
export function shareTarget(db: Kysely<DB>, userId: number) {
  return db.selectFrom('users').select(['id', 'role', 'disabledAt', 'email', 'locale']).where('id', '=', userId).executeTakeFirst();
}

/** Shares a report with a user; false when it was shared with them already. */
export async function addShare(db: Kysely<DB>, reportId: number, userId: number, sharedBy: number): Promise<boolean> {
  const added = await db
    .insertInto('reportShares')
    .values({ reportId, userId, sharedBy })
    .onConflict((oc) => oc.doNothing())
    .returning('userId')
    .execute();
  return added.length > 0;
}

export async function removeShare(db: Kysely<DB>, reportId: number, userId: number): Promise<void> {
  await db.deleteFrom('reportShares').where('reportId', '=', reportId).where('userId', '=', userId).execute();
}

/** The outcomes a report covers: the chosen ones, else every outcome of its projects. */
export function reportOutcomes(db: Kysely<DB>, r: { outcomeIds: number[]; projectIds: number[] }) {
  let q = db
    .selectFrom('outcomes')
    .innerJoin('projects', 'projects.id', 'outcomes.projectId')
    .select(['outcomes.id', 'outcomes.title', 'outcomes.archivedAt', 'projects.name as projectName'])
    .orderBy('projects.name')
    .orderBy('outcomes.sort')
    .orderBy('outcomes.id');
  q = r.outcomeIds.length ? q.where('outcomes.id', 'in', r.outcomeIds) : q.where('outcomes.projectId', 'in', r.projectIds);
  return q.execute();
}

/** How many indicators measure each of these outcomes (only outcomes with any). */
export function indicatorCountsByOutcome(db: Kysely<DB>, outcomeIds: number[]) {
  return db
    .selectFrom('indicators')
    .select((eb) => ['outcomeId', eb.fn.countAll<number>().as('n')])
    .where('outcomeId', 'in', outcomeIds)
    .groupBy('outcomeId')
    .execute();
}

/** A new read link; only the hash of its token is stored. */
export function insertLink(db: Kysely<DB>, link: { reportId: number; tokenHash: string; expiresAt: string; createdBy: number; label: string | null }) {
  return db.insertInto('reportLinks').values(link).returning(['id', 'expiresAt', 'label']).executeTakeFirstOrThrow();
}

/** A read link by the hash of its token. */
export function linkByTokenHash(db: Kysely<DB>, tokenHash: string) {
  return db.selectFrom('reportLinks').select(['reportId', 'expiresAt', 'revokedAt']).where('tokenHash', '=', tokenHash).executeTakeFirst();
}
