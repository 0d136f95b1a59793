// The consent choices, shared by the story form and the receipt page; the words are in the
// language files (web/resident/locales/*.json, section "consent").
import { rt } from './i18n.js';

import type { ConsentLevel } from '../../db/domain/enums.js';

export { consentLevels, type ConsentLevel } from '../../db/domain/enums.js';

/** The choice's name in the resident's language. */
export const consentName = (level: ConsentLevel): string => rt(`consent.${level}`);
/** One short line under the choice (the consent is explained in at most 60 words; "more" has the rest). */
export const consentShort = (level: ConsentLevel): string => rt(`consent.${level}Short`);
/** The longer explanation behind "more explanation". */
export const consentExplain = (level: ConsentLevel): string => rt(`consent.${level}Explain`);
