// The GUIDs Weefwerk's things carry in REFI-QDA files (table qda_guids, migration 0017b): made once,
// on first export, and kept, so a file that comes back from a QDA tool points at the same things.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

/** GUIDs compare without case and braces: tools write `{ABCD…}` as well as `abcd…`. */
export const normGuid = (g: string) => g.replace(/[{}]/g, '').toLowerCase();

/** Normalised GUID → entity for the given GUIDs that Weefwerk knows (others are unknown to it). */
export async function entitiesOf(db: Kysely<DB>, guids: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const wanted = [...new Set(guids.map(normGuid))];
  for (let i = 0; i < wanted.length; i += 500) {
    const rows = await db
      .selectFrom('qdaGuids')
      .select(['guid', 'entity'])
      .where('guid', 'in', wanted.slice(i, i + 500))
      .execute();
    for (const r of rows) out.set(r.guid, r.entity);
  }
  return out;
}

/** The GUID of each entity ('kind:id'), issuing new ones where there are none yet. */
export async function guidsFor(db: Kysely<DB>, entities: string[]): Promise<Map<string, string>> {
  const wanted = [...new Set(entities)];
  const out = new Map<string, string>();
  for (let i = 0; i < wanted.length; i += 500) {
    const rows = await db
      .selectFrom('qdaGuids')
      .select(['guid', 'entity'])
      .where('entity', 'in', wanted.slice(i, i + 500))
      .execute();
    for (const r of rows) out.set(r.entity, r.guid);
  }
  const fresh = wanted.filter((e) => !out.has(e)).map((entity) => ({ guid: randomUUID(), entity, createdAt: new Date().toISOString() }));
  for (let i = 0; i < fresh.length; i += 200)
    await db
      .insertInto('qdaGuids')
      .values(fresh.slice(i, i + 200))
      .execute();
  for (const f of fresh) out.set(f.entity, f.guid);
  return out;
}

/** Links an existing GUID (from a file that came back) to a thing Weefwerk just made for it. */
export async function adoptGuid(db: Kysely<DB>, guid: string, entity: string): Promise<void> {
  await db
    .insertInto('qdaGuids')
    .values({ guid: normGuid(guid), entity, createdAt: new Date().toISOString() })
    .execute();
}

/** REFI-QDA counts positions in characters (Unicode code points); JavaScript strings in UTF-16 units. */
export const toCodePoints = (text: string, utf16: number) => [...text.slice(0, utf16)].length;

/** The UTF-16 offset of a code-point position, or null past the end of the text. */
export function toUtf16(text: string, codePoints: number): number | null {
  let i = 0;
  for (let n = 0; n < codePoints; n++) {
    if (i >= text.length) return null;
    i += text.codePointAt(i)! > 0xffff ? 2 : 1;
  }
  return i;
}
