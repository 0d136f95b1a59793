import { describe, expect, it } from 'vitest';
import { parseRichText } from '../server/richtext.js';
import { docIsEmpty, docToText, normaliseUrl, textToDoc } from '../web/richtext.js';

describe('web: plain text as a tiptap document (the resident page before or without the editor)', () => {
  it('turns blank lines into paragraphs and single newlines into hard breaks, which the server accepts', () => {
    const doc = textToDoc('Eerste regel\r\ntweede regel\n\n\n  Nieuwe alinea  \n');
    expect(doc).toEqual({
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'Eerste regel' }, { type: 'hardBreak' }, { type: 'text', text: 'tweede regel' }] },
        { type: 'paragraph', content: [{ type: 'text', text: 'Nieuwe alinea' }] },
      ],
    });
    const parsed = parseRichText(doc);
    expect(parsed.html).toBe('<p>Eerste regel<br />tweede regel</p><p>Nieuwe alinea</p>');
    expect(parsed.text).toContain('Nieuwe alinea');
  });

  it('keeps text that looks like HTML as text', () => {
    const parsed = parseRichText(textToDoc('<script>alert(1)</script> & <b>vet</b>'));
    expect(parsed.html).not.toContain('<script>');
    expect(parsed.html).not.toContain('<b>');
    expect(parsed.text).toContain('<script>alert(1)</script>');
  });

  it('knows an empty story, and reads a document back as text', () => {
    expect(docIsEmpty(textToDoc('  \n\n '))).toBe(true);
    expect(docIsEmpty({ type: 'doc', content: [{ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Kop' }] }] })).toBe(false);
    expect(docToText(textToDoc('a\nb\n\nc'))).toBe('a\nb\n\nc');
  });
});

describe('web: link addresses typed into the editor', () => {
  it('accepts web and mail addresses, adding https:// or mailto: when missing', () => {
    expect(normaliseUrl('buurtkamer.nl')).toBe('https://buurtkamer.nl');
    expect(normaliseUrl(' http://example.org/a?b=c ')).toBe('http://example.org/a?b=c');
    expect(normaliseUrl('info@buurtkamer.nl')).toBe('mailto:info@buurtkamer.nl');
    expect(normaliseUrl('MAILTO:info@buurtkamer.nl')).toBe('MAILTO:info@buurtkamer.nl');
  });

  it('refuses every other scheme, in any letter case', () => {
    for (const bad of [
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      'data:text/html,<b>x</b>',
      'vbscript:x',
      'ftp://example.org',
      'tel:0612345678',
      '',
      '   ',
      'https://exa mple.org',
    ]) {
      expect(normaliseUrl(bad), bad).toBeNull();
    }
  });

  it('gives addresses the server keeps', () => {
    for (const href of ['https://buurtkamer.nl', 'mailto:info@buurtkamer.nl']) {
      const doc = {
        type: 'doc',
        content: [{ type: 'paragraph', content: [{ type: 'text', text: 'x', marks: [{ type: 'link', attrs: { href: normaliseUrl(href) } }] }] }],
      };
      expect(parseRichText(doc).html).toContain('href="');
    }
  });
});
