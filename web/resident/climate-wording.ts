// The climate catalogue in a resident's words. The catalogue (seed 003) names each variable for
// professionals ("beeldvorming: wij-zij stereotypen ↔ open naar elkaar en naar de externe
// omgeving"); a resident placing their own story gets an everyday question with two plain answers.
// Variables without an entry here keep their catalogue wording.
import { locale } from '../i18n.js';

type Wording = { name: string; weak: string; strong: string };

const wording: Record<string, { nl: Wording; en: Wording }> = {
  image: {
    nl: { name: 'Hoe kijken mensen in de buurt naar elkaar?', weak: 'Wij tegen zij', strong: 'Open voor elkaar en voor anderen' },
    en: { name: 'How do people in the neighbourhood see each other?', weak: 'Us against them', strong: 'Open to each other and to others' },
  },
  atmosphere: {
    nl: { name: 'Hoe voelt het in de buurt?', weak: 'Mensen zijn bang en vertrouwen elkaar niet', strong: 'Het voelt veilig, mensen vertrouwen elkaar' },
    en: { name: 'How does the neighbourhood feel?', weak: 'People are afraid and do not trust each other', strong: 'It feels safe, people trust each other' },
  },
  collective_action: {
    nl: { name: 'Hoe gaat het als mensen samen iets doen?', weak: 'Onrustig, het loopt snel uit de hand', strong: 'Rustig, met vaste afspraken' },
    en: { name: 'How do things go when people act together?', weak: 'Restless, it easily gets out of hand', strong: 'Calm, with fixed agreements' },
  },
  self_image: {
    nl: { name: 'Hoe zien mensen zichzelf?', weak: 'Ze voelen zich slachtoffer en hebben anderen nodig', strong: 'Ze regelen het zelf' },
    en: { name: 'How do people see themselves?', weak: 'They feel like victims and need others', strong: 'They sort things out themselves' },
  },
  norms: {
    nl: { name: 'Vinden mensen dezelfde dingen belangrijk?', weak: 'Nee, en dat geeft ruzie', strong: 'Ja, dat delen we' },
    en: { name: 'Do people find the same things important?', weak: 'No, and that leads to quarrels', strong: 'Yes, we share that' },
  },
  ritual: {
    nl: { name: 'Vieren mensen samen feest?', weak: 'Nee, iedereen leeft voor zich', strong: 'Ja, we vieren samen feesten' },
    en: { name: 'Do people celebrate together?', weak: 'No, everyone keeps to themselves', strong: 'Yes, we celebrate together' },
  },
  transmission: {
    nl: { name: 'Leren ouderen de jongeren iets?', weak: 'Weinig, ze doen er niet veel aan', strong: 'Veel, ze doen er moeite voor' },
    en: { name: 'Do older people teach the young?', weak: 'Little, they do not do much', strong: 'A lot, they make an effort' },
  },
  social_control: {
    nl: { name: 'Letten mensen op elkaar?', weak: 'Nee, ieder denkt aan zichzelf', strong: 'Ja, mensen letten op elkaar' },
    en: { name: 'Do people look out for each other?', weak: 'No, everyone thinks of themselves', strong: 'Yes, people look out for each other' },
  },
  roles: {
    nl: { name: 'Is het duidelijk wie wat doet in de buurt?', weak: 'Nee, er is strijd over wie de baas is', strong: 'Ja, iedereen vindt dat goed zo' },
    en: { name: 'Is it clear who does what in the neighbourhood?', weak: 'No, there is a fight over who is in charge', strong: 'Yes, everyone is fine with it' },
  },
  income: {
    nl: { name: 'Hoeveel geld hebben mensen?', weak: 'Weinig', strong: 'Genoeg of veel' },
    en: { name: 'How much money do people have?', weak: 'Little', strong: 'Enough or a lot' },
  },
  education: {
    nl: { name: 'Hoe lang gingen mensen naar school?', weak: 'Kort: basisschool of vmbo', strong: 'Lang: mbo, hbo of universiteit' },
    en: { name: 'How long did people go to school?', weak: 'Short: primary or pre-vocational school', strong: 'Long: vocational school, college or university' },
  },
  school_careers: {
    nl: { name: 'Hoe gaat het met kinderen op school?', weak: 'Veel kinderen stoppen met school', strong: 'Weinig kinderen stoppen, veel gaan naar havo of vwo' },
    en: { name: 'How are children doing at school?', weak: 'Many children drop out', strong: 'Few children drop out, many go on to higher levels' },
  },
  unemployment: {
    nl: { name: 'Hebben mensen werk?', weak: 'Veel mensen hebben al lang geen werk', strong: 'Bijna iedereen heeft werk' },
    en: { name: 'Do people have work?', weak: 'Many people have had no work for a long time', strong: 'Almost everyone has work' },
  },
  employment: {
    nl: { name: 'Wat voor werk is er in de buurt?', weak: 'Vooral één soort werk, met de handen', strong: 'Veel soorten werk, ook met het hoofd' },
    en: { name: 'What kind of work is there in the neighbourhood?', weak: 'Mostly one kind of work, with the hands', strong: 'Many kinds of work, also with the head' },
  },
  tradition: {
    nl: { name: 'Wat doen mensen als er iets moet veranderen?', weak: 'Ze laten het over zich heen komen', strong: 'Ze pakken het zelf aan' },
    en: { name: 'What do people do when something has to change?', weak: 'They let it happen to them', strong: 'They take it on themselves' },
  },
  health: {
    nl: { name: 'Hoe gezond en goed voelen mensen zich?', weak: 'Minder goed dan gemiddeld', strong: 'Gemiddeld of beter' },
    en: { name: 'How healthy and well do people feel?', weak: 'Worse than average', strong: 'Average or better' },
  },
};

/** The variable as a resident reads it: an everyday question and two plain answers. */
export function residentWording<V extends { key: string; name: string; weak: string; strong: string }>(v: V): V {
  const w = wording[v.key]?.[locale()];
  return w ? { ...v, ...w } : v;
}
