// Indicator charts, drawn on the server as plain SVG (vector, prints sharply, no script).
import { scaleLinear, scalePoint } from 'd3-scale';
import { line } from 'd3-shape';
import { escapeHtml } from './text.js';
import { periodLabel } from '../../db/domain/periods.js';

export type ChartPoint = { period: string; target: number | null; actual: number | null };
export type ChartInput = {
  id: string;
  title: string;
  unit: string;
  baseline: number | null;
  points: ChartPoint[];
  labels: { actual: string; target: string; baseline: string; summary: string };
  /** How a period reads on the x axis ('K4 2026'). */
  periodText: (period: string) => string;
};

// Drawn near the size it prints (104 mm wide in print: one SVG unit is about one CSS pixel), so
// 12-unit text prints at about 8.5 pt — never under 8 pt.
const W = 420;
const H = 210;
const M = { top: 12, right: 12, bottom: 44, left: 44 };
const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

/** An accessible SVG line chart: actual (solid), target (dashed), baseline (dotted). */
export function indicatorChart(input: ChartInput): string {
  const periods = input.points.map((p) => p.period);
  const values = input.points
    .flatMap((p) => [p.actual, p.target])
    .concat(input.baseline)
    .filter((v): v is number => v != null);
  const max = Math.max(1, ...values);
  const min = Math.min(0, ...values);
  const x = scalePoint<string>()
    .domain(periods)
    .range([M.left, W - M.right])
    .padding(0.5);
  const y = scaleLinear()
    .domain([min, max * 1.1])
    .nice()
    .range([H - M.bottom, M.top]);
  const path = (key: 'actual' | 'target') =>
    line<ChartPoint>()
      .defined((p) => p[key] != null)
      .x((p) => x(p.period)!)
      .y((p) => y(p[key]!))(input.points) ?? '';

  const titleId = `${input.id}-title`;
  const descId = `${input.id}-desc`;
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-labelledby="${titleId} ${descId}">`,
    `<title id="${titleId}">${escapeHtml(input.title)}</title>`,
    `<desc id="${descId}">${escapeHtml(input.labels.summary)}</desc>`,
  );
  // y axis with grid lines; what the lines and labels share is said once, on their group
  const ticks = y.ticks(5).map((t) => ({ t, ty: y(t).toFixed(1) }));
  out.push(`<g stroke="#d6dbd4" stroke-width="1">`, ...ticks.map(({ ty }) => `<line x1="${M.left}" x2="${W - M.right}" y1="${ty}" y2="${ty}"/>`), `</g>`);
  out.push(
    `<g text-anchor="end" font-size="12" fill="#333">`,
    ...ticks.map(({ t, ty }) => `<text x="${M.left - 8}" y="${ty}" dy="0.32em">${fmt(t)}</text>`),
    `</g>`,
  );
  // x axis labels
  out.push(`<line x1="${M.left}" x2="${W - M.right}" y1="${H - M.bottom}" y2="${H - M.bottom}" stroke="#333" stroke-width="1"/>`);
  // Every k-th period labelled, counted back from the latest (always labelled), so labels never
  // overlap (a label, 'mrt 2026' at most, is about 56 units wide).
  // On a phone the text is set larger, so of three labels or more every other one is hidden there
  // (again counted back from the latest) and the first starts at its point, clear of the y axis.
  const every = Math.max(1, Math.ceil((periods.length * 60) / (W - M.left - M.right)));
  const labelled = periods.filter((_, i) => (periods.length - 1 - i) % every === 0);
  out.push(`<g text-anchor="middle" font-size="12" fill="#333">`);
  labelled.forEach((p, i) => {
    const back = labelled.length - 1 - i;
    const phone = labelled.length < 3 ? [] : [back % 2 ? 'phone-hide' : '', i === 0 ? 'phone-start' : ''].filter(Boolean);
    out.push(`<text class="${['period', ...phone].join(' ')}" x="${x(p)!.toFixed(1)}" y="${H - M.bottom + 18}">${escapeHtml(input.periodText(p))}</text>`);
  });
  out.push(`</g>`);
  if (input.baseline != null) {
    const by = y(input.baseline).toFixed(1);
    out.push(`<line class="baseline" x1="${M.left}" x2="${W - M.right}" y1="${by}" y2="${by}" stroke="#7a5c00" stroke-width="2" stroke-dasharray="2 4"/>`);
  }
  out.push(`<path class="target" d="${path('target')}" fill="none" stroke="#555" stroke-width="2" stroke-dasharray="8 5"/>`);
  out.push(`<path class="actual" d="${path('actual')}" fill="none" stroke="#1d5c4d" stroke-width="3"/>`);
  out.push(`<g fill="#1d5c4d">`);
  for (const p of input.points) if (p.actual != null) out.push(`<circle cx="${x(p.period)!.toFixed(1)}" cy="${y(p.actual).toFixed(1)}" r="4"/>`);
  out.push(`</g><g fill="#fff" stroke="#555" stroke-width="2">`);
  for (const p of input.points)
    if (p.target != null) out.push(`<rect x="${(x(p.period)! - 4).toFixed(1)}" y="${(y(p.target) - 4).toFixed(1)}" width="8" height="8"/>`);
  out.push(`</g>`);
  // legend
  const ly = H - 6;
  const lx = 8;
  out.push(
    `<g font-size="12" fill="#333">`,
    `<line x1="${lx}" x2="${lx + 22}" y1="${ly - 4}" y2="${ly - 4}" stroke="#1d5c4d" stroke-width="3"/><text x="${lx + 27}" y="${ly}">${escapeHtml(input.labels.actual)}</text>`,
    `<line x1="${lx + 135}" x2="${lx + 157}" y1="${ly - 4}" y2="${ly - 4}" stroke="#555" stroke-width="2" stroke-dasharray="8 5"/><text x="${lx + 162}" y="${ly}">${escapeHtml(input.labels.target)}</text>`,
    input.baseline != null
      ? `<line x1="${lx + 255}" x2="${lx + 277}" y1="${ly - 4}" y2="${ly - 4}" stroke="#7a5c00" stroke-width="2" stroke-dasharray="2 4"/><text x="${lx + 282}" y="${ly}">${escapeHtml(input.labels.baseline)}</text>`
      : '',
    `</g>`,
    `</svg>`,
  );
  return out.join('');
}

const chartWords = {
  nl: {
    labels: { actual: 'Gerealiseerd', target: 'Doel', baseline: 'Nulmeting' },
    baseline: (v: number) => `nulmeting ${v}; `,
    last: (v: number, period: string, target: number | null) => `laatste meting ${v} in ${period}${target != null ? ` (doel ${target})` : ''}.`,
    none: 'nog geen metingen.',
    table: ' De cijfers staan ook in de tabel.',
  },
  en: {
    labels: { actual: 'Actual', target: 'Target', baseline: 'Baseline' },
    baseline: (v: number) => `baseline ${v}; `,
    last: (v: number, period: string, target: number | null) => `latest measurement ${v} in ${period}${target != null ? ` (target ${target})` : ''}.`,
    none: 'no measurements yet.',
    table: ' The figures are also in the table.',
  },
};

/** An indicator's chart with its text alternative (a one-sentence summary) in the given language. */
export function indicatorFigure(
  lang: 'nl' | 'en',
  id: string,
  ind: { name: string; unit: string; baseline: { value: number } | null; periods: ChartPoint[] },
): string {
  if (!ind.periods.length) return '';
  const w = chartWords[lang];
  const last = [...ind.periods].reverse().find((p) => p.actual != null);
  const summary =
    `${ind.name}: ` +
    (ind.baseline ? w.baseline(ind.baseline.value) : '') +
    (last ? w.last(last.actual!, periodLabel(last.period, lang), last.target) : w.none) +
    w.table;
  return indicatorChart({
    id,
    title: ind.name,
    unit: ind.unit,
    baseline: ind.baseline?.value ?? null,
    points: ind.periods,
    labels: { ...w.labels, summary },
    periodText: (p) => periodLabel(p, lang, 'short'),
  });
}

export const chartId = (outcomeId: number, indicatorId: number) => `chart-${outcomeId}-${indicatorId}`;

/**
 * How the placements on one climate line spread, first half against second half of the period:
 * per half a row of five bands (0–20 … 80–100), each bar as tall as its share of that half's
 * stories, with the half's mean marked. A half without enough stories is labelled, not drawn.
 */
export function climateSpreadChart(input: {
  id: string;
  title: string;
  summary: string;
  halves: { label: string; bands: number[] | null; mean: number | null; n: number }[];
  labels: { low: string; high: string; tooFew: string };
}): string {
  // Two lines side by side in print (about 85 mm each): one unit is about one CSS pixel, so text prints at 9 pt.
  const SW = 320;
  const rowH = 40;
  const left = 104;
  const right = 12;
  const top = 6;
  const SH = top + input.halves.length * rowH + 26;
  const x = scaleLinear()
    .domain([0, 100])
    .range([left, SW - right]);
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart spread" viewBox="0 0 ${SW} ${SH}" width="100%" role="img" aria-labelledby="${input.id}-title ${input.id}-desc">`,
    `<title id="${input.id}-title">${escapeHtml(input.title)}</title><desc id="${input.id}-desc">${escapeHtml(input.summary)}</desc>`,
  ];
  input.halves.forEach((h, row) => {
    const y0 = top + row * rowH;
    const base = y0 + rowH - 8;
    out.push(`<text x="0" y="${base - 10}" font-size="12" fill="#333">${escapeHtml(h.label)}</text>`);
    out.push(`<line x1="${left}" x2="${SW - right}" y1="${base}" y2="${base}" stroke="#999" stroke-width="1"/>`);
    if (!h.bands) {
      out.push(`<text x="${left + 6}" y="${base - 10}" font-size="12" font-style="italic" fill="#4d5a56">${escapeHtml(input.labels.tooFew)}</text>`);
      return;
    }
    const total = h.bands.reduce((a, b) => a + b, 0) || 1;
    h.bands.forEach((count, b) => {
      const height = (count / total) * (rowH - 12);
      if (height > 0)
        out.push(
          `<rect x="${(x(b * 20) + 2).toFixed(1)}" y="${(base - height).toFixed(1)}" width="${(x(20) - x(0) - 4).toFixed(1)}" height="${height.toFixed(1)}" fill="${row === 0 ? '#9bb8ae' : '#1d5c4d'}"/>`,
        );
    });
    if (h.mean != null)
      out.push(`<line x1="${x(h.mean).toFixed(1)}" x2="${x(h.mean).toFixed(1)}" y1="${y0 + 2}" y2="${base + 3}" stroke="#c25e00" stroke-width="2"/>`);
  });
  const axisY = top + input.halves.length * rowH + 14;
  out.push(
    `<text x="${left}" y="${axisY}" font-size="12" fill="#333">0 ${escapeHtml(input.labels.low)}</text>`,
    `<text x="${SW - right}" y="${axisY}" font-size="12" fill="#333" text-anchor="end">${escapeHtml(input.labels.high)} 100</text>`,
    `</svg>`,
  );
  return out.join('');
}
