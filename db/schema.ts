// Database types, in one place. Property names are camelCase: Kysely's CamelCasePlugin maps them
// to the snake_case columns the migrations create.
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

type Default<T> = ColumnType<T, T | undefined, T>;

export const roles = ['admin', 'coordinator', 'worker', 'funder'] as const;
export type Role = (typeof roles)[number];
export const phases = ['ZIEN', 'DENKEN', 'DOEN', 'VINDEN'] as const;
export type Phase = (typeof phases)[number];
export const areaKinds = ['gemeente', 'wijk', 'buurt'] as const;
export type AreaKind = (typeof areaKinds)[number];

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

export interface DB {
  users: UsersTable;
  sessions: SessionsTable;
  setupTokens: SetupTokensTable;
  auditLog: AuditLogTable;
  areas: AreasTable;
  projects: ProjectsTable;
  projectAreas: ProjectAreasTable;
  projectMembers: ProjectMembersTable;
}

export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type Project = Selectable<ProjectsTable>;
export type Area = Selectable<AreasTable>;
