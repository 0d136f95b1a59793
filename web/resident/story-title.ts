// A story sent without a title gets its opening words as one (server/routes/public/story-form.ts,
// titleFrom). Shown above the text, the resident would read the same sentence twice.

/** Is `title` just the opening of `text` (whitespace aside, a trailing "…" allowed)? */
export function titleIsOpening(title: string, text: string): boolean {
  const flat = (s: string) => s.replace(/\s+/g, ' ').trim();
  const opening = flat(title).replace(/…$/, '');
  return opening.length > 0 && flat(text).startsWith(opening);
}

/** The text of server-made, sanitised HTML. */
export const htmlText = (html: string) => new DOMParser().parseFromString(html, 'text/html').body.textContent ?? '';
