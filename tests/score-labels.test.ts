import { describe, expect, it } from 'vitest';
import { scoreLabel } from '../db/domain/numbers.js';

describe('a climate score in words (scoreLabel), as the report and the climate page show it', () => {
  it('always has one decimal, in the reader’s language', () => {
    expect([70, 78.94, 0.04, 100].map((n) => scoreLabel(n, 'nl'))).toEqual(['70,0', '78,9', '0,0', '100,0']);
    expect([70, 78.94, 0.04, 100].map((n) => scoreLabel(n, 'en'))).toEqual(['70.0', '78.9', '0.0', '100.0']);
  });

  it('is a dash when there is no score', () => {
    expect([scoreLabel(null, 'nl'), scoreLabel(undefined, 'en')]).toEqual(['–', '–']);
  });
});
