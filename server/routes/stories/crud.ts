// Recording, listing, reading and editing stories.
import { createRoute, z } from '@hono/zod-openapi';
import { newReceiptCode } from '../../../db/domain/receipt-codes.js';
import { listStories, receiptHash, updateStory, workerTeller, storyAreaId } from '../../../db/repositories/stories.js';
import { assertProjectWritable, canEditStory, visibleStories, visibleStory } from '../../access.js';
import { audit } from '../../audit.js';
import { requireRole, team } from '../../auth/guard.js';
import { checkConsentGiver, checkPublicName, CONSENT_TEXT_VERSION } from '../../consent.js';
import { AppError, conflict, invalid } from '../../errors.js';
import { body, cookieAuth, errors, idParam, json, router } from '../../openapi.js';
import { parseRichText } from '../../richtext.js';
import { recordStory } from '../../stories/record.js';
import { NewStoryBody, StoryPatchBody, ListQuery, StorySummary, Story } from './schemas.js';
import { checkPlacements, checkArea, nonEmpty, storyFor } from './checks.js';

export const storyCrudRoutes = router()
  .openapi(
    createRoute({
      method: 'post',
      path: '/stories',
      tags: ['stories'],
      summary: 'Record a story: one you heard (with the consent as given) or your own practice story',
      security: cookieAuth,
      request: { body: body(NewStoryBody) },
      responses: {
        201: json(
          z.object({
            story: Story,
            receipt: z.string().nullable().openapi({
              description:
                'a story heard from a resident: its receipt code, shown once, for the worker to hand to the teller (read back and withdraw at /r/CODE); null for practice stories',
            }),
          }),
        ),
        400: errors[400],
        401: errors[401],
        403: errors[403],
        404: errors[404],
        413: errors[413],
      },
    }),
    async (c) => {
      const user = requireRole(c, ...team);
      const input = c.req.valid('json');
      const db = c.get('db');
      await assertProjectWritable(db, user, input.projectId);
      const rich = parseRichText(input.body);
      nonEmpty(rich.text);
      await checkArea(db, input.projectId, input.areaId);
      const placements = await checkPlacements(db, input.projectId, input.placements);
      const practice = input.source === 'practice';
      if (practice && input.teller)
        throw invalid('Bij een eigen praktijkverhaal ben jij de verteller / In a practice story you are the teller', [
          {
            field: 'teller',
            message:
              'Bij een eigen praktijkverhaal ben jij de verteller. Laat de verteller leeg. / In your own practice story you are the teller. Leave the teller empty.',
          },
        ]);
      if (practice && input.consent.givenBy !== 'teller')
        throw invalid('Bij een eigen praktijkverhaal geef jij toestemming / You give consent for your own practice story', [
          {
            field: 'consent.givenBy',
            message: 'Bij een eigen praktijkverhaal geef jij zelf toestemming. / In your own practice story you give consent yourself.',
          },
        ]);
      const under16 = input.teller?.under16 ?? false;
      try {
        checkConsentGiver({ under16, givenBy: input.consent.givenBy, guardianName: input.consent.guardianName, widening: true });
      } catch (e) {
        if (e instanceof AppError) e.details.forEach((d) => (d.field = `consent.${d.field}`));
        throw e;
      }
      // A heard story made public is shown with its teller's name (a practice story has the worker's).
      if (!practice) checkPublicName(input.consent.level, input.teller?.name, 'teller.name', 'staff');
      // a resident's story heard by a worker gets a receipt code too, for the worker to hand over
      const receipt = practice ? null : newReceiptCode();
      const id = await db.transaction().execute(async (tx) =>
        recordStory(tx, {
          teller: practice ? { id: await workerTeller(tx, user) } : { displayName: input.teller?.name || null, under16 },
          story: {
            projectId: input.projectId,
            areaId: input.areaId ?? null,
            title: input.title,
            phase: input.phase ?? null,
            happenedOn: input.happenedOn ?? null,
            language: input.language ?? 'nl',
            source: input.source,
            linkId: null,
            receiptHash: receipt && receiptHash(receipt),
          },
          rich,
          consent: {
            level: input.consent.level,
            givenBy: input.consent.givenBy,
            guardianName: input.consent.givenBy === 'guardian' ? (input.consent.guardianName ?? null) : null,
            channel: input.consent.channel,
            consentTextVersion: input.consent.consentTextVersion ?? CONSENT_TEXT_VERSION,
          },
          placements,
          by: user,
          auditDetails: {
            projectId: input.projectId,
            source: input.source,
            consent: input.consent.level,
            givenBy: input.consent.givenBy,
            channel: input.consent.channel,
          },
        }),
      );
      return c.json({ story: await storyFor(db, user, id), receipt }, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/stories',
      tags: ['stories'],
      summary: 'Stories you may see, filtered and searched (q: full text over title and story, diacritics-insensitive)',
      security: cookieAuth,
      request: { query: ListQuery },
      responses: {
        200: json(
          z.object({
            stories: z.array(StorySummary),
            total: z.number(),
            totalCapped: z
              .boolean()
              .openapi({ description: 'with q: there are more matches than total counts (a common word); they come most recently added first' }),
          }),
        ),
        400: errors[400],
        401: errors[401],
        403: errors[403],
      },
    }),
    async (c) => {
      const user = requireRole(c, 'admin', 'coordinator', 'worker', 'funder');
      const { includeWithdrawn, ...filters } = c.req.valid('query');
      const visible = await visibleStories(c.get('db'), user, { includeWithdrawn: includeWithdrawn === 'true' });
      return c.json(await listStories(c.get('db'), visible, filters), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/stories/{id}',
      tags: ['stories'],
      summary: 'One story with its text, teller, consent record and placements',
      security: cookieAuth,
      request: { params: idParam },
      responses: { 200: json(z.object({ story: Story })), 401: errors[401], 403: errors[403], 404: errors[404] },
    }),
    async (c) => {
      const user = requireRole(c, 'admin', 'coordinator', 'worker', 'funder');
      return c.json({ story: await storyFor(c.get('db'), user, c.req.valid('param').id) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/stories/{id}',
      tags: ['stories'],
      summary: 'Edit a story: workers the stories they recorded, coordinators and admins all',
      security: cookieAuth,
      request: { params: idParam, body: body(StoryPatchBody) },
      responses: {
        200: json(z.object({ story: Story })),
        400: errors[400],
        401: errors[401],
        403: errors[403],
        404: errors[404],
        409: errors[409],
        413: errors[413],
      },
    }),
    async (c) => {
      const user = requireRole(c, 'admin', 'coordinator', 'worker', 'funder');
      const { id } = c.req.valid('param');
      const input = c.req.valid('json');
      const db = c.get('db');
      const story = await visibleStory(db, user, id);
      if (story.withdrawnAt) throw conflict('Dit verhaal is ingetrokken / This story has been withdrawn');
      if (!canEditStory(user, story))
        throw new AppError('forbidden', 'Je kunt alleen verhalen bewerken die je zelf hebt vastgelegd / You can only edit stories you recorded');
      const { body: rawBody, ...fields } = input;
      const rich = rawBody === undefined ? undefined : parseRichText(rawBody);
      if (rich) nonEmpty(rich.text);
      if (input.areaId != null) {
        // an area kept as it was is not checked again, so a story stays editable when its project's areas change
        if ((await storyAreaId(db, id)) !== input.areaId) await checkArea(db, story.projectId, input.areaId);
      }
      await db.transaction().execute(async (tx) => {
        await updateStory(tx, id, { ...fields, ...(rich ? { bodyJson: JSON.stringify(rich.json), bodyHtml: rich.html, bodyText: rich.text } : {}) });
        await audit(tx, user, 'story.update', { type: 'story', id }, { fields: Object.keys(input) });
      });
      return c.json({ story: await storyFor(db, user, id) }, 200);
    },
  );
