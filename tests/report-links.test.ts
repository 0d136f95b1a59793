import { describe, expect, it } from 'vitest';
import { testApp, type Client } from './helpers/app.js';
import { reportWorld } from './helpers/reports-fixtures.js';

type LinkSummary = {
  id: number;
  label: string | null;
  createdAt: string;
  createdBy: string | null;
  expiresAt: string;
  status: string;
  revokedAt: string | null;
  revokedBy: string | null;
};

const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString();

async function setup() {
  const t = await testApp();
  const w = await reportWorld(t.db);
  const coord = await t.as('coordinator');
  const report = async (title: string) => {
    const res = await coord.post('/api/reports', { title, audience: 'funder', periodFrom: '2026-01-01', periodTo: '2026-12-31', projectIds: [w.projectId] });
    expect(res.status, await res.clone().text()).toBe(201);
    const { report } = (await res.json()) as { report: { id: number } };
    expect((await coord.post(`/api/reports/${report.id}/versions`)).status).toBe(201);
    return report.id;
  };
  const link = async (reportId: number, body: Record<string, unknown> = {}) => {
    const res = await coord.post(`/api/reports/${reportId}/links`, { expiresAt: inDays(14), ...body });
    expect(res.status, await res.clone().text()).toBe(201);
    return ((await res.json()) as { link: { id: number; token: string; label: string | null } }).link;
  };
  return { t, w, coord, report, link };
}

const list = async (c: Client, id: number) => {
  const res = await c.get(`/api/reports/${id}/links`);
  expect(res.status, await res.clone().text()).toBe(200);
  return ((await res.json()) as { links: LinkSummary[] }).links;
};

describe('report read links: list and revoke', () => {
  it('a coordinator lists the links with their status, never a token', async () => {
    const { t, coord, report, link } = await setup();
    const id = await report('Jaarverslag 2026');
    const first = await link(id, { label: 'Gemeente, afdeling Welzijn' });
    const second = await link(id);
    expect(first.label).toBe('Gemeente, afdeling Welzijn');
    await t.db
      .updateTable('reportLinks')
      .set({ expiresAt: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', second.id)
      .execute();

    const res = await coord.get(`/api/reports/${id}/links`);
    const text = await res.clone().text();
    expect(text).not.toContain(first.token);
    expect(text).not.toContain(second.token);
    expect(text).not.toMatch(/token/i);
    const links = ((await res.json()) as { links: LinkSummary[] }).links;
    expect(links.map((l) => [l.id, l.status])).toEqual([
      [second.id, 'expired'],
      [first.id, 'active'],
    ]);
    expect(links[1]).toMatchObject({ label: 'Gemeente, afdeling Welzijn', createdBy: 'coordinator 1', revokedAt: null, revokedBy: null });
    expect(links[0]!.label).toBeNull();
    await t.close();
  });

  it('a revoked link answers 410 at once, is listed as revoked, and the revoke is audited', async () => {
    const { t, coord, report, link } = await setup();
    const id = await report('Jaarverslag 2026');
    const l = await link(id, { label: 'Verkeerde ontvanger' });
    const page = await t.anon.get(`/reports/shared/${l.token}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Jaarverslag 2026');

    const res = await coord.post(`/api/reports/${id}/links/${l.id}/revoke`);
    expect(res.status, await res.clone().text()).toBe(200);
    const { link: revoked } = (await res.json()) as { link: LinkSummary };
    expect(revoked).toMatchObject({ id: l.id, status: 'revoked', revokedBy: 'coordinator 1' });
    expect(revoked.revokedAt).toBeTruthy();

    const gone = await t.anon.get(`/reports/shared/${l.token}`);
    expect(gone.status).toBe(410);
    expect(gone.headers.get('cache-control')).toBe('no-store');
    expect(await gone.text()).not.toContain('De moestuin');
    expect((await list(coord, id))[0]).toMatchObject({ id: l.id, status: 'revoked' });

    const rows = await t.db
      .selectFrom('auditLog')
      .select(['action', 'actorUserId', 'targetType', 'targetId', 'details'])
      .where('action', '=', 'report.link.revoke')
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actorUserId: coord.id, targetType: 'report', targetId: String(id) });
    expect(JSON.parse(rows[0]!.details!)).toMatchObject({ linkId: l.id, label: 'Verkeerde ontvanger', wasStatus: 'active' });
    await t.close();
  });

  it('revoking twice answers 200 with the first revocation unchanged, and audits once', async () => {
    const { t, coord, report, link } = await setup();
    const id = await report('Jaarverslag 2026');
    const l = await link(id);
    const first = ((await (await coord.post(`/api/reports/${id}/links/${l.id}/revoke`)).json()) as { link: LinkSummary }).link;
    const admin = await t.as('admin');
    const again = await admin.post(`/api/reports/${id}/links/${l.id}/revoke`);
    expect(again.status).toBe(200);
    expect(((await again.json()) as { link: LinkSummary }).link).toEqual(first);
    expect(await t.db.selectFrom('auditLog').select('id').where('action', '=', 'report.link.revoke').execute()).toHaveLength(1);
    await t.close();
  });

  it('revoking only touches the chosen link; other links of the report keep working', async () => {
    const { t, coord, report, link } = await setup();
    const id = await report('Jaarverslag 2026');
    const a = await link(id);
    const b = await link(id);
    expect((await coord.post(`/api/reports/${id}/links/${a.id}/revoke`)).status).toBe(200);
    expect((await t.anon.get(`/reports/shared/${a.token}`)).status).toBe(410);
    expect((await t.anon.get(`/reports/shared/${b.token}`)).status).toBe(200);
    await t.close();
  });

  it('an unknown link, or a link of another report, is 404 and stays untouched', async () => {
    const { t, coord, report, link } = await setup();
    const id = await report('Jaarverslag 2026');
    const other = await report('Tussenrapportage');
    const l = await link(other);
    expect((await coord.post(`/api/reports/${id}/links/9999/revoke`)).status).toBe(404);
    expect((await coord.post(`/api/reports/${id}/links/${l.id}/revoke`)).status).toBe(404);
    expect((await coord.post(`/api/reports/9999/links/${l.id}/revoke`)).status).toBe(404);
    expect((await coord.get('/api/reports/9999/links')).status).toBe(404);
    expect((await t.anon.get(`/reports/shared/${l.token}`)).status).toBe(200);
    expect(await list(coord, id)).toEqual([]);
    expect(await t.db.selectFrom('auditLog').select('id').where('action', '=', 'report.link.revoke').execute()).toHaveLength(0);
    await t.close();
  });

  it('workers, funders (even one the report is shared with) and visitors cannot list or revoke', async () => {
    const { t, coord, report, link } = await setup();
    const id = await report('Jaarverslag 2026');
    const l = await link(id);
    const worker = await t.as('worker');
    const funder = await t.as('funder');
    expect((await coord.post(`/api/reports/${id}/shares`, { userId: funder.id })).status).toBe(201);
    for (const [who, status] of [
      [worker, 403],
      [funder, 403],
      [t.anon, 401],
    ] as const) {
      expect((await who.get(`/api/reports/${id}/links`)).status).toBe(status);
      expect((await who.post(`/api/reports/${id}/links/${l.id}/revoke`)).status).toBe(status);
      expect((await who.post(`/api/reports/${id}/links`, { expiresAt: inDays(3) })).status).toBe(status);
    }
    expect((await t.anon.get(`/reports/shared/${l.token}`)).status).toBe(200);
    expect((await list(coord, id))[0]!.status).toBe('active');
    await t.close();
  });

  it('a label is optional, trimmed and at most 200 characters', async () => {
    const { t, coord, report, link } = await setup();
    const id = await report('Jaarverslag 2026');
    expect((await link(id, { label: '  Fonds Noord  ' })).label).toBe('Fonds Noord');
    expect((await link(id, { label: '' })).label).toBeNull();
    const long = await coord.post(`/api/reports/${id}/links`, { expiresAt: inDays(3), label: 'x'.repeat(201) });
    expect(long.status).toBe(400);
    await t.close();
  });

  it('the routes are in the OpenAPI document', async () => {
    const { t } = await setup();
    const doc = (await (await t.anon.get('/api/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };
    expect(doc.paths['/api/reports/{id}/links']).toHaveProperty('get');
    expect(doc.paths['/api/reports/{id}/links/{linkId}/revoke']).toHaveProperty('post');
    await t.close();
  });
});
