// The small text helpers of the resident pages: one rounding rule for a recording's length wherever
// it is shown, placeholders filled with template parts, and parts joined with the language's comma.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatClock, joinParts, rtParts } from '../web/resident/i18n.js';

describe('resident text helpers', () => {
  it('a length is rounded to the nearest second, so the form (3.6 s measured) and the copy page agree', () => {
    expect([0, 0.4, 3.49, 3.6, 4.2, 59.5, 125, 299.7].map(formatClock)).toEqual(['0:00', '0:00', '0:03', '0:04', '0:04', '1:00', '2:05', '5:00']);
  });

  it('fills placeholders with parts, in the order of the sentence', () => {
    const time = { part: 'time' };
    const max = { part: 'max' };
    expect(rtParts('voice.time', { time, max })).toEqual(['', time, ' van ', max, '']);
  });

  it('joins parts with the language’s own comma', () => {
    expect(joinParts(['a', 'b'])).toEqual(['a', ', ', 'b']);
    const ar = JSON.parse(readFileSync(join(process.cwd(), 'web', 'resident', 'locales', 'ar.json'), 'utf8'));
    expect(ar.meta.comma).toBe('، ');
  });
});
