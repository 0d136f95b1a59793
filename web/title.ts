// The document title: what tabs, history and screen readers tell pages apart by.
// Each route names its page (routes.ts); a page adds what it is about once its data is there
// ("Verhaal: Groeten op straat – Weefwerk"). Resident pages use documentTitle directly.

/** The page's own words first, then the app's name. */
export function documentTitle(...parts: (string | null | undefined)[]): string {
  return [...parts.filter((p): p is string => !!p?.trim()).map((p) => p.trim().replace(/\.$/, '')), 'Weefwerk'].join(' – ');
}

/** Names what the page is about (a story's title, a project's name): the shell titles it `<route title>: <subject> – Weefwerk`. */
export function refineTitle(page: HTMLElement, subject: string): void {
  page.dispatchEvent(new CustomEvent('ww-title', { detail: subject, bubbles: true, composed: true }));
}
