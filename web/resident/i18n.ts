// The resident pages' languages. Each language's texts live in one JSON file in ./locales/ that a
// native speaker can correct without reading code (tests/resident-locales.test.ts fails when a key
// is missing or extra in any of them). Dutch is bundled with the page; the others load as small
// chunks of their own, only for the resident who chooses them.
import { setLocale } from '../i18n.js';
import nl from './locales/nl.json';

export const residentLocales = ['nl', 'en', 'ar', 'tr', 'pl', 'uk'] as const;
export type ResidentLocale = (typeof residentLocales)[number];
export type Texts = typeof nl;

const loaders: Record<Exclude<ResidentLocale, 'nl'>, () => Promise<{ default: Texts }>> = {
  en: () => import('./locales/en.json'),
  ar: () => import('./locales/ar.json'),
  tr: () => import('./locales/tr.json'),
  pl: () => import('./locales/pl.json'),
  uk: () => import('./locales/uk.json'),
};

/** Each language's name in itself, for the switch (these stay as they are whatever the page's language). */
export const languageNames: Record<ResidentLocale, string> = { nl: 'Nederlands', en: 'English', ar: 'العربية', tr: 'Türkçe', pl: 'Polski', uk: 'Українська' };

const KEY = 'weefwerk.resident.locale';
let current: ResidentLocale = 'nl';
let texts: Texts = nl;

export const isResidentLocale = (v: unknown): v is ResidentLocale => typeof v === 'string' && (residentLocales as readonly string[]).includes(v);

/**
 * The language to start in: `?lang=` in the address, else the one chosen before on this device,
 * else the first of the browser's languages we have (ar-MA → ar), else Dutch.
 */
export function pickLanguage(query: string | null, stored: string | null, browser: readonly string[]): ResidentLocale {
  if (isResidentLocale(query)) return query;
  if (isResidentLocale(stored)) return stored;
  for (const tag of browser) {
    const base = tag.toLowerCase().split('-')[0];
    if (isResidentLocale(base)) return base;
  }
  return 'nl';
}

export function startLanguage(): ResidentLocale {
  let stored: string | null = null;
  try {
    stored = localStorage.getItem(KEY);
  } catch {
    // storage may be blocked; the browser's language still counts
  }
  return pickLanguage(new URLSearchParams(location.search).get('lang'), stored, navigator.languages ?? [navigator.language]);
}

export const lang = (): ResidentLocale => current;
export const isRtl = (l: ResidentLocale = current): boolean => l === 'ar';

/** Loads a language's texts, switches the page to it (lang, dir) and re-renders every resident element. */
export async function useLanguage(next: ResidentLocale, remember = true): Promise<void> {
  const loaded = next === 'nl' ? nl : (await loaders[next]()).default;
  current = next;
  texts = loaded;
  if (remember) {
    try {
      localStorage.setItem(KEY, next);
    } catch {
      // not remembered; the switch still works on this page
    }
  }
  // Shared elements worded only in Dutch and English (the staff side) follow as far as they can;
  // this also tells every element with a LocaleController to render again.
  setLocale(next === 'nl' ? 'nl' : 'en');
  document.documentElement.lang = next;
  document.documentElement.dir = texts.meta.dir === 'rtl' ? 'rtl' : 'ltr';
}

type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : T[K] extends object ? Leaves<T[K], `${P}${K}.`> : never;
}[keyof T & string];
/** A text's path in the language file, e.g. 'form.send'. */
export type TextKey = Exclude<Leaves<Texts>, `_${string}`>;

function lookup(t: unknown, key: string): string | undefined {
  let node = t;
  for (const part of key.split('.')) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined;
  return typeof node === 'string' ? node : undefined;
}

/** A text in the resident's language, with {placeholders} filled in: rt('form.forProject', { project }). */
export function rt(key: TextKey, vars?: Record<string, string | number>): string {
  let s = lookup(texts, key) ?? lookup(nl, key) ?? key;
  if (vars) for (const [k, v] of Object.entries(vars)) s = s.replaceAll(`{${k}}`, String(v));
  return s;
}

/** A text by a key only known at run time (a climate variable's key); undefined when the file has none. */
export function rtMaybe(key: string): string | undefined {
  return lookup(texts, key);
}

/** The consent text version the resident read: the text's date and the language it was in, e.g. 2026-11-29/ar. */
export const consentTextVersion = (): string => `${texts.meta.consentTextVersion}/${current}`;

export function formatDay(iso: string | null | undefined): string {
  if (!iso) return '';
  return new Date(iso.length === 10 ? `${iso}T12:00:00` : iso).toLocaleDateString(current === 'ar' ? 'ar-u-nu-latn' : current, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });
}

/**
 * A recording's length as minutes and seconds, `2:05`, to the nearest second: the same rule on the
 * form (the browser's measure) and on the receipt pages (the server's), so one recording reads alike.
 */
export function formatClock(seconds: number): string {
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}

/** A text with {placeholders} filled by parts of a template (a number in its own <bdi>), as a list lit renders in order. */
export function rtParts(key: TextKey, parts: Record<string, unknown>): unknown[] {
  return rt(key)
    .split(/(\{\w+\})/)
    .map((piece) => {
      const name = /^\{(\w+)\}$/.exec(piece)?.[1];
      return name !== undefined && name in parts ? parts[name] : piece;
    });
}

/** Parts of one line joined with the language's own comma (`، ` in Arabic). */
export function joinParts(parts: unknown[]): unknown[] {
  const comma = rt('meta.comma');
  return parts.flatMap((part, i) => (i ? [comma, part] : [part]));
}
