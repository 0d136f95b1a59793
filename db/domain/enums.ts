// The enumerations of the domain, each defined once. Pure, no imports: the database types
// (db/schema.ts), the zod schemas at the edge and the web pages all take them from here.

export const roles = ['admin', 'coordinator', 'worker', 'funder'] as const;
export type Role = (typeof roles)[number];
/** The four moves of a project (zien, denken, doen, vinden). */
export const phases = ['ZIEN', 'DENKEN', 'DOEN', 'VINDEN'] as const;
export type Phase = (typeof phases)[number];
export const areaKinds = ['gemeente', 'wijk', 'buurt'] as const;
export type AreaKind = (typeof areaKinds)[number];

export const consentLevels = ['team', 'report', 'public'] as const;
export type ConsentLevel = (typeof consentLevels)[number];
/** How consent was given. */
export const consentChannels = ['paper', 'spoken', 'online'] as const;
export type ConsentChannel = (typeof consentChannels)[number];
/** Who gave (or changed) consent; a worker or coordinator only changes it on the teller's behalf. */
export const consentGivers = ['teller', 'guardian', 'worker', 'coordinator'] as const;
export type ConsentGiver = (typeof consentGivers)[number];
export const storySources = ['link', 'heard', 'practice'] as const;
export type StorySource = (typeof storySources)[number];

export const outcomeLevels = ['output', 'outcome', 'impact'] as const;
export type OutcomeLevel = (typeof outcomeLevels)[number];
/** An outcome's level in running text: the three IATI result types, in Dutch as the field says them. */
export const outcomeLevelWords: Record<'nl' | 'en', Record<OutcomeLevel, string>> = {
  nl: { output: 'prestatie', outcome: 'effect', impact: 'impact' },
  en: { output: 'output', outcome: 'outcome', impact: 'impact' },
};
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
/** The same words as a heading or label: with a capital. */
export const outcomeLevelTitles = Object.fromEntries(
  Object.entries(outcomeLevelWords).map(([lang, words]) => [lang, Object.fromEntries(Object.entries(words).map(([k, v]) => [k, capital(v)]))]),
) as typeof outcomeLevelWords;
export const tagStatuses = ['accepted', 'suggested'] as const;
export type TagStatus = (typeof tagStatuses)[number];

export const reportAudiences = ['funder', 'municipality', 'internal', 'residents'] as const;
export type ReportAudience = (typeof reportAudiences)[number];
/** The consent levels as the staff pages name them; the server's messages name them the same way. */
export const consentLevelWords: Record<'nl' | 'en', Record<ConsentLevel, string>> = {
  nl: { team: 'Alleen team', report: 'Verslag, anoniem', public: 'Openbaar, met naam' },
  en: { team: 'Team only', report: 'Reports, anonymous', public: 'Public, with name' },
};

/**
 * Who a report is for, in the words the report itself uses ("Voor: de financier"): the report's
 * cover and the coordinator's list of reports read them from here, so both say the same.
 */
export const reportAudienceWords: Record<'nl' | 'en', Record<ReportAudience, string>> = {
  nl: { funder: 'de financier', municipality: 'de gemeente', internal: 'intern gebruik', residents: 'bewoners' },
  en: { funder: 'the funder', municipality: 'the municipality', internal: 'internal use', residents: 'residents' },
};
