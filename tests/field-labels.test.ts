// One rule for form fields (web/components/form-field.ts formField): a field's label holds its name alone;
// a hint and the error sit beside it and describe the input, so a screen reader does not read them as part of the name.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? sources(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : []));

/** Where in the web app a `<label>` holds something matching `inside` before it closes. */
function labelsHolding(inside: string): string[] {
  const found: string[] = [];
  for (const file of sources('web')) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(new RegExp(`<label[^>]*>(?:(?!</label)[\\s\\S])*?(?:${inside})`, 'g'))) {
      found.push(`${file}:${text.slice(0, m.index).split('\n').length}`);
    }
  }
  return found;
}

describe('field labels', () => {
  it('no label in the web app holds a hint, a radio or checkbox option included', () => {
    expect(labelsHolding('class="[^"]*\\bhint\\b')).toEqual([]);
  });

  it('no label holds an error message: the error describes its field from beside the label', () => {
    expect(labelsHolding('errorText\\(|errorMessage\\(|class="field-error|\\.msg\\}')).toEqual([]);
  });
});
