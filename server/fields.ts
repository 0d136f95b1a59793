// Field schemas every route shares, so a field means the same everywhere: a date is a real date,
// a title has the same limits, a list of ids has a ceiling.
import { z } from '@hono/zod-openapi';
import { boundDate } from '../db/domain/periods.js';

/** Is `d` (YYYY-MM-DD) a day on the calendar? 2026-02-30 and 2026-13-45 are not. */
export const isRealDate = (d: string) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) === d;

/** A calendar date, YYYY-MM-DD. */
export const dateString = z
  .string()
  .max(10)
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use YYYY-MM-DD')
  // one issue per bad date: a text that is not YYYY-MM-DD is the regex's, not this one's
  .refine((d) => !/^\d{4}-\d{2}-\d{2}$/.test(d) || isRealDate(d), 'Not a date');
/** Is `d` (YYYY-MM-DD) later than tomorrow? One day of slack for time zones. */
export const isFuture = (d: string) => d > new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
/** A date on which something happened: a calendar date, not in the future. */
export const pastDate = dateString.refine((d) => !isRealDate(d) || !isFuture(d), 'Deze datum ligt in de toekomst / This date is in the future');
/** A date (YYYY-MM-DD), or a period as people write it (2026, 2026-Q1, K1 2026, maart 2026); boundDate reads it. */
export const dateOrPeriod = z
  .string()
  .max(20)
  .refine(
    (v) => boundDate(v, 'from') !== undefined && (!/^\d{4}-\d{2}-\d{2}$/.test(v) || isRealDate(v)),
    'Vul een datum of periode in, zoals 2026-03-15, 2026, K1 2026 of maart 2026. / Fill in a date or a period, such as 2026-03-15, 2026, Q1 2026 or March 2026.',
  );
export const languageCode = z
  .string()
  .max(12)
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/, 'A language code like nl, en, ar, tr');
export const titleString = z.string().trim().min(1).max(200);
/** The tiptap document; its shape is checked by parseRichText (server/richtext.ts), not by zod. */
export const richBody = z.unknown().openapi({ type: 'object', description: 'tiptap JSON document: {type: "doc", content: [...]}' });
/** Positive ids, at most `max` of them. */
export const idList = (max: number) => z.array(z.number().int().positive()).max(max);

/** A NUL character, or half of a surrogate pair without its other half (not text in any encoding). */
const badCharacter = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * The fields of a request value (a parsed JSON body, or a form) whose text holds a NUL or a lone
 * surrogate, named as validation details name them (`title`, `body.content.0.content.0.text`).
 * Keys are checked too. At most `max` names.
 */
export function fieldsWithBadText(value: unknown, at: string[] = [], found: string[] = [], max = 20): string[] {
  if (found.length >= max) return found;
  if (typeof value === 'string') {
    if (badCharacter.test(value)) found.push(at.join('.'));
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => fieldsWithBadText(v, [...at, String(i)], found, max));
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (badCharacter.test(k)) found.push([...at, JSON.stringify(k)].join('.'));
      else fieldsWithBadText(v, [...at, k], found, max);
    }
  }
  return found;
}
