import { messages } from './i18n.js';
import { outcomeLevelTitles, outcomeLevelWords } from '../db/domain/enums.js';
// Shapes of the sensemaking API as the web pages use them.
export type Level = 'output' | 'outcome' | 'impact';
export type Outcome = {
  id: number;
  projectId: number;
  libraryId: number | null;
  parentId: number | null;
  level: Level;
  iatiType: number;
  title: string;
  description: string;
  sort: number;
  archivedAt: string | null;
};
export type LibraryOutcome = { id: number; level: Level; iatiType: number; title: string; description: string };
export type Variable = {
  id: number;
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
  sort: number;
  retiredAt: string | null;
};
export type Tags = {
  outcomes: { outcomeId: number; title: string; level: string; note: string; status: 'accepted' | 'suggested'; byName: string | null }[];
  placements: { variableId: number; source: 'teller' | 'coordinator'; position: number | null; status: 'accepted' | 'suggested' }[];
};
export type InboxStory = {
  id: number;
  projectId: number;
  projectName: string;
  areaName: string | null;
  title: string;
  bodyText: string;
  happenedOn: string | null;
  consent: string;
  createdAt: string;
  state: 'untagged' | 'suggested' | 'tagged';
  suggestions: Tags | null;
  tellerPlacements: { variableId: number; position: number | null }[];
};
export type Distribution = { n: number; notApplicable: number; mean: number | null; median: number | null; bins: number[]; spread: [number, number][] };
export type Code = { id: number; name: string; description: string; uses: number };
export type Excerpt = {
  id: number;
  start: number;
  end: number;
  quote: string;
  outcomeId: number | null;
  outcomeTitle: string | null;
  variableId: number | null;
  variableNameNl: string | null;
  variableNameEn: string | null;
  position: number | null;
  codeId: number | null;
  codeName: string | null;
  note: string;
  status: 'ok' | 'moved' | 'stale';
};

/** An outcome's level in running text, in the UI's language. */
export const levelName = messages(outcomeLevelWords);
/** The level as a heading or a label starts with a capital. */
export const levelTitle = messages(outcomeLevelTitles);
