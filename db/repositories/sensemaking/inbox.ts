// The tagging inbox: visible stories nobody has tagged yet.
import type { ExpressionBuilder, Kysely } from 'kysely';
import type { DB, StoryQuery } from '../../schema.js';
import { storyTags } from './tags.js';

type Db = Kysely<DB>;

type InboxEb = ExpressionBuilder<DB, 'stories' | 'projects' | 'areas'>;

/** A story is tagged once it has an accepted outcome or an accepted coordinator placement. */
const hasAcceptedTags = (eb: ExpressionBuilder<DB, 'stories'>) =>
  eb.or([
    eb.exists(eb.selectFrom('storyOutcomes as so').select('so.storyId').whereRef('so.storyId', '=', 'stories.id').where('so.status', '=', 'accepted')),
    eb.exists(
      eb
        .selectFrom('storyPlacements as sp')
        .select('sp.id')
        .whereRef('sp.storyId', '=', 'stories.id')
        .where('sp.source', '=', 'coordinator')
        .where('sp.status', '=', 'accepted'),
    ),
  ]);

/** How many of the visible stories await tagging (the inbox's untagged and suggested stories). */
export async function awaitingTaggingCount(visible: StoryQuery): Promise<number> {
  const row = await visible
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where((eb) => eb.not(hasAcceptedTags(eb)))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** The visible stories nobody has tagged yet (no accepted outcome or coordinator placement): untagged first, then those with suggestions. */
/**
 * Stories to tag: untagged first, then those with only suggestions. With `storyId`, that one story
 * whatever its state (to change the tags of a tagged story); its current tags come as `suggestions`.
 */
export async function taggingInbox(db: Db, visible: StoryQuery, opts: { projectId?: number; storyId?: number; limit: number }) {
  const accepted = (eb: InboxEb) => hasAcceptedTags(eb as unknown as ExpressionBuilder<DB, 'stories'>);
  const suggested = (eb: InboxEb) =>
    eb.or([
      eb.exists(eb.selectFrom('storyOutcomes as so').select('so.storyId').whereRef('so.storyId', '=', 'stories.id').where('so.status', '=', 'suggested')),
      eb.exists(eb.selectFrom('storyPlacements as sp').select('sp.id').whereRef('sp.storyId', '=', 'stories.id').where('sp.status', '=', 'suggested')),
    ]);
  let q = visible
    .innerJoin('projects', 'projects.id', 'stories.projectId')
    .leftJoin('areas', 'areas.id', 'stories.areaId')
    .select([
      'stories.id',
      'stories.projectId',
      'projects.name as projectName',
      'stories.areaId',
      'areas.name as areaName',
      'stories.title',
      'stories.bodyText',
      'stories.happenedOn',
      'stories.consent',
      'stories.source',
      'stories.createdAt',
    ])
    .select((eb) => suggested(eb).as('hasSuggestions'))
    .select((eb) => accepted(eb).as('hasAccepted'))
    .orderBy('hasSuggestions')
    .orderBy('stories.createdAt')
    .orderBy('stories.id')
    .limit(opts.limit);
  if (opts.projectId) q = q.where('stories.projectId', '=', opts.projectId);
  q = opts.storyId ? q.where('stories.id', '=', opts.storyId) : q.where((eb) => eb.not(accepted(eb)));
  const rows = await q.execute();
  const teller = rows.length
    ? await db
        .selectFrom('storyPlacements')
        .select(['storyId', 'variableId', 'position'])
        .where('source', '=', 'teller')
        .where(
          'storyId',
          'in',
          rows.map((r) => r.id),
        )
        .execute()
    : [];
  return Promise.all(
    rows.map(async ({ hasSuggestions, hasAccepted, ...r }) => ({
      ...r,
      state: hasAccepted ? ('tagged' as const) : hasSuggestions ? ('suggested' as const) : ('untagged' as const),
      suggestions: hasSuggestions || hasAccepted ? await storyTags(db, r.id) : null,
      tellerPlacements: teller.filter((p) => p.storyId === r.id).map(({ variableId, position }) => ({ variableId, position })),
    })),
  );
}
