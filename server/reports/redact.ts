// Published versions are frozen, but a teller's withdrawal outranks them. The stored version is
// never rewritten: when a version is served, every story the teller has since withdrawn (or that
// was erased, or moved back to 'team') is replaced by a placeholder, and a story moved from
// 'public' to 'report' loses its name — in the data and in the page alike.
import type { Kysely } from 'kysely';
import { currentDisclosure, disclosureStamp, versionDisclosure, type StoryDisclosure } from '../access.js';
import { getVersionBody } from '../../db/repositories/reports.js';
import { audit, type Actor } from '../audit.js';
import type { DB } from '../../db/schema.js';
import { storyIdsOf, type ReportData, type StoryOut } from './assemble.js';
import { renderStoryFull, withdrawnPlaceholder } from './render.js';

export type Served = { data: ReportData; html: string; withdrawn: number[] };

export function redact(data: ReportData, html: string, now: Map<number, StoryDisclosure | null>): Served {
  const gone = (id: number) => now.has(id) && now.get(id) === null;
  const anonymise = (s: StoryOut): StoryOut => (s.named && now.get(s.id) === 'anonymous' ? { ...s, named: false, tellerName: null, when: s.when.slice(0, 7) } : s);
  const withdrawn = [...now].filter(([, d]) => d === null).map(([id]) => id);
  if (!withdrawn.length && ![...now.values()].includes('anonymous')) return { data, html, withdrawn };

  const stories = new Map<number, StoryOut>();
  const out: ReportData = {
    ...data,
    outcomes: data.outcomes.map((o) => ({
      ...o,
      stories: o.stories.map((s) => {
        if ('withdrawn' in s || gone(s.id)) return { id: s.id, withdrawn: true as const };
        const a = anonymise(s);
        stories.set(a.id, a);
        return a;
      }),
      storyRefs: o.storyRefs?.filter((s) => !gone(s.id)),
      msc: o.msc.included
        ? {
            included: true,
            selections: o.msc.selections.map((m) => {
              if (gone(m.storyId)) return { storyId: m.storyId, withdrawn: true as const };
              if ('withdrawn' in m || !m.story) return m;
              const story = anonymise(m.story);
              stories.set(story.id, story);
              return { ...m, story };
            }),
          }
        : o.msc,
    })),
    phases: data.phases && {
      ...data.phases,
      stories: data.phases.stories.map((p) => ({ ...p, stories: p.stories.map((s) => (gone(s.id) ? { id: s.id, withdrawn: true as const } : s)) })),
    },
  };
  const page = html.replace(/<!--story:(\d+):(full|title|msc|pick)-->[\s\S]*?<!--\/story:\1:\2-->/g, (block, idText: string, kind: string) => {
    const id = Number(idText);
    if (gone(id)) return kind === 'full' ? withdrawnPlaceholder('full') : kind === 'pick' ? withdrawnPlaceholder('pick') : '<li class="withdrawn"><em>Teruggetrokken verhaal</em></li>';
    if (kind === 'full' && now.get(id) === 'anonymous' && stories.has(id)) return renderStoryFull(stories.get(id)!);
    return block;
  });
  return { data: out, html: page, withdrawn };
}

// Served versions, per database and version id: the stored text they came from, the story ids,
// and the output for the last disclosure state seen. Serving then costs one disclosure query (the
// rule stays exact: any withdrawal, erasure or consent change changes the key) and no re-parsing,
// redacting or re-serialising. Erasure drops the entries of the versions it rewrites.
type CachedVersion = { dataJson: string; html: string; data: ReportData; ids: number[]; stamp: number | null; key: string | null; served: Served | null; response: { head: string; bytes: Uint8Array<ArrayBuffer> } | null };
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

/** What redact() depends on: the stories gone and the stories that lost their name. */
function disclosureKey(now: Map<number, StoryDisclosure | null>): string {
  const gone: number[] = [];
  const anonymous: number[] = [];
  for (const [id, d] of now) {
    if (d === null) gone.push(id);
    else if (d === 'anonymous') anonymous.push(id);
  }
  return `${gone.join(',')}|${anonymous.join(',')}`;
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
    entry = { dataJson, html, data, ids: storyIdsOf(data), stamp: null, key: null, served: null, response: null };
  }
  cache.delete(versionId); // most recently used last
  cache.set(versionId, entry);
  if (cache.size > CACHED_VERSIONS) cache.delete(cache.keys().next().value!);
  // Nothing a teller decides has changed since the entry was checked: serve it as it is.
  const stamp = await disclosureStamp(db);
  if (entry.stamp === stamp && entry.served) return entry as CachedVersion & { served: Served };
  const now = await versionDisclosure(db, versionId, entry.ids);
  const key = disclosureKey(now);
  if (entry.key !== key || !entry.served) {
    entry.served = redact(entry.data, entry.html, now);
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
export async function serveVersionResponse(db: Kysely<DB>, versionId: number, meta: Record<string, unknown>): Promise<Uint8Array<ArrayBuffer>> {
  const entry = await cachedVersion(db, versionId);
  const head = JSON.stringify(meta);
  if (entry.response?.head !== head) {
    const { data, html, withdrawn } = entry.served;
    const dataText = data === entry.data ? entry.dataJson : JSON.stringify(data);
    entry.response = { head, bytes: new TextEncoder().encode(`{"version":${head.slice(0, -1)},"withdrawnStories":${withdrawn.length},"data":${dataText},"html":${JSON.stringify(html)}}}`) };
  }
  return entry.response.bytes;
}

/**
 * Erasure (a teller's right to be forgotten) goes further than withdrawal: the text must leave
 * the database, so the stored versions that used the teller's stories are rewritten with
 * placeholders. This is the one exception to "versions never change", and it is audited per
 * version. Call it in the erasure's transaction, before the stories are deleted.
 */
export async function redactErasedStories(db: Kysely<DB>, storyIds: number[], actor: Actor): Promise<number> {
  if (!storyIds.length) return 0;
  const versions = await db
    .selectFrom('reportVersions')
    .select(['reportVersions.id', 'reportVersions.reportId', 'reportVersions.number', 'reportVersions.dataJson', 'reportVersions.html'])
    .where('reportVersions.id', 'in', db.selectFrom('reportVersionStories').select('versionId').where('storyId', 'in', storyIds))
    .execute();
  const gone = new Map<number, StoryDisclosure | null>(storyIds.map((id) => [id, null]));
  for (const v of versions) {
    for (const cache of allCaches) cache.delete(v.id);
    const { data, html } = redact(JSON.parse(v.dataJson) as ReportData, v.html, gone);
    await db.updateTable('reportVersions').set({ dataJson: JSON.stringify(data), html }).where('id', '=', v.id).execute();
    await audit(db, actor, 'report.version.redact', { type: 'report', id: v.reportId }, { version: v.number, reason: 'teller erased', stories: storyIds.length });
  }
  return versions.length;
}
