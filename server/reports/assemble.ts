// Assembles a report from its definition: per outcome its indicators (chart + table), the
// stories consent allows, and Most Significant Change selections; for the whole report the
// climate profile, the four moves and hours and money against the plan. Pure data out: the
// renderer (render.ts) turns it into the page, csv.ts and iati.ts into exports.
import type { Kysely } from 'kysely';
import { reportableStories, storiesToldCounts, type ReportableStory } from '../access.js';
import { phases, type DB, type OutcomeLevel, type Phase, type ReportAudience } from '../../db/schema.js';
import { areasWithin } from '../../db/repositories/areas.js';
import { indicatorSeries } from '../../db/repositories/counting.js';
import { chartId, indicatorFigure } from './chart.js';
import { midpoint, periodRange } from '../../db/domain/periods.js';
import { MIN_CLIMATE_STORIES, suppressClimate, type ClimateFigure } from './suppression.js';
import { activitiesByPhase, activityCount, mscSelections, resources, type ActivitiesByPhase, type MscSection, type Resources } from './sources.js';
import { attachPhotos } from './photos.js';
import { indicatorProgress, outcomeStatus, type IndicatorProgress, type Status } from './summary.js';

export const sectionKeys = ['indicators', 'stories', 'msc', 'climate', 'phases', 'resources'] as const;
export type SectionKey = (typeof sectionKeys)[number];

export { MIN_CLIMATE_STORIES, type ClimateFigure } from './suppression.js';

export type ReportDefinition = {
  id: number;
  title: string;
  audience: ReportAudience;
  periodFrom: string;
  periodTo: string;
  projectIds: number[];
  areaIds: number[];
  outcomeIds: number[];
  sections: SectionKey[];
  introHtml: string;
  /** per outcome: the narrative (sanitised HTML) and the chosen stories in order (null: suggested) */
  perOutcome?: { outcomeId: number; narrativeHtml: string; storyIds: number[] | null }[];
};

/** Stories suggested per outcome when the coordinator has not chosen: MSC selections first, then the most recent. */
export const SUGGESTED_STORIES = 2;

export type StoryOut = {
  id: number;
  title: string;
  bodyHtml: string;
  /** plain text: only in versions published before issue 12 (now derived from bodyHtml, so no text is stored twice) */
  text?: string;
  /** YYYY-MM (anonymised) or YYYY-MM-DD (named) */
  when: string;
  areaName: string | null;
  /** the teller's chosen name; only for stories with public consent */
  tellerName: string | null;
  named: boolean;
  note: string;
  /** sha256 of the reviewed report version shown (versions published before reviews lack it) */
  reviewHash?: string;
  /** the photo the teller let into reports (photos.ts); versions before issue 14 lack it */
  photo?: { id: number };
};
export type WithdrawnStory = { id: number; withdrawn: true };

export type IndicatorPeriod = { period: string; start: string; end: string; target: number | null; actual: number | null };
export type IndicatorArea = { id: number; name: string; periods: IndicatorPeriod[] };
export type IndicatorOut = {
  id: number;
  name: string;
  description: string;
  unit: string;
  measure: string;
  direction: 'higher' | 'lower';
  baseline: { value: number; period: string | null } | null;
  periods: IndicatorPeriod[];
  /** Per-area figures of an indicator counted per area (versions published before these existed lack it). */
  areas?: IndicatorArea[];
  chartSvg: string;
};

export type OutcomeOut = {
  id: number;
  projectId: number;
  projectName: string;
  level: OutcomeLevel;
  title: string;
  description: string;
  indicators: IndicatorOut[];
  /** the chosen stories printed in full here (each story is printed in full once in a report) */
  stories: (StoryOut | WithdrawnStory)[];
  msc: MscSection;
  /** the coordinator's narrative ("wat we zien"), sanitised HTML (from issue 12 on) */
  narrativeHtml?: string;
  /** chosen stories printed in full elsewhere in the report, referred to by title */
  storyRefs?: { id: number; title: string; reviewHash?: string }[];
  /** stories tagged to the outcome that the report may show but that were not chosen */
  otherStories?: number;
  status?: Status;
};

export type ClimateVariableOut = {
  id: number;
  key: string;
  name: string;
  weak: string;
  strong: string;
  all: ClimateFigure;
  firstHalf: ClimateFigure;
  secondHalf: ClimateFigure;
  /** second half minus first half, when both halves have enough stories */
  shift: number | null;
  /** how the placements spread over five bands of 20 (0–20 … 80–100), per half; null where a half has too few stories */
  spread?: { first: number[] | null; second: number[] | null };
};

/** What the summary page counts (from issue 12 on). */
export type SummaryOut = {
  outcomes: { id: number; title: string; status: Status; indicators: IndicatorProgress[] }[];
  counts: {
    storiesTold: number;
    storiesReportable: number;
    tellers: number;
    areas: number;
    activities: number;
    hours: number;
    hoursPlanned: number | null;
    euros: number;
    eurosPlanned: number | null;
  };
  /** indicators of the report's projects linked to no outcome: they are in no report */
  unlinkedIndicators: { id: number; name: string }[];
};

export type PhaseStory = { id: number; title: string; reviewHash?: string };
/** Stories per phase: versions from issue 12 on count them (`count`) and list none. */
export type PhaseOut = { phase: Phase | null; stories: (PhaseStory | WithdrawnStory)[]; count?: number };

export type ReportData = {
  version: 1;
  report: Omit<ReportDefinition, 'projectIds' | 'areaIds' | 'outcomeIds'>;
  projects: { id: number; name: string }[];
  areas: { id: number; name: string }[];
  assembledAt: string;
  outcomes: OutcomeOut[];
  climate: { minStories: number; split: string; variables: ClimateVariableOut[] } | null;
  phases: { stories: PhaseOut[]; activities: ActivitiesByPhase } | null;
  resources: Resources | null;
  summary?: SummaryOut;
  /** the organisation that reports (ORG_NAME), for the cover */
  organisation?: string;
};

const round1 = (n: number) => Math.round(n * 10) / 10;

function figure(values: number[]): ClimateFigure {
  return { n: values.length, mean: values.length >= MIN_CLIMATE_STORIES ? round1(values.reduce((a, b) => a + b, 0) / values.length) : null };
}

const withRange = <P extends { period: string; target: number | null; actual: number | null }>(points: P[]): IndicatorPeriod[] =>
  points
    .map(({ period, target, actual }) => ({ period, ...periodRange(period)!, target, actual }))
    .sort((a, b) => a.start.localeCompare(b.start) || a.end.localeCompare(b.end));

/**
 * The report's indicators per outcome, read through the counting capability's `indicatorSeries`
 * (one rule for what the overall figure of an indicator kept per area is): per period the target
 * and actual overall, and each area's — within the report's areas when it names any.
 */
async function indicatorsByOutcome(db: Kysely<DB>, outcomeIds: number[], from: string, to: string, areaScope: number[]): Promise<Map<number, IndicatorOut[]>> {
  const out = new Map<number, IndicatorOut[]>(outcomeIds.map((id) => [id, []]));
  if (!outcomeIds.length) return out;
  const rows = await db.selectFrom('indicators').select(['id', 'outcomeId']).where('outcomeId', 'in', outcomeIds).orderBy('id').execute();
  const series = await indicatorSeries(db, { indicatorIds: rows.map((r) => r.id), from, to, areaIds: areaScope.length ? areaScope : undefined });
  const areaIds = [...new Set(series.flatMap((s) => s.series.flatMap((p) => p.areas.map((a) => a.areaId))))];
  const areaNames = new Map(
    areaIds.length ? (await db.selectFrom('areas').select(['id', 'name']).where('id', 'in', areaIds).execute()).map((a) => [a.id, a.name]) : [],
  );
  const byId = new Map(series.map((s) => [s.indicator.id, s]));
  for (const row of rows) {
    const { indicator: ind, series: points } = byId.get(row.id)!;
    const periods = withRange(points.filter((p) => p.target !== null || p.actual !== null));
    const areas: IndicatorArea[] = [...new Set(points.flatMap((p) => p.areas.map((a) => a.areaId)))]
      .map((id) => ({
        id,
        name: areaNames.get(id) ?? '',
        periods: withRange(points.flatMap((p) => p.areas.filter((a) => a.areaId === id).map((a) => ({ ...a, period: p.period })))),
      }))
      .sort((a, b) => a.name.localeCompare(b.name, 'nl'));
    out.get(row.outcomeId!)!.push(indicatorOut(ind, periods, areas, row.outcomeId!));
  }
  return out;
}

function indicatorOut(
  ind: Awaited<ReturnType<typeof indicatorSeries>>[number]['indicator'],
  periods: IndicatorPeriod[],
  areas: IndicatorArea[],
  outcomeId: number,
): IndicatorOut {
  const baseline = ind.baselineValue == null ? null : { value: ind.baselineValue, period: ind.baselinePeriod };
  return {
    id: ind.id,
    name: ind.name,
    description: ind.description,
    unit: ind.unit,
    measure: ind.measure,
    direction: ind.direction,
    baseline,
    periods,
    areas,
    chartSvg: indicatorFigure('nl', chartId(outcomeId, ind.id), { name: ind.name, unit: ind.unit, baseline, periods }),
  };
}

function climateOf(
  stories: ReportableStory[],
  variables: { id: number; key: string; nameNl: string; weakNl: string; strongNl: string }[],
  placements: { storyId: number; variableId: number; source: string; position: number | null }[],
  split: string,
): ClimateVariableOut[] {
  const byId = new Map(stories.map((s) => [s.id, s]));
  return variables.flatMap((v) => {
    // One position per story: the teller's own placement first, else the coordinator's.
    const pos = new Map<number, number>();
    for (const source of ['coordinator', 'teller']) {
      for (const p of placements) if (p.variableId === v.id && p.source === source && p.position != null && byId.has(p.storyId)) pos.set(p.storyId, p.position);
    }
    if (!pos.size) return [];
    const all = [...pos.values()];
    const first = [...pos].filter(([id]) => byId.get(id)!.date < split).map(([, p]) => p);
    const second = [...pos].filter(([id]) => byId.get(id)!.date >= split).map(([, p]) => p);
    const f = figure(first);
    const s = figure(second);
    // suppressClimate (suppression.ts) drops the spread of every half whose figure it hides.
    const bands = (xs: number[], shown: boolean) => (shown ? [0, 1, 2, 3, 4].map((b) => xs.filter((x) => Math.min(4, Math.floor(x / 20)) === b).length) : null);
    return [
      suppressClimate({
        id: v.id,
        key: v.key,
        name: v.nameNl,
        weak: v.weakNl,
        strong: v.strongNl,
        all: figure(all),
        firstHalf: f,
        secondHalf: s,
        shift: f.mean != null && s.mean != null ? round1(s.mean - f.mean) : null,
        spread: { first: bands(first, true), second: bands(second, true) },
      }),
    ];
  });
}

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

/** Builds the report's data now, from the current database. */
export async function assembleReport(db: Kysely<DB>, def: ReportDefinition, now = new Date()): Promise<ReportData> {
  const { periodFrom: from, periodTo: to, projectIds, areaIds } = def;
  const has = (k: SectionKey) => def.sections.includes(k);
  const [projects, areas] = await Promise.all([
    projectIds.length ? db.selectFrom('projects').select(['id', 'name']).where('id', 'in', projectIds).orderBy('name').execute() : [],
    areaIds.length ? db.selectFrom('areas').select(['id', 'name']).where('id', 'in', areaIds).orderBy('name').execute() : [],
  ]);
  // A report about a wijk is about its buurten too.
  const areaScope = areaIds.length ? await areasWithin(db, areaIds) : [];
  const stories = await reportableStories(db, { projectIds, areaIds: areaScope, from, to });
  const storyById = new Map(stories.map((s) => [s.id, s]));

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
  const outcomeRows = await outcomeQuery.execute();

  // The accepted tags of all these outcomes at once, kept for the reportable stories only.
  const notes = new Map<number, Map<number, string | null>>(outcomeRows.map((o) => [o.id, new Map()]));
  if (stories.length && outcomeRows.length) {
    const tagRows = await db
      .selectFrom('storyOutcomes')
      .select(['outcomeId', 'storyId', 'note'])
      .where(
        'outcomeId',
        'in',
        outcomeRows.map((o) => o.id),
      )
      .where('status', '=', 'accepted')
      .orderBy('outcomeId')
      .orderBy('storyId')
      .execute();
    for (const t of tagRows) {
      const byStory = notes.get(t.outcomeId)!;
      if (storyById.has(t.storyId) && !byStory.has(t.storyId)) byStory.set(t.storyId, t.note);
    }
  }

  // Figures are read for the summary even when the report leaves the indicator section out.
  const indicators = await indicatorsByOutcome(
    db,
    outcomeRows.map((o) => o.id),
    from,
    to,
    areaScope,
  );
  const texts = new Map((def.perOutcome ?? []).map((t) => [t.outcomeId, t]));
  // Each story is printed in full once in the whole report; where it is chosen again it is referred to by title.
  const printed = new Set<number>();
  const outcomes: OutcomeOut[] = [];
  for (const o of outcomeRows) {
    const byStory = notes.get(o.id)!;
    const tagged = stories.filter((s) => byStory.has(s.id));
    const msc: MscSection =
      has('msc') || !texts.get(o.id)?.storyIds ? await mscSelections(db, { outcomeId: o.id, storyIds: tagged.map((s) => s.id) }) : { included: false };
    const chosenIds = texts.get(o.id)?.storyIds ?? suggestedStories(tagged, msc);
    // Consent is applied again now: a chosen story the report may no longer show drops out.
    const chosen = has('stories') ? chosenIds.flatMap((id) => storyById.get(id) ?? []) : [];
    const full: StoryOut[] = [];
    const refs: { id: number; title: string; reviewHash?: string }[] = [];
    for (const s of chosen) {
      if (printed.has(s.id)) refs.push({ id: s.id, title: s.title, reviewHash: s.reviewHash });
      else {
        printed.add(s.id);
        full.push(storyOut(s, byStory.get(s.id) ?? ''));
      }
    }
    const chosenSet = new Set(chosen.map((s) => s.id));
    const outcomeIndicators = indicators.get(o.id) ?? [];
    outcomes.push({
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
    });
  }

  let climate: ReportData['climate'] = null;
  if (has('climate')) {
    const split = midpoint(from, to);
    const ids = stories.map((s) => s.id);
    const [variables, placements] = await Promise.all([
      db
        .selectFrom('climateVariables')
        .select(['id', 'key', 'nameNl', 'weakNl', 'strongNl'])
        .where('retiredAt', 'is', null)
        .orderBy('sort')
        .orderBy('id')
        .execute(),
      ids.length
        ? db
            .selectFrom('storyPlacements')
            .select(['storyId', 'variableId', 'source', 'position'])
            .where('status', '=', 'accepted')
            .where('storyId', 'in', ids)
            .execute()
        : [],
    ]);
    climate = { minStories: MIN_CLIMATE_STORIES, split, variables: climateOf(stories, variables, placements, split) };
  }

  const phasesOut: ReportData['phases'] = has('phases')
    ? {
        stories: [...phases, null].map((phase) => ({ phase, stories: [], count: stories.filter((s) => s.phase === phase).length })),
        activities: await activitiesByPhase(db, { projectIds, from, to }),
      }
    : null;

  const [told, activities, money, unlinked] = await Promise.all([
    storiesToldCounts(db, { projectIds, areaIds: areaScope, from, to }),
    activityCount(db, { projectIds, from, to }),
    resources(db, { projectIds, from, to }),
    projectIds.length
      ? db
          .selectFrom('indicators')
          .select(['id', 'name'])
          .where('projectId', 'in', projectIds)
          .where('outcomeId', 'is', null)
          .orderBy('name')
          .orderBy('id')
          .execute()
      : [],
  ]);
  const summary: SummaryOut = {
    outcomes: outcomeRows.map((o) => {
      const progress = (indicators.get(o.id) ?? []).map(indicatorProgress);
      return { id: o.id, title: o.title, status: outcomeStatus(progress), indicators: progress };
    }),
    counts: {
      storiesTold: told.stories,
      storiesReportable: stories.length,
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
  return attachPhotos(db, {
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
  });
}

/** The stories suggested for an outcome: its Most Significant Change selections first, then the most recent. */
export function suggestedStories(tagged: ReportableStory[], msc: MscSection): number[] {
  const mscIds = msc.included ? [...new Set(msc.selections.map((m) => m.storyId))] : [];
  const recent = [...tagged].sort((a, b) => b.date.localeCompare(a.date) || b.id - a.id).filter((s) => !mscIds.includes(s.id));
  return [...mscIds, ...recent.map((s) => s.id)].slice(0, Math.max(SUGGESTED_STORIES, mscIds.length));
}

/** A Most Significant Change selection shows its story: in full the first time the report prints it, else by title. */
function mscStory(m: import('./sources.js').MscSelection, byId: Map<number, ReportableStory>, printed: Set<number>) {
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
