import type { Client, TestApp } from './app.js';

/** A project with two buurten, a worker on it, a worker elsewhere, a coordinator and a funder. */
export async function countingWorld(t: TestApp) {
  const coordinator = await t.as('coordinator');
  const worker = await t.as('worker');
  const outsider = await t.as('worker');
  const funder = await t.as('funder');
  const area = async (name: string, kind: string, cbsCode: string | null) =>
    ((await (await coordinator.post('/api/areas', { name, kind, cbsCode })).json()) as { area: { id: number } }).area.id;
  const kop = await area('Kop Zeedijk', 'buurt', 'BU03630000');
  const oudeKerk = await area('Oude Kerk e.o.', 'buurt', 'BU03630001');
  const elsewhere = await area('Jordaan', 'wijk', 'WK036306');
  const project = await json<{ project: { id: number } }>(
    coordinator.post('/api/projects', { name: 'Buurtkamer Zeedijk', areaIds: [kop, oudeKerk], budgetHours: 100, budgetEuros: 5000 }),
  );
  const other = await json<{ project: { id: number } }>(coordinator.post('/api/projects', { name: 'Elders', areaIds: [elsewhere] }));
  await coordinator.put(`/api/projects/${project.project.id}/members`, { userIds: [worker.id] });
  await coordinator.put(`/api/projects/${other.project.id}/members`, { userIds: [outsider.id] });
  return { coordinator, worker, outsider, funder, areas: { kop, oudeKerk, elsewhere }, projectId: project.project.id, otherProjectId: other.project.id };
}

export async function json<T = any>(res: Response | Promise<Response>): Promise<T> {
  const r = await res;
  const body = await r.text();
  if (r.status >= 300) throw new Error(`${r.status}: ${body}`);
  return JSON.parse(body) as T;
}

export async function indicator(client: Client, input: Record<string, unknown>) {
  return (await json<{ indicator: { id: number } & Record<string, any> }>(client.post('/api/indicators', input))).indicator;
}
