// The report's introduction: a tiptap JSON document. Until the shared rich-text module
// (server/richtext.ts, stories branch) is in, only paragraphs of plain text, hard breaks and
// bold/italic marks are accepted; anything else is a 400.
import { invalid } from '../errors.js';

export type RichDoc = { type: 'doc'; content?: unknown[] };

export const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

const bad = (message: string) => invalid('Ongeldige inleiding / Invalid introduction', [{ field: 'intro', message }]);

function renderInline(node: unknown): string {
  if (!node || typeof node !== 'object') throw bad('invalid node');
  const n = node as { type?: unknown; text?: unknown; marks?: unknown };
  if (n.type === 'hardBreak') return '<br>';
  if (n.type !== 'text' || typeof n.text !== 'string') throw bad(`node type not allowed: ${String(n.type)}`);
  let out = escapeHtml(n.text);
  if (n.marks !== undefined) {
    if (!Array.isArray(n.marks)) throw bad('marks must be a list');
    for (const mark of n.marks as { type?: unknown }[]) {
      if (mark?.type === 'bold') out = `<strong>${out}</strong>`;
      else if (mark?.type === 'italic') out = `<em>${out}</em>`;
      else throw bad(`mark not allowed: ${String(mark?.type)}`);
    }
  }
  return out;
}

/** Validates the introduction and renders it to safe HTML and plain text. */
export function parseIntro(json: unknown): { json: RichDoc; html: string; text: string } {
  if (!json || typeof json !== 'object' || (json as { type?: unknown }).type !== 'doc') throw bad('expected a tiptap document {type:"doc"}');
  const content = (json as RichDoc).content ?? [];
  if (!Array.isArray(content)) throw bad('content must be a list');
  const html: string[] = [];
  const text: string[] = [];
  for (const block of content as { type?: unknown; content?: unknown }[]) {
    if (block?.type !== 'paragraph') throw bad(`block type not allowed: ${String(block?.type)}`);
    const inline = block.content ?? [];
    if (!Array.isArray(inline)) throw bad('content must be a list');
    html.push(`<p>${inline.map(renderInline).join('')}</p>`);
    text.push(inline.map((i: { text?: string; type?: string }) => (i.type === 'hardBreak' ? '\n' : (i.text ?? ''))).join(''));
  }
  return { json: json as RichDoc, html: html.join(''), text: text.join('\n\n') };
}

/** A plain text as a tiptap document of paragraphs. */
export function textToDoc(text: string): RichDoc {
  return {
    type: 'doc',
    content: text
      .split(/\n{2,}/)
      .filter((p) => p.trim())
      .map((p) => ({ type: 'paragraph', content: [{ type: 'text', text: p }] })),
  };
}

/** Plain text of rendered intro HTML (for CSV/IATI). */
export const htmlToText = (html: string) =>
  html
    .replace(/<br>/g, '\n')
    .replace(/<\/p><p>/g, '\n\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
