// Sensemaking (issue 4): the climate variables stories are placed on, the outcomes they are tagged
// with, the codebook and excerpt coding, Most Significant Change rounds, and the GUIDs of the
// REFI-QDA exchange. Declared in db/schema.ts's `DB`.
import type { Generated } from 'kysely';

import type { OutcomeLevel, TagStatus } from '../domain/enums.js';
import type { Default } from './columns.js';

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

// ---- Codebook, excerpt coding, Most Significant Change ----

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

// --- REFI-QDA exchange (migration 0017b) ---

/** The GUID an exported thing carries in .qdpx files; `entity` is 'kind:id', e.g. 'story:12'. */
export interface QdaGuidsTable {
  guid: string;
  entity: string;
  createdAt: string;
}
