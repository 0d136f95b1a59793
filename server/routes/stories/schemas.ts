// Request and response schemas of the story routes, and the placements the public route shares.
import { z } from '@hono/zod-openapi';
import { consentChannels, consentGivers, consentLevels, phases, storySources } from '../../../db/schema.js';
import { consentTextVersions } from '../../consent.js';
import { dateString, languageCode, pastDate, richBody, titleString } from '../../fields.js';

export const placementsInput = z
  .array(z.strictObject({ variableId: z.number().int().positive(), position: z.number().int().min(0).max(100).nullable() }))
  .max(100);

export const ConsentInput = z.strictObject({
  level: z.enum(consentLevels),
  channel: z.enum(consentChannels),
  givenBy: z.enum(['teller', 'guardian']),
  guardianName: z.string().trim().max(200).optional(),
  consentTextVersion: z.enum(consentTextVersions).optional(),
});

export const NewStoryBody = z
  .strictObject({
    projectId: z.number().int().positive(),
    areaId: z.number().int().positive().nullable().optional(),
    title: titleString,
    body: richBody,
    phase: z.enum(phases).nullable().optional(),
    happenedOn: pastDate.nullable().optional(),
    language: languageCode.optional(),
    source: z.enum(['heard', 'practice']),
    teller: z.strictObject({ name: z.string().trim().max(100).optional(), under16: z.boolean().optional() }).optional(),
    consent: ConsentInput,
    placements: placementsInput.optional(),
  })
  .openapi('NewStory');

export const StoryPatchBody = z
  .strictObject({
    title: titleString.optional(),
    body: richBody.optional(),
    areaId: z.number().int().positive().nullable().optional(),
    phase: z.enum(phases).nullable().optional(),
    happenedOn: pastDate.nullable().optional(),
    language: languageCode.optional(),
  })
  .openapi('StoryPatch');

export const ConsentChangeBody = z
  .strictObject({
    level: z.enum(consentLevels).optional(),
    withdraw: z.literal(true).optional(),
    reason: z.string().trim().max(2000).optional(),
    channel: z.enum(consentChannels),
    givenBy: z.enum(consentGivers),
    guardianName: z.string().trim().max(200).optional(),
    /** The name to show with a public story whose teller has none yet. */
    tellerName: z.string().trim().max(100).optional(),
    consentTextVersion: z.enum(consentTextVersions).optional(),
  })
  .openapi('ConsentChange');

export const ListQuery = z.object({
  q: z.string().max(200).optional(),
  projectId: z.coerce.number().int().positive().optional(),
  areaId: z.coerce.number().int().positive().optional(),
  phase: z.enum(phases).optional(),
  consent: z.enum(consentLevels).optional(),
  source: z.enum(storySources).optional(),
  from: dateString.optional(),
  to: dateString.optional(),
  includeWithdrawn: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const StorySummary = z
  .object({
    id: z.number(),
    projectId: z.number(),
    projectName: z.string(),
    areaId: z.number().nullable(),
    areaName: z.string().nullable(),
    title: z.string(),
    excerpt: z.string(),
    phase: z.enum(phases).nullable(),
    happenedOn: z.string().nullable(),
    language: z.string(),
    source: z.enum(storySources),
    consent: z.enum(consentLevels),
    withdrawnAt: z.string().nullable(),
    tellerName: z.string().nullable(),
    createdAt: z.string(),
    tagged: z.boolean(),
  })
  .openapi('StorySummary');

export const ConsentRecord = z.object({
  id: z.number(),
  level: z.enum(consentLevels).nullable(),
  withdrawn: z.boolean(),
  givenBy: z.enum(consentGivers),
  guardianName: z.string().nullable(),
  channel: z.enum(consentChannels),
  consentTextVersion: z.string(),
  reason: z.string().nullable(),
  at: z.string(),
  recordedBy: z.object({ id: z.number(), name: z.string() }).nullable(),
});

export const Story = StorySummary.extend({
  body: z.unknown(),
  bodyHtml: z.string(),
  bodyText: z.string(),
  updatedAt: z.string(),
  linkId: z.number().nullable(),
  teller: z.object({ id: z.number(), name: z.string().nullable(), under16: z.boolean(), kind: z.enum(['resident', 'worker']) }),
  recordedBy: z.object({ id: z.number(), name: z.string() }).nullable(),
  consentHistory: z.array(ConsentRecord),
  placements: z.array(
    z.object({ variableId: z.number(), source: z.enum(['teller', 'coordinator']), position: z.number().nullable(), status: z.enum(['accepted', 'suggested']) }),
  ),
  canEdit: z.boolean(),
  /** A heard story whose receipt code this user may replace (the old one is never shown again). */
  canReissueReceipt: z.boolean(),
}).openapi('Story');
