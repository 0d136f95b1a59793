// Renders assembled report data to the report page (HTML fragment), in Dutch (the version that is
// frozen) or English (rendered from a version's data when it is served in English). The Dutch
// fragment is frozen into a published version; every story in it sits between markers
// <!--story:ID:kind--> … <!--/story:ID:kind--> so a later withdrawal can be honoured when the
// version is served (see redact.ts) without changing the stored bytes.
import type { ReportData, StoryOut, WithdrawnStory, IndicatorOut, OutcomeOut, SummaryOut } from './types.js';
import { chartId, climateSpreadChart, indicatorFigure } from './chart.js';
import { climateName, climatePlain, climateSentence } from './climate-words.js';
import { ON_TRACK_PERCENT, type Status } from './summary.js';
import { escapeHtml as e } from './text.js';
import { photoFigure } from './photos.js';
import { scoreLabel } from '../../db/domain/numbers.js';
import { dateIn, euro, format, hoursIn, num, periodHead, periodIn, words, type Lang, type Words } from './render-words.js';

export type { Lang } from './render-words.js';

/**
 * A row's cells from column `from` on (column 0 is the row's header cell), each naming its column,
 * for the phone layout that hides the header row (`table.cards`, page.ts).
 */
const labelled = (heads: readonly string[], cells: string[], from = 1) => cells.map((c, i) => `<td data-label="${heads[i + from]}">${c}</td>`).join('');
/**
 * A table that may be wider than a phone scrolls sideways in its own region, which keyboard users
 * reach with Tab (and scroll with the arrow keys) and screen readers announce by its label.
 */
const scroller = (label: string, table: string) => `<div class="table-wrap" role="region" tabindex="0" aria-label="${label}">${table}</div>`;

/** Story HTML comes sanitised from the stories capability; a marker-like comment can never survive in it. */
const safeStoryHtml = (html: string) => html.replace(/<!--/g, '&lt;!--');

export const withdrawnPlaceholder = (kind: 'full' | 'title' | 'pick', lang: Lang = 'nl') =>
  kind === 'full'
    ? `<article class="story withdrawn"><p><em>${words[lang].withdrawnFull}</em></p></article>`
    : kind === 'pick'
      ? `<p class="withdrawn"><em>${words[lang].withdrawnTitle}</em></p>`
      : `<li class="withdrawn"><em>${words[lang].withdrawnTitle}</em></li>`;

export function renderStoryFull(s: StoryOut, lang: Lang = 'nl'): string {
  const w = words[lang];
  const who = s.named && s.tellerName ? w.toldBy(e(s.tellerName)) : w.anonymous;
  const meta = [who, s.areaName ? e(s.areaName) : '', s.when ? dateIn(w, s.when) : ''].filter(Boolean).join(' · ');
  return (
    `<!--story:${s.id}:full--><article class="story">` +
    `<h4>${e(s.title)}</h4><p class="meta">${meta}</p>` +
    photoFigure(s, lang) +
    `<div class="story-body">${safeStoryHtml(s.bodyHtml)}</div>` +
    (s.note ? `<p class="note"><strong>${w.contribution}</strong> ${e(s.note)}</p>` : '') +
    `</article><!--/story:${s.id}:full-->`
  );
}

export const renderStoryTitle = (s: { id: number; title: string }) => `<!--story:${s.id}:title--><li>${e(s.title)}</li><!--/story:${s.id}:title-->`;

const isWithdrawn = (s: StoryOut | WithdrawnStory | { id: number; title: string }): s is WithdrawnStory => 'withdrawn' in s;

function indicatorTable(w: Words, ind: IndicatorOut): string {
  const rows = ind.periods
    .map((p) => `<tr><th scope="row">${periodIn(w, p.period)}</th><td>${num(w, p.target)}</td><td>${num(w, p.actual)}</td></tr>`)
    .join('');
  return (
    `<table class="data"><caption>${e(ind.name)} (${e(w.unit[ind.unit] ?? ind.unit)})` +
    (ind.baseline ? ` — ${w.baseline} ${num(w, ind.baseline.value)}${ind.baseline.period ? ` (${periodIn(w, ind.baseline.period)})` : ''}` : '') +
    `</caption><thead><tr><th scope="col">${w.period}</th><th scope="col">${w.target}</th><th scope="col">${w.actual}</th></tr></thead><tbody>${rows}</tbody></table>`
  );
}

/** Per area: one compact matrix, areas × periods; each cell the actual, with the area's target in brackets where it has one. */
function areaTable(w: Words, ind: IndicatorOut): string {
  const areas = ind.areas ?? [];
  const periods = [...new Map(areas.flatMap((a) => a.periods.map((p) => [p.period, p] as const))).values()]
    .sort((a, b) => a.start.localeCompare(b.start))
    .map((p) => p.period);
  const cell = (a: (typeof areas)[number], period: string) => {
    const p = a.periods.find((x) => x.period === period);
    if (!p) return '<td>–</td>';
    return `<td>${num(w, p.actual)}${p.target != null ? ` <span class="target">(${num(w, p.target)})</span>` : ''}</td>`;
  };
  const rows = areas.map((a) => `<tr><th scope="row">${e(a.name)}</th>${periods.map((p) => cell(a, p)).join('')}</tr>`).join('');
  const targets = areas.some((a) => a.periods.some((p) => p.target != null));
  return scroller(
    w.perArea(e(ind.name)),
    `<table class="data matrix"><caption>${w.perAreaMatrix(e(ind.name), e(w.unit[ind.unit] ?? ind.unit), targets)}</caption>` +
      `<thead><tr><th scope="col">${w.area}</th>${periods.map((p) => `<th scope="col">${periodHead(w, p)}</th>`).join('')}</tr></thead><tbody>${rows}</tbody></table>`,
  );
}

function renderIndicator(lang: Lang, outcomeId: number, ind: IndicatorOut): string {
  const w = words[lang];
  const chart = indicatorFigure(lang, chartId(outcomeId, ind.id), ind);
  return (
    `<section class="indicator"><h3>${e(ind.name)}</h3>` +
    (ind.description ? `<p class="meta">${e(ind.description)}</p>` : '') +
    (ind.periods.length
      ? `<div class="figure"><div class="chart-wrap">${chart}</div>${scroller(e(ind.name), indicatorTable(w, ind))}</div>`
      : `<p class="muted">${ind.areas?.length ? w.noOverallFigures : w.noFigures}</p>`) +
    (ind.areas?.length ? areaTable(w, ind) : '') +
    `</section>`
  );
}

const statusBadge = (w: Words, s: Status) => `<span class="status status-${s}">${w.status[s]}</span>`;

function renderMsc(lang: Lang, o: OutcomeOut): string {
  const w = words[lang];
  if (!o.msc.included) return `<p class="not-included">${w.mscNotIncluded}</p>`;
  if (!o.msc.selections.length) return `<p class="muted">${w.noSelections}</p>`;
  // Versions published before issue 12: one line per reason, no story.
  if (o.msc.selections.every((m) => 'withdrawn' in m || !m.reasons))
    return (
      '<ul class="msc">' +
      o.msc.selections
        .map((m) =>
          'withdrawn' in m
            ? `<li class="withdrawn"><em>${w.withdrawnTitle}</em></li>`
            : `<!--story:${m.storyId}:msc--><li><strong>${e(m.domain)}</strong> — ${e(m.reason)}</li><!--/story:${m.storyId}:msc-->`,
        )
        .join('') +
      '</ul>'
    );
  return o.msc.selections
    .map((m) => {
      if ('withdrawn' in m) return withdrawnPlaceholder('pick', lang);
      const head =
        `<!--story:${m.storyId}:pick--><div class="msc-head"><p class="meta">${w.mscRound(e(m.domain), m.selectedAt ? dateIn(w, m.selectedAt.slice(0, 10)) : '')}</p>` +
        `<p><strong>${w.mscReasons}</strong></p><ul>${(m.reasons ?? [m.reason]).map((r) => `<li>${e(r)}</li>`).join('')}</ul>` +
        (m.story ? '' : `<p>${w.mscSee(e(m.title ?? ''))}</p>`) +
        `</div><!--/story:${m.storyId}:pick-->`;
      return `<div class="msc-item">${head}${m.story ? renderStoryFull(m.story, lang) : ''}</div>`;
    })
    .join('');
}

/** An outcome's indicators, each with its chart, table and areas. */
export const renderIndicators = (lang: Lang, outcomeId: number, indicators: IndicatorOut[]) =>
  indicators.map((i) => renderIndicator(lang, outcomeId, i)).join('');

function renderOutcome(lang: Lang, o: OutcomeOut, data: ReportData, indicatorHtml?: ReadonlyMap<number, string>): string {
  const w = words[lang];
  const has = (k: string) => data.report.sections.includes(k as never);
  const parts = [
    `<section class="outcome" id="outcome-${o.id}"><div class="outcome-head"><h2>${e(o.title)}</h2>`,
    `<p class="meta">${w.level[o.level]} · ${e(o.projectName)}${o.status ? ` · ${statusBadge(w, o.status)}` : ''}</p>`,
  ];
  if (o.description) parts.push(`<p>${e(o.description)}</p>`);
  parts.push('</div>');
  if (o.narrativeHtml) parts.push(`<section class="narrative"><h3>${w.whatWeSee}</h3>${o.narrativeHtml}</section>`);
  if (has('indicators'))
    parts.push(o.indicators.length ? (indicatorHtml?.get(o.id) ?? renderIndicators(lang, o.id, o.indicators)) : `<p class="muted">${w.noIndicators}</p>`);
  if (has('stories')) {
    const refs = o.storyRefs ?? [];
    const shown = o.stories.length + refs.length;
    parts.push(`<h3>${w.stories}</h3>`);
    if (!shown && !o.otherStories) parts.push(`<p class="muted">${w.noStories}</p>`);
    parts.push(o.stories.map((s) => (isWithdrawn(s) ? withdrawnPlaceholder('full', lang) : renderStoryFull(s, lang))).join(''));
    if (refs.length) parts.push(`<p class="refs-lead">${w.alsoHere}</p><ul class="refs">${refs.map(renderStoryTitle).join('')}</ul>`);
    if (o.otherStories) parts.push(`<p class="others">${w.others(o.otherStories)}</p>`);
  }
  if (has('msc') && (o.msc.included ? o.msc.selections.length > 0 : true)) {
    parts.push(`<h3>${w.mscHeading}</h3>`);
    parts.push(renderMsc(lang, o));
  }
  parts.push('</section>');
  return parts.join('');
}

function renderSummary(w: Words, s: SummaryOut): string {
  const pct = (n: number | null) => (n == null ? '–' : `${format(w.locale, 0, 0).format(n)}%`);
  // A figure says its unit where a sign can: 50%, € 1.200 (the "% of target" column is a share of the target).
  const inUnit = (n: number | null, unit: string) => (n == null ? '–' : unit === 'percentage' ? `${num(w, n)}%` : unit === 'euro' ? euro(w, n) : num(w, n));
  // Over several projects, outcomes of the same name are told apart by their project's row.
  const byProject = new Set(s.outcomes.map((o) => o.projectName)).size > 1;
  const rows = s.outcomes
    .map((o, i) => {
      const project =
        byProject && o.projectName && o.projectName !== s.outcomes[i - 1]?.projectName
          ? `<tr class="project-row"><th scope="rowgroup" colspan="6">${e(o.projectName)}</th></tr>`
          : '';
      const head =
        project + `<tr class="outcome-row"><th scope="rowgroup" colspan="5">${e(o.title)}</th>${labelled(w.summaryHead, [statusBadge(w, o.status)], 5)}</tr>`;
      if (!o.indicators.length) return head + `<tr><td colspan="6" class="muted">${w.noIndicatorsShort}</td></tr>`;
      return (
        head +
        o.indicators
          .map(
            (i) =>
              `<tr><th scope="row">${e(i.name)}</th>${labelled(w.summaryHead, [
                inUnit(i.baseline, i.unit),
                inUnit(i.target, i.unit),
                `${inUnit(i.actual, i.unit)}${i.period ? ` <span class="period">${periodIn(w, i.period)}</span>` : ''}`,
                pct(i.percent),
                statusBadge(w, i.status),
              ])}</tr>`,
          )
          .join('')
      );
    })
    .join('');
  const f = (n: number | null) => num(w, n, 0);
  return (
    `<section class="summary"><h2>${w.summary}</h2>` +
    `<p class="rule">${w.rule(
      ON_TRACK_PERCENT,
      s.outcomes.some((o) => o.indicators.some((i) => i.direction === 'lower')),
    )}</p>` +
    scroller(
      w.summary,
      `<table class="data cards summary-table"><thead><tr>${w.summaryHead.map((h) => `<th scope="col">${h}</th>`).join('')}</tr></thead><tbody>${rows}</tbody></table>`,
    ) +
    `<h3>${w.behind}</h3><dl class="counts">${w
      .counts(
        s.counts,
        f,
        (n) => euro(w, n),
        (n) => hoursIn(w, n),
      )
      .map(([n, label]) => `<div><dt>${label}</dt><dd>${n}</dd></div>`)
      .join('')}</dl>` +
    `</section>`
  );
}

function renderClimate(lang: Lang, c: NonNullable<ReportData['climate']>, areas: string): string {
  const w = words[lang];
  const mean = (f: { n: number; mean: number | null }) => (f.mean == null ? w.tooFew : `${scoreLabel(f.mean, w.lang)} (${f.n})`);
  const items = c.variables
    .map((v, i) => {
      const name = climateName(v, lang);
      const shift = v.shift == null ? '' : `${v.shift > 0 ? '+' : ''}${scoreLabel(v.shift, w.lang)}`;
      const chart =
        v.spread && (v.spread.first || v.spread.second)
          ? climateSpreadChart({
              id: `climate-${v.id}-${i}`,
              title: name,
              summary: w.spreadSummary(name, mean(v.firstHalf), mean(v.secondHalf)),
              halves: [
                { label: `${w.firstHalf} (${v.firstHalf.n})`, bands: v.spread.first, mean: v.firstHalf.mean, n: v.firstHalf.n },
                { label: `${w.secondHalf} (${v.secondHalf.n})`, bands: v.spread.second, mean: v.secondHalf.mean, n: v.secondHalf.n },
              ],
              labels: { low: w.low, high: w.high, tooFew: w.tooFew },
            })
          : '';
      return (
        `<div class="climate-line"><h3>${e(name.charAt(0).toUpperCase() + name.slice(1))}</h3><p>${e(climatePlain(v, lang))}</p>` +
        (chart ? `<div class="chart-wrap spread-wrap">${chart}</div>` : '') +
        (chart
          ? `<p class="meta">${w.meanLine(mean(v.firstHalf), mean(v.secondHalf), shift)}</p>`
          : `<p class="meta too-few">${w.tooFewLine(v.firstHalf.n, v.secondHalf.n, v.all.mean == null ? null : { mean: scoreLabel(v.all.mean, w.lang), n: v.all.n })}</p>`) +
        `</div>`
      );
    })
    .join('');
  return (
    `<section class="climate"><h2>${w.climate}</h2>` +
    `<p>${w.climateLead(e(areas), c.minStories, dateIn(w, c.split))}</p>` +
    (c.variables.length
      ? `<p class="reading"><strong>${e(climateSentence(c.variables, lang, (n) => scoreLabel(n, lang)))}</strong></p><div class="climate-lines">${items}</div>`
      : `<p class="muted">${w.noClimate}</p>`) +
    `</section>`
  );
}

/** The climate section alone, as renderReport writes it (redact.ts re-renders it when figures are suppressed at serving). */
export const renderClimateSection = (data: ReportData, lang: Lang = 'nl') =>
  data.climate ? renderClimate(lang, data.climate, data.areas.map((a) => a.name).join(', ')) : '';

function renderPhases(lang: Lang, p: NonNullable<ReportData['phases']>): string {
  const w = words[lang];
  const groups = p.stories.filter((g) => g.phase != null || (g.count ?? g.stories.length) > 0);
  const rows = groups
    .map((g) => {
      const act = p.activities.included && g.phase ? (p.activities.counts[g.phase] ?? { activities: 0, hours: 0 }) : null;
      const cells = [String(g.count ?? g.stories.length), act ? String(act.activities) : '–', act ? hoursIn(w, act.hours) : '–'];
      return `<tr><th scope="row">${g.phase ? w.phase[g.phase] : w.noPhase}</th>${labelled(w.phasesHead, cells)}</tr>`;
    })
    .join('');
  const parts = [`<section class="phases"><h2>${w.phases}</h2><p>${w.phasesLead}</p>`];
  parts.push(
    scroller(
      w.phases,
      `<table class="data cards"><thead><tr>${w.phasesHead.map((h) => `<th scope="col">${h}</th>`).join('')}</tr></thead><tbody>${rows}</tbody></table>`,
    ),
  );
  // Versions published before issue 12 listed the stories' titles per phase.
  for (const g of p.stories.filter((x) => x.stories.length)) {
    parts.push(`<h3>${g.phase ? w.phase[g.phase] : w.noPhase}</h3>`);
    parts.push('<ul>' + g.stories.map((s) => (isWithdrawn(s) ? withdrawnPlaceholder('title', lang) : renderStoryTitle(s))).join('') + '</ul>');
  }
  if (!p.activities.included) parts.push(`<p class="not-included">${w.activitiesNotIncluded}</p>`);
  parts.push('</section>');
  return parts.join('');
}

function renderResources(w: Words, r: NonNullable<ReportData['resources']>): string {
  const row = (name: string, x: { planHours: number | null; actualHours: number | null; planEuros: number | null; actualEuros: number | null }) =>
    `<tr><th scope="row">${name}</th>${labelled(w.resourcesHead, [hoursIn(w, x.planHours), hoursIn(w, x.actualHours), euro(w, x.planEuros), euro(w, x.actualEuros)])}</tr>`;
  const rows = r.projects.map((p) => row(e(p.name), p)).join('');
  return (
    `<section class="resources"><h2>${w.resources}</h2>` +
    `<p>${w.resourcesIntro}</p>` +
    scroller(
      w.resources,
      `<table class="data cards pairs"><thead><tr>${w.resourcesHead.map((h) => `<th scope="col">${h}</th>`).join('')}</tr></thead>` +
        `<tbody>${rows}</tbody><tfoot>${row(w.total, r)}</tfoot></table>`,
    ) +
    (r.actualIncluded ? '' : `<p class="not-included">${w.resourcesNotIncluded}</p>`) +
    `</section>`
  );
}

/**
 * Options of renderReport; `indicatorHtml`: the outcomes' indicators rendered already in `lang`
 * (renderIndicators, by outcome), as assembleForPage gives them.
 */
export type RenderMeta = { number?: number; publishedAt?: string; lang?: Lang; indicatorHtml?: ReadonlyMap<number, string> };

/**
 * The report as an HTML fragment (an <article>): a cover, the summary, the outcomes, the climate,
 * the four moves, hours and money. The Dutch one is frozen into a version; the English one is
 * rendered from a version's (redacted) data when it is served in English.
 */
export const renderReport = (data: ReportData, meta: RenderMeta = {}): string => renderReportParts(data, meta).join('');

/**
 * The report page in parts (the cover, the summary, each outcome, …) that joined make renderReport's
 * page: an answer that carries the page can be written part by part (jsonWithText), never as one
 * long string.
 */
export function renderReportParts(data: ReportData, meta: RenderMeta = {}): string[] {
  const lang = meta.lang ?? 'nl';
  const w = words[lang];
  const r = data.report;
  const areas = data.areas.map((a) => a.name).join(', ');
  const parts = [
    `<article class="report" lang="${lang}">`,
    `<header class="report-head cover">`,
    // The logo is decorative beside the name in text; without a name it is the only sign of the organisation, so it says what it is.
    data.organisationLogo?.startsWith('data:image/png;base64,')
      ? `<img class="org-logo" src="${e(data.organisationLogo)}" alt="${data.organisation ? '' : e(w.orgLogo)}">`
      : '',
    data.organisation ? `<p class="org">${e(data.organisation)}</p>` : '',
    `<p class="kind">${w.report}</p><h1>${e(r.title)}</h1>`,
    `<dl class="facts"><dt>${w.period}</dt><dd>${dateIn(w, r.periodFrom)} – ${dateIn(w, r.periodTo)}</dd>`,
    `<dt>${w.for}</dt><dd>${e(w.audience[r.audience] ?? r.audience)}</dd>`,
    `<dt>${w.projects}</dt><dd>${e(data.projects.map((p) => p.name).join(', ') || '–')}</dd>`,
    areas ? `<dt>${w.areas}</dt><dd>${e(areas)}</dd>` : '',
    meta.number
      ? `<dt>${w.version}</dt><dd>${w.published(meta.number, dateIn(w, meta.publishedAt!.slice(0, 10)))}</dd>`
      : `<dt>${w.version}</dt><dd>${w.draft}</dd>`,
    `</dl>`,
    r.introHtml ? `<section class="intro">${r.introHtml}</section>` : '',
    `<p class="consent-note">${w.footer}</p>`,
    `</header>`,
  ];
  if (data.summary) parts.push(renderSummary(w, data.summary));
  if (data.outcomes.length) parts.push(...data.outcomes.map((o) => renderOutcome(lang, o, data, meta.indicatorHtml)));
  else parts.push(`<p class="muted">${w.noOutcomes}</p>`);
  if (data.climate) parts.push(renderClimate(lang, data.climate, areas));
  if (data.phases) parts.push(renderPhases(lang, data.phases));
  if (data.resources) parts.push(renderResources(w, data.resources));
  parts.push('</article>');
  return parts;
}
