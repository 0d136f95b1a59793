// Checks a story must pass before it is stored, and the story as its reader sees it.
import type { Kysely } from 'kysely';
import { getStory, projectVariables, type Placement, type StoryDetail } from '../../../db/repositories/stories.js';
import { areaInProject } from '../../../db/repositories/areas.js';
import { storyMedia } from '../../../db/repositories/media.js';
import { type DB } from '../../../db/schema.js';
import { canEditStory, canReissueReceipt, storiesInScope } from '../../access.js';
import { invalid, notFound, notProjectArea } from '../../errors.js';
import type { SessionUser } from '../../types.js';
import { assertExist } from '../../exists.js';

/** Placements must be on climate variables the project chose (and not retired), each at most once. */
export async function checkPlacements(db: Kysely<DB>, projectId: number, placements: Placement[] | undefined, field = 'placements'): Promise<Placement[]> {
  if (!placements?.length) return [];
  const allowed = new Set((await projectVariables(db, projectId)).map((v) => v.id));
  const seen = new Set<number>();
  placements.forEach((p, i) => {
    if (!allowed.has(p.variableId))
      throw invalid('Deze schaal hoort niet bij het project / This scale is not one of the project’s', [
        {
          field: `${field}.${i}.variableId`,
          message:
            'Deze schaal hoort niet bij dit project. Kies een schaal van dit project. / This scale is not part of this project. Choose a scale of this project.',
        },
      ]);
    if (seen.has(p.variableId))
      throw invalid('Elke schaal één keer / Each scale once', [
        {
          field: `${field}.${i}.variableId`,
          message: 'Deze schaal staat er al. Kies elke schaal één keer. / This scale is already listed. Choose each scale once.',
        },
      ]);
    seen.add(p.variableId);
  });
  return placements;
}

/** A story's area must be one of its project's areas or lie within one of them. */
export async function checkArea(db: Kysely<DB>, projectId: number, areaId: number | null | undefined) {
  if (areaId == null) return;
  await assertExist(db, 'areas', areaId, 'areaId');
  if (!(await areaInProject(db, projectId, areaId))) {
    throw invalid('Dit gebied hoort niet bij het project / This area is not one of the project’s areas', [{ field: 'areaId', message: notProjectArea }]);
  }
}

export function nonEmpty(text: string) {
  if (!text.trim())
    throw invalid('Schrijf het verhaal / Write the story', [
      { field: 'body', message: 'Het verhaal is leeg. Schrijf het verhaal. / The story is empty. Write the story.' },
    ]);
}

export async function storyFor(
  db: Kysely<DB>,
  user: SessionUser,
  id: number,
): Promise<StoryDetail & { canEdit: boolean; canReissueReceipt: boolean; media: StoryMediaView[] }> {
  const story = await getStory(db, await storiesInScope(db, user), id);
  if (!story) throw notFound('Verhaal niet gevonden / Story not found');
  // Its voice recording and photo, for the team (server/access.ts: the team's scope, never funders).
  const media = (await storyMedia(db, id)).map((m) => ({ ...m, url: `/api/stories/${id}/media/${m.id}` }));
  const rule = { recordedBy: story.recordedBy?.id ?? null, withdrawnAt: story.withdrawnAt, source: story.source };
  return { ...story, media, canEdit: canEditStory(user, rule), canReissueReceipt: canReissueReceipt(user, rule) };
}

export type StoryMediaView = Awaited<ReturnType<typeof storyMedia>>[number] & { url: string };
