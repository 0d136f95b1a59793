// The climate lines in plain words (B1) for readers who never saw the catalogue: one sentence per
// line saying what a low and a high place mean, and one generated sentence reading the largest
// shift with the number of stories behind it. Keys are those of shared/domain/climate-variables.json.
import type { ClimateVariableOut } from './assemble.js';

type Plain = { nl: string; en: string };

const plain: Record<string, Plain> = {
  image: {
    nl: 'Hoe bewoners over elkaar denken: in hokjes van "wij" en "zij" (laag), of open naar elkaar en naar de rest van de stad (hoog).',
    en: 'How residents think of each other: in boxes of "us" and "them" (low), or open to each other and the rest of the city (high).',
  },
  atmosphere: {
    nl: 'Hoe het voelt in de buurt: angst en wantrouwen (laag), of veilig en met vertrouwen in elkaar (hoog).',
    en: 'How the neighbourhood feels: fear and distrust (low), or safe and trusting each other (high).',
  },
  collective_action: {
    nl: 'Hoe bewoners samen iets doen: onvoorspelbaar, soms met ruzie of uitbarstingen (laag), of met vaste afspraken en gewoontes (hoog).',
    en: 'How residents act together: unpredictable, sometimes with quarrels or outbursts (low), or with set agreements and habits (high).',
  },
  self_image: {
    nl: 'Hoe bewoners zichzelf zien: als slachtoffer dat van anderen afhangt (laag), of als mensen die het zelf kunnen en zelf verantwoordelijkheid nemen (hoog).',
    en: 'How residents see themselves: as victims who depend on others (low), or as people who can manage and take responsibility themselves (high).',
  },
  norms: {
    nl: 'Of bewoners dezelfde regels en waarden delen: ze botsen (laag), of ze zijn het er grotendeels over eens (hoog).',
    en: 'Whether residents share rules and values: they clash (low), or they largely agree (high).',
  },
  ritual: {
    nl: 'Of er samen iets gevierd wordt: ieder leeft op zichzelf (laag), of er zijn feesten en momenten samen (hoog).',
    en: 'Whether people celebrate together: everyone keeps to themselves (low), or there are parties and shared moments (high).',
  },
  transmission: {
    nl: 'Of ouderen iets doorgeven aan kinderen en jongeren: weinig (laag), of actief (hoog).',
    en: 'Whether older residents pass things on to children and young people: little (low), or actively (high).',
  },
  social_control: {
    nl: 'Of bewoners op elkaar letten: ieder kijkt naar zijn eigen belang (laag), of bewoners hebben oog voor elkaar (hoog).',
    en: 'Whether residents look out for each other: everyone minds their own interest (low), or residents keep an eye on each other (high).',
  },
  roles: {
    nl: 'Wie het voortouw neemt: er is strijd om de leiding (laag), of iedereen accepteert ieders rol (hoog).',
    en: "Who takes the lead: there is a struggle over leadership (low), or everyone accepts each other's role (high).",
  },
  income: {
    nl: 'Hoeveel bewoners verdienen: laag of minimaal (laag), of midden tot hoog (hoog).',
    en: 'How much residents earn: low or minimum (low), or middle to high (high).',
  },
  education: {
    nl: 'Welke opleiding bewoners hebben: vooral lager onderwijs en vmbo (laag), of mbo, hbo en universiteit (hoog).',
    en: 'What education residents have: mostly primary school and pre-vocational (low), or vocational, applied and university (high).',
  },
  school_careers: {
    nl: 'Hoe het kinderen op school vergaat: veel uitval (laag), of weinig uitval en veel doorstroom naar havo en vwo (hoog).',
    en: 'How children do at school: many drop out (low), or few drop out and many go on to senior general or pre-university education (high).',
  },
  unemployment: {
    nl: 'Hoeveel bewoners geen werk hebben: structureel veel (laag), of structureel weinig (hoog).',
    en: 'How many residents are out of work: structurally many (low), or structurally few (high).',
  },
  employment: {
    nl: 'Wat voor werk er in de buurt is: eenzijdig werk in productie (laag), of gevarieerd werk met veel kennis (hoog).',
    en: 'What kind of work there is nearby: one-sided production work (low), or varied, knowledge-based work (high).',
  },
  tradition: {
    nl: 'Hoe bewoners in het leven staan: gelaten (laag), of ondernemend (hoog).',
    en: 'How residents face life: resigned (low), or enterprising (high).',
  },
  health: {
    nl: 'Hoe gezond bewoners zich voelen: onder het gemiddelde (laag), of gemiddeld en beter (hoog).',
    en: 'How healthy residents feel: below average (low), or average and better (high).',
  },
};

/** One plain sentence for a line; a line added later (no sentence yet) is explained from its poles. */
export function climatePlain(v: Pick<ClimateVariableOut, 'key' | 'weak' | 'strong'>, lang: 'nl' | 'en'): string {
  const known = plain[v.key];
  if (known) return known[lang];
  return lang === 'nl' ? `Van "${v.weak}" (laag) tot "${v.strong}" (hoog).` : `From "${v.weak}" (low) to "${v.strong}" (high).`;
}

/** The line's name in the reader's language (the data carries the Dutch name). */
export function climateName(v: Pick<ClimateVariableOut, 'key' | 'name'>, lang: 'nl' | 'en'): string {
  if (lang === 'nl') return v.name;
  const en: Record<string, string> = {
    image: 'how people see each other',
    atmosphere: 'atmosphere',
    collective_action: 'collective action',
    self_image: 'self-image',
    norms: 'norms and values',
    ritual: 'shared celebration',
    transmission: 'passing on culture',
    social_control: 'looking out for each other',
    roles: 'roles',
    income: 'income',
    education: 'education',
    school_careers: 'school careers',
    unemployment: 'unemployment',
    employment: 'employment',
    tradition: 'tradition',
    health: 'health and well-being',
  };
  return en[v.key] ?? v.name;
}

/**
 * One sentence that reads the largest shift between the halves of the period, with the number of
 * stories behind it; or says why there is none to read.
 */
export function climateSentence(variables: ClimateVariableOut[], lang: 'nl' | 'en', fmt: (n: number) => string): string {
  const shifted = variables.filter((v) => v.shift != null).sort((a, b) => Math.abs(b.shift!) - Math.abs(a.shift!) || a.id - b.id);
  const top = shifted[0];
  if (!top)
    return lang === 'nl'
      ? 'Er zijn te weinig verhalen in beide helften van de periode om een verschuiving te lezen.'
      : 'There are too few stories in both halves of the period to read a shift.';
  const name = climateName(top, lang);
  const n1 = top.firstHalf.n;
  const n2 = top.secondHalf.n;
  const size = Math.abs(top.shift!);
  if (size < 5)
    return lang === 'nl'
      ? `Op geen enkele lijn veranderde veel: de grootste verschuiving is ${fmt(size)} punten, bij ${name} (${n1} verhalen in de eerste helft, ${n2} in de tweede).`
      : `No line changed much: the largest shift is ${fmt(size)} points, on ${name} (${n1} stories in the first half, ${n2} in the second).`;
  const up = top.shift! > 0;
  return lang === 'nl'
    ? `De grootste verschuiving is bij ${name}: de verhalen uit de tweede helft staan ${fmt(size)} punten ${up ? 'hoger' : 'lager'} dan die uit de eerste helft, dus meer richting "${up ? top.strong : top.weak}" (${n1} verhalen in de eerste helft, ${n2} in de tweede).`
    : `The largest shift is on ${name}: stories from the second half sit ${fmt(size)} points ${up ? 'higher' : 'lower'} than those from the first half, so closer to the ${up ? 'high' : 'low'} end (${n1} stories in the first half, ${n2} in the second).`;
}
