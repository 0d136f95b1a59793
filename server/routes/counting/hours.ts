import { createRoute, z } from '@hono/zod-openapi';
import { dateString, isFuture } from '../../fields.js';
import type { Context } from 'hono';
import type { Kysely } from 'kysely';
import {
  budgetSummary,
  insertExpense,
  insertHours,
  listExpenses,
  listHours,
  findHours,
  deleteHours,
  findExpense,
  deleteExpense,
} from '../../../db/repositories/counting.js';
import { phases, type DB } from '../../../db/schema.js';
import { assertProjectVisible, assertProjectWritable, isStaff } from '../../access.js';
import { audit } from '../../audit.js';
import { requireRole, team } from '../../auth/guard.js';
import { boundDate } from '../../../db/domain/periods.js';
import { HOURS } from '../../../db/domain/numbers.js';
import { forbidden, invalid, notFound } from '../../errors.js';
import { body, cookieAuth, errors, idParam, json, router, inTransaction, pathId } from '../../openapi.js';
import type { AppEnv } from '../../types.js';

const range = z.object({
  from: z.string().max(20).optional().openapi({ description: 'A date (YYYY-MM-DD) or period (2026, 2026-Q1, 2026-03)' }),
  to: z.string().max(20).optional().openapi({ description: 'A date (YYYY-MM-DD) or period' }),
});

const HoursEntry = z
  .object({
    id: z.number(),
    date: z.string(),
    hours: z.number(),
    phase: z.enum(phases),
    activity: z.string(),
    userId: z.number(),
    userName: z.string(),
    createdAt: z.string(),
  })
  .openapi('HoursEntry');
const HoursList = z
  .object({
    entries: z.array(HoursEntry),
    totals: z.object({
      hours: z.number(),
      byPhase: z.object(Object.fromEntries(phases.map((p) => [p, z.number()])) as Record<(typeof phases)[number], z.ZodNumber>),
      byWorker: z.array(z.object({ userId: z.number(), name: z.string(), hours: z.number() })),
    }),
  })
  .openapi('HoursList');
const NewHours = z
  .strictObject({
    date: dateString,
    hours: z.number().positive(HOURS.range.reason).max(HOURS.max, HOURS.range.reason).multipleOf(HOURS.step, HOURS.quarter.reason),
    phase: z.enum(phases),
    activity: z.string().trim().min(1).max(200),
  })
  .openapi('NewHours');
const Expense = z
  .object({
    id: z.number(),
    date: z.string(),
    amount: z.number().openapi({ description: 'Euros' }),
    description: z.string(),
    category: z.string().nullable(),
    enteredBy: z.number(),
    enteredByName: z.string(),
    createdAt: z.string(),
  })
  .openapi('Expense');
const ExpenseList = z
  .object({
    entries: z.array(Expense),
    totals: z.object({ amount: z.number(), byCategory: z.array(z.object({ category: z.string().nullable(), amount: z.number() })) }),
  })
  .openapi('ExpenseList');
const NewExpense = z
  .strictObject({
    date: dateString,
    amount: z.number().positive().max(10_000_000).openapi({ description: 'Euros, at most two decimals' }),
    description: z.string().trim().min(1).max(300),
    category: z.string().trim().max(100).nullable().optional(),
  })
  .openapi('NewExpense');
const Usage = { used: z.number(), planned: z.number().nullable(), remaining: z.number().nullable(), percentage: z.number().nullable() };
const Budget = z
  .object({
    projectId: z.number(),
    name: z.string(),
    from: z.string().nullable(),
    to: z.string().nullable(),
    hours: z.object({ ...Usage, byPhase: HoursList.shape.totals.shape.byPhase }),
    money: z.object({ usedEuros: z.number(), plannedEuros: z.number().nullable(), remainingEuros: z.number().nullable(), percentage: z.number().nullable() }),
  })
  .openapi('BudgetSummary');

/** Dates in the future are plans, not hours worked or money spent (one day of slack for time zones). */
function notFuture(d: string, field: string) {
  if (isFuture(d))
    throw invalid('Datum ligt in de toekomst / Date is in the future', [
      { field, message: 'Deze datum ligt in de toekomst. Kies vandaag of een eerdere dag. / This date is in the future. Choose today or an earlier day.' },
    ]);
}

const notADate =
  'Dit is geen datum of periode. Schrijf bijvoorbeeld 2026-03-15 of 2026-Q1. / This is not a date or period. Write for example 2026-03-15 or 2026-Q1.';

function dates(q: { from?: string; to?: string }) {
  const from = boundDate(q.from, 'from');
  const to = boundDate(q.to, 'to');
  if (q.from && !from) throw invalid('De begindatum is geen datum / The start date is not a date', [{ field: 'from', message: notADate }]);
  if (q.to && !to) throw invalid('De einddatum is geen datum / The end date is not a date', [{ field: 'to', message: notADate }]);
  return { from, to };
}

const entryParams = idParam.extend({
  entryId: pathId('entryId'),
});

/** An entry of a project's ledger as the remove rule needs it: who entered it, and what to audit. */
type LedgerEntry = { owner: number; details: Record<string, unknown> };
type Ledger = {
  find: (tx: Kysely<DB>, projectId: number, entryId: number) => Promise<LedgerEntry | undefined>;
  remove: (tx: Kysely<DB>, entryId: number) => Promise<unknown>;
  action: string;
  notYours: string;
};

/** Removes a mistaken hours or expense entry: the one who entered it may, staff may remove any; audited. */
async function removeEntry(c: Context<AppEnv>, { id, entryId }: { id: number; entryId: number }, ledger: Ledger) {
  const user = requireRole(c, ...team);
  await inTransaction(c, async (tx) => {
    await assertProjectWritable(tx, user, id);
    const entry = await ledger.find(tx, id, entryId);
    if (!entry) throw notFound();
    if (entry.owner !== user.id && !isStaff(user)) throw forbidden(ledger.notYours);
    await ledger.remove(tx, entryId);
    await audit(tx, user, ledger.action, { type: 'project', id }, entry.details);
  });
  return c.body(null, 204);
}

const hoursLedger: Ledger = {
  async find(tx, projectId, entryId) {
    const e = await findHours(tx, projectId, entryId);
    return e && { owner: e.userId, details: { hoursId: entryId, date: e.date, hours: e.hours, userId: e.userId } };
  },
  remove: deleteHours,
  action: 'hours.delete',
  notYours: 'Alleen je eigen uren / Only your own hours',
};

const expensesLedger: Ledger = {
  async find(tx, projectId, entryId) {
    const e = await findExpense(tx, projectId, entryId);
    return e && { owner: e.enteredBy, details: { expenseId: entryId, date: e.date, amount: e.amountCents / 100, enteredBy: e.enteredBy } };
  },
  remove: deleteExpense,
  action: 'expense.delete',
  notYours: 'Alleen je eigen uitgaven / Only your own expenses',
};

export const hoursRoutes = router()
  .openapi(
    createRoute({
      method: 'get',
      path: '/projects/{id}/hours',
      tags: ['counting'],
      summary: 'Hours logged on a project, with totals per phase and per worker',
      security: cookieAuth,
      request: { params: idParam, query: range },
      responses: { 200: json(HoursList), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] },
    }),
    async (c) => {
      const user = requireRole(c, ...team);
      const { id } = c.req.valid('param');
      await assertProjectVisible(c.get('db'), user, id);
      return c.json(await listHours(c.get('db'), id, dates(c.req.valid('query'))), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/projects/{id}/hours',
      tags: ['counting'],
      summary: 'Log your hours on a project (its workers, staff)',
      security: cookieAuth,
      request: { params: idParam, body: body(NewHours) },
      responses: { 201: json(z.object({ entry: HoursEntry })), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] },
    }),
    async (c) => {
      const user = requireRole(c, ...team);
      const { id } = c.req.valid('param');
      const input = c.req.valid('json');
      notFuture(input.date, 'date');
      const entry = await inTransaction(c, async (tx) => {
        await assertProjectWritable(tx, user, id);
        const { id: hoursId } = await insertHours(tx, { projectId: id, userId: user.id, ...input });
        await audit(tx, user, 'hours.create', { type: 'project', id }, { hoursId, date: input.date, hours: input.hours, phase: input.phase });
        return (await listHours(tx, id)).entries.find((e) => e.id === hoursId)!;
      });
      return c.json({ entry }, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/projects/{id}/hours/{entryId}',
      tags: ['counting'],
      summary: 'Remove a mistaken hours entry (your own; staff any)',
      security: cookieAuth,
      request: { params: entryParams },
      responses: { 204: { description: 'Removed' }, 401: errors[401], 403: errors[403], 404: errors[404] },
    }),
    (c) => removeEntry(c, c.req.valid('param'), hoursLedger),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/projects/{id}/expenses',
      tags: ['counting'],
      summary: 'Money spent on a project, with totals',
      security: cookieAuth,
      request: { params: idParam, query: range },
      responses: { 200: json(ExpenseList), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] },
    }),
    async (c) => {
      const user = requireRole(c, ...team);
      const { id } = c.req.valid('param');
      await assertProjectVisible(c.get('db'), user, id);
      return c.json(await listExpenses(c.get('db'), id, dates(c.req.valid('query'))), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/projects/{id}/expenses',
      tags: ['counting'],
      summary: 'Record money spent on a project (its workers, staff)',
      security: cookieAuth,
      request: { params: idParam, body: body(NewExpense) },
      responses: { 201: json(z.object({ entry: Expense })), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] },
    }),
    async (c) => {
      const user = requireRole(c, ...team);
      const { id } = c.req.valid('param');
      const input = c.req.valid('json');
      notFuture(input.date, 'date');
      const amountCents = Math.round(input.amount * 100);
      if (Math.abs(amountCents - input.amount * 100) > 1e-6)
        throw invalid('Hoogstens twee decimalen / At most two decimals', [
          { field: 'amount', message: 'Een bedrag heeft hoogstens twee cijfers achter de komma. / An amount has at most two digits after the decimal point.' },
        ]);
      const entry = await inTransaction(c, async (tx) => {
        await assertProjectWritable(tx, user, id);
        const { id: expenseId } = await insertExpense(tx, {
          projectId: id,
          date: input.date,
          amountCents,
          description: input.description,
          category: input.category || null,
          enteredBy: user.id,
        });
        await audit(tx, user, 'expense.create', { type: 'project', id }, { expenseId, date: input.date, amount: input.amount });
        return (await listExpenses(tx, id)).entries.find((e) => e.id === expenseId)!;
      });
      return c.json({ entry }, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/projects/{id}/expenses/{entryId}',
      tags: ['counting'],
      summary: 'Remove a mistaken expense (the one who entered it; staff any)',
      security: cookieAuth,
      request: { params: entryParams },
      responses: { 204: { description: 'Removed' }, 401: errors[401], 403: errors[403], 404: errors[404] },
    }),
    (c) => removeEntry(c, c.req.valid('param'), expensesLedger),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/projects/{id}/budget',
      tags: ['counting'],
      summary: 'Hours and money used against the plan (budget hours and euros)',
      security: cookieAuth,
      request: { params: idParam, query: range },
      responses: { 200: json(z.object({ budget: Budget })), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] },
    }),
    async (c) => {
      const user = requireRole(c, ...team);
      const { id } = c.req.valid('param');
      await assertProjectVisible(c.get('db'), user, id);
      const [budget] = await budgetSummary(c.get('db'), [id], dates(c.req.valid('query')));
      return c.json({ budget: budget! }, 200);
    },
  );
