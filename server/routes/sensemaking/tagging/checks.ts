// Who may tag which story, and whether the tags fit its project.
import type { Kysely } from 'kysely';
import type { DB } from '../../../../db/schema.js';
import {
  outcomesByIds,
  storyOutcomeLinks,
  storyPlacementLinks,
  storyTags,
  variablesByIds,
  type OutcomeTag,
  type PlacementTag,
} from '../../../../db/repositories/sensemaking.js';
import { assertStoryVisibleForSensemaking } from '../../../access.js';
import { conflict, forbidden, invalid } from '../../../errors.js';
import type { SessionUser } from '../../../types.js';

/** Checks tags against the story's project (outcomes) and the catalogue (variables); 400 names the bad ones. */
export async function checkTags(db: Kysely<DB>, storyIds: number[], projectIds: number[], tags: { outcomes?: OutcomeTag[]; placements?: PlacementTag[] }) {
  const outcomeIds = [...new Set((tags.outcomes ?? []).map((o) => o.outcomeId))];
  if (outcomeIds.length !== (tags.outcomes ?? []).length)
    throw invalid('Een uitkomst staat er twee keer in / An outcome is listed twice', [
      {
        field: 'outcomes',
        message: 'Deze uitkomst staat er twee keer in. Kies elke uitkomst één keer. / This outcome is listed twice. Choose each outcome once.',
      },
    ]);
  if (outcomeIds.length) {
    const found = await outcomesByIds(db, outcomeIds);
    const bad = outcomeIds.filter((id) => !found.some((f) => f.id === id && projectIds.every((p) => p === f.projectId)));
    if (bad.length)
      throw invalid('Deze uitkomst hoort niet bij het project van het verhaal / Outcome is not of the story’s project', [
        {
          field: 'outcomes',
          message: `Deze uitkomst hoort niet bij het project van het verhaal (${bad.join(', ')}). / This outcome is not part of the story’s project (${bad.join(', ')}).`,
        },
      ]);
    // Archived outcomes are not offered for new tags; a story's existing tag on one may be kept.
    const archived = found.filter((f) => f.archivedAt).map((f) => f.id);
    if (archived.length) {
      const tagged = await storyOutcomeLinks(db, storyIds, archived);
      const closed = archived.filter((id) => !storyIds.every((s) => tagged.some((t) => t.outcomeId === id && t.storyId === s)));
      if (closed.length)
        throw invalid('Deze uitkomst is gearchiveerd / This outcome is archived', [
          {
            field: 'outcomes',
            message: `Deze uitkomst is gearchiveerd (${closed.join(', ')}). Kies een andere uitkomst. / This outcome is archived (${closed.join(', ')}). Choose another outcome.`,
          },
        ]);
    }
  }
  const variableIds = [...new Set((tags.placements ?? []).map((p) => p.variableId))];
  if (variableIds.length !== (tags.placements ?? []).length)
    throw invalid('Een variabele staat er twee keer in / A variable is listed twice', [
      {
        field: 'placements',
        message: 'Deze variabele staat er twee keer in. Kies elke variabele één keer. / This variable is listed twice. Choose each variable once.',
      },
    ]);
  if (variableIds.length) {
    const used = await storyPlacementLinks(db, storyIds, variableIds);
    // A story's existing placement on a retired variable may be kept.
    await assertVariablesAllowed(db, variableIds, 'placements', (id) => storyIds.every((s) => used.some((u) => u.variableId === id && u.storyId === s)));
  }
}

/**
 * 400 naming `field` unless every variable exists and is not retired: retired variables are not
 * offered for new use, but one already in use (`kept`) may stay.
 */
export async function assertVariablesAllowed(db: Kysely<DB>, ids: number[], field: string, kept: (id: number) => boolean): Promise<void> {
  const found = await variablesByIds(db, ids);
  const bad = ids.filter((id) => {
    const v = found.find((f) => f.id === id);
    return !v || (v.retiredAt && !kept(id));
  });
  if (bad.length)
    throw invalid('Onbekende of ingetrokken variabele / Unknown or retired variable', [
      {
        field,
        message: `Deze variabele bestaat niet of is ingetrokken (${bad.join(', ')}). Kies een andere variabele. / This variable does not exist or is retired (${bad.join(', ')}). Choose another variable.`,
      },
    ]);
}

/** The story, if this user may tag it (staff) or suggest tags (a worker on its project); funders never. */
export async function storyForTagging(db: Kysely<DB>, user: SessionUser, storyId: number) {
  if (user.role === 'funder') throw forbidden('Financiers taggen niet / Funders do not tag');
  const story = await assertStoryVisibleForSensemaking(db, user, storyId);
  if (story.withdrawnAt) throw conflict('Dit verhaal is ingetrokken / This story was withdrawn');
  return story;
}

export function summary(t: Awaited<ReturnType<typeof storyTags>>) {
  return {
    outcomes: t.outcomes.map((o) => ({ outcomeId: o.outcomeId, status: o.status, note: o.note })),
    placements: t.placements.filter((p) => p.source === 'coordinator').map((p) => ({ variableId: p.variableId, position: p.position, status: p.status })),
  };
}
