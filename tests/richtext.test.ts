import { getSchema } from '@tiptap/core';
import { Node } from '@tiptap/pm/model';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseRichText, safeHref } from '../server/richtext.js';
import { AppError } from '../server/errors.js';
import { testApp, type TestApp } from './helpers/app.js';
import { starterKitFor, TOOL_KEYS } from '../web/components/ww-editor/tools.js';
import { doc, json, openLink, storyCount, submit, world, type World } from './helpers/stories-fixtures.js';

// The editor's own configuration (all tools); the server's allowlist must accept what it emits.
const schema = getSchema([starterKitFor(new Set(TOOL_KEYS))]);

const link = (href: string, attrs: Record<string, unknown> = {}) => ({
  type: 'doc',
  content: [
    {
      type: 'paragraph',
      content: [
        {
          type: 'text',
          text: 'klik',
          marks: [{ type: 'link', attrs: { href, target: '_blank', rel: 'noopener noreferrer nofollow', class: null, ...attrs } }],
        },
      ],
    },
  ],
});

const rich = {
  type: 'doc',
  content: [
    { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Het plein' }] },
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'Eerst ' },
        { type: 'text', text: 'vet', marks: [{ type: 'bold' }] },
        { type: 'text', text: ' en ' },
        { type: 'text', text: 'schuin', marks: [{ type: 'italic' }, { type: 'bold' }] },
        { type: 'hardBreak' },
        {
          type: 'text',
          text: 'zie de site',
          marks: [
            { type: 'link', attrs: { href: 'https://example.nl/a?b=1&c=2', target: '_blank', rel: 'noopener noreferrer nofollow', class: null, title: null } },
          ],
        },
      ],
    },
    { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'bankjes' }] }] }] },
    {
      type: 'orderedList',
      attrs: { start: 3, type: null },
      content: [
        {
          type: 'listItem',
          content: [
            { type: 'paragraph', content: [{ type: 'text', text: 'derde' }] },
            { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph' }] }] },
          ],
        },
      ],
    },
    { type: 'blockquote', content: [{ type: 'paragraph', content: [{ type: 'text', text: '<script>alert(1)</script> & "quotes"' }] }] },
    { type: 'heading', attrs: { level: 3 }, content: [{ type: 'text', text: 'Mail' }] },
    { type: 'paragraph', content: [{ type: 'text', text: 'mail mij', marks: [{ type: 'link', attrs: { href: 'mailto:buurt@example.nl' } }] }] },
    { type: 'paragraph' },
  ],
};

const rejects = (value: unknown) => {
  try {
    parseRichText(value);
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  }
  throw new Error(`accepted: ${JSON.stringify(value).slice(0, 200)}`);
};

describe('parseRichText', () => {
  it('accepts what the editor emits, renders escaped HTML and plain text', () => {
    expect(() => Node.fromJSON(schema, rich).check()).not.toThrow(); // the fixture really is an editor document
    const out = parseRichText(rich);
    expect(out.html).toBe(
      '<h2>Het plein</h2><p>Eerst <strong>vet</strong> en <em><strong>schuin</strong></em><br />' +
        '<a href="https://example.nl/a?b=1&amp;c=2" rel="noopener noreferrer nofollow">zie de site</a></p>' +
        '<ul><li><p>bankjes</p></li></ul><ol start="3"><li><p>derde</p><ul><li><p></p></li></ul></li></ol>' +
        '<blockquote><p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; "quotes"</p></blockquote>' +
        '<h3>Mail</h3><p><a href="mailto:buurt@example.nl" rel="noopener noreferrer nofollow">mail mij</a></p><p></p>',
    );
    expect(out.text).toBe('Het plein\nEerst vet en schuin\nzie de site\nbankjes\nderde\n\n<script>alert(1)</script> & "quotes"\nMail\nmail mij');
    expect(out.json).toEqual(rich);
  });

  it('accepts only absolute http, https and mailto links', () => {
    expect(safeHref('https://example.nl')).toBe('https://example.nl/');
    expect(safeHref('HTTP://EXAMPLE.NL/x')).toBe('http://example.nl/x');
    expect(safeHref('mailto:a@b.nl')).toBe('mailto:a@b.nl');
    for (const href of [
      'javascript:alert(1)',
      'JAVASCRIPT:alert(1)',
      'JaVaScRiPt:alert(1)',
      ' javascript:alert(1)',
      ' JavaScript:alert(1)',
      'java\tscript:alert(1)',
      'java\nscript:alert(1)',
      'java\rscript:alert(1)',
      'java\u0000script:alert(1)',
      'jav\u200bascript:alert(1)',
      '\u0001javascript:alert(1)',
      'javascript&colon;alert(1)',
      'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
      'DATA:text/html,<script>alert(1)</script>',
      ' data:image/svg+xml,<svg onload=alert(1)>',
      'vbscript:msgbox(1)',
      'VBScript:msgbox(1)',
      'https://example.nl\\@evil',
      '//evil.example',
      '/relative',
      '#top',
      'ftp://example.nl',
      'https:',
      'https://',
      '',
      `https://example.nl/${'a'.repeat(3000)}`,
    ]) {
      expect(safeHref(href), JSON.stringify(href)).toBeNull();
      const e = rejects(link(href));
      expect(e.status).toBe(400);
      expect(e.details[0]?.path).toBe('body.content.0.content.0.marks.0.attrs.href');
    }
  });

  it('rejects unknown node types, marks and attributes with the path', () => {
    const p = (content: unknown[]) => ({ type: 'doc', content: [{ type: 'paragraph', content }] });
    const cases: [unknown, string][] = [
      [{ type: 'doc', content: [{ type: 'image', attrs: { src: 'https://x/y.png' } }] }, 'body.content.0.type'],
      [{ type: 'doc', content: [{ type: 'codeBlock', content: [{ type: 'text', text: 'x' }] }] }, 'body.content.0.type'],
      [{ type: 'doc', content: [{ type: 'horizontalRule' }] }, 'body.content.0.type'],
      [{ type: 'doc', content: [{ type: 'iframe' }] }, 'body.content.0.type'],
      [{ type: 'doc', content: [{ type: 'paragraph', attrs: { onclick: 'alert(1)' } }] }, 'body.content.0.attrs.onclick'],
      [{ type: 'doc', content: [{ type: 'paragraph', attrs: { style: 'color:red' } }] }, 'body.content.0.attrs.style'],
      [{ type: 'doc', content: [{ type: 'heading', attrs: { level: 1 }, content: [] }] }, 'body.content.0.attrs.level'],
      [{ type: 'doc', content: [{ type: 'heading', attrs: { level: 2, onmouseover: 'x' } }] }, 'body.content.0.attrs.onmouseover'],
      [{ type: 'doc', content: [{ type: 'orderedList', attrs: { start: '1" onclick="x' }, content: [] }] }, 'body.content.0.attrs.start'],
      [{ type: 'doc', content: [{ type: 'paragraph', html: '<img src=x onerror=alert(1)>' }] }, 'body.content.0.html'],
      [p([{ type: 'text', text: 'x', marks: [{ type: 'strike' }] }]), 'body.content.0.content.0.marks.0.type'],
      [p([{ type: 'text', text: 'x', marks: [{ type: 'code' }] }]), 'body.content.0.content.0.marks.0.type'],
      [p([{ type: 'text', text: 'x', marks: [{ type: 'underline' }] }]), 'body.content.0.content.0.marks.0.type'],
      [p([{ type: 'text', text: 'x', marks: [{ type: 'textStyle', attrs: { style: 'x' } }] }]), 'body.content.0.content.0.marks.0.type'],
      [
        p([{ type: 'text', text: 'x', marks: [{ type: 'link', attrs: { href: 'https://a.nl', onclick: 'alert(1)' } }] }]),
        'body.content.0.content.0.marks.0.attrs.onclick',
      ],
      [
        p([{ type: 'text', text: 'x', marks: [{ type: 'link', attrs: { href: 'https://a.nl', target: '_top' } }] }]),
        'body.content.0.content.0.marks.0.attrs.target',
      ],
      [p([{ type: 'text', text: 'x', marks: [{ type: 'link' }] }]), 'body.content.0.content.0.marks.0.attrs.href'],
      [p([{ type: 'text', text: 'x', attrs: { onclick: 'x' } }]), 'body.content.0.content.0.attrs'],
      [p([{ type: 'text', text: '' }]), 'body.content.0.content.0.text'],
      [p([{ type: 'paragraph' }]), 'body.content.0.content.0.type'],
      [{ type: 'doc', content: [{ type: 'text', text: 'loose text' }] }, 'body.content.0.type'],
      [{ type: 'doc', content: [{ type: 'bulletList', content: [{ type: 'paragraph' }] }] }, 'body.content.0.content.0.type'],
      [{ type: 'doc', content: [{ type: 'listItem', content: [{ type: 'paragraph' }] }] }, 'body.content.0.type'],
      [{ type: 'doc', content: [{ type: 'paragraph', content: [{ type: '__proto__' }] }] }, 'body.content.0.content.0.type'],
      [{ type: 'doc', content: [{ type: 'constructor' }] }, 'body.content.0.type'],
      [{ type: 'doc', content: [] }, 'body.content'],
      [{ type: 'doc' }, 'body.content'],
      ['<p>html from the client</p>', 'body'],
      [{ type: 'paragraph' }, 'body'],
      [null, 'body'],
    ];
    for (const [value, path] of cases) {
      const e = rejects(value);
      expect(e.status, JSON.stringify(value)).toBe(400);
      expect(e.details[0]?.path, JSON.stringify(value)).toBe(path);
      expect(e.details[0]?.field).toBe('body');
    }
  });

  it('caps nesting depth, node count and size', () => {
    let deep: unknown = { type: 'paragraph' };
    for (let i = 0; i < 30; i++) deep = { type: 'blockquote', content: [deep] };
    expect(rejects({ type: 'doc', content: [deep] }).status).toBe(400);
    const many = { type: 'doc', content: Array.from({ length: 21_000 }, () => ({ type: 'paragraph' })) };
    expect(rejects(many).status).toBe(413);
    const big = doc(...Array.from({ length: 30 }, () => 'x'.repeat(10_000)));
    expect(rejects(big).status).toBe(413);
  });
});

describe('hostile rich text through the API', () => {
  let t: TestApp;
  let w: World;
  let token: string;
  beforeAll(async () => {
    t = await testApp();
    w = await world(t);
    token = (await openLink(w.admin, w.projectA)).token;
  });

  const post = (body: unknown) =>
    w.member.post('/api/stories', {
      projectId: w.projectA,
      title: 'Vijandig',
      body,
      source: 'heard',
      consent: { level: 'team', channel: 'spoken', givenBy: 'teller' },
    });

  it('refuses every hostile body and stores nothing', async () => {
    const hostile = [
      link('javascript:alert(1)'),
      link('JavaScript:alert(document.cookie)'),
      link('java\tscript:alert(1)'),
      link(' javascript:alert(1)'),
      link('data:text/html,<script>alert(1)</script>'),
      link('DaTa:text/html,x'),
      link('vbscript:x'),
      { type: 'doc', content: [{ type: 'script', content: [{ type: 'text', text: 'alert(1)' }] }] },
      { type: 'doc', content: [{ type: 'paragraph', attrs: { onclick: 'alert(1)' }, content: [{ type: 'text', text: 'x' }] }] },
      '<p onclick="alert(1)">x</p>',
    ];
    for (const body of hostile) {
      const res = await post(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      const err = (await res.json()).error;
      expect(err.details[0].field).toBe('body');
      const pub = await submit(t, token, { body });
      expect(pub.status, JSON.stringify(body)).toBe(400);
    }
    expect(await storyCount(t)).toBe(0);
  });

  it('refuses 10,000-deep nesting without a crash', async () => {
    const deep = '{"type":"doc","content":[' + '{"type":"blockquote","content":['.repeat(10_000) + '{"type":"paragraph"}' + ']}'.repeat(10_000) + ']}';
    const payload = `{"projectId":${w.projectA},"title":"Diep","source":"heard","consent":{"level":"team","channel":"spoken","givenBy":"teller"},"body":${deep}}`;
    const res = await w.member.request('POST', '/api/stories', payload, { 'content-type': 'application/json' });
    expect(res.status).toBe(400);
    const [detail] = (await res.json()).error.details;
    expect(detail.reason).toMatch(/deeper than 20/);
    expect(detail.message).toBe(
      'Deze opmaak kan niet worden opgeslagen. Haal de opmaak weg en probeer het opnieuw. / This formatting cannot be saved. Remove the formatting and try again.',
    );
    const pub = await t.anon.request(
      'POST',
      `/api/public/links/${token}/stories`,
      `{"title":"Diep","consent":"team","consentTextVersion":"2026-11","body":${deep}}`,
      {
        'content-type': 'application/json',
      },
    );
    expect([400, 413]).toContain(pub.status);
    expect(await storyCount(t)).toBe(0);
  });

  it('refuses a 5 MB body and an over-long story', async () => {
    const huge = doc('x'.repeat(5 * 1024 * 1024));
    expect((await post(huge)).status).toBe(413);
    expect((await submit(t, token, { body: huge })).status).toBe(413);
    const long = doc(...Array.from({ length: 25 }, () => 'woord '.repeat(2000)));
    const res = await post(long);
    expect(res.status).toBe(413);
    expect(await storyCount(t)).toBe(0);
  });

  it('stores the server-rendered HTML, never the client’s', async () => {
    const res = await post(rich);
    const { story } = await json(res, 201);
    expect(story.bodyHtml).toContain('&lt;script&gt;');
    expect(story.bodyHtml).not.toContain('<script');
    expect(story.bodyHtml).toContain('rel="noopener noreferrer nofollow"');
    expect(story.bodyHtml).not.toContain('target=');
    const bodyHtml = await w.member.post('/api/stories', {
      projectId: w.projectA,
      title: 'HTML erbij',
      body: doc('tekst'),
      bodyHtml: '<img src=x onerror=alert(1)>',
      source: 'heard',
      consent: { level: 'team', channel: 'spoken', givenBy: 'teller' },
    });
    expect(bodyHtml.status).toBe(400);
    expect(await storyCount(t)).toBe(1);
  });
});
