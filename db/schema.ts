// Database types, one entry point: every table's interface lives in db/schema/, one file per
// capability (people, projects, stories, sensemaking, counting, reports), and is re-exported here
// with the enumerations, so code imports them all from db/schema.ts. This file declares the one
// `DB` interface, the row types and StoryQuery. Property names are camelCase: Kysely's
// CamelCasePlugin maps them to the snake_case columns the migrations create.
import type { Insertable, Selectable, SelectQueryBuilder, Updateable } from 'kysely';

import type { OutcomeLevel } from './domain/enums.js';
import type {
  ExpensesTable,
  HoursTable,
  ImportBatchesTable,
  IndicatorsTable,
  IndicatorTargetsTable,
  IndicatorValueHistoryTable,
  IndicatorValuesTable,
} from './schema/counting.js';
import type { AuditLogTable, MailLogTable, PasswordResetsTable, RateLimitsTable, SessionsTable, SetupTokensTable, UsersTable } from './schema/people.js';
import type {
  AreasTable,
  OrganisationLogoTable,
  OrganisationSettingsTable,
  ProjectAreasTable,
  ProjectMembersTable,
  ProjectsTable,
  PublicLinksTable,
} from './schema/projects.js';
import type { ReportLinksTable, ReportSharesTable, ReportsTable, ReportVersionsTable, ReportVersionStoriesTable } from './schema/reports.js';
import type {
  ClimateVariablesTable,
  CodesTable,
  MscPanelMembersTable,
  MscPicksTable,
  MscRoundProjectsTable,
  MscRoundsTable,
  MscSelectionsTable,
  OutcomeLibraryTable,
  OutcomesTable,
  ProjectClimateVariablesTable,
  QdaGuidsTable,
  StoryExcerptsTable,
  StoryOutcomesTable,
  StoryPlacementsTable,
} from './schema/sensemaking.js';
import type { DisclosureChangesTable, StoriesTable, StoryConsentsTable, StoryMediaTable, StoryReviewsTable, TellersTable } from './schema/stories.js';

// The enumerations live in db/domain/enums.ts; re-exported here for the code that reads them with the tables.
export * from './domain/enums.js';
// The tables, by capability.
export type * from './schema/people.js';
export type * from './schema/projects.js';
export type * from './schema/stories.js';
export type * from './schema/sensemaking.js';
export type * from './schema/counting.js';
export type * from './schema/reports.js';

/** Every table, in one interface (declared once; a capability's tables in its block, from its file in db/schema/). */
export interface DB {
  // people.ts
  users: UsersTable;
  sessions: SessionsTable;
  setupTokens: SetupTokensTable;
  auditLog: AuditLogTable;
  rateLimits: RateLimitsTable;
  // E-mail (issue 18, migration 0021)
  passwordResets: PasswordResetsTable;
  mailLog: MailLogTable;
  // projects.ts
  organisationLogo: OrganisationLogoTable;
  organisationSettings: OrganisationSettingsTable;
  areas: AreasTable;
  projects: ProjectsTable;
  projectAreas: ProjectAreasTable;
  projectMembers: ProjectMembersTable;
  publicLinks: PublicLinksTable;
  // stories.ts
  tellers: TellersTable;
  stories: StoriesTable;
  storyMedia: StoryMediaTable;
  storyConsents: StoryConsentsTable;
  storyReviews: StoryReviewsTable;
  disclosureChanges: DisclosureChangesTable;
  // sensemaking.ts (issue 4)
  climateVariables: ClimateVariablesTable;
  projectClimateVariables: ProjectClimateVariablesTable;
  storyPlacements: StoryPlacementsTable;
  outcomeLibrary: OutcomeLibraryTable;
  outcomes: OutcomesTable;
  storyOutcomes: StoryOutcomesTable;
  codes: CodesTable;
  storyExcerpts: StoryExcerptsTable;
  mscRounds: MscRoundsTable;
  mscRoundProjects: MscRoundProjectsTable;
  mscPanelMembers: MscPanelMembersTable;
  mscPicks: MscPicksTable;
  mscSelections: MscSelectionsTable;
  qdaGuids: QdaGuidsTable;
  // counting.ts
  indicators: IndicatorsTable;
  indicatorTargets: IndicatorTargetsTable;
  indicatorValues: IndicatorValuesTable;
  importBatches: ImportBatchesTable;
  indicatorValueHistory: IndicatorValueHistoryTable;
  hours: HoursTable;
  expenses: ExpensesTable;
  // reports.ts (issue 6)
  reports: ReportsTable;
  reportVersions: ReportVersionsTable;
  reportVersionStories: ReportVersionStoriesTable;
  reportShares: ReportSharesTable;
  reportLinks: ReportLinksTable;
}

/** A query over stories, already narrowed to what its reader may see (server/access.ts); read paths only narrow it further. */
export type StoryQuery = SelectQueryBuilder<DB, 'stories', {}>;

export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type Project = Selectable<ProjectsTable>;
export type Area = Selectable<AreasTable>;
export type Story = Selectable<StoriesTable>;

/** IATI result types: 1 output, 2 outcome, 3 impact. */
export const iatiResultType: Record<OutcomeLevel, 1 | 2 | 3> = { output: 1, outcome: 2, impact: 3 };
