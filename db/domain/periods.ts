// Periods: '2026' (year), '2026-Q1' (quarter), '2026-03' (month), as counting, climate roll-ups
// and reports use them. Pure rules: the server and the web pages share them.
import { said, type Said } from './said.js';

export const periodicities = ['month', 'quarter', 'year'] as const;
export type Periodicity = (typeof periodicities)[number];
export type PeriodRange = { start: string; end: string };

const MONTHS_NL = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];
const MONTHS_NL_SHORT = ['jan', 'feb', 'mrt', 'apr', 'mei', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'];
const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/** Per month the words people may type for it: 'maart', 'mrt', 'march', 'mar'. */
const MONTH_WORDS = MONTHS_NL.map((nl, i) => [nl, MONTHS_NL_SHORT[i]!, MONTHS_EN[i]!.toLowerCase(), MONTHS_EN[i]!.slice(0, 3).toLowerCase()]);
const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** The canonical period ('2026', '2026-Q1', '2026-03') or null when the text is not a period. */
export function normalizePeriod(input: string): string | null {
  const s = input.trim().toLowerCase().replace(/\s+/g, ' ');
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})(?:jj00)?$/.exec(s))) return m[1]!;
  if ((m = /^(\d{4}) ?[-/ ]? ?[qk](?:w0?)?([1-4])$/.exec(s)) || (m = /^(\d{4})kw0([1-4])$/.exec(s))) return `${m[1]}-Q${m[2]}`;
  if ((m = /^[qk]([1-4]) ?[-/ ]? ?(\d{4})$/.exec(s))) return `${m[2]}-Q${m[1]}`;
  if ((m = /^(\d{4}) ([1-4])e kwartaal$/.exec(s))) return `${m[1]}-Q${m[2]}`;
  if ((m = /^([1-4])e kwartaal (\d{4})$/.exec(s))) return `${m[2]}-Q${m[1]}`;
  if ((m = /^(\d{4})(?:-|mm)(\d{2})$/.exec(s))) {
    const month = Number(m[2]);
    return month >= 1 && month <= 12 ? `${m[1]}-${m[2]}` : null;
  }
  if ((m = /^(\d{4}) ([a-z]+)$/.exec(s)) || (m = /^([a-z]+) (\d{4})$/.exec(s))) {
    const [year, name] = /^\d/.test(m[1]!) ? [m[1], m[2]!] : [m[2], m[1]!];
    const month = MONTH_WORDS.findIndex((names) => names.includes(name));
    return month >= 0 ? `${year}-${pad(month + 1)}` : null;
  }
  return null;
}

/**
 * A period in words for people to read: long nl '4e kwartaal 2026', 'maart 2026'; long en
 * 'Q4 2026', 'March 2026'; short (chart axes, column heads) nl 'K4 2026', 'mrt 2026', en 'Q4 2026',
 * 'Mar 2026'. A year stays '2026'; a text that is not a period comes back unchanged.
 */
export function periodLabel(period: string, lang: 'nl' | 'en', form: 'long' | 'short' = 'long'): string {
  const kind = periodicityOf(period);
  const year = period.slice(0, 4);
  if (kind === 'quarter') {
    const q = period.slice(6);
    return lang === 'en' ? `Q${q} ${year}` : form === 'short' ? `K${q} ${year}` : `${q}e kwartaal ${year}`;
  }
  if (kind === 'month') {
    const i = Number(period.slice(5)) - 1;
    return `${lang === 'en' ? (form === 'short' ? MONTHS_EN[i]!.slice(0, 3) : MONTHS_EN[i]) : (form === 'short' ? MONTHS_NL_SHORT : MONTHS_NL)[i]} ${year}`;
  }
  return period;
}

/**
 * A column head's period: the short form to show, and the long form for a tooltip or screen reader
 * where it says more ('K4 2026' titled '4e kwartaal 2026'; 'Q4 2026' needs no title).
 */
export function periodAbbr(period: string, lang: 'nl' | 'en'): { text: string; title: string | null } {
  const [text, long] = [periodLabel(period, lang, 'short'), periodLabel(period, lang)];
  return { text, title: text === long ? null : long };
}

/** A period label that a narrow column breaks before its year only: '2e kwartaal' stays together. */
export const breakBeforeYear = (label: string): string => label.replace(/ (?=.* )/g, '\u00a0');

export const periodNl: Record<Periodicity, string> = { month: 'maand', quarter: 'kwartaal', year: 'jaar' };

/** Why a text is not a period, with an example of one. */
export function notAPeriod(input: string): Said {
  const text = input.trim();
  return said(
    `${text ? `'${text}' is` : 'Dit is'} geen periode. Schrijf bijvoorbeeld 2026, 2026-Q1 of 2026-03.`,
    `${text ? `'${text}' is` : 'This is'} not a period. Write for example 2026, 2026-Q1 or 2026-03.`,
  );
}

/** A period as typed, checked against the indicator's periodicity; `orYear` also allows a year (targets). */
export function checkPeriod(input: string, periodicity: string, orYear = false): { period: string } | Said {
  const period = normalizePeriod(input);
  if (!period) return notAPeriod(input);
  const kind = periodicityOf(period)!;
  const nl = periodNl[periodicity as Periodicity] ?? periodicity;
  if (kind !== periodicity && !(orYear && kind === 'year'))
    return said(
      `${period} is geen ${nl}: deze indicator wordt per ${nl} bijgehouden.`,
      `${period} is not a ${periodicity}: this indicator is kept per ${periodicity}.`,
    );
  return { period };
}

/** The periodicity of a canonical period, or null for a string that is not one. */
export function periodicityOf(period: string): Periodicity | null {
  if (/^\d{4}$/.test(period)) return 'year';
  if (/^\d{4}-Q[1-4]$/.test(period)) return 'quarter';
  if (/^\d{4}-(0[1-9]|1[0-2])$/.test(period)) return 'month';
  return null;
}

/** The first and last day (YYYY-MM-DD) of a canonical period, or null for a string that is not one. */
export function periodRange(period: string): PeriodRange | null {
  const kind = periodicityOf(period);
  if (!kind) return null;
  const y = Number(period.slice(0, 4));
  if (kind === 'year') return { start: `${y}-01-01`, end: `${y}-12-31` };
  const [first, last] =
    kind === 'quarter' ? [(Number(period.slice(6)) - 1) * 3 + 1, (Number(period.slice(6)) - 1) * 3 + 3] : [Number(period.slice(5)), Number(period.slice(5))];
  return { start: `${y}-${pad(first)}-01`, end: `${y}-${pad(last)}-${pad(lastDay(y, last))}` };
}

/** A bound given as a period or a date, as a date: `from` takes the start, `to` the end. */
export function boundDate(bound: string | undefined, side: 'from' | 'to'): string | undefined {
  if (!bound) return undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(bound)) return bound;
  const p = normalizePeriod(bound);
  const r = p ? periodRange(p) : null;
  if (!r) return undefined;
  return side === 'from' ? r.start : r.end;
}

/** The period of the given periodicity that contains a date (YYYY-MM-DD…). */
export function periodOf(date: string, periodicity: Periodicity): string {
  const year = date.slice(0, 4);
  const month = Number(date.slice(5, 7));
  if (periodicity === 'year') return year;
  if (periodicity === 'quarter') return `${year}-Q${Math.ceil(month / 3)}`;
  return `${year}-${date.slice(5, 7)}`;
}

/** The period `delta` steps after (negative: before) a canonical period of the same kind: 2026-Q1 - 1 = 2025-Q4. */
export function shiftPeriod(period: string, delta: number): string {
  const kind = periodicityOf(period);
  const year = Number(period.slice(0, 4));
  if (kind === 'year') return String(year + delta);
  const per = kind === 'quarter' ? 4 : 12;
  const index = year * per + (kind === 'quarter' ? Number(period.slice(6)) : Number(period.slice(5))) - 1 + delta;
  const [y, n] = [Math.floor(index / per), (index % per) + 1];
  return kind === 'quarter' ? `${y}-Q${n}` : `${y}-${String(n).padStart(2, '0')}`;
}

/** `count` periods ending with `last`, oldest first: periodsUpTo('2026-Q2', 4) = 2025-Q3 … 2026-Q2. */
export function periodsUpTo(last: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => shiftPeriod(last, i - count + 1));
}

/** Does the period overlap the dates [from, to] (YYYY-MM-DD; either may be open)? */
export function periodOverlaps(period: string, from?: string, to?: string): boolean {
  const r = periodRange(period);
  return !!r && (!from || r.end >= from) && (!to || r.start <= to);
}

/** The day halfway between two dates (for splitting a report period into halves). */
export function midpoint(from: string, to: string): string {
  const a = Date.parse(`${from}T00:00:00Z`);
  const b = Date.parse(`${to}T00:00:00Z`);
  return new Date(a + Math.floor((b - a) / 2 / 86_400_000) * 86_400_000).toISOString().slice(0, 10);
}
