// A project and its team are saved together: one request, one transaction, nothing half-saved.
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, type Client, type TestApp } from './helpers/app.js';

const projectAudit = (t: TestApp, id: number) =>
  t.db.selectFrom('auditLog').select(['action', 'details']).where('targetType', '=', 'project').where('targetId', '=', String(id)).orderBy('id').execute();
const members = async (t: TestApp, id: number) =>
  (await t.db.selectFrom('projectMembers').select('userId').where('projectId', '=', id).orderBy('userId').execute()).map((m) => m.userId);

describe('saving a project with its team', () => {
  let t: TestApp;
  let coordinator: Client & { id: number };
  let worker: Client & { id: number };
  let colleague: Client & { id: number };
  let funder: Client & { id: number };
  beforeAll(async () => {
    t = await testApp();
    coordinator = await t.as('coordinator');
    worker = await t.as('worker');
    colleague = await t.as('worker');
    funder = await t.as('funder');
  });

  it('creates a project with its team and audits both', async () => {
    const res = await coordinator.post('/api/projects', { name: 'Buurtkamer', phase: 'DENKEN', userIds: [worker.id, colleague.id] });
    expect(res.status).toBe(201);
    const { project } = await res.json();
    expect(project).toMatchObject({ name: 'Buurtkamer', phase: 'DENKEN' });
    expect(project.members.map((m: { id: number }) => m.id).sort()).toEqual([worker.id, colleague.id].sort());
    const log = await projectAudit(t, project.id);
    expect(log.map((l) => l.action)).toEqual(['project.create', 'project.members']);
    expect(JSON.parse(log[1]!.details!)).toEqual({ from: [], to: [worker.id, colleague.id] });
    // the worker now sees the project
    expect((await worker.get(`/api/projects/${project.id}`)).status).toBe(200);
  });

  it('refuses an unknown user or a funder in the team and creates nothing', async () => {
    const count = async () => (await t.db.selectFrom('projects').select('id').where('name', '=', 'Half').execute()).length;
    for (const userIds of [[worker.id, 99_999], [funder.id]]) {
      const res = await coordinator.post('/api/projects', { name: 'Half', userIds });
      expect(res.status).toBe(400);
      expect((await res.json()).error.details).toEqual([expect.objectContaining({ field: 'userIds' })]);
    }
    expect(await count()).toBe(0);
  });

  it('edits a project and its team in one request; an invalid team leaves both unchanged', async () => {
    const { project } = await (await coordinator.post('/api/projects', { name: 'Speeltuin', vraagstuk: 'Oud', userIds: [worker.id] })).json();
    const before = await t.db.selectFrom('projects').selectAll().where('id', '=', project.id).executeTakeFirstOrThrow();
    const auditBefore = (await projectAudit(t, project.id)).length;

    const bad = await coordinator.patch(`/api/projects/${project.id}`, { name: 'Speeltuin Noord', vraagstuk: 'Nieuw', userIds: [colleague.id, funder.id] });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.details[0]).toMatchObject({
      field: 'userIds',
      message: `Deze gebruiker bestaat niet of is een financier (${funder.id}). Een financier kan geen teamlid zijn. / This user does not exist or is a funder (${funder.id}). A funder cannot be a team member.`,
    });
    expect(await t.db.selectFrom('projects').selectAll().where('id', '=', project.id).executeTakeFirstOrThrow()).toEqual(before);
    expect(await members(t, project.id)).toEqual([worker.id]);
    expect((await projectAudit(t, project.id)).length).toBe(auditBefore);

    const good = await coordinator.patch(`/api/projects/${project.id}`, { name: 'Speeltuin Noord', vraagstuk: 'Nieuw', userIds: [colleague.id] });
    expect(good.status).toBe(200);
    expect((await good.json()).project).toMatchObject({
      name: 'Speeltuin Noord',
      vraagstuk: 'Nieuw',
      members: [expect.objectContaining({ id: colleague.id })],
    });
    expect(await members(t, project.id)).toEqual([colleague.id]);
    expect((await projectAudit(t, project.id)).slice(auditBefore).map((l) => l.action)).toEqual(['project.update', 'project.members']);
    expect((await worker.get(`/api/projects/${project.id}`)).status).toBe(404);
  });

  it('leaves the team alone without userIds, and audits no team change when it is the same', async () => {
    const { project } = await (await coordinator.post('/api/projects', { name: 'Moestuin', userIds: [worker.id] })).json();
    const n = (await projectAudit(t, project.id)).length;
    expect((await coordinator.patch(`/api/projects/${project.id}`, { phase: 'DOEN' })).status).toBe(200);
    expect((await coordinator.patch(`/api/projects/${project.id}`, { phase: 'DOEN', userIds: [worker.id, worker.id] })).status).toBe(200);
    expect(await members(t, project.id)).toEqual([worker.id]);
    expect((await projectAudit(t, project.id)).slice(n).map((l) => l.action)).toEqual(['project.update', 'project.update']);
    // the separate team route still works as before
    expect((await coordinator.put(`/api/projects/${project.id}/members`, { userIds: [colleague.id] })).status).toBe(200);
    expect(await members(t, project.id)).toEqual([colleague.id]);
    expect((await coordinator.put(`/api/projects/${project.id}/members`, { userIds: [funder.id] })).status).toBe(400);
    expect(await members(t, project.id)).toEqual([colleague.id]);
  });
});
