// The teller's own copy (GDPR art. 15 access and art. 20 portability): everything stored about one
// story, found through its receipt (`byReceipt`: server/access.ts storyByReceipt), and nothing about
// anyone else — no other story, no staff names or accounts, no other teller.
import type { Kysely } from 'kysely';
import type { DB, StoryQuery } from '../schema.js';
import { storyMedia } from './media.js';
import { receiptStatus } from './stories.js';

/**
 * `reportVersion`: the story's reviewed report version as readers beyond the team get it (server/access.ts
 * reportVersionsOf); `reportablePhotoIds`: the story's photos a report may show now (server/access.ts reportablePhotos).
 */
export async function tellerCopy(
  db: Kysely<DB>,
  byReceipt: StoryQuery,
  reportVersion: (storyId: number) => Promise<{ title: string; bodyText: string } | undefined>,
  reportablePhotoIds: (storyId: number) => Promise<number[]>,
) {
  const story = await byReceipt
    .innerJoin('projects', 'projects.id', 'stories.projectId')
    .innerJoin('tellers', 'tellers.id', 'stories.tellerId')
    .leftJoin('areas', 'areas.id', 'stories.areaId')
    .select([
      'stories.id',
      'stories.title',
      'stories.bodyText',
      'stories.bodyHtml',
      'stories.language',
      'stories.phase',
      'stories.happenedOn',
      'stories.source',
      'stories.consent',
      'stories.createdAt',
      'stories.updatedAt',
      'stories.withdrawnAt',
      'projects.name as projectName',
      'areas.name as areaName',
      'tellers.displayName',
      'tellers.contact',
      'tellers.under16',
    ])
    .executeTakeFirst();
  if (!story) return undefined;
  const id = story.id;
  const [consents, placements, outcomes, excerpts, use, picks, selections, reviewed, media, reportable] = await Promise.all([
    db
      .selectFrom('storyConsents')
      .select(['level', 'withdrawn', 'givenBy', 'guardianName', 'channel', 'consentTextVersion', 'reason', 'at'])
      .where('storyId', '=', id)
      .orderBy('at')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('storyPlacements')
      .innerJoin('climateVariables as v', 'v.id', 'storyPlacements.variableId')
      .select([
        'v.key',
        'v.nameNl',
        'v.nameEn',
        'v.weakNl',
        'v.weakEn',
        'v.strongNl',
        'v.strongEn',
        'storyPlacements.source',
        'storyPlacements.position',
        'storyPlacements.status',
        'storyPlacements.at',
      ])
      .where('storyPlacements.storyId', '=', id)
      .orderBy('v.sort')
      .orderBy('storyPlacements.source')
      .execute(),
    db
      .selectFrom('storyOutcomes')
      .innerJoin('outcomes', 'outcomes.id', 'storyOutcomes.outcomeId')
      .select(['outcomes.title', 'outcomes.level', 'storyOutcomes.note', 'storyOutcomes.status', 'storyOutcomes.at'])
      .where('storyOutcomes.storyId', '=', id)
      .execute(),
    db
      .selectFrom('storyExcerpts as e')
      .leftJoin('outcomes', 'outcomes.id', 'e.outcomeId')
      .leftJoin('climateVariables as v', 'v.id', 'e.variableId')
      .leftJoin('codes', 'codes.id', 'e.codeId')
      .select([
        'e.quote',
        'e.startOffset as start',
        'e.endOffset as end',
        'outcomes.title as outcome',
        'v.nameNl as variable',
        'e.position',
        'codes.name as code',
        'e.note',
        'e.createdAt',
      ])
      .where('e.storyId', '=', id)
      .orderBy('e.startOffset')
      .execute(),
    receiptStatus(db, story),
    db
      .selectFrom('mscPicks')
      .innerJoin('mscRounds', 'mscRounds.id', 'mscPicks.roundId')
      .select(['mscRounds.id as roundId', 'mscPicks.reason', 'mscPicks.at'])
      .where('mscPicks.storyId', '=', id)
      .execute(),
    db.selectFrom('mscSelections').select(['roundId', 'reason']).where('storyId', '=', id).execute(),
    story.withdrawnAt ? Promise.resolve(undefined) : reportVersion(id),
    storyMedia(db, id),
    story.withdrawnAt ? Promise.resolve([]) : reportablePhotoIds(id),
  ]);
  const roundIds = [...new Set([...picks.map((p) => p.roundId), ...selections.map((s) => s.roundId)])];
  const rounds = roundIds.length
    ? await db
        .selectFrom('mscRounds')
        .select(['id', 'domain', 'periodFrom', 'periodTo', 'status', 'closedAt', 'fedBackAt'])
        .where('id', 'in', roundIds)
        .orderBy('periodFrom')
        .orderBy('id')
        .execute()
    : [];
  const version = reviewed;
  return {
    about: 'Everything Weefwerk stores about this story (GDPR articles 15 and 20).',
    madeAt: new Date().toISOString(),
    story: {
      title: story.title,
      text: story.bodyText,
      html: story.bodyHtml,
      language: story.language,
      project: story.projectName,
      area: story.areaName,
      phase: story.phase,
      happenedOn: story.happenedOn,
      howItCameIn: story.source,
      consent: story.withdrawnAt ? null : story.consent,
      toldAt: story.createdAt,
      changedAt: story.updatedAt,
      withdrawnAt: story.withdrawnAt,
    },
    teller: { name: story.displayName, contact: story.contact, under16: Boolean(story.under16) },
    // The recording and photo kept with the story (gone once it is withdrawn). A recording never
    // reaches a report (only a typed, reviewed text does); a photo only when `mayBeInReports`.
    media: media.map((m) => ({
      id: m.id,
      kind: m.kind,
      format: m.mime,
      bytes: m.bytes,
      lengthSeconds: m.kind === 'audio' ? m.durationSeconds : null,
      addedAt: m.createdAt,
      youAllowedReports: m.kind === 'photo' ? m.photoInReports : false,
      mayBeInReports: m.kind === 'photo' && reportable.includes(m.id),
    })),
    consentHistory: consents.map((c) => ({ ...c, withdrawn: Boolean(c.withdrawn) })),
    placements: placements.map((p) => ({
      variable: p.key,
      nameNl: p.nameNl,
      nameEn: p.nameEn,
      weakPole: { nl: p.weakNl, en: p.weakEn },
      strongPole: { nl: p.strongNl, en: p.strongEn },
      by: p.source === 'teller' ? ('teller' as const) : ('team' as const),
      position: p.position,
      status: p.status,
      at: p.at,
    })),
    outcomes: outcomes.map((o) => ({ outcome: o.title, level: o.level, note: o.note, status: o.status, at: o.at })),
    codedPassages: excerpts,
    usedIn: {
      reports: use.usedIn,
      reportVersion: version ? { title: version.title, text: version.bodyText } : null,
      mostSignificantChange: rounds.map((r) => ({
        domain: r.domain,
        periodFrom: r.periodFrom,
        periodTo: r.periodTo,
        roundStatus: r.status,
        picks: picks.filter((p) => p.roundId === r.id).map((p) => ({ reason: p.reason, at: p.at })),
        selected: selections.some((s) => s.roundId === r.id),
        selectionReasons: selections.filter((s) => s.roundId === r.id).map((s) => s.reason),
        fedBackAt: r.fedBackAt,
      })),
    },
  };
}

export type TellerCopy = NonNullable<Awaited<ReturnType<typeof tellerCopy>>>;
