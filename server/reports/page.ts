// The full HTML page around a report: no script (the CSP forbids inline scripts and none is
// needed), one inline stylesheet (allowed by style-src 'unsafe-inline'), a print stylesheet with
// a page break before each outcome and without the navigation.
import { escapeHtml as e } from './text.js';

/** The report's stylesheet: inline in the report page, and at /report.css for the editor's preview (a shadow root: `:host`). */
export const reportCss = `
:root, :host { --ink:#1c2321; --muted:#4d5a56; --line:#c9cfc8; --accent:#1d5c4d; --bg:#fbfaf6; }
* { box-sizing: border-box; }
body { margin: 0; font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; line-height: 1.55; color: var(--ink); background: var(--bg); }
a { color: var(--accent); }
:focus-visible { outline: 3px solid #c25e00; outline-offset: 2px; }
.skip { position: absolute; left: -999px; top: 0; background: #fff; padding: .5rem 1rem; }
.skip:focus { left: .5rem; }
nav.report-nav { background: var(--accent); color: #fff; padding: .5rem 1rem; display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; align-items: center; }
nav.report-nav a { color: #fff; display: inline-block; padding: .5rem 0; }
nav.report-nav button { font: inherit; color: var(--accent); background: #fff; border: 0; border-radius: 4px; padding: .5rem .9rem; min-height: 44px; cursor: pointer; }
.notice { max-width: 60rem; margin: 1rem auto 0; padding: .75rem 1rem; border: 1px solid #e0c36a; background: #fff8e1; border-radius: 6px; }
main { max-width: 60rem; margin: 0 auto; padding: 1rem; }
article.report { background: #fff; padding: 1.5rem; border: 1px solid var(--line); border-radius: 6px; }
h1 { font-size: 1.9rem; line-height: 1.2; margin: 0 0 1rem; }
h2 { font-size: 1.45rem; margin: 2rem 0 .5rem; border-bottom: 2px solid var(--accent); padding-bottom: .25rem; }
h3 { font-size: 1.15rem; margin: 1.5rem 0 .5rem; }
h4 { font-size: 1.05rem; margin: 0 0 .25rem; }
p { max-width: 70ch; }
.meta, .muted, .n, .poles { color: var(--muted); font-size: .95rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
dl.facts dt { font-weight: 600; } dl.facts dd { margin: 0; }
.figure { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 1rem; align-items: start; }
.chart-wrap svg { width: 100%; height: auto; display: block; }
.table-wrap { overflow-x: auto; }
table.data { border-collapse: collapse; width: 100%; font-size: .95rem; }
table.data caption { text-align: left; font-weight: 600; padding-bottom: .25rem; }
table.data th, table.data td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
table.data td { font-variant-numeric: tabular-nums; }
article.story { border-left: 4px solid var(--accent); padding: .25rem 0 .25rem 1rem; margin: 1rem 0; break-inside: avoid; }
.story-photo { margin: .5rem 0 .75rem; } .story-photo img { display: block; max-width: 100%; height: auto; max-height: 28rem; border-radius: 4px; }
article.story.withdrawn { border-left-color: var(--line); color: var(--muted); }
.not-included { font-style: italic; color: var(--muted); border: 1px dashed var(--line); padding: .5rem .75rem; }
.too-few { font-style: italic; color: var(--muted); }
footer.report-foot { margin-top: 2rem; font-size: .9rem; color: var(--muted); }
@media (max-width: 720px) { .figure { grid-template-columns: 1fr; } article.report { padding: 1rem; } }
.cover .org-logo { display: block; align-self: flex-start; max-width: min(6cm, 60%); max-height: 2.4cm; width: auto; height: auto; margin: 0 0 .75rem; }
.cover .org { font-weight: 600; color: var(--accent); margin: 0; }
.cover .kind { text-transform: uppercase; letter-spacing: .08em; color: var(--muted); margin: .5rem 0 .25rem; font-size: .9rem; }
.consent-note { font-size: .9rem; color: var(--muted); }
.status { display: inline-block; padding: 0 .45em; border-radius: 3px; font-size: .9em; font-weight: 600; white-space: nowrap; border: 1px solid; }
.status-on_track { color: #1d5c4d; border-color: #1d5c4d; background: #e7f2ee; }
.status-behind { color: #8a3b00; border-color: #c25e00; background: #fdf0e4; }
.status-no_data { color: var(--muted); border-color: var(--line); background: #f4f4f1; }
.summary-table .outcome-row th, .summary-table .outcome-row td { background: #f1f4f0; font-weight: 600; border-top: 2px solid var(--line); }
.summary-table .project-row th { padding-top: .9rem; font-size: 1.05em; border-bottom: 2px solid var(--accent); }
.summary-table .period, .matrix .target { color: var(--muted); font-size: .85em; white-space: nowrap; }
.rule { font-size: .95rem; color: var(--muted); }
dl.counts { display: grid; grid-template-columns: repeat(auto-fill, minmax(13rem, 1fr)); gap: .5rem 1rem; margin: .5rem 0 0; }
dl.counts div { border-left: 3px solid var(--accent); padding-left: .5rem; display: flex; flex-direction: column-reverse; }
dl.counts dt { font-size: .9rem; color: var(--muted); } dl.counts dd { margin: 0; font-size: 1.2rem; font-weight: 600; white-space: nowrap; }
.figure + .table-wrap { margin-top: .75rem; }
table.data th[scope="col"], table.matrix th, .summary-table td { white-space: nowrap; }
.narrative { background: #f6f8f4; border-left: 4px solid var(--accent); padding: .25rem 1rem; margin: .75rem 0; }
.narrative h3 { margin-top: .5rem; }
.refs-lead, .others { margin: .5rem 0 .25rem; } .others { color: var(--muted); font-style: italic; }
.msc-item { margin: .75rem 0; } .msc-head ul { margin: .25rem 0; }
.climate-lines { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(20rem, 100%), 1fr)); gap: .5rem 1.5rem; }
.climate-line h3 { margin: .75rem 0 .25rem; } .climate-line p { margin: .25rem 0; }
.reading { border: 1px solid var(--line); background: #f6f8f4; padding: .5rem .75rem; }
/* On a phone a table.cards row is a small card: its name, then its figures, each labelled with its
   column's name, so nothing needs scrolling sideways (the summary's status and "% van doel"). */
@media screen and (max-width: 36em) {
  table.cards thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  table.cards, table.cards tbody, table.cards tfoot { display: block; }
  table.cards tr { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: .25rem .5rem; padding: .5rem .25rem; border-bottom: 1px solid var(--line); }
  table.cards.pairs tr { grid-template-columns: repeat(2, minmax(0, 1fr)); }
  table.data.cards tr > * { border: 0; padding: 0; white-space: normal; background: none; }
  table.cards th[scope="row"], table.cards td[colspan] { grid-column: 1 / -1; }
  table.cards td[data-label]::before { content: attr(data-label) / ""; display: block; font-size: .75rem; color: var(--muted); font-weight: 400; }
  .summary-table tr.project-row { grid-template-columns: minmax(0, 1fr); }
  .summary-table tr.outcome-row { grid-template-columns: minmax(0, 1fr) auto; align-items: center; background: #f1f4f0; border-top: 2px solid var(--line); }
  .summary-table .outcome-row td[data-label]::before { content: none; }
  .summary-table .period { display: block; white-space: normal; }
}
/* On a phone the charts (drawn 420 units wide, at their print size) shrink to about 0.7: their text
   is set larger to read at 11 px or more. chart.ts marks the period labels to hide there and the
   one to start at its point, so the rest keep apart and clear of the axis numbers. */
@media screen and (max-width: 28em) {
  svg.chart:not(.spread) { overflow: visible; }
  svg.chart:not(.spread) text { font-size: 16px; }
  svg.chart text.phone-hide { display: none; }
  svg.chart text.phone-start { text-anchor: start; }
}
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
@media print {
  @page { size: A4 portrait; margin: 18mm 16mm 18mm 16mm; }
  @page :first { @top-left { content: none; } @bottom-right { content: none; } }
  html { font-size: 10pt; }
  body { background: #fff; font-size: 10pt; line-height: 1.4; }
  nav.report-nav, .skip, .no-print { display: none !important; }
  main { max-width: none; padding: 0; }
  article.report { border: 0; padding: 0; }
  h1 { font-size: 24pt; } h2 { font-size: 15pt; margin: 1.2rem 0 .4rem; } h3 { font-size: 11.5pt; margin: .8rem 0 .3rem; } h4 { font-size: 10.5pt; }
  /* the cover fills its page; the summary starts the next */
  .cover { min-height: 240mm; display: flex; flex-direction: column; justify-content: center; break-after: page; }
  .cover h1 { font-size: 26pt; }
  .cover .consent-note { margin-top: auto; }
  section.summary { break-before: page; }
  section.outcome { break-before: auto; margin-top: 1.5rem; }
  /* no heading or caption left alone at the foot of a page */
  h1, h2, h3, h4, .outcome-head, caption, .refs-lead, .msc-head { break-after: avoid; page-break-after: avoid; }
  /* nor a closing line alone at the top of the next */
  .others { break-before: avoid; page-break-before: avoid; }
  /* short sections whose lead would otherwise stay behind without its table */
  section.phases, section.resources { break-inside: avoid; page-break-inside: avoid; }
  .outcome-head { break-inside: avoid; }
  .indicator, .figure, table.data, svg, article.story, .climate-line, dl.counts, .reading, .narrative p, .msc-head, tr { break-inside: avoid; page-break-inside: avoid; }
  p { orphans: 3; widows: 3; }
  /* 104 mm leaves the table beside the chart room for "2e kwartaal 2026" on one line */
  .figure { grid-template-columns: 104mm 1fr; gap: 4mm; }
  .figure + .table-wrap { margin-top: 3mm; }
  .chart-wrap svg.chart { width: 104mm; }
  .climate-lines { grid-template-columns: 1fr 1fr; gap: 0 6mm; }
  .climate-line .chart-wrap svg.chart { width: 100%; }
  table.data { font-size: 9pt; } table.data th, table.data td { padding: .2rem .35rem; }
  .summary-table .period, .matrix .target, .status { font-size: 8pt; }
  .table-wrap { overflow: visible; }
  article.story { margin: .5rem 0; }
  .story-photo img { max-height: 80mm; max-width: 120mm; }
  a { color: inherit; }
  abbr[title] { text-decoration: none; }
}
`;

export type PageLang = 'nl' | 'en';
const chrome = {
  nl: { nav: 'Rapportage', skip: 'Naar de rapportage', print: 'Afdrukken of opslaan als pdf' },
  en: { nav: 'Report', skip: 'Skip to the report', print: 'Print or save as PDF' },
};

/** The print button's script (the page allows no inline script): it shows the button, which is hidden without script. */
export const printScript = `const b=document.querySelector('button[data-print]');if(b){b.hidden=false;b.addEventListener('click',()=>print());}`;

/**
 * The language of a report page: `?lang=nl|en` first (the visible switch sets it), then the
 * logged-in user's language (as in the app), then — for readers without an account — the
 * browser's Accept-Language (the first of nl and en by preference), else Dutch.
 */
export function pageLang(query: string | undefined, acceptLanguage: string | undefined, userLocale?: string): PageLang {
  if (query === 'nl' || query === 'en') return query;
  if (userLocale === 'nl' || userLocale === 'en') return userLocale;
  const prefs = (acceptLanguage ?? '')
    .split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((x) => x.trim()).find((x) => x.startsWith('q='));
      return { lang: tag.trim().toLowerCase().split('-')[0], q: q ? Number(q.slice(2)) : 1, i };
    })
    .filter((p) => (p.lang === 'nl' || p.lang === 'en') && p.q > 0)
    .sort((x, y) => y.q - x.q || x.i - y.i);
  return (prefs[0]?.lang as PageLang | undefined) ?? 'nl';
}

/** The link to the same page in the other language, labelled in that language. */
export const languageSwitch = (path: string, lang: PageLang) =>
  lang === 'nl' ? { href: `${path}?lang=en`, label: 'English', lang: 'en' as const } : { href: `${path}?lang=nl`, label: 'Nederlands', lang: 'nl' as const };

/** A CSS string literal (for the running title in the page margins); nothing in it can end the style element. */
const cssString = (s: string) =>
  `"${s
    .replace(/[\\"]/g, (c) => `\\${c}`)
    .replace(/[\n\r\f]/g, ' ')
    .replace(/</g, '\\3c ')}"`;

/** Page numbers and the report's title in the margins of every printed page but the cover. */
const runningHead = (title: string, lang: PageLang) =>
  `@media print { @page { @top-left { content: ${cssString(title.length > 90 ? `${title.slice(0, 88)}…` : title)}; font: 8.5pt system-ui, sans-serif; color: #4d5a56; } ` +
  `@bottom-right { content: ${cssString(lang === 'nl' ? 'pagina ' : 'page ')} counter(page) ${cssString(lang === 'nl' ? ' van ' : ' of ')} counter(pages); font: 8.5pt system-ui, sans-serif; color: #4d5a56; } } }`;

export function reportPage(opts: {
  title: string;
  article: string;
  nav?: { href: string; label: string; lang?: PageLang }[];
  notice?: string;
  lang?: PageLang;
  runningTitle?: string;
  /** A button that prints the page (or saves it as PDF, as the browser offers). */
  printable?: boolean;
}): string {
  const lang = opts.lang ?? 'nl';
  const link = (n: { href: string; label: string; lang?: PageLang }) =>
    `<a href="${e(n.href)}"${n.lang ? ` lang="${n.lang}" hreflang="${n.lang}"` : ''}>${e(n.label)}</a>`;
  const print = opts.printable ? `<button type="button" data-print hidden>${chrome[lang].print}</button>` : '';
  const nav = opts.nav?.length ? `<nav class="report-nav" aria-label="${chrome[lang].nav}">${opts.nav.map(link).join('')}${print}</nav>` : '';
  return (
    `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<meta name="referrer" content="no-referrer"><title>${e(opts.title)}</title><link rel="icon" href="/favicon.svg"><style>${reportCss}${opts.runningTitle ? runningHead(opts.runningTitle, lang) : ''}</style></head>` +
    `<body><a class="skip" href="#report">${chrome[lang].skip}</a>${nav}` +
    (opts.notice ? `<p class="notice no-print" role="status">${e(opts.notice)}</p>` : '') +
    `<main id="report" tabindex="-1">${opts.article}</main>${print ? '<script src="/report-print.js"></script>' : ''}</body></html>`
  );
}
