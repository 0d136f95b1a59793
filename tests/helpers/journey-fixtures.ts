// Setting the stage for the browser journeys: API clients with a real session, and the catalogue
// data a fresh database does not hold yet. What a journey is about is done in the browser.
import { expect } from 'vitest';
import type { Db } from '../../db/client.js';
import type { E2E } from './browser.js';
import { PASSWORD } from './app.js';

export type Api = {
  request<T = any>(method: string, path: string, body?: unknown, status?: number): Promise<T>;
  get<T = any>(path: string): Promise<T>;
  post<T = any>(path: string, body?: unknown, status?: number): Promise<T>;
  put<T = any>(path: string, body?: unknown): Promise<T>;
  patch<T = any>(path: string, body?: unknown): Promise<T>;
};

/** Logs `email` in over HTTP against the running e2e server and returns a JSON client. */
export async function apiAs(e: E2E, email: string): Promise<Api> {
  let cookie = '';
  const request = async <T>(method: string, path: string, body?: unknown, status?: number): Promise<T> => {
    const res = await fetch(e.baseUrl + path, {
      method,
      headers: { origin: e.baseUrl, ...(cookie ? { cookie } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const set = res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    if (set) cookie = set;
    const text = await res.text();
    if (status !== undefined) expect(res.status, text).toBe(status);
    else expect(res.ok, `${method} ${path}: ${res.status} ${text}`).toBe(true);
    return (text ? JSON.parse(text) : undefined) as T;
  };
  await request('POST', '/api/auth/login', { email, password: PASSWORD });
  return {
    request,
    get: (p) => request('GET', p),
    post: (p, b, s) => request('POST', p, b ?? {}, s),
    put: (p, b) => request('PUT', p, b ?? {}),
    patch: (p, b) => request('PATCH', p, b ?? {}),
  };
}

/** Two variables of the social climate catalogue (seed 003), as the catalogue import would add them. */
export const CLIMATE = [
  {
    key: 'atmosphere',
    nameNl: 'atmosfeer',
    nameEn: 'atmosphere',
    weakNl: 'angst en wantrouwen',
    weakEn: 'fear and distrust',
    strongNl: 'veiligheid en vertrouwen',
    strongEn: 'safety and trust',
  },
  {
    key: 'image',
    nameNl: 'beeldvorming',
    nameEn: 'how people see each other',
    weakNl: 'wij-zij stereotypen',
    weakEn: 'us-versus-them stereotypes',
    strongNl: 'open naar elkaar en naar de externe omgeving',
    strongEn: 'open to each other and to the outside world',
  },
] as const;

/** Makes sure the catalogue holds CLIMATE and lets the project use those variables; returns their ids. */
export async function useClimate(db: Db, projectId: number): Promise<number[]> {
  const ids: number[] = [];
  for (const [i, v] of CLIMATE.entries()) {
    let row = await db.selectFrom('climateVariables').select('id').where('key', '=', v.key).executeTakeFirst();
    row ??= await db
      .insertInto('climateVariables')
      .values({ ...v, groupKey: 'social', groupNl: 'Sociaal klimaat', groupEn: 'Social climate', sort: i, retiredAt: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('projectClimateVariables')
      .values({ projectId, variableId: row.id })
      .onConflict((oc) => oc.doNothing())
      .execute();
    ids.push(row.id);
  }
  return ids;
}

/** A quarterly indicator of the project without an outcome (a count, or a percentage), kept per area or overall; its id. */
export async function quarterIndicator(db: Db, projectId: number, name: string, opts: { unit?: 'count' | 'percentage'; byArea: boolean }): Promise<number> {
  const unit = opts.unit ?? 'count';
  const { id } = await db
    .insertInto('indicators')
    .values({
      projectId,
      outcomeId: null,
      name,
      unit,
      measure: unit === 'count' ? 'unit' : 'percentage',
      periodicity: 'quarter',
      baselineValue: null,
      baselinePeriod: null,
      byArea: opts.byArea ? 1 : 0,
      sourceKey: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}
