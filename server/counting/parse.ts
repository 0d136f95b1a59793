// Pure parsing rules for counting: periods and numbers as people type them.
// No imports: the web grid uses the same rules as the server.

export const periodicities = ['month', 'quarter', 'year'] as const;
export type Periodicity = (typeof periodicities)[number];

const MONTHS_NL = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];

/** The canonical period ('2026', '2026-Q1', '2026-03') or null when the text is not a period. */
export function normalizePeriod(input: string): string | null {
  const s = input.trim().toLowerCase().replace(/\s+/g, ' ');
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})(?:jj00)?$/.exec(s))) return m[1]!;
  if ((m = /^(\d{4}) ?[-/ ]? ?[qk](?:w0?)?([1-4])$/.exec(s)) || (m = /^(\d{4})kw0([1-4])$/.exec(s))) return `${m[1]}-Q${m[2]}`;
  if ((m = /^[qk]([1-4]) ?[-/ ]? ?(\d{4})$/.exec(s))) return `${m[2]}-Q${m[1]}`;
  if ((m = /^(\d{4}) ([1-4])e kwartaal$/.exec(s))) return `${m[1]}-Q${m[2]}`;
  if ((m = /^(\d{4})(?:-|mm)(\d{2})$/.exec(s))) {
    const month = Number(m[2]);
    return month >= 1 && month <= 12 ? `${m[1]}-${m[2]}` : null;
  }
  if ((m = /^(\d{4}) ([a-z]+)$/.exec(s))) {
    const month = MONTHS_NL.indexOf(m[2]!);
    return month >= 0 ? `${m[1]}-${String(month + 1).padStart(2, '0')}` : null;
  }
  return null;
}

export const periodNl: Record<Periodicity, string> = { month: 'maand', quarter: 'kwartaal', year: 'jaar' };

/**
 * A message in both languages, each half a whole sentence: `reason` is "Dutch / English" (the
 * form the web's `localHalf` splits), `nl` and `en` the halves for callers that pick one.
 */
export type Said = { reason: string; nl: string; en: string };
export const said = (nl: string, en: string): Said => ({ reason: `${nl} / ${en}`, nl, en });

export function notAPeriod(input: string): Said {
  const text = input.trim();
  return said(`${text ? `'${text}' is` : 'Dit is'} geen periode. Schrijf bijvoorbeeld 2026, 2026-Q1 of 2026-03.`, `${text ? `'${text}' is` : 'This is'} not a period. Write for example 2026, 2026-Q1 or 2026-03.`);
}

/** A period as typed, checked against the indicator's periodicity; `orYear` also allows a year (targets). */
export function checkPeriod(input: string, periodicity: string, orYear = false): { period: string } | Said {
  const period = normalizePeriod(input);
  if (!period) return notAPeriod(input);
  const kind = periodicityOf(period)!;
  const nl = periodNl[periodicity as Periodicity] ?? periodicity;
  if (kind !== periodicity && !(orYear && kind === 'year')) return said(`${period} is geen ${nl}: deze indicator wordt per ${nl} bijgehouden.`, `${period} is not a ${periodicity}: this indicator is kept per ${periodicity}.`);
  return { period };
}

/** The periodicity of a canonical period. */
export function periodicityOf(period: string): Periodicity | null {
  if (/^\d{4}$/.test(period)) return 'year';
  if (/^\d{4}-Q[1-4]$/.test(period)) return 'quarter';
  if (/^\d{4}-(0[1-9]|1[0-2])$/.test(period)) return 'month';
  return null;
}

/** First and last day (YYYY-MM-DD) of a canonical period. */
export function periodRange(period: string): { start: string; end: string } {
  const year = period.slice(0, 4);
  const kind = periodicityOf(period);
  if (kind === 'year') return { start: `${year}-01-01`, end: `${year}-12-31` };
  const [first, last] = kind === 'quarter' ? [(Number(period.slice(6)) - 1) * 3 + 1, (Number(period.slice(6)) - 1) * 3 + 3] : [Number(period.slice(5)), Number(period.slice(5))];
  const endDay = new Date(Date.UTC(Number(year), last, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, '0');
  return { start: `${year}-${pad(first)}-01`, end: `${year}-${pad(last)}-${pad(endDay)}` };
}

/** A bound given as a period or a date, as a date: `from` takes the start, `to` the end. */
export function boundDate(bound: string | undefined, side: 'from' | 'to'): string | undefined {
  if (!bound) return undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(bound)) return bound;
  const p = normalizePeriod(bound);
  if (!p) return undefined;
  const r = periodRange(p);
  return side === 'from' ? r.start : r.end;
}

/** The period of the given periodicity that contains a date (YYYY-MM-DD). */
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

export type NumberResult = { ok: true; value: number | null } | ({ ok: false; code: 'not_a_number' | 'ambiguous' } & Said);

/**
 * A number as Dutch and international users type it: `12,5`, `1.234,5`, `1,234.5`, `-0.100`.
 * Empty or `.` means missing (null). A lone `1.234` is refused as ambiguous (thousands or decimals?).
 * `decimal: 'point'` reads CBS exports, where the point is always the decimal separator.
 */
export function parseNumber(input: string, opts: { decimal?: 'auto' | 'point' } = {}): NumberResult {
  const notANumber = (): NumberResult => ({ ok: false, code: 'not_a_number', ...said(`'${input.trim()}' is geen getal.`, `'${input.trim()}' is not a number.`) });
  let s = input.trim().replace(/\s+/g, '').replace(/^\u2212/, '-');
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
    else if (/^[1-9]\d{0,2}\.\d{3}$/.test(s)) return { ok: false, code: 'ambiguous', ...said(`'${input.trim()}' kan duizendtallen of decimalen zijn. Schrijf ${s.replace('.', '')} of ${s.replace('.', ',')}.`, `'${input.trim()}' could be thousands or decimals. Write ${s.replace('.', '')} or ${s.replace('.', ',')}.`) };
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
  return name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/\s+/g, ' ').trim();
}
