// Submission links residents tell through, and their short codes.
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../schema.js';
import { sharedLookup } from '../../batch.js';

type Db = Kysely<DB>;

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

/** The link behind a token or typed short code, with its project's name (on PostgreSQL, lookups arriving together share one query). */
export function linkByToken(db: Db, token: string): Promise<PublicLinkRow | undefined> {
  return lookUpLink(db, linkCodeKey(token) ?? token);
}

export type PublicLinkRow = Omit<Awaited<ReturnType<typeof linkRows>>[number], 'token'>;

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
const lookUpLink = sharedLookup(async (db: Db, keys: string[]): Promise<(PublicLinkRow | undefined)[]> => {
  const byToken = new Map((await linkRows(db, keys)).map(({ token, ...link }) => [token, link]));
  return keys.map((k) => byToken.get(k));
});

export async function updateLink(
  db: Db,
  id: number,
  patch: { label?: string; expiresAt?: string | null; closedAt?: string | null; question?: string | null; climateVariableIds?: string | null },
) {
  await db.updateTable('publicLinks').set(patch).where('id', '=', id).execute();
}
