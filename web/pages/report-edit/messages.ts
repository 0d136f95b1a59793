import type { Level } from '../../sensemaking-types.js';
// The report page's words in Dutch and English, and the shapes it reads from /api/reports.
import { messages } from '../../i18n.js';

export const t = messages({
  nl: {
    back: 'Alle rapportages',
    newTitle: 'Nieuwe rapportage',
    editTitle: 'Rapportage bewerken',
    definition: 'Opzet',
    definitionNote: '{from} – {to} · {projects} · {outcomes}',
    projectsOne: '1 project',
    projectsN: '{n} projecten',
    outcomesAll: 'alle uitkomsten',
    unlinkedShortOne: '1 indicator zonder uitkomst',
    unlinkedShortN: '{n} indicatoren zonder uitkomst',
    outcomesOne: '1 uitkomst',
    outcomesN: '{n} uitkomsten',
    title: 'Titel',
    audience: 'Voor wie',
    funder: 'Financier',
    municipality: 'Gemeente',
    internal: 'Intern',
    residents: 'Bewoners',
    audienceHint: 'Verhalen met toestemming "alleen het team" komen nooit in een rapportage, voor geen enkel publiek.',
    from: 'Van',
    to: 'Tot en met',
    projects: 'Projecten',
    areas: 'Gebieden',
    areasHint: 'Geen gebied gekozen: alle gebieden van de projecten.',
    outcomes: 'Uitkomsten',
    outcomesHint: 'Geen uitkomst gekozen: alle uitkomsten van de gekozen projecten.',
    archived: 'gearchiveerd',
    noOutcomes: 'De gekozen projecten hebben nog geen uitkomsten.',
    outcomesAfterProjects: 'Kies eerst een of meer projecten. Dan kunt u hier hun uitkomsten kiezen.',
    sections: 'Onderdelen',
    indicators: 'Indicatoren (grafiek en tabel)',
    stories: 'Verhalen bij de uitkomsten',
    msc: 'Most Significant Change',
    climate: 'Sociaal klimaat',
    phases: 'Zien, denken, doen, vinden',
    resources: 'Uren en geld',
    intro: 'Inleiding',
    save: 'Opslaan',
    saved: 'Opgeslagen.',
    saving: 'Bezig…',
    invalid: 'Controleer de gemarkeerde velden.',
    failed: 'Opslaan lukte niet. Probeer het opnieuw.',
    preview: 'Voorbeeld',
    toPreview: 'Naar het voorbeeld',
    previewHint: 'Zo ziet de rapportage er nu uit, met de cijfers en verhalen van dit moment. Dit is nog niet gepubliceerd.',
    refresh: 'Voorbeeld vernieuwen',
    publish: 'Publiceren als nieuwe versie',
    publishHint:
      'Een gepubliceerde versie verandert niet meer, op één ding na: trekt een verteller later zijn verhaal terug, dan verdwijnt het ook uit gepubliceerde versies.',
    published: 'Versie {n} is gepubliceerd.',
    confirmTitle: 'Versie {n} publiceren?',
    confirmFirst: 'Dit wordt de eerste versie. Wie de rapportage gedeeld krijgt, leest precies deze versie.',
    confirmAgainst: 'Wat er verandert ten opzichte van versie {n}:',
    storiesAdded: 'Verhalen erbij ({n})',
    storiesRemoved: 'Verhalen eruit ({n})',
    figuresChanged: 'Cijfers veranderd ({n})',
    titleChanged: 'De titel is veranderd.',
    periodChanged: 'De periode is veranderd.',
    introChanged: 'De inleiding is veranderd.',
    textsChanged: 'Tekst "wat we zien" veranderd ({n})',
    unchanged: 'Er is niets veranderd sinds versie {n}. Een nieuwe versie zou precies hetzelfde zeggen, dus je kunt nu niet publiceren.',
    othersChanged:
      'Verhalen, cijfers en teksten blijven gelijk. Er verandert wel iets anders, zoals de tekst van een verhaal, de uren en het geld, het sociaal klimaat of de voorkant.',
    unsavedFirst: 'Eerst opslaan: {parts}. Wat niet is opgeslagen, komt niet in deze versie.',
    unsavedDefinition: 'de opzet',
    unsavedTexts: 'de teksten en verhalen per uitkomst',
    and: ' en ',
    figureLine: '{indicator}, {period}{area}: {before} → {after}',
    confirmPublish: 'Ja, publiceer versie {n}',
    dropsOut: 'Let op: op {n} plekken ontbreken cijfers',
    dropsOutOne: 'Let op: op 1 plek ontbreken cijfers',
    outcomesNoIndicator: 'Deze uitkomsten hebben geen indicator. Ze staan in de rapportage, maar zonder cijfers:',
    indicatorsNoOutcome: 'Deze indicatoren horen bij geen uitkomst. Daarom staan hun cijfers niet in de rapportage:',
    unlinkedOne: '1 indicator hoort bij geen uitkomst en komt niet in de rapportage:',
    unlinkedN: '{n} indicatoren horen bij geen uitkomst en komen niet in de rapportage:',
    unlinkedHint: 'Open een indicator om er een uitkomst bij te kiezen.',
    versions: 'Gepubliceerde versies',
    noVersions: 'Nog geen gepubliceerde versies.',
    versionN: 'Versie {n}',
    by: '{date}, door {name}',
    share: 'Delen met een financier',
    shareHint: 'Een financier ziet alleen de gepubliceerde versies van rapportages die met hem gedeeld zijn.',
    funderAccount: 'Financiersaccount',
    choose: 'Kies…',
    noFunders: 'Er zijn nog geen financiersaccounts. Een beheerder maakt ze aan op de pagina Gebruikers (menu Beheer), met de rol Financier.',
    noFundersAdmin: 'Er zijn nog geen financiersaccounts. Maak er een aan op de pagina {users}, met de rol Financier.',
    users: 'Gebruikers',
    allShared: 'Alle financiers kunnen deze rapportage al lezen.',
    allSharedNew: 'Voor een nieuwe financier maakt een beheerder eerst een account aan op de pagina Gebruikers (menu Beheer).',
    allSharedNewAdmin: 'Voor een nieuwe financier maak je eerst een account aan op de pagina {users}.',
    doShare: 'Delen',
    sharedWith: 'Gedeeld met',
    unshare: 'Niet meer delen',
    unshareWith: 'Niet meer delen met {name}',
    notShared: 'Nog met niemand gedeeld.',
    link: 'Leeslink',
    linkHint: 'Een link die tot de vervaldatum de laatst gepubliceerde versie laat lezen, zonder account. De link wordt één keer getoond.',
    expires: 'Geldig tot en met',
    makeLink: 'Link maken',
    linkMade: 'Kopieer deze link nu; hij wordt niet opnieuw getoond:',
    linkLabel: 'Voor wie (niet verplicht)',
    linkLabelHint: 'Bijvoorbeeld "Gemeente, afdeling Welzijn": zo herken je de link later in de lijst.',
    links: 'Gemaakte leeslinks',
    noLinks: 'Nog geen leeslinks gemaakt.',
    unnamed: 'Leeslink {id}',
    active: 'Actief',
    expired: 'Verlopen',
    revoked: 'Ingetrokken',
    linkMeta: 'Gemaakt op {date} door {name}; geldig tot en met {until}.',
    linkRevoked: 'Ingetrokken op {date} door {name}.',
    revoke: 'Intrekken',
    revokeLabel: 'Leeslink "{label}" intrekken',
    confirmRevoke: 'Weet je het zeker? Wie de link "{label}" opent, ziet de rapportage daarna niet meer. Dit kan niet ongedaan worden gemaakt.',
    doRevoke: 'Ja, intrekken',
    cancel: 'Annuleren',
    revokedDone: 'De leeslink "{label}" is ingetrokken.',
    revokeFailed: 'Intrekken lukte niet: {message}',
    linksFailed: 'De leeslinks konden niet geladen worden.',
    loading: 'Laden…',
    loadFailed: 'De rapportage kon niet geladen worden.',
  },
  en: {
    back: 'All reports',
    newTitle: 'New report',
    editTitle: 'Edit report',
    definition: 'Definition',
    definitionNote: '{from} – {to} · {projects} · {outcomes}',
    projectsOne: '1 project',
    projectsN: '{n} projects',
    outcomesAll: 'all outcomes',
    unlinkedShortOne: '1 indicator without an outcome',
    unlinkedShortN: '{n} indicators without an outcome',
    outcomesOne: '1 outcome',
    outcomesN: '{n} outcomes',
    title: 'Title',
    audience: 'Audience',
    funder: 'Funder',
    municipality: 'Municipality',
    internal: 'Internal',
    residents: 'Residents',
    audienceHint: 'Stories with "team only" consent never appear in a report, for any audience.',
    from: 'From',
    to: 'To (inclusive)',
    projects: 'Projects',
    areas: 'Areas',
    areasHint: 'No area chosen: all areas of the projects.',
    outcomes: 'Outcomes',
    outcomesHint: 'No outcome chosen: all outcomes of the chosen projects.',
    archived: 'archived',
    noOutcomes: 'The chosen projects have no outcomes yet.',
    outcomesAfterProjects: 'First choose one or more projects. Then you can choose their outcomes here.',
    sections: 'Sections',
    indicators: 'Indicators (chart and table)',
    stories: 'Stories per outcome',
    msc: 'Most Significant Change',
    climate: 'Social climate',
    phases: 'See, think, do, find',
    resources: 'Hours and money',
    intro: 'Introduction',
    save: 'Save',
    saved: 'Saved.',
    saving: 'Working…',
    invalid: 'Check the marked fields.',
    failed: 'Saving failed. Please try again.',
    preview: 'Preview',
    toPreview: 'To the preview',
    previewHint: "This is how the report looks now, with today's numbers and stories. It is not published yet.",
    refresh: 'Refresh preview',
    publish: 'Publish as a new version',
    publishHint: 'A published version does not change, except for one thing: a story its teller withdraws later disappears from published versions too.',
    published: 'Version {n} is published.',
    confirmTitle: 'Publish version {n}?',
    confirmFirst: 'This will be the first version. Whoever the report is shared with reads exactly this version.',
    confirmAgainst: 'What changes against version {n}:',
    storiesAdded: 'Stories added ({n})',
    storiesRemoved: 'Stories removed ({n})',
    figuresChanged: 'Figures changed ({n})',
    titleChanged: 'The title has changed.',
    periodChanged: 'The period has changed.',
    introChanged: 'The introduction has changed.',
    textsChanged: '"What we see" text changed ({n})',
    unchanged: 'Nothing has changed since version {n}. A new version would say exactly the same, so you cannot publish now.',
    othersChanged:
      "Stories, figures and texts stay the same. Something else changes, such as a story's text, the hours and money, the social climate or the cover.",
    unsavedFirst: 'Save first: {parts}. What is not saved does not go into this version.',
    unsavedDefinition: 'the definition',
    unsavedTexts: 'the texts and stories per outcome',
    and: ' and ',
    figureLine: '{indicator}, {period}{area}: {before} → {after}',
    confirmPublish: 'Yes, publish version {n}',
    dropsOut: 'Note: figures are missing in {n} places',
    dropsOutOne: 'Note: figures are missing in 1 place',
    outcomesNoIndicator: 'These outcomes have no indicator. They are in the report, but without figures:',
    indicatorsNoOutcome: 'These indicators belong to no outcome, so their figures are not in the report:',
    unlinkedOne: '1 indicator belongs to no outcome and is not in the report:',
    unlinkedN: '{n} indicators belong to no outcome and are not in the report:',
    unlinkedHint: 'Open an indicator to choose an outcome for it.',
    versions: 'Published versions',
    noVersions: 'No published versions yet.',
    versionN: 'Version {n}',
    by: '{date}, by {name}',
    share: 'Share with a funder',
    shareHint: 'A funder sees only the published versions of reports shared with them.',
    funderAccount: 'Funder account',
    choose: 'Choose…',
    noFunders: 'There are no funder accounts yet. An administrator creates them on the Users page (Administration menu), with the role Funder.',
    noFundersAdmin: 'There are no funder accounts yet. Create one on the {users} page, with the role Funder.',
    users: 'Users',
    allShared: 'Every funder can read this report already.',
    allSharedNew: 'For a new funder, an administrator first creates an account on the Users page (Administration menu).',
    allSharedNewAdmin: 'For a new funder, first create an account on the {users} page.',
    doShare: 'Share',
    sharedWith: 'Shared with',
    unshare: 'Stop sharing',
    unshareWith: 'Stop sharing with {name}',
    notShared: 'Not shared with anyone yet.',
    link: 'Read link',
    linkHint: 'A link that shows the latest published version without an account until it expires. It is shown once.',
    expires: 'Valid until',
    makeLink: 'Make link',
    linkMade: 'Copy this link now; it will not be shown again:',
    linkLabel: 'For whom (optional)',
    linkLabelHint: 'For example "Municipality, welfare department": so you recognise the link later in the list.',
    links: 'Read links made',
    noLinks: 'No read links made yet.',
    unnamed: 'Read link {id}',
    active: 'Active',
    expired: 'Expired',
    revoked: 'Revoked',
    linkMeta: 'Made on {date} by {name}; valid until {until}.',
    linkRevoked: 'Revoked on {date} by {name}.',
    revoke: 'Revoke',
    revokeLabel: 'Revoke read link "{label}"',
    confirmRevoke: 'Are you sure? Whoever opens the link "{label}" will no longer see the report. This cannot be undone.',
    doRevoke: 'Yes, revoke',
    cancel: 'Cancel',
    revokedDone: 'The read link "{label}" has been revoked.',
    revokeFailed: 'Revoking failed: {message}',
    linksFailed: 'The read links could not be loaded.',
    loading: 'Loading…',
    loadFailed: 'The report could not be loaded.',
  },
});

export const sectionKeys = ['indicators', 'stories', 'msc', 'climate', 'phases', 'resources'] as const;
export const audiences = ['funder', 'municipality', 'internal', 'residents'] as const;

export type Options = {
  projects: { id: number; name: string }[];
  areas: { id: number; name: string; parentId: number | null; projectIds: number[] }[];
  outcomes: { id: number; projectId: number; level: Level; title: string; archivedAt: string | null }[];
  funders: { id: number; name: string; email: string }[];
};
export type Doc = { type: 'doc'; content?: { type: string; content?: { type: string; text?: string }[] }[] };
export type Report = {
  id: number;
  title: string;
  audience: (typeof audiences)[number];
  periodFrom: string;
  periodTo: string;
  projectIds: number[];
  areaIds: number[];
  outcomeIds: number[];
  sections: string[];
  intro: Doc;
  versions: { number: number; publishedAt: string; publishedBy: string | null }[];
  shares: { userId: number; name: string; email: string }[];
};
export type Draft = Omit<Report, 'id' | 'versions' | 'shares'>;
/** An outcome as a reader finds it: its title under its project. */
export type OutcomeRef = { id: number; title: string; projectName: string };
export type Changes = {
  lastVersion: number | null;
  storiesAdded: { id: number; title: string }[];
  storiesRemoved: { id: number; title: string }[];
  figuresChanged: {
    indicator: string;
    period: string;
    area: string | null;
    before: { target: number | null; actual: number | null } | null;
    after: { target: number | null; actual: number | null } | null;
  }[];
  titleChanged: boolean;
  periodChanged: boolean;
  introChanged: boolean;
  textsChanged: OutcomeRef[];
  unchanged: boolean;
  outcomesWithoutIndicators: OutcomeRef[];
  indicatorsWithoutOutcome: { id: number; name: string; projectName: string }[];
};
export type ReadLink = {
  id: number;
  label: string | null;
  createdAt: string;
  createdBy: string | null;
  expiresAt: string;
  status: 'active' | 'expired' | 'revoked';
  revokedAt: string | null;
  revokedBy: string | null;
};
