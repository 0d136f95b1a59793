// Field schemas every route shares, so a field means the same everywhere: a date is a real date,
// a title has the same limits, a list of ids has a ceiling.
import { z } from '@hono/zod-openapi';

/** Is `d` (YYYY-MM-DD) a day on the calendar? 2026-02-30 and 2026-13-45 are not. */
export const isRealDate = (d: string) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) === d;

/** A calendar date, YYYY-MM-DD. */
export const dateString = z
  .string()
  .max(10)
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use YYYY-MM-DD')
  .refine(isRealDate, 'Not a date');
/** A date (YYYY-MM-DD) or a canonical period (2026, 2026-Q1, 2026-03). */
export const dateOrPeriod = z
  .string()
  .max(10)
  .regex(/^(\d{4}-\d{2}-\d{2}|\d{4}|\d{4}-Q[1-4]|\d{4}-(0[1-9]|1[0-2]))$/, 'A date (YYYY-MM-DD) or a period (2026, 2026-Q1, 2026-03)')
  .refine((v) => v.length !== 10 || isRealDate(v), 'Not a date');
export const languageCode = z
  .string()
  .max(12)
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/, 'A language code like nl, en, ar, tr');
export const titleString = z.string().trim().min(1).max(200);
/** The tiptap document; its shape is checked by parseRichText (server/richtext.ts), not by zod. */
export const richBody = z.unknown().openapi({ type: 'object', description: 'tiptap JSON document: {type: "doc", content: [...]}' });
/** Positive ids, at most `max` of them. */
export const idList = (max: number) => z.array(z.number().int().positive()).max(max);
