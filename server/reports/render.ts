// Renders assembled report data to the report page (HTML fragment), in Dutch. The fragment is
// frozen into a published version; every story in it sits between markers
// <!--story:ID:kind--> … <!--/story:ID:kind--> so a later withdrawal can be honoured when the
// version is served (see redact.ts) without changing the stored bytes.
import type { ReportData, StoryOut, WithdrawnStory, IndicatorOut, OutcomeOut } from './assemble.js';
import { escapeHtml as e } from './text.js';

const audienceNl: Record<string, string> = { funder: 'financier', municipality: 'gemeente', internal: 'intern', residents: 'bewoners' };
const levelNl: Record<string, string> = { output: 'Output', outcome: 'Outcome', impact: 'Impact' };
const unitNl: Record<string, string> = { count: 'aantal', percentage: 'procent', euro: 'euro', hours: 'uren', score: 'score' };
const phaseNl: Record<string, string> = { ZIEN: 'ZIEN — waarnemen', DENKEN: 'DENKEN — analyseren en plannen', DOEN: 'DOEN — uitvoeren', VINDEN: 'VINDEN — evalueren en benoemen' };
const TOO_FEW = 'te weinig verhalen';

const num = (n: number | null | undefined, digits = 1) =>
  n == null ? '–' : n.toLocaleString('nl-NL', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
const euro = (n: number | null) => (n == null ? '–' : `€ ${n.toLocaleString('nl-NL', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`);
const dateNl = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  const months = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];
  return d ? `${d} ${months[m! - 1]} ${y}` : `${months[m! - 1]} ${y}`;
};

/** Story HTML comes sanitised from the stories capability; a marker-like comment can never survive in it. */
const safeStoryHtml = (html: string) => html.replace(/<!--/g, '&lt;!--');

export const withdrawnPlaceholder = (kind: 'full' | 'title') =>
  kind === 'full'
    ? '<article class="story withdrawn"><p><em>Dit verhaal is teruggetrokken door de verteller en wordt niet meer getoond.</em></p></article>'
    : '<li class="withdrawn"><em>Teruggetrokken verhaal</em></li>';

export function renderStoryFull(s: StoryOut): string {
  const who = s.named && s.tellerName ? `Verteld door ${e(s.tellerName)}` : 'Anoniem verteld';
  const meta = [who, s.areaName ? e(s.areaName) : '', s.when ? dateNl(s.when) : ''].filter(Boolean).join(' · ');
  return (
    `<!--story:${s.id}:full--><article class="story">` +
    `<h4>${e(s.title)}</h4><p class="meta">${meta}</p>` +
    `<div class="story-body">${safeStoryHtml(s.bodyHtml)}</div>` +
    (s.note ? `<p class="note"><strong>Bijdrage aan deze uitkomst:</strong> ${e(s.note)}</p>` : '') +
    `</article><!--/story:${s.id}:full-->`
  );
}

export const renderStoryTitle = (s: { id: number; title: string }) => `<!--story:${s.id}:title--><li>${e(s.title)}</li><!--/story:${s.id}:title-->`;

const isWithdrawn = (s: StoryOut | WithdrawnStory | { id: number; title: string }): s is WithdrawnStory => 'withdrawn' in s;

function indicatorTable(ind: IndicatorOut): string {
  const rows = ind.periods
    .map((p) => `<tr><th scope="row">${e(p.period)}</th><td>${num(p.target)}</td><td>${num(p.actual)}</td></tr>`)
    .join('');
  return (
    `<table class="data"><caption>${e(ind.name)} (${e(unitNl[ind.unit] ?? ind.unit)})` +
    (ind.baseline ? ` — nulmeting ${num(ind.baseline.value)}${ind.baseline.period ? ` (${e(ind.baseline.period)})` : ''}` : '') +
    `</caption><thead><tr><th scope="col">Periode</th><th scope="col">Doel</th><th scope="col">Gerealiseerd</th></tr></thead><tbody>${rows}</tbody></table>`
  );
}

/** Per area: one row per area and period, the area named once. */
function areaTable(ind: IndicatorOut): string {
  const rows = (ind.areas ?? [])
    .flatMap((a) =>
      a.periods.map(
        (p, i) =>
          `<tr>${i === 0 ? `<th scope="rowgroup" rowspan="${a.periods.length}">${e(a.name)}</th>` : ''}<th scope="row">${e(p.period)}</th><td>${num(p.target)}</td><td>${num(p.actual)}</td></tr>`,
      ),
    )
    .join('');
  return (
    `<div class="table-wrap"><table class="data"><caption>${e(ind.name)} per gebied (${e(unitNl[ind.unit] ?? ind.unit)})</caption>` +
    `<thead><tr><th scope="col">Gebied</th><th scope="col">Periode</th><th scope="col">Doel</th><th scope="col">Gerealiseerd</th></tr></thead><tbody>${rows}</tbody></table></div>`
  );
}

function renderIndicator(ind: IndicatorOut): string {
  return (
    `<section class="indicator"><h3>${e(ind.name)}</h3>` +
    (ind.description ? `<p>${e(ind.description)}</p>` : '') +
    (ind.periods.length
      ? `<div class="figure"><div class="chart-wrap">${ind.chartSvg}</div><div class="table-wrap">${indicatorTable(ind)}</div></div>`
      : '<p class="muted">Nog geen cijfers voor alle gebieden samen in deze periode.</p>') +
    (ind.areas?.length ? areaTable(ind) : '') +
    `</section>`
  );
}

function renderOutcome(o: OutcomeOut, data: ReportData): string {
  const has = (k: string) => data.report.sections.includes(k as never);
  const parts = [`<section class="outcome" id="outcome-${o.id}"><h2>${e(o.title)}</h2>`, `<p class="meta">${levelNl[o.level]} · ${e(o.projectName)}</p>`];
  if (o.description) parts.push(`<p>${e(o.description)}</p>`);
  if (has('indicators')) parts.push(o.indicators.length ? o.indicators.map(renderIndicator).join('') : '<p class="muted">Geen indicatoren bij deze uitkomst.</p>');
  if (has('stories')) {
    parts.push('<h3>Verhalen</h3>');
    parts.push(o.stories.length ? o.stories.map((s) => (isWithdrawn(s) ? withdrawnPlaceholder('full') : renderStoryFull(s))).join('') : '<p class="muted">Geen verhalen die voor deze rapportage gedeeld mogen worden.</p>');
  }
  if (has('msc')) {
    parts.push('<h3>Most Significant Change</h3>');
    if (!o.msc.included) parts.push('<p class="not-included">Nog niet opgenomen: de selecties van Most Significant Change komen in deze rapportage zodra die functie beschikbaar is.</p>');
    else if (!o.msc.selections.length) parts.push('<p class="muted">Geen selecties bij deze uitkomst.</p>');
    else
      parts.push(
        '<ul class="msc">' +
          o.msc.selections
            .map((m) =>
              'withdrawn' in m
                ? '<li class="withdrawn"><em>Teruggetrokken verhaal</em></li>'
                : `<!--story:${m.storyId}:msc--><li><strong>${e(m.domain)}</strong> — ${e(m.reason)}</li><!--/story:${m.storyId}:msc-->`,
            )
            .join('') +
          '</ul>',
      );
  }
  parts.push('</section>');
  return parts.join('');
}

function renderClimate(c: NonNullable<ReportData['climate']>, areas: string): string {
  const fig = (f: { n: number; mean: number | null }) => (f.mean == null ? `<span class="too-few">${TOO_FEW}</span> (${f.n})` : `${num(f.mean)} <span class="n">(${f.n})</span>`);
  const rows = c.variables
    .map(
      (v) =>
        `<tr><th scope="row">${e(v.name)}<br><span class="poles">${e(v.weak)} ↔ ${e(v.strong)}</span></th>` +
        `<td>${fig(v.all)}</td><td>${fig(v.firstHalf)}</td><td>${fig(v.secondHalf)}</td>` +
        `<td>${v.shift == null ? `<span class="too-few">${TOO_FEW}</span>` : (v.shift > 0 ? '+' : '') + num(v.shift)}</td></tr>`,
    )
    .join('');
  return (
    `<section class="climate"><h2>Sociaal klimaat</h2>` +
    `<p>Gemiddelde plaats van de verhalen op elke lijn, van 0 (zwakke pool) tot 100 (sterke pool)${areas ? ` in ${e(areas)}` : ''}. ` +
    `Tussen haakjes het aantal verhalen. Waar minder dan ${c.minStories} verhalen achter een cijfer staan, tonen we geen cijfer. ` +
    `De verschuiving vergelijkt de verhalen van vóór ${dateNl(c.split)} met die daarna.</p>` +
    (c.variables.length
      ? `<div class="table-wrap"><table class="data"><thead><tr><th scope="col">Lijn</th><th scope="col">Hele periode</th><th scope="col">Eerste helft</th><th scope="col">Tweede helft</th><th scope="col">Verschuiving</th></tr></thead><tbody>${rows}</tbody></table></div>`
      : `<p class="muted">Geen verhalen geplaatst op de klimaatlijnen in deze periode.</p>`) +
    `</section>`
  );
}

function renderPhases(p: NonNullable<ReportData['phases']>): string {
  const parts = ['<section class="phases"><h2>Zien, denken, doen, vinden</h2>'];
  for (const group of p.stories) {
    if (group.phase == null && !group.stories.length) continue;
    parts.push(`<h3>${group.phase ? phaseNl[group.phase] : 'Zonder fase'}</h3>`);
    const act = p.activities.included && group.phase ? (p.activities.counts[group.phase] ?? { activities: 0, hours: 0 }) : null;
    parts.push(`<p>${group.stories.length} ${group.stories.length === 1 ? 'verhaal' : 'verhalen'}${act ? ` · ${act.activities} ${act.activities === 1 ? 'activiteit' : 'activiteiten'}, ${num(act.hours)} uur` : ''}</p>`);
    if (group.stories.length) parts.push('<ul>' + group.stories.map((s) => (isWithdrawn(s) ? withdrawnPlaceholder('title') : renderStoryTitle(s))).join('') + '</ul>');
  }
  if (!p.activities.included) parts.push('<p class="not-included">Nog niet opgenomen: activiteiten per fase komen in deze rapportage zodra de registratie van activiteiten beschikbaar is.</p>');
  parts.push('</section>');
  return parts.join('');
}

function renderResources(r: NonNullable<ReportData['resources']>): string {
  const rows = r.projects
    .map((p) => `<tr><th scope="row">${e(p.name)}</th><td>${num(p.planHours)}</td><td>${num(p.actualHours)}</td><td>${euro(p.planEuros)}</td><td>${euro(p.actualEuros)}</td></tr>`)
    .join('');
  return (
    `<section class="resources"><h2>Uren en geld</h2>` +
    `<p>Begroot: het budget van het hele project volgens het projectplan. Besteed: geregistreerde uren en uitgaven binnen de periode van deze rapportage.</p>` +
    `<div class="table-wrap"><table class="data"><thead><tr><th scope="col">Project</th><th scope="col">Uren begroot</th><th scope="col">Uren besteed</th><th scope="col">Geld begroot</th><th scope="col">Geld besteed</th></tr></thead>` +
    `<tbody>${rows}</tbody><tfoot><tr><th scope="row">Totaal</th><td>${num(r.planHours)}</td><td>${num(r.actualHours)}</td><td>${euro(r.planEuros)}</td><td>${euro(r.actualEuros)}</td></tr></tfoot></table></div>` +
    (r.actualIncluded ? '' : '<p class="not-included">Nog niet opgenomen: bestede uren en uitgaven komen in deze rapportage zodra de urenregistratie beschikbaar is. Begroot komt uit de projectplannen.</p>') +
    `</section>`
  );
}

/** The report as an HTML fragment (an <article>), ready to freeze. */
export function renderReport(data: ReportData, meta: { number?: number; publishedAt?: string } = {}): string {
  const r = data.report;
  const areas = data.areas.map((a) => a.name).join(', ');
  const parts = [
    `<article class="report" lang="nl">`,
    `<header class="report-head"><h1>${e(r.title)}</h1>`,
    `<dl class="facts"><dt>Periode</dt><dd>${dateNl(r.periodFrom)} – ${dateNl(r.periodTo)}</dd>`,
    `<dt>Voor</dt><dd>${e(audienceNl[r.audience] ?? r.audience)}</dd>`,
    `<dt>Projecten</dt><dd>${e(data.projects.map((p) => p.name).join(', ') || '–')}</dd>`,
    areas ? `<dt>Gebieden</dt><dd>${e(areas)}</dd>` : '',
    meta.number ? `<dt>Versie</dt><dd>${meta.number}, gepubliceerd ${dateNl(meta.publishedAt!.slice(0, 10))}</dd>` : `<dt>Versie</dt><dd>Concept (niet gepubliceerd)</dd>`,
    `</dl></header>`,
  ];
  if (r.introHtml) parts.push(`<section class="intro">${r.introHtml}</section>`);
  if (data.outcomes.length) parts.push(data.outcomes.map((o) => renderOutcome(o, data)).join(''));
  else parts.push('<p class="muted">Geen uitkomsten gekozen.</p>');
  if (data.climate) parts.push(renderClimate(data.climate, areas));
  if (data.phases) parts.push(renderPhases(data.phases));
  if (data.resources) parts.push(renderResources(data.resources));
  parts.push(`<footer class="report-foot"><p>Verhalen staan hier alleen met toestemming van de vertellers; wie toestemming gaf voor "anoniem in rapportages" wordt niet bij naam genoemd. Een verteller kan een verhaal altijd terugtrekken.</p></footer>`);
  parts.push('</article>');
  return parts.join('');
}
