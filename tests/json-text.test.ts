// A JSON answer written part by part (server/json-text.ts) must read back exactly as JSON.stringify
// of the same value: quotes, backslashes, line breaks, characters JSON must escape, and characters
// of every length in UTF-8, in parts of any size.
import { describe, expect, it } from 'vitest';
import { jsonWithText } from '../server/json-text.js';

const read = (bytes: Uint8Array) => JSON.parse(new TextDecoder().decode(bytes)) as unknown;

describe('jsonWithText', () => {
  it('reads back as the fields with the parts joined under the key', () => {
    const parts = ['<p class="a">', 'back\\slash "quoted"\n\ttab\r', '\u0000\u001f\u2028\u2029', 'é – € 🌳 مرحبا', '</p>'];
    const fields = { data: { summary: { title: 'Buurt "West"', n: 3, none: null } } };
    const bytes = jsonWithText(fields, 'html', parts);
    expect(read(bytes)).toEqual({ ...fields, html: parts.join('') });
    expect(new TextDecoder().decode(bytes)).toBe(JSON.stringify({ ...fields, html: parts.join('') }));
  });

  it('works with no other fields, no parts, and parts larger than its buffer', () => {
    expect(read(jsonWithText({}, 'html', []))).toEqual({ html: '' });
    const big = ['x'.repeat(600_000), '€'.repeat(500_000), '"'.repeat(100_000)];
    expect(read(jsonWithText({ a: 1 }, 'html', big))).toEqual({ a: 1, html: big.join('') });
    // The buffer is reused: an answer made before is not changed by the next one.
    const first = jsonWithText({ n: 1 }, 'html', ['first']);
    jsonWithText({ n: 2 }, 'html', ['second, longer']);
    expect(read(first)).toEqual({ n: 1, html: 'first' });
  });
});
