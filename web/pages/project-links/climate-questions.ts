// What a resident link asks besides the story: the project's climate questions, which of them a link asks, and how residents read them.
// Only the "climate" section of the resident texts (Vite keeps just the named part): how residents read each question.
import { climate as residentNl } from '../../resident/locales/nl.json';
import { climate as residentEn } from '../../resident/locales/en.json';
import { locale } from '../../i18n.js';
import type { PublicLink } from '../../stories.js';
import type { Variable as ClimateVariable } from '../../sensemaking-types.js';

/** A climate variable the project asks about (GET /api/projects/{id}/climate-variables), as far as this page reads it. */
export type Variable = Pick<ClimateVariable, 'id' | 'key' | 'nameNl' | 'nameEn' | 'weakNl' | 'weakEn' | 'strongNl' | 'strongEn' | 'retiredAt'>;
/** The link's own climate questions, else (null) the project's first two, as the resident form does. */
export const askedIds = (l: PublicLink, variables: Variable[]) => l.climateVariableIds ?? variables.slice(0, 2).map((v) => v.id);
export const MAX_CLIMATE = 4;
/** The everyday question residents see for a catalogue variable (web/resident/locales), in the staff's language. */
export const residentQuestion = (key: string): string | undefined =>
  ((locale() === 'nl' ? residentNl : residentEn) as Record<string, { name?: string } | undefined>)[key]?.name;

/** A climate question's name in the staff's language. */
export const variableName = (v: Variable): string => (locale() === 'nl' ? v.nameNl : v.nameEn || v.nameNl);
