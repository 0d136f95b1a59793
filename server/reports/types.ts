// The shapes of a report: its definition (what the coordinator chose) and its data (what
// assembly produces, what a published version freezes and what render.ts, csv.ts and iati.ts read).
// Versions published earlier lack the fields marked as newer; readers treat them as optional.
import type { OutcomeLevel, Phase, ReportAudience } from '../../db/schema.js';
import type { ClimateFigure } from './suppression.js';
import type { ActivitiesByPhase, MscSection, Resources } from './sources.js';
import type { IndicatorProgress, Status } from './summary.js';

export const sectionKeys = ['indicators', 'stories', 'msc', 'climate', 'phases', 'resources'] as const;
export type SectionKey = (typeof sectionKeys)[number];

export type ReportDefinition = {
  id: number;
  title: string;
  audience: ReportAudience;
  periodFrom: string;
  periodTo: string;
  projectIds: number[];
  areaIds: number[];
  outcomeIds: number[];
  sections: SectionKey[];
  introHtml: string;
  /** per outcome: the narrative (sanitised HTML) and the chosen stories in order (null: suggested) */
  perOutcome?: { outcomeId: number; narrativeHtml: string; storyIds: number[] | null }[];
};

export type StoryOut = {
  id: number;
  title: string;
  bodyHtml: string;
  /** plain text: only in versions published before issue 12 (now derived from bodyHtml, so no text is stored twice) */
  text?: string;
  /** YYYY-MM (anonymised) or YYYY-MM-DD (named) */
  when: string;
  areaName: string | null;
  /** the teller's chosen name; only for stories with public consent */
  tellerName: string | null;
  named: boolean;
  note: string;
  /** sha256 of the reviewed report version shown (versions published before reviews lack it) */
  reviewHash?: string;
  /** the photo the teller let into reports (photos.ts); versions before issue 14 lack it */
  photo?: { id: number };
};
export type WithdrawnStory = { id: number; withdrawn: true };

export type IndicatorPeriod = { period: string; start: string; end: string; target: number | null; actual: number | null };
export type IndicatorArea = { id: number; name: string; periods: IndicatorPeriod[] };
export type IndicatorOut = {
  id: number;
  name: string;
  description: string;
  unit: string;
  measure: string;
  direction: 'higher' | 'lower';
  baseline: { value: number; period: string | null } | null;
  periods: IndicatorPeriod[];
  /** Per-area figures of an indicator counted per area (versions published before these existed lack it). */
  areas?: IndicatorArea[];
};

export type OutcomeOut = {
  id: number;
  projectId: number;
  projectName: string;
  level: OutcomeLevel;
  title: string;
  description: string;
  indicators: IndicatorOut[];
  /** the chosen stories printed in full here (each story is printed in full once in a report) */
  stories: (StoryOut | WithdrawnStory)[];
  msc: MscSection;
  /** the coordinator's narrative ("wat we zien"), sanitised HTML (from issue 12 on) */
  narrativeHtml?: string;
  /** chosen stories printed in full elsewhere in the report, referred to by title */
  storyRefs?: { id: number; title: string; reviewHash?: string }[];
  /** stories tagged to the outcome that the report may show but that were not chosen */
  otherStories?: number;
  status?: Status;
};

export type ClimateVariableOut = {
  id: number;
  key: string;
  name: string;
  weak: string;
  strong: string;
  all: ClimateFigure;
  firstHalf: ClimateFigure;
  secondHalf: ClimateFigure;
  /** second half minus first half, when both halves have enough stories */
  shift: number | null;
  /** how the placements spread over five bands of 20 (0–20 … 80–100), per half; null where a half has too few stories */
  spread?: { first: number[] | null; second: number[] | null };
};

/** What the summary page counts (from issue 12 on). */
export type SummaryOut = {
  /** projectName: the outcome's project (versions published before it was kept have none) */
  outcomes: { id: number; title: string; projectName?: string; status: Status; indicators: IndicatorProgress[] }[];
  counts: {
    storiesTold: number;
    storiesReportable: number;
    tellers: number;
    areas: number;
    activities: number;
    hours: number;
    hoursPlanned: number | null;
    euros: number;
    eurosPlanned: number | null;
  };
  /** indicators of the report's projects linked to no outcome: they are in no report */
  unlinkedIndicators: { id: number; name: string; projectName?: string }[];
};

export type PhaseStory = { id: number; title: string; reviewHash?: string };
/** Stories per phase: versions from issue 12 on count them (`count`) and list none. */
export type PhaseOut = { phase: Phase | null; stories: (PhaseStory | WithdrawnStory)[]; count?: number };

export type ReportData = {
  version: 1;
  report: Omit<ReportDefinition, 'projectIds' | 'areaIds' | 'outcomeIds'>;
  projects: { id: number; name: string }[];
  areas: { id: number; name: string }[];
  assembledAt: string;
  outcomes: OutcomeOut[];
  climate: { minStories: number; split: string; variables: ClimateVariableOut[] } | null;
  phases: { stories: PhaseOut[]; activities: ActivitiesByPhase } | null;
  resources: Resources | null;
  summary?: SummaryOut;
  /** the organisation that reports (ORG_NAME), for the cover */
  organisation?: string;
  /** its logo as a data: URL (PNG), for the cover, when an admin uploaded one */
  organisationLogo?: string;
};
