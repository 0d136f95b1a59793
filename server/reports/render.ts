// Renders assembled report data to the report page (HTML fragment), in Dutch (the version that is
// frozen) or English (rendered from a version's data when it is served in English). The Dutch
// fragment is frozen into a published version; every story in it sits between markers
// <!--story:ID:kind--> … <!--/story:ID:kind--> so a later withdrawal can be honoured when the
// version is served (see redact.ts) without changing the stored bytes.
import type { ReportData, StoryOut, WithdrawnStory, IndicatorOut, OutcomeOut } from './assemble.js';
import { chartId, indicatorFigure } from './chart.js';
import { escapeHtml as e } from './text.js';

export type Lang = 'nl' | 'en';

const words = {
  nl: {
    locale: 'nl-NL',
    months: ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'],
    audience: { funder: 'financier', municipality: 'gemeente', internal: 'intern', residents: 'bewoners' } as Record<string, string>,
    level: { output: 'Output', outcome: 'Outcome', impact: 'Impact' } as Record<string, string>,
    unit: { count: 'aantal', percentage: 'procent', euro: 'euro', hours: 'uren', score: 'score' } as Record<string, string>,
    phase: { ZIEN: 'ZIEN — waarnemen', DENKEN: 'DENKEN — analyseren en plannen', DOEN: 'DOEN — uitvoeren', VINDEN: 'VINDEN — evalueren en benoemen' } as Record<string, string>,
    tooFew: 'te weinig verhalen',
    withdrawnFull: 'Dit verhaal is teruggetrokken door de verteller en wordt niet meer getoond.',
    withdrawnTitle: 'Teruggetrokken verhaal',
    toldBy: (name: string) => `Verteld door ${name}`,
    anonymous: 'Anoniem verteld',
    contribution: 'Bijdrage aan deze uitkomst:',
    baseline: 'nulmeting',
    period: 'Periode',
    target: 'Doel',
    actual: 'Gerealiseerd',
    noFigures: 'Nog geen cijfers in deze periode.',
    noOverallFigures: 'Nog geen cijfers voor alle gebieden samen in deze periode.',
    perArea: (name: string) => `${name} per gebied`,
    area: 'Gebied',
    noIndicators: 'Geen indicatoren bij deze uitkomst.',
    stories: 'Verhalen',
    noStories: 'Geen verhalen die voor deze rapportage gedeeld mogen worden.',
    mscNotIncluded: 'Nog niet opgenomen: de selecties van Most Significant Change komen in deze rapportage zodra die functie beschikbaar is.',
    noSelections: 'Geen selecties bij deze uitkomst.',
    climate: 'Sociaal klimaat',
    climateIntro: (areas: string, min: number, split: string) =>
      `Gemiddelde plaats van de verhalen op elke lijn, van 0 (zwakke pool) tot 100 (sterke pool)${areas ? ` in ${areas}` : ''}. ` +
      `Tussen haakjes het aantal verhalen. Waar minder dan ${min} verhalen achter een cijfer staan, tonen we geen cijfer. ` +
      `De verschuiving vergelijkt de verhalen van vóór ${split} met die daarna.`,
    climateHead: ['Lijn', 'Hele periode', 'Eerste helft', 'Tweede helft', 'Verschuiving'],
    noClimate: 'Geen verhalen geplaatst op de klimaatlijnen in deze periode.',
    phases: 'Zien, denken, doen, vinden',
    noPhase: 'Zonder fase',
    storyCount: (n: number) => `${n} ${n === 1 ? 'verhaal' : 'verhalen'}`,
    activityCount: (n: number, hours: string) => `${n} ${n === 1 ? 'activiteit' : 'activiteiten'}, ${hours} uur`,
    activitiesNotIncluded: 'Nog niet opgenomen: activiteiten per fase komen in deze rapportage zodra de registratie van activiteiten beschikbaar is.',
    resources: 'Uren en geld',
    resourcesIntro: 'Begroot: het budget van het hele project volgens het projectplan. Besteed: geregistreerde uren en uitgaven binnen de periode van deze rapportage.',
    resourcesHead: ['Project', 'Uren begroot', 'Uren besteed', 'Geld begroot', 'Geld besteed'],
    total: 'Totaal',
    resourcesNotIncluded: 'Nog niet opgenomen: bestede uren en uitgaven komen in deze rapportage zodra de urenregistratie beschikbaar is. Begroot komt uit de projectplannen.',
    for: 'Voor',
    projects: 'Projecten',
    areas: 'Gebieden',
    version: 'Versie',
    published: (n: number, date: string) => `${n}, gepubliceerd ${date}`,
    draft: 'Concept (niet gepubliceerd)',
    noOutcomes: 'Geen uitkomsten gekozen.',
    footer: 'Verhalen staan hier alleen met toestemming van de vertellers; wie toestemming gaf voor "anoniem in rapportages" wordt niet bij naam genoemd. Een verteller kan een verhaal altijd terugtrekken.',
  },
  en: {
    locale: 'en-GB',
    months: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
    audience: { funder: 'funder', municipality: 'municipality', internal: 'internal', residents: 'residents' } as Record<string, string>,
    level: { output: 'Output', outcome: 'Outcome', impact: 'Impact' } as Record<string, string>,
    unit: { count: 'count', percentage: 'percent', euro: 'euro', hours: 'hours', score: 'score' } as Record<string, string>,
    phase: { ZIEN: 'SEE — observe', DENKEN: 'THINK — analyse and plan', DOEN: 'DO — carry out', VINDEN: 'FIND — evaluate and name the impact' } as Record<string, string>,
    tooFew: 'too few stories',
    withdrawnFull: 'This story was withdrawn by its teller and is no longer shown.',
    withdrawnTitle: 'Withdrawn story',
    toldBy: (name: string) => `Told by ${name}`,
    anonymous: 'Told anonymously',
    contribution: 'Contribution to this outcome:',
    baseline: 'baseline',
    period: 'Period',
    target: 'Target',
    actual: 'Actual',
    noFigures: 'No figures in this period yet.',
    noOverallFigures: 'No figures for all areas together in this period yet.',
    perArea: (name: string) => `${name} per area`,
    area: 'Area',
    noIndicators: 'No indicators for this outcome.',
    stories: 'Stories',
    noStories: 'No stories that may be shared for this report.',
    mscNotIncluded: 'Not included yet: the Most Significant Change selections appear in this report once that feature is available.',
    noSelections: 'No selections for this outcome.',
    climate: 'Social climate',
    climateIntro: (areas: string, min: number, split: string) =>
      `Average position of the stories on each line, from 0 (weak pole) to 100 (strong pole)${areas ? ` in ${areas}` : ''}. ` +
      `In brackets the number of stories. Where fewer than ${min} stories stand behind a figure, we show no figure. ` +
      `The shift compares the stories from before ${split} with those after.`,
    climateHead: ['Line', 'Whole period', 'First half', 'Second half', 'Shift'],
    noClimate: 'No stories placed on the climate lines in this period.',
    phases: 'See, think, do, find',
    noPhase: 'Without a phase',
    storyCount: (n: number) => `${n} ${n === 1 ? 'story' : 'stories'}`,
    activityCount: (n: number, hours: string) => `${n} ${n === 1 ? 'activity' : 'activities'}, ${hours} hours`,
    activitiesNotIncluded: 'Not included yet: activities per phase appear in this report once activity registration is available.',
    resources: 'Hours and money',
    resourcesIntro: "Budgeted: the whole project's budget according to the project plan. Spent: hours and expenses registered within this report's period.",
    resourcesHead: ['Project', 'Hours budgeted', 'Hours spent', 'Money budgeted', 'Money spent'],
    total: 'Total',
    resourcesNotIncluded: 'Not included yet: hours and expenses spent appear in this report once time registration is available. Budgeted comes from the project plans.',
    for: 'For',
    projects: 'Projects',
    areas: 'Areas',
    version: 'Version',
    published: (n: number, date: string) => `${n}, published ${date}`,
    draft: 'Draft (not published)',
    noOutcomes: 'No outcomes chosen.',
    footer: 'Stories appear here only with their tellers\' consent; whoever consented to "anonymous in reports" is not named. A teller can always withdraw a story.',
  },
};
type Words = (typeof words)['nl'];

// One formatter per locale and precision: toLocaleString builds a new one on every call, which
// made a report with a few thousand figures noticeably slower to render.
const formats = new Map<string, Intl.NumberFormat>();
function format(locale: string, min: number, max: number): Intl.NumberFormat {
  const key = `${locale}|${min}|${max}`;
  let f = formats.get(key);
  if (!f) formats.set(key, (f = new Intl.NumberFormat(locale, { minimumFractionDigits: min, maximumFractionDigits: max })));
  return f;
}
const num = (w: Words, n: number | null | undefined, digits = 1) => (n == null ? '–' : format(w.locale, 0, digits).format(n));
const euro = (w: Words, n: number | null) => (n == null ? '–' : `€ ${format(w.locale, 2, 2).format(n)}`);
const dateIn = (w: Words, iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return d ? `${d} ${w.months[m! - 1]} ${y}` : `${w.months[m! - 1]} ${y}`;
};

/**
 * A table that may be wider than a phone scrolls sideways in its own region, which keyboard users
 * reach with Tab (and scroll with the arrow keys) and screen readers announce by its label.
 */
const scroller = (label: string, table: string) => `<div class="table-wrap" role="region" tabindex="0" aria-label="${label}">${table}</div>`;

/** Story HTML comes sanitised from the stories capability; a marker-like comment can never survive in it. */
const safeStoryHtml = (html: string) => html.replace(/<!--/g, '&lt;!--');

export const withdrawnPlaceholder = (kind: 'full' | 'title', lang: Lang = 'nl') =>
  kind === 'full'
    ? `<article class="story withdrawn"><p><em>${words[lang].withdrawnFull}</em></p></article>`
    : `<li class="withdrawn"><em>${words[lang].withdrawnTitle}</em></li>`;

export function renderStoryFull(s: StoryOut, lang: Lang = 'nl'): string {
  const w = words[lang];
  const who = s.named && s.tellerName ? w.toldBy(e(s.tellerName)) : w.anonymous;
  const meta = [who, s.areaName ? e(s.areaName) : '', s.when ? dateIn(w, s.when) : ''].filter(Boolean).join(' · ');
  return (
    `<!--story:${s.id}:full--><article class="story">` +
    `<h4>${e(s.title)}</h4><p class="meta">${meta}</p>` +
    `<div class="story-body">${safeStoryHtml(s.bodyHtml)}</div>` +
    (s.note ? `<p class="note"><strong>${w.contribution}</strong> ${e(s.note)}</p>` : '') +
    `</article><!--/story:${s.id}:full-->`
  );
}

export const renderStoryTitle = (s: { id: number; title: string }) => `<!--story:${s.id}:title--><li>${e(s.title)}</li><!--/story:${s.id}:title-->`;

const isWithdrawn = (s: StoryOut | WithdrawnStory | { id: number; title: string }): s is WithdrawnStory => 'withdrawn' in s;

function indicatorTable(w: Words, ind: IndicatorOut): string {
  const rows = ind.periods
    .map((p) => `<tr><th scope="row">${e(p.period)}</th><td>${num(w, p.target)}</td><td>${num(w, p.actual)}</td></tr>`)
    .join('');
  return (
    `<table class="data"><caption>${e(ind.name)} (${e(w.unit[ind.unit] ?? ind.unit)})` +
    (ind.baseline ? ` — ${w.baseline} ${num(w, ind.baseline.value)}${ind.baseline.period ? ` (${e(ind.baseline.period)})` : ''}` : '') +
    `</caption><thead><tr><th scope="col">${w.period}</th><th scope="col">${w.target}</th><th scope="col">${w.actual}</th></tr></thead><tbody>${rows}</tbody></table>`
  );
}

/** Per area: one row per area and period, the area named once; a target column only where areas have targets. */
function areaTable(w: Words, ind: IndicatorOut): string {
  const areas = ind.areas ?? [];
  const targets = areas.some((a) => a.periods.some((p) => p.target != null));
  const rows = areas
    .flatMap((a) =>
      a.periods.map(
        (p, i) =>
          `<tr>${i === 0 ? `<th scope="rowgroup" rowspan="${a.periods.length}">${e(a.name)}</th>` : ''}<th scope="row">${e(p.period)}</th>` +
          `${targets ? `<td>${num(w, p.target)}</td>` : ''}<td>${num(w, p.actual)}</td></tr>`,
      ),
    )
    .join('');
  return (
    scroller(
      w.perArea(e(ind.name)),
      `<table class="data"><caption>${w.perArea(e(ind.name))} (${e(w.unit[ind.unit] ?? ind.unit)})</caption>` +
        `<thead><tr><th scope="col">${w.area}</th><th scope="col">${w.period}</th>${targets ? `<th scope="col">${w.target}</th>` : ''}<th scope="col">${w.actual}</th></tr></thead><tbody>${rows}</tbody></table>`,
    )
  );
}

function renderIndicator(lang: Lang, outcomeId: number, ind: IndicatorOut): string {
  const w = words[lang];
  // The Dutch chart is part of the stored data; the English one is drawn from the same figures.
  const chart = lang === 'nl' ? ind.chartSvg : indicatorFigure('en', chartId(outcomeId, ind.id), ind);
  return (
    `<section class="indicator"><h3>${e(ind.name)}</h3>` +
    (ind.description ? `<p>${e(ind.description)}</p>` : '') +
    (ind.periods.length
      ? `<div class="figure"><div class="chart-wrap">${chart}</div>${scroller(e(ind.name), indicatorTable(w, ind))}</div>`
      : `<p class="muted">${ind.areas?.length ? w.noOverallFigures : w.noFigures}</p>`) +
    (ind.areas?.length ? areaTable(w, ind) : '') +
    `</section>`
  );
}

function renderOutcome(lang: Lang, o: OutcomeOut, data: ReportData): string {
  const w = words[lang];
  const has = (k: string) => data.report.sections.includes(k as never);
  const parts = [`<section class="outcome" id="outcome-${o.id}"><h2>${e(o.title)}</h2>`, `<p class="meta">${w.level[o.level]} · ${e(o.projectName)}</p>`];
  if (o.description) parts.push(`<p>${e(o.description)}</p>`);
  if (has('indicators')) parts.push(o.indicators.length ? o.indicators.map((i) => renderIndicator(lang, o.id, i)).join('') : `<p class="muted">${w.noIndicators}</p>`);
  if (has('stories')) {
    parts.push(`<h3>${w.stories}</h3>`);
    parts.push(o.stories.length ? o.stories.map((s) => (isWithdrawn(s) ? withdrawnPlaceholder('full', lang) : renderStoryFull(s, lang))).join('') : `<p class="muted">${w.noStories}</p>`);
  }
  if (has('msc')) {
    parts.push('<h3>Most Significant Change</h3>');
    if (!o.msc.included) parts.push(`<p class="not-included">${w.mscNotIncluded}</p>`);
    else if (!o.msc.selections.length) parts.push(`<p class="muted">${w.noSelections}</p>`);
    else
      parts.push(
        '<ul class="msc">' +
          o.msc.selections
            .map((m) =>
              'withdrawn' in m
                ? `<li class="withdrawn"><em>${w.withdrawnTitle}</em></li>`
                : `<!--story:${m.storyId}:msc--><li><strong>${e(m.domain)}</strong> — ${e(m.reason)}</li><!--/story:${m.storyId}:msc-->`,
            )
            .join('') +
          '</ul>',
      );
  }
  parts.push('</section>');
  return parts.join('');
}

function renderClimate(w: Words, c: NonNullable<ReportData['climate']>, areas: string): string {
  const fig = (f: { n: number; mean: number | null }) => (f.mean == null ? `<span class="too-few">${w.tooFew}</span> (${f.n})` : `${num(w, f.mean)} <span class="n">(${f.n})</span>`);
  const rows = c.variables
    .map(
      (v) =>
        `<tr><th scope="row">${e(v.name)}<br><span class="poles">${e(v.weak)} ↔ ${e(v.strong)}</span></th>` +
        `<td>${fig(v.all)}</td><td>${fig(v.firstHalf)}</td><td>${fig(v.secondHalf)}</td>` +
        `<td>${v.shift == null ? `<span class="too-few">${w.tooFew}</span>` : (v.shift > 0 ? '+' : '') + num(w, v.shift)}</td></tr>`,
    )
    .join('');
  return (
    `<section class="climate"><h2>${w.climate}</h2>` +
    `<p>${w.climateIntro(e(areas), c.minStories, dateIn(w, c.split))}</p>` +
    (c.variables.length
      ? scroller(w.climate, `<table class="data"><thead><tr>${w.climateHead.map((h) => `<th scope="col">${h}</th>`).join('')}</tr></thead><tbody>${rows}</tbody></table>`)
      : `<p class="muted">${w.noClimate}</p>`) +
    `</section>`
  );
}

/** The climate section alone, as renderReport writes it (redact.ts re-renders it when figures are suppressed at serving). */
export const renderClimateSection = (data: ReportData, lang: Lang = 'nl') => (data.climate ? renderClimate(words[lang], data.climate, data.areas.map((a) => a.name).join(', ')) : '');

function renderPhases(lang: Lang, p: NonNullable<ReportData['phases']>): string {
  const w = words[lang];
  const parts = [`<section class="phases"><h2>${w.phases}</h2>`];
  for (const group of p.stories) {
    if (group.phase == null && !group.stories.length) continue;
    parts.push(`<h3>${group.phase ? w.phase[group.phase] : w.noPhase}</h3>`);
    const act = p.activities.included && group.phase ? (p.activities.counts[group.phase] ?? { activities: 0, hours: 0 }) : null;
    parts.push(`<p>${w.storyCount(group.stories.length)}${act ? ` · ${w.activityCount(act.activities, num(w, act.hours, 2))}` : ''}</p>`);
    if (group.stories.length) parts.push('<ul>' + group.stories.map((s) => (isWithdrawn(s) ? withdrawnPlaceholder('title', lang) : renderStoryTitle(s))).join('') + '</ul>');
  }
  if (!p.activities.included) parts.push(`<p class="not-included">${w.activitiesNotIncluded}</p>`);
  parts.push('</section>');
  return parts.join('');
}

function renderResources(w: Words, r: NonNullable<ReportData['resources']>): string {
  const rows = r.projects
    .map((p) => `<tr><th scope="row">${e(p.name)}</th><td>${num(w, p.planHours, 2)}</td><td>${num(w, p.actualHours, 2)}</td><td>${euro(w, p.planEuros)}</td><td>${euro(w, p.actualEuros)}</td></tr>`)
    .join('');
  return (
    `<section class="resources"><h2>${w.resources}</h2>` +
    `<p>${w.resourcesIntro}</p>` +
    scroller(
      w.resources,
      `<table class="data"><thead><tr>${w.resourcesHead.map((h) => `<th scope="col">${h}</th>`).join('')}</tr></thead>` +
        `<tbody>${rows}</tbody><tfoot><tr><th scope="row">${w.total}</th><td>${num(w, r.planHours, 2)}</td><td>${num(w, r.actualHours, 2)}</td><td>${euro(w, r.planEuros)}</td><td>${euro(w, r.actualEuros)}</td></tr></tfoot></table>`,
    ) +
    (r.actualIncluded ? '' : `<p class="not-included">${w.resourcesNotIncluded}</p>`) +
    `</section>`
  );
}

/**
 * The report as an HTML fragment (an <article>). The Dutch one is frozen into a version; the
 * English one is rendered from a version's (redacted) data when it is served in English.
 */
export function renderReport(data: ReportData, meta: { number?: number; publishedAt?: string; lang?: Lang } = {}): string {
  const lang = meta.lang ?? 'nl';
  const w = words[lang];
  const r = data.report;
  const areas = data.areas.map((a) => a.name).join(', ');
  const parts = [
    `<article class="report" lang="${lang}">`,
    `<header class="report-head"><h1>${e(r.title)}</h1>`,
    `<dl class="facts"><dt>${w.period}</dt><dd>${dateIn(w, r.periodFrom)} – ${dateIn(w, r.periodTo)}</dd>`,
    `<dt>${w.for}</dt><dd>${e(w.audience[r.audience] ?? r.audience)}</dd>`,
    `<dt>${w.projects}</dt><dd>${e(data.projects.map((p) => p.name).join(', ') || '–')}</dd>`,
    areas ? `<dt>${w.areas}</dt><dd>${e(areas)}</dd>` : '',
    meta.number ? `<dt>${w.version}</dt><dd>${w.published(meta.number, dateIn(w, meta.publishedAt!.slice(0, 10)))}</dd>` : `<dt>${w.version}</dt><dd>${w.draft}</dd>`,
    `</dl></header>`,
  ];
  if (r.introHtml) parts.push(`<section class="intro">${r.introHtml}</section>`);
  if (data.outcomes.length) parts.push(data.outcomes.map((o) => renderOutcome(lang, o, data)).join(''));
  else parts.push(`<p class="muted">${w.noOutcomes}</p>`);
  if (data.climate) parts.push(renderClimate(w, data.climate, areas));
  if (data.phases) parts.push(renderPhases(lang, data.phases));
  if (data.resources) parts.push(renderResources(w, data.resources));
  parts.push(`<footer class="report-foot"><p>${w.footer}</p></footer>`);
  parts.push('</article>');
  return parts.join('');
}
