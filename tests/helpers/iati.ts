// Checking IATI exports the way IATI does, against the reference data in ../shared/iati: the 2.03
// schema, the official codelists, and the Standard Ruleset (the rules the schema cannot express),
// evaluated here with XPath 1.0 following IATI's ruleset spec (IATI/IATI-Rulesets SPEC_JS.rst).
import { DOMParser } from '@xmldom/xmldom';
import xpath from 'xpath';
import { validateXML } from 'xmllint-wasm';
import { readShared } from './shared.js';

/** Validates XML against the IATI 2.03 activity schema; the schema's error messages, none when valid. */
export async function iatiSchemaErrors(xml: string): Promise<string[]> {
  const file = (name: string) => ({ fileName: name, contents: readShared('iati', name) });
  const result = await validateXML({
    xml: [{ fileName: 'report.xml', contents: xml }],
    schema: [file('iati-activities-schema.xsd')],
    preload: [file('iati-common.xsd'), file('xml.xsd')],
  });
  return result.valid ? [] : result.errors.map((e) => e.message);
}

/** The codes of one official codelist (../shared/iati/codelists/<name>.xml). */
export function codelist(name: string): string[] {
  return [...readShared('iati', 'codelists', `${name}.xml`).matchAll(/<code>([^<]+)<\/code>/g)].map((m) => m[1]!.trim());
}

type RuleInfo = { id: string; severity: 'error' | 'warning'; message: string };
type Case = Record<string, unknown> & { ruleInfo?: RuleInfo };
type Ruleset = Record<string, Record<string, { cases: Case[] }>>;
export type RuleResult = { context: string; rule: string; id: string; severity: string; message: string; passed: boolean | 'skipped' };

/** The JS edition (standard.json: severities, `condition` must hold for a case to apply) or the Python edition (standard_py.json: no severities, a `condition` that holds exempts the case). */
export type Edition = 'standard' | 'standard_py';

export const loadRuleset = (edition: Edition) => JSON.parse(readShared('iati', 'rulesets', `${edition}.json`)) as Ruleset;

const select = xpath.useNamespaces({ xml: 'http://www.w3.org/XML/1998/namespace' });
type Value = Node[] | string | number | boolean | Node | null | undefined;

const nodes = (expr: string, node: Node): Node[] => {
  const v = select(expr, node);
  return Array.isArray(v) ? (v as Node[]) : [];
};
/** XPath's boolean(): a node set is true when not empty, a string when not empty, a number when not 0 or NaN. */
const truthy = (v: Value): boolean => (Array.isArray(v) ? v.length > 0 : typeof v === 'number' ? v !== 0 && !Number.isNaN(v) : Boolean(v));
const textOf = (n: Node) => (n.nodeType === 2 ? (n as Attr).value : (n.textContent ?? ''));
const texts = (paths: string[], node: Node) => paths.flatMap((p) => nodes(p, node)).map(textOf);

function firstDate(expr: string, node: Node, now: Date): Date | null {
  if (expr === 'NOW') return now;
  const t = texts([expr], node)[0];
  if (!t) return null;
  const d = new Date(t);
  return Number.isNaN(d.getTime()) ? null : d;
}

const DAY = 86_400_000;

/** One case of one rule on one context element: true, false, or 'skipped' when it does not apply. */
function check(rule: string, c: Case, el: Node, edition: Edition, now: Date): boolean | 'skipped' {
  if (typeof c.condition === 'string') {
    const holds = truthy(select(c.condition, el));
    if (edition === 'standard' ? !holds : holds) return 'skipped';
  }
  // Needs the IATI Registry's list of organisation identifiers, which is not reference data here.
  if (c.idCondition || (Array.isArray(c.prefix) && c.prefix.includes('ORG-ID-PREFIX'))) return 'skipped';
  const paths = (c.paths as string[] | undefined) ?? [];
  const matches = () => paths.flatMap((p) => nodes(p, el));
  switch (rule) {
    case 'atleast_one':
      return matches().length >= 1;
    case 'no_more_than_one':
      return matches().length <= 1;
    case 'only_one_of': {
      const excluded = (c.excluded as string[]).some((p) => nodes(p, el).length > 0);
      return excluded ? matches().length === 0 : matches().length === 1;
    }
    case 'one_or_all': {
      if (nodes(c.one as string, el).length) return true;
      const all = (expr: string, test: string) => nodes(expr, el).every((n) => nodes(test, n).length > 0);
      if (c.all === 'lang') return all('descendant::narrative', '@xml:lang');
      if (c.all === 'sector') return all('transaction', 'sector');
      if (c.all === 'currency') return ['value', 'forecast', 'loan-status'].every((p) => all(`descendant::${p}`, '@currency'));
      if (c.all === 'recipient-country|recipient-region') return all('transaction', 'recipient-country|recipient-region');
      throw new Error(`one_or_all: unknown 'all' ${String(c.all)}`);
    }
    case 'unique': {
      const t = texts(paths, el);
      return new Set(t).size === t.length;
    }
    case 'sum':
    case 'strict_sum': {
      const values = texts(paths, el);
      if (rule === 'sum' && !values.length) return true;
      return Number(values.reduce((a, v) => a + Number(v), 0).toFixed(4)) === Number(c.sum);
    }
    case 'range':
      return texts(paths, el).every((v) => Number(c.min ?? v) <= Number(v) && Number(v) <= Number(c.max ?? v));
    case 'regex_matches':
    case 'regex_no_matches': {
      const re = new RegExp(c.regex as string);
      return texts(paths, el).every((t) => t === '' || re.test(t) === (rule === 'regex_matches'));
    }
    case 'no_spaces':
      return texts(paths, el).every((t) => t === t.trim());
    case 'startswith': {
      const prefixes = texts(c.prefix as string[], el).map((p) => p + ((c.separator as string | undefined) ?? ''));
      return texts(paths, el).every((t) => prefixes.some((p) => t.startsWith(p)));
    }
    case 'if_then':
      return !truthy(select(c.if as string, el)) || truthy(select(c.then as string, el));
    case 'date_order': {
      const less = firstDate(c.less as string, el, now);
      const more = firstDate(c.more as string, el, now);
      return less === null || more === null || less.getTime() <= more.getTime();
    }
    case 'date_now': {
      const d = firstDate(c.date as string, el, now);
      return d === null || d.getTime() <= now.getTime();
    }
    case 'time_limit': {
      const start = firstDate(c.start as string, el, now);
      const end = firstDate(c.end as string, el, now);
      return start === null || end === null || Math.floor((end.getTime() - start.getTime()) / DAY) <= 365;
    }
    case 'between_dates': {
      const d = firstDate(c.date as string, el, now);
      const start = firstDate(c.start as string, el, now);
      const end = firstDate(c.end as string, el, now);
      return d === null || start === null || end === null || (start.getTime() <= d.getTime() && d.getTime() <= end.getTime());
    }
    default:
      throw new Error(`rule not implemented: ${rule}`);
  }
}

/** Every case of the ruleset on every element its context selects, loops expanded per value of `foreach`. */
export function evaluateRuleset(xml: string, edition: Edition, now = new Date()): RuleResult[] {
  const doc = new DOMParser().parseFromString(xml, 'text/xml') as unknown as Node;
  const out: RuleResult[] = [];
  const run = (context: string, el: Node, rule: string, c: Case) =>
    out.push({
      context,
      rule,
      id: c.ruleInfo?.id ?? '',
      severity: c.ruleInfo?.severity ?? 'error',
      message: c.ruleInfo?.message ?? `${rule} ${JSON.stringify(c)}`,
      passed: check(rule, c, el, edition, now),
    });
  for (const [context, rules] of Object.entries(loadRuleset(edition))) {
    for (const el of nodes(context, doc)) {
      for (const [rule, { cases }] of Object.entries(rules)) {
        for (const c of cases) {
          if (rule !== 'loop') {
            run(context, el, rule, c);
            continue;
          }
          const values = [...new Set(nodes(c.foreach as string, el).map(textOf))];
          for (const [inner, { cases: innerCases }] of Object.entries(c.do as Record<string, { cases: Case[] }>)) {
            for (const ic of innerCases) {
              for (const v of values) {
                const sub: Case = { ...ic };
                for (const key of c.subs as string[]) {
                  const x = ic[key];
                  if (typeof x === 'string') sub[key] = x.replaceAll('$1', v);
                  else if (Array.isArray(x)) sub[key] = x.map((s: string) => s.replaceAll('$1', v));
                }
                run(context, el, inner, sub);
              }
            }
          }
        }
      }
    }
  }
  return out;
}

/** The failed cases of severity `error` (the Python edition has no severities: every case counts), as "id: message". */
export function ruleErrors(xml: string, now = new Date()): string[] {
  return (['standard', 'standard_py'] as const).flatMap((edition) =>
    evaluateRuleset(xml, edition, now)
      .filter((r) => r.passed === false && r.severity === 'error')
      .map((r) => `${edition} ${r.id || r.rule} (${r.context}): ${r.message}`),
  );
}
