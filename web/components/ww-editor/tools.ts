// What the toolbar offers, and the editor allows nothing else: formatting without a button has no
// shortcut, no markdown input rule and is dropped on paste.
import type { Editor } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { SAFE_URL } from '../../richtext.js';

/** The toolbar's buttons, in toolbar order; `tools` on the element picks a subset by these keys (plus `link`). */
export const TOOL_KEYS = ['bold', 'italic', 'h2', 'h3', 'bullets', 'numbers', 'quote', 'link'] as const;
export type ToolKey = (typeof TOOL_KEYS)[number];

export type Tool = { key: Exclude<ToolKey, 'link'>; glyph: string; active: (e: Editor) => boolean; run: (e: Editor) => void };

export const tools: Tool[] = [
  { key: 'bold', glyph: 'B', active: (e) => e.isActive('bold'), run: (e) => e.chain().focus().toggleBold().run() },
  { key: 'italic', glyph: 'I', active: (e) => e.isActive('italic'), run: (e) => e.chain().focus().toggleItalic().run() },
  { key: 'h2', glyph: 'H2', active: (e) => e.isActive('heading', { level: 2 }), run: (e) => e.chain().focus().toggleHeading({ level: 2 }).run() },
  { key: 'h3', glyph: 'H3', active: (e) => e.isActive('heading', { level: 3 }), run: (e) => e.chain().focus().toggleHeading({ level: 3 }).run() },
  { key: 'bullets', glyph: '•', active: (e) => e.isActive('bulletList'), run: (e) => e.chain().focus().toggleBulletList().run() },
  { key: 'numbers', glyph: '1.', active: (e) => e.isActive('orderedList'), run: (e) => e.chain().focus().toggleOrderedList().run() },
  { key: 'quote', glyph: '“', active: (e) => e.isActive('blockquote'), run: (e) => e.chain().focus().toggleBlockquote().run() },
];

/** The tools named in a `tools` attribute (space or comma separated), in toolbar order; empty or unknown: all. */
export function parseTools(value: string): ToolKey[] {
  const named = new Set(value.split(/[\s,]+/).filter(Boolean));
  const known = TOOL_KEYS.filter((k) => named.has(k));
  return known.length ? known : [...TOOL_KEYS];
}

/** tiptap's StarterKit with only the formatting the chosen tools offer. */
export function starterKitFor(has: Set<ToolKey>) {
  const levels = ([2, 3] as const).filter((l) => has.has(`h${l}`));
  return StarterKit.configure({
    code: false,
    codeBlock: false,
    strike: false,
    horizontalRule: false,
    underline: false,
    bold: has.has('bold') ? {} : false,
    italic: has.has('italic') ? {} : false,
    heading: levels.length ? { levels: [...levels] } : false,
    bulletList: has.has('bullets') ? {} : false,
    orderedList: has.has('numbers') ? {} : false,
    listItem: has.has('bullets') || has.has('numbers') ? {} : false,
    listKeymap: has.has('bullets') || has.has('numbers') ? {} : false,
    blockquote: has.has('quote') ? {} : false,
    link: !has.has('link')
      ? false
      : {
          openOnClick: false,
          autolink: true,
          protocols: [],
          defaultProtocol: 'https',
          isAllowedUri: (url) => SAFE_URL.test(url.trim()),
          shouldAutoLink: (url) => SAFE_URL.test(url) || !/^[a-z][a-z0-9+.-]*:/i.test(url),
        },
  });
}
