// Dutch-like synthetic text for the seed and the benchmark: sentences built from word lists the
// way residents and workers talk about their neighbourhood. Deterministic given the random source.

export type Rand = () => number;

/** mulberry32: small, fast, seeded. */
export function seeded(seed: number): Rand {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
export const int = (r: Rand, min: number, max: number): number => min + Math.floor(r() * (max - min + 1));

const subjects = [
  'ik', 'wij', 'mijn buurvrouw', 'de buurman van drie hoog', 'mijn moeder', 'onze zoon', 'de kinderen uit de straat',
  'een groep moeders', 'de jongeren op het plein', 'de huismeester', 'de opbouwwerker', 'een vrijwilliger',
  'mevrouw El Amrani', 'meneer De Vries', 'de oudere bewoners', 'het bewonerscomité', 'de wijkagent', 'mijn dochter',
  'de vaders van het voetbalveld', 'de nieuwe bewoners', 'de eigenaar van de bakkerij', 'het buurtteam',
];
const verbs = [
  'heeft', 'organiseerde', 'begon', 'vroeg om', 'hielp met', 'maakte', 'regelde', 'sprak over', 'zorgde voor',
  'kwam naar', 'deed mee aan', 'opende', 'bouwde', 'schreef een brief over', 'kookte voor', 'belde over',
];
const objects = [
  'de buurtkamer', 'een moestuin achter de flat', 'het speelplein', 'een straatfeest', 'de koffieochtend',
  'een petitie over de verlichting', 'het portiek', 'de bankjes bij de vijver', 'een taalcafé', 'de voedselbank',
  'een huiswerkklas', 'de kapotte lift', 'een ruilkast', 'het buurtbudget', 'een schoonmaakactie', 'de sleutel van het buurthuis',
  'een kookavond', 'de groenstrook', 'een wandelgroep', 'het repair café', 'de container op de hoek', 'een appgroep voor de straat',
  'de bijeenkomst met de woningcorporatie', 'het gesprek met de gemeente', 'de zomerschool', 'een fietsenwerkplaats',
];
const times = [
  'vorige week', 'in het voorjaar', 'na de zomer', 'op een zaterdagochtend', 'elke dinsdag', 'sinds januari',
  'tijdens de ramadan', 'rond de kerst', 'na de brand', 'toen het ging regenen', 'een paar maanden geleden', 'gisteravond',
];
const feelings = [
  'Dat voelde goed.', 'Niemand had dat verwacht.', 'Eerst was ik bang, nu niet meer.', 'Het was druk en gezellig.',
  'We lachten veel.', 'Er was ook ruzie, maar we praatten het uit.', 'Sindsdien groeten de mensen elkaar.',
  'Ik ken nu de namen van mijn buren.', 'Het duurde lang, maar het is gelukt.', 'Niet iedereen deed mee.',
  'Mijn kinderen spelen nu buiten.', 'Ik voel me minder alleen.', 'De gemeente luistert beter dan vroeger.',
  'Het was eng om te beginnen.', 'Nu durf ik meer.', 'We gaan volgend jaar weer.',
];
const connectors = ['Daarna', 'Toen', 'Later', 'Gelukkig', 'Eigenlijk', 'Ook', 'Maar', 'Uiteindelijk', 'Soms', 'Nu'];
const adjectives = ['mooi', 'moeilijk', 'spannend', 'rustig', 'vol', 'leeg', 'schoon', 'veilig', 'warm', 'nieuw', 'oud', 'vrolijk'];
const titleNouns = [
  'De moestuin', 'Koffie op dinsdag', 'Het plein', 'Onze straat', 'De lift', 'Het taalcafé', 'Samen koken', 'De buurtkamer',
  'Een nieuwe start', 'Het feest', 'De brief', 'Buiten spelen', 'De sleutel', 'Het gesprek', 'Licht in het portiek',
  'Bankjes bij de vijver', 'Eerste keer', 'Durven vragen', 'Een ruilkast', 'De wandelgroep',
];

const cap = (s: string) => s[0]!.toUpperCase() + s.slice(1);

export function sentence(r: Rand): string {
  const k = r();
  if (k < 0.15) return pick(r, feelings);
  if (k < 0.3) return `${pick(r, connectors)} ${pick(r, verbs)} ${pick(r, subjects)} ${pick(r, objects)}.`;
  if (k < 0.45) return `${cap(pick(r, objects))} is nu ${pick(r, adjectives)}, zegt ${pick(r, subjects)}.`;
  return `${cap(pick(r, times))} ${pick(r, verbs)} ${pick(r, subjects)} ${pick(r, objects)}.`;
}

export function title(r: Rand): string {
  const t = pick(r, titleNouns);
  return r() < 0.3 ? `${t} ${pick(r, times)}` : t;
}

/** Paragraphs of varied length: most stories short, some long. */
export function paragraphs(r: Rand): string[] {
  const n = r() < 0.6 ? 1 : r() < 0.8 ? int(r, 2, 3) : int(r, 4, 7);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const s = int(r, 1, 6);
    const parts: string[] = [];
    for (let j = 0; j < s; j++) parts.push(sentence(r));
    out.push(parts.join(' '));
  }
  return out;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The tiptap document, its rendered HTML and plain text, as the server stores them. */
export function storyBody(paras: string[]): { json: string; html: string; text: string } {
  const doc = { type: 'doc', content: paras.map((p) => ({ type: 'paragraph', content: [{ type: 'text', text: p }] })) };
  return { json: JSON.stringify(doc), html: paras.map((p) => `<p>${esc(p)}</p>`).join(''), text: paras.join('\n\n') };
}

export const firstNames = [
  'Fatima', 'Jan', 'Samira', 'Henk', 'Ayse', 'Mohamed', 'Anouk', 'Kees', 'Priya', 'Youssef', 'Els', 'Mehmet', 'Ingrid',
  'Rachid', 'Noor', 'Piet', 'Sanne', 'Emre', 'Grace', 'Dewi', 'Kofi', 'Marieke', 'Bilal', 'Truus', 'Lotte', 'Ahmed',
];
export const lastNames = [
  'de Vries', 'Jansen', 'El Amrani', 'Yilmaz', 'Bakker', 'Visser', 'Boateng', 'Smit', 'Meijer', 'Kaya', 'de Jong',
  'Mulder', 'Ramdin', 'Bouzid', 'van Dijk', 'Pinas', 'Hoekstra', 'Öztürk', 'Tahiri', 'Peters',
];
