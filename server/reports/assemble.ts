// Assembles a report from its definition: per outcome its indicators (chart + table), the
// stories consent allows, and Most Significant Change selections; for the whole report the
// climate profile, the four moves and hours and money against the plan. Pure data out: the
// renderer (render.ts) turns it into the page, csv.ts and iati.ts into exports.
//
// Only the stories a report prints are read with their text (reportableStories with their ids);
// the rest are counted from their keys (reportableStoryKeys): at a million stories a report's
// scope holds tens of thousands that may be shown and it prints a few dozen.
import type { Kysely } from 'kysely';
import { reportableStories, reportableStoryKeys, reportPhotosOf, storiesToldCounts, type ReportableKey, type ReportableStory } from '../access.js';
import { phases, type DB } from '../../db/schema.js';
import { areasWithin } from '../../db/repositories/areas.js';
import { readSection } from './section-thread.js';
import { activitiesByPhase, activityCount, mscSelectionsByOutcome, resources, type MscSection, type MscSelection } from './sources.js';
import { attachPhotos } from './photos.js';
import { indicatorProgress, outcomeStatus } from './summary.js';
import type { OutcomeOut, ReportData, ReportDefinition, SectionKey, StoryOut, SummaryOut } from './types.js';
import type { Lang } from './render.js';

export * from './types.js';
export { MIN_CLIMATE_STORIES, type ClimateFigure } from './suppression.js';

/** Stories suggested per outcome when the coordinator has not chosen: MSC selections first, then the most recent. */
export const SUGGESTED_STORIES = 2;

const storyOut = (s: ReportableStory, note = ''): StoryOut => ({
  id: s.id,
  title: s.title,
  bodyHtml: s.bodyHtml,
  when: s.when,
  areaName: s.areaName,
  tellerName: s.tellerName,
  named: s.disclosure === 'named',
  note,
  reviewHash: s.reviewHash,
});

/**
 * Builds the report's data now, from the current database. The reads that do not depend on each
 * other are asked at once (on PostgreSQL each on its own connection of the pool).
 */
export async function assembleReport(db: Kysely<DB>, def: ReportDefinition, now = new Date()): Promise<ReportData> {
  return (await assemble(db, def, now)).data;
}

/**
 * The report's data, and its indicators rendered in `lang` (for renderReport's `indicatorHtml`):
 * on a reader thread they are rendered there, while this thread reads the stories.
 */
export const assembleForPage = (db: Kysely<DB>, def: ReportDefinition, lang: Lang) => assemble(db, def, new Date(), lang);

async function assemble(db: Kysely<DB>, def: ReportDefinition, now: Date, renderIn?: Lang): Promise<{ data: ReportData; indicatorHtml?: Map<number, string> }> {
  const { periodFrom: from, periodTo: to, projectIds, areaIds } = def;
  const has = (k: SectionKey) => def.sections.includes(k);
  // A report about a wijk is about its buurten too.
  const areaScope = areaIds.length ? await areasWithin(db, areaIds) : [];
  const scope = { projectIds, areaIds: areaScope, from, to };
  // The sections a reader thread can read (section-thread.ts) are asked first and awaited last: the
  // stories' part below does not wait for them. Figures are read for the summary even when the
  // report leaves the indicator section out.
  const outcomeChoice = def.outcomeIds.length ? { ids: def.outcomeIds } : { projectIds };
  const sectionsRead = Promise.all([
    readSection(db, 'indicators', { outcomes: outcomeChoice, from, to, areaScope, renderIn: has('indicators') ? renderIn : undefined }),
    has('climate') ? readSection(db, 'climate', scope) : null,
  ]);
  sectionsRead.catch(() => {}); // a failure is thrown where it is awaited, below

  let outcomeQuery = db
    .selectFrom('outcomes')
    .innerJoin('projects', 'projects.id', 'outcomes.projectId')
    .select(['outcomes.id', 'outcomes.projectId', 'projects.name as projectName', 'outcomes.level', 'outcomes.title', 'outcomes.description'])
    .orderBy('projects.name')
    .orderBy('outcomes.sort')
    .orderBy('outcomes.id');
  outcomeQuery = def.outcomeIds.length
    ? outcomeQuery.where('outcomes.id', 'in', def.outcomeIds)
    : outcomeQuery.where('outcomes.projectId', 'in', projectIds.length ? projectIds : [-1]);
  const outcomesRead = outcomeQuery.execute();
  // Every story the report may show, counted; only the ones it prints are read in full (below).
  const keysRead = reportableStoryKeys(db, scope);
  // The accepted tags of all these outcomes at once (kept for the reportable stories only, below).
  const tagsRead = outcomesRead.then((rows) =>
    rows.length
      ? db
          .selectFrom('storyOutcomes')
          .select(['outcomeId', 'storyId'])
          .where(
            'outcomeId',
            'in',
            rows.map((o) => o.id),
          )
          .where('status', '=', 'accepted')
          .orderBy('outcomeId')
          .orderBy('storyId')
          .execute()
      : [],
  );
  const [projects, areas, keys, outcomeRows, tagRows, phaseActivities, told, activities, money, unlinked] = await Promise.all([
    projectIds.length ? db.selectFrom('projects').select(['id', 'name']).where('id', 'in', projectIds).orderBy('name').execute() : [],
    areaIds.length ? db.selectFrom('areas').select(['id', 'name']).where('id', 'in', areaIds).orderBy('name').execute() : [],
    keysRead,
    outcomesRead,
    tagsRead,
    has('phases') ? activitiesByPhase(db, { projectIds, from, to }) : null,
    storiesToldCounts(db, scope),
    activityCount(db, { projectIds, from, to }),
    resources(db, { projectIds, from, to }),
    projectIds.length
      ? db
          .selectFrom('indicators')
          .innerJoin('projects', 'projects.id', 'indicators.projectId')
          .select(['indicators.id', 'indicators.name', 'projects.name as projectName'])
          .where('indicators.projectId', 'in', projectIds)
          .where('indicators.outcomeId', 'is', null)
          .orderBy('indicators.name')
          .orderBy('indicators.id')
          .execute()
      : [],
  ]);
  const keyById = new Map(keys.map((k) => [k.id, k]));
  const tagsOf = new Map<number, Set<number>>(outcomeRows.map((o) => [o.id, new Set()]));
  for (const t of tagRows) if (keyById.has(t.storyId)) tagsOf.get(t.outcomeId)!.add(t.storyId);
  const texts = new Map((def.perOutcome ?? []).map((t) => [t.outcomeId, t]));

  // Per outcome: its tagged stories, its Most Significant Change selections and the stories chosen
  // (or suggested); then the text of just the stories the report prints, in one query.
  const taggedOf = new Map(outcomeRows.map((o) => [o.id, [...tagsOf.get(o.id)!].map((id) => keyById.get(id)!)]));
  const mscOf = await mscSelectionsByOutcome(
    db,
    outcomeRows.filter((o) => has('msc') || !texts.get(o.id)?.storyIds).map((o) => ({ outcomeId: o.id, storyIds: taggedOf.get(o.id)!.map((s) => s.id) })),
  );
  const plans = outcomeRows.map((o) => {
    const tagged = taggedOf.get(o.id)!;
    const msc: MscSection = mscOf.get(o.id) ?? { included: false };
    const chosenIds = has('stories') ? (texts.get(o.id)?.storyIds ?? suggestedStories(tagged, msc)) : [];
    return { o, tagged, msc, chosenIds };
  });
  const printedIds = new Set(plans.flatMap((p) => [...p.chosenIds, ...(has('msc') && p.msc.included ? p.msc.selections.map((m) => m.storyId) : [])]));
  const printable = [...printedIds].filter((id) => keyById.has(id));
  // Their photos and the coordinators' notes on their tags are asked at the same time (photos: for the stories printed in full among them, attachPhotos).
  const [printableStories, photos, noteRows] = await Promise.all([
    reportableStories(db, { ...scope, storyIds: printable }),
    reportPhotosOf(db, printable),
    printable.length
      ? db
          .selectFrom('storyOutcomes')
          .select(['outcomeId', 'storyId', 'note'])
          .where('storyId', 'in', printable)
          .where(
            'outcomeId',
            'in',
            outcomeRows.map((o) => o.id),
          )
          .where('status', '=', 'accepted')
          .execute()
      : [],
  ]);
  const noteOf = (outcomeId: number, storyId: number) => noteRows.find((n) => n.outcomeId === outcomeId && n.storyId === storyId)?.note ?? '';
  const storyById = new Map(printableStories.map((s) => [s.id, s]));
  const [{ byOutcome: indicators, html: indicatorHtml }, climate] = await sectionsRead;

  // Each story is printed in full once in the whole report; where it is chosen again it is referred to by title.
  const printed = new Set<number>();
  const outcomes: OutcomeOut[] = plans.map(({ o, tagged, msc, chosenIds }) => {
    // Consent is applied again now: a chosen story the report may no longer show drops out.
    const chosen = chosenIds.flatMap((id) => storyById.get(id) ?? []);
    const full: StoryOut[] = [];
    const refs: { id: number; title: string; reviewHash?: string }[] = [];
    for (const s of chosen) {
      if (printed.has(s.id)) refs.push({ id: s.id, title: s.title, reviewHash: s.reviewHash });
      else {
        printed.add(s.id);
        full.push(storyOut(s, noteOf(o.id, s.id)));
      }
    }
    const chosenSet = new Set(chosen.map((s) => s.id));
    const outcomeIndicators = indicators.get(o.id) ?? [];
    return {
      ...o,
      narrativeHtml: texts.get(o.id)?.narrativeHtml ?? '',
      status: outcomeStatus(outcomeIndicators.map(indicatorProgress)),
      indicators: has('indicators') ? outcomeIndicators : [],
      stories: full,
      storyRefs: refs,
      otherStories: has('stories') ? tagged.filter((s) => !chosenSet.has(s.id)).length : 0,
      msc:
        has('msc') && msc.included
          ? { included: true, selections: msc.selections.map((m) => ('withdrawn' in m ? m : mscStory(m, storyById, printed))) }
          : { included: false },
    };
  });

  const phasesOut: ReportData['phases'] = phaseActivities
    ? {
        stories: [...phases, null].map((phase) => ({ phase, stories: [], count: keys.filter((s) => s.phase === phase).length })),
        activities: phaseActivities,
      }
    : null;

  const summary: SummaryOut = {
    outcomes: outcomeRows.map((o) => {
      const progress = (indicators.get(o.id) ?? []).map(indicatorProgress);
      return { id: o.id, title: o.title, projectName: o.projectName, status: outcomeStatus(progress), indicators: progress };
    }),
    counts: {
      storiesTold: told.stories,
      storiesReportable: keys.length,
      tellers: told.tellers,
      areas: told.areas,
      activities,
      hours: money.actualHours ?? 0,
      hoursPlanned: money.planHours,
      euros: money.actualEuros ?? 0,
      eurosPlanned: money.planEuros,
    },
    unlinkedIndicators: unlinked,
  };

  const { projectIds: _p, areaIds: _a, outcomeIds: _o, perOutcome: _t, ...report } = def;
  const data = await attachPhotos(
    db,
    {
      version: 1,
      report,
      projects,
      areas,
      assembledAt: now.toISOString(),
      outcomes,
      climate,
      phases: phasesOut,
      resources: has('resources') ? money : null,
      summary,
    },
    photos,
  );
  return { data, indicatorHtml };
}

/** The stories suggested for an outcome: its Most Significant Change selections first, then the most recent. */
export function suggestedStories(tagged: Pick<ReportableKey, 'id' | 'date'>[], msc: MscSection): number[] {
  const mscIds = msc.included ? [...new Set(msc.selections.map((m) => m.storyId))] : [];
  const recent = [...tagged].sort((a, b) => b.date.localeCompare(a.date) || b.id - a.id).filter((s) => !mscIds.includes(s.id));
  return [...mscIds, ...recent.map((s) => s.id)].slice(0, Math.max(SUGGESTED_STORIES, mscIds.length));
}

/** A Most Significant Change selection shows its story: in full the first time the report prints it, else by title. */
function mscStory(m: MscSelection, byId: Map<number, ReportableStory>, printed: Set<number>) {
  const s = byId.get(m.storyId);
  if (!s) return m;
  if (printed.has(s.id)) return { ...m, title: s.title };
  printed.add(s.id);
  return { ...m, title: s.title, story: storyOut(s) };
}

/** Every story id the data shows (to record which stories a version used). */
export function storyIdsOf(data: ReportData): number[] {
  const ids = new Set<number>();
  for (const o of data.outcomes) {
    for (const s of o.stories) ids.add(s.id);
    for (const s of o.storyRefs ?? []) ids.add(s.id);
    if (o.msc.included) for (const m of o.msc.selections) ids.add(m.storyId);
  }
  for (const p of data.phases?.stories ?? []) for (const s of p.stories) ids.add(s.id);
  return [...ids].sort((a, b) => a - b);
}
