// The climate catalogue in a resident's words. The catalogue (seed 003) names each variable for
// professionals ("beeldvorming: wij-zij stereotypen ↔ open naar elkaar en naar de externe
// omgeving"); a resident placing their own story gets an everyday question with two plain answers,
// in their language (web/resident/locales/*.json, section "climate", by the variable's key).
// Variables without an entry there keep the catalogue's wording the server sent.
import { rtMaybe } from './i18n.js';

/** The variable as a resident reads it: an everyday question and two plain answers. */
export function residentWording<V extends { key: string; name: string; weak: string; strong: string }>(v: V): V {
  const name = rtMaybe(`climate.${v.key}.name`);
  const weak = rtMaybe(`climate.${v.key}.weak`);
  const strong = rtMaybe(`climate.${v.key}.strong`);
  return name && weak && strong ? { ...v, name, weak, strong } : v;
}
