// The permission matrix of the foundation: each role against each route, in one table.
import { beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, testApp, type Client } from './helpers/app.js';

type Who = 'anon' | 'admin' | 'coordinator' | 'worker' | 'funder';
type Fixture = { mine: number; other: number; target: number; memberId: number };
type Row = { name: string; method: string; path: (f: Fixture) => string; body?: (f: Fixture) => unknown; expect: Record<Who, number> };

const all = (status: number, anon = 401): Record<Who, number> => ({ anon, admin: status, coordinator: status, worker: status, funder: status });
const staffOnly = (ok: number): Record<Who, number> => ({ anon: 401, admin: ok, coordinator: ok, worker: 403, funder: 403 });
const adminOnly = (ok: number): Record<Who, number> => ({ anon: 401, admin: ok, coordinator: 403, worker: 403, funder: 403 });

// Routes that end the caller's own session come last.
const matrix: Row[] = [
  { name: 'read own account', method: 'GET', path: () => '/api/me', expect: all(200) },
  { name: 'set language', method: 'PUT', path: () => '/api/me/locale', body: () => ({ locale: 'en' }), expect: all(204) },
  { name: 'is setup needed', method: 'GET', path: () => '/api/setup', expect: all(200, 200) },
  {
    name: 'setup once an admin exists',
    method: 'POST',
    path: () => '/api/setup',
    body: () => ({ token: 'x', email: 'n@example.nl', name: 'N', password: 'long enough pw' }),
    expect: all(409, 409),
  },
  { name: 'list areas', method: 'GET', path: () => '/api/areas', expect: all(200) },
  { name: 'add an area', method: 'POST', path: () => '/api/areas', body: () => ({ name: 'Oost', kind: 'wijk' }), expect: staffOnly(201) },
  { name: 'list projects', method: 'GET', path: () => '/api/projects', expect: { anon: 401, admin: 200, coordinator: 200, worker: 200, funder: 403 } },
  { name: 'create a project', method: 'POST', path: () => '/api/projects', body: () => ({ name: 'Nieuw' }), expect: staffOnly(201) },
  {
    name: 'read a project I am on',
    method: 'GET',
    path: (f) => `/api/projects/${f.mine}`,
    expect: { anon: 401, admin: 200, coordinator: 200, worker: 200, funder: 403 },
  },
  {
    name: 'read a project I am not on',
    method: 'GET',
    path: (f) => `/api/projects/${f.other}`,
    expect: { anon: 401, admin: 200, coordinator: 200, worker: 404, funder: 403 },
  },
  { name: 'edit a project', method: 'PATCH', path: (f) => `/api/projects/${f.mine}`, body: () => ({ phase: 'DENKEN' }), expect: staffOnly(200) },
  {
    name: 'set project members',
    method: 'PUT',
    path: (f) => `/api/projects/${f.mine}/members`,
    body: (f) => ({ userIds: [f.memberId] }),
    expect: staffOnly(200),
  },
  { name: 'list team members to pick from', method: 'GET', path: () => '/api/team', expect: staffOnly(200) },
  { name: 'list users', method: 'GET', path: () => '/api/users', expect: adminOnly(200) },
  {
    name: 'create a user',
    method: 'POST',
    path: () => '/api/users',
    body: () => ({ email: 'nieuw@example.nl', name: 'Nieuw', role: 'worker', password: 'long enough pw' }),
    expect: adminOnly(201),
  },
  { name: 'change a role', method: 'PATCH', path: (f) => `/api/users/${f.target}`, body: () => ({ role: 'coordinator' }), expect: adminOnly(200) },
  { name: 'disable a user', method: 'PATCH', path: (f) => `/api/users/${f.target}`, body: () => ({ disabled: true }), expect: adminOnly(200) },
  { name: 'read the audit log', method: 'GET', path: () => '/api/audit', expect: adminOnly(200) },
  {
    name: 'change own password',
    method: 'POST',
    path: () => '/api/me/password',
    body: () => ({ currentPassword: PASSWORD, newPassword: 'another long secret' }),
    expect: all(204),
  },
  { name: 'log out', method: 'POST', path: () => '/api/auth/logout', expect: all(204, 204) },
];

const whos: Who[] = ['anon', 'admin', 'coordinator', 'worker', 'funder'];

describe.each(whos)('as %s', (who) => {
  let client: Client;
  let f: Fixture;
  beforeAll(async () => {
    const t = await testApp();
    const admin = await t.as('admin', 'beheer@example.nl');
    client = who === 'anon' ? t.anon : who === 'admin' ? admin : await t.as(who);
    const memberId = who === 'worker' ? (client as Client & { id: number }).id : (await t.as('worker', 'lid@example.nl')).id;
    const mk = async (name: string) => (await (await admin.post('/api/projects', { name })).json()).project.id as number;
    const mine = await mk('Mijn project');
    const other = await mk('Ander project');
    await admin.put(`/api/projects/${mine}/members`, { userIds: [memberId] });
    const target = (await t.as('worker', 'doel@example.nl')).id;
    f = { mine, other, target, memberId };
  });

  it.each(matrix.map((r) => [r.name, r] as const))('%s', async (_, row) => {
    const res = await client.request(row.method, row.path(f), row.body?.(f));
    expect(res.status, await res.clone().text()).toBe(row.expect[who]);
  });
});
