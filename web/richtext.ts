// Tiptap JSON without tiptap: the small helpers the resident page needs before the editor loads.
import type { JSONContent } from '@tiptap/core';

export type RichDoc = JSONContent & { type: 'doc' };

/** Plain text as a tiptap document: blank lines separate paragraphs, single newlines become hard breaks. */
export function textToDoc(text: string): RichDoc {
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (!paragraphs.length) return { type: 'doc', content: [{ type: 'paragraph' }] };
  return {
    type: 'doc',
    content: paragraphs.map((p) => ({
      type: 'paragraph',
      content: p.split('\n').flatMap((line, i) => [...(i ? [{ type: 'hardBreak' }] : []), ...(line ? [{ type: 'text', text: line }] : [])]),
    })),
  };
}

/** The document's text, paragraphs separated by blank lines (to carry text into the editor or back). */
export function docToText(doc: JSONContent | null | undefined): string {
  if (!doc) return '';
  const inline = (n: JSONContent): string => (n.type === 'text' ? (n.text ?? '') : n.type === 'hardBreak' ? '\n' : (n.content ?? []).map(inline).join(''));
  const blocks: string[] = [];
  const walk = (n: JSONContent) => {
    if (n.type === 'paragraph' || n.type === 'heading') blocks.push(inline(n));
    else (n.content ?? []).forEach(walk);
  };
  walk(doc);
  return blocks.join('\n\n');
}

/** True when the document holds no text at all. */
export function docIsEmpty(doc: JSONContent | null | undefined): boolean {
  return !docToText(doc).trim();
}
