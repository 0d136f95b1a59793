// Text helpers for rendering reports: HTML escaping and HTML back to plain text.

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const special = /[&<>"']/;
export const escapeHtml = (s: string) => (special.test(s) ? s.replace(/[&<>"']/g, (ch) => entities[ch]!) : s);

/** Plain text of rendered rich-text HTML (for IATI narratives). */
export const htmlToText = (html: string) =>
  html
    .replace(/<br\s*\/?>/g, '\n')
    .replace(/<\/(p|h2|h3|li|blockquote)>\s*/g, '\n\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
