// The story form behind a project's link: what the form needs, and the story a resident tells there.
import { createRoute, z } from '@hono/zod-openapi';
import { newReceiptCode } from '../../../db/domain/receipt-codes.js';
import { projectVariables, receiptHash } from '../../../db/repositories/stories.js';
import { consentLevels } from '../../../db/schema.js';
import { checkConsentGiver, checkPublicName, consentTextVersions, residentConsentVersion, residentLanguages } from '../../consent.js';
import { invalid } from '../../errors.js';
import { pastDate, richBody, titleString } from '../../fields.js';
import { MediaForm, readStoryWithMedia, saveWithMedia } from '../../media/upload.js';
import { errors, json, router } from '../../openapi.js';
import { parseRichText } from '../../richtext.js';
import { recordSubmission } from '../../stories/record.js';
import { checkPlacements } from '../stories/checks.js';
import { placementsInput } from '../stories/schemas.js';
import { limited, openLink, takenReceiptCode } from './guards.js';
import { storyByReceipt } from '../../access.js';
import { isUniqueViolation } from '../../../db/engine.js';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';

const EMPTY_DOC = { type: 'doc', content: [{ type: 'paragraph' }] };

/** The title of a story told without one, for the team's lists: its first words. */
export function titleFrom(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,.;:!?-]+$/, '')}…`;
}

const tokenParam = z.object({
  token: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: 'token', in: 'path' } }),
});
const langQuery = z.object({ lang: z.enum(residentLanguages).optional() });

const SubmissionBody = z
  .strictObject({
    title: titleString.optional(),
    body: richBody.optional(),
    tellerName: z.string().trim().max(100).optional(),
    under16: z.boolean().optional(),
    guardianName: z.string().trim().max(200).optional(),
    consent: z.enum(consentLevels),
    consentTextVersion: z.enum(consentTextVersions),
    placements: placementsInput.optional(),
    language: z.enum(residentLanguages).optional(),
    happenedOn: pastDate.nullable().optional(),
    /** The photo's own consent: it may go into reports (only with consent `public`). */
    photoInReports: z.boolean().optional(),
    receipt: z
      .string()
      .max(20)
      .refine((code) => receiptHash(code) !== null, 'not a receipt code')
      .optional()
      .openapi({
        description:
          'The receipt code the browser chose for this story. Sent again after an answer that never arrived, the same story is stored once and the same code comes back.',
      }),
  })
  .superRefine((s, ctx) => {
    // The consent the resident read is the text in the language they told their story in.
    const [, textLanguage] = s.consentTextVersion.split('/');
    if (textLanguage && textLanguage !== (s.language ?? 'nl'))
      ctx.addIssue({
        code: 'custom',
        path: ['consentTextVersion'],
        message: `De toestemming hoort bij een tekst in een andere taal (nodig: ${residentConsentVersion(s.language ?? 'nl')}). Laad de pagina opnieuw. / The consent is for a text in another language (needed: ${residentConsentVersion(s.language ?? 'nl')}). Reload the page.`,
      });
  })
  .openapi('PublicStory');

const FormData = z
  .object({
    project: z.object({ name: z.string() }),
    variables: z.array(z.object({ id: z.number(), key: z.string(), name: z.string(), weak: z.string(), strong: z.string() })),
    consentTextVersion: z.string(),
    /** The link's own question to residents; null: the standard one in the resident's language. */
    question: z.string().nullable(),
    /** The form takes a voice recording and a photo (multipart). */
    media: z.literal(true),
    open: z.literal(true),
  })
  .openapi('PublicForm');

const base = router();
base.use('/public/links/*', limited);

export const storyFormRoutes = base
  .openapi(
    createRoute({
      method: 'get',
      path: '/public/links/{token}',
      tags: ['public'],
      summary: 'What the resident’s story form needs: project name, its climate scales, the consent text version',
      request: { params: tokenParam, query: langQuery },
      responses: { 200: json(FormData), 404: errors[404], 410: { ...errors[404], description: 'Link closed or expired' }, 429: errors[429] },
    }),
    async (c) => {
      const { token } = c.req.valid('param');
      const link = await openLink(c, token);
      const lang = c.req.valid('query').lang ?? 'nl';
      // The resident pages word the catalogue's variables themselves (web/resident/locales); this is
      // the fallback for variables they do not know: English for English, else the Dutch catalogue.
      const en = lang === 'en';
      // The link's own climate questions (in its order), else the project's first two.
      const all = await projectVariables(c.get('db'), link.projectId);
      const chosen: number[] | null = link.climateVariableIds === null ? null : JSON.parse(link.climateVariableIds);
      const asked = chosen === null ? all.slice(0, 2) : chosen.flatMap((id) => all.filter((v) => v.id === id));
      const variables = asked.map((v) => ({
        id: v.id,
        key: v.key,
        name: en ? v.nameEn : v.nameNl,
        weak: en ? v.weakEn : v.weakNl,
        strong: en ? v.strongEn : v.strongNl,
      }));
      return c.json(
        {
          project: { name: link.projectName },
          question: link.question,
          variables,
          consentTextVersion: residentConsentVersion(lang),
          media: true as const,
          open: true as const,
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/public/links/{token}/stories',
      tags: ['public'],
      summary: 'A resident tells a story; the answer holds the receipt code, shown once',
      description: 'JSON, or multipart/form-data with the story as JSON in `story` and a voice recording (`audio`) and/or a photo (`photo`).',
      request: {
        params: tokenParam,
        body: { content: { 'application/json': { schema: SubmissionBody }, 'multipart/form-data': { schema: MediaForm } }, required: false },
      },
      responses: {
        201: json(z.object({ receipt: z.string(), receiptUrl: z.string() })),
        400: errors[400],
        404: errors[404],
        410: { ...errors[404], description: 'Link closed or expired' },
        413: errors[413],
        415: errors[415],
        429: errors[429],
      },
    }),
    async (c) => {
      const { token } = c.req.valid('param');
      const db = c.get('db');
      const link = await openLink(c, token);
      const { input, media } = await readStoryWithMedia(c, SubmissionBody);
      const audio = media.some((m) => m.kind === 'audio');
      const rich = parseRichText(input.body ?? EMPTY_DOC);
      // A story is told in words or by voice; a photo alone is not a story.
      if (!rich.text.trim() && !audio)
        throw invalid('Schrijf je verhaal, of spreek het in / Write your story, or speak it', [
          { field: 'body', message: 'Schrijf je verhaal, of spreek het in. / Write your story, or record it.' },
        ]);
      const placements = await checkPlacements(db, link.projectId, input.placements);
      const under16 = input.under16 ?? false;
      const givenBy = under16 ? ('guardian' as const) : ('teller' as const);
      if (under16 && !input.guardianName)
        throw invalid('Vul de naam van je ouder of voogd in / Fill in your parent’s or guardian’s name', [
          {
            field: 'guardianName',
            message: 'Je bent jonger dan 16. Vul de naam van je ouder of voogd in. / You are under 16. Fill in the name of your parent or guardian.',
          },
        ]);
      checkConsentGiver({ under16, givenBy, guardianName: input.guardianName, widening: true });
      checkPublicName(input.consent, input.tellerName);
      const title = input.title ?? (titleFrom(rich.text) || 'Ingesproken verhaal');
      const answer = (code: string) => c.json({ receipt: code, receiptUrl: `/r/${code}` }, 201);
      const save = (code: string) =>
        saveWithMedia(c, media, (stored) =>
          recordSubmission(db, c.get('write'), {
            teller: { displayName: input.tellerName || null, under16 },
            story: {
              projectId: link.projectId,
              areaId: null,
              title,
              phase: null,
              happenedOn: input.happenedOn ?? null,
              language: input.language ?? 'nl',
              source: 'link',
              linkId: link.id,
              receiptHash: receiptHash(code),
            },
            rich,
            consent: {
              level: input.consent,
              givenBy,
              guardianName: under16 ? input.guardianName! : null,
              channel: 'online',
              consentTextVersion: input.consentTextVersion,
            },
            placements,
            by: null,
            auditDetails: { projectId: link.projectId, source: 'link', linkId: link.id, consent: input.consent, givenBy, media: stored.map((m) => m.kind) },
            media: stored,
            photoInReports: input.photoInReports === true,
          }),
        );
      const code = input.receipt ?? newReceiptCode();
      try {
        await save(code);
      } catch (err) {
        if (!input.receipt || !isUniqueViolation(err)) throw err;
        // The browser's code is taken. By this story, sent again because its answer never arrived:
        // it was stored once, and its code comes back. By another story: this one gets a new code.
        const before = await sentWith(db, code);
        if (before && isSameStory(before, link.id, title, rich.text)) return answer(code);
        await takenReceiptCode(c);
        const fresh = newReceiptCode();
        await save(fresh);
        return answer(fresh);
      }
      return answer(code);
    },
  );

/** The story stored under a receipt code, as far as telling a resend from a new story needs. */
const sentWith = (db: Kysely<DB>, code: string) =>
  storyByReceipt(db, receiptHash(code)!).select(['stories.linkId', 'stories.title', 'stories.bodyText']).executeTakeFirst();

const isSameStory = (s: { linkId: number | null; title: string; bodyText: string }, linkId: number, title: string, text: string) =>
  s.linkId === linkId && s.title === title && s.bodyText === text;
