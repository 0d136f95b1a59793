// Report sections whose data belongs to other capabilities: Most Significant Change
// (sensemaking), hours, expenses and activities (counting). Each is one small function. Where
// the capability's tables are not installed, the section says `included: false` and the report
// says it is not yet included — it never invents figures.
import type { Kysely } from 'kysely';
import type { DB, Phase } from '../../db/schema.js';

const installed = new WeakMap<object, Set<string>>();
async function hasTable(db: Kysely<DB>, name: string): Promise<boolean> {
  let tables = installed.get(db);
  if (!tables) {
    tables = new Set((await db.introspection.getTables()).map((t) => t.name));
    installed.set(db, tables);
  }
  return tables.has(name);
}

export type MscSelection = { storyId: number; domain: string; reason: string; selectedAt: string | null };
export type MscSection = { included: false } | { included: true; selections: (MscSelection | { storyId: number; withdrawn: true })[] };

/**
 * Most Significant Change selections (closed rounds, every reason given) among the given
 * stories — the outcome's stories this report may show, so consent is already applied.
 */
export async function mscSelections(db: Kysely<DB>, opts: { outcomeId: number; storyIds: number[] }): Promise<MscSection> {
  if (!(await hasTable(db, 'msc_selections'))) return { included: false };
  if (!opts.storyIds.length) return { included: true, selections: [] };
  // The sensemaking tables are typed in its own block of db/schema.ts; read them untyped here so
  // this module compiles with or without that capability.
  const loose = db as unknown as Kysely<any>;
  const rows: { storyId: number; domain: string; reason: string; selectedAt: string | null }[] = await loose
    .selectFrom('mscSelections as s')
    .innerJoin('mscRounds as r', 'r.id', 's.roundId')
    .select(['s.storyId as storyId', 'r.domain as domain', 's.reason as reason', 'r.closedAt as selectedAt'])
    .where('s.storyId', 'in', opts.storyIds)
    .where('r.status', '=', 'closed')
    .orderBy('r.closedAt')
    .orderBy('s.id')
    .execute();
  return { included: true, selections: rows };
}

export type Resources = {
  /** planned: the projects' budgets (budget_hours, budget_cents) for the whole project */
  planHours: number | null;
  planEuros: number | null;
  /** spent within the report period (counting: hours, expenses) */
  actualHours: number | null;
  actualEuros: number | null;
  actualIncluded: boolean;
  projects: { id: number; name: string; planHours: number | null; planEuros: number | null; actualHours: number | null; actualEuros: number | null }[];
};

const sum = (xs: (number | null)[]) => (xs.some((x) => x != null) ? xs.reduce<number>((a, b) => a + (b ?? 0), 0) : null);
const round2 = (n: number) => Math.round(n * 100) / 100;

/** Hours and money against the plan, per project and in total. */
export async function resources(db: Kysely<DB>, opts: { projectIds: number[]; from: string; to: string }): Promise<Resources> {
  const projects = opts.projectIds.length
    ? await db.selectFrom('projects').select(['id', 'name', 'budgetHours', 'budgetCents']).where('id', 'in', opts.projectIds).orderBy('name').execute()
    : [];
  const included = (await hasTable(db, 'hours')) && (await hasTable(db, 'expenses'));
  let hours: { projectId: number; total: number }[] = [];
  let cents: { projectId: number; total: number }[] = [];
  if (included && projects.length) {
    const ids = projects.map((p) => p.id);
    [hours, cents] = await Promise.all([
      db
        .selectFrom('hours')
        .select((eb) => ['projectId', eb.fn.sum<number>('hours').as('total')])
        .where('projectId', 'in', ids)
        .where('date', '>=', opts.from)
        .where('date', '<=', opts.to)
        .groupBy('projectId')
        .execute(),
      db
        .selectFrom('expenses')
        .select((eb) => ['projectId', eb.fn.sum<number>('amountCents').as('total')])
        .where('projectId', 'in', ids)
        .where('date', '>=', opts.from)
        .where('date', '<=', opts.to)
        .groupBy('projectId')
        .execute(),
    ]);
  }
  const rows = projects.map((p) => ({
    id: p.id,
    name: p.name,
    planHours: p.budgetHours,
    planEuros: p.budgetCents == null ? null : p.budgetCents / 100,
    actualHours: included ? round2(Number(hours.find((h) => h.projectId === p.id)?.total ?? 0)) : null,
    actualEuros: included ? Number(cents.find((c) => c.projectId === p.id)?.total ?? 0) / 100 : null,
  }));
  return {
    planHours: sum(rows.map((r) => r.planHours)),
    planEuros: sum(rows.map((r) => r.planEuros)),
    actualHours: included ? sum(rows.map((r) => r.actualHours)) ?? 0 : null,
    actualEuros: included ? sum(rows.map((r) => r.actualEuros)) ?? 0 : null,
    actualIncluded: included,
    projects: rows,
  };
}

export type ActivitiesByPhase = { included: false } | { included: true; counts: Partial<Record<Phase, { activities: number; hours: number }>> };

/** Activities (distinct activities in the hours register) and hours per phase within the period. */
export async function activitiesByPhase(db: Kysely<DB>, opts: { projectIds: number[]; from: string; to: string }): Promise<ActivitiesByPhase> {
  if (!(await hasTable(db, 'hours'))) return { included: false };
  if (!opts.projectIds.length) return { included: true, counts: {} };
  const rows = await db
    .selectFrom('hours')
    .select((eb) => ['phase', eb.fn.count<number>('activity').distinct().as('activities'), eb.fn.sum<number>('hours').as('hours')])
    .where('projectId', 'in', opts.projectIds)
    .where('date', '>=', opts.from)
    .where('date', '<=', opts.to)
    .groupBy('phase')
    .execute();
  return { included: true, counts: Object.fromEntries(rows.map((r) => [r.phase, { activities: Number(r.activities), hours: round2(Number(r.hours)) }])) };
}
