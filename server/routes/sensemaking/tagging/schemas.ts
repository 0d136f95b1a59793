// Request and response schemas of tagging, excerpt coding and the codebook.
import { z } from '@hono/zod-openapi';

export const position = z.number().int().min(0).max(100).nullable().openapi({ description: '0 = weak pole … 100 = strong pole; null = does not apply' });
export const OutcomeTagBody = z.strictObject({ outcomeId: z.number().int().positive(), note: z.string().max(2000).optional() });
export const PlacementBody = z.strictObject({ variableId: z.number().int().positive(), position });
export const TagsBody = z
  .strictObject({ outcomes: z.array(OutcomeTagBody).max(100).optional(), placements: z.array(PlacementBody).max(100).optional() })
  .openapi('StoryTagsInput');
export const tagStatus = z.enum(['accepted', 'suggested']);
export const StoryTags = z
  .object({
    outcomes: z.array(
      z.object({
        outcomeId: z.number(),
        title: z.string(),
        level: z.string(),
        note: z.string(),
        status: tagStatus,
        byUser: z.number().nullable(),
        byName: z.string().nullable(),
        at: z.string(),
      }),
    ),
    placements: z.array(
      z.object({
        variableId: z.number(),
        source: z.enum(['teller', 'coordinator']),
        position: z.number().nullable(),
        status: tagStatus,
        byUser: z.number().nullable(),
        byName: z.string().nullable(),
        at: z.string(),
      }),
    ),
  })
  .openapi('StoryTags');
export const TagsResponse = z.object({ storyId: z.number(), tags: StoryTags });

export const Excerpt = z
  .object({
    id: z.number(),
    storyId: z.number(),
    start: z.number(),
    end: z.number(),
    quote: z.string(),
    outcomeId: z.number().nullable(),
    outcomeTitle: z.string().nullable(),
    variableId: z.number().nullable(),
    variableNameNl: z.string().nullable(),
    variableNameEn: z.string().nullable(),
    position: z.number().nullable(),
    codeId: z.number().nullable(),
    codeName: z.string().nullable(),
    note: z.string(),
    status: z
      .enum(['ok', 'moved', 'stale'])
      .openapi({ description: 'ok: the quote is where it was; moved: found elsewhere after an edit (offsets updated); stale: no longer in the text' }),
    byUser: z.number().nullable(),
    createdAt: z.string(),
  })
  .openapi('Excerpt');
export const ExcerptBody = z
  .strictObject({
    start: z.number().int().min(0),
    end: z.number().int().min(1),
    outcomeId: z.number().int().positive().optional(),
    variableId: z.number().int().positive().optional(),
    position: position.optional(),
    codeId: z.number().int().positive().optional(),
    note: z.string().max(2000).optional(),
  })
  .openapi('NewExcerpt');

export const Code = z.object({ id: z.number(), name: z.string(), description: z.string(), uses: z.number(), createdAt: z.string() }).openapi('Code');
export const codeName = z.string().trim().min(1).max(120);
