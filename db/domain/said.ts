// A message in both languages, for the pure rules that explain why an input was refused.

/**
 * Each half a whole sentence: `reason` is "Dutch / English" (the form the web's `localHalf`
 * splits), `nl` and `en` the halves for callers that pick one.
 */
export type Said = { reason: string; nl: string; en: string };
export const said = (nl: string, en: string): Said => ({ reason: `${nl} / ${en}`, nl, en });
