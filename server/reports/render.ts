// Renders assembled report data to the report page (HTML fragment), in Dutch (the version that is
// frozen) or English (rendered from a version's data when it is served in English). The Dutch
// fragment is frozen into a published version; every story in it sits between markers
// <!--story:ID:kind--> … <!--/story:ID:kind--> so a later withdrawal can be honoured when the
// version is served (see redact.ts) without changing the stored bytes.
import type { ReportData, StoryOut, WithdrawnStory, IndicatorOut, OutcomeOut, SummaryOut } from './assemble.js';
import { chartId, climateSpreadChart, indicatorFigure } from './chart.js';
import { climateName, climatePlain, climateSentence } from './climate-words.js';
import { ON_TRACK_PERCENT, type Status } from './summary.js';
import { escapeHtml as e } from './text.js';
import { photoFigure } from './photos.js';

export type Lang = 'nl' | 'en';

const words = {
  nl: {
    locale: 'nl-NL',
    months: ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'],
    audience: { funder: 'financier', municipality: 'gemeente', internal: 'intern', residents: 'bewoners' } as Record<string, string>,
    level: { output: 'Output', outcome: 'Outcome', impact: 'Impact' } as Record<string, string>,
    unit: { count: 'aantal', percentage: 'procent', euro: 'euro', hours: 'uren', score: 'score' } as Record<string, string>,
    phase: { ZIEN: 'ZIEN — waarnemen', DENKEN: 'DENKEN — analyseren en plannen', DOEN: 'DOEN — uitvoeren', VINDEN: 'VINDEN — evalueren en benoemen' } as Record<
      string,
      string
    >,
    tooFew: 'te weinig verhalen',
    // The placeholder stands for a story withdrawn by its teller and for one whose anonymised text is
    // not (or no longer) reviewed, so it names both and claims neither.
    withdrawnFull: 'Dit verhaal staat hier nu niet. Dat gebeurt als de verteller het terugtrekt, of als het team het eerst (opnieuw) anoniem moet maken.',
    withdrawnTitle: 'Verhaal staat hier nu niet',
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
    resourcesIntro:
      'Begroot: het budget van het hele project volgens het projectplan. Besteed: geregistreerde uren en uitgaven binnen de periode van deze rapportage.',
    resourcesHead: ['Project', 'Uren begroot', 'Uren besteed', 'Geld begroot', 'Geld besteed'],
    total: 'Totaal',
    resourcesNotIncluded:
      'Nog niet opgenomen: bestede uren en uitgaven komen in deze rapportage zodra de urenregistratie beschikbaar is. Begroot komt uit de projectplannen.',
    for: 'Voor',
    projects: 'Projecten',
    areas: 'Gebieden',
    version: 'Versie',
    published: (n: number, date: string) => `${n}, gepubliceerd ${date}`,
    draft: 'Concept (niet gepubliceerd)',
    noOutcomes: 'Geen uitkomsten gekozen.',
    footer:
      'Verhalen staan hier alleen met toestemming van de vertellers; wie toestemming gaf voor "anoniem in rapportages" wordt niet bij naam genoemd. Een verteller kan een verhaal altijd terugtrekken.',
    report: 'Rapportage',
    summary: 'Samenvatting: werkte het?',
    rule: (pct: number) =>
      `Per indicator de laatste periode binnen de rapportageperiode met zowel een meting als een doel. "% van doel" is gerealiseerd gedeeld door doel (als lager beter is: doel gedeeld door gerealiseerd). Op koers: minstens ${pct}% van het doel; achter: minder; geen gegevens: geen periode met een meting én een doel. Een uitkomst is achter als een van haar indicatoren achter is.`,
    status: { on_track: 'op koers', behind: 'achter', no_data: 'geen gegevens' } as Record<Status, string>,
    summaryHead: ['Indicator', 'Nulmeting', 'Doel', 'Gerealiseerd', '% van doel', 'Status'],
    noIndicatorsShort: 'geen indicatoren',
    behind: 'Achter de cijfers',
    counts: (c: SummaryOut['counts'], f: (n: number | null) => string, money: (n: number | null) => string) => [
      [`${f(c.storiesTold)}`, 'verhalen verteld'],
      [`${f(c.storiesReportable)}`, 'daarvan mogen in rapportages'],
      [`${f(c.tellers)}`, 'vertellers'],
      [`${f(c.areas)}`, 'buurten waar verhalen vandaan komen'],
      [`${f(c.activities)}`, 'activiteiten'],
      [`${f(c.hours)}${c.hoursPlanned != null ? ` van ${f(c.hoursPlanned)}` : ''}`, 'uur besteed (van begroot)'],
      [`${money(c.euros)}${c.eurosPlanned != null ? ` van ${money(c.eurosPlanned)}` : ''}`, 'uitgegeven (van begroot)'],
    ],
    whatWeSee: 'Wat we zien',
    figures: 'Cijfers',
    alsoHere: 'Ook bij deze uitkomst (eerder in deze rapportage):',
    others: (n: number) => `En ${n} ${n === 1 ? 'ander verhaal' : 'andere verhalen'} bij deze uitkomst.`,
    perAreaMatrix: (name: string) => `${name} per gebied (gerealiseerd; doel tussen haakjes)`,
    mscRound: (domain: string, date: string) => `Ronde "${domain}"${date ? `, gekozen ${date}` : ''}`,
    mscReasons: 'Waarom het panel dit verhaal koos:',
    mscSee: (title: string) => `Het gekozen verhaal, "${title}", staat eerder in deze rapportage.`,
    climateLead: (areas: string, min: number, split: string) =>
      `Bewoners en opbouwwerkers plaatsen verhalen op lijnen die zeggen hoe het met de buurt gaat${areas ? ` (${areas})` : ''}: van 0 (laag) tot 100 (hoog). ` +
      `De balkjes laten zien waar de verhalen op elke lijn staan, eerst in de eerste helft van de periode (tot ${split}), dan in de tweede; het oranje streepje is het gemiddelde. ` +
      `Staan er minder dan ${min} verhalen achter, dan tonen we niets.`,
    firstHalf: 'Eerste helft',
    secondHalf: 'Tweede helft',
    low: 'laag',
    high: 'hoog',
    spreadSummary: (name: string, a: string, b: string) => `${name}: gemiddeld ${a} in de eerste helft, ${b} in de tweede.`,
    meanLine: (a: string, b: string, shift: string) => `Gemiddeld ${a} → ${b}${shift ? ` (${shift})` : ''}`,
    phasesHead: ['Fase', 'Verhalen', 'Activiteiten', 'Uren'],
    tooFewLine: (a: number, b: number) => `Te weinig verhalen om te tonen (${a} in de eerste helft, ${b} in de tweede).`,
  },
  en: {
    locale: 'en-GB',
    months: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
    audience: { funder: 'funder', municipality: 'municipality', internal: 'internal', residents: 'residents' } as Record<string, string>,
    level: { output: 'Output', outcome: 'Outcome', impact: 'Impact' } as Record<string, string>,
    unit: { count: 'count', percentage: 'percent', euro: 'euro', hours: 'hours', score: 'score' } as Record<string, string>,
    phase: { ZIEN: 'SEE — observe', DENKEN: 'THINK — analyse and plan', DOEN: 'DO — carry out', VINDEN: 'FIND — evaluate and name the impact' } as Record<
      string,
      string
    >,
    tooFew: 'too few stories',
    withdrawnFull: 'This story is not shown here now. That happens when its teller withdraws it, or when the team must first make it anonymous (again).',
    withdrawnTitle: 'Story not shown here now',
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
    resourcesNotIncluded:
      'Not included yet: hours and expenses spent appear in this report once time registration is available. Budgeted comes from the project plans.',
    for: 'For',
    projects: 'Projects',
    areas: 'Areas',
    version: 'Version',
    published: (n: number, date: string) => `${n}, published ${date}`,
    draft: 'Draft (not published)',
    noOutcomes: 'No outcomes chosen.',
    footer:
      'Stories appear here only with their tellers\' consent; whoever consented to "anonymous in reports" is not named. A teller can always withdraw a story.',
    report: 'Report',
    summary: 'Summary: did it work?',
    rule: (pct: number) =>
      `Per indicator the latest period within the report period that has both a measurement and a target. "% of target" is actual divided by target (where lower is better: target divided by actual). On track: at least ${pct}% of the target; behind: less; no data: no period with both a measurement and a target. An outcome is behind when one of its indicators is.`,
    status: { on_track: 'on track', behind: 'behind', no_data: 'no data' } as Record<Status, string>,
    summaryHead: ['Indicator', 'Baseline', 'Target', 'Actual', '% of target', 'Status'],
    noIndicatorsShort: 'no indicators',
    behind: 'Behind the figures',
    counts: (c: SummaryOut['counts'], f: (n: number | null) => string, money: (n: number | null) => string) => [
      [`${f(c.storiesTold)}`, 'stories told'],
      [`${f(c.storiesReportable)}`, 'of which may be used in reports'],
      [`${f(c.tellers)}`, 'tellers'],
      [`${f(c.areas)}`, 'neighbourhoods the stories come from'],
      [`${f(c.activities)}`, 'activities'],
      [`${f(c.hours)}${c.hoursPlanned != null ? ` of ${f(c.hoursPlanned)}` : ''}`, 'hours spent (of budgeted)'],
      [`${money(c.euros)}${c.eurosPlanned != null ? ` of ${money(c.eurosPlanned)}` : ''}`, 'spent (of budgeted)'],
    ],
    whatWeSee: 'What we see',
    figures: 'Figures',
    alsoHere: 'Also for this outcome (earlier in this report):',
    others: (n: number) => `And ${n} other ${n === 1 ? 'story' : 'stories'} for this outcome.`,
    perAreaMatrix: (name: string) => `${name} per area (actual; target in brackets)`,
    mscRound: (domain: string, date: string) => `Round "${domain}"${date ? `, chosen ${date}` : ''}`,
    mscReasons: 'Why the panel chose this story:',
    mscSee: (title: string) => `The chosen story, "${title}", appears earlier in this report.`,
    climateLead: (areas: string, min: number, split: string) =>
      `Residents and community workers place stories on lines that say how the neighbourhood is doing${areas ? ` (${areas})` : ''}: from 0 (low) to 100 (high). ` +
      `The bars show where the stories sit on each line, first in the first half of the period (until ${split}), then in the second; the orange mark is the average. ` +
      `With fewer than ${min} stories behind it, we show nothing.`,
    firstHalf: 'First half',
    secondHalf: 'Second half',
    low: 'low',
    high: 'high',
    spreadSummary: (name: string, a: string, b: string) => `${name}: average ${a} in the first half, ${b} in the second.`,
    meanLine: (a: string, b: string, shift: string) => `Average ${a} → ${b}${shift ? ` (${shift})` : ''}`,
    phasesHead: ['Phase', 'Stories', 'Activities', 'Hours'],
    tooFewLine: (a: number, b: number) => `Too few stories to show (${a} in the first half, ${b} in the second).`,
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
  const rows = ind.periods.map((p) => `<tr><th scope="row">${e(p.period)}</th><td>${num(w, p.target)}</td><td>${num(w, p.actual)}</td></tr>`).join('');
  return (
    `<table class="data"><caption>${e(ind.name)} (${e(w.unit[ind.unit] ?? ind.unit)})` +
    (ind.baseline ? ` — ${w.baseline} ${num(w, ind.baseline.value)}${ind.baseline.period ? ` (${e(ind.baseline.period)})` : ''}` : '') +
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
  return scroller(
    w.perArea(e(ind.name)),
    `<table class="data matrix"><caption>${w.perAreaMatrix(e(ind.name))} (${e(w.unit[ind.unit] ?? ind.unit)})</caption>` +
      `<thead><tr><th scope="col">${w.area}</th>${periods.map((p) => `<th scope="col">${e(p)}</th>`).join('')}</tr></thead><tbody>${rows}</tbody></table>`,
  );
}

function renderIndicator(lang: Lang, outcomeId: number, ind: IndicatorOut): string {
  const w = words[lang];
  // The Dutch chart is part of the stored data; the English one is drawn from the same figures.
  const chart = lang === 'nl' ? ind.chartSvg : indicatorFigure('en', chartId(outcomeId, ind.id), ind);
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

function renderOutcome(lang: Lang, o: OutcomeOut, data: ReportData): string {
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
    parts.push(o.indicators.length ? o.indicators.map((i) => renderIndicator(lang, o.id, i)).join('') : `<p class="muted">${w.noIndicators}</p>`);
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
    parts.push('<h3>Most Significant Change</h3>');
    parts.push(renderMsc(lang, o));
  }
  parts.push('</section>');
  return parts.join('');
}

function renderSummary(w: Words, s: SummaryOut): string {
  const pct = (n: number | null) => (n == null ? '–' : `${format(w.locale, 0, 0).format(n)}%`);
  const rows = s.outcomes
    .map((o) => {
      const head = `<tr class="outcome-row"><th scope="rowgroup" colspan="5">${e(o.title)}</th><td>${statusBadge(w, o.status)}</td></tr>`;
      if (!o.indicators.length) return head + `<tr><td colspan="6" class="muted">${w.noIndicatorsShort}</td></tr>`;
      return (
        head +
        o.indicators
          .map(
            (i) =>
              `<tr><th scope="row">${e(i.name)}</th><td>${num(w, i.baseline)}</td><td>${num(w, i.target)}</td>` +
              `<td>${num(w, i.actual)}${i.period ? ` <span class="period">${e(i.period)}</span>` : ''}</td><td>${pct(i.percent)}</td><td>${statusBadge(w, i.status)}</td></tr>`,
          )
          .join('')
      );
    })
    .join('');
  const f = (n: number | null) => num(w, n, 0);
  const money = (n: number | null) => (n == null ? '–' : `€ ${format(w.locale, 0, 0).format(n)}`);
  return (
    `<section class="summary"><h2>${w.summary}</h2>` +
    `<p class="rule">${w.rule(ON_TRACK_PERCENT)}</p>` +
    scroller(
      w.summary,
      `<table class="data summary-table"><thead><tr>${w.summaryHead.map((h) => `<th scope="col">${h}</th>`).join('')}</tr></thead><tbody>${rows}</tbody></table>`,
    ) +
    `<h3>${w.behind}</h3><dl class="counts">${w
      .counts(s.counts, f, money)
      .map(([n, label]) => `<div><dt>${label}</dt><dd>${n}</dd></div>`)
      .join('')}</dl>` +
    `</section>`
  );
}

function renderClimate(lang: Lang, c: NonNullable<ReportData['climate']>, areas: string): string {
  const w = words[lang];
  const mean = (f: { n: number; mean: number | null }) => (f.mean == null ? w.tooFew : `${num(w, f.mean)} (${f.n})`);
  const items = c.variables
    .map((v, i) => {
      const name = climateName(v, lang);
      const shift = v.shift == null ? '' : `${v.shift > 0 ? '+' : ''}${num(w, v.shift)}`;
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
        `<div class="climate-line"><h3>${e(name)}</h3><p>${e(climatePlain(v, lang))}</p>` +
        (chart ? `<div class="chart-wrap spread-wrap">${chart}</div>` : '') +
        (chart
          ? `<p class="meta">${w.meanLine(mean(v.firstHalf), mean(v.secondHalf), shift)}</p>`
          : `<p class="meta too-few">${w.tooFewLine(v.firstHalf.n, v.secondHalf.n)}</p>`) +
        `</div>`
      );
    })
    .join('');
  return (
    `<section class="climate"><h2>${w.climate}</h2>` +
    `<p>${w.climateLead(e(areas), c.minStories, dateIn(w, c.split))}</p>` +
    (c.variables.length
      ? `<p class="reading"><strong>${e(climateSentence(c.variables, lang, (n) => num(w, n)))}</strong></p><div class="climate-lines">${items}</div>`
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
      return `<tr><th scope="row">${g.phase ? w.phase[g.phase] : w.noPhase}</th><td>${g.count ?? g.stories.length}</td><td>${act ? act.activities : '–'}</td><td>${act ? num(w, act.hours, 2) : '–'}</td></tr>`;
    })
    .join('');
  const parts = [`<section class="phases"><h2>${w.phases}</h2>`];
  parts.push(
    scroller(
      w.phases,
      `<table class="data"><thead><tr>${w.phasesHead.map((h) => `<th scope="col">${h}</th>`).join('')}</tr></thead><tbody>${rows}</tbody></table>`,
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
  const rows = r.projects
    .map(
      (p) =>
        `<tr><th scope="row">${e(p.name)}</th><td>${num(w, p.planHours, 2)}</td><td>${num(w, p.actualHours, 2)}</td><td>${euro(w, p.planEuros)}</td><td>${euro(w, p.actualEuros)}</td></tr>`,
    )
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
 * The report as an HTML fragment (an <article>): a cover, the summary, the outcomes, the climate,
 * the four moves, hours and money. The Dutch one is frozen into a version; the English one is
 * rendered from a version's (redacted) data when it is served in English.
 */
export function renderReport(data: ReportData, meta: { number?: number; publishedAt?: string; lang?: Lang } = {}): string {
  const lang = meta.lang ?? 'nl';
  const w = words[lang];
  const r = data.report;
  const areas = data.areas.map((a) => a.name).join(', ');
  const parts = [
    `<article class="report" lang="${lang}">`,
    `<header class="report-head cover">`,
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
  if (data.outcomes.length) parts.push(data.outcomes.map((o) => renderOutcome(lang, o, data)).join(''));
  else parts.push(`<p class="muted">${w.noOutcomes}</p>`);
  if (data.climate) parts.push(renderClimate(lang, data.climate, areas));
  if (data.phases) parts.push(renderPhases(lang, data.phases));
  if (data.resources) parts.push(renderResources(w, data.resources));
  parts.push('</article>');
  return parts.join('');
}
