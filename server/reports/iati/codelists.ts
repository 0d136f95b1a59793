// The IATI codes the export writes, by codelist. Four codelists are shipped in codelists/ (from
// shared/iati, with their licence) and the tests check the export's result types, measures and
// vocabularies against them; the other codes are named here from the IATI 2.03 standard.

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
