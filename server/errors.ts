import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from '@hono/zod-openapi';
import { ZodError } from 'zod';
import { isInvalidValue } from '../db/postgres.js';

export type ErrorCode =
  | 'invalid_input'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'gone'
  | 'internal';

const statusOf: Record<ErrorCode, ContentfulStatusCode> = {
  invalid_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  gone: 410,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
};

export type ErrorDetail = { field?: string; message: string; [key: string]: unknown };

/** The one error every route throws; onError turns it into the one JSON error shape. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetail[] = [],
    /** Extra response headers, e.g. Retry-After on 429. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
  get status(): ContentfulStatusCode {
    return statusOf[this.code];
  }
}

export const invalid = (message: string, details: ErrorDetail[] = []) => new AppError('invalid_input', message, details);
export const notFound = (what = 'Niet gevonden / Not found') => new AppError('not_found', what);
export const forbidden = (message = 'Dit mag je niet doen / Not allowed') => new AppError('forbidden', message);
export const conflict = (message: string) => new AppError('conflict', message);

/** A field's message when an end date lies before its start date. */
export const beforeStart = 'Deze dag ligt voor de startdatum. Kies een latere dag. / This day is before the start date. Choose a later day.';

/** A field's message when an area is given for an indicator not kept per area. */
export const notByArea = 'Deze indicator wordt niet per gebied bijgehouden. Laat het gebied leeg. / This indicator is not kept per area. Leave the area empty.';

/** A field's message when the chosen area is not one of the project's (or within one). */
export const notProjectArea =
  'Dit gebied hoort niet bij dit project. Kies een gebied van dit project. / This area is not part of this project. Choose an area of this project.';

/**
 * One detail per bad field; an unknown field is named like any other (`parent.unknownKey`).
 * Besides the (English) message each detail carries zod's issue `code` and the limit that was
 * broken, so a client can say it in the user's language: `too_small`/`too_big` with `origin`
 * (string, number, array…), `minimum`/`maximum`, `inclusive`, `exact`; `invalid_type` with
 * `expected` (and `missing: true` when the value was left out); `invalid_format` with `format`;
 * `invalid_value` with the allowed `values`.
 */
export function zodDetails(error: ZodError): ErrorDetail[] {
  return error.issues.flatMap((i): ErrorDetail[] => {
    const at = i.path.map(String);
    if (i.code === 'unrecognized_keys') return i.keys.map((key) => ({ field: [...at, key].join('.'), message: 'Onbekend veld / Unknown field', code: i.code }));
    return [{ field: at.length ? at.join('.') : undefined, message: i.message, code: i.code, ...limitsOf(i) }];
  });
}

type Issue = ZodError['issues'][number];
const num = (n: number | bigint) => Number(n);

function limitsOf(i: Issue): Record<string, unknown> {
  switch (i.code) {
    case 'too_small':
      return { origin: i.origin, minimum: num(i.minimum), inclusive: i.inclusive ?? true, ...(i.exact ? { exact: true } : {}) };
    case 'too_big':
      return { origin: i.origin, maximum: num(i.maximum), inclusive: i.inclusive ?? true, ...(i.exact ? { exact: true } : {}) };
    case 'invalid_type':
      // zod leaves the input out of its issues; its message says whether there was one
      return { expected: i.expected, ...(/received undefined$/.test(i.message) ? { missing: true } : {}) };
    case 'invalid_format':
      return { format: i.format };
    case 'invalid_value':
      return { values: i.values.filter((v) => ['string', 'number', 'boolean'].includes(typeof v) || v === null) };
    case 'not_multiple_of':
      return { divisor: num(i.divisor) };
    default:
      return {};
  }
}

export const errorSchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      details: z.array(
        z
          .object({
            field: z.string().optional(),
            message: z.string(),
            code: z.string().optional().openapi({
              description:
                'zod issue code (too_small, too_big, invalid_type, invalid_format, invalid_value, unrecognized_keys, custom) for clients to word the error themselves',
            }),
            origin: z.string().optional(),
            minimum: z.number().optional(),
            maximum: z.number().optional(),
            inclusive: z.boolean().optional(),
            exact: z.boolean().optional(),
            expected: z.string().optional(),
            missing: z.boolean().optional(),
            format: z.string().optional(),
            values: z.array(z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
          })
          .passthrough(),
      ),
    }),
  })
  .openapi('Error');

export function errorBody(code: string, message: string, details: ErrorDetail[] = []) {
  return { error: { code, message, details } };
}

export function handleError(err: Error, c: Context): Response {
  if (err instanceof AppError) return c.json(errorBody(err.code, err.message, err.details), err.status, err.headers);
  if (err instanceof ZodError) return c.json(errorBody('invalid_input', 'Invalid input', zodDetails(err)), 400);
  if (err instanceof HTTPException) {
    const status = err.status as ContentfulStatusCode;
    const code: ErrorCode =
      status === 413
        ? 'payload_too_large'
        : status === 415
          ? 'unsupported_media_type'
          : status === 401
            ? 'unauthenticated'
            : status === 403
              ? 'forbidden'
              : status === 404
                ? 'not_found'
                : status < 500
                  ? 'invalid_input'
                  : 'internal';
    return c.json(errorBody(code, err.message || 'Request error'), status >= 500 ? 500 : status);
  }
  if (isInvalidValue(err)) return c.json(errorBody('invalid_input', 'Ongeldige waarde / Invalid value'), 400);
  const requestId = crypto.randomUUID();
  console.error(`[${requestId}]`, err);
  return c.json(errorBody('internal', `Internal error (request ${requestId})`), 500);
}
