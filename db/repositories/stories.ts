// Stories, their consent record, placements, submission links and receipts. Read functions take a
// query already narrowed by server/access.ts (visibleStories and friends); they never widen it.
import { createHash, randomBytes } from 'node:crypto';
import { deleteReview, noteDisclosureChange } from './reviews.js';
import { forgetStoryCoding, selectionsForStory, type PanelRole } from './sensemaking.js';
import { deleteStoryMedia, mediaFilesOf } from './media.js';
import type { Kysely } from 'kysely';
import type { ConsentChannel, ConsentGiver, ConsentLevel, DB, Phase, StoryQuery, StorySource } from '../schema.js';
import { engine, engineName, searchQuery } from '../engine.js';
import { batched } from '../batch.js';
import { storyDate } from './story-date.js';

type Db = Kysely<DB>;
export type VisibleStories = StoryQuery;

/** What a story's body becomes when it is withdrawn: nothing left to read. */
const EMPTY_DOC = '{"type":"doc","content":[{"type":"paragraph"}]}';

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
  if (match) qb = search.matchStories(qb, match);

  let total: number;
  let capped = false;
  if (match) {
    total = (
      await qb
        .select('stories.id')
        .limit(SEARCH_CAP + 1)
        .execute()
    ).length;
    capped = total > SEARCH_CAP;
    if (capped) total = SEARCH_CAP;
  } else {
    total = Number((await qb.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst())?.n ?? 0);
  }
  let rows = summaryQuery(qb)
    .select(summaryColumns)
    .select((eb) => eb.fn<string>('substr', ['stories.bodyText', eb.lit(1), eb.lit(400)]).as('head'));
  if (match && capped) rows = rows.orderBy(search.searchRecency, 'desc');
  else {
    if (match) rows = rows.orderBy(search.searchRank);
    rows = rows.orderBy('stories.createdAt', 'desc').orderBy('stories.id', 'desc');
  }
  const page = await rows.limit(f.limit).offset(f.offset).execute();
  // Whether a coordinator tagged them: asked for the page's stories only, after the limit (as a
  // subquery per row, PostgreSQL hashed every tag and placement in the database first).
  const tagged = await taggedStories(
    db,
    page.map((s) => s.id),
  );
  return { stories: page.map((s) => toSummary({ ...s, tagged: tagged.has(s.id) } as SummaryRow)), total, totalCapped: capped };
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

// --- Writing

export type NewStory = {
  projectId: number;
  areaId: number | null;
  title: string;
  bodyJson: string;
  bodyHtml: string;
  bodyText: string;
  phase: Phase | null;
  happenedOn: string | null;
  language: string;
  tellerId: number;
  source: StorySource;
  linkId: number | null;
  recordedBy: number | null;
  consent: ConsentLevel;
  receiptHash: string | null;
};

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
  // a changed text may make its report version's review stale: served versions must look again
  if (patch.title !== undefined || patch.bodyText !== undefined) await noteDisclosureChange(db);
}

/** Puts a new receipt code's hash on a story; the old code stops working. */
export async function setReceiptHash(db: Db, id: number, hash: string): Promise<void> {
  await db.updateTable('stories').set({ receiptHash: hash }).where('id', '=', id).execute();
}

export async function setConsentLevel(db: Db, id: number, level: ConsentLevel): Promise<void> {
  await db.updateTable('stories').set({ consent: level, updatedAt: new Date().toISOString() }).where('id', '=', id).execute();
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

/** The climate variables a project chose, without retired ones. */
export function projectVariables(db: Db, projectId: number) {
  return db
    .selectFrom('projectClimateVariables')
    .innerJoin('climateVariables', 'climateVariables.id', 'projectClimateVariables.variableId')
    .selectAll('climateVariables')
    .where('projectClimateVariables.projectId', '=', projectId)
    .where('climateVariables.retiredAt', 'is', null)
    .orderBy('climateVariables.sort')
    .orderBy('climateVariables.id')
    .execute();
}

// --- Short link codes

/**
 * Links made from now on carry a short code residents can type from a poster (K7M-4P2-QXH):
 * 9 symbols from an alphabet without look-alikes (no 0/O, 1/I/L, 2/Z, 5/S, 8/B, U), 24^9 ≈ 2^41.
 * It is stored like the long tokens of older links (which keep working): without dashes.
 */
const LINK_CODE_ALPHABET = 'ACDEFGHJKMNPQRTVWXY34679'; // 24 symbols
const LINK_CODE_LENGTH = 9;

export function newLinkCode(): string {
  let code = '';
  while (code.length < LINK_CODE_LENGTH) {
    const b = randomBytes(1)[0]!;
    if (b < 240) code += LINK_CODE_ALPHABET[b % 24]; // 240 = 10 × 24: no bias
  }
  return code;
}

/** A short code as typed (any case, with or without dashes and spaces) in its stored form, or null if it cannot be one. */
export function linkCodeKey(typed: string): string | null {
  const clean = typed.toUpperCase().replace(/[\s-]/g, '');
  return clean.length === LINK_CODE_LENGTH && [...clean].every((ch) => LINK_CODE_ALPHABET.includes(ch)) ? clean : null;
}

/** How a link's token is written in its address: a short code in groups of three, an older long token as it is. */
export const linkCodeDisplay = (token: string) => (token.length === LINK_CODE_LENGTH ? token.match(/.{3}/g)!.join('-') : token);

// --- Receipts

const RECEIPT_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ'; // 32 symbols: no 0/O, no 1/I
const RECEIPT_LENGTH = 12; // 12 × 5 bits = 60 bits

/** A new receipt code like K7QF-2MZP-9XRA, shown once to the resident; only its hash is stored. */
export function newReceiptCode(): string {
  const bytes = randomBytes(RECEIPT_LENGTH);
  const chars = [...bytes].map((b) => RECEIPT_ALPHABET[b & 31]).join('');
  return chars.match(/.{4}/g)!.join('-');
}

/** The hash of a receipt code as typed (any case, with or without dashes and spaces), or null if it cannot be one. */
export function receiptHash(code: string): string | null {
  const clean = code.toUpperCase().replace(/[\s-]/g, '');
  if (clean.length !== RECEIPT_LENGTH || [...clean].some((ch) => !RECEIPT_ALPHABET.includes(ch))) return null;
  return createHash('sha256').update(clean).digest('hex');
}

const withReports = new WeakSet<object>();
async function reportsInstalled(db: Db): Promise<boolean> {
  if (withReports.has(db)) return true;
  const found = (await db.introspection.getTables()).some((t) => t.name === 'report_version_stories');
  if (found) withReports.add(db);
  return found;
}

export type ReceiptStatus = { status: 'received' | 'used' | 'withdrawn'; usedIn: { report: string; version: number; publishedAt: string }[] };

/**
 * What became of a story, as its teller sees it. 'used' once a published report version
 * references it (the reports capability's `report_version_stories`, when that table exists).
 */
export async function receiptStatus(db: Db, story: { id: number; withdrawnAt: string | null }): Promise<ReceiptStatus> {
  if (story.withdrawnAt) return { status: 'withdrawn', usedIn: [] };
  if (!(await reportsInstalled(db))) return { status: 'received', usedIn: [] };
  const loose = db as unknown as Kysely<any>;
  const rows: { report: string; version: number; publishedAt: string }[] = await loose
    .selectFrom('reportVersionStories as rvs')
    .innerJoin('reportVersions as rv', 'rv.id', 'rvs.versionId')
    .innerJoin('reports as r', 'r.id', 'rv.reportId')
    .select(['r.title as report', 'rv.number as version', 'rv.publishedAt as publishedAt'])
    .where('rvs.storyId', '=', story.id)
    .orderBy('rv.publishedAt')
    .execute();
  return { status: rows.length ? 'used' : 'received', usedIn: rows };
}

/** A Most Significant Change round that chose the story: its domain, the panel's roles (not names) and every reason. */
export type ReceiptFeedback = { domain: string; panel: PanelRole[]; reasons: string[]; at: string | null };

/**
 * What the team fed back to the teller about their story: the Most Significant Change rounds that
 * chose it (once fed back), who chose it as roles, and why.
 */
export async function receiptFeedback(db: Db, storyId: number): Promise<ReceiptFeedback[]> {
  const rounds = await selectionsForStory(db, storyId);
  return rounds.map((r) => ({ domain: r.domain, panel: r.panel, reasons: r.reasons, at: r.fedBackAt }));
}

// --- Submission links

const linkColumns = ['id', 'projectId', 'token', 'label', 'expiresAt', 'closedAt', 'createdAt', 'question', 'climateVariableIds'] as const;

export function insertLink(
  db: Db,
  l: {
    projectId: number;
    token: string;
    label: string;
    expiresAt: string | null;
    createdBy: number;
    question?: string | null;
    climateVariableIds?: string | null;
  },
) {
  return db.insertInto('publicLinks').values(l).returning(linkColumns).executeTakeFirstOrThrow();
}

export function listLinks(db: Db, projectId: number) {
  return db
    .selectFrom('publicLinks')
    .select(linkColumns)
    .select((eb) =>
      eb
        .selectFrom('stories')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('stories.linkId', '=', 'publicLinks.id')
        .as('storyCount'),
    )
    .where('projectId', '=', projectId)
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export function getLink(db: Db, id: number) {
  return db.selectFrom('publicLinks').select(linkColumns).where('id', '=', id).executeTakeFirst();
}

/**
 * The link behind a token or typed short code, with its project's name. On PostgreSQL the lookups
 * that arrive together share one query (db/batch.ts): a burst of submissions to the same links
 * costs one round trip, not one each.
 */
export function linkByToken(db: Db, token: string): Promise<PublicLinkRow | undefined> {
  const key = linkCodeKey(token) ?? token;
  if (engineName(db) !== 'postgres') return linksByToken(db, [key]).then((rows) => rows[0]);
  let look = linkLookups.get(db);
  if (!look) linkLookups.set(db, (look = batched((keys: string[]) => linksByToken(db, keys))));
  return look(key);
}

export type PublicLinkRow = Omit<Awaited<ReturnType<typeof linkRows>>[number], 'token'>;
const linkLookups = new WeakMap<Db, (key: string) => Promise<PublicLinkRow | undefined>>();

function linkRows(db: Db, keys: string[]) {
  return db
    .selectFrom('publicLinks')
    .innerJoin('projects', 'projects.id', 'publicLinks.projectId')
    .select([
      'publicLinks.token',
      'publicLinks.id',
      'publicLinks.projectId',
      'publicLinks.expiresAt',
      'publicLinks.closedAt',
      'publicLinks.question',
      'publicLinks.climateVariableIds',
      'projects.name as projectName',
    ])
    .where('publicLinks.token', 'in', [...new Set(keys)])
    .execute();
}

/** The links behind stored tokens (keys), one result per key in order. */
async function linksByToken(db: Db, keys: string[]): Promise<(PublicLinkRow | undefined)[]> {
  const byToken = new Map((await linkRows(db, keys)).map(({ token, ...link }) => [token, link]));
  return keys.map((k) => byToken.get(k));
}

export async function updateLink(
  db: Db,
  id: number,
  patch: { label?: string; expiresAt?: string | null; closedAt?: string | null; question?: string | null; climateVariableIds?: string | null },
) {
  await db.updateTable('publicLinks').set(patch).where('id', '=', id).execute();
}

// --- Privacy: export and erasure of one teller

/** Everything stored about one teller: the teller, their stories with text, consents, placements and tags. */
export async function tellerExport(db: Db, visible: VisibleStories, tellerId: number) {
  const teller = await db.selectFrom('tellers').selectAll().where('id', '=', tellerId).executeTakeFirst();
  if (!teller) return undefined;
  const stories = await visible.where('stories.tellerId', '=', tellerId).selectAll('stories').orderBy('stories.id').execute();
  const ids = stories.map((s) => s.id);
  const [consents, placements, tags] = ids.length
    ? await Promise.all([
        db.selectFrom('storyConsents').selectAll().where('storyId', 'in', ids).orderBy('id').execute(),
        db.selectFrom('storyPlacements').selectAll().where('storyId', 'in', ids).orderBy('id').execute(),
        db
          .selectFrom('storyOutcomes')
          .innerJoin('outcomes', 'outcomes.id', 'storyOutcomes.outcomeId')
          .select([
            'storyOutcomes.storyId',
            'storyOutcomes.outcomeId',
            'outcomes.title as outcome',
            'storyOutcomes.note',
            'storyOutcomes.status',
            'storyOutcomes.at',
          ])
          .where('storyOutcomes.storyId', 'in', ids)
          .execute(),
      ])
    : [[], [], []];
  return {
    teller: {
      id: teller.id,
      kind: teller.kind,
      name: teller.displayName,
      contact: teller.contact,
      under16: Boolean(teller.under16),
      createdAt: teller.createdAt,
    },
    stories: stories.map(({ bodyJson, receiptHash: _hash, ...s }) => ({
      ...s,
      body: JSON.parse(bodyJson) as unknown,
      consents: consents.filter((c) => c.storyId === s.id).map((c) => ({ ...c, withdrawn: Boolean(c.withdrawn) })),
      placements: placements.filter((p) => p.storyId === s.id),
      tags: tags.filter((t) => t.storyId === s.id),
    })),
  };
}

/** Deletes a teller and everything about them; returns the counts for the audit log. */
export async function eraseTeller(db: Db, tellerId: number) {
  const ids = (await db.selectFrom('stories').select('id').where('tellerId', '=', tellerId).execute()).map((r) => r.id);
  const counts = { stories: ids.length, consents: 0, placements: 0, tags: 0, media: 0 };
  /** Media files to delete once the erasure committed. */
  const files = await mediaFilesOf(db, ids);
  counts.media = files.length;
  if (ids.length) {
    counts.consents = Number((await db.deleteFrom('storyConsents').where('storyId', 'in', ids).executeTakeFirst()).numDeletedRows);
    counts.placements = Number((await db.deleteFrom('storyPlacements').where('storyId', 'in', ids).executeTakeFirst()).numDeletedRows);
    counts.tags = Number((await db.deleteFrom('storyOutcomes').where('storyId', 'in', ids).executeTakeFirst()).numDeletedRows);
    // Other capabilities' rows about these stories go with them (their foreign keys cascade);
    // the search index entries go through the stories_fts_delete trigger.
    await db.deleteFrom('stories').where('id', 'in', ids).execute();
  }
  await db.deleteFrom('tellers').where('id', '=', tellerId).execute();
  return { counts, files };
}

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
