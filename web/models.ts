// Shapes of the foundation's API answers, as the web app uses them.
import type { Role } from './routes.js';

import type { AreaKind, Phase } from '../db/domain/enums.js';

export { areaKinds, phases, type AreaKind, type Phase } from '../db/domain/enums.js';

export type Area = { id: number; name: string; kind: AreaKind; cbsCode: string | null; parentId: number | null };
export type Member = { id: number; name: string; email: string; role: Role };
export type ProjectSummary = { id: number; name: string; phase: Phase; startDate: string | null; endDate: string | null; updatedAt: string; areaIds: number[] };
export type Project = ProjectSummary & {
  vraagstuk: string;
  eigenaar: string;
  betrokkenen: string;
  werkdoelen: string;
  planVanAanpak: string;
  budgetHours: number | null;
  budgetEuros: number | null;
  /** IATI sector 'vocabulary:code'; null = the organisation's */
  iatiSector: string | null;
  members: Member[];
  createdAt: string;
};
export type AdminUser = { id: number; email: string; name: string; role: Role; locale: string; disabledAt: string | null; createdAt: string };

export const isStaff = (role: Role | undefined) => role === 'admin' || role === 'coordinator';

/** Areas as a tree: each municipality, then its districts, each followed by its neighbourhoods; by name within a level. */
export function treeOrder<A extends { id: number; name: string; parentId: number | null }>(areas: A[]): { area: A; depth: number }[] {
  const ids = new Set(areas.map((a) => a.id));
  const children = (parentId: number | null) =>
    areas
      .filter((a) => (parentId === null ? a.parentId === null || !ids.has(a.parentId) : a.parentId === parentId))
      .sort((a, b) => a.name.localeCompare(b.name));
  const out: { area: A; depth: number }[] = [];
  const walk = (parentId: number | null, depth: number) => {
    for (const a of children(parentId)) {
      out.push({ area: a, depth });
      if (depth < 10) walk(a.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}
