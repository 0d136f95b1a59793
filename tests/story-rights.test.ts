// Who may do what with a story (list, read, edit, consent) per role, and how edits and consent
// changes keep the teller's word: never widened by the organisation, always audited.
import { beforeAll, describe, expect, it } from 'vitest';
import { consentAllows, tellerNameFor } from '../server/access.js';
import type { Client } from './helpers/app.js';
import { testApp, type TestApp } from './helpers/app.js';
import { doc, heard, heardConsent, json, world, type World } from './helpers/stories-fixtures.js';

const auditFor = (t: TestApp, storyId: number) =>
  t.db.selectFrom('auditLog').selectAll().where('targetType', '=', 'story').where('targetId', '=', String(storyId)).orderBy('id').execute();

describe('who may do what with a story (matrix)', () => {
  let t: TestApp;
  let w: World;
  let member2: Client & { id: number };
  let storyId: number;
  beforeAll(async () => {
    t = await testApp();
    w = await world(t);
    member2 = await t.as('worker');
    await json(await w.admin.put(`/api/projects/${w.projectA}/members`, { userIds: [w.member.id, member2.id] }), 200);
    storyId = (await heard(w.member, w.projectA)).id;
  });

  const actors = () =>
    ({ admin: w.admin, coordinator: w.coordinator, recorder: w.member, member: member2, nonMember: w.other, funder: w.funder, anonymous: t.anon }) as Record<
      string,
      Client
    >;

  it('list', async () => {
    const expected: Record<string, number | boolean> = {
      admin: true,
      coordinator: true,
      recorder: true,
      member: true,
      nonMember: false,
      funder: 403,
      anonymous: 401,
    };
    for (const [who, c] of Object.entries(actors())) {
      const res = await c.get('/api/stories');
      if (typeof expected[who] === 'number') expect(res.status, who).toBe(expected[who]);
      else
        expect(
          (await json(res, 200)).stories.some((s: { id: number }) => s.id === storyId),
          who,
        ).toBe(expected[who]);
    }
  });

  it('get', async () => {
    const expected: Record<string, number> = { admin: 200, coordinator: 200, recorder: 200, member: 200, nonMember: 404, funder: 403, anonymous: 401 };
    for (const [who, c] of Object.entries(actors())) expect((await c.get(`/api/stories/${storyId}`)).status, who).toBe(expected[who]);
    expect((await json(await member2.get(`/api/stories/${storyId}`), 200)).story.canEdit).toBe(false);
    expect((await json(await w.member.get(`/api/stories/${storyId}`), 200)).story.canEdit).toBe(true);
  });

  it('patch', async () => {
    const expected: Record<string, number> = { admin: 200, coordinator: 200, recorder: 200, member: 403, nonMember: 404, funder: 403, anonymous: 401 };
    for (const [who, c] of Object.entries(actors()))
      expect((await c.patch(`/api/stories/${storyId}`, { title: `Door ${who}` })).status, who).toBe(expected[who]);
    const { story } = await json(await w.admin.get(`/api/stories/${storyId}`), 200);
    expect(story.title).toBe('Door recorder');
  });

  it('consent', async () => {
    const expected: Record<string, number> = { admin: 200, coordinator: 200, recorder: 200, member: 200, nonMember: 404, funder: 403, anonymous: 401 };
    for (const [who, c] of Object.entries(actors())) {
      const res = await c.post(`/api/stories/${storyId}/consent`, { level: 'team', channel: 'spoken', givenBy: 'teller' });
      expect(res.status, who).toBe(expected[who]);
    }
  });

  it('the pure rules the reports use', () => {
    expect(consentAllows('team', 'team')).toBe(true);
    expect(consentAllows('report', 'team')).toBe(false);
    expect(consentAllows('report', 'report')).toBe(true);
    expect(consentAllows('report', 'public')).toBe(true);
    expect(consentAllows('public', 'report')).toBe(false);
    expect(consentAllows('public', { consent: 'public', withdrawnAt: '2026-01-01' })).toBe(false);
    expect(consentAllows('team', null)).toBe(false);
    expect(tellerNameFor('report', { name: 'Fatima', under16: false })).toBeNull();
    expect(tellerNameFor('public', { name: 'Fatima', under16: false })).toBe('Fatima');
    expect(tellerNameFor('public', { name: 'Sem', under16: true })).toBeNull();
    expect(tellerNameFor('team', { name: 'Sem', under16: true })).toBe('Sem');
  });
});

describe('editing and consent changes', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await testApp();
    w = await world(t);
  });

  it('edits the body: HTML and text are rendered again', async () => {
    const s = await heard(w.member, w.projectA);
    const body = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Nieuw', marks: [{ type: 'bold' }] }] }] };
    const { story } = await json(await w.member.patch(`/api/stories/${s.id}`, { body, phase: 'VINDEN', areaId: w.areaId }), 200);
    expect(story).toMatchObject({ bodyHtml: '<p><strong>Nieuw</strong></p>', bodyText: 'Nieuw', phase: 'VINDEN', areaId: w.areaId, body });
    expect((await w.member.patch(`/api/stories/${s.id}`, { bodyHtml: '<b>x</b>' })).status).toBe(400);
    expect((await w.member.patch(`/api/stories/${s.id}`, { projectId: w.projectB })).status).toBe(400);
    const log = await auditFor(t, s.id);
    expect(log.at(-1)).toMatchObject({ action: 'story.update' });
    expect(JSON.parse(log.at(-1)!.details!).fields.sort()).toEqual(['areaId', 'body', 'phase']);
  });

  it('never lets the organisation widen consent on its own', async () => {
    const s = await heard(w.member, w.projectA, { consent: { ...heardConsent, level: 'team' } });
    const byWorker = await w.member.post(`/api/stories/${s.id}/consent`, { level: 'public', channel: 'spoken', givenBy: 'worker' });
    expect(byWorker.status).toBe(400);
    const byCoordinator = await w.coordinator.post(`/api/stories/${s.id}/consent`, { level: 'report', channel: 'spoken', givenBy: 'coordinator' });
    expect(byCoordinator.status).toBe(400);
    const pretending = await w.member.post(`/api/stories/${s.id}/consent`, { level: 'team', channel: 'spoken', givenBy: 'coordinator' });
    expect(pretending.status).toBe(400);
    const { story } = await json(await w.member.post(`/api/stories/${s.id}/consent`, { level: 'public', channel: 'paper', givenBy: 'teller' }), 200);
    expect(story.consent).toBe('public');
    const narrowed = await json(
      await w.coordinator.post(`/api/stories/${s.id}/consent`, {
        level: 'team',
        channel: 'online',
        givenBy: 'coordinator',
        reason: 'twijfel over herkenbaarheid',
      }),
      200,
    );
    expect(narrowed.story.consent).toBe('team');
    expect((await w.member.post(`/api/stories/${s.id}/consent`, { channel: 'online', givenBy: 'teller' })).status).toBe(400);
    expect(
      (await w.member.post(`/api/stories/${s.id}/consent`, { level: 'team', withdraw: true, reason: 'x', channel: 'online', givenBy: 'teller' })).status,
    ).toBe(400);
  });

  it('makes a nameless teller’s story public only with the name they want shown, and records it once', async () => {
    const s = await heard(w.member, w.projectA, { teller: {} });
    const asked = { level: 'public', channel: 'spoken', givenBy: 'teller' };
    for (const tellerName of [undefined, '  ']) {
      const res = await w.member.post(`/api/stories/${s.id}/consent`, { ...asked, ...(tellerName === undefined ? {} : { tellerName }) });
      expect(res.status).toBe(400);
      expect((await res.json()).error.details).toEqual([
        { field: 'tellerName', message: expect.stringMatching(/Vul de naam van de verteller in.*‘Verslag, anoniem’.* \/ .*Fill in the teller’s name/) },
      ]);
    }
    // a name goes with a public story only
    const notPublic = await w.member.post(`/api/stories/${s.id}/consent`, { level: 'team', channel: 'spoken', givenBy: 'teller', tellerName: 'Oma Jo' });
    expect(notPublic.status).toBe(400);
    expect((await t.db.selectFrom('stories').select('consent').where('id', '=', s.id).executeTakeFirstOrThrow()).consent).toBe('report');
    expect(await t.db.selectFrom('storyConsents').select('id').where('storyId', '=', s.id).execute()).toHaveLength(1);

    const { story } = await json(await w.member.post(`/api/stories/${s.id}/consent`, { ...asked, tellerName: ' Oma Jo ' }), 200);
    expect(story).toMatchObject({ consent: 'public', teller: { name: 'Oma Jo' } });
    expect(JSON.parse((await auditFor(t, s.id)).at(-1)!.details!)).toMatchObject({ from: 'report', to: 'public', tellerNamed: true });
    // the name is the teller's: it is given once, not changed through a consent change
    await json(await w.coordinator.post(`/api/stories/${s.id}/consent`, { level: 'report', channel: 'spoken', givenBy: 'coordinator' }), 200);
    const renamed = await w.member.post(`/api/stories/${s.id}/consent`, { ...asked, tellerName: 'Iemand anders' });
    expect(renamed.status).toBe(400);
    expect((await renamed.json()).error.details[0]).toMatchObject({ field: 'tellerName', message: expect.stringContaining('heeft al een naam') });
    expect((await json(await w.member.post(`/api/stories/${s.id}/consent`, asked), 200)).story.teller.name).toBe('Oma Jo');
  });

  it('withdrawal by a worker needs a reason and takes the story out of everything', async () => {
    const s = await heard(w.member, w.projectA, { title: 'Straatfeest', body: doc('Het straatfeest bracht iedereen samen.') });
    const noReason = await w.member.post(`/api/stories/${s.id}/consent`, { withdraw: true, channel: 'spoken', givenBy: 'teller' });
    expect(noReason.status).toBe(400);
    expect((await noReason.json()).error.details[0].field).toBe('reason');
    const blank = await w.member.post(`/api/stories/${s.id}/consent`, { withdraw: true, reason: '   ', channel: 'spoken', givenBy: 'teller' });
    expect(blank.status).toBe(400);

    const res = await w.member.post(`/api/stories/${s.id}/consent`, {
      withdraw: true,
      reason: 'Verteller belde: wil het niet meer',
      channel: 'spoken',
      givenBy: 'teller',
    });
    const withdrawn = (await json(res, 200)).story;
    expect(withdrawn).toMatchObject({ title: '', bodyHtml: '', bodyText: '', canEdit: false });
    expect(withdrawn.withdrawnAt).not.toBeNull();
    // out of the lists and search; its page only says it was withdrawn
    expect((await json(await w.member.get('/api/stories'), 200)).stories.some((x: { id: number }) => x.id === s.id)).toBe(false);
    expect((await json(await w.admin.get('/api/stories?q=straatfeest'), 200)).stories).toEqual([]);
    expect((await w.member.get('/api/stories?includeWithdrawn=true')).status).toBe(403);
    // staff see the consent record, never the text
    const { story } = await json(await w.admin.get(`/api/stories/${s.id}`), 200);
    expect(story.withdrawnAt).not.toBeNull();
    expect(story).toMatchObject({ title: '', bodyHtml: '', bodyText: '', excerpt: '', canEdit: false });
    expect(story.consentHistory.at(-1)).toMatchObject({
      level: null,
      withdrawn: true,
      reason: 'Verteller belde: wil het niet meer',
      recordedBy: { id: w.member.id },
    });
    const listed = await json(await w.admin.get('/api/stories?includeWithdrawn=true'), 200);
    expect(listed.stories.find((x: { id: number }) => x.id === s.id)).toMatchObject({ title: '', excerpt: '' });
    const row = await t.db.selectFrom('stories').selectAll().where('id', '=', s.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain('straatfeest');
    // and it is final
    expect((await w.admin.post(`/api/stories/${s.id}/consent`, { level: 'team', channel: 'spoken', givenBy: 'teller' })).status).toBe(409);
    expect((await w.admin.patch(`/api/stories/${s.id}`, { title: 'Terug' })).status).toBe(409);
  });

  it('audits every consent change: one audit entry per consent record', async () => {
    const s = await heard(w.member, w.projectA);
    await json(await w.member.post(`/api/stories/${s.id}/consent`, { level: 'public', channel: 'paper', givenBy: 'teller' }), 200);
    await json(await w.coordinator.post(`/api/stories/${s.id}/consent`, { level: 'team', channel: 'spoken', givenBy: 'coordinator' }), 200);
    await json(await w.admin.post(`/api/stories/${s.id}/consent`, { withdraw: true, reason: 'verzoek', channel: 'online', givenBy: 'teller' }), 200);
    const consents = await t.db.selectFrom('storyConsents').selectAll().where('storyId', '=', s.id).orderBy('id').execute();
    const log = (await auditFor(t, s.id)).filter((l) => ['story.create', 'story.consent', 'story.withdraw'].includes(l.action));
    expect(consents.map((c) => c.level)).toEqual(['report', 'public', 'team', null]);
    expect(log.map((l) => l.action)).toEqual(['story.create', 'story.consent', 'story.consent', 'story.withdraw']);
    expect(log.map((l) => l.actorUserId)).toEqual([w.member.id, w.member.id, w.coordinator.id, w.admin.id]);
    expect(JSON.parse(log[2]!.details!)).toMatchObject({ from: 'public', to: 'team', givenBy: 'coordinator' });
  });
});
