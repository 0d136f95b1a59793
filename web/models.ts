// Shapes of the foundation's API answers, as the web app uses them.
import type { Role } from './routes.js';

export type Phase = 'ZIEN' | 'DENKEN' | 'DOEN' | 'VINDEN';
export const phases: Phase[] = ['ZIEN', 'DENKEN', 'DOEN', 'VINDEN'];
export type AreaKind = 'gemeente' | 'wijk' | 'buurt';
export const areaKinds: AreaKind[] = ['gemeente', 'wijk', 'buurt'];

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
  members: Member[];
  createdAt: string;
};
export type AdminUser = { id: number; email: string; name: string; role: Role; locale: string; disabledAt: string | null; createdAt: string };

export const isStaff = (role: Role | undefined) => role === 'admin' || role === 'coordinator';
