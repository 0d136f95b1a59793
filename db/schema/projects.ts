// Projects and the places they work in: areas (gemeente, wijk, buurt), projects, their areas and
// members, the public links residents tell their stories through, and the organisation's logo and name.
// Declared in db/schema.ts's `DB`.
import type { Generated } from 'kysely';

import type { AreaKind, Phase } from '../domain/enums.js';
import type { Default } from './columns.js';

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

/** The organisation's own settings: one row (id 1, migration 0029); name null = ORG_NAME, else none. */
export interface OrganisationSettingsTable {
  id: number;
  name: string | null;
  updatedAt: string;
  updatedBy: number | null;
}
