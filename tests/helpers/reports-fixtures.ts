// Direct inserts for what the stories, sensemaking and counting routes will create, so the report
// tests do not depend on those capabilities' routes.
import type { Db } from '../../db/client.js';
import { saveReview } from '../../db/repositories/reviews.js';
import type { ConsentLevel, OutcomeLevel, Phase } from '../../db/schema.js';
import type { E2E } from './browser.js';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export async function addProject(db: Db, name = 'Buurtkracht Noord', areaIds: number[] = []) {
  const { id } = await db.insertInto('projects').values({ name, budgetHours: 1200, budgetCents: 4_500_000 }).returning('id').executeTakeFirstOrThrow();
  if (areaIds.length)
    await db
      .insertInto('projectAreas')
      .values(areaIds.map((areaId) => ({ projectId: id, areaId })))
      .execute();
  return id;
}

export async function addArea(db: Db, name: string) {
  return (await db.insertInto('areas').values({ name, kind: 'buurt' }).returning('id').executeTakeFirstOrThrow()).id;
}

export async function addOutcome(db: Db, projectId: number, title: string, level: OutcomeLevel = 'outcome') {
  return (
    await db
      .insertInto('outcomes')
      .values({ projectId, title, level, description: `${title}: beschrijving` })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
}

export async function addIndicator(
  db: Db,
  opts: {
    projectId: number;
    outcomeId: number | null;
    name: string;
    baseline?: number;
    targets: Record<string, number>;
    values: Record<string, number | null>;
    measure?: 'unit' | 'percentage';
  },
) {
  const { id } = await db
    .insertInto('indicators')
    .values({
      projectId: opts.projectId,
      outcomeId: opts.outcomeId,
      name: opts.name,
      unit: opts.measure === 'percentage' ? 'percentage' : 'count',
      measure: opts.measure ?? 'unit',
      periodicity: 'quarter',
      baselineValue: opts.baseline ?? null,
      baselinePeriod: opts.baseline != null ? '2025' : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const [period, value] of Object.entries(opts.targets)) await db.insertInto('indicatorTargets').values({ indicatorId: id, period, value }).execute();
  for (const [period, value] of Object.entries(opts.values)) await db.insertInto('indicatorValues').values({ indicatorId: id, period, value }).execute();
  return id;
}

export type StoryOpts = {
  projectId: number;
  areaId?: number | null;
  consent: ConsentLevel;
  tellerName?: string | null;
  under16?: boolean;
  title: string;
  body: string;
  happenedOn?: string;
  phase?: Phase | null;
  recordedBy?: number | null;
  outcomeIds?: number[];
  placements?: Record<number, number | null>;
  /** a 'report' or 'public' story's report version is reviewed as it is, unless false */
  reviewed?: boolean;
};

export async function addStory(db: Db, o: StoryOpts) {
  const teller = await db
    .insertInto('tellers')
    .values({ kind: 'resident', displayName: o.tellerName ?? null, under16: o.under16 ? 1 : 0 })
    .returning('id')
    .executeTakeFirstOrThrow();
  const { id } = await db
    .insertInto('stories')
    .values({
      projectId: o.projectId,
      areaId: o.areaId ?? null,
      title: o.title,
      bodyJson: JSON.stringify({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: o.body }] }] }),
      bodyHtml: `<p>${esc(o.body)}</p>`,
      bodyText: o.body,
      phase: o.phase ?? null,
      happenedOn: o.happenedOn ?? '2026-03-15',
      tellerId: teller.id,
      source: o.recordedBy ? 'heard' : 'link',
      recordedBy: o.recordedBy ?? null,
      consent: o.consent,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('storyConsents').values({ storyId: id, level: o.consent, givenBy: 'teller', channel: 'online', consentTextVersion: 'v1' }).execute();
  if (o.consent !== 'team' && o.reviewed !== false) await reviewAsIs(db, id);
  for (const outcomeId of o.outcomeIds ?? [])
    await db.insertInto('storyOutcomes').values({ storyId: id, outcomeId, note: 'Laat zien dat buren elkaar vinden' }).execute();
  for (const [variableId, position] of Object.entries(o.placements ?? {})) {
    await db
      .insertInto('storyPlacements')
      .values({ storyId: id, variableId: Number(variableId), source: 'teller', position })
      .execute();
  }
  return id;
}

/** A reviewer found nothing to change: the report version is the story's own title and text. */
export async function reviewAsIs(db: Db, storyId: number) {
  const s = await db.selectFrom('stories').select(['title', 'bodyJson', 'bodyHtml', 'bodyText', 'textRev']).where('id', '=', storyId).executeTakeFirstOrThrow();
  const { textRev, ...text } = s;
  await saveReview(db, storyId, textRev, { ...text, reviewedBy: null });
}

/** What the stories capability does on withdrawal: the consent row and the denormalised flag. */
export async function withdrawStory(db: Db, storyId: number) {
  const at = new Date().toISOString();
  await db
    .insertInto('storyConsents')
    .values({ storyId, level: null, withdrawn: 1, givenBy: 'teller', channel: 'online', consentTextVersion: 'v1', reason: 'teruggetrokken' })
    .execute();
  await db.updateTable('stories').set({ withdrawnAt: at }).where('id', '=', storyId).execute();
}

export async function addClimateVariable(db: Db, key = 'atmosfeer') {
  return (
    await db
      .insertInto('climateVariables')
      .values({
        key,
        groupKey: 'sociaal',
        groupNl: 'Sociaal klimaat',
        groupEn: 'Social climate',
        nameNl: 'Atmosfeer',
        nameEn: 'Atmosphere',
        weakNl: 'angst en wantrouwen',
        weakEn: 'fear and distrust',
        strongNl: 'veiligheid en vertrouwen',
        strongEn: 'safety and trust',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
}

/** A project with one area, an outcome with an indicator, and one story at each consent level. */
export async function reportWorld(db: Db) {
  const areaId = await addArea(db, 'Oosterpark');
  const projectId = await addProject(db, 'Buurtkracht Noord', [areaId]);
  const outcomeId = await addOutcome(db, projectId, 'Bewoners kennen elkaar beter');
  const indicatorId = await addIndicator(db, {
    projectId,
    outcomeId,
    name: 'Deelnemers aan buurtactiviteiten',
    baseline: 40,
    targets: { '2026-Q1': 50, '2026-Q2': 60 },
    values: { '2026-Q1': 48, '2026-Q2': 63 },
  });
  const common = { projectId, areaId, outcomeIds: [outcomeId] };
  const teamStory = await addStory(db, {
    ...common,
    consent: 'team',
    tellerName: 'Truus Teamlid',
    title: 'Alleen voor het team',
    body: 'TEAMGEHEIM: ruzie bij de buren.',
    phase: 'ZIEN',
  });
  const reportStory = await addStory(db, {
    ...common,
    consent: 'report',
    tellerName: 'Ria Rapport',
    title: 'De moestuin',
    body: 'We zijn samen een moestuin begonnen.',
    phase: 'DOEN',
  });
  const publicStory = await addStory(db, {
    ...common,
    consent: 'public',
    tellerName: 'Piet Publiek',
    title: 'Het buurtfeest',
    body: 'Het buurtfeest bracht iedereen samen.',
    phase: 'VINDEN',
  });
  return { areaId, projectId, outcomeId, indicatorId, teamStory, reportStory, publicStory };
}

/** A report made through the API by `email` (a coordinator), as the editor makes one: its id. */
export async function reportMadeBy(e: E2E, email: string, data: Record<string, unknown>): Promise<number> {
  const page = await (await e.context()).newPage();
  await e.login(page, email);
  const res = await page.request.post('/api/reports', { headers: { origin: e.baseUrl }, data });
  if (res.status() !== 201) throw new Error(`POST /api/reports → ${res.status()} ${await res.text()}`);
  const id = ((await res.json()) as { report: { id: number } }).report.id;
  await page.context().close();
  return id;
}
