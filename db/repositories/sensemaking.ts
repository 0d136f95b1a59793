// Sensemaking (issue 4): outcomes, climate variables, tags, excerpts, codes, climate roll-ups and
// Most Significant Change. Plain functions over Kysely; routes decide transactions and access.
// Functions over many stories take a query already narrowed by server/access.ts (visibleStories,
// reportStories) and never widen it.
import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import { periodOf, periodRange, shiftPeriod, type Periodicity } from '../domain/periods.js';
import { iatiResultType, type DB, type StoryQuery, type ExcerptStatus, type OutcomeLevel, type TagStatus } from '../schema.js';

type Db = Kysely<DB>;

/** The date a story counts on: when it happened, else when it was recorded. */
const storyDate = sql<string>`coalesce(stories.happened_on, substr(stories.created_at, 1, 10))`;

// ---------- statistics ----------

const round2 = (x: number) => Math.round(x * 100) / 100;

export type Distribution = { n: number; notApplicable: number; mean: number | null; median: number | null; bins: number[]; spread: [number, number][] };
/** The five bins over 0..100: [0,20) [20,40) [40,60) [60,80) [80,100]. */
export const binEdges = [0, 20, 40, 60, 80, 100];
/** The bin a position falls in (0..4); the last bin includes 100. */
export const binOf = (x: number) => Math.min(4, Math.floor(x / 20));

export function distribution(positions: (number | null)[]): Distribution {
  const xs = positions.filter((p): p is number => p !== null).sort((a, b) => a - b);
  const bins = [0, 0, 0, 0, 0];
  for (const x of xs) bins[binOf(x)]!++;
  // Every placement, as [position, how many stories] in position order: the dots of the pattern.
  const spread: [number, number][] = [];
  for (const x of xs) {
    const last = spread[spread.length - 1];
    if (last && last[0] === x) last[1]++;
    else spread.push([x, 1]);
  }
  const n = xs.length;
  const mean = n ? round2(xs.reduce((a, b) => a + b, 0) / n) : null;
  const median = n ? (n % 2 ? xs[(n - 1) / 2]! : round2((xs[n / 2 - 1]! + xs[n / 2]!) / 2)) : null;
  return { n, notApplicable: positions.length - n, mean, median, bins, spread };
}

// ---------- outcomes ----------

const outcomeColumns = ['id', 'projectId', 'libraryId', 'parentId', 'level', 'title', 'description', 'sort', 'createdAt', 'archivedAt'] as const;
const levelOrder: Record<OutcomeLevel, number> = { impact: 0, outcome: 1, output: 2 };
/** In a results chain an output serves an outcome, and an outcome serves an impact. */
export const parentLevel: Record<OutcomeLevel, OutcomeLevel | null> = { output: 'outcome', outcome: 'impact', impact: null };

export const withIati = <T extends { level: OutcomeLevel }>(o: T) => ({ ...o, iatiType: iatiResultType[o.level] });

export async function listOutcomes(db: Db, projectId: number) {
  const rows = await db.selectFrom('outcomes').select(outcomeColumns).where('projectId', '=', projectId).execute();
  return rows.sort((a, b) => levelOrder[a.level] - levelOrder[b.level] || a.sort - b.sort || a.id - b.id).map(withIati);
}

export async function getOutcome(db: Db, id: number) {
  const row = await db.selectFrom('outcomes').select(outcomeColumns).where('id', '=', id).executeTakeFirst();
  return row && withIati(row);
}

/** What hangs on an outcome: tagged stories, excerpts, indicators and lower outcomes. */
export async function outcomeUsage(db: Db, id: number) {
  const count = async (table: 'storyOutcomes' | 'storyExcerpts' | 'indicators', col: 'outcomeId') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where(col, '=', id)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const children = Number(
    (
      await db
        .selectFrom('outcomes')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('parentId', '=', id)
        .executeTakeFirstOrThrow()
    ).n,
  );
  return {
    stories: await count('storyOutcomes', 'outcomeId'),
    excerpts: await count('storyExcerpts', 'outcomeId'),
    indicators: await count('indicators', 'outcomeId'),
    children,
  };
}

export async function listLibrary(db: Db) {
  const rows = await db.selectFrom('outcomeLibrary').select(['id', 'level', 'title', 'description', 'createdAt']).execute();
  return rows.sort((a, b) => levelOrder[a.level] - levelOrder[b.level] || a.title.localeCompare(b.title)).map(withIati);
}

// ---------- climate variables ----------

const variableColumns = [
  'id',
  'key',
  'groupKey',
  'groupNl',
  'groupEn',
  'nameNl',
  'nameEn',
  'weakNl',
  'weakEn',
  'strongNl',
  'strongEn',
  'sort',
  'retiredAt',
] as const;

export async function listVariables(db: Db, includeRetired = false) {
  let q = db.selectFrom('climateVariables').select(variableColumns).orderBy('sort').orderBy('id');
  if (!includeRetired) q = q.where('retiredAt', 'is', null);
  return q.execute();
}

export async function projectVariableIds(db: Db, projectId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('projectClimateVariables')
    .innerJoin('climateVariables', 'climateVariables.id', 'projectClimateVariables.variableId')
    .select('variableId')
    .where('projectId', '=', projectId)
    .orderBy('climateVariables.sort')
    .execute();
  return rows.map((r) => r.variableId);
}

// ---------- tags ----------

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

// ---------- tagging inbox ----------

type InboxEb = ExpressionBuilder<DB, 'stories' | 'projects' | 'areas'>;

/** A story is tagged once it has an accepted outcome or an accepted coordinator placement. */
const hasAcceptedTags = (eb: ExpressionBuilder<DB, 'stories'>) =>
  eb.or([
    eb.exists(eb.selectFrom('storyOutcomes as so').select('so.storyId').whereRef('so.storyId', '=', 'stories.id').where('so.status', '=', 'accepted')),
    eb.exists(
      eb
        .selectFrom('storyPlacements as sp')
        .select('sp.id')
        .whereRef('sp.storyId', '=', 'stories.id')
        .where('sp.source', '=', 'coordinator')
        .where('sp.status', '=', 'accepted'),
    ),
  ]);

/** How many of the visible stories await tagging (the inbox's untagged and suggested stories). */
export async function awaitingTaggingCount(visible: StoryQuery): Promise<number> {
  const row = await visible
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where((eb) => eb.not(hasAcceptedTags(eb)))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** The visible stories nobody has tagged yet (no accepted outcome or coordinator placement): untagged first, then those with suggestions. */
/**
 * Stories to tag: untagged first, then those with only suggestions. With `storyId`, that one story
 * whatever its state (to change the tags of a tagged story); its current tags come as `suggestions`.
 */
export async function taggingInbox(db: Db, visible: StoryQuery, opts: { projectId?: number; storyId?: number; limit: number }) {
  const accepted = (eb: InboxEb) => hasAcceptedTags(eb as unknown as ExpressionBuilder<DB, 'stories'>);
  const suggested = (eb: InboxEb) =>
    eb.or([
      eb.exists(eb.selectFrom('storyOutcomes as so').select('so.storyId').whereRef('so.storyId', '=', 'stories.id').where('so.status', '=', 'suggested')),
      eb.exists(eb.selectFrom('storyPlacements as sp').select('sp.id').whereRef('sp.storyId', '=', 'stories.id').where('sp.status', '=', 'suggested')),
    ]);
  let q = visible
    .innerJoin('projects', 'projects.id', 'stories.projectId')
    .leftJoin('areas', 'areas.id', 'stories.areaId')
    .select([
      'stories.id',
      'stories.projectId',
      'projects.name as projectName',
      'stories.areaId',
      'areas.name as areaName',
      'stories.title',
      'stories.bodyText',
      'stories.happenedOn',
      'stories.consent',
      'stories.source',
      'stories.createdAt',
    ])
    .select((eb) => suggested(eb).as('hasSuggestions'))
    .select((eb) => accepted(eb).as('hasAccepted'))
    .orderBy('hasSuggestions')
    .orderBy('stories.createdAt')
    .orderBy('stories.id')
    .limit(opts.limit);
  if (opts.projectId) q = q.where('stories.projectId', '=', opts.projectId);
  q = opts.storyId ? q.where('stories.id', '=', opts.storyId) : q.where((eb) => eb.not(accepted(eb)));
  const rows = await q.execute();
  const teller = rows.length
    ? await db
        .selectFrom('storyPlacements')
        .select(['storyId', 'variableId', 'position'])
        .where('source', '=', 'teller')
        .where(
          'storyId',
          'in',
          rows.map((r) => r.id),
        )
        .execute()
    : [];
  return Promise.all(
    rows.map(async ({ hasSuggestions, hasAccepted, ...r }) => ({
      ...r,
      state: hasAccepted ? ('tagged' as const) : hasSuggestions ? ('suggested' as const) : ('untagged' as const),
      suggestions: hasSuggestions || hasAccepted ? await storyTags(db, r.id) : null,
      tellerPlacements: teller.filter((p) => p.storyId === r.id).map(({ variableId, position }) => ({ variableId, position })),
    })),
  );
}

// ---------- excerpts ----------

const excerptSelect = (db: Db) =>
  db
    .selectFrom('storyExcerpts as e')
    .leftJoin('outcomes', 'outcomes.id', 'e.outcomeId')
    .leftJoin('climateVariables as v', 'v.id', 'e.variableId')
    .leftJoin('codes', 'codes.id', 'e.codeId')
    .select([
      'e.id',
      'e.storyId',
      'e.startOffset as start',
      'e.endOffset as end',
      'e.quote',
      'e.outcomeId',
      'outcomes.title as outcomeTitle',
      'e.variableId',
      'v.nameNl as variableNameNl',
      'v.nameEn as variableNameEn',
      'e.position',
      'e.codeId',
      'codes.name as codeName',
      'e.note',
      'e.status',
      'e.byUser',
      'e.createdAt',
    ]);

/** Where a quote sits in new text: its old place, the occurrence nearest to it, or nowhere. */
export function reanchor(text: string, quote: string, start: number, end: number): { status: ExcerptStatus; start: number; end: number } | { status: 'stale' } {
  if (text.slice(start, end) === quote) return { status: 'ok', start, end };
  let best = -1;
  for (let i = text.indexOf(quote); i !== -1; i = text.indexOf(quote, i + 1)) {
    if (best === -1 || Math.abs(i - start) < Math.abs(best - start)) best = i;
  }
  if (best === -1) return { status: 'stale' };
  return { status: 'moved', start: best, end: best + quote.length };
}

/** A story's excerpts, re-anchored against its current text (moved offsets are stored). */
export async function listExcerpts(db: Db, storyId: number, bodyText: string) {
  const rows = await db.selectFrom('storyExcerpts').select(['id', 'startOffset', 'endOffset', 'quote', 'status']).where('storyId', '=', storyId).execute();
  for (const r of rows) {
    const a = reanchor(bodyText, r.quote, r.startOffset, r.endOffset);
    if (a.status === 'stale') {
      if (r.status !== 'stale')
        await db.updateTable('storyExcerpts').set({ status: 'stale', updatedAt: new Date().toISOString() }).where('id', '=', r.id).execute();
    } else if (a.status === 'moved') {
      await db
        .updateTable('storyExcerpts')
        .set({ status: 'moved', startOffset: a.start, endOffset: a.end, updatedAt: new Date().toISOString() })
        .where('id', '=', r.id)
        .execute();
    } else if (r.status === 'stale') {
      // the quote fits its range again (e.g. an edit was undone)
      await db.updateTable('storyExcerpts').set({ status: 'ok', updatedAt: new Date().toISOString() }).where('id', '=', r.id).execute();
    }
  }
  return excerptSelect(db).where('e.storyId', '=', storyId).orderBy('e.startOffset').orderBy('e.id').execute();
}

/**
 * When a story is withdrawn its coded passages go (they quote its text) and so do picks in rounds
 * still open; selections of closed rounds stay on record but leave every report (reports show
 * selections only among the stories they may show).
 */
export async function forgetStoryCoding(db: Db, storyId: number): Promise<void> {
  await db.deleteFrom('storyExcerpts').where('storyId', '=', storyId).execute();
  await db
    .deleteFrom('mscPicks')
    .where('storyId', '=', storyId)
    .where('roundId', 'in', db.selectFrom('mscRounds').select('id').where('status', '=', 'open'))
    .execute();
}

export const getExcerpt = (db: Db, id: number) => excerptSelect(db).where('e.id', '=', id).executeTakeFirst();

// ---------- codes ----------

export async function listCodes(db: Db) {
  return db
    .selectFrom('codes')
    .select(['codes.id', 'codes.name', 'codes.description', 'codes.createdAt'])
    .select((eb) =>
      eb
        .selectFrom('storyExcerpts')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('storyExcerpts.codeId', '=', 'codes.id')
        .as('uses'),
    )
    .orderBy(sql`lower(codes.name)`)
    .execute()
    .then((rows) => rows.map((r) => ({ ...r, uses: Number(r.uses ?? 0) })));
}

export const getCode = (db: Db, id: number) => listCodes(db).then((rows) => rows.find((r) => r.id === id));

export const codeByName = (db: Db, name: string) =>
  db
    .selectFrom('codes')
    .select(['id', 'name'])
    .where(sql`lower(name)`, '=', name.toLowerCase())
    .executeTakeFirst();

// ---------- climate over time and agreement ----------

export type ClimateFilter = {
  projectId?: number;
  areaIds?: number[];
  variableId?: number;
  from?: string; // YYYY-MM-DD
  to?: string;
};

/** Accepted placements of the visible stories, narrowed by the filter. */
function placementQuery(visible: StoryQuery, f: ClimateFilter) {
  let q = visible.innerJoin('storyPlacements as p', 'p.storyId', 'stories.id').where('p.status', '=', 'accepted');
  if (f.projectId) q = q.where('stories.projectId', '=', f.projectId);
  if (f.areaIds) q = q.where('stories.areaId', 'in', f.areaIds.length ? f.areaIds : [-1]);
  if (f.variableId) q = q.where('p.variableId', '=', f.variableId);
  if (f.from) q = q.where(storyDate, '>=', f.from);
  if (f.to) q = q.where(storyDate, '<=', f.to);
  return q;
}

/** Accepted placements of the visible stories, with the date each story counts on. */
async function placementRows(visible: StoryQuery, f: ClimateFilter) {
  return placementQuery(visible, f).select(['p.storyId', 'p.variableId', 'p.source', 'p.position']).select(storyDate.as('date')).execute();
}

/**
 * The stories behind one region of the climate pattern: one variable, one period, teller's or
 * coordinator's placements, one of the five bins. Only the visible stories (the query from
 * server/access.ts), narrowed by the page's filter; at most `limit`, with the total.
 */
export async function climateRegionStories(
  visible: StoryQuery,
  f: ClimateFilter & { variableId: number; source: 'teller' | 'coordinator'; period: string; bin: number; limit: number },
) {
  const { start: pFrom, end: pTo } = periodRange(f.period)!;
  const from = f.from && f.from > pFrom ? f.from : pFrom;
  const to = f.to && f.to < pTo ? f.to : pTo;
  const lo = binEdges[f.bin]!;
  let q = placementQuery(visible, { ...f, from, to })
    .where('p.source', '=', f.source)
    .where('p.position', '>=', lo);
  q = f.bin === 4 ? q.where('p.position', '<=', 100) : q.where('p.position', '<', binEdges[f.bin + 1]!);
  const total = Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst())?.n ?? 0);
  const stories = await q
    .innerJoin('projects', 'projects.id', 'stories.projectId')
    .leftJoin('areas', 'areas.id', 'stories.areaId')
    .select(['stories.id', 'stories.title', 'projects.name as projectName', 'areas.name as areaName', 'p.position'])
    .select(storyDate.as('date'))
    .orderBy('p.position')
    .orderBy(storyDate)
    .orderBy('stories.id')
    .limit(f.limit)
    .execute();
  return { total, stories: stories.map((s) => ({ ...s, position: s.position! })) };
}

export async function climateOverTime(db: Db, visible: StoryQuery, f: ClimateFilter & { granularity: Periodicity }) {
  const rows = await placementRows(visible, f);
  const variableIds = [...new Set(rows.map((r) => r.variableId))];
  const periodsWithData = rows.map((r) => periodOf(r.date, f.granularity)).sort();
  const first = f.from ? periodOf(f.from, f.granularity) : periodsWithData[0];
  const last = f.to ? periodOf(f.to, f.granularity) : periodsWithData[periodsWithData.length - 1];
  const periods: string[] = [];
  if (first && last) for (let p = first; p <= last && periods.length < 1000; p = shiftPeriod(p, 1)) periods.push(p);
  const variables = (await listVariables(db, true)).filter((v) => (f.variableId ? v.id === f.variableId : variableIds.includes(v.id)));
  const series = variables.map((v) => {
    let prev: { teller: Distribution; coordinator: Distribution } | null = null;
    const out = periods.map((period) => {
      const inPeriod = rows.filter((r) => r.variableId === v.id && periodOf(r.date, f.granularity) === period);
      const teller = distribution(inPeriod.filter((r) => r.source === 'teller').map((r) => r.position));
      const coordinator = distribution(inPeriod.filter((r) => r.source === 'coordinator').map((r) => r.position));
      const shift = (now: Distribution, before: Distribution | undefined) =>
        now.mean !== null && before?.mean != null ? round2(now.mean - before.mean) : null;
      const entry = { period, teller, coordinator, shift: { teller: shift(teller, prev?.teller), coordinator: shift(coordinator, prev?.coordinator) } };
      prev = { teller, coordinator };
      return entry;
    });
    return { variableId: v.id, variable: v, periods: out };
  });
  return { granularity: f.granularity, binEdges, periods, series };
}

export async function climateAgreement(db: Db, visible: StoryQuery, f: ClimateFilter) {
  const rows = await placementRows(visible, f);
  const pairs = new Map<string, { variableId: number; teller?: number | null; coordinator?: number | null }>();
  for (const r of rows) {
    const k = `${r.storyId}:${r.variableId}`;
    const e = pairs.get(k) ?? { variableId: r.variableId };
    e[r.source] = r.position;
    pairs.set(k, e);
  }
  const variables = await listVariables(db, true);
  const byVar = new Map<number, { t: number; c: number }[]>();
  for (const p of pairs.values()) {
    if (p.teller == null || p.coordinator == null) continue;
    byVar.set(p.variableId, [...(byVar.get(p.variableId) ?? []), { t: p.teller, c: p.coordinator }]);
  }
  return variables
    .filter((v) => byVar.has(v.id))
    .map((v) => {
      const xs = byVar.get(v.id)!;
      const n = xs.length;
      const mean = (f: (x: { t: number; c: number }) => number) => round2(xs.reduce((a, x) => a + f(x), 0) / n);
      return {
        variableId: v.id,
        variable: v,
        n,
        meanTeller: mean((x) => x.t),
        meanCoordinator: mean((x) => x.c),
        meanDifference: mean((x) => x.c - x.t),
        meanAbsoluteDifference: mean((x) => Math.abs(x.c - x.t)),
        within15: round2(xs.filter((x) => Math.abs(x.c - x.t) <= 15).length / n),
      };
    });
}

// ---------- Most Significant Change ----------

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

export type { TagStatus };
