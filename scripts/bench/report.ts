// Report assembly for the bench: a funder report over three projects and two years, set up and
// published through the API; and the SQL floor — the same data the assembly reads (the reportable
// stories counted, the few printed read in full, outcomes and their tags, indicator targets and
// values, climate placements, Most Significant Change selections) as hand-written SQL run directly
// on the database.
import Database from 'better-sqlite3';
import type { Remote } from '../lib/server-process.js';

export type BenchReport = { id: number; projectIds: number[]; from: string; to: string; publishedPath: string | null };

const FROM = '2024-01-01';
const TO = '2025-12-31';

export async function setUpReport(a: Remote): Promise<BenchReport> {
  const projectIds = [1, 2, 3];
  const res = await a.post('/api/reports', { title: 'Bench: voortgang 2024–2025', audience: 'funder', periodFrom: FROM, periodTo: TO, projectIds });
  if (res.status !== 201) throw new Error(`POST /api/reports → ${res.status} ${(await res.text()).slice(0, 200)}`);
  const { report } = (await res.json()) as { report: { id: number } };
  const pub = await a.post(`/api/reports/${report.id}/versions`);
  const publishedPath = pub.status === 201 || pub.status === 200 ? `/api/reports/${report.id}/versions/1` : null;
  return { id: report.id, projectIds, from: FROM, to: TO, publishedPath };
}
/** The preview as the report editor asks for it: the page, and of the data only its summary. */
export const reportPreviewPath = (r: BenchReport) => `/api/reports/${r.id}/preview?data=summary`;
export const publishedVersionPath = (r: BenchReport) => r.publishedPath;

/**
 * The statements the report assembly needs, written by hand (with `?` parameters), by the same
 * rules: the stories a report may show (consent, not withdrawn, a current review) as keys to count,
 * the stories told (every consent), outcomes and their tags, indicators with their targets and
 * values, climate placements, Most Significant Change selections, and the text of the few stories
 * a report prints. The first one is the reportable story list (its row count is reported).
 */
export function floorQueries(r: BenchReport): { text: string; params: string[] }[] {
  const ps = r.projectIds.join(',');
  const day = 'coalesce(s.happened_on, substr(s.created_at, 1, 10))';
  const period = [r.from, r.to];
  // Overall and per-area figures within the report's years, with the areas' names.
  const years = `period >= '${r.from.slice(0, 4)}' and period < '${Number(r.to.slice(0, 4)) + 1}'`;
  const ofReport = `indicator_id in (select id from indicators where outcome_id in (select id from outcomes where project_id in (${ps})))`;
  const reportable = `s.withdrawn_at is null and s.consent in ('report', 'public') and s.reviewed_rev = s.text_rev and s.project_id in (${ps}) and ${day} between ? and ?`;
  const tags = `select story_id from story_outcomes where status = 'accepted' and outcome_id in (select id from outcomes where project_id in (${ps}))`;
  return [
    {
      text: `select s.id, s.phase, ${day} as d from stories s where ${reportable} order by d, s.id`,
      params: period,
    },
    {
      text: `select count(*), count(distinct s.teller_id), count(distinct s.area_id) from stories s
      where s.withdrawn_at is null and s.project_id in (${ps}) and ${day} between ? and ?`,
      params: period,
    },
    {
      text: `select o.id, o.project_id, p.name, o.level, o.title, o.description from outcomes o join projects p on p.id = o.project_id
      where o.project_id in (${ps}) order by p.name, o.sort, o.id`,
      params: [],
    },
    {
      text: `select outcome_id, story_id from story_outcomes where status = 'accepted'
      and outcome_id in (select id from outcomes where project_id in (${ps})) order by outcome_id, story_id`,
      params: [],
    },
    { text: `select * from indicators where outcome_id in (select id from outcomes where project_id in (${ps}))`, params: [] },
    { text: `select indicator_id, period, area_id, value from indicator_targets where ${years} and ${ofReport}`, params: [] },
    {
      text: `select v.indicator_id, v.period, v.area_id, v.value, a.name from indicator_values v left join areas a on a.id = v.area_id where ${years.replace(/period/g, 'v.period')} and ${ofReport.replace('indicator_id', 'v.indicator_id')}`,
      params: [],
    },
    { text: `select id, key, name_nl, weak_nl, strong_nl from climate_variables where retired_at is null order by sort, id`, params: [] },
    {
      text: `select sp.story_id, sp.variable_id, sp.source, sp.position from story_placements sp join stories s on s.id = sp.story_id
      where sp.status = 'accepted' and ${reportable}`,
      params: period,
    },
    {
      text: `select m.story_id, m.round_id, r.domain, m.reason, r.closed_at from msc_selections m join msc_rounds r on r.id = m.round_id
      where r.status = 'closed' and exists (${tags} and story_id = m.story_id) order by r.closed_at, m.id`,
      params: [],
    },
    {
      text: `select s.id, rv.title, rv.body_html, rv.text_hash, t.display_name, a.name, ${day} as d, so.note from stories s
      join story_reviews rv on rv.story_id = s.id join tellers t on t.id = s.teller_id left join areas a on a.id = s.area_id
      join story_outcomes so on so.story_id = s.id and so.status = 'accepted'
      where ${reportable} and s.id in (select story_id from (${tags} order by story_id desc limit 40) chosen)`,
      params: period,
    },
  ];
}

/** Runs `run` a few times to warm up, then for `seconds`: each run's time, and the first statement's row count. */
export async function timeFloor(run: () => number | Promise<number>, seconds: number): Promise<{ times: number[]; n: number }> {
  let n = 0;
  for (let i = 0; i < 3; i++) n = await run();
  const times: number[] = [];
  const end = Date.now() + seconds * 1000;
  while (Date.now() < end) {
    const t = performance.now();
    await run();
    times.push(performance.now() - t);
  }
  return { times, n };
}

export async function sqlFloor(file: string, r: BenchReport, seconds: number): Promise<{ times: number[]; n: number }> {
  const db = new Database(file, { readonly: true });
  const statements = floorQueries(r).map((q) => ({ stmt: db.prepare(q.text), params: q.params }));
  const f = await timeFloor(() => statements.map((s) => s.stmt.all(...s.params).length)[0]!, seconds);
  db.close();
  return f;
}
