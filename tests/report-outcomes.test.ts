// Issue 12: a summary first, a narrative and chosen stories per outcome (each story printed once),
// publishing that says what changed, and a funder's list that shows what was published.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testApp, type Client, type TestApp } from './helpers/app.js';
import { addArea, addOutcome, addProject, addStory, reportWorld } from './helpers/reports-fixtures.js';
import { percentOfTarget } from '../server/reports/summary.js';

type World = Awaited<ReturnType<typeof reportWorld>>;
const doc = (...content: unknown[]) => ({ type: 'doc', content });
const para = (text: string) => ({ type: 'paragraph', content: [{ type: 'text', text }] });

/** A closed Most Significant Change round ('Meedoen') that selected these stories, with these reasons, in this order. */
async function closedRound(db: TestApp['db'], selections: [storyId: number, reason: string][]) {
  const round = await db
    .insertInto('mscRounds')
    .values({ domain: 'Meedoen', periodFrom: '2026-01-01', periodTo: '2026-12-31', status: 'closed', closedAt: '2026-11-10T10:00:00Z' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('mscSelections')
    .values(selections.map(([storyId, reason]) => ({ roundId: round.id, storyId, userId: null, reason })))
    .execute();
}

async function json<T = any>(res: Response, status = 200): Promise<T> {
  expect(res.status, await res.clone().text()).toBe(status);
  return (await res.json()) as T;
}

describe('reports: summary, narrative and chosen stories per outcome', () => {
  let t: TestApp;
  let w: World;
  let coord: Client;
  let reportId: number;
  beforeEach(async () => {
    t = await testApp();
    w = await reportWorld(t.db);
    coord = await t.as('coordinator');
    reportId = (
      await json(
        await coord.post('/api/reports', {
          title: 'Jaarverslag 2026',
          audience: 'municipality',
          periodFrom: '2026-01-01',
          periodTo: '2026-12-31',
          projectIds: [w.projectId],
        }),
        201,
      )
    ).report.id;
  });
  afterEach(async () => t.close());

  it('opens with a summary: the latest actual against its target, the percentage respecting the direction, a status by the stated rule, the counts', async () => {
    const preview = await json(await coord.get(`/api/reports/${reportId}/preview`));
    const [outcome] = preview.data.summary.outcomes;
    // Latest actual 63 in 2026-Q2 against the target 60: 105%, on track.
    expect(outcome.indicators).toEqual([
      expect.objectContaining({
        name: 'Deelnemers aan buurtactiviteiten',
        baseline: 40,
        period: '2026-Q2',
        actual: 63,
        target: 60,
        percent: 105,
        status: 'on_track',
      }),
    ]);
    expect(outcome.status).toBe('on_track');
    // Three stories told (one with team consent), two the tellers allow in reports, three tellers, one area.
    expect(preview.data.summary.counts).toMatchObject({ storiesTold: 3, storiesReportable: 2, tellers: 3, areas: 1 });
    expect(preview.html).toContain('Samenvatting: werkte het?');
    expect(preview.html).toMatch(/Op koers: minstens 90% van het doel/);
    expect(preview.html).toContain('105%');
    // Hours and money against the budget, in plain words.
    const words = (h: string) => h.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(words(preview.html)).toMatch(/begrote uren besteed \d+ van 1\.200/);
    expect(words(preview.html)).toMatch(/van de begroting uitgegeven €\s\d+ van €\s45\.000/);
    // Lower is better: at or under the target is 100% or more; above it less.
    expect([percentOfTarget(8, 10, 'lower'), percentOfTarget(20, 10, 'lower'), percentOfTarget(5, 10, 'higher')]).toEqual([125, 50, 50]);
    // The report editor asks for the page and, of the data, only the summary it shows beside it.
    const editor = await json(await coord.get(`/api/reports/${reportId}/preview?data=summary`));
    expect(Object.keys(editor.data)).toEqual(['summary']);
    expect(editor.data.summary).toEqual(preview.data.summary);
    expect(editor.html).toBe(preview.html);
    const en = await json(await coord.get(`/api/reports/${reportId}/preview?lang=en`));
    expect(en.html).toContain('Summary: did it work?');
    expect(en.html).toContain('on track');
    expect(words(en.html)).toMatch(/budgeted hours spent \d+ of 1,200/);
    // Half an hour is said as in the hours table (88,5), not rounded to another number (89).
    const half = await t.db
      .insertInto('hours')
      .values({ projectId: w.projectId, userId: (await t.as('worker')).id, date: '2026-05-04', hours: 0.5, phase: 'DOEN', activity: 'Overleg' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const halfHtml = words((await json(await coord.get(`/api/reports/${reportId}/preview`))).html);
    const spent = /begrote uren besteed (\S+) van 1\.200/.exec(halfHtml)?.[1];
    expect(spent).toMatch(/^\d+,5$/);
    expect(halfHtml).toMatch(new RegExp(`Totaal \\S+ ${spent} `));
    await t.db.deleteFrom('hours').where('id', '=', half.id).execute();
    // A figure carries its unit where a sign can: a percentage reads 63%, not a bare 63.
    await t.db.updateTable('indicators').set({ unit: 'percentage' }).where('id', '=', w.indicatorId).execute();
    const share = await json(await coord.get(`/api/reports/${reportId}/preview`));
    // The period reads in words, in the report's language.
    expect(share.html).toMatch(/>63% <span class="period">2e\u00a0kwartaal 2026<\/span>/);
    expect((await json(await coord.get(`/api/reports/${reportId}/preview?lang=en`))).html).toMatch(/>63% <span class="period">Q2 2026<\/span>/);
    expect(share.html).toMatch(/>40%</);
    // The rule explains counting the other way round only where an indicator needs it.
    expect(share.html).not.toContain('Is lager beter');
    await t.db.updateTable('indicators').set({ direction: 'lower' }).where('id', '=', w.indicatorId).execute();
    expect((await json(await coord.get(`/api/reports/${reportId}/preview`))).html).toContain('Is lager beter, zoals bij een wachttijd?');
  });

  it('compares the latest period that has both an actual and a target: a newer quarter without a target does not turn the summary into "no data"', async () => {
    await t.db.insertInto('indicatorValues').values({ indicatorId: w.indicatorId, period: '2026-Q4', value: 70 }).execute();
    const preview = await json(await coord.get(`/api/reports/${reportId}/preview`));
    const [outcome] = preview.data.summary.outcomes;
    expect(outcome.indicators[0]).toMatchObject({ period: '2026-Q2', actual: 63, target: 60, percent: 105, status: 'on_track' });
    expect(preview.html).toContain('de laatste periode in deze rapportage met een meting én een doel');
    // Without any target in the period there is nothing to compare: no data, with the latest actual shown.
    await t.db.deleteFrom('indicatorTargets').where('indicatorId', '=', w.indicatorId).execute();
    const bare = await json(await coord.get(`/api/reports/${reportId}/preview`));
    expect(bare.data.summary.outcomes[0].indicators[0]).toMatchObject({ period: '2026-Q4', actual: 70, target: null, status: 'no_data' });
  });

  it('over several projects the summary groups outcomes by project, so outcomes of the same name are told apart', async () => {
    const single = await json(await coord.get(`/api/reports/${reportId}/preview`));
    expect(single.data.summary.outcomes[0].projectName).toBe('Buurtkracht Noord');
    expect(single.html).not.toContain('class="project-row"');

    const other = await addProject(t.db, 'Aardig Zuid');
    await addOutcome(t.db, other, 'Bewoners kennen elkaar beter');
    await json(await coord.patch(`/api/reports/${reportId}`, { projectIds: [w.projectId, other] }));
    const both = await json(await coord.get(`/api/reports/${reportId}/preview`));
    expect(both.data.summary.outcomes.map((o: any) => [o.projectName, o.title])).toEqual([
      ['Aardig Zuid', 'Bewoners kennen elkaar beter'],
      ['Buurtkracht Noord', 'Bewoners kennen elkaar beter'],
    ]);
    const projectRows = [...both.html.matchAll(/<tr class="project-row"><th[^>]*>([^<]*)<\/th><\/tr><tr class="outcome-row">/g)].map((m) => m[1]);
    expect(projectRows).toEqual(['Aardig Zuid', 'Buurtkracht Noord']);
  });

  it("the form's options say each area's parent and projects, so only the chosen projects' areas are offered", async () => {
    const other = await addArea(t.db, 'Ergens anders');
    await addProject(t.db, 'Ander project', [other]);
    const opts = await json(await coord.get('/api/reports/options'));
    expect(opts.areas).toEqual(
      expect.arrayContaining([
        { id: w.areaId, name: 'Oosterpark', parentId: null, projectIds: [w.projectId] },
        expect.objectContaining({ id: other, parentId: null, projectIds: [expect.any(Number)] }),
      ]),
    );
    expect(opts.areas.find((a: any) => a.id === other).projectIds).not.toContain(w.projectId);
  });

  it('prints each story in full once: chosen elsewhere it is referred to by title, the rest is counted', async () => {
    const second = await addOutcome(t.db, w.projectId, 'Bewoners nemen initiatief');
    const extra = await addStory(t.db, {
      projectId: w.projectId,
      areaId: w.areaId,
      consent: 'report',
      title: 'De schoonmaakactie',
      body: 'Zelf de straat geveegd.',
      outcomeIds: [w.outcomeId, second],
    });
    await t.db.insertInto('storyOutcomes').values({ storyId: w.publicStory, outcomeId: second, note: '' }).execute();
    await t.db.updateTable('storyOutcomes').set({ note: 'Eigen initiatief' }).where('storyId', '=', extra).where('outcomeId', '=', second).execute();
    const narrative = doc(para('Buren vinden elkaar, '), {
      type: 'paragraph',
      content: [{ type: 'text', text: 'vooral rond de tuin', marks: [{ type: 'bold' }] }],
    });
    await json(
      await coord.patch(`/api/reports/${reportId}`, {
        perOutcome: [
          { outcomeId: w.outcomeId, narrative, storyIds: [w.publicStory, extra] },
          { outcomeId: second, storyIds: [extra, w.publicStory] },
        ],
      }),
    );
    const v = await json(await coord.post(`/api/reports/${reportId}/versions`), 201);
    const { version } = await json(await coord.get(`/api/reports/${reportId}/versions/${v.version.number}`));
    const count = (hay: string, needle: string) => hay.split(needle).length - 1;
    for (const body of ['Het buurtfeest bracht iedereen samen.', 'Zelf de straat geveegd.', 'We zijn samen een moestuin begonnen.']) {
      expect(count(version.html, body), body).toBeLessThanOrEqual(1);
      expect(count(JSON.stringify(version.data), body), body).toBeLessThanOrEqual(1);
    }
    const [first, other] = version.data.outcomes;
    expect(first.stories.map((s: any) => s.id)).toEqual([w.publicStory, extra]);
    // a printed story carries the coordinator's note on its tag to the outcome it is printed under
    expect(first.stories[1].note).toBe('Laat zien dat buren elkaar vinden');
    expect(version.html).not.toContain('Eigen initiatief');
    expect(first.otherStories).toBe(1); // "De moestuin" is tagged but not chosen
    expect(first.narrativeHtml).toBe('<p>Buren vinden elkaar, </p><p><strong>vooral rond de tuin</strong></p>');
    expect(other.stories).toEqual([]);
    expect(other.storyRefs.map((s: any) => s.title)).toEqual(['De schoonmaakactie', 'Het buurtfeest']);
    expect(version.html).toContain('En 1 ander verhaal bij deze uitkomst.');
    expect(version.html).toContain('<strong>vooral rond de tuin</strong>');
    // The definition keeps the narrative; the version froze it.
    await json(await coord.patch(`/api/reports/${reportId}`, { perOutcome: [{ outcomeId: w.outcomeId, narrative: doc(para('Nieuwe tekst')) }] }));
    const again = await json(await coord.get(`/api/reports/${reportId}/versions/1`));
    expect(again.version.html).toContain('vooral rond de tuin');
    expect(again.version.html).not.toContain('Nieuwe tekst');
  });

  it('suggests stories when none are chosen: Most Significant Change selections first, then the most recent', async () => {
    const older = await addStory(t.db, {
      projectId: w.projectId,
      consent: 'report',
      title: 'Oud verhaal',
      body: 'Lang geleden.',
      happenedOn: '2026-01-05',
      outcomeIds: [w.outcomeId],
    });
    const newest = await addStory(t.db, {
      projectId: w.projectId,
      consent: 'report',
      title: 'Nieuwste',
      body: 'Gisteren.',
      happenedOn: '2026-11-01',
      outcomeIds: [w.outcomeId],
    });
    await closedRound(t.db, [
      [older, 'Hier begon het.'],
      [older, 'Het raakte ons.'],
    ]);
    const { outcomes } = await json(await coord.get(`/api/reports/${reportId}/outcomes`));
    expect(outcomes[0].storyIds).toBeNull();
    expect(outcomes[0].suggested).toEqual([older, newest]);
    expect(outcomes[0].candidates.find((c: any) => c.id === older).msc).toBe(true);
    expect(outcomes[0].candidates.map((c: any) => c.id)).not.toContain(w.teamStory);
    // Most Significant Change shows the story (printed once, in the stories), the round and every reason.
    const preview = await json(await coord.get(`/api/reports/${reportId}/preview`));
    const [sel] = preview.data.outcomes[0].msc.selections;
    expect(sel).toMatchObject({ storyId: older, domain: 'Meedoen', reasons: ['Hier begon het.', 'Het raakte ons.'], title: 'Oud verhaal' });
    expect(preview.html).toContain('Het gekozen verhaal, "Oud verhaal", staat eerder in deze rapportage.');
    expect(preview.html).toContain('<li>Het raakte ons.</li>');
  });

  it('shows a Most Significant Change selection under each outcome its story is tagged to, and under no other', async () => {
    const second = await addOutcome(t.db, w.projectId, 'Buren kennen elkaar');
    const story = (title: string, outcomeIds: number[]) =>
      addStory(t.db, { projectId: w.projectId, consent: 'report', title, body: 'Verteld in de buurtkamer.', happenedOn: '2026-03-01', outcomeIds });
    const both = await story('Bij beide', [w.outcomeId, second]);
    const firstOnly = await story('Alleen de eerste', [w.outcomeId]);
    await closedRound(t.db, [
      [firstOnly, 'Eerst gekozen.'],
      [both, 'Daarna gekozen.'],
    ]);
    const selected = (data: any, outcomeId: number) => data.outcomes.find((o: any) => o.id === outcomeId).msc.selections.map((m: any) => m.storyId);
    const preview = await json(await coord.get(`/api/reports/${reportId}/preview`));
    expect(selected(preview.data, w.outcomeId)).toEqual([firstOnly, both]);
    expect(selected(preview.data, second)).toEqual([both]);
    const { outcomes } = await json(await coord.get(`/api/reports/${reportId}/outcomes`));
    expect(outcomes.find((o: any) => o.outcomeId === second).suggested[0]).toBe(both);
    expect(outcomes.find((o: any) => o.outcomeId === second).candidates.map((c: any) => [c.id, c.msc])).toEqual([[both, true]]);
  });

  it('bad input per outcome is a 400 naming the field, and nothing is saved', async () => {
    const otherProject = await addProject(t.db, 'Elders');
    const foreign = await addOutcome(t.db, otherProject, 'Niet van ons');
    const before = await json(await coord.get(`/api/reports/${reportId}`));
    const cases: [unknown, string][] = [
      [[{ outcomeId: w.outcomeId, storyIds: [w.teamStory] }], 'perOutcome.0.storyIds'],
      [[{ outcomeId: w.outcomeId, storyIds: [] }, { outcomeId: foreign }], 'perOutcome.1.outcomeId'],
      [[{ outcomeId: w.outcomeId, narrative: doc({ type: 'image', attrs: { src: 'https://example.org/x.png' } }) }], 'perOutcome.0.narrative'],
      [
        [
          {
            outcomeId: w.outcomeId,
            narrative: doc({ type: 'paragraph', content: [{ type: 'text', text: 'klik', marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }] }] }),
          },
        ],
        'perOutcome.0.narrative',
      ],
    ];
    for (const [perOutcome, field] of cases) {
      const res = await coord.patch(`/api/reports/${reportId}`, { title: 'Zou niet mogen', perOutcome });
      const body = await json(res, 400);
      expect(
        body.error.details.map((d: any) => d.field),
        JSON.stringify(perOutcome),
      ).toContain(field);
    }
    // A new report with a bad choice is not created at all.
    const created = await coord.post('/api/reports', {
      title: 'Nieuw',
      audience: 'funder',
      periodFrom: '2026-01-01',
      periodTo: '2026-12-31',
      projectIds: [w.projectId],
      perOutcome: [{ outcomeId: w.outcomeId, storyIds: [w.teamStory] }],
    });
    expect((await json(created, 400)).error.details[0].field).toBe('perOutcome.0.storyIds');
    const after = await json(await coord.get(`/api/reports/${reportId}`));
    expect(after.report.title).toBe(before.report.title);
    expect(after.report.perOutcome).toEqual([]);
    expect(
      Number(
        (
          await t.db
            .selectFrom('reports')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    ).toBe(1);
  });

  it('says what publishing changes against the last version, and names what drops out', async () => {
    const empty = await addOutcome(t.db, w.projectId, 'Zonder cijfers');
    await t.db
      .insertInto('indicators')
      .values({
        projectId: w.projectId,
        outcomeId: null,
        name: 'Losse indicator',
        unit: 'count',
        measure: 'unit',
        periodicity: 'quarter',
        baselineValue: null,
        baselinePeriod: null,
      })
      .execute();
    const first = await json(await coord.get(`/api/reports/${reportId}/changes`));
    // Each named with its project, so two projects' outcomes of one title can be told apart.
    expect(first.changes).toMatchObject({
      lastVersion: null,
      outcomesWithoutIndicators: [{ id: empty, title: 'Zonder cijfers', projectName: 'Buurtkracht Noord' }],
      indicatorsWithoutOutcome: [expect.objectContaining({ name: 'Losse indicator', projectName: 'Buurtkracht Noord' })],
      textsChanged: [],
    });
    await json(await coord.post(`/api/reports/${reportId}/versions`), 201);
    await json(
      await coord.patch(`/api/reports/${reportId}`, {
        intro: doc(para('Een nieuwe inleiding.')),
        perOutcome: [{ outcomeId: w.outcomeId, storyIds: [w.reportStory], narrative: doc(para('Buren vinden elkaar.')) }],
      }),
    );
    await t.db.updateTable('indicatorValues').set({ value: 70 }).where('indicatorId', '=', w.indicatorId).where('period', '=', '2026-Q2').execute();
    const { changes } = await json(await coord.get(`/api/reports/${reportId}/changes`));
    expect(changes.lastVersion).toBe(1);
    expect(changes.storiesRemoved.map((s: any) => s.title)).toEqual(['Het buurtfeest']);
    expect(changes.storiesAdded).toEqual([]);
    expect(changes.figuresChanged).toEqual([
      { indicator: 'Deelnemers aan buurtactiviteiten', period: '2026-Q2', area: null, before: { target: 60, actual: 63 }, after: { target: 60, actual: 70 } },
    ]);
    // The coordinator's own words count as changes too.
    expect(changes.introChanged).toBe(true);
    expect(changes.textsChanged).toEqual([{ id: w.outcomeId, title: expect.any(String), projectName: 'Buurtkracht Noord' }]);
  });

  it('refuses a version that would say exactly what the last one says, and says so before publishing', async () => {
    await json(await coord.post(`/api/reports/${reportId}/versions`), 201);
    expect((await json(await coord.get(`/api/reports/${reportId}/changes`))).changes.unchanged).toBe(true);
    const again = await json(await coord.post(`/api/reports/${reportId}/versions`), 409);
    expect(again.error.message).toContain('Er is niets veranderd sinds versie 1');
    expect((await json(await coord.get(`/api/reports/${reportId}/versions`))).versions).toHaveLength(1);
    // Hours are no story, figure or text, but they change the report: publishing may go on.
    const worker = await t.as('worker');
    await t.db
      .insertInto('hours')
      .values({ projectId: w.projectId, userId: worker.id, date: '2026-05-04', hours: 3, phase: 'DOEN', activity: 'Buurtfeest' })
      .execute();
    const { changes } = await json(await coord.get(`/api/reports/${reportId}/changes`));
    expect(changes).toMatchObject({ unchanged: false, storiesAdded: [], storiesRemoved: [], figuresChanged: [], textsChanged: [] });
    expect((await json(await coord.post(`/api/reports/${reportId}/versions`), 201)).version.number).toBe(2);
  });

  it("a funder's list shows the latest published title and period, never the draft", async () => {
    const funder = await t.as('funder');
    await json(await coord.post(`/api/reports/${reportId}/shares`, { userId: funder.id }), 201);
    await json(await coord.post(`/api/reports/${reportId}/versions`), 201);
    await json(await coord.patch(`/api/reports/${reportId}`, { title: 'Concepttitel die nog niemand mag zien', periodTo: '2027-06-30' }));
    const { reports } = await json(await funder.get('/api/reports'));
    expect(reports).toEqual([expect.objectContaining({ id: reportId, title: 'Jaarverslag 2026', periodFrom: '2026-01-01', periodTo: '2026-12-31' })]);
    // Staff see the draft.
    const staff = await json(await coord.get('/api/reports'));
    expect(staff.reports[0].title).toBe('Concepttitel die nog niemand mag zien');
    // A second version publishes the new title.
    await json(await coord.post(`/api/reports/${reportId}/versions`), 201);
    expect((await json(await funder.get('/api/reports'))).reports[0]).toMatchObject({ title: 'Concepttitel die nog niemand mag zien', periodTo: '2027-06-30' });
  });

  it('explains the climate in plain words: a spread chart per half and one sentence reading the shift with its number of stories', async () => {
    // The catalogue's own line (migration 0005 seeds it): its plain sentence is written for it.
    const vid = (await t.db.selectFrom('climateVariables').select('id').where('key', '=', 'atmosphere').executeTakeFirstOrThrow()).id;
    for (let i = 0; i < 6; i++)
      await addStory(t.db, {
        projectId: w.projectId,
        consent: 'report',
        title: `Vroeg ${i}`,
        body: 'x',
        happenedOn: '2026-02-01',
        placements: { [vid]: 20 + i * 2 },
      });
    for (let i = 0; i < 5; i++)
      await addStory(t.db, { projectId: w.projectId, consent: 'report', title: `Laat ${i}`, body: 'x', happenedOn: '2026-10-01', placements: { [vid]: 80 } });
    const preview = await json(await coord.get(`/api/reports/${reportId}/preview`));
    const [v] = preview.data.climate.variables;
    expect(v.spread).toEqual({ first: [0, 6, 0, 0, 0], second: [0, 0, 0, 0, 5] });
    expect(preview.html).toContain('Hoe het voelt in de buurt: angst en wantrouwen (laag), of veilig en met vertrouwen in elkaar (hoog).');
    // One precision per line and sentence: '25,0 → 80,0', never '25' beside '78,9'.
    expect(preview.html).toContain('De grootste verschuiving is bij atmosfeer: de verhalen uit de tweede helft staan 55,0 punten hoger');
    expect(preview.html).toContain('Gemiddeld 25,0 (6) → 80,0 (5) (+55,0)');
    expect(preview.html).toContain('(6 verhalen in de eerste helft, 5 in de tweede)');
    expect(preview.html).toMatch(/<svg[^>]*class="chart spread"[^>]*role="img"/);
    const en = await json(await coord.get(`/api/reports/${reportId}/preview?lang=en`));
    expect(en.html).toContain('How the neighbourhood feels');
    expect(en.html).toContain('The largest shift is on atmosphere: stories from the second half sit 55.0 points higher');
    expect(en.html).toContain('Average 25.0 (6) → 80.0 (5) (+55.0)');
    // A half with too few stories: no bands for it, and (complementary) none for the other half either.
    await t.db
      .deleteFrom('storyPlacements')
      .where('storyId', 'in', t.db.selectFrom('stories').select('id').where('title', '=', 'Laat 0'))
      .execute();
    const fewer = await json(await coord.get(`/api/reports/${reportId}/preview`));
    expect(fewer.data.climate.variables[0].spread).toEqual({ first: null, second: null });
    // The whole period's figure stays: ten stories stand behind it.
    expect(fewer.data.climate.variables[0].all.n).toBe(10);
    expect(fewer.html).toContain(
      `Over de hele periode gemiddeld ${fewer.data.climate.variables[0].all.mean.toLocaleString('nl-NL', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} (10 verhalen). Per helft te weinig verhalen om te tonen (6 in de eerste helft, 4 in de tweede).`,
    );
  });
});
