// The report's numbers as CSV (formula-like cells neutralised by writeCsv).
import { writeCsv } from '../csv.js';
import type { ReportData } from './assemble.js';

const columns = ['section', 'project', 'outcome', 'item', 'unit', 'period', 'baseline', 'target', 'actual', 'stories', 'area'];
/** The column names a Dutch spreadsheet user reads. */
const dutchColumns = ['onderdeel', 'project', 'uitkomst', 'onderwerp', 'eenheid', 'periode', 'nulmeting', 'doel', 'gerealiseerd', 'verhalen', 'gebied'];
/** The words the plain CSV writes as keys (section, unit, phase-less item, half of the period), in Dutch. */
const dutch: Record<string, string> = {
  indicator: 'indicator',
  'outcome stories': 'verhalen bij uitkomst',
  climate: 'sociaal klimaat',
  'climate shift': 'verschuiving sociaal klimaat',
  'phase stories': 'verhalen per fase',
  'phase activities': 'activiteiten per fase',
  'phase hours': 'uren per fase',
  hours: 'uren',
  money: 'geld',
  count: 'aantal',
  percentage: 'procent',
  score: 'score',
  'score 0-100': 'score 0-100',
  all: 'hele periode',
  'first half': 'eerste helft',
  'second half': 'tweede helft',
  none: 'zonder fase',
};
/** The columns that hold such keys: section, item, unit, period (an indicator's item and period are its own). */
const keyColumns = [0, 3, 4, 5];

/** The stories an outcome counts: printed here, printed elsewhere and referred to, and not chosen. */
const outcomeStories = (o: ReportData['outcomes'][number]) =>
  o.stories.filter((s) => !('withdrawn' in s)).length + (o.storyRefs?.length ?? 0) + (o.otherStories ?? 0);

/**
 * The numbers of a report. `excel: 'nl'` writes them as Excel set to Dutch opens a file by double-click:
 * `;` between cells, a decimal comma, Dutch column names, CRLF; the plain CSV is for programs.
 */
export function reportCsv(data: ReportData, opts: { excel?: 'nl' } = {}): string {
  // 'area' is last so that columns keep their places for readers of earlier exports; empty = all areas.
  const rows: (string | number | null)[][] = [columns];
  for (const o of data.outcomes) {
    for (const i of o.indicators) {
      if (!i.periods.length && !i.areas?.length)
        rows.push(['indicator', o.projectName, o.title, i.name, i.unit, null, i.baseline?.value ?? null, null, null, null, null]);
      for (const p of i.periods)
        rows.push(['indicator', o.projectName, o.title, i.name, i.unit, p.period, i.baseline?.value ?? null, p.target, p.actual, null, null]);
      for (const a of i.areas ?? [])
        for (const p of a.periods) rows.push(['indicator', o.projectName, o.title, i.name, i.unit, p.period, null, p.target, p.actual, null, a.name]);
    }
    rows.push(['outcome stories', o.projectName, o.title, null, 'count', null, null, null, null, outcomeStories(o)]);
  }
  for (const v of data.climate?.variables ?? []) {
    // figures with fewer than the minimum number of stories stay empty, as in the report
    rows.push(['climate', null, null, v.name, 'score 0-100', 'all', null, null, v.all.mean, v.all.n]);
    rows.push(['climate', null, null, v.name, 'score 0-100', 'first half', null, null, v.firstHalf.mean, v.firstHalf.n]);
    rows.push(['climate', null, null, v.name, 'score 0-100', 'second half', null, null, v.secondHalf.mean, v.secondHalf.n]);
    rows.push(['climate shift', null, null, v.name, 'score 0-100', null, null, null, v.shift, null]);
  }
  const activities = data.phases?.activities;
  for (const p of data.phases?.stories ?? []) {
    rows.push([
      'phase stories',
      null,
      null,
      p.phase ?? 'none',
      'count',
      null,
      null,
      null,
      null,
      p.count ?? p.stories.filter((s) => !('withdrawn' in s)).length,
    ]);
    if (activities?.included && p.phase) {
      const a = activities.counts[p.phase] ?? { activities: 0, hours: 0 };
      rows.push(['phase activities', null, null, p.phase, 'count', null, null, null, a.activities, null]);
      rows.push(['phase hours', null, null, p.phase, 'hours', null, null, null, a.hours, null]);
    }
  }
  for (const p of data.resources?.projects ?? []) {
    rows.push(['hours', p.name, null, 'hours', 'hours', null, null, p.planHours, p.actualHours, null]);
    rows.push(['money', p.name, null, 'money', 'euro', null, null, p.planEuros, p.actualEuros, null]);
  }
  const width = rows[0]!.length;
  const full = rows.map((r) => [...r, ...Array<null>(width - r.length).fill(null)]);
  if (!opts.excel) return writeCsv(full);
  // An indicator's own name and its period stay as they are; its section and unit are keys.
  const isKey = (row: (string | number | null)[], i: number) => keyColumns.includes(i) && (row[0] !== 'indicator' || i === 0 || i === 4);
  const cell = (v: string | number | null, i: number, row: (string | number | null)[]) => {
    if (typeof v === 'number') return String(v).replace('.', ',');
    return v != null && isKey(row, i) ? (dutch[v] ?? v) : v;
  };
  return writeCsv([dutchColumns, ...full.slice(1).map((r) => r.map((v, i) => cell(v, i, r)))], { delimiter: ';', recordDelimiter: '\r\n' });
}
