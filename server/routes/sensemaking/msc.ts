// Most Significant Change: selection rounds per domain of change, panel picks with reasons,
// closing (recording the selection) and feeding the selection back to the tellers.
import { createRoute, z } from '@hono/zod-openapi';
import { dateString, idList } from '../../fields.js';
import {
  closeRound,
  getRound,
  insertRound,
  listRounds,
  markRoundFedBack,
  roundPicks,
  roundSelections,
  savePick,
} from '../../../db/repositories/sensemaking.js';
import { activeUserIds, activeUsers } from '../../../db/repositories/users.js';
import { assertMscRoundVisible, isStaff, mscCandidates, mscPicksFor, mscSelectionTitles, mscStoryFor } from '../../access.js';
import type { SessionUser } from '../../types.js';
import { audit } from '../../audit.js';
import { requireRole, staff } from '../../auth/guard.js';
import { beforeStart, conflict, forbidden, invalid, notFound } from '../../errors.js';
import { body, cookieAuth, errors, idParam, json, router, inTransaction } from '../../openapi.js';
import { assertExist } from '../../exists.js';

const anyone = ['admin', 'coordinator', 'worker', 'funder'] as const;

const Round = z
  .object({
    id: z.number(),
    domain: z.string(),
    description: z.string(),
    periodFrom: z.string(),
    periodTo: z.string(),
    status: z.enum(['open', 'closed']),
    createdBy: z.number().nullable(),
    createdAt: z.string(),
    closedAt: z.string().nullable(),
    fedBackAt: z.string().nullable(),
    projects: z.array(z.object({ id: z.number(), name: z.string() })),
    panel: z.array(z.object({ id: z.number(), name: z.string(), role: z.string() })),
  })
  .openapi('MscRound');
const Candidate = z
  .object({
    id: z.number(),
    projectId: z.number(),
    projectName: z.string(),
    areaName: z.string().nullable(),
    title: z.string(),
    bodyHtml: z.string(),
    happenedOn: z.string().nullable(),
    date: z.string(),
    consent: z.string(),
    language: z.string(),
    tellerName: z.string().nullable().openapi({ description: 'only with public consent; report consent is anonymised' }),
  })
  .openapi('MscCandidate');
const Pick = z.object({ userId: z.number(), userName: z.string(), storyId: z.number(), reason: z.string(), at: z.string() }).openapi('MscPick');
const Selection = z
  .object({
    storyId: z.number(),
    title: z.string(),
    hidden: z.boolean().openapi({ description: 'the story is not shown now (withdrawn, back to team, or its report version awaits review): no title' }),
    reasons: z.array(z.object({ reason: z.string(), by: z.string().nullable() })),
  })
  .openapi('MscSelection');
const RoundDetail = z.object({
  round: Round,
  isPanel: z.boolean(),
  candidates: z.array(Candidate),
  picks: z
    .array(Pick)
    .openapi({ description: "while the round is open, a panel member sees the others' picks only after making their own; staff off the panel see none" }),
  pickedBy: z.array(z.object({ userId: z.number(), userName: z.string(), at: z.string() })).openapi({ description: 'who has picked so far (not what)' }),
  picksHidden: z.boolean().openapi({ description: 'picks of others exist that this reader may not see yet' }),
  myPick: Pick.nullable(),
  selections: z.array(Selection),
});

const RoundBody = z
  .strictObject({
    domain: z.string().trim().min(1).max(300).openapi({ description: 'the domain of change, e.g. "Meedoen in de buurt"' }),
    description: z.string().max(5000).optional(),
    periodFrom: dateString,
    periodTo: dateString,
    projectIds: idList(200).min(1),
    panelUserIds: idList(100).min(1),
  })
  .openapi('NewMscRound');

/** A round as this reader may see it now: candidates and selected titles by today's consent, withdrawal and review. */
async function detail(db: Parameters<typeof getRound>[0], roundId: number, user: SessionUser, isPanel: boolean) {
  const round = (await getRound(db, roundId))!;
  const [candidates, picks, selections] = await Promise.all([mscCandidates(db, round), roundPicks(db, roundId), roundSelections(db, roundId)]);
  const titles = await mscSelectionTitles(
    db,
    user,
    selections.map((s) => s.storyId),
  );
  return {
    round,
    isPanel,
    candidates: candidates.map((c) => {
      const { under16: _u, ...shown } = mscStoryFor(user, c);
      return shown;
    }),
    ...mscPicksFor(user, round, isPanel, picks),
    myPick: picks.find((p) => p.userId === user.id) ?? null,
    selections: selections.map((s) => ({ ...s, title: titles.get(s.storyId) ?? '', hidden: titles.get(s.storyId) == null })),
  };
}

export const mscRoutes = router()
  .openapi(
    createRoute({
      method: 'get',
      path: '/msc-panel-candidates',
      tags: ['msc'],
      summary: 'People who can sit on a panel: every active user (coordinator, admin)',
      security: cookieAuth,
      responses: {
        200: json(z.object({ users: z.array(z.object({ id: z.number(), name: z.string(), role: z.string() })) })),
        401: errors[401],
        403: errors[403],
      },
    }),
    async (c) => {
      requireRole(c, ...staff);
      return c.json({ users: await activeUsers(c.get('db')) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/msc-rounds',
      tags: ['msc'],
      summary: 'Most Significant Change rounds: all for staff, the rounds you sit on as panel member otherwise',
      security: cookieAuth,
      responses: { 200: json(z.object({ rounds: z.array(Round) })), 401: errors[401] },
    }),
    async (c) => {
      const user = requireRole(c, ...anyone);
      return c.json({ rounds: await listRounds(c.get('db'), isStaff(user) ? null : user.id) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/msc-rounds',
      tags: ['msc'],
      summary: 'Open a selection round: domain of change, period, projects, panel members (coordinator, admin)',
      security: cookieAuth,
      request: { body: body(RoundBody) },
      responses: { 201: json(z.object({ round: Round })), 400: errors[400], 401: errors[401], 403: errors[403] },
    }),
    async (c) => {
      const user = requireRole(c, ...staff);
      const input = c.req.valid('json');
      if (input.periodTo < input.periodFrom)
        throw invalid('Einddatum ligt voor de startdatum / End date is before start date', [{ field: 'periodTo', message: beforeStart }]);
      const projectIds = [...new Set(input.projectIds)];
      const panelUserIds = [...new Set(input.panelUserIds)];
      const round = await inTransaction(c, async (tx) => {
        await assertExist(tx, 'projects', projectIds, 'projectIds');
        const users = await activeUserIds(tx, panelUserIds);
        const badUsers = panelUserIds.filter((u) => !users.includes(u));
        if (badUsers.length)
          throw invalid('Onbekende gebruiker / Unknown user', [
            {
              field: 'panelUserIds',
              message: `Deze gebruiker bestaat niet of is niet actief (${badUsers.join(', ')}). Kies een actieve gebruiker. / This user does not exist or is not active (${badUsers.join(', ')}). Choose an active user.`,
            },
          ]);
        const roundId = await insertRound(
          tx,
          { domain: input.domain, description: input.description ?? '', periodFrom: input.periodFrom, periodTo: input.periodTo, createdBy: user.id },
          projectIds,
          panelUserIds,
        );
        await audit(
          tx,
          user,
          'msc.round.create',
          { type: 'msc_round', id: roundId },
          { domain: input.domain, projectIds, panelUserIds, periodFrom: input.periodFrom, periodTo: input.periodTo },
        );
        return (await getRound(tx, roundId))!;
      });
      return c.json({ round }, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/msc-rounds/{id}',
      tags: ['msc'],
      summary: 'A round with its candidates (consent report or public, not withdrawn; report anonymised), picks and selection',
      security: cookieAuth,
      request: { params: idParam },
      responses: { 200: json(RoundDetail), 401: errors[401], 404: errors[404] },
    }),
    async (c) => {
      const user = requireRole(c, ...anyone);
      const { id } = c.req.valid('param');
      const { isPanel } = await assertMscRoundVisible(c.get('db'), user, id);
      return c.json(await detail(c.get('db'), id, user, isPanel), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/msc-rounds/{id}/picks',
      tags: ['msc'],
      summary: 'A panel member picks the most significant story and writes why (one pick each; may change until the round closes)',
      security: cookieAuth,
      request: {
        params: idParam,
        body: body(z.strictObject({ storyId: z.number().int().positive(), reason: z.string().trim().min(1).max(5000) }).openapi('MscPickInput')),
      },
      responses: { 200: json(z.object({ pick: Pick })), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404], 409: errors[409] },
    }),
    async (c) => {
      const user = requireRole(c, ...anyone);
      const { id } = c.req.valid('param');
      const input = c.req.valid('json');
      const pick = await inTransaction(c, async (tx) => {
        const { isPanel } = await assertMscRoundVisible(tx, user, id);
        if (!isPanel) throw forbidden('Alleen panelleden kiezen / Only panel members pick');
        const round = (await getRound(tx, id))!;
        if (round.status === 'closed') throw conflict('Deze ronde is gesloten / This round is closed');
        const candidates = await mscCandidates(tx, round);
        if (!candidates.some((s) => s.id === input.storyId))
          throw invalid('Dit verhaal is geen kandidaat in deze ronde / This story is not a candidate in this round', [
            {
              field: 'storyId',
              message:
                'Dit verhaal is geen kandidaat in deze ronde. Kies een verhaal uit de lijst. / This story is not a candidate in this round. Choose a story from the list.',
            },
          ]);
        const at = new Date().toISOString();
        await savePick(tx, { roundId: id, userId: user.id, storyId: input.storyId, reason: input.reason, at });
        await audit(tx, user, 'msc.pick', { type: 'msc_round', id }, { storyId: input.storyId });
        return (await roundPicks(tx, id)).find((p) => p.userId === user.id)!;
      });
      return c.json({ pick }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/msc-rounds/{id}/close',
      tags: ['msc'],
      summary: 'Close a round: records the picked stories with every reason as the selection (coordinator, admin); later picks get 409',
      security: cookieAuth,
      request: { params: idParam },
      responses: { 200: json(RoundDetail), 401: errors[401], 403: errors[403], 404: errors[404], 409: errors[409] },
    }),
    async (c) => {
      const user = requireRole(c, ...staff);
      const { id } = c.req.valid('param');
      const result = await inTransaction(c, async (tx) => {
        const { isPanel } = await assertMscRoundVisible(tx, user, id);
        const round = (await getRound(tx, id))!;
        if (round.status === 'closed') throw conflict('Deze ronde is al gesloten / This round is already closed');
        // Only picks whose story still qualifies (consent may have changed or been withdrawn since).
        const candidates = new Set((await mscCandidates(tx, round)).map((s) => s.id));
        const picks = (await roundPicks(tx, id)).filter((p) => candidates.has(p.storyId));
        await closeRound(tx, id, picks);
        await audit(tx, user, 'msc.round.close', { type: 'msc_round', id }, { selected: [...new Set(picks.map((p) => p.storyId))] });
        return detail(tx, id, user, isPanel);
      });
      return c.json(result, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/msc-rounds/{id}/feedback',
      tags: ['msc'],
      summary: "Mark a closed round's selection as fed back to the tellers: it then shows on their receipt pages (coordinator, admin)",
      security: cookieAuth,
      request: { params: idParam },
      responses: { 200: json(z.object({ round: Round })), 401: errors[401], 403: errors[403], 404: errors[404], 409: errors[409] },
    }),
    async (c) => {
      const user = requireRole(c, ...staff);
      const { id } = c.req.valid('param');
      const round = await inTransaction(c, async (tx) => {
        const before = await getRound(tx, id);
        if (!before) throw notFound('Ronde niet gevonden / Round not found');
        if (before.status !== 'closed') throw conflict('Sluit de ronde eerst / Close the round first');
        if (!before.fedBackAt) {
          await markRoundFedBack(tx, id);
          await audit(tx, user, 'msc.round.feedback', { type: 'msc_round', id });
        }
        return (await getRound(tx, id))!;
      });
      return c.json({ round }, 200);
    },
  );
