// The IATI codes the export writes, by codelist. The app ships no codelist files: the codes are
// constants here, and the tests check every code the export writes against the official codelists
// in ../shared/iati/codelists (outside the repository).

// ResultType (an outcome's level) and IndicatorMeasure have their one place with the data they code:
// iatiResultType in db/schema.ts and IATI_MEASURE_CODE in db/repositories/counting.ts.
/** ActivityStatus: what the reported period is at publication (not started, running, over). */
export const activityStatus = { pipeline: '1', implementation: '2', closed: '4' } as const;
/** ActivityDateType. */
export const activityDateType = { plannedStart: '1', actualStart: '2', plannedEnd: '3', actualEnd: '4' } as const;
/** OrganisationRole: the organisation carries out the community work it reports on. */
export const organisationRole = { implementing: '4' } as const;
/** DescriptionType: the report's introduction is the activity's general description. */
export const descriptionType = { general: '1' } as const;
/** OrganisationType of the reporting organisation unless IATI_ORG_TYPE says otherwise: a Dutch
 * community-work organisation is usually a foundation (stichting) working in its own country, i.e. a
 * National NGO (22); a municipality's own team would be Local Government (11). IATI's Foundation (60)
 * means grant-making foundations, and 24 is for NGOs in aid-recipient countries. */
export const defaultOrganisationType = '22';

/** The reporting organisation: IATI identifier, name and OrganisationType code. */
export type IatiOrg = { ref: string; name: string; type: string };
/** Used when IATI_ORG_REF / ORG_NAME / IATI_ORG_TYPE are not set (XX: no registered identifier). */
export const defaultIatiOrg: IatiOrg = { ref: 'XX-WEEFWERK', name: 'Weefwerk', type: defaultOrganisationType };

/** IATI's OrganisationType codes (2.03), to check IATI_ORG_TYPE at startup. */
export const organisationTypes = ['10', '11', '15', '21', '22', '23', '24', '30', '40', '60', '70', '71', '72', '73', '80', '90'] as const;

/** Country (ISO 3166-1 alpha-2): community work in the Netherlands. */
export const recipientCountry = 'NL';

/**
 * The sectors a project may be classified under: SectorVocabulary 1 (OECD DAC CRS purpose codes,
 * 5 digits) and 2 (DAC 3-digit categories), the codes that fit Dutch community work. Keyed
 * `vocabulary:code`; the English name is IATI's, the Dutch one ours.
 */
export const iatiSectors = {
  '1:15150': { en: 'Democratic participation and civil society', nl: 'Democratische participatie en maatschappelijk middenveld' },
  '1:16010': { en: 'Social protection', nl: 'Sociale bescherming en welzijn' },
  '1:16050': { en: 'Multisector aid for basic social services', nl: 'Basisvoorzieningen (meerdere sectoren)' },
  '1:16061': { en: 'Culture and recreation', nl: 'Cultuur en recreatie' },
  '1:15220': { en: 'Civilian peace-building, conflict prevention and resolution', nl: 'Vreedzaam samenleven, conflictpreventie en -bemiddeling' },
  '1:43030': { en: 'Urban development and management', nl: 'Stedelijke ontwikkeling en beheer' },
  '2:151': { en: 'Government & Civil Society-general', nl: 'Overheid en maatschappelijk middenveld (algemeen)' },
  '2:160': { en: 'Other Social Infrastructure & Services', nl: 'Overige sociale voorzieningen en diensten' },
} as const;
export type IatiSectorKey = keyof typeof iatiSectors;
export const iatiSectorKeys = Object.keys(iatiSectors) as [IatiSectorKey, ...IatiSectorKey[]];

/**
 * The organisation's sector unless IATI_SECTOR or a project says otherwise. Opbouwwerk supports
 * residents who organise themselves and take part in decisions about their neighbourhood: that is
 * DAC 15150, "support to ... diverse forms of participation of citizens" and to civil society
 * organisations. Welfare-led work (a wijkteam's social services) would choose 16010.
 */
export const defaultIatiSector: IatiSectorKey = '1:15150';

export const splitSector = (key: IatiSectorKey) => {
  const [vocabulary, code] = key.split(':') as [string, string];
  return { vocabulary, code, name: iatiSectors[key].en };
};
