// Report sections whose data belongs to other capabilities: Most Significant Change
// (sensemaking), hours, expenses and activities (counting). Each is one small function.
// (`included: false` only occurs in versions published before those capabilities existed.)
import type { Kysely } from 'kysely';
import type { DB, Phase } from '../../db/schema.js';

/**
 * One story a closed round selected, with every panel member's reason. Versions published before
 * issue 12 carry one entry per reason (`reason`) and no story; newer ones group the reasons
 * (`reasons`), name the round, and carry the story in full (`story`) unless it is printed
 * elsewhere in the report, when `title` refers to it.
 */
export type MscSelection = {
  storyId: number;
  domain: string;
  reason: string;
  selectedAt: string | null;
  roundId?: number;
  reasons?: string[];
  title?: string;
  story?: import('./types.js').StoryOut;
};
export type MscSection = { included: false } | { included: true; selections: (MscSelection | { storyId: number; withdrawn: true })[] };

/**
 * Most Significant Change selections (closed rounds, every reason given) per outcome, among each
 * outcome's `storyIds` — its accepted tags this report may show, so consent is already applied.
 * One query for all the outcomes (over the stories with an accepted tag to any of them).
 */
export async function mscSelectionsByOutcome(db: Kysely<DB>, outcomes: { outcomeId: number; storyIds: number[] }[]): Promise<Map<number, MscSection>> {
  const asked = outcomes.filter((o) => o.storyIds.length);
  const rows = asked.length
    ? await db
        .selectFrom('mscSelections as s')
        .innerJoin('mscRounds as r', 'r.id', 's.roundId')
        .select(['s.storyId as storyId', 's.roundId as roundId', 'r.domain as domain', 's.reason as reason', 'r.closedAt as selectedAt'])
        // from the selections (few) to their tags, not from the tags (thousands) to their selections
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom('storyOutcomes')
              .select('storyOutcomes.storyId')
              .whereRef('storyOutcomes.storyId', '=', 's.storyId')
              .where(
                'storyOutcomes.outcomeId',
                'in',
                asked.map((o) => o.outcomeId),
              )
              .where('storyOutcomes.status', '=', 'accepted'),
          ),
        )
        .where('r.status', '=', 'closed')
        .orderBy('r.closedAt')
        .orderBy('s.id')
        .execute()
    : [];
  return new Map(
    outcomes.map((o) => {
      const ids = new Set(o.storyIds);
      // One entry per story and round, with the panel's reasons together.
      const grouped = new Map<string, MscSelection & { reasons: string[] }>();
      for (const r of rows) {
        if (!ids.has(r.storyId)) continue;
        const key = `${r.roundId}:${r.storyId}`;
        const g = grouped.get(key);
        if (g) g.reasons.push(r.reason);
        else grouped.set(key, { ...r, reasons: [r.reason] });
      }
      return [o.outcomeId, { included: true, selections: [...grouped.values()] }];
    }),
  );
}

/** The work behind a report in numbers: distinct activities in the hours register within the period. */
export async function activityCount(db: Kysely<DB>, opts: { projectIds: number[]; from: string; to: string }): Promise<number> {
  if (!opts.projectIds.length) return 0;
  const row = await db
    .selectFrom('hours')
    .select((eb) => eb.fn.count<number>('activity').distinct().as('n'))
    .where('projectId', 'in', opts.projectIds)
    .where('date', '>=', opts.from)
    .where('date', '<=', opts.to)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
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
  let hours: { projectId: number; total: number }[] = [];
  let cents: { projectId: number; total: number }[] = [];
  if (projects.length) {
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
    actualHours: round2(Number(hours.find((h) => h.projectId === p.id)?.total ?? 0)),
    actualEuros: Number(cents.find((c) => c.projectId === p.id)?.total ?? 0) / 100,
  }));
  return {
    planHours: sum(rows.map((r) => r.planHours)),
    planEuros: sum(rows.map((r) => r.planEuros)),
    actualHours: sum(rows.map((r) => r.actualHours)) ?? 0,
    actualEuros: sum(rows.map((r) => r.actualEuros)) ?? 0,
    actualIncluded: true,
    projects: rows,
  };
}

export type ActivitiesByPhase = { included: false } | { included: true; counts: Partial<Record<Phase, { activities: number; hours: number }>> };

/** Activities (distinct activities in the hours register) and hours per phase within the period. */
export async function activitiesByPhase(db: Kysely<DB>, opts: { projectIds: number[]; from: string; to: string }): Promise<ActivitiesByPhase> {
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
