// Published versions are frozen, but a teller's withdrawal outranks them. The stored version is
// never rewritten on edits: when a version is served, every story the teller has since withdrawn
// (or that was erased, moved back to 'team', or whose report version is not reviewed now) is
// replaced by a placeholder, a story moved from 'public' to 'report' loses its name, a story
// reviewed again shows the text reviewed now, and climate figures are suppressed by today's rule
// (suppressClimate) — in the data and in the page alike. Withdrawal and erasure go further: they
// rewrite the stored versions, so the text leaves the database (redactStoredVersions).
import type { Kysely } from 'kysely';
import { disclosureStamp, reportVersionsOf, versionDisclosure, type ServedDisclosure } from '../access.js';
import { getVersionBody } from '../../db/repositories/reports.js';
import { audit, type Actor } from '../audit.js';
import type { DB } from '../../db/schema.js';
import { storyIdsOf, type PhaseStory, type ReportData, type StoryOut } from './assemble.js';
import { renderClimateSection, renderStoryFull, renderStoryTitle, withdrawnPlaceholder } from './render.js';
import { suppressClimate } from './suppression.js';
import { photoSources } from './photos.js';

export type Served = { data: ReportData; html: string; withdrawn: number[] };
type ReviewedText = { title: string; bodyHtml: string; bodyText: string; reviewHash: string };

/**
 * The version as it may be shown now. `now` says per story how it may be served (null: not at
 * all); `texts` holds the current report version of each story whose frozen text is not the one
 * reviewed now (a story without one there becomes a placeholder).
 */
export function redact(data: ReportData, html: string, now: Map<number, ServedDisclosure>, texts: Map<number, ReviewedText> = new Map()): Served {
  const fresh = (item: { id: number; reviewHash?: string }) => {
    const d = now.get(item.id);
    return d && d.reviewHash !== item.reviewHash ? texts.get(item.id) : undefined;
  };
  const gone = (item: { id: number; reviewHash?: string }) => {
    if (!now.has(item.id)) return false;
    const d = now.get(item.id);
    return !d || (d.reviewHash !== item.reviewHash && !texts.has(item.id));
  };
  const goneId = (id: number) => now.has(id) && !now.get(id);
  const serveStory = (s: StoryOut): StoryOut => {
    const t = fresh(s);
    // plain text only where the version carried it (before issue 12): no text is stored twice
    let out = t ? { ...s, title: t.title, bodyHtml: t.bodyHtml, ...(s.text !== undefined ? { text: t.bodyText } : {}), reviewHash: t.reviewHash } : s;
    // no longer 'public' (or the teller under 16): no name, no exact date, and no photo (photos.ts)
    if (out.named && now.get(s.id)?.as === 'anonymous') out = { ...out, named: false, tellerName: null, when: out.when.slice(0, 7), photo: undefined };
    return out;
  };
  const servePhaseStory = (s: PhaseStory): PhaseStory => {
    const t = fresh(s);
    return t ? { ...s, title: t.title, reviewHash: t.reviewHash } : s;
  };
  const climate = data.climate && { ...data.climate, variables: data.climate.variables.map((v) => suppressClimate(v, data.climate!.minStories)) };
  const climateChanged = !!data.climate && climate!.variables.some((v, i) => v !== data.climate!.variables[i]);

  const withdrawn = new Set<number>();
  const full = new Map<number, StoryOut>();
  const titles = new Map<number, PhaseStory>();
  /** One story in the data as it may be served now: null once gone (a placeholder), else with today's reviewed text. */
  const serveIn = <S extends { id: number; reviewHash?: string }>(s: S, serve: (s: S) => S, changed: Map<number, S>): S | null => {
    if (gone(s)) {
      withdrawn.add(s.id);
      return null;
    }
    const served = serve(s);
    if (served !== s) changed.set(s.id, served);
    return served;
  };
  const out: ReportData = {
    ...data,
    outcomes: data.outcomes.map((o) => ({
      ...o,
      stories: o.stories.map((s) => ('withdrawn' in s ? s : (serveIn(s, serveStory, full) ?? { id: s.id, withdrawn: true as const }))),
      storyRefs: o.storyRefs?.flatMap((r) => serveIn(r, servePhaseStory, titles) ?? []),
      msc: o.msc.included
        ? {
            included: true,
            selections: o.msc.selections.map((m) => {
              if ('withdrawn' in m) return m;
              if (goneId(m.storyId) || (m.story && gone(m.story))) {
                withdrawn.add(m.storyId);
                return { storyId: m.storyId, withdrawn: true as const };
              }
              if (!m.story) return m;
              const story = serveStory(m.story);
              if (story !== m.story) full.set(story.id, story);
              return { ...m, story };
            }),
          }
        : o.msc,
    })),
    climate,
    phases: data.phases && {
      ...data.phases,
      stories: data.phases.stories.map((p) => ({
        ...p,
        stories: p.stories.map((s) => ('withdrawn' in s ? s : (serveIn(s, servePhaseStory, titles) ?? { id: s.id, withdrawn: true as const }))),
      })),
    },
  };
  for (const [id, d] of now) if (!d) withdrawn.add(id);
  if (!withdrawn.size && !full.size && !titles.size && !climateChanged) return { data, html, withdrawn: [] };

  let page = html.replace(/<!--story:(\d+):(full|title|msc|pick)-->[\s\S]*?<!--\/story:\1:\2-->/g, (block, idText: string, kind: string) => {
    const id = Number(idText);
    if (kind === 'msc') return goneId(id) ? withdrawnPlaceholder('title') : block;
    if (kind === 'pick') return withdrawn.has(id) ? withdrawnPlaceholder('pick') : block;
    if (withdrawn.has(id)) return withdrawnPlaceholder(kind as 'full' | 'title');
    if (kind === 'full' && full.has(id)) return renderStoryFull(full.get(id)!);
    if (kind === 'title' && titles.has(id)) return renderStoryTitle(titles.get(id)!);
    return block;
  });
  if (climateChanged) page = page.replace(/<section class="climate">[\s\S]*?<\/section>/, renderClimateSection(out));
  return { data: out, html: page, withdrawn: [...withdrawn].sort((a, b) => a - b) };
}

// Served versions, per database and version id: the stored text they came from, the story ids,
// and the output for the last disclosure state seen. Serving then costs one disclosure query (the
// rule stays exact: any withdrawal, erasure or consent change changes the key) and no re-parsing,
// redacting or re-serialising. Erasure drops the entries of the versions it rewrites.
type CachedVersion = {
  dataJson: string;
  html: string;
  data: ReportData;
  ids: number[];
  hashes: Map<number, string | undefined>;
  stamp: number | null;
  key: string | null;
  served: Served | null;
  response: { head: string; bytes: Uint8Array<ArrayBuffer> } | null;
};
const CACHED_VERSIONS = 16;
const caches = new WeakMap<object, Map<number, CachedVersion>>();
const allCaches = new Set<Map<number, CachedVersion>>();

function cacheOf(db: object): Map<number, CachedVersion> {
  let m = caches.get(db);
  if (!m) {
    m = new Map();
    caches.set(db, m);
    allCaches.add(m);
  }
  return m;
}

/** The frozen review hashes of a version's stories (none for versions published before reviews). */
function frozenHashes(data: ReportData): Map<number, string | undefined> {
  const out = new Map<number, string | undefined>();
  for (const o of data.outcomes) for (const s of o.stories) if (!('withdrawn' in s)) out.set(s.id, s.reviewHash);
  for (const p of data.phases?.stories ?? []) for (const s of p.stories) if (!('withdrawn' in s) && !out.has(s.id)) out.set(s.id, s.reviewHash);
  return out;
}

/** What redact() depends on: the stories gone, the stories that lost their name, the texts reviewed again. */
function disclosureKey(now: Map<number, ServedDisclosure>, frozen: Map<number, string | undefined>): string {
  const gone: number[] = [];
  const anonymous: number[] = [];
  const changed: string[] = [];
  for (const [id, d] of now) {
    if (!d) gone.push(id);
    else {
      if (d.as === 'anonymous') anonymous.push(id);
      if (frozen.has(id) && frozen.get(id) !== d.reviewHash) changed.push(`${id}:${d.reviewHash}`);
    }
  }
  return `${gone.join(',')}|${anonymous.join(',')}|${changed.join(',')}`;
}

/**
 * The cache entry for a version, redacted for the disclosure state now. `stored` is the stored
 * text when the caller has it (then a changed text replaces the entry); without it the entry is
 * trusted, as only erasure rewrites a stored version and it drops the entry.
 */
async function cachedVersion(db: Kysely<DB>, versionId: number, stored?: { dataJson: string; html: string }): Promise<CachedVersion & { served: Served }> {
  const cache = cacheOf(db);
  let entry = cache.get(versionId);
  if (!entry || (stored && (entry.dataJson !== stored.dataJson || entry.html !== stored.html))) {
    const { dataJson, html } = stored ?? (await getVersionBody(db, versionId));
    const data = JSON.parse(dataJson) as ReportData;
    entry = { dataJson, html, data, ids: storyIdsOf(data), hashes: frozenHashes(data), stamp: null, key: null, served: null, response: null };
  }
  cache.delete(versionId); // most recently used last
  cache.set(versionId, entry);
  if (cache.size > CACHED_VERSIONS) cache.delete(cache.keys().next().value!);
  // Nothing a teller decides has changed since the entry was checked: serve it as it is.
  const stamp = await disclosureStamp(db);
  if (entry.stamp === stamp && entry.served) return entry as CachedVersion & { served: Served };
  const now = await versionDisclosure(db, versionId, entry.ids);
  const key = disclosureKey(now, entry.hashes);
  if (entry.key !== key || !entry.served) {
    const reviewedAgain = [...now].filter(([id, d]) => d && entry!.hashes.has(id) && entry!.hashes.get(id) !== d.reviewHash).map(([id]) => id);
    entry.served = redact(entry.data, entry.html, now, await reportVersionsOf(db, reviewedAgain));
    entry.key = key;
    entry.response = null;
  }
  entry.stamp = stamp;
  return entry as CachedVersion & { served: Served };
}

/** A frozen version as it may be shown now. */
export async function serveVersion(db: Kysely<DB>, version: { id: number; dataJson: string; html: string }): Promise<Served> {
  return (await cachedVersion(db, version.id, version)).served;
}

/**
 * The same as the UTF-8 JSON `{"version": {...meta, withdrawnStories, data, html}}`, serialised
 * once per disclosure state: a version can be megabytes.
 */
export async function serveVersionResponse(
  db: Kysely<DB>,
  versionId: number,
  meta: Record<string, unknown>,
  /** the address of each photo in the page (photos.ts); one per version, so the cached answer stays right */
  photoUrl: (mediaId: number) => string,
): Promise<Uint8Array<ArrayBuffer>> {
  const entry = await cachedVersion(db, versionId);
  const head = JSON.stringify(meta);
  if (entry.response?.head !== head) {
    const { data, withdrawn } = entry.served;
    const html = photoSources(entry.served.html, photoUrl);
    const dataText = data === entry.data ? entry.dataJson : JSON.stringify(data);
    entry.response = {
      head,
      bytes: new TextEncoder().encode(
        `{"version":${head.slice(0, -1)},"withdrawnStories":${withdrawn.length},"data":${dataText},"html":${JSON.stringify(html)}}}`,
      ),
    };
  }
  return entry.response.bytes;
}

/**
 * Withdrawal and erasure go further than serving: the text must leave the database, so the stored
 * versions that used these stories are rewritten with placeholders. This is the one exception to
 * "versions never change", and it is audited per version. Call it in the withdrawal's or
 * erasure's transaction.
 */
export async function redactStoredVersions(db: Kysely<DB>, storyIds: number[], actor: Actor, reason: 'teller erased' | 'story withdrawn'): Promise<number> {
  if (!storyIds.length) return 0;
  const versions = await db
    .selectFrom('reportVersions')
    .select(['reportVersions.id', 'reportVersions.reportId', 'reportVersions.number', 'reportVersions.dataJson', 'reportVersions.html'])
    .where('reportVersions.id', 'in', db.selectFrom('reportVersionStories').select('versionId').where('storyId', 'in', storyIds))
    .execute();
  const gone = new Map<number, ServedDisclosure>(storyIds.map((id) => [id, null]));
  for (const v of versions) {
    for (const cache of allCaches) cache.delete(v.id);
    const { data, html } = redact(JSON.parse(v.dataJson) as ReportData, v.html, gone);
    await db
      .updateTable('reportVersions')
      .set({ dataJson: JSON.stringify(data), html })
      .where('id', '=', v.id)
      .execute();
    await audit(db, actor, 'report.version.redact', { type: 'report', id: v.reportId }, { version: v.number, reason, stories: storyIds.length });
  }
  return versions.length;
}
