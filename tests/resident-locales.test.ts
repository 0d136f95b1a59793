// The resident pages' language files: one JSON file per language that a native speaker can
// correct without reading code. Every file must have every text the Dutch file has (and no others),
// with the same {placeholders}, so no resident ever meets a missing or half-translated text.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RESIDENT_CONSENT_TEXT, residentLanguages } from '../server/consent.js';
import { languageNames, pickLanguage, residentLocales } from '../web/resident/i18n.js';

const dir = join(process.cwd(), 'web', 'resident', 'locales');
const read = (lang: string) => JSON.parse(readFileSync(join(dir, `${lang}.json`), 'utf8')) as Record<string, unknown>;

/** Every text in a file as path → text. */
function leaves(node: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
    const path = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(path, v);
    else if (v && typeof v === 'object' && !Array.isArray(v)) for (const [p, t] of leaves(v, path)) out.set(p, t);
    else out.set(path, `<not text: ${JSON.stringify(v)}>`);
  }
  return out;
}
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('resident language files', () => {
  const nl = leaves(read('nl'));

  it('exist for exactly the six languages the server and the pages know', () => {
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.replace(/\.json$/, ''))
      .sort();
    expect(files).toEqual([...residentLanguages].sort());
    expect([...residentLocales].sort()).toEqual([...residentLanguages].sort());
    expect(Object.keys(languageNames).sort()).toEqual([...residentLanguages].sort());
  });

  for (const lang of residentLanguages) {
    it(`${lang}: has every key of the Dutch file and no other, none empty, with the same placeholders`, () => {
      const texts = leaves(read(lang));
      const missing = [...nl.keys()].filter((k) => !texts.has(k));
      const extra = [...texts.keys()].filter((k) => !nl.has(k));
      expect(missing, `missing in ${lang}.json`).toEqual([]);
      expect(extra, `in ${lang}.json but not in nl.json`).toEqual([]);
      const empty = [...texts].filter(([, v]) => !v.trim() || v.startsWith('<not text')).map(([k]) => k);
      expect(empty, `empty or not text in ${lang}.json`).toEqual([]);
      const wrong = [...nl]
        .filter(([k, v]) => !k.startsWith('_') && JSON.stringify(placeholders(v)) !== JSON.stringify(placeholders(texts.get(k) ?? '')))
        .map(([k]) => k);
      expect(wrong, `placeholders differ from nl.json in ${lang}.json`).toEqual([]);
    });

    it(`${lang}: names itself, says its direction and carries the consent text's date`, () => {
      const meta = read(lang).meta as { name: string; dir: string; consentTextVersion: string };
      expect(meta.name).toBe(languageNames[lang]);
      expect(meta.dir).toBe(lang === 'ar' ? 'rtl' : 'ltr');
      expect(meta.consentTextVersion).toBe(RESIDENT_CONSENT_TEXT);
    });
  }

  it('the language starts from the address, then the choice made before, then the browser, then Dutch', () => {
    expect(pickLanguage('ar', 'tr', ['pl'])).toBe('ar');
    expect(pickLanguage(null, 'tr', ['pl'])).toBe('tr');
    expect(pickLanguage('xx', null, ['de-DE', 'uk-UA', 'en'])).toBe('uk');
    expect(pickLanguage(null, null, ['ar-MA'])).toBe('ar');
    expect(pickLanguage(null, 'fr', ['de'])).toBe('nl');
  });
});
