// Every request array has a ceiling and every request string a length limit (issue 17): the test
// walks the OpenAPI document, so a new route without limits fails here, not in production.
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from './helpers/app.js';
import { world, type World } from './helpers/stories-fixtures.js';

type Schema = {
  $ref?: string;
  type?: string | string[];
  maxItems?: number;
  maxLength?: number;
  enum?: unknown[];
  const?: unknown;
  items?: Schema;
  properties?: Record<string, Schema>;
  additionalProperties?: Schema | boolean;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
};

function unbounded(doc: { paths: Record<string, Record<string, any>>; components?: { schemas?: Record<string, Schema> } }): string[] {
  const comps = doc.components?.schemas ?? {};
  const bad: string[] = [];
  const is = (s: Schema, t: string) => s.type === t || (Array.isArray(s.type) && s.type.includes(t));
  const walk = (s: Schema | undefined, where: string, refs: string[]) => {
    if (!s || typeof s !== 'object') return;
    if (s.$ref) {
      const name = s.$ref.split('/').pop()!;
      if (!refs.includes(name)) walk(comps[name], `${where}<${name}>`, [...refs, name]);
      return;
    }
    if (is(s, 'array')) {
      if (s.maxItems == null) bad.push(`array without maxItems: ${where}`);
      walk(s.items, `${where}[]`, refs);
    }
    if (is(s, 'string') && s.maxLength == null && !s.enum && s.const === undefined) bad.push(`string without maxLength: ${where}`);
    for (const k of ['anyOf', 'oneOf', 'allOf'] as const) (s[k] ?? []).forEach((x) => walk(x, where, refs));
    for (const [k, v] of Object.entries(s.properties ?? {})) walk(v, `${where}.${k}`, refs);
    if (typeof s.additionalProperties === 'object') walk(s.additionalProperties, `${where}.*`, refs);
  };
  for (const [path, ops] of Object.entries(doc.paths))
    for (const [method, op] of Object.entries(ops)) {
      for (const p of op.parameters ?? []) walk(p.schema, `${method} ${path} ${p.in}:${p.name}`, []);
      walk(op.requestBody?.content?.['application/json']?.schema, `${method} ${path} body`, []);
    }
  return bad;
}

describe('request limits', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await testApp();
    w = await world(t);
  });

  it('every request array in the OpenAPI document has maxItems and every request string maxLength (or a fixed set of values)', async () => {
    const doc = await (await t.anon.get('/api/openapi.json')).json();
    expect(Object.keys(doc.paths).length).toBeGreaterThan(50);
    expect(unbounded(doc)).toEqual([]);
    // the check itself finds what it should
    expect(
      unbounded({
        paths: {
          '/x': {
            post: {
              requestBody: {
                content: { 'application/json': { schema: { type: 'object', properties: { ids: { type: 'array', items: { type: 'string' } } } } } },
              },
            },
          },
        },
      }),
    ).toEqual(['array without maxItems: post /x body.ids', 'string without maxLength: post /x body.ids[]']);
  });

  it('40,000 ids in a request are a 400 naming the field, not a 500 from the database', async () => {
    const ids = Array.from({ length: 40_000 }, (_, i) => i + 1);
    const res = await w.coordinator.post('/api/stories/1/tags/accept', { outcomeIds: ids });
    expect(res.status).toBe(400);
    expect((await res.json()).error.details.map((d: { field: string }) => d.field)).toContain('outcomeIds');
  });
});
