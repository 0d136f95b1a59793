// Finds details in a story's text that likely identify someone, for the reviewer of its report
// version: person names, a street with a house number, postcodes (1234 AB), phone numbers, e-mail
// addresses, exact dates, ages with other details, and named schools, places of worship and
// employers. A help, not a gate: it over-marks rather than misses, and a story leaves the team
// only through a person's review. Pure (no Node, no DOM): the review page uses it too.

export const identifierKinds = ['email', 'phone', 'postcode', 'address', 'date', 'age', 'institution', 'name'] as const;
export type IdentifierKind = (typeof identifierKinds)[number];
export type Finding = { kind: IdentifierKind; start: number; end: number; text: string };

const L = "\\p{L}'’-"; // letters inside a name
const CAP = `\\p{Lu}[${L}]*`; // a capitalised word
const PARTICLE = "(?:van|de|der|den|het|ter|ten|te|in\\s*'t|op|el|al|bin|ben|ibn|da|dos|du|le|la)";
const NAME = `${CAP}(?:\\s+(?:${PARTICLE}\\s+)*${CAP}){0,3}`;
const MONTHS_NL =
  'januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|jan|feb|febr|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec';
const MONTHS_EN = 'january|february|march|april|may|june|july|august|september|october|november|december';
const STREET =
  'straat|laan|weg|plein|gracht|kade|singel|dijk|dreef|steeg|pad|hof|park|plantsoen|baan|markt|erf|wal|burgwal|ring|boulevard|straatweg|dwarsstraat|kwartier|street|road|avenue|lane';
const RELATIVE =
  'zoon|dochter|man|vrouw|moeder|vader|jongen|meisje|kind|kindje|broer|zus|zusje|broertje|oma|opa|buurman|buurvrouw|buurjongen|buurmeisje|neef|nicht|kleinzoon|kleindochter|son|daughter|husband|wife|mother|father|boy|girl|brother|sister|neighbour|neighbor';
const INSTITUTION =
  'basisschool|school|college|lyceum|gymnasium|mavo|havo|vwo|mbo|roc|moskee|mosque|kerk|church|synagoge|synagogue|tempel|temple|gurdwara|ziekenhuis|hospital|huisartsenpraktijk|apotheek|stichting|bedrijf|fabriek|buurthuis|wijkcentrum|kinderopvang|creche|crèche|peuterspeelzaal|sportclub|voetbalclub|vereniging';

/** Keywords matched whether or not they start a sentence, without making the names after them case-blind. */
const ci = (alternatives: string) =>
  alternatives
    .split('|')
    .map((w) => `[${w[0]!.toLowerCase()}${w[0]!.toUpperCase()}]${w.slice(1)}`)
    .join('|');

type Rule = { kind: IdentifierKind; re: RegExp; group?: number };

const rules: Rule[] = [
  { kind: 'email', re: /[\p{L}\d._%+-]+@[\p{L}\d.-]+\.[\p{L}]{2,}/gu },
  // +31 6 12345678, 0031-20-1234567, 06-12345678, 020 123 45 67, (020) 1234567
  { kind: 'phone', re: /(?:(?:\+|00)\d{2}[\s.-]?(?:\(0\)[\s.-]?)?\d(?:[\s.-]?\d){7,9}|\(?0\d{1,3}\)?[\s.-]?\d(?:[\s.-]?\d){5,7})(?!\d)/gu },
  { kind: 'postcode', re: /\b[1-9]\d{3}\s?(?!SA|SD|SS)[A-Z]{2}\b/gu },
  // Dapperstraat 12, Van Woustraat 12-3, Eerste Oosterparkstraat 8 hs, Kerkplein 3a
  {
    kind: 'address',
    re: new RegExp(
      `(?:${CAP}\\s+){0,3}[${L}]*(?:${STREET})\\s+\\d{1,4}(?:\\s?[a-zA-Z](?![\\p{L}\\d])|-\\d{1,3}(?!\\d)|\\s(?:hs|bis|huis|I{1,3})(?![\\p{L}]))?`,
      'gu',
    ),
  },
  // 12-03-2026, 12/3/26, 2026-03-12, 12 maart (2026), maart 12, 3rd of May, on Tuesday 4 June
  { kind: 'date', re: /\b(?:\d{1,2}[-/.]\d{1,2}[-/.](?:\d{4}|\d{2})|\d{4}-\d{2}-\d{2})\b/gu },
  { kind: 'date', re: new RegExp(`\\b\\d{1,2}(?:e|ste|de|st|nd|rd|th)?\\s+(?:of\\s+)?(?:${MONTHS_NL}|${MONTHS_EN})\\.?(?:\\s+\\d{4})?(?![\\p{L}])`, 'giu') },
  { kind: 'date', re: new RegExp(`\\b(?:${MONTHS_EN})\\s+\\d{1,2}(?:st|nd|rd|th)?(?:,?\\s+\\d{4})?\\b`, 'giu') },
  // 14-jarige, 14 jaar (oud), 82 years old, aged 7, my son of 14, zoon van 14
  { kind: 'age', re: /\b\d{1,3}[-\s]?(?:jarige?|jaar\s+oud|jaar|years?[-\s]old|year-old)\b/giu },
  { kind: 'age', re: /\baged?\s+\d{1,3}\b/giu },
  { kind: 'age', re: new RegExp(`\\b(?:${RELATIVE})\\s+(?:van|of)\\s+\\d{1,3}\\b`, 'giu') },
  // Basisschool De Regenboog, de Mevlana moskee, Westerkerk, werkt bij Albert Heijn
  { kind: 'institution', re: new RegExp(`\\b(?:${ci(INSTITUTION)})\\s+(?:(?:de|het|'t|the|De|Het|The)\\s+)?${NAME}`, 'gu') },
  { kind: 'institution', re: new RegExp(`${NAME}\\s+(?:${INSTITUTION})\\b`, 'gu') },
  { kind: 'institution', re: new RegExp(`\\p{Lu}[${L}]*(?:school|college|kerk|moskee|ziekenhuis|church|mosque)(?![\\p{L}])`, 'gu') },
  {
    kind: 'institution',
    re: new RegExp(`\\b(?:${ci('werkt|werkte|werken|werk|baan|stage|works|worked|job')})\\s+(?:bij|voor|at|for)\\s+(?:(?:de|het|the)\\s+)?(${NAME})`, 'gu'),
    group: 1,
  },
  // Mevrouw Yilmaz, meneer De Vries, juf Anja, dr. Bakker
  {
    kind: 'name',
    re: new RegExp(
      `\\b(?:${ci('mevrouw|meneer|mevr\\.|mw\\.|dhr\\.|de heer|juf|juffrouw|meester|dokter|dr\\.|tante|oom|mr\\.|mrs\\.|ms\\.|miss|mister|aunt|uncle')})\\s+${NAME}`,
      'gu',
    ),
  },
  // mijn buurvrouw Fatima, haar zoon Mehmet
  { kind: 'name', re: new RegExp(`\\b(?:${ci(`${RELATIVE}|vriend|vriendin|collega|friend|colleague`)})\\s+(${NAME})`, 'gu'), group: 1 },
  { kind: 'name', re: new RegExp(`\\b(?:${ci('heet|heette|genaamd|naam is|named|called|name is')})\\s+(${NAME})`, 'gu'), group: 1 },
];

/** Capitalised words that are not names wherever they stand (days, months, common sentence words). */
const NOT_NAMES = new Set(
  (
    'ik jij je hij zij ze wij we jullie u het de een en maar want dus toen als dat die dit deze er ook nog al wel niet geen mijn haar zijn onze ons hun ' +
    'maandag dinsdag woensdag donderdag vrijdag zaterdag zondag januari februari maart april mei juni juli augustus september oktober november december ' +
    'nederland nederlands amsterdam rotterdam utrecht den haag gemeente buurt wijk corona kerst pasen ramadan suikerfeest offerfeest ' +
    'i you he she we they it the a an and but so then when monday tuesday wednesday thursday friday saturday sunday english dutch'
  ).split(' '),
);

/** Capitalised words in the middle of a sentence that are not common words: most often names. */
function midSentenceNames(text: string): Finding[] {
  const out: Finding[] = [];
  const re = new RegExp(NAME, 'gu');
  for (const m of text.matchAll(re)) {
    const start = m.index!;
    const before = text.slice(0, start).replace(/[\s"'“‘(]+$/u, '');
    if (before === '' || /[.!?:…]$/u.test(before)) continue; // a sentence starts here
    const words = m[0].split(/\s+/).filter((w) => /^\p{Lu}/u.test(w));
    if (words.every((w) => NOT_NAMES.has(w.toLowerCase()))) continue;
    out.push({ kind: 'name', start, end: start + m[0].length, text: m[0] });
  }
  return out;
}

const priority = new Map(identifierKinds.map((k, i) => [k, i]));

/**
 * What in `text` likely identifies someone, in text order, without overlaps (where two findings
 * overlap the more specific kind wins, then the longer one).
 */
export function findIdentifiers(text: string): Finding[] {
  const all: Finding[] = [];
  for (const rule of rules) {
    rule.re.lastIndex = 0;
    for (const m of text.matchAll(rule.re)) {
      const part = rule.group ? m[rule.group] : m[0];
      if (!part) continue;
      const start = m.index! + (rule.group ? m[0].indexOf(part) : 0);
      const trimmed = part.replace(/[\s.,;:]+$/u, '');
      all.push({ kind: rule.kind, start, end: start + trimmed.length, text: trimmed });
    }
  }
  all.push(...midSentenceNames(text));
  all.sort((a, b) => priority.get(a.kind)! - priority.get(b.kind)! || b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: Finding[] = [];
  for (const f of all) if (f.end > f.start && !kept.some((k) => f.start < k.end && k.start < f.end)) kept.push(f);
  return kept.sort((a, b) => a.start - b.start);
}

/** The text cut into plain and marked pieces, for showing the findings in place. */
export function markIdentifiers(text: string, findings = findIdentifiers(text)): ({ text: string } | { text: string; kind: IdentifierKind })[] {
  const out: ({ text: string } | { text: string; kind: IdentifierKind })[] = [];
  let at = 0;
  for (const f of findings) {
    if (f.start > at) out.push({ text: text.slice(at, f.start) });
    out.push({ text: text.slice(f.start, f.end), kind: f.kind });
    at = f.end;
  }
  if (at < text.length) out.push({ text: text.slice(at) });
  return out;
}
