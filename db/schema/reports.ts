// Reports (issue 6): reports, their published versions and the stories each version holds, shares
// with users and read links. Declared in db/schema.ts's `DB`.
import type { Generated } from 'kysely';

import type { ReportAudience } from '../domain/enums.js';
import type { Default } from './columns.js';

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
