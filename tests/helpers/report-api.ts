// A report made and published through the API, on the world of reports-fixtures.
import { expect } from 'vitest';
import { testApp, type Client } from './app.js';
import { reportWorld } from './reports-fixtures.js';

export const intro = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Een jaar buurtwerk in Noord.' }] }] };

export type World = Awaited<ReturnType<typeof reportWorld>>;

/** A fresh app with the report world and a coordinator signed in. */
export async function reportSetup() {
  const t = await testApp();
  const w = await reportWorld(t.db);
  const coord = await t.as('coordinator');
  return { t, w, coord };
}

/** A funder report over 2026 on the world's project; `extra` overrides or adds fields. Its id. */
export async function createReport(coord: Client, w: World, extra: Record<string, unknown> = {}) {
  const res = await coord.post('/api/reports', {
    title: 'Jaarverslag 2026',
    audience: 'funder',
    periodFrom: '2026-01-01',
    periodTo: '2026-12-31',
    projectIds: [w.projectId],
    intro,
    ...extra,
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as { report: { id: number } }).report.id;
}

/** Publishes a new version; its number. */
export async function publish(coord: Client, id: number) {
  const res = await coord.post(`/api/reports/${id}/versions`);
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as { version: { number: number } }).version.number;
}
