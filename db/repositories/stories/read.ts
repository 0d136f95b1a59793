// Reading stories: the list with filters and search, one story, its consent history.
import type { ExpressionBuilder, Kysely } from 'kysely';
import type { ConsentLevel, DB, Phase, StoryQuery, StorySource } from '../../schema.js';
import { engine, searchQuery } from '../../engine.js';
import { storyDate } from '../story-date.js';
import { EMPTY_DOC } from './write.js';

type Db = Kysely<DB>;

export type VisibleStories = StoryQuery;

export type StoryFilters = {
  q?: string;
  projectId?: number;
  areaId?: number;
  phase?: Phase;
  consent?: ConsentLevel;
  source?: StorySource;
  from?: string;
  to?: string;
  tellerId?: number;
  limit: number;
  offset: number;
};

function summaryQuery(visible: VisibleStories) {
  return visible
    .innerJoin('projects', 'projects.id', 'stories.projectId')
    .innerJoin('tellers', 'tellers.id', 'stories.tellerId')
    .leftJoin('areas', 'areas.id', 'stories.areaId');
}

const summaryColumns = [
  'stories.id',
  'stories.projectId',
  'projects.name as projectName',
  'stories.areaId',
  'areas.name as areaName',
  'stories.title',
  'stories.phase',
  'stories.happenedOn',
  'stories.language',
  'stories.source',
  'stories.consent',
  'stories.withdrawnAt',
  'tellers.displayName as tellerName',
  'stories.createdAt',
] as const;

function excerpt(text: string, max = 240): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

type SummaryRow = {
  id: number;
  projectId: number;
  projectName: string;
  areaId: number | null;
  areaName: string | null;
  title: string;
  phase: Phase | null;
  happenedOn: string | null;
  language: string;
  source: StorySource;
  consent: ConsentLevel;
  withdrawnAt: string | null;
  tellerName: string | null;
  createdAt: string;
  head: string;
  tagged: number | boolean;
};

function toSummary(r: SummaryRow) {
  const { head, tagged, ...rest } = r;
  const withdrawn = r.withdrawnAt !== null;
  return { ...rest, title: withdrawn ? '' : r.title, excerpt: withdrawn ? '' : excerpt(head), tagged: Boolean(tagged) };
}
export type StorySummary = ReturnType<typeof toSummary>;

/**
 * Searches count their matches up to this many. Up to it, matches are ordered by relevance; beyond
 * it (a common word), most recently added first: ranking tens of thousands of matches costs more
 * than it tells, and FTS5 streams the index in id order and stops after one page.
 */
export const SEARCH_CAP = 1000;

/**
 * A page of stories from `visible`, filtered and (with q) searched; newest first or by relevance.
 * With q, `total` counts at most SEARCH_CAP matches and `totalCapped` says there are more.
 */
export async function listStories(db: Db, visible: VisibleStories, f: StoryFilters): Promise<{ stories: StorySummary[]; total: number; totalCapped: boolean }> {
  let qb = visible;
  if (f.projectId !== undefined) qb = qb.where('stories.projectId', '=', f.projectId);
  if (f.areaId !== undefined) qb = qb.where('stories.areaId', '=', f.areaId);
  if (f.phase) qb = qb.where('stories.phase', '=', f.phase);
  if (f.consent) qb = qb.where('stories.consent', '=', f.consent);
  if (f.source) qb = qb.where('stories.source', '=', f.source);
  if (f.tellerId !== undefined) qb = qb.where('stories.tellerId', '=', f.tellerId);
  if (f.from || f.to) {
    if (f.from) qb = qb.where(storyDate, '>=', f.from);
    if (f.to) qb = qb.where(storyDate, '<=', f.to);
  }
  const search = engine(db);
  const match = f.q ? searchQuery(db, f.q) : null;
  if (!match) {
    const [count, page] = await Promise.all([
      qb.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
      summaryQuery(qb)
        .select(summaryColumns)
        .select(headColumn)
        .orderBy('stories.createdAt', 'desc')
        .orderBy('stories.id', 'desc')
        .limit(f.limit)
        .offset(f.offset)
        .execute(),
    ]);
    return { stories: await withTagged(db, page), total: Number(count?.n ?? 0), totalCapped: false };
  }
  const matching = search.matchStories(qb, match);
  // One walk over the matches, most recently added first, up to one beyond the cap: it counts
  // them and, for a common word (beyond the cap), it is the order of the pages too.
  const ids = (
    await matching
      .select('stories.id')
      .orderBy(search.searchRecency, 'desc')
      .limit(SEARCH_CAP + 1)
      .execute()
  ).map((r) => r.id);
  const capped = ids.length > SEARCH_CAP;
  const total = Math.min(ids.length, SEARCH_CAP);
  if (!capped && f.offset >= ids.length) return { stories: [], total, totalCapped: false }; // no match on this page
  if (capped && f.offset + f.limit <= ids.length) {
    // The page's stories by id (the filters and visibility asked again), each with whether it is tagged.
    const rows = await summaryQuery(qb.where('stories.id', 'in', ids.slice(f.offset, f.offset + f.limit)))
      .select(summaryColumns)
      .select(headColumn)
      .select((eb) =>
        eb
          .or([
            eb.exists(eb.selectFrom('storyOutcomes').select('storyOutcomes.storyId').whereRef('storyOutcomes.storyId', '=', 'stories.id')),
            eb.exists(
              eb
                .selectFrom('storyPlacements')
                .select('storyPlacements.storyId')
                .whereRef('storyPlacements.storyId', '=', 'stories.id')
                .where('storyPlacements.source', '=', 'coordinator'),
            ),
          ])
          .as('tagged'),
      )
      .orderBy('stories.id', 'desc')
      .execute();
    return { stories: rows.map(toSummary), total, totalCapped: capped };
  }
  let rows = summaryQuery(matching).select(summaryColumns).select(headColumn);
  // Up to the cap by relevance; beyond it (a page past the walk above) most recently added first.
  rows = capped
    ? rows.orderBy(search.searchRecency, 'desc')
    : rows.orderBy(search.searchRank).orderBy('stories.createdAt', 'desc').orderBy('stories.id', 'desc');
  return { stories: await withTagged(db, await rows.limit(f.limit).offset(f.offset).execute()), total, totalCapped: capped };
}

const headColumn = (eb: ExpressionBuilder<DB, 'stories'>) => eb.fn<string>('substr', ['stories.bodyText', eb.lit(1), eb.lit(400)]).as('head');

type PageRow = Omit<SummaryRow, 'tagged'>;

/**
 * A page's summaries with whether a coordinator tagged them: asked for the page's stories only,
 * after the limit (as a subquery per row, PostgreSQL hashed every tag and placement in the database first).
 */
async function withTagged(db: Db, page: PageRow[]): Promise<StorySummary[]> {
  const tagged = await taggedStories(
    db,
    page.map((s) => s.id),
  );
  return page.map((s) => toSummary({ ...s, tagged: tagged.has(s.id) }));
}

/** Of `ids`, the stories with an outcome tag or a coordinator's placement. */
async function taggedStories(db: Db, ids: number[]): Promise<Set<number>> {
  if (!ids.length) return new Set();
  const rows = await db
    .selectFrom('storyOutcomes')
    .select('storyOutcomes.storyId')
    .where('storyOutcomes.storyId', 'in', ids)
    .union(
      db
        .selectFrom('storyPlacements')
        .select('storyPlacements.storyId')
        .where('storyPlacements.storyId', 'in', ids)
        .where('storyPlacements.source', '=', 'coordinator'),
    )
    .execute();
  return new Set(rows.map((r) => r.storyId));
}

/** One story from `visible`, with its body, teller, consent record and placements. */
export async function getStory(db: Db, visible: VisibleStories, id: number) {
  const row = await summaryQuery(visible.where('stories.id', '=', id))
    .leftJoin('users as recorder', 'recorder.id', 'stories.recordedBy')
    .select(summaryColumns)
    .select([
      'stories.bodyJson',
      'stories.bodyHtml',
      'stories.bodyText',
      'stories.updatedAt',
      'stories.linkId',
      'stories.recordedBy',
      'tellers.id as tellerId',
      'tellers.kind as tellerKind',
      'tellers.under16',
      'recorder.name as recorderName',
    ])
    .executeTakeFirst();
  if (!row) return undefined;
  const [consents, placements, tags] = await Promise.all([
    consentHistory(db, id),
    db
      .selectFrom('storyPlacements')
      .select(['variableId', 'source', 'position', 'status'])
      .where('storyId', '=', id)
      .orderBy('variableId')
      .orderBy('source')
      .execute(),
    db.selectFrom('storyOutcomes').select(['outcomeId', 'status']).where('storyId', '=', id).execute(),
  ]);
  const { bodyJson, bodyHtml, bodyText, updatedAt, linkId, recordedBy, tellerId, tellerKind, under16, recorderName, ...summary } = row;
  const withdrawn = row.withdrawnAt !== null;
  return {
    ...toSummary({ ...summary, head: bodyText, tagged: tags.length > 0 || placements.some((p) => p.source === 'coordinator') }),
    body: JSON.parse(withdrawn ? EMPTY_DOC : bodyJson) as unknown,
    bodyHtml: withdrawn ? '' : bodyHtml,
    bodyText: withdrawn ? '' : bodyText,
    updatedAt,
    linkId,
    teller: { id: tellerId, name: row.tellerName, under16: Boolean(under16), kind: tellerKind },
    recordedBy: recordedBy === null ? null : { id: recordedBy, name: recorderName ?? '' },
    consentHistory: consents,
    placements,
  };
}
export type StoryDetail = NonNullable<Awaited<ReturnType<typeof getStory>>>;

export function consentHistory(db: Db, storyId: number) {
  return db
    .selectFrom('storyConsents')
    .leftJoin('users', 'users.id', 'storyConsents.recordedBy')
    .select([
      'storyConsents.id',
      'storyConsents.level',
      'storyConsents.withdrawn',
      'storyConsents.givenBy',
      'storyConsents.guardianName',
      'storyConsents.channel',
      'storyConsents.consentTextVersion',
      'storyConsents.reason',
      'storyConsents.at',
      'users.id as recordedById',
      'users.name as recordedByName',
    ])
    .where('storyConsents.storyId', '=', storyId)
    .orderBy('storyConsents.id')
    .execute()
    .then((rows) =>
      rows.map(({ recordedById, recordedByName, withdrawn, ...r }) => ({
        ...r,
        withdrawn: Boolean(withdrawn),
        recordedBy: recordedById === null ? null : { id: recordedById, name: recordedByName ?? '' },
      })),
    );
}
