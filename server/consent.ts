// The rules of consent that are not about who may see what (that is access.ts).
import { consentLevelWords, type ConsentGiver } from '../db/domain/enums.js';
import type { ConsentLevel } from '../db/schema.js';
import { invalid } from './errors.js';
import residentNl from '../web/resident/locales/nl.json';
import residentEn from '../web/resident/locales/en.json';

/** The version of the consent text workers read out and record; bump it when the text changes. */
export const CONSENT_TEXT_VERSION = '2026-11';

/** The languages of the resident pages (web/resident/locales/<code>.json). */
export const residentLanguages = ['nl', 'en', 'ar', 'tr', 'pl', 'uk'] as const;
export type ResidentLanguage = (typeof residentLanguages)[number];
/**
 * The date of the consent text on the resident pages ("meta.consentTextVersion" in each language
 * file; tests/resident-locales.test.ts keeps them equal). A resident's consent records the text
 * they read in the language they read it in: `2026-11-29/ar`.
 */
export const RESIDENT_CONSENT_TEXT = '2026-11-29';
export const residentConsentVersion = (language: ResidentLanguage) => `${RESIDENT_CONSENT_TEXT}/${language}`;

/** Every consent text version a story may record. */
export const consentTextVersions = [CONSENT_TEXT_VERSION, ...residentLanguages.map(residentConsentVersion)] as [string, ...string[]];

const rank: Record<ConsentLevel, number> = { team: 0, report: 1, public: 2 };

/** True when `to` lets more people read the story than `from`. */
export const widens = (from: ConsentLevel, to: ConsentLevel) => rank[to] > rank[from];

/**
 * Giving or widening consent is the teller's call (or, under 16, their guardian's), never the
 * organisation's; narrowing or withdrawing may come from anyone, including a teller under 16.
 * `widening` is true for the first consent too.
 */
export function checkConsentGiver(input: { under16: boolean; givenBy: ConsentGiver; guardianName?: string | null; widening: boolean }): void {
  const { under16, givenBy, guardianName, widening } = input;
  if (givenBy === 'guardian' && !guardianName?.trim()) {
    throw invalid('Vul de naam van de ouder of voogd in / Fill in the guardian’s name', [
      { field: 'guardianName', message: 'Vul de naam van de ouder of voogd in. / Fill in the name of the parent or guardian.' },
    ]);
  }
  if (!widening) return;
  if (givenBy !== 'teller' && givenBy !== 'guardian') {
    throw invalid('Alleen de verteller (of ouder/voogd) kan toestemming geven of uitbreiden / Only the teller (or guardian) can give or widen consent', [
      {
        field: 'givenBy',
        message: 'Alleen de verteller of een ouder of voogd kan toestemming geven. / Only the teller or a parent or guardian can give consent.',
      },
    ]);
  }
  if (under16 && givenBy !== 'guardian') {
    throw invalid('Bij een verteller onder de 16 geeft een ouder of voogd toestemming / A teller under 16 needs a guardian’s consent', [
      {
        field: 'givenBy',
        message:
          'De verteller is jonger dan 16. Dan geeft een ouder of voogd toestemming, met naam. / The teller is under 16. Then a parent or guardian gives consent, with their name.',
      },
    ]);
  }
}

/** The level to choose instead of `public` when there is no name, as each form calls it. */
const withoutName = {
  resident: { nl: residentNl.consent.report, en: residentEn.consent.report, name: 'een naam', enName: 'a name' },
  staff: { nl: consentLevelWords.nl.report, en: consentLevelWords.en.report, name: 'de naam van de verteller', enName: 'the teller’s name' },
};

/**
 * A public story is shown with its teller's name, so a resident's story cannot be public without
 * one; a made-up name will do. `field` is where the form asks for the name; `form` words the message
 * as the resident's form (web/resident) or the staff's (story-edit, consent change) names the level
 * without name.
 */
export function checkPublicName(level: ConsentLevel, name: string | null | undefined, field = 'tellerName', form: keyof typeof withoutName = 'resident'): void {
  if (level !== 'public' || name?.trim()) return;
  const w = withoutName[form];
  throw invalid('Een openbaar verhaal staat er met een naam / A public story is shown with a name', [
    {
      field,
      message: `Een openbaar verhaal staat er met een naam. Vul ${w.name} in (een verzonnen naam mag ook), of kies ‘${w.nl}’. / A public story is shown with a name. Fill in ${w.enName} (a made-up name is fine too), or choose ‘${w.en}’.`,
    },
  ]);
}
