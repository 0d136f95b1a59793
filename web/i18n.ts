// Every UI string goes through here. Dutch first; English is the second language.
import { scoreLabel } from '../db/domain/numbers.js';
import { periodLabel } from '../db/domain/periods.js';

export type Locale = 'nl' | 'en';

const KEY = 'weefwerk.locale';

export function locale(): Locale {
  const stored = typeof localStorage !== 'undefined' ? localStorage.getItem(KEY) : null;
  return stored === 'en' ? 'en' : 'nl';
}

export function setLocale(next: Locale): void {
  localStorage.setItem(KEY, next);
  document.documentElement.lang = next;
  window.dispatchEvent(new CustomEvent('ww-locale', { detail: next }));
}

/**
 * Messages for one module, Dutch and English side by side:
 *   const t = messages({ nl: { save: 'Opslaan' }, en: { save: 'Save' } });
 *   t('save')
 * Placeholders in braces are filled from `vars`: t('hello', { name }).
 */
export function messages<K extends string>(dict: { nl: Record<K, string>; en: Record<K, string> }) {
  return (key: K, vars?: Record<string, string | number>): string => {
    let s = dict[locale()][key] ?? dict.nl[key] ?? key;
    if (vars) for (const [k, v] of Object.entries(vars)) s = s.replaceAll(`{${k}}`, String(v));
    return s;
  };
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  // YYYY-MM: a story shown beyond the team anonymised has only its month
  if (iso.length === 7) return new Date(`${iso}-15T12:00:00`).toLocaleDateString(locale() === 'nl' ? 'nl-NL' : 'en-GB', { month: 'long', year: 'numeric' });
  return new Date(iso.length === 10 ? `${iso}T12:00:00` : iso).toLocaleDateString(locale() === 'nl' ? 'nl-NL' : 'en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });
}

/** A period ('2026-Q4') in words in the app's language: '4e kwartaal 2026'; short 'K4 2026' for tight places. */
export const formatPeriod = (period: string, form: 'long' | 'short' = 'long'): string => periodLabel(period, locale(), form);

export function formatNumber(n: number | null | undefined, digits = 0): string {
  if (n == null) return '–';
  return n.toLocaleString(locale() === 'nl' ? 'nl-NL' : 'en-GB', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

/** A climate score (0–100) in the app's language, by the report's rule: always one decimal ('70,0'). */
export const formatScore = (n: number | null | undefined): string => scoreLabel(n, locale());

/** Lets a narrow screen wrap pole names like "slachtofferschap/afhankelijk" after the slash, not mid-word. */
export const breakable = (text: string): string => text.replaceAll('/', '/\u200b');

/** An amount in euros: cents shown only when there are any (€ 24.000, € 1.590,50). */
export function formatEuro(n: number | null | undefined): string {
  if (n == null) return '–';
  const digits = Number.isInteger(n) ? 0 : 2;
  return `€\u00a0${n.toLocaleString(locale() === 'nl' ? 'nl-NL' : 'en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits })}`;
}

/** One field's problem as the server (or a page) describes it; see zodDetails in server/errors.ts. */
export type FieldIssue = {
  field?: string;
  message: string;
  code?: string;
  origin?: string;
  minimum?: number;
  maximum?: number;
  inclusive?: boolean;
  exact?: boolean;
  expected?: string;
  missing?: boolean;
  format?: string;
};

const issues = messages({
  nl: {
    required: 'Vul dit in.',
    choose: 'Maak een keuze.',
    minChars: 'Gebruik minstens {n} tekens.',
    maxChars: 'Gebruik hoogstens {n} tekens.',
    exactChars: 'Gebruik precies {n} tekens.',
    min: 'Vul {n} of meer in.',
    above: 'Vul meer dan {n} in.',
    max: 'Vul {n} of minder in.',
    below: 'Vul minder dan {n} in.',
    minItems: 'Kies er minstens {n}.',
    maxItems: 'Kies er hoogstens {n}.',
    tooEarly: 'Deze datum is te vroeg.',
    tooLate: 'Deze datum is te laat.',
    tooSmall: 'Dit is te kort of te klein.',
    tooBig: 'Dit is te lang of te groot.',
    number: 'Vul een getal in.',
    wholeNumber: 'Vul een heel getal in, zonder komma.',
    text: 'Vul tekst in.',
    list: 'Kies uit de lijst.',
    yesNo: 'Kies ja of nee.',
    type: 'Dit soort waarde past hier niet.',
    email: 'Vul een e-mailadres in, zoals naam@voorbeeld.nl.',
    url: 'Vul een webadres in, zoals https://voorbeeld.nl.',
    date: 'Vul een datum in.',
    format: 'Dit heeft niet de goede vorm.',
    option: 'Kies een van de mogelijkheden.',
    unknownField: 'Onbekend veld.',
    multiple: 'Vul een veelvoud van {n} in.',
    invalid: 'Deze waarde klopt niet.',
  },
  en: {
    required: 'Fill this in.',
    choose: 'Make a choice.',
    minChars: 'Use at least {n} characters.',
    maxChars: 'Use at most {n} characters.',
    exactChars: 'Use exactly {n} characters.',
    min: 'Enter {n} or more.',
    above: 'Enter more than {n}.',
    max: 'Enter {n} or less.',
    below: 'Enter less than {n}.',
    minItems: 'Choose at least {n}.',
    maxItems: 'Choose at most {n}.',
    tooEarly: 'This date is too early.',
    tooLate: 'This date is too late.',
    tooSmall: 'This is too short or too small.',
    tooBig: 'This is too long or too large.',
    number: 'Enter a number.',
    wholeNumber: 'Enter a whole number.',
    text: 'Enter text.',
    list: 'Choose from the list.',
    yesNo: 'Choose yes or no.',
    type: 'This kind of value does not fit here.',
    email: 'Enter an email address, like name@example.org.',
    url: 'Enter a web address, like https://example.org.',
    date: 'Enter a date.',
    format: 'This does not have the right form.',
    option: 'Choose one of the options.',
    unknownField: 'Unknown field.',
    multiple: 'Enter a multiple of {n}.',
    invalid: 'This value is not valid.',
  },
});

/** "Dutch / English", the way the server words its own messages: the half for the UI's language. */
export function localHalf(message: string): string | undefined {
  const m = /^(.+?) \/ (.+)$/s.exec(message);
  return m ? (locale() === 'nl' ? m[1] : m[2]) : undefined;
}

/** A server message given in both languages (`nl`, `en`; else the joined `reason`): the UI's half. */
export function saidHere(m: { reason: string; nl?: string; en?: string }): string {
  return (locale() === 'en' ? m.en : m.nl) ?? localHalf(m.reason) ?? m.reason;
}

/** Hours as people count them, in quarters: 1,75 uur, never rounded to 1,8. */
export function formatHours(n: number | null | undefined): string {
  return formatNumber(n, 2);
}

/** zod's own English wording, as opposed to a message a schema or route chose. */
const zodDefault = /^(Invalid|Too small|Too big|Unrecognized)\b/;

function byCode(d: FieldIssue): string | undefined {
  const n = (v: number | undefined) => formatNumber(v, 10);
  const lists = d.origin === 'array' || d.origin === 'set';
  switch (d.code) {
    case 'too_small':
      if (d.origin === 'string')
        return d.exact ? issues('exactChars', { n: n(d.minimum) }) : (d.minimum ?? 0) <= 1 ? issues('required') : issues('minChars', { n: n(d.minimum) });
      if (d.origin === 'number' || d.origin === 'int' || d.origin === 'bigint') return issues(d.inclusive === false ? 'above' : 'min', { n: n(d.minimum) });
      if (lists) return (d.minimum ?? 0) <= 1 ? issues('choose') : issues('minItems', { n: n(d.minimum) });
      return issues(d.origin === 'date' ? 'tooEarly' : 'tooSmall');
    case 'too_big':
      if (d.origin === 'string') return d.exact ? issues('exactChars', { n: n(d.maximum) }) : issues('maxChars', { n: n(d.maximum) });
      if (d.origin === 'number' || d.origin === 'int' || d.origin === 'bigint') return issues(d.inclusive === false ? 'below' : 'max', { n: n(d.maximum) });
      if (lists) return issues('maxItems', { n: n(d.maximum) });
      return issues(d.origin === 'date' ? 'tooLate' : 'tooBig');
    case 'invalid_type':
      if (d.missing) return issues('required');
      if (d.expected === 'int') return issues('wholeNumber');
      if (d.expected === 'number' || d.expected === 'bigint') return issues('number');
      if (d.expected === 'string') return issues('text');
      if (d.expected === 'array') return issues('list');
      if (d.expected === 'boolean') return issues('yesNo');
      return issues('type');
    case 'invalid_format':
      if (d.format === 'email') return issues('email');
      if (d.format === 'url') return issues('url');
      if (d.format === 'date' || d.format === 'datetime') return issues('date');
      return issues('format');
    case 'invalid_value':
      return issues('option');
    case 'not_multiple_of':
      return issues('multiple', { n: n((d as { divisor?: number }).divisor) });
    case 'unrecognized_keys':
      return issues('unknownField');
    case 'custom':
      return issues('invalid');
    default:
      return undefined;
  }
}

/**
 * A field's error in the UI's language, Dutch first:
 * 1. a zod issue code with zod's own wording → plain words with the limit ("Gebruik hoogstens 200 tekens.");
 * 2. a message the server wrote in both languages ("NL / EN") → its half;
 * 3. a schema's own English message ("Use YYYY-MM-DD") → kept in English, the plain words in Dutch;
 * 4. a route's detail without a code, when it is the error's only one → the error's own message, if bilingual;
 * 5. else the message as sent (pages put their own, already translated, messages here too).
 */
export function fieldMessage(d: FieldIssue, error?: { message: string; details: readonly unknown[] }): string {
  const text = d.code ? byCode(d) : undefined;
  if (text && (zodDefault.test(d.message) || d.code === 'unrecognized_keys')) return text;
  const half = localHalf(d.message);
  if (half) return half;
  if (text) return locale() === 'en' ? d.message : text;
  if (!d.code && error && error.details.length === 1) {
    const top = localHalf(error.message);
    if (top && !/^(Ongeldige invoer|Invalid input)\b/.test(error.message)) return top;
  }
  return d.message;
}
