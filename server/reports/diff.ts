// What a new version would change against the last published one: stories added and removed,
// figures changed (per indicator, period and area), the coordinator's texts rewritten. Shown before
// publishing, so nothing changes in front of a funder unnoticed.
import { storyIdsOf, type ReportData } from './assemble.js';

export type StoryRef = { id: number; title: string };
export type FigureChange = {
  indicator: string;
  period: string;
  area: string | null;
  before: { target: number | null; actual: number | null } | null;
  after: { target: number | null; actual: number | null } | null;
};
/** An outcome named as a reader finds it: its title under its project. */
export type OutcomeRef = { id: number; title: string; projectName: string };
export type VersionDiff = {
  lastVersion: number | null;
  storiesAdded: StoryRef[];
  storiesRemoved: StoryRef[];
  figuresChanged: FigureChange[];
  titleChanged: boolean;
  periodChanged: boolean;
  introChanged: boolean;
  /** outcomes whose "what we see" text was written, rewritten or removed */
  textsChanged: OutcomeRef[];
  /** a new version would say exactly what the last one says: publishing is refused */
  unchanged: boolean;
};

/** Whether two assemblies say the same: everything but the moment each was made. */
export function sameReport(a: ReportData, b: ReportData): boolean {
  const content = (d: ReportData) => JSON.stringify({ ...d, assembledAt: null });
  return content(a) === content(b);
}

/** The title of every story the data shows (printed, referred to, or chosen for Most Significant Change). */
function storyTitles(data: ReportData): Map<number, string> {
  const titles = new Map<number, string>();
  for (const o of data.outcomes) {
    for (const s of o.stories) if (!('withdrawn' in s)) titles.set(s.id, s.title);
    for (const s of o.storyRefs ?? []) titles.set(s.id, s.title);
    if (o.msc.included) for (const m of o.msc.selections) if (!('withdrawn' in m) && m.title) titles.set(m.storyId, m.title);
  }
  for (const p of data.phases?.stories ?? []) for (const s of p.stories) if (!('withdrawn' in s)) titles.set(s.id, s.title);
  return titles;
}

function figures(
  data: ReportData,
): Map<string, { indicator: string; period: string; area: string | null; value: { target: number | null; actual: number | null } }> {
  const out = new Map<string, { indicator: string; period: string; area: string | null; value: { target: number | null; actual: number | null } }>();
  for (const o of data.outcomes)
    for (const ind of o.indicators) {
      for (const p of ind.periods)
        out.set(`${ind.id}||${p.period}`, { indicator: ind.name, period: p.period, area: null, value: { target: p.target, actual: p.actual } });
      for (const a of ind.areas ?? [])
        for (const p of a.periods)
          out.set(`${ind.id}|${a.id}|${p.period}`, { indicator: ind.name, period: p.period, area: a.name, value: { target: p.target, actual: p.actual } });
    }
  return out;
}

function textsChanged(last: ReportData, next: ReportData): OutcomeRef[] {
  const before = new Map(last.outcomes.map((o) => [o.id, o.narrativeHtml ?? '']));
  return next.outcomes
    .filter((o) => (o.narrativeHtml ?? '') !== (before.get(o.id) ?? ''))
    .map((o) => ({ id: o.id, title: o.title, projectName: o.projectName }));
}

/**
 * `last` is the last version as it is served now (withdrawals honoured, so a withdrawal is not
 * news); `stored`, that version as it was published, tells whether a new one would be the same.
 */
export function versionDiff(last: { number: number; data: ReportData; stored: ReportData } | null, next: ReportData): VersionDiff {
  const before = last ? storyTitles(last.data) : new Map<number, string>();
  const after = storyTitles(next);
  const nextIds = new Set(storyIdsOf(next));
  const lastIds = new Set(last ? storyIdsOf(last.data) : []);
  const storiesAdded = [...nextIds].filter((id) => !lastIds.has(id)).map((id) => ({ id, title: after.get(id) ?? '' }));
  const storiesRemoved = [...lastIds].filter((id) => !nextIds.has(id)).map((id) => ({ id, title: before.get(id) ?? '' }));
  const f0 = last ? figures(last.data) : new Map();
  const f1 = figures(next);
  const figuresChanged: FigureChange[] = [];
  if (last)
    for (const key of new Set([...f0.keys(), ...f1.keys()])) {
      const a = f0.get(key);
      const b = f1.get(key);
      if (a && b && a.value.target === b.value.target && a.value.actual === b.value.actual) continue;
      const ref = (b ?? a)!;
      figuresChanged.push({ indicator: ref.indicator, period: ref.period, area: ref.area, before: a?.value ?? null, after: b?.value ?? null });
    }
  return {
    lastVersion: last?.number ?? null,
    storiesAdded,
    storiesRemoved,
    figuresChanged,
    titleChanged: !!last && last.data.report.title !== next.report.title,
    periodChanged: !!last && (last.data.report.periodFrom !== next.report.periodFrom || last.data.report.periodTo !== next.report.periodTo),
    introChanged: !!last && last.data.report.introHtml !== next.report.introHtml,
    textsChanged: last ? textsChanged(last.data, next) : [],
    unchanged: !!last && sameReport(last.stored, next),
  };
}
