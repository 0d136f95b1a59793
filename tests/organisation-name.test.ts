// The organisation's name, set by an admin on the organisation page (PATCH /api/organisation): it is
// what report covers, the organisation page, link posters and IATI exports name, and it wins over
// ORG_NAME, which stays the default. Only an admin sets it; bad input changes nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testApp, type Client, type TestApp } from './helpers/app.js';
import { reportWorld } from './helpers/reports-fixtures.js';
import { createReport } from './helpers/report-api.js';

const cover = (html: string) => html.slice(html.indexOf('<header class="report-head cover">'), html.indexOf('</header>'));

describe('the organisation name set on the organisation page', () => {
  let t: TestApp;
  let admin: Client & { id: number };
  let coord: Client & { id: number };
  let reportId: number;
  let projectId: number;
  beforeEach(async () => {
    t = await testApp({ orgName: 'Stichting Uit De Omgeving' });
    const w = await reportWorld(t.db);
    projectId = w.projectId;
    admin = await t.as('admin');
    coord = await t.as('coordinator');
    reportId = await createReport(coord, w, { intro: undefined });
  });
  afterEach(() => t.close());

  const nameOf = async (c: Client) => (await (await c.get('/api/organisation')).json()).organisation.name;
  const coverOfPreview = async () => cover((await (await coord.get(`/api/reports/${reportId}/preview`)).json()).html);

  it('an admin sets the name: it wins over ORG_NAME on the cover, the organisation page, posters and IATI exports; null brings ORG_NAME back', async () => {
    expect(await nameOf(coord)).toBe('Stichting Uit De Omgeving');
    expect(await coverOfPreview()).toContain('<p class="org">Stichting Uit De Omgeving</p>');

    const res = await admin.patch('/api/organisation', { name: '  Buurtwerk Samen Sterk  ' });
    expect(res.status, await res.clone().text()).toBe(200);
    expect((await res.json()).organisation).toEqual({ name: 'Buurtwerk Samen Sterk', logo: null });
    expect(await nameOf(coord)).toBe('Buurtwerk Samen Sterk');
    const preview = await coverOfPreview();
    expect(preview).toContain('<p class="org">Buurtwerk Samen Sterk</p>');
    expect(preview).not.toContain('Stichting Uit De Omgeving');

    // Audited like the logo, with what it was and what it became.
    const log = await t.db.selectFrom('auditLog').selectAll().where('action', '=', 'organisation.name').execute();
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ actorUserId: admin.id, targetType: 'organisation', targetId: '1' });
    expect(JSON.parse(String(log[0]!.details))).toEqual({ from: null, to: 'Buurtwerk Samen Sterk' });

    // The published version, the poster of a resident link and the IATI export name it too.
    expect((await coord.post(`/api/reports/${reportId}/versions`)).status).toBe(201);
    expect(cover(await (await coord.get(`/reports/${reportId}/versions/1?lang=nl`)).text())).toContain('<p class="org">Buurtwerk Samen Sterk</p>');
    const iati = await (await coord.get(`/api/reports/${reportId}/versions/1/iati.xml`)).text();
    expect(iati).toContain('Buurtwerk Samen Sterk');
    expect(iati).not.toContain('Stichting Uit De Omgeving');
    const made = await coord.post(`/api/projects/${projectId}/links`, {});
    expect(made.status, await made.clone().text()).toBe(201);
    const linkId = (await made.json()).link.id;
    expect((await (await coord.get(`/api/links/${linkId}/poster`)).json()).organisation.name).toBe('Buurtwerk Samen Sterk');

    // null: the name set where the server runs applies again.
    expect((await admin.patch('/api/organisation', { name: null })).status).toBe(200);
    expect(await nameOf(coord)).toBe('Stichting Uit De Omgeving');
    expect(await coverOfPreview()).toContain('<p class="org">Stichting Uit De Omgeving</p>');
  });

  it('without ORG_NAME the name set here is the only one; unset again, covers name no organisation', async () => {
    const bare = await testApp();
    try {
      const w = await reportWorld(bare.db);
      const [a, c] = [await bare.as('admin'), await bare.as('coordinator')];
      const id = await createReport(c, w, { intro: undefined });
      expect(await nameOf(c)).toBeNull();
      expect((await a.patch('/api/organisation', { name: 'Buurtwerk Samen Sterk' })).status).toBe(200);
      expect(cover((await (await c.get(`/api/reports/${id}/preview`)).json()).html)).toContain('<p class="org">Buurtwerk Samen Sterk</p>');
      expect((await a.patch('/api/organisation', { name: null })).status).toBe(200);
      expect(await nameOf(c)).toBeNull();
      expect(cover((await (await c.get(`/api/reports/${id}/preview`)).json()).html)).not.toContain('class="org"');
    } finally {
      await bare.close();
    }
  });

  it('coordinators, workers and funders may not set it (403), and nothing changes', async () => {
    for (const role of ['coordinator', 'worker', 'funder'] as const) {
      const user = role === 'coordinator' ? coord : await t.as(role);
      const res = await user.patch('/api/organisation', { name: 'Iemand Anders' });
      expect(res.status, role).toBe(403);
    }
    expect(await nameOf(coord)).toBe('Stichting Uit De Omgeving');
    expect(await t.db.selectFrom('auditLog').select('id').where('action', '=', 'organisation.name').execute()).toHaveLength(0);
  });

  it('bad input gives 400 naming the field, in Dutch and English, and changes nothing', async () => {
    expect((await admin.patch('/api/organisation', { name: 'Buurtwerk Samen Sterk' })).status).toBe(200);
    for (const bad of [{ name: '   ' }, { name: 'x'.repeat(201) }, { name: 42 }, {}, { name: 'Goed', extra: 1 }]) {
      const res = await admin.patch('/api/organisation', bad);
      expect(res.status, JSON.stringify(bad)).toBe(400);
      const { error } = await res.json();
      expect(error.code).toBe('invalid_input');
      const field = 'extra' in bad ? 'extra' : 'name';
      const detail = error.details.find((d: { field?: string }) => d.field === field);
      expect(detail, JSON.stringify(error)).toBeDefined();
      if (field === 'name') expect(detail.message).toMatch(/^Geef een naam van 1 tot 200 tekens.* \/ Give a name of 1 to 200 characters/);
    }
    // 200 characters is still a name.
    expect((await admin.patch('/api/organisation', { name: 'y'.repeat(200) })).status).toBe(200);
    expect((await admin.patch('/api/organisation', { name: 'Buurtwerk Samen Sterk' })).status).toBe(200);
    expect(await nameOf(coord)).toBe('Buurtwerk Samen Sterk');
    expect(await t.db.selectFrom('auditLog').select('id').where('action', '=', 'organisation.name').execute()).toHaveLength(3);
  });
});
