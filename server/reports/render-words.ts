// The words of a report in Dutch (the version that is frozen) and English, and how numbers, money
// and dates read in each: everything render.ts says, in one place per language.
import type { Status } from './summary.js';
import type { SummaryOut } from './types.js';
import { breakBeforeYear, periodAbbr, periodLabel } from '../../db/domain/periods.js';
import { outcomeLevelTitles, reportAudienceWords } from '../../db/domain/enums.js';
import { escapeHtml } from './text.js';
// The consent options as the resident chose them on the story form: the report names them in the same words.
import residentNl from '../../web/resident/locales/nl.json';
import residentEn from '../../web/resident/locales/en.json';

export type Lang = 'nl' | 'en';

/** A consent option as the resident read it, quoted (HTML). */
const option = (name: string) => `"${escapeHtml(name)}"`;

export const words = {
  nl: {
    lang: 'nl' as Lang,
    locale: 'nl-NL',
    months: ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'],
    audience: reportAudienceWords.nl,
    level: outcomeLevelTitles.nl,
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
    phasesLead:
      'Opbouwwerk gaat in vier stappen: zien (waarnemen), denken (analyseren en plannen), doen (uitvoeren) en vinden (evalueren). De tabel telt per stap de verhalen, de activiteiten en de uren. "Zonder fase" zijn verhalen waarbij geen stap is gekozen.',
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
    footer: `Hier staan alleen verhalen van bewoners die kozen voor ${option(residentNl.consent.report)} of ${option(residentNl.consent.public)}. Koos iemand ${option(residentNl.consent.report)}? Dan staat de naam er niet bij. Een verteller kan een verhaal altijd terugtrekken.`,
    report: 'Rapportage',
    orgLogo: 'Logo van de organisatie',
    summary: 'Samenvatting: werkte het?',
    rule: (pct: number, lower: boolean) =>
      `Per indicator kijken we naar de laatste periode in deze rapportage met een meting én een doel. "% van doel" zegt welk deel van het doel is gehaald.${lower ? ' Is lager beter, zoals bij een wachttijd? Dan rekenen we andersom: doel gedeeld door gerealiseerd.' : ''} Op koers: minstens ${pct}% van het doel. Achter: minder dan ${pct}%. Geen gegevens: er is geen periode met een meting én een doel. Een uitkomst is achter als één van haar indicatoren achter is.`,
    status: { on_track: 'op koers', behind: 'achter', no_data: 'geen gegevens' } as Record<Status, string>,
    summaryHead: ['Indicator', 'Nulmeting', 'Doel', 'Gerealiseerd', '% van doel', 'Status'],
    noIndicatorsShort: 'geen indicatoren',
    behind: 'Achter de cijfers',
    counts: (c: SummaryOut['counts'], f: (n: number | null) => string, money: (n: number | null) => string, hours: (n: number | null) => string) => [
      [`${f(c.storiesTold)}`, 'verhalen verteld'],
      [`${f(c.storiesReportable)}`, 'daarvan mogen in rapportages'],
      [`${f(c.tellers)}`, 'vertellers'],
      [`${f(c.areas)}`, 'buurten waar verhalen vandaan komen'],
      [`${f(c.activities)}`, 'activiteiten'],
      c.hoursPlanned != null ? [`${hours(c.hours)} van ${f(c.hoursPlanned)}`, 'begrote uren besteed'] : [hours(c.hours), 'uren besteed'],
      c.eurosPlanned != null ? [`${money(c.euros)} van ${money(c.eurosPlanned)}`, 'van de begroting uitgegeven'] : [money(c.euros), 'uitgegeven'],
    ],
    whatWeSee: 'Wat we zien',
    figures: 'Cijfers',
    alsoHere: 'Ook bij deze uitkomst (eerder in deze rapportage):',
    others: (n: number) => `En ${n} ${n === 1 ? 'ander verhaal' : 'andere verhalen'} bij deze uitkomst.`,
    perAreaMatrix: (name: string, unit: string, targets: boolean) => `${name} per gebied (gerealiseerd, ${unit}${targets ? '; doel tussen haakjes' : ''})`,
    mscRound: (domain: string, date: string) => `Ronde "${domain}"${date ? `, gekozen ${date}` : ''}`,
    mscHeading: 'Most Significant Change: het verhaal dat het panel koos',
    mscReasons: 'Waarom het panel dit verhaal koos:',
    mscSee: (title: string) => `Het gekozen verhaal, "${title}", staat eerder in deze rapportage.`,
    climateLead: (areas: string, min: number, split: string) =>
      `Bewoners en opbouwwerkers plaatsen verhalen op lijnen die zeggen hoe het met de buurt gaat${areas ? ` (${areas})` : ''}: van 0 (laag) tot 100 (hoog). ` +
      `De balkjes laten zien waar de verhalen op elke lijn staan, eerst in de eerste helft van de periode (tot ${split}), dan in de tweede; het oranje streepje is het gemiddelde. ` +
      `Staan er minder dan ${min} verhalen achter een cijfer, dan tonen we het niet. Is één helft te klein, dan tonen we ook de andere helft niet (anders is het ontbrekende cijfer uit te rekenen), maar wel het gemiddelde over de hele periode.`,
    firstHalf: 'Eerste helft',
    secondHalf: 'Tweede helft',
    low: 'laag',
    high: 'hoog',
    spreadSummary: (name: string, a: string, b: string) => `${name}: gemiddeld ${a} in de eerste helft, ${b} in de tweede.`,
    meanLine: (a: string, b: string, shift: string) => `Gemiddeld ${a} → ${b}${shift ? ` (${shift})` : ''}`,
    phasesHead: ['Fase', 'Verhalen', 'Activiteiten', 'Uren'],
    tooFewLine: (a: number, b: number, whole: { mean: string; n: number } | null) =>
      `${whole ? `Over de hele periode gemiddeld ${whole.mean} (${whole.n} verhalen). Per helft te` : 'Te'} weinig verhalen om te tonen (${a} in de eerste helft, ${b} in de tweede).`,
  },
  en: {
    lang: 'en' as Lang,
    locale: 'en-GB',
    months: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
    audience: reportAudienceWords.en,
    level: outcomeLevelTitles.en,
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
    phasesLead:
      'Community work moves in four steps: see (observe), think (analyse and plan), do (carry out) and find (evaluate). The table counts the stories, activities and hours per step. "Without a phase" are stories for which no step was chosen.',
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
    footer: `Only stories of residents who chose ${option(residentEn.consent.report)} or ${option(residentEn.consent.public)} appear here. Did someone choose ${option(residentEn.consent.report)}? Then their name is left out. A teller can always withdraw a story.`,
    report: 'Report',
    orgLogo: "The organisation's logo",
    summary: 'Summary: did it work?',
    rule: (pct: number, lower: boolean) =>
      `For each indicator we look at the latest period in this report with both a measurement and a target. "% of target" says how much of the target was reached.${lower ? ' Where lower is better, such as a waiting time, we count the other way round: target divided by actual.' : ''} On track: at least ${pct}% of the target. Behind: less than ${pct}%. No data: no period has both a measurement and a target. An outcome is behind when one of its indicators is.`,
    status: { on_track: 'on track', behind: 'behind', no_data: 'no data' } as Record<Status, string>,
    summaryHead: ['Indicator', 'Baseline', 'Target', 'Actual', '% of target', 'Status'],
    noIndicatorsShort: 'no indicators',
    behind: 'Behind the figures',
    counts: (c: SummaryOut['counts'], f: (n: number | null) => string, money: (n: number | null) => string, hours: (n: number | null) => string) => [
      [`${f(c.storiesTold)}`, 'stories told'],
      [`${f(c.storiesReportable)}`, 'of which may be used in reports'],
      [`${f(c.tellers)}`, 'tellers'],
      [`${f(c.areas)}`, 'neighbourhoods the stories come from'],
      [`${f(c.activities)}`, 'activities'],
      c.hoursPlanned != null ? [`${hours(c.hours)} of ${f(c.hoursPlanned)}`, 'budgeted hours spent'] : [hours(c.hours), 'hours spent'],
      c.eurosPlanned != null ? [`${money(c.euros)} of ${money(c.eurosPlanned)}`, 'of the budget spent'] : [money(c.euros), 'spent'],
    ],
    whatWeSee: 'What we see',
    figures: 'Figures',
    alsoHere: 'Also for this outcome (earlier in this report):',
    others: (n: number) => `And ${n} other ${n === 1 ? 'story' : 'stories'} for this outcome.`,
    perAreaMatrix: (name: string, unit: string, targets: boolean) => `${name} per area (actual, ${unit}${targets ? '; target in brackets' : ''})`,
    mscRound: (domain: string, date: string) => `Round "${domain}"${date ? `, chosen ${date}` : ''}`,
    mscHeading: 'Most Significant Change: the story the panel chose',
    mscReasons: 'Why the panel chose this story:',
    mscSee: (title: string) => `The chosen story, "${title}", appears earlier in this report.`,
    climateLead: (areas: string, min: number, split: string) =>
      `Residents and community workers place stories on lines that say how the neighbourhood is doing${areas ? ` (${areas})` : ''}: from 0 (low) to 100 (high). ` +
      `The bars show where the stories sit on each line, first in the first half of the period (until ${split}), then in the second; the orange mark is the average. ` +
      `With fewer than ${min} stories behind a figure, we do not show it. When one half is too small, we do not show the other half either (the missing figure could be worked out), but we do show the average over the whole period.`,
    firstHalf: 'First half',
    secondHalf: 'Second half',
    low: 'low',
    high: 'high',
    spreadSummary: (name: string, a: string, b: string) => `${name}: average ${a} in the first half, ${b} in the second.`,
    meanLine: (a: string, b: string, shift: string) => `Average ${a} → ${b}${shift ? ` (${shift})` : ''}`,
    phasesHead: ['Phase', 'Stories', 'Activities', 'Hours'],
    tooFewLine: (a: number, b: number, whole: { mean: string; n: number } | null) =>
      `${whole ? `Over the whole period, an average of ${whole.mean} (${whole.n} stories). Per half, too` : 'Too'} few stories to show (${a} in the first half, ${b} in the second).`,
  },
};
export type Words = (typeof words)['nl'];

// One formatter per locale and precision: toLocaleString builds a new one on every call, which
// made a report with a few thousand figures noticeably slower to render.
const formats = new Map<string, Intl.NumberFormat>();
export function format(locale: string, min: number, max: number): Intl.NumberFormat {
  const key = `${locale}|${min}|${max}`;
  let f = formats.get(key);
  if (!f) formats.set(key, (f = new Intl.NumberFormat(locale, { minimumFractionDigits: min, maximumFractionDigits: max })));
  return f;
}
export const num = (w: Words, n: number | null | undefined, digits = 1) => (n == null ? '–' : format(w.locale, 0, digits).format(n));
/** Hours to the quarter, as they are registered: the summary and the tables say the same number. */
export const hoursIn = (w: Words, n: number | null | undefined) => num(w, n, 2);
/** An amount in whole euros (€ 24.000), the sign kept on the line of its number: the report's one rule for money. */
export const euro = (w: Words, n: number | null) => (n == null ? '–' : `€\u00a0${format(w.locale, 0, 0).format(n)}`);
export const dateIn = (w: Words, iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return d ? `${d} ${w.months[m! - 1]} ${y}` : `${w.months[m! - 1]} ${y}`;
};
/** A period in words ('4e kwartaal 2026', 'Q4 2026'), as HTML: a narrow column breaks it before the year only. */
export const periodIn = (w: Words, period: string) => escapeHtml(breakBeforeYear(periodLabel(period, w.lang)));
/** A period in its short form for a column head, the long form as its title where they differ. */
export const periodHead = (w: Words, period: string) => {
  const { text, title } = periodAbbr(period, w.lang);
  return title ? `<abbr title="${escapeHtml(title)}">${escapeHtml(text)}</abbr>` : escapeHtml(text);
};
