// Every UI string goes through here. Dutch first; English is the second language.
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
  return new Date(iso.length === 10 ? `${iso}T12:00:00` : iso).toLocaleDateString(locale() === 'nl' ? 'nl-NL' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric' });
}

export function formatNumber(n: number | null | undefined, digits = 0): string {
  if (n == null) return '–';
  return n.toLocaleString(locale() === 'nl' ? 'nl-NL' : 'en-GB', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}
