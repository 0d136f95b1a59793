// Served versions, per database and version id: the stored text they came from, the story ids,
// and the output for the last disclosure state seen, with what was made of it (the API response,
// the page in each language) and those bytes compressed once.
// Serving then costs one tiny query — the counter `disclosure_changes` (migration 0009), which the
// database bumps whenever a story's consent, withdrawal, existence or review or a teller's age flag
// changes, whichever process wrote it — and no parsing, redacting, serialising or compressing.
// When the counter moved, the version's stored text is read again (withdrawal and erasure rewrite
// it, perhaps in another process) and its disclosure recomputed, so the placeholder rule stays exact.
import type { Kysely } from 'kysely';
import { disclosureStamp, reportVersionsOf, versionDisclosure, type ServedDisclosure } from '../access.js';
import { getVersionBody } from '../../db/repositories/reports.js';
import { Precompressed } from '../compress.js';
import type { DB } from '../../db/schema.js';
import { storyIdsOf } from './assemble.js';
import { photoSources } from './photos.js';
import { redact, type Served } from './redact.js';
import type { ReportData } from './types.js';

type CachedVersion = {
  dataJson: string;
  html: string;
  data: ReportData;
  ids: number[];
  hashes: Map<number, string | undefined>;
  stamp: number | null;
  key: string | null;
  served: Served | null;
  /** What was made of `served` (see madeOnce), dropped when it changes. */
  made: Map<string, unknown>;
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

/** Drops a version's entries (its stored text was rewritten in this process). */
export function forgetVersion(versionId: number): void {
  for (const cache of allCaches) cache.delete(versionId);
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

const entryOf = (dataJson: string, html: string): CachedVersion => {
  const data = JSON.parse(dataJson) as ReportData;
  return { dataJson, html, data, ids: storyIdsOf(data), hashes: frozenHashes(data), stamp: null, key: null, served: null, made: new Map() };
};

/**
 * The disclosure counter, asked for before a version is known: a route starts it beside its access
 * checks, so serving a cached version waits for one round trip to the database less. Read before
 * the check rather than after, it can only make the cache look again sooner, never serve older.
 */
export const stampNow = (db: Kysely<DB>): Promise<number> => disclosureStamp(db).catch(() => -1);

/**
 * The cache entry for a version, redacted for the disclosure state now. `stored` is the stored
 * text when the caller has it (then a changed text replaces the entry); without it the entry is
 * kept while the disclosure counter stands still, and the stored text is read again when it moved.
 */
async function cachedVersion(
  db: Kysely<DB>,
  versionId: number,
  stored?: { dataJson: string; html: string },
  started?: Promise<number>,
): Promise<CachedVersion & { served: Served }> {
  const cache = cacheOf(db);
  let entry = cache.get(versionId);
  if (!entry || (stored && (entry.dataJson !== stored.dataJson || entry.html !== stored.html))) {
    const { dataJson, html } = stored ?? (await getVersionBody(db, versionId));
    entry = entryOf(dataJson, html);
  }
  cache.delete(versionId); // most recently used last
  cache.set(versionId, entry);
  if (cache.size > CACHED_VERSIONS) cache.delete(cache.keys().next().value!);
  // Nothing a teller decides has changed since the entry was checked: serve it as it is.
  const stamp = await (started ?? disclosureStamp(db));
  if (entry.stamp === stamp && entry.served) return entry as CachedVersion & { served: Served };
  if (entry.stamp !== null && !stored) {
    // Something changed, perhaps in another process: a withdrawal or erasure there rewrote the stored text.
    const body = await getVersionBody(db, versionId);
    if (body.dataJson !== entry.dataJson || body.html !== entry.html) {
      entry = entryOf(body.dataJson, body.html);
      cache.set(versionId, entry);
    }
  }
  const now = await versionDisclosure(db, versionId, entry.ids);
  const key = disclosureKey(now, entry.hashes);
  if (entry.key !== key || !entry.served) {
    const reviewedAgain = [...now].filter(([id, d]) => d && entry!.hashes.has(id) && entry!.hashes.get(id) !== d.reviewHash).map(([id]) => id);
    entry.served = redact(entry.data, entry.html, now, await reportVersionsOf(db, reviewedAgain));
    entry.key = key;
    entry.made = new Map();
  }
  entry.stamp = stamp;
  return entry as CachedVersion & { served: Served };
}

/** A frozen version as it may be shown now. */
export async function serveVersion(db: Kysely<DB>, version: { id: number; dataJson: string; html: string }): Promise<Served> {
  return (await cachedVersion(db, version.id, version)).served;
}

/**
 * Something made from a version as it may be shown now (a page in one language, its bytes
 * compressed): made once per disclosure state and kept with the version, so serving it again costs
 * the access checks and the disclosure counter, nothing more. `key` names what is made.
 */
export async function madeOnce<T>(db: Kysely<DB>, versionId: number, key: string, make: (served: Served) => T, stamp?: Promise<number>): Promise<T> {
  return madeFrom(await cachedVersion(db, versionId, undefined, stamp), key, (entry) => make(entry.served));
}

function madeFrom<T>(entry: CachedVersion & { served: Served }, key: string, make: (entry: CachedVersion & { served: Served }) => T): T {
  if (!entry.made.has(key)) entry.made.set(key, make(entry));
  return entry.made.get(key) as T;
}

/**
 * The UTF-8 JSON `{"version": {...meta, withdrawnStories, data, html}}`, made (and compressed)
 * once per disclosure state: a version can be megabytes.
 */
export async function versionResponse(
  db: Kysely<DB>,
  versionId: number,
  meta: Record<string, unknown>,
  /** the address of each photo in the page (photos.ts), one per version */
  photoUrl: (mediaId: number) => string,
  stamp?: Promise<number>,
): Promise<Precompressed> {
  const head = JSON.stringify(meta);
  return madeFrom(await cachedVersion(db, versionId, undefined, stamp), `api ${head}`, (entry) => {
    const { data, html, withdrawn } = entry.served;
    const dataText = data === entry.data ? entry.dataJson : JSON.stringify(data);
    return new Precompressed(
      `{"version":${head.slice(0, -1)},"withdrawnStories":${withdrawn.length},"data":${dataText},"html":${JSON.stringify(photoSources(html, photoUrl))}}}`,
    );
  });
}
