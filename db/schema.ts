// Database types, in one place. Property names are camelCase: Kysely's CamelCasePlugin maps them
// to the snake_case columns the migrations create.
import type { ColumnType, Generated, Insertable, Selectable, SelectQueryBuilder, Updateable } from 'kysely';

import type {
  AreaKind,
  ConsentChannel,
  ConsentGiver,
  ConsentLevel,
  OutcomeLevel,
  Phase,
  ReportAudience,
  Role,
  StorySource,
  TagStatus,
} from './domain/enums.js';

// The enumerations live in db/domain/enums.ts; re-exported here for the code that reads them with the tables.
export * from './domain/enums.js';

type Default<T> = ColumnType<T, T | undefined, T>;

export interface UsersTable {
  id: Generated<number>;
  email: string;
  name: string;
  role: Role;
  passwordHash: string;
  locale: Default<string>;
  disabledAt: string | null;
  passwordChangedAt: Default<string>;
  createdAt: Default<string>;
}

export interface SessionsTable {
  id: Generated<number>;
  tokenHash: string;
  userId: number;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  userAgent: string | null;
}

export interface SetupTokensTable {
  tokenHash: string;
  expiresAt: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Default<string>;
  actorUserId: number | null;
  actor: string;
  action: string;
  targetType: string;
  targetId: string | null;
  details: string | null;
}

export interface AreasTable {
  id: Generated<number>;
  name: string;
  kind: AreaKind;
  cbsCode: string | null;
  parentId: number | null;
  createdAt: Default<string>;
}

export interface ProjectsTable {
  id: Generated<number>;
  name: string;
  vraagstuk: Default<string>;
  eigenaar: Default<string>;
  betrokkenen: Default<string>;
  werkdoelen: Default<string>;
  planVanAanpak: Default<string>;
  startDate: string | null;
  endDate: string | null;
  budgetHours: number | null;
  budgetCents: number | null;
  phase: Default<Phase>;
  /** IATI sector 'vocabulary:code' (migration 0017); null = the organisation's default */
  iatiSector: Default<string | null>;
  createdAt: Default<string>;
  updatedAt: Default<string>;
}

export interface ProjectAreasTable {
  projectId: number;
  areaId: number;
}

export interface ProjectMembersTable {
  projectId: number;
  userId: number;
}

export interface TellersTable {
  id: Generated<number>;
  kind: 'resident' | 'worker';
  displayName: string | null;
  userId: number | null;
  contact: string | null;
  under16: Default<number>;
  createdAt: Default<string>;
}

export interface PublicLinksTable {
  id: Generated<number>;
  projectId: number;
  token: string;
  label: Default<string>;
  expiresAt: string | null;
  closedAt: string | null;
  createdBy: number;
  createdAt: Default<string>;
  /** The link's own question to residents; null = the standard one (migration 0016). */
  question: string | null;
  /** JSON array of climate variable ids the link asks about (0–4); null = the project's first two. */
  climateVariableIds: string | null;
}

/** A story's voice recording or photo; the file is in the media folder (server/media). Migration 0016. */
export interface StoryMediaTable {
  id: Generated<number>;
  storyId: number;
  kind: 'audio' | 'photo';
  mime: string;
  file: string;
  bytes: number;
  sha256: string;
  durationSeconds: number | null;
  photoInReports: Default<number>;
  createdAt: string;
}

/** The organisation's logo for report covers: one row (id 1), the PNG in the media folder. */
export interface OrganisationLogoTable {
  id: number;
  file: string;
  bytes: number;
  sha256: string;
  width: number;
  height: number;
  updatedAt: string;
  updatedBy: number | null;
}

export interface StoriesTable {
  id: Generated<number>;
  projectId: number;
  areaId: number | null;
  title: string;
  bodyJson: string;
  bodyHtml: string;
  bodyText: string;
  phase: Phase | null;
  happenedOn: string | null;
  language: Default<string>;
  tellerId: number;
  source: StorySource;
  linkId: number | null;
  recordedBy: number | null;
  consent: ConsentLevel;
  withdrawnAt: string | null;
  receiptHash: string | null;
  createdAt: Default<string>;
  updatedAt: Default<string>;
  /** goes up whenever title or text changes (a trigger of migration 0026) */
  textRev: Default<number>;
  /** the textRev its review (story_reviews) was made of; null: none. The review is current while equal. */
  reviewedRev: number | null;
}

export interface StoryConsentsTable {
  id: Generated<number>;
  storyId: number;
  level: ConsentLevel | null;
  withdrawn: Default<number>;
  givenBy: ConsentGiver;
  guardianName: string | null;
  channel: ConsentChannel;
  consentTextVersion: string;
  reason: string | null;
  recordedBy: number | null;
  at: Default<string>;
}

export interface ClimateVariablesTable {
  id: Generated<number>;
  key: string;
  groupKey: string;
  groupNl: string;
  groupEn: string;
  nameNl: string;
  nameEn: string;
  weakNl: string;
  weakEn: string;
  strongNl: string;
  strongEn: string;
  sort: Default<number>;
  retiredAt: string | null;
}

export interface ProjectClimateVariablesTable {
  projectId: number;
  variableId: number;
}

export interface StoryPlacementsTable {
  id: Generated<number>;
  storyId: number;
  variableId: number;
  source: 'teller' | 'coordinator';
  /** 0 = weak pole, 100 = strong pole, null = does not apply */
  position: number | null;
  status: Default<TagStatus>;
  byUser: number | null;
  at: Default<string>;
}

export interface OutcomeLibraryTable {
  id: Generated<number>;
  level: OutcomeLevel;
  title: string;
  description: Default<string>;
  createdAt: Default<string>;
}

export interface OutcomesTable {
  id: Generated<number>;
  projectId: number;
  libraryId: number | null;
  parentId: number | null;
  level: OutcomeLevel;
  title: string;
  description: Default<string>;
  sort: Default<number>;
  createdAt: Default<string>;
  archivedAt: string | null;
}

export interface StoryOutcomesTable {
  storyId: number;
  outcomeId: number;
  note: Default<string>;
  status: Default<TagStatus>;
  byUser: number | null;
  at: Default<string>;
}

export interface IndicatorsTable {
  id: Generated<number>;
  projectId: number | null;
  outcomeId: number | null;
  name: string;
  description: Default<string>;
  unit: 'count' | 'percentage' | 'euro' | 'hours' | 'score';
  measure: 'unit' | 'percentage' | 'nominal' | 'ordinal' | 'qualitative';
  direction: Default<'higher' | 'lower'>;
  periodicity: 'month' | 'quarter' | 'year';
  baselineValue: number | null;
  baselinePeriod: string | null;
  byArea: Default<number>;
  source: Default<string>;
  sourceKey: string | null;
  createdAt: Default<string>;
  updatedAt: Default<string>;
}

export interface IndicatorTargetsTable {
  indicatorId: number;
  period: string;
  /** 0 = all areas */
  areaId: Default<number>;
  value: number;
}

export interface IndicatorValuesTable {
  id: Generated<number>;
  indicatorId: number;
  period: string;
  /** 0 = all areas */
  areaId: Default<number>;
  /** null = missing, never zero */
  value: number | null;
  note: Default<string>;
  enteredBy: number | null;
  updatedAt: Default<string>;
}

// --- reports (issue 6) ---

export interface ReportsTable {
  id: Generated<number>;
  title: string;
  audience: ReportAudience;
  periodFrom: string;
  periodTo: string;
  /** JSON arrays of ids / section keys */
  projectIds: Default<string>;
  areaIds: Default<string>;
  outcomeIds: Default<string>;
  sections: Default<string>;
  introJson: string;
  introHtml: string;
  /** JSON array of { outcomeId, narrative, narrativeHtml, storyIds } (migration 0014) */
  outcomeTexts: Default<string>;
  createdBy: number | null;
  createdAt: Default<string>;
  updatedAt: Default<string>;
}

export interface ReportVersionsTable {
  id: Generated<number>;
  reportId: number;
  number: number;
  dataJson: string;
  html: string;
  publishedBy: number | null;
  publishedAt: Default<string>;
  /** as published (migration 0014; null for older versions: read from dataJson) */
  title: string | null;
  periodFrom: string | null;
  periodTo: string | null;
}

export interface ReportVersionStoriesTable {
  versionId: number;
  storyId: number;
}

export interface ReportSharesTable {
  reportId: number;
  userId: number;
  sharedBy: number | null;
  sharedAt: Default<string>;
}

export interface ReportLinksTable {
  id: Generated<number>;
  reportId: number;
  tokenHash: string;
  expiresAt: string;
  revokedAt: string | null;
  createdBy: number | null;
  createdAt: Default<string>;
  // Report links (migration 0010): listing and revoking read links
  label: string | null;
  revokedBy: number | null; // users.id
}

/** A rate-limit window shared by every app process on one database (migration 0020; used on PostgreSQL). */
export interface RateLimitsTable {
  key: string;
  windowStart: number; // ms since 1970
  hits: number;
}

/** Every table, in one interface (declared once; add a capability's tables below). */
export interface DB {
  organisationLogo: OrganisationLogoTable;
  users: UsersTable;
  sessions: SessionsTable;
  setupTokens: SetupTokensTable;
  auditLog: AuditLogTable;
  areas: AreasTable;
  projects: ProjectsTable;
  projectAreas: ProjectAreasTable;
  projectMembers: ProjectMembersTable;
  tellers: TellersTable;
  publicLinks: PublicLinksTable;
  stories: StoriesTable;
  storyMedia: StoryMediaTable;
  storyConsents: StoryConsentsTable;
  climateVariables: ClimateVariablesTable;
  projectClimateVariables: ProjectClimateVariablesTable;
  storyPlacements: StoryPlacementsTable;
  outcomeLibrary: OutcomeLibraryTable;
  outcomes: OutcomesTable;
  storyOutcomes: StoryOutcomesTable;
  indicators: IndicatorsTable;
  indicatorTargets: IndicatorTargetsTable;
  indicatorValues: IndicatorValuesTable;
  importBatches: ImportBatchesTable;
  indicatorValueHistory: IndicatorValueHistoryTable;
  hours: HoursTable;
  expenses: ExpensesTable;
  disclosureChanges: DisclosureChangesTable;
  storyReviews: StoryReviewsTable;
  qdaGuids: QdaGuidsTable;
  rateLimits: RateLimitsTable;
  // Capability tables are added below, one block per capability.
  // reports (issue 6)
  reports: ReportsTable;
  reportVersions: ReportVersionsTable;
  reportVersionStories: ReportVersionStoriesTable;
  reportShares: ReportSharesTable;
  reportLinks: ReportLinksTable;
  // Sensemaking (issue 4)
  codes: CodesTable;
  storyExcerpts: StoryExcerptsTable;
  mscRounds: MscRoundsTable;
  mscRoundProjects: MscRoundProjectsTable;
  mscPanelMembers: MscPanelMembersTable;
  mscPicks: MscPicksTable;
  mscSelections: MscSelectionsTable;
  // E-mail (issue 18, migration 0021)
  passwordResets: PasswordResetsTable;
  mailLog: MailLogTable;
}

/** A query over stories, already narrowed to what its reader may see (server/access.ts); read paths only narrow it further. */
export type StoryQuery = SelectQueryBuilder<DB, 'stories', {}>;

export interface PasswordResetsTable {
  id: Generated<number>;
  userId: number;
  tokenHash: string;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
}

export interface MailLogTable {
  userId: number;
  kind: string; // 'tagging-digest'
  day: string; // YYYY-MM-DD, server time
  sentAt: string;
}

export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type Project = Selectable<ProjectsTable>;
export type Area = Selectable<AreasTable>;
export type Story = Selectable<StoriesTable>;

// --- Counting (tellen): value history, import batches, hours, expenses (migration 0006) ---
export interface ImportBatchesTable {
  id: Generated<number>;
  kind: 'csv' | 'cbs';
  checksum: string;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  createdBy: number;
  createdAt: Default<string>;
}

export interface IndicatorValueHistoryTable {
  id: Generated<number>;
  indicatorId: number;
  period: string;
  /** 0 = all areas */
  areaId: Default<number>;
  /** 0 when this change created the value */
  existed: number;
  oldValue: number | null;
  newValue: number | null;
  oldNote: string | null;
  newNote: string | null;
  changedBy: number | null;
  batchId: number | null;
  changedAt: Default<string>;
}

export interface HoursTable {
  id: Generated<number>;
  projectId: number;
  userId: number;
  date: string;
  hours: number;
  phase: Phase;
  activity: string;
  createdAt: Default<string>;
}

export interface ExpensesTable {
  id: Generated<number>;
  projectId: number;
  date: string;
  amountCents: number;
  description: string;
  category: string | null;
  enteredBy: number;
  createdAt: Default<string>;
}

// ---- Sensemaking (issue 4): codebook, excerpt coding, Most Significant Change ----

/** IATI result types: 1 output, 2 outcome, 3 impact. */
export const iatiResultType: Record<OutcomeLevel, 1 | 2 | 3> = { output: 1, outcome: 2, impact: 3 };
export type ExcerptStatus = 'ok' | 'moved' | 'stale';

export interface CodesTable {
  id: Generated<number>;
  name: string;
  description: Default<string>;
  createdBy: number | null;
  createdAt: Default<string>;
}

export interface StoryExcerptsTable {
  id: Generated<number>;
  storyId: number;
  /** character offsets into stories.body_text, end exclusive */
  startOffset: number;
  endOffset: number;
  quote: string;
  outcomeId: number | null;
  variableId: number | null;
  position: number | null;
  codeId: number | null;
  note: Default<string>;
  status: Default<ExcerptStatus>;
  byUser: number | null;
  createdAt: Default<string>;
  updatedAt: Default<string>;
}

export interface MscRoundsTable {
  id: Generated<number>;
  domain: string;
  description: Default<string>;
  periodFrom: string;
  periodTo: string;
  status: Default<'open' | 'closed'>;
  createdBy: number | null;
  createdAt: Default<string>;
  closedAt: string | null;
  fedBackAt: string | null;
}

export interface MscRoundProjectsTable {
  roundId: number;
  projectId: number;
}

export interface MscPanelMembersTable {
  roundId: number;
  userId: number;
}

export interface MscPicksTable {
  roundId: number;
  userId: number;
  storyId: number;
  reason: string;
  at: Default<string>;
}

export interface MscSelectionsTable {
  id: Generated<number>;
  roundId: number;
  storyId: number;
  userId: number | null;
  reason: string;
}

// --- Performance (migration 0009)

/** One row (id 1): a counter that triggers bump whenever a story's consent, withdrawal or existence, or a teller's age flag, changes. */
export interface DisclosureChangesTable {
  id: number;
  n: number;
}

// --- REFI-QDA exchange (migration 0017b) ---

/** The GUID an exported thing carries in .qdpx files; `entity` is 'kind:id', e.g. 'story:12'. */
export interface QdaGuidsTable {
  guid: string;
  entity: string;
  createdAt: string;
}

// --- Report versions of stories (migration 0015, issue 13)

/**
 * The reviewed copy of a story that readers beyond the team get. Current while the story's
 * `reviewedRev` equals its `textRev` (its title and text are still the ones reviewed);
 * stale (the story stays inside) once the story's title or text changed.
 */
export interface StoryReviewsTable {
  storyId: number;
  title: string;
  bodyJson: string;
  bodyHtml: string;
  bodyText: string;
  /** sha256 (hex) of the reviewed title and text */
  textHash: string;
  reviewedBy: number | null;
  reviewedAt: string;
}
