// Report versions of stories ("anonymous means anonymous"): the review page's data, saving a
// reviewed version, and the stories of a report that wait for review. Who may read what a
// review releases is decided in server/access.ts (reportStories); this router only writes.
import { createRoute, z } from '@hono/zod-openapi';
import { getReport } from '../../db/repositories/reports.js';
import { getReview, reviewHash, reviewSource, saveReview, storyToReview, waitingList } from '../../db/repositories/reviews.js';
import { areasWithin } from '../../db/repositories/areas.js';
import { consentLevels } from '../../db/schema.js';
import { assertReportManageable, audienceLevels, awaitingReview, reviewableStory, storyDate, visibleStories } from '../access.js';
import { audit } from '../audit.js';
import { requireRole, staff } from '../auth/guard.js';
import { conflict, invalid, notFound } from '../errors.js';
import { body, cookieAuth, errors, idParam, json, router } from '../openapi.js';
import { parseRichText } from '../richtext.js';
import { findIdentifiers, identifierKinds } from '../../db/domain/identifiers.js';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

const Finding = z.object({ kind: z.enum(identifierKinds), start: z.number(), end: z.number(), text: z.string() }).openapi('IdentifierFinding');
const Review = z
  .object({
    story: z.object({
      id: z.number(),
      projectId: z.number(),
      title: z.string(),
      body: z.unknown(),
      bodyText: z.string(),
      consent: z.enum(consentLevels),
      textHash: z.string().openapi({ description: 'sha256 of the story’s title and text as shown: send it back with the review' }),
    }),
    leavesTeam: z.boolean().openapi({ description: 'consent report or public: readers beyond the team get only the reviewed version' }),
    review: z
      .object({
        title: z.string(),
        body: z.unknown(),
        bodyHtml: z.string(),
        bodyText: z.string(),
        textHash: z.string(),
        reviewedAt: z.string(),
        reviewedBy: z.object({ id: z.number(), name: z.string() }).nullable(),
        current: z.boolean().openapi({ description: 'false once the story’s title or text changed after the review: it waits for review again' }),
      })
      .nullable(),
    findings: z
      .object({ title: z.array(Finding), text: z.array(Finding) })
      .openapi({ description: 'details in the story’s own title and text that likely identify someone' }),
  })
  .openapi('StoryReview');

const ReviewBody = z
  .strictObject({
    title: z.string().trim().min(1).max(200),
    body: z.unknown().openapi({ type: 'object', description: 'tiptap JSON document of the report version' }),
    storyHash: z
      .string()
      .max(64)
      .regex(/^[0-9a-f]{64}$/)
      .openapi({ description: 'the story’s textHash as the reviewer saw it; 409 if the story changed since' }),
  })
  .openapi('StoryReviewInput');

const Waiting = z
  .object({
    count: z.number(),
    stories: z.array(
      z.object({ id: z.number(), title: z.string(), projectName: z.string(), date: z.string(), consent: z.enum(consentLevels), stale: z.boolean() }),
    ),
  })
  .openapi('AwaitingReview');

async function reviewOf(db: Kysely<DB>, id: number) {
  const story = await storyToReview(db, id);
  const review = await getReview(db, id);
  return {
    story: {
      id: story.id,
      projectId: story.projectId,
      title: story.title,
      body: JSON.parse(story.bodyJson) as unknown,
      bodyText: story.bodyText,
      consent: story.consent,
      textHash: reviewHash(story.title, story.bodyText),
    },
    leavesTeam: audienceLevels.report.includes(story.consent),
    review: review
      ? {
          title: review.title,
          body: JSON.parse(review.bodyJson) as unknown,
          bodyHtml: review.bodyHtml,
          bodyText: review.bodyText,
          textHash: review.textHash,
          reviewedAt: review.reviewedAt,
          reviewedBy: review.reviewedBy === null ? null : { id: review.reviewedBy, name: review.reviewerName ?? '' },
          current: story.reviewedRev === story.textRev,
        }
      : null,
    findings: { title: findIdentifiers(story.title), text: findIdentifiers(story.bodyText) },
  };
}

const WAITING_LIST = 200;

export const reviewRoutes = router()
  .openapi(
    createRoute({
      method: 'get',
      path: '/stories/{id}/review',
      tags: ['stories'],
      summary: 'A story’s report version for review: the story’s own text with what likely identifies someone, and the reviewed version so far',
      security: cookieAuth,
      request: { params: idParam },
      responses: { 200: json(Review), 401: errors[401], 403: errors[403], 404: errors[404], 409: errors[409] },
    }),
    async (c) => {
      const user = requireRole(c, 'admin', 'coordinator', 'worker', 'funder');
      const { id } = c.req.valid('param');
      await reviewableStory(c.get('db'), user, id);
      return c.json(await reviewOf(c.get('db'), id), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/stories/{id}/review',
      tags: ['stories'],
      summary:
        'Mark the report version reviewed: the edited copy readers beyond the team get (staff, and workers of the story’s project); audited with its hash',
      security: cookieAuth,
      request: { params: idParam, body: body(ReviewBody) },
      responses: { 200: json(Review), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404], 409: errors[409], 413: errors[413] },
    }),
    async (c) => {
      const user = requireRole(c, 'admin', 'coordinator', 'worker', 'funder');
      const { id } = c.req.valid('param');
      const input = c.req.valid('json');
      const db = c.get('db');
      await reviewableStory(db, user, id);
      const rich = parseRichText(input.body);
      if (!rich.text.trim())
        throw invalid('De versie voor verslagen is leeg / The report version is empty', [
          { field: 'body', message: 'De versie voor verslagen is leeg. Schrijf een tekst. / The report version is empty. Write a text.' },
        ]);
      const result = await db.transaction().execute(async (tx) => {
        const story = await reviewSource(tx, id);
        if (!story) throw notFound('Verhaal niet gevonden / Story not found');
        if (story.withdrawnAt) throw conflict('Dit verhaal is ingetrokken / This story has been withdrawn');
        if (reviewHash(story.title, story.bodyText) !== input.storyHash) {
          throw conflict('Het verhaal is intussen gewijzigd; bekijk het opnieuw / The story changed meanwhile; review it again');
        }
        const saved = await saveReview(tx, id, story.textRev, {
          title: input.title,
          bodyJson: JSON.stringify(rich.json),
          bodyHtml: rich.html,
          bodyText: rich.text,
          reviewedBy: user.id,
        });
        await audit(tx, user, 'story.review', { type: 'story', id }, { hash: saved.textHash, consent: story.consent, reviewedAt: saved.reviewedAt });
        return reviewOf(tx, id);
      });
      return c.json(result, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/reports/{id}/awaiting-review',
      tags: ['reports'],
      summary:
        'Stories of the report’s projects, areas and period that may leave the team but wait for review ("wacht op anonimiseren"); they stay out of the report until reviewed',
      security: cookieAuth,
      request: { params: idParam },
      responses: { 200: json(Waiting), 401: errors[401], 403: errors[403], 404: errors[404] },
    }),
    async (c) => {
      const user = requireRole(c, ...staff, 'worker', 'funder');
      const { id } = c.req.valid('param');
      const db = c.get('db');
      await assertReportManageable(db, user, id);
      const report = (await getReport(db, id))!;
      let q = awaitingReview(await visibleStories(db, user))
        .where('stories.projectId', 'in', report.projectIds.length ? report.projectIds : [-1])
        .where(storyDate, '>=', report.periodFrom)
        .where(storyDate, '<=', report.periodTo);
      if (report.areaIds.length) q = q.where('stories.areaId', 'in', await areasWithin(db, report.areaIds));
      return c.json(await waitingList(q, WAITING_LIST), 200);
    },
  );
