// The guards in front of every resident route: a rate limit per client address and per link, and
// a limit on guessing link and receipt codes.
import type { Context, MiddlewareHandler } from 'hono';
import { linkByToken, linkCodeKey, type PublicLinkRow } from '../../../db/repositories/stories.js';
import { defaultLimits } from '../../env.js';
import { AppError, notFound } from '../../errors.js';
import { clientAddress } from '../../security.js';
import type { AppEnv } from '../../types.js';
import { linkStatus } from '../stories/links.js';

/**
 * A flood from one address, or at one link, gets 429s; everyone else is still served. Counted
 * before the body is even validated, so malformed requests count too.
 */
export const limited: MiddlewareHandler<AppEnv> = async (c, next) => {
  const limiter = c.get('limiter');
  const config = c.get('config');
  const token = /\/public\/links\/([^/]+)/.exec(c.req.path)?.[1];
  if (token !== undefined) {
    // The link is looked up while the hits are counted (the route's openLink takes the answer): one
    // wait for the database, not two. An address over its limit gets its 429 and learns nothing.
    const looked = lookUp(c, 'link', () => linkByToken(c.get('db'), token));
    looked.catch(() => {}); // a failed lookup is the route's to report
    earlyLinks.set(c, { token, looked });
  }
  // Counted together: one round trip to a shared store.
  await Promise.all([
    limiter.hit(`public:addr:${clientAddress(c)}`, config.limits.publicPerAddress),
    token === undefined ? undefined : limiter.hit(`public:link:${linkCodeKey(token) ?? token}`, config.limits.publicPerLink),
  ]);
  await next();
};

/**
 * Guessing codes learns nothing: unknown link codes and unknown receipt codes each count against
 * the client address (`linkGuessesPerAddress`, `receiptGuessesPerAddress` per window, counted in the
 * shared rate-limit store, so in the database when several processes serve one). Past the limit
 * every code of that kind answers 429 to that address, known or not. Known codes never count.
 */
export async function guessLimited<T>(
  c: Context<AppEnv>,
  kind: 'link' | 'receipt',
  find: () => Promise<T | undefined>,
  unknown: string,
  looked = lookUp(c, kind, find),
): Promise<T> {
  const { key, limit } = guesses(c, kind);
  const [exhausted, found] = await looked;
  if (exhausted) throw await c.get('limiter').tooMany(key);
  if (found === undefined) {
    await c.get('limiter').hit(key, limit);
    throw notFound(unknown);
  }
  return found;
}

/**
 * A receipt code a resident's browser chose that another story holds already: it tells the sender
 * that the code exists, so it counts as a receipt guess (429 past the limit, like the receipt routes).
 */
export async function takenReceiptCode(c: Context<AppEnv>): Promise<void> {
  const { key, limit } = guesses(c, 'receipt');
  await c.get('limiter').hit(key, limit);
}

/** Whether the address has used up its guesses of this kind, and what `find` found: looked up together, in one round trip. */
function lookUp<T>(c: Context<AppEnv>, kind: 'link' | 'receipt', find: () => Promise<T | undefined>): Promise<[boolean, T | undefined]> {
  const { key, limit } = guesses(c, kind);
  return Promise.all([c.get('limiter').exhausted(key, limit), find()]);
}

/** The link lookups `limited` started, by request, for openLink to take. */
const earlyLinks = new WeakMap<Context, { token: string; looked: Promise<[boolean, PublicLinkRow | undefined]> }>();

function guesses(c: Context<AppEnv>, kind: 'link' | 'receipt') {
  const { limits } = c.get('config');
  return {
    key: `public:${kind === 'link' ? 'guess' : 'receipt-guess'}:${clientAddress(c)}`,
    limit:
      kind === 'link'
        ? (limits.linkGuessesPerAddress ?? defaultLimits.linkGuessesPerAddress!)
        : (limits.receiptGuessesPerAddress ?? defaultLimits.receiptGuessesPerAddress!),
  };
}

/** The link behind a token or short code: 404 when unknown (a counted guess), 410 once closed or expired. */
export async function openLink(c: Context<AppEnv>, token: string) {
  const early = earlyLinks.get(c);
  const link = await guessLimited(
    c,
    'link',
    () => linkByToken(c.get('db'), token),
    'Deze link bestaat niet / This link does not exist',
    early?.token === token ? early.looked : undefined,
  );
  if (linkStatus(link) !== 'open') throw new AppError('gone', 'Deze link is gesloten / This link is closed');
  return link;
}
