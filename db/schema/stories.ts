// Stories and who told them: tellers, stories, their consents, media and reviewed copies, and the
// counter of disclosure changes. Declared in db/schema.ts's `DB`.
import type { Generated } from 'kysely';

import type { ConsentChannel, ConsentGiver, ConsentLevel, Phase, StorySource } from '../domain/enums.js';
import type { Default } from './columns.js';

export interface TellersTable {
  id: Generated<number>;
  kind: 'resident' | 'worker';
  displayName: string | null;
  userId: number | null;
  contact: string | null;
  under16: Default<number>;
  createdAt: Default<string>;
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

// --- Performance (migration 0009)

/** One row (id 1): a counter that triggers bump whenever a story's consent, withdrawal or existence, or a teller's age flag, changes. */
export interface DisclosureChangesTable {
  id: number;
  n: number;
}
