// Hours and expenses of a project, and the budget summary of hours and money used against the plan.
import type { Kysely } from 'kysely';
import { boundDate } from '../../domain/periods.js';
import type { DB, Phase } from '../../schema.js';
import { phases } from '../../schema.js';

export async function listHours(db: Kysely<DB>, projectId: number, range: { from?: string; to?: string } = {}) {
  let q = db
    .selectFrom('hours as h')
    .innerJoin('users as u', 'u.id', 'h.userId')
    .select(['h.id', 'h.date', 'h.hours', 'h.phase', 'h.activity', 'h.userId', 'u.name as userName', 'h.createdAt'])
    .where('h.projectId', '=', projectId);
  if (range.from) q = q.where('h.date', '>=', range.from);
  if (range.to) q = q.where('h.date', '<=', range.to);
  const entries = await q.orderBy('h.date', 'desc').orderBy('h.id', 'desc').execute();
  const byPhase = Object.fromEntries(phases.map((p) => [p, 0])) as Record<Phase, number>;
  const workers = new Map<number, { userId: number; name: string; hours: number }>();
  let total = 0;
  for (const e of entries) {
    total += e.hours;
    byPhase[e.phase] += e.hours;
    const w = workers.get(e.userId) ?? { userId: e.userId, name: e.userName, hours: 0 };
    w.hours += e.hours;
    workers.set(e.userId, w);
  }
  return {
    entries,
    totals: {
      hours: round(total),
      byPhase: mapValues(byPhase, round),
      byWorker: [...workers.values()].map((w) => ({ ...w, hours: round(w.hours) })).sort((a, b) => a.name.localeCompare(b.name)),
    },
  };
}

export async function insertHours(db: Kysely<DB>, input: { projectId: number; userId: number; date: string; hours: number; phase: Phase; activity: string }) {
  return db.insertInto('hours').values(input).returning(['id']).executeTakeFirstOrThrow();
}

export async function listExpenses(db: Kysely<DB>, projectId: number, range: { from?: string; to?: string } = {}) {
  let q = db
    .selectFrom('expenses as e')
    .innerJoin('users as u', 'u.id', 'e.enteredBy')
    .select(['e.id', 'e.date', 'e.amountCents', 'e.description', 'e.category', 'e.enteredBy', 'u.name as enteredByName', 'e.createdAt'])
    .where('e.projectId', '=', projectId);
  if (range.from) q = q.where('e.date', '>=', range.from);
  if (range.to) q = q.where('e.date', '<=', range.to);
  const rows = await q.orderBy('e.date', 'desc').orderBy('e.id', 'desc').execute();
  const byCategory = new Map<string, number>();
  let cents = 0;
  for (const r of rows) {
    cents += r.amountCents;
    byCategory.set(r.category ?? '', (byCategory.get(r.category ?? '') ?? 0) + r.amountCents);
  }
  return {
    entries: rows.map(({ amountCents, ...r }) => ({ ...r, amount: amountCents / 100 })),
    totals: {
      amount: cents / 100,
      byCategory: [...byCategory].map(([category, c]) => ({ category: category || null, amount: c / 100 })).sort((a, b) => b.amount - a.amount),
    },
  };
}

export async function insertExpense(
  db: Kysely<DB>,
  input: { projectId: number; date: string; amountCents: number; description: string; category: string | null; enteredBy: number },
) {
  return db.insertInto('expenses').values(input).returning(['id']).executeTakeFirstOrThrow();
}

const round = (n: number) => Math.round(n * 100) / 100;
const mapValues = <K extends string>(o: Record<K, number>, f: (n: number) => number) =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [k, f(v as number)])) as Record<K, number>;

/** used against planned: remaining and percentage are null without a plan. */
function usage(used: number, planned: number | null) {
  return {
    used: round(used),
    planned,
    remaining: planned === null ? null : round(planned - used),
    percentage: planned ? Math.round((used / planned) * 1000) / 10 : null,
  };
}

/**
 * Hours and money used against each project's plan (projects.budget_hours, budget_cents), in hours
 * and euros. `from`/`to` (dates or periods) narrow what counts as used; the plan is the whole plan.
 */
export async function budgetSummary(db: Kysely<DB>, projectIds: number[], range: { from?: string; to?: string } = {}) {
  if (!projectIds.length) return [];
  const from = boundDate(range.from, 'from');
  const to = boundDate(range.to, 'to');
  const projects = await db.selectFrom('projects').select(['id', 'name', 'budgetHours', 'budgetCents']).where('id', 'in', projectIds).orderBy('name').execute();
  let hq = db
    .selectFrom('hours')
    .select(['projectId', 'phase', (eb) => eb.fn.sum<number>('hours').as('hours')])
    .where('projectId', 'in', projectIds)
    .groupBy(['projectId', 'phase']);
  let eq = db
    .selectFrom('expenses')
    .select(['projectId', (eb) => eb.fn.sum<number>('amountCents').as('cents')])
    .where('projectId', 'in', projectIds)
    .groupBy('projectId');
  if (from) {
    hq = hq.where('date', '>=', from);
    eq = eq.where('date', '>=', from);
  }
  if (to) {
    hq = hq.where('date', '<=', to);
    eq = eq.where('date', '<=', to);
  }
  const [hours, money] = await Promise.all([hq.execute(), eq.execute()]);
  return projects.map((p) => {
    const mine = hours.filter((h) => h.projectId === p.id);
    const byPhase = Object.fromEntries(phases.map((ph) => [ph, round(Number(mine.find((h) => h.phase === ph)?.hours ?? 0))])) as Record<Phase, number>;
    const usedHours = mine.reduce((s, h) => s + Number(h.hours), 0);
    const usedCents = Number(money.find((m) => m.projectId === p.id)?.cents ?? 0);
    const m = usage(usedCents / 100, p.budgetCents === null ? null : p.budgetCents / 100);
    return {
      projectId: p.id,
      name: p.name,
      from: from ?? null,
      to: to ?? null,
      hours: { ...usage(usedHours, p.budgetHours), byPhase },
      money: { usedEuros: m.used, plannedEuros: m.planned, remainingEuros: m.remaining, percentage: m.percentage },
    };
  });
}

export const findHours = (db: Kysely<DB>, projectId: number, id: number) =>
  db.selectFrom('hours').selectAll().where('id', '=', id).where('projectId', '=', projectId).executeTakeFirst();

export async function deleteHours(db: Kysely<DB>, id: number): Promise<void> {
  await db.deleteFrom('hours').where('id', '=', id).execute();
}

export const findExpense = (db: Kysely<DB>, projectId: number, id: number) =>
  db.selectFrom('expenses').selectAll().where('id', '=', id).where('projectId', '=', projectId).executeTakeFirst();

export async function deleteExpense(db: Kysely<DB>, id: number): Promise<void> {
  await db.deleteFrom('expenses').where('id', '=', id).execute();
}
