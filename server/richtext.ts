// Story bodies: tiptap JSON checked against an allowlist, rendered to HTML here (never taken from
// the client), sanitised once more, and reduced to plain text for search and excerpts.
import { STORY_BYTES } from '../db/domain/uploads.js';
import sanitizeHtml from 'sanitize-html';
import { AppError, type ErrorDetail } from './errors.js';

export type RichNode = { type: string; attrs?: Record<string, unknown>; content?: RichNode[]; text?: string; marks?: RichMark[] };
export type RichMark = { type: string; attrs?: Record<string, unknown> };
export type RichText = { json: RichNode; html: string; text: string };

export const richTextLimits = { maxBytes: STORY_BYTES, maxNodes: 20_000, maxDepth: 20, maxHref: 2048 };

/** What a node may contain: 'block' (block nodes), 'inline' (text, hardBreak) or a list of types. */
type Spec = { content: 'block' | 'inline' | 'listItem' | 'listItemContent' | 'none'; min: number; attrs: Record<string, (v: unknown) => boolean> };

const blocks = new Set(['paragraph', 'heading', 'bulletList', 'orderedList', 'blockquote']);
const inlines = new Set(['text', 'hardBreak']);
const listTypes = new Set(['1', 'a', 'A', 'i', 'I']);

const nodes: Record<string, Spec> = {
  doc: { content: 'block', min: 1, attrs: {} },
  paragraph: { content: 'inline', min: 0, attrs: {} },
  heading: { content: 'inline', min: 0, attrs: { level: (v) => v === 2 || v === 3 } },
  bulletList: { content: 'listItem', min: 1, attrs: {} },
  orderedList: {
    content: 'listItem',
    min: 1,
    attrs: {
      start: (v) => Number.isSafeInteger(v) && Math.abs(v as number) <= 1_000_000,
      type: (v) => v === null || (typeof v === 'string' && listTypes.has(v)),
    },
  },
  listItem: { content: 'listItemContent', min: 1, attrs: {} },
  blockquote: { content: 'block', min: 1, attrs: {} },
  hardBreak: { content: 'none', min: 0, attrs: {} },
  text: { content: 'none', min: 0, attrs: {} },
};

const nullableString = (max: number) => (v: unknown) => v === null || (typeof v === 'string' && v.length <= max);
const marks: Record<string, Record<string, (v: unknown) => boolean>> = {
  bold: {},
  italic: {},
  // The editor emits target, rel, class and title too; they are accepted but never rendered.
  link: {
    href: (v) => typeof v === 'string' && safeHref(v) !== null,
    target: (v) => v === null || v === '_blank',
    rel: nullableString(200),
    class: nullableString(200),
    title: nullableString(500),
  },
};

const schemes = new Set(['http:', 'https:', 'mailto:']);

/** The href to render, or null when it is not an absolute http, https or mailto URL. */
export function safeHref(href: string): string | null {
  if (href.length === 0 || href.length > richTextLimits.maxHref) return null;
  // Browsers drop whitespace and control characters inside a scheme ("java\tscript:"), so any such
  // character anywhere makes the link unsafe; a real URL has them percent-encoded.
  if (/[\u0000-\u0020\u007f-\u009f\u00ad\u200b-\u200f\u2028\u2029\u2060\ufeff\\]/.test(href)) return null;
  if (!/^(https?:\/\/|mailto:)/i.test(href)) return null;
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  if (!schemes.has(url.protocol)) return null;
  if (url.protocol !== 'mailto:' && !url.hostname) return null;
  return url.href;
}

class Invalid extends Error {
  constructor(
    readonly path: string,
    message: string,
    readonly tooLarge = false,
  ) {
    super(message);
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function checkAttrs(attrs: unknown, allowed: Record<string, (v: unknown) => boolean>, path: string): Record<string, unknown> | undefined {
  if (attrs === undefined) return undefined;
  if (!isObject(attrs)) throw new Invalid(`${path}.attrs`, 'attrs must be an object');
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(attrs)) {
    const check = allowed[key];
    if (!check) throw new Invalid(`${path}.attrs.${key}`, `attribute "${key}" is not allowed`);
    if (!check(value)) throw new Invalid(`${path}.attrs.${key}`, `attribute "${key}" has a value that is not allowed`);
    out[key] = value;
  }
  return out;
}

function checkMarks(value: unknown, path: string): RichMark[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.length > 3) throw new Invalid(`${path}.marks`, 'marks must be a list of at most 3');
  const seen = new Set<string>();
  return value.map((m, i) => {
    const p = `${path}.marks.${i}`;
    if (!isObject(m) || typeof m.type !== 'string') throw new Invalid(p, 'a mark needs a type');
    for (const key of Object.keys(m)) if (key !== 'type' && key !== 'attrs') throw new Invalid(`${p}.${key}`, `"${key}" is not allowed on a mark`);
    const allowed = marks[m.type];
    if (!allowed || !Object.hasOwn(marks, m.type)) throw new Invalid(`${p}.type`, `mark "${m.type}" is not allowed`);
    if (seen.has(m.type)) throw new Invalid(p, `mark "${m.type}" appears twice`);
    seen.add(m.type);
    const attrs = checkAttrs(m.attrs, allowed, p);
    if (m.type === 'link' && typeof attrs?.href !== 'string') throw new Invalid(`${p}.attrs.href`, 'a link needs an href');
    return attrs ? { type: m.type, attrs } : { type: m.type };
  });
}

/** Walks the tree (depth first, never deeper than maxDepth) and returns a clean copy. */
function check(value: unknown, path: string, depth: number, count: { nodes: number }): RichNode {
  if (depth > richTextLimits.maxDepth) throw new Invalid(path, `nested deeper than ${richTextLimits.maxDepth} levels`);
  if (++count.nodes > richTextLimits.maxNodes) throw new Invalid(path, `more than ${richTextLimits.maxNodes} nodes`, true);
  if (!isObject(value) || typeof value.type !== 'string') throw new Invalid(path, 'a node needs a type');
  const type = value.type;
  const spec = Object.hasOwn(nodes, type) ? nodes[type] : undefined;
  if (!spec) throw new Invalid(`${path}.type`, `node type "${type.slice(0, 40)}" is not allowed`);
  const allowedKeys = type === 'text' ? ['type', 'text', 'marks'] : ['type', 'attrs', 'content'];
  for (const key of Object.keys(value)) if (!allowedKeys.includes(key)) throw new Invalid(`${path}.${key}`, `"${key}" is not allowed on ${type}`);

  if (type === 'text') {
    if (typeof value.text !== 'string' || value.text.length === 0) throw new Invalid(`${path}.text`, 'text must be a non-empty string');
    const m = checkMarks(value.marks, path);
    return m && m.length ? { type, text: value.text, marks: m } : { type, text: value.text };
  }

  const node: RichNode = { type };
  const attrs = checkAttrs(value.attrs, spec.attrs, path);
  if (type === 'heading' && attrs?.level === undefined) throw new Invalid(`${path}.attrs.level`, 'a heading needs level 2 or 3');
  if (attrs && Object.keys(attrs).length) node.attrs = attrs;

  if (value.content !== undefined && !Array.isArray(value.content)) throw new Invalid(`${path}.content`, 'content must be a list');
  const content = (value.content ?? []) as unknown[];
  if (spec.content === 'none' && content.length) throw new Invalid(`${path}.content`, `${type} has no content`);
  if (content.length < spec.min) throw new Invalid(`${path}.content`, `${type} needs content`);
  const children = content.map((child, i) => {
    const p = `${path}.content.${i}`;
    const childType = isObject(child) ? child.type : undefined;
    const fits =
      typeof childType !== 'string'
        ? true // reported by check() below
        : spec.content === 'block'
          ? blocks.has(childType)
          : spec.content === 'inline'
            ? inlines.has(childType)
            : spec.content === 'listItem'
              ? childType === 'listItem'
              : i === 0
                ? childType === 'paragraph'
                : blocks.has(childType);
    if (!fits && Object.hasOwn(nodes, childType as string)) throw new Invalid(`${p}.type`, `${childType} is not allowed inside ${type}`);
    return check(child, p, depth + 1, count);
  });
  if (children.length) node.content = children;
  return node;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

function renderText(node: RichNode): string {
  let out = esc(node.text ?? '');
  for (const mark of [...(node.marks ?? [])].reverse()) {
    if (mark.type === 'bold') out = `<strong>${out}</strong>`;
    else if (mark.type === 'italic') out = `<em>${out}</em>`;
    else if (mark.type === 'link') out = `<a href="${esc(safeHref(String(mark.attrs?.href)) ?? '#')}" rel="noopener noreferrer nofollow">${out}</a>`;
  }
  return out;
}

function render(node: RichNode): string {
  const inner = () => (node.content ?? []).map(render).join('');
  switch (node.type) {
    case 'doc':
      return inner();
    case 'paragraph':
      return `<p>${inner()}</p>`;
    case 'heading':
      return node.attrs?.level === 3 ? `<h3>${inner()}</h3>` : `<h2>${inner()}</h2>`;
    case 'bulletList':
      return `<ul>${inner()}</ul>`;
    case 'orderedList': {
      const start = node.attrs?.start;
      const type = node.attrs?.type;
      const a = (typeof start === 'number' && start !== 1 ? ` start="${start}"` : '') + (typeof type === 'string' ? ` type="${esc(type)}"` : '');
      return `<ol${a}>${inner()}</ol>`;
    }
    case 'listItem':
      return `<li>${inner()}</li>`;
    case 'blockquote':
      return `<blockquote>${inner()}</blockquote>`;
    case 'hardBreak':
      return '<br>';
    case 'text':
      return renderText(node);
    default:
      return '';
  }
}

const sanitizeOptions: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'h2', 'h3', 'ul', 'ol', 'li', 'blockquote', 'br', 'strong', 'em', 'a'],
  allowedAttributes: { a: ['href', 'rel'], ol: ['start', 'type'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow' }) },
};

/** Plain text: one line per text block, hard breaks as newlines. */
function plain(node: RichNode): string {
  const lines: string[] = [];
  const walk = (n: RichNode): string => {
    if (n.type === 'text') return n.text ?? '';
    if (n.type === 'hardBreak') return '\n';
    if (n.type === 'paragraph' || n.type === 'heading') {
      lines.push((n.content ?? []).map(walk).join(''));
      return '';
    }
    (n.content ?? []).forEach(walk);
    return '';
  };
  walk(node);
  return lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

const tooLong = `Deze tekst is langer dan ${richTextLimits.maxBytes / 1024} kB. Maak hem korter. / This text is longer than ${richTextLimits.maxBytes / 1024} kB. Make it shorter.`;

/** Validates a tiptap document from the client; throws a 400 (or 413) naming the offending path. */
export function parseRichText(value: unknown, field = 'body'): RichText {
  let json: RichNode;
  try {
    if (!isObject(value) || value.type !== 'doc') throw new Invalid('', 'the body must be a tiptap document ({type: "doc", content: [...]})');
    json = check(value, '', 1, { nodes: 0 });
  } catch (e) {
    if (!(e instanceof Invalid)) throw e;
    const path = field + e.path;
    // `reason` is for the developer of a client; `message` for the person who typed the text.
    const message = e.tooLarge
      ? tooLong
      : 'Deze opmaak kan niet worden opgeslagen. Haal de opmaak weg en probeer het opnieuw. / This formatting cannot be saved. Remove the formatting and try again.';
    const detail: ErrorDetail = { field, path, message, reason: `${path}: ${e.message}` };
    if (e.tooLarge) throw new AppError('payload_too_large', 'Het verhaal is te lang / The story is too long', [detail]);
    throw new AppError('invalid_input', 'Deze tekstopmaak kan niet worden opgeslagen / This formatting cannot be saved', [detail]);
  }
  if (Buffer.byteLength(JSON.stringify(json)) > richTextLimits.maxBytes) {
    throw new AppError('payload_too_large', 'Het verhaal is te lang / The story is too long', [
      {
        field,
        message: tooLong,
      },
    ]);
  }
  const html = sanitizeHtml(render(json), sanitizeOptions);
  return { json, html, text: plain(json) };
}

/** The body a story has once its text is withdrawn or cleared. */
export const emptyDoc: RichNode = { type: 'doc', content: [{ type: 'paragraph' }] };

/** A document from plain text, one paragraph per line (for seeds and imports). */
export function docFromText(text: string): RichNode {
  const lines = text.split(/\r?\n/);
  return { type: 'doc', content: lines.map((l) => (l ? { type: 'paragraph', content: [{ type: 'text', text: l }] } : { type: 'paragraph' })) };
}
