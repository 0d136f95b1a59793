// Report sections whose data belongs to capabilities built in parallel (sensemaking: Most
// Significant Change; counting: hours, expenses, activities). Each is one small function; until its
// capability is merged it reports `included: false` and the report says the section is not yet
// included — it never invents figures.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

export type MscSelection = { storyId: number; domain: string; reason: string; selectedAt: string };
export type MscSection = { included: false } | { included: true; selections: (MscSelection | { storyId: number; withdrawn: true })[] };

/** Most Significant Change selections (with their reasons) among the given stories. */
export async function mscSelections(_db: Kysely<DB>, _opts: { outcomeId: number; storyIds: number[] }): Promise<MscSection> {
  return { included: false };
}

export type Resources = {
  /** planned: from the projects' plans (budget_hours, budget_cents) */
  planHours: number | null;
  planEuros: number | null;
  /** actual: from the counting capability (hours, expenses); null while not included */
  actualHours: number | null;
  actualEuros: number | null;
  actualIncluded: boolean;
  projects: { id: number; name: string; planHours: number | null; planEuros: number | null; actualHours: number | null; actualEuros: number | null }[];
};

/** Hours and money against the plan, per project and in total. */
export async function resources(db: Kysely<DB>, opts: { projectIds: number[]; from: string; to: string }): Promise<Resources> {
  const projects = opts.projectIds.length
    ? await db.selectFrom('projects').select(['id', 'name', 'budgetHours', 'budgetCents']).where('id', 'in', opts.projectIds).orderBy('name').execute()
    : [];
  const sum = (xs: (number | null)[]) => (xs.some((x) => x != null) ? xs.reduce<number>((a, b) => a + (b ?? 0), 0) : null);
  const rows = projects.map((p) => ({
    id: p.id,
    name: p.name,
    planHours: p.budgetHours,
    planEuros: p.budgetCents == null ? null : p.budgetCents / 100,
    actualHours: null,
    actualEuros: null,
  }));
  return {
    planHours: sum(rows.map((r) => r.planHours)),
    planEuros: sum(rows.map((r) => r.planEuros)),
    actualHours: null,
    actualEuros: null,
    actualIncluded: false,
    projects: rows,
  };
}

export type ActivitiesByPhase = { included: false } | { included: true; counts: Record<string, number> };

/** Activities per phase (ZIEN, DENKEN, DOEN, VINDEN) within the period. */
export async function activitiesByPhase(_db: Kysely<DB>, _opts: { projectIds: number[]; from: string; to: string }): Promise<ActivitiesByPhase> {
  return { included: false };
}
