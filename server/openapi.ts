import { OpenAPIHono, z } from '@hono/zod-openapi';
import { errorBody, errorSchema, zodDetails } from './errors.js';
import type { Context } from 'hono';
import type { Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import type { AppEnv } from './types.js';

/** A router for one capability. Validation failures become the one 400 error shape. */
export function router() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) return c.json(errorBody('invalid_input', 'Ongeldige invoer / Invalid input', zodDetails(result.error)), 400);
    },
  });
}

/** Runs a route's reads and writes in one transaction on the request's database. */
export const inTransaction = <T>(c: Context<AppEnv>, work: (tx: Transaction<DB>) => Promise<T>): Promise<T> => c.get('db').transaction().execute(work);

export const json = <T extends z.ZodType>(schema: T, description = 'OK') => ({
  content: { 'application/json': { schema } },
  description,
});

export const body = <T extends z.ZodType>(schema: T) => ({
  content: { 'application/json': { schema } },
  required: true,
});

const err = (description: string) => ({ content: { 'application/json': { schema: errorSchema } }, description });

/** The error responses every route may give. */
export const errors = {
  400: err('Invalid input; details name each bad field'),
  401: err('Not logged in'),
  403: err('Not allowed'),
  404: err('Not found'),
  409: err('Conflict'),
  413: err('Body too large'),
  415: err('Not a kind of content this route takes (for media: judged by the bytes, not the name)'),
  429: err('Rate limited'),
} as const;

/**
 * A positive whole number in the path, under the name the route's path gives it. Digits only: `1e3`,
 * `0x10` or ` 1` would otherwise be read as numbers, so one record would have many addresses.
 */
export const pathId = (name: string) =>
  z.preprocess((v) => (typeof v === 'string' && /^\d{1,16}$/.test(v) ? Number(v) : v), z.number().int().positive()).openapi({ param: { name, in: 'path' } });

export const idParam = z.object({ id: pathId('id') });

export const cookieAuth = [{ cookieAuth: [] }];
