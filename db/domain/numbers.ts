// Numbers and names as people type them, and a climate score as people read it. Pure rules: the
// server and the web pages share them.
import { said, type Said } from './said.js';

export type NumberResult = { ok: true; value: number | null } | ({ ok: false; code: 'not_a_number' | 'ambiguous' } & Said);

/**
 * A number as Dutch and international users type it: `12,5`, `1.234,5`, `1,234.5`, `-0.100`.
 * Empty or `.` means missing (null). A lone `1.234` is refused as ambiguous (thousands or decimals?).
 * `decimal: 'point'` reads CBS exports, where the point is always the decimal separator.
 */
export function parseNumber(input: string, opts: { decimal?: 'auto' | 'point' } = {}): NumberResult {
  const notANumber = (): NumberResult => ({
    ok: false,
    code: 'not_a_number',
    ...said(`'${input.trim()}' is geen getal.`, `'${input.trim()}' is not a number.`),
  });
  let s = input
    .trim()
    .replace(/\s+/g, '')
    .replace(/^\u2212/, '-');
  if (s === '' || s === '.') return { ok: true, value: null };
  if (opts.decimal === 'point') {
    if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(s)) return notANumber();
    return { ok: true, value: Number(s) };
  }
  const sign = s.startsWith('-') ? -1 : 1;
  s = s.replace(/^[-+]/, '');
  const lastDot = s.lastIndexOf('.');
  const lastComma = s.lastIndexOf(',');
  let normal: string;
  if (lastDot >= 0 && lastComma >= 0) {
    // Both: the last one is the decimal separator, the other groups thousands.
    const [group, dec] = lastComma > lastDot ? ['.', ','] : [',', '.'];
    const [int, frac, ...rest] = s.split(dec);
    if (rest.length || !/^\d{1,3}([.,]\d{3})*$/.test(int!) || int!.includes(dec) || !/^\d+$/.test(frac!)) return notANumber();
    normal = `${int!.split(group).join('')}.${frac}`;
  } else if (lastComma >= 0) {
    if (!/^\d*,\d+$/.test(s)) return notANumber();
    normal = s.replace(',', '.');
  } else if (lastDot >= 0) {
    if (/^\d{1,3}(\.\d{3}){2,}$/.test(s)) normal = s.split('.').join('');
    else if (/^[1-9]\d{0,2}\.\d{3}$/.test(s))
      return {
        ok: false,
        code: 'ambiguous',
        ...said(
          `'${input.trim()}' kan duizendtallen of decimalen zijn. Schrijf ${s.replace('.', '')} of ${s.replace('.', ',')}.`,
          `'${input.trim()}' could be thousands or decimals. Write ${s.replace('.', '')} or ${s.replace('.', ',')}.`,
        ),
      };
    else if (/^\d*\.\d+$/.test(s)) normal = s;
    else return notANumber();
  } else {
    if (!/^\d+$/.test(s)) return notANumber();
    normal = s;
  }
  const value = sign * Number(normal);
  return Number.isFinite(value) ? { ok: true, value: Object.is(value, -0) ? 0 : value } : notANumber();
}

/** Lower case, no diacritics, single spaces: for matching names people and CBS spell differently. */
export function nameKey(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Hours logged for one day: more than 0, at most 24, in quarters of an hour. */
export const HOURS = {
  max: 24,
  step: 0.25,
  range: said('Vul een aantal uren tussen 0 en 24 in.', 'Fill in a number of hours between 0 and 24.'),
  quarter: said('Schrijf uren per kwartier, bijvoorbeeld 1,25 of 1,5.', 'Write hours in quarters of an hour, e.g. 1.25 or 1.5.'),
};

/** What is wrong with a number of hours, or null. */
export function hoursProblem(hours: number): Said | null {
  if (hours <= 0 || hours > HOURS.max) return HOURS.range;
  return (hours / HOURS.step) % 1 ? HOURS.quarter : null;
}

/**
 * What a figure typed for an indicator in `unit` cannot be, or null: a count is a whole number of
 * 0 or more, a percentage lies between 0 and 100, hours are not negative. Amounts in euros and
 * scores may be anything. (Official statistics imported from CBS keep their own values: its
 * "aantal" columns hold averages such as a household's size.)
 */
export function unitProblem(unit: string, value: number): Said | null {
  if (unit === 'count' && (value < 0 || !Number.isInteger(value)))
    return said('Een aantal is een heel getal van 0 of meer.', 'A count is a whole number of 0 or more.');
  if (unit === 'percentage' && (value < 0 || value > 100)) return said('Een percentage ligt tussen 0 en 100.', 'A percentage lies between 0 and 100.');
  if (unit === 'hours' && value < 0) return said('Uren zijn 0 of meer.', 'Hours are 0 or more.');
  return null;
}

const scoreFormats = {
  nl: new Intl.NumberFormat('nl-NL', { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
  en: new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
};
/** A climate score (0–100) always with one decimal ('70,0' beside '78,9'), so a line reads evenly; '–' when there is none. */
export const scoreLabel = (n: number | null | undefined, lang: 'nl' | 'en'): string => (n == null ? '–' : scoreFormats[lang].format(n));
