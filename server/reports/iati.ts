// A published version as an IATI 2.03 activity: one result per outcome (type from its level),
// its indicators with baseline and periods (target, actual), and the stories — already stripped
// to what consent allows — as narratives of the result's description.
import { create } from 'xmlbuilder2';
import type { IndicatorOut, IndicatorPeriod, ReportData, StoryOut } from './assemble.js';
import { htmlToText } from './text.js';
import {
  activityDateType,
  activityStatus,
  descriptionType,
  organisationRole,
  recipientCountry,
  splitSector,
  type IatiOrg,
  iatiSectors,
  type IatiSectorKey,
} from './iati/codelists.js';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { projectSectors } from '../../db/repositories/projects.js';
import { iatiResultType } from '../../db/schema.js';
import { IATI_MEASURE_CODE, type Measure } from '../../db/repositories/counting.js';

/** The activity is the work of the report's period, seen on the day the version is published: dates
 * already passed are actual, later ones planned; the status says whether the period has not begun,
 * is running or is over. */
export function activityTiming(periodFrom: string, periodTo: string, publishedOn: string) {
  const started = periodFrom <= publishedOn;
  const ended = periodTo < publishedOn;
  return {
    status: ended ? activityStatus.closed : started ? activityStatus.implementation : activityStatus.pipeline,
    start: started ? activityDateType.actualStart : activityDateType.plannedStart,
    end: ended ? activityDateType.actualEnd : activityDateType.plannedEnd,
  };
}

// XML 1.0 forbids most control characters.
const clean = (s: string) => s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');
const value = (n: number) => String(n);

function storyNarrative(s: StoryOut): string {
  const who = s.named && s.tellerName ? ` — ${s.tellerName}` : ' — anoniem';
  return clean(`Verhaal: ${s.title}${who} (${s.when}). ${s.text ?? htmlToText(s.bodyHtml)}`);
}

/**
 * The activity's sectors from its projects' sectors: per vocabulary each code's share of the projects
 * (whole percentages summing to exactly 100, as IATI's rules require; the largest remainders round up).
 */
export function sectorShares(keys: IatiSectorKey[]) {
  const byVocabulary = new Map<string, Map<string, number>>();
  for (const key of keys) {
    const { vocabulary, code } = splitSector(key);
    const codes = byVocabulary.get(vocabulary) ?? new Map<string, number>();
    codes.set(code, (codes.get(code) ?? 0) + 1);
    byVocabulary.set(vocabulary, codes);
  }
  return [...byVocabulary.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .flatMap(([vocabulary, codes]) => {
      const total = [...codes.values()].reduce((a, b) => a + b, 0);
      const rows = [...codes.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([code, n]) => ({ code, exact: (n * 100) / total, percentage: Math.floor((n * 100) / total) }));
      let left = 100 - rows.reduce((a, r) => a + r.percentage, 0);
      for (const r of [...rows].sort((a, b) => b.exact - b.percentage - (a.exact - a.percentage))) if (left-- > 0) r.percentage++;
      return rows.map((r) => ({ vocabulary, code: r.code, name: splitSector(`${vocabulary}:${r.code}` as IatiSectorKey).name, percentage: r.percentage }));
    });
}

/** Each project's sector as it is now (a project without one has the organisation's); at least one. */
export async function iatiSectorsOf(db: Kysely<DB>, projectIds: number[], orgSector: IatiSectorKey): Promise<IatiSectorKey[]> {
  const chosen = await projectSectors(db, projectIds);
  const keys = projectIds.map((id) => chosen.get(id) ?? orgSector);
  return (keys.length ? keys : [orgSector]).map((k) => (k in iatiSectors ? (k as IatiSectorKey) : orgSector));
}

/** What classifies the activity beyond the report itself: the sector of each of its projects. */
export type IatiClassification = { sectors: IatiSectorKey[] };

export function reportIati(
  data: ReportData,
  meta: { number: number; publishedAt: string; reportId: number },
  org: IatiOrg,
  classification: IatiClassification,
): string {
  const r = data.report;
  const doc = create({ version: '1.0', encoding: 'UTF-8' });
  const root = doc.ele('iati-activities', { version: '2.03', 'generated-datetime': meta.publishedAt.replace(/\.\d+Z$/, 'Z') });
  const act = root.ele('iati-activity', { 'xml:lang': 'nl', 'default-currency': 'EUR', 'last-updated-datetime': meta.publishedAt.replace(/\.\d+Z$/, 'Z') });
  act.ele('iati-identifier').txt(`${org.ref}-WW-R${meta.reportId}`);
  act.ele('reporting-org', { ref: org.ref, type: org.type }).ele('narrative').txt(clean(org.name));
  act
    .ele('title')
    .ele('narrative')
    .txt(clean(`${r.title} (versie ${meta.number})`));
  const intro = clean(htmlToText(r.introHtml)).trim();
  act
    .ele('description', { type: descriptionType.general })
    .ele('narrative')
    .txt(intro || clean(`Rapportage over ${data.projects.map((p) => p.name).join(', ')}, ${r.periodFrom} tot en met ${r.periodTo}.`));
  act.ele('participating-org', { ref: org.ref, role: organisationRole.implementing, type: org.type }).ele('narrative').txt(clean(org.name));
  const timing = activityTiming(r.periodFrom, r.periodTo, meta.publishedAt.slice(0, 10));
  act.ele('activity-status', { code: timing.status });
  act.ele('activity-date', { type: timing.start, 'iso-date': r.periodFrom });
  act.ele('activity-date', { type: timing.end, 'iso-date': r.periodTo });
  // Where and on what: the Netherlands, and the projects' sectors (IATI's Standard Ruleset requires both).
  act.ele('recipient-country', { code: recipientCountry, percentage: '100' });
  for (const s of sectorShares(classification.sectors))
    act
      .ele('sector', { vocabulary: s.vocabulary, code: s.code, percentage: String(s.percentage) })
      .ele('narrative')
      .txt(s.name);

  for (const o of data.outcomes) {
    const result = act.ele('result', { type: String(iatiResultType[o.level]) });
    result.ele('title').ele('narrative').txt(clean(o.title));
    const stories = o.stories.filter((s): s is StoryOut => !('withdrawn' in s));
    const narratives = [o.description, ...stories.map(storyNarrative)].map(clean).filter((t) => t.trim());
    if (narratives.length) {
      const d = result.ele('description');
      for (const n of narratives) d.ele('narrative').txt(n);
    }
    const indicators: IndicatorOut[] = o.indicators.length
      ? o.indicators
      : [
          {
            id: 0,
            name: `${o.title}: verhalen`,
            description: '',
            unit: 'count',
            measure: 'qualitative',
            direction: 'higher',
            baseline: null,
            periods: [],
          },
        ];
    for (const i of indicators) {
      const attrs: Record<string, string> = { measure: IATI_MEASURE_CODE[i.measure as Measure] };
      if (i.measure !== 'qualitative') attrs.ascending = i.direction === 'higher' ? '1' : '0';
      const ind = result.ele('indicator', attrs);
      ind.ele('title').ele('narrative').txt(clean(i.name));
      if (clean(i.description).trim()) ind.ele('description').ele('narrative').txt(clean(i.description));
      if (i.baseline) {
        const year = Number((i.baseline.period ?? r.periodFrom).slice(0, 4));
        ind.ele('baseline', { year: String(year), 'iso-date': `${year}-01-01`, value: value(i.baseline.value) });
      }
      // One period element per period; the figures per area go in it beside the overall ones, each
      // with a dimension naming its area.
      const byPeriod = new Map<string, { start: string; end: string; figures: { target: number | null; actual: number | null; area: string | null }[] }>();
      const add = (p: IndicatorPeriod, area: string | null) => {
        const entry = byPeriod.get(p.period) ?? { start: p.start, end: p.end, figures: [] };
        entry.figures.push({ target: p.target, actual: p.actual, area });
        byPeriod.set(p.period, entry);
      };
      for (const p of i.periods) add(p, null);
      for (const a of i.areas ?? []) for (const p of a.periods) add(p, a.name);
      for (const p of [...byPeriod.values()].sort((a, b) => a.start.localeCompare(b.start) || a.end.localeCompare(b.end))) {
        const period = ind.ele('period');
        period.ele('period-start', { 'iso-date': p.start });
        period.ele('period-end', { 'iso-date': p.end });
        for (const kind of ['target', 'actual'] as const) {
          for (const f of p.figures) {
            if (f[kind] == null) continue;
            const el = period.ele(kind, { value: value(f[kind]) });
            if (f.area) el.ele('dimension', { name: 'gebied', value: clean(f.area) });
          }
        }
      }
    }
  }
  return doc.end({ prettyPrint: true });
}
