// One rule for form fields (web/components/form-field.ts formField): a field's label holds its name alone;
// a hint sits beside it and describes the input, so a screen reader does not read the hint as part of the name.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? sources(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : []));

describe('field labels', () => {
  it('no label in the web app holds a hint, a radio or checkbox option included', () => {
    const found: string[] = [];
    for (const file of sources('web')) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/<label[^>]*>(?:(?!<\/label)[\s\S])*?class="[^"]*\bhint\b/g)) {
        found.push(`${file}:${text.slice(0, m.index).split('\n').length}`);
      }
    }
    expect(found).toEqual([]);
  });
});
