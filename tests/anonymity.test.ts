// "Anonymous means anonymous": a story with consent 'report' reaches readers beyond the team only
// in its reviewed report version, on every surface — report JSON and page (nl and en), read link,
// CSV, IATI, Most Significant Change round detail and candidates, and the teller's receipt page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type Client, type TestApp } from './helpers/app.js';
import { doc, json, world, type World } from './helpers/stories-fixtures.js';

const IDENTIFYING = ['Yilmaz', 'Dapperstraat 12', '1093 BV', '06-12345678'];
const TOLD =
  'Mevrouw Yilmaz woont op de Dapperstraat 12, 1093 BV. Bel haar gerust op 06-12345678. Na de dood van haar man begon ze een moestuin voor de hele straat.';
const REVIEWED = 'Een bewoonster begon na een verlies een moestuin voor de hele straat.';
const REVIEWED_AGAIN = 'Een bewoonster begon een moestuin; nu oogst de straat samen.';

type Surfaces = Record<string, string>;
/** The CSV holds numbers only: how many stories it counts for the outcome. */
const csvStories = (csv: string | undefined) =>
  Number(
    csv!
      .split('\n')
      .find((l) => l.startsWith('outcome stories'))!
      .split(',')[9],
  );

describe('anonymous means anonymous: every surface shows only the reviewed version', () => {
  let t: TestApp;
  let w: World;
  let storyId: number;
  let receipt: string;
  let reportId: number;
  let roundId: number;
  let linkToken: string;

  /** Everything readers beyond the team (and the teller) get, as text, for the latest published version. */
  async function surfaces(): Promise<Surfaces> {
    const { versions } = await json(await w.funder.get(`/api/reports/${reportId}/versions`), 200);
    const n = Math.max(...versions.map((v: { number: number }) => v.number));
    const text = async (c: Client, path: string) => {
      const res = await c.get(path);
      expect(res.status, path).toBe(200);
      return res.text();
    };
    return {
      json: await text(w.funder, `/api/reports/${reportId}/versions/${n}`),
      pageNl: await text(w.funder, `/reports/${reportId}/versions/${n}?lang=nl`),
      pageEn: await text(w.funder, `/reports/${reportId}/versions/${n}?lang=en`),
      readLink: await text(t.anon, `/reports/shared/${linkToken}`),
      csv: await text(w.funder, `/api/reports/${reportId}/versions/${n}/export.csv`),
      iati: await text(w.funder, `/api/reports/${reportId}/versions/${n}/iati.xml`),
      mscRound: await text(w.funder, `/api/msc-rounds/${roundId}`),
      // the teller's own page shows their own text too; what reports show is its reportVersion
      receipt: JSON.stringify(JSON.parse(await text(t.anon, `/api/public/receipts/${receipt}`)).story.reportVersion),
    };
  }

  const expectNone = (s: Surfaces, words: string[]) => {
    for (const [surface, body] of Object.entries(s)) for (const word of words) expect(body, `${surface} shows "${word}"`).not.toContain(word);
  };
  const expectAll = (s: Surfaces, word: string, except: string[] = []) => {
    for (const [surface, body] of Object.entries(s)) if (!except.includes(surface)) expect(body, `${surface} lacks "${word}"`).toContain(word);
  };
  const candidates = async (c: Client) =>
    (await json(await c.get(`/api/msc-rounds/${roundId}`), 200)).candidates as {
      id: number;
      title: string;
      bodyHtml: string;
      date: string;
      happenedOn: string | null;
    }[];
  const review = async (c: Client, title: string, text: string) => {
    const r = await json(await c.get(`/api/stories/${storyId}/review`), 200);
    return c.put(`/api/stories/${storyId}/review`, { title, body: doc(text), storyHash: r.story.textHash });
  };
  const publish = async () => json(await w.coordinator.post(`/api/reports/${reportId}/versions`), 201);

  beforeAll(async () => {
    t = await testApp();
    w = await world(t);
    const outcome = await t.db
      .insertInto('outcomes')
      .values({ projectId: w.projectA, level: 'outcome', title: 'Buren kennen elkaar' })
      .returning('id')
      .executeTakeFirstOrThrow();
    // a worker records the story as heard, with consent "in reports, anonymous"
    const res = await w.member.post('/api/stories', {
      projectId: w.projectA,
      title: 'De moestuin van mevrouw Yilmaz',
      body: doc(TOLD),
      happenedOn: '2026-03-14',
      phase: 'DOEN',
      source: 'heard',
      teller: { name: 'Ayşe Yilmaz' },
      consent: { level: 'report', channel: 'spoken', givenBy: 'teller' },
    });
    const created = await json(res, 201);
    storyId = created.story.id;
    receipt = created.receipt;
    expect(receipt).toMatch(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
    await t.db.insertInto('storyOutcomes').values({ storyId, outcomeId: outcome.id, note: 'Samen tuinieren' }).execute();

    reportId = (
      await json(
        await w.coordinator.post('/api/reports', {
          title: 'Verslag 2026',
          audience: 'funder',
          periodFrom: '2026-01-01',
          periodTo: '2026-12-31',
          projectIds: [w.projectA],
          sections: ['indicators', 'stories', 'msc', 'phases'],
        }),
        201,
      )
    ).report.id;
    await json(await w.coordinator.post(`/api/reports/${reportId}/shares`, { userId: w.funder.id }), 201);
    linkToken = (
      await json(await w.coordinator.post(`/api/reports/${reportId}/links`, { expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString() }), 201)
    ).link.token;
    roundId = (
      await json(
        await w.coordinator.post('/api/msc-rounds', {
          domain: 'Meedoen',
          periodFrom: '2026-01-01',
          periodTo: '2026-12-31',
          projectIds: [w.projectA],
          panelUserIds: [w.funder.id, w.coordinator.id],
        }),
        201,
      )
    ).round.id;
  });
  afterAll(async () => t.close());

  it('before review: the story is in no surface, and the report editor lists it as waiting', async () => {
    await publish();
    const s = await surfaces();
    expectNone(s, [...IDENTIFYING, 'moestuin']);
    expect(await candidates(w.funder)).toEqual([]);
    expect(s.receipt).toBe('null');
    expect(csvStories(s.csv)).toBe(0);
    const waiting = await json(await w.coordinator.get(`/api/reports/${reportId}/awaiting-review`), 200);
    expect(waiting).toEqual({ count: 1, stories: [expect.objectContaining({ id: storyId, title: 'De moestuin van mevrouw Yilmaz', stale: false })] });
    // a panel of staff only may see it as it is; one with a funder on it does not (above)
    const inside = (
      await json(
        await w.coordinator.post('/api/msc-rounds', {
          domain: 'Binnen',
          periodFrom: '2026-01-01',
          periodTo: '2026-12-31',
          projectIds: [w.projectA],
          panelUserIds: [w.coordinator.id, w.admin.id],
        }),
        201,
      )
    ).round.id;
    expect((await json(await w.admin.get(`/api/msc-rounds/${inside}`), 200)).candidates.map((c: { id: number }) => c.id)).toEqual([storyId]);
  });

  it('the review page marks what identifies; after review only the reviewed text is shown, everywhere', async () => {
    const page = await json(await w.member.get(`/api/stories/${storyId}/review`), 200);
    const kinds = page.findings.text.map((f: { kind: string; text: string }) => `${f.kind}:${f.text}`);
    expect(kinds).toEqual(expect.arrayContaining(['name:Mevrouw Yilmaz', 'address:Dapperstraat 12', 'postcode:1093 BV', 'phone:06-12345678']));
    expect(page.review).toBeNull();

    const saved = await json(await review(w.member, 'De moestuin', REVIEWED), 200);
    expect(saved.review).toMatchObject({ title: 'De moestuin', bodyText: REVIEWED, current: true, reviewedBy: { id: w.member.id } });
    const log = await t.db.selectFrom('auditLog').selectAll().where('action', '=', 'story.review').execute();
    expect(log).toHaveLength(1);
    expect(JSON.parse(log[0]!.details!)).toMatchObject({ hash: saved.review.textHash });
    expect(log[0]!.details).not.toContain('Yilmaz');

    await publish();
    const s = await surfaces();
    expectNone(s, IDENTIFYING);
    expectAll(s, 'Een bewoonster begon na een verlies een moestuin', ['mscRound', 'csv']);
    expect(csvStories(s.csv)).toBe(1);
    // the receipt page shows the teller's own text beside the reviewed one
    const r = (await json(await t.anon.get(`/api/public/receipts/${receipt}`), 200)).story;
    expect(r.bodyHtml).toContain('Mevrouw Yilmaz');
    expect(r.reportVersion).toEqual({ title: 'De moestuin', bodyHtml: `<p>${REVIEWED}</p>` });
    // MSC: the funder reads the reviewed version, dated to the month only; staff see the day
    const [c] = await candidates(w.funder);
    expect(c).toMatchObject({ id: storyId, title: 'De moestuin', bodyHtml: `<p>${REVIEWED}</p>`, date: '2026-03', happenedOn: null, tellerName: null });
    expect((await candidates(w.coordinator))[0]).toMatchObject({ date: '2026-03-14' });
    expect((await json(await w.coordinator.get(`/api/reports/${reportId}/awaiting-review`), 200)).count).toBe(0);
  });

  it('a text edit after review takes it out of every surface until it is reviewed again', async () => {
    await json(await w.member.patch(`/api/stories/${storyId}`, { body: doc(`${TOLD} Inmiddels oogst de straat samen.`) }), 200);
    const s = await surfaces(); // the version published after the review, served now
    expectNone(s, [...IDENTIFYING, REVIEWED]);
    expect(JSON.parse(s.json!).version.withdrawnStories).toBe(1);
    // The placeholder is truthful: the teller withdrew nothing, so no page says they did.
    for (const page of [s.pageNl!, s.readLink!]) {
      expect(page).toContain('Dit verhaal staat hier nu niet.');
      expect(page).not.toMatch(/teruggetrokken/i);
    }
    expect(s.pageEn).toContain('This story is not shown here now.');
    expect(s.pageEn).not.toMatch(/withdrawn by/i);
    expect(csvStories(s.csv)).toBe(0);
    expect(await candidates(w.funder)).toEqual([]);
    expect(s.receipt).toBe('null');
    expect((await json(await w.coordinator.get(`/api/reports/${reportId}/awaiting-review`), 200)).stories).toEqual([
      expect.objectContaining({ id: storyId, stale: true }),
    ]);
    const again = await json(await w.member.get(`/api/stories/${storyId}/review`), 200);
    expect(again.review).toMatchObject({ current: false });

    await json(await review(w.coordinator, 'De moestuin', REVIEWED_AGAIN), 200);
    const back = await surfaces(); // the same published version now shows the text reviewed now
    expectAll(back, 'nu oogst de straat samen', ['mscRound', 'csv']);
    expect(csvStories(back.csv)).toBe(1);
    expectNone(back, [...IDENTIFYING, REVIEWED]);
    expect((await candidates(w.funder))[0]).toMatchObject({ bodyHtml: `<p>${REVIEWED_AGAIN}</p>` });
  });

  it('a text change written outside the app makes the review stale too, and changing it back needs a new review', async () => {
    const { title, bodyText, textRev } = await t.db
      .selectFrom('stories')
      .select(['title', 'bodyText', 'textRev'])
      .where('id', '=', storyId)
      .executeTakeFirstOrThrow();
    const setText = (text: string) => t.db.updateTable('stories').set({ bodyText: text }).where('id', '=', storyId).execute();
    await setText(`${bodyText} Dapperstraat 12.`);
    const awaiting = async () => (await json(await w.coordinator.get(`/api/reports/${reportId}/awaiting-review`), 200)).count;
    expect(await awaiting()).toBe(1);
    expect(csvStories((await surfaces()).csv)).toBe(0);
    // back to the reviewed text: still stale, since nobody reviewed what the story said in between
    await setText(bodyText);
    expect(await awaiting()).toBe(1);
    expect(await candidates(w.funder)).toEqual([]);
    // a write that leaves title and text as they are is no change
    await t.db.updateTable('stories').set({ title, bodyText }).where('id', '=', storyId).execute();
    const after = await t.db.selectFrom('stories').select('textRev').where('id', '=', storyId).executeTakeFirstOrThrow();
    expect(after.textRev).toBe(textRev + 2);
    await json(await review(w.coordinator, 'De moestuin', REVIEWED_AGAIN), 200);
    expect(await awaiting()).toBe(0);
    expect((await candidates(w.funder))[0]).toMatchObject({ bodyHtml: `<p>${REVIEWED_AGAIN}</p>` });
  });

  it('a version published before reviews existed follows the same rule when served', async () => {
    // such a version froze the story's own text, without a review hash
    const story = await t.db.selectFrom('stories').select(['title', 'bodyHtml', 'bodyText']).where('id', '=', storyId).executeTakeFirstOrThrow();
    const latest = await t.db.selectFrom('reportVersions').selectAll().where('reportId', '=', reportId).orderBy('number', 'desc').executeTakeFirstOrThrow();
    const data = JSON.parse(latest.dataJson);
    for (const o of data.outcomes)
      o.stories = o.stories.map((s: { id: number }) =>
        s.id === storyId ? { ...s, title: story.title, bodyHtml: story.bodyHtml, text: story.bodyText, reviewHash: undefined } : s,
      );
    const html = latest.html.replace(/<!--story:(\d+):full-->[\s\S]*?<!--\/story:\1:full-->/, (m) => m.replace(/<p>[\s\S]*?<\/p>/, story.bodyHtml));
    expect(html).toContain('Dapperstraat 12');
    await t.db
      .insertInto('reportVersions')
      .values({
        reportId,
        number: latest.number + 1,
        dataJson: JSON.stringify(data),
        html,
        publishedBy: w.coordinator.id,
        publishedAt: new Date().toISOString(),
      })
      .execute();
    const v = await t.db
      .selectFrom('reportVersions')
      .select('id')
      .where('reportId', '=', reportId)
      .where('number', '=', latest.number + 1)
      .executeTakeFirstOrThrow();
    await t.db.insertInto('reportVersionStories').values({ versionId: v.id, storyId }).execute();
    const s = await surfaces();
    expectNone(s, IDENTIFYING);
    expectAll(s, 'nu oogst de straat samen', ['mscRound', 'csv']);
  });

  it('bad input: not visible 404, funders 403, empty version 400, a changed story 409, nothing half-saved', async () => {
    const before = await t.db.selectFrom('storyReviews').selectAll().where('storyId', '=', storyId).executeTakeFirstOrThrow();
    const audits = async () => (await t.db.selectFrom('auditLog').select('id').where('action', '=', 'story.review').execute()).length;
    const n = await audits();
    expect((await w.other.get(`/api/stories/${storyId}/review`)).status).toBe(404);
    expect(
      (await review(w.admin, 'x', 'y').then(() => w.other.put(`/api/stories/${storyId}/review`, { title: 'x', body: doc('y'), storyHash: 'a'.repeat(64) })))
        .status,
    ).toBe(404);
    expect((await w.funder.get(`/api/stories/${storyId}/review`)).status).toBe(403);
    expect((await t.anon.get(`/api/stories/${storyId}/review`)).status).toBe(401);
    expect((await w.coordinator.get('/api/stories/99999/review')).status).toBe(404);
    const { story } = await json(await w.coordinator.get(`/api/stories/${storyId}/review`), 200);
    const empty = await w.coordinator.put(`/api/stories/${storyId}/review`, { title: 'De moestuin', body: doc('   '), storyHash: story.textHash });
    expect(empty.status).toBe(400);
    expect((await empty.json()).error.details[0].field).toBe('body');
    expect((await w.coordinator.put(`/api/stories/${storyId}/review`, { title: '  ', body: doc('tekst'), storyHash: story.textHash })).status).toBe(400);
    expect(
      (
        await w.coordinator.put(`/api/stories/${storyId}/review`, {
          title: 'x',
          body: { type: 'doc', content: [{ type: 'image' }] },
          storyHash: story.textHash,
        })
      ).status,
    ).toBe(400);
    expect((await w.coordinator.put(`/api/stories/${storyId}/review`, { title: 'x', body: doc('y'), storyHash: 'b'.repeat(64) })).status).toBe(409);
    expect((await w.coordinator.put(`/api/stories/${storyId}/review`, { title: 'x', body: doc('y') })).status).toBe(400);
    // the admin's review above is the only one that went through
    const after = await t.db.selectFrom('storyReviews').selectAll().where('storyId', '=', storyId).executeTakeFirstOrThrow();
    expect(after.bodyText).toBe('y');
    expect(after.textHash).not.toBe(before.textHash);
    expect(await audits()).toBe(n + 1);
  });

  it('widening consent: only the recorder or staff record it, audited', async () => {
    const narrow = await json(
      await w.member.post('/api/stories', {
        projectId: w.projectA,
        title: 'Binnen',
        body: doc('Alleen voor het team.'),
        source: 'heard',
        consent: { level: 'team', channel: 'spoken', givenBy: 'teller' },
      }),
      201,
    );
    const id = narrow.story.id;
    const colleague = await t.as('worker');
    await json(await w.admin.put(`/api/projects/${w.projectA}/members`, { userIds: [w.member.id, colleague.id] }), 200);
    const widen = { level: 'report', channel: 'spoken', givenBy: 'teller' };
    expect((await colleague.post(`/api/stories/${id}/consent`, widen)).status).toBe(403);
    expect((await t.db.selectFrom('stories').select('consent').where('id', '=', id).executeTakeFirstOrThrow()).consent).toBe('team');
    await json(await w.member.post(`/api/stories/${id}/consent`, widen), 200);
    await json(await w.coordinator.post(`/api/stories/${id}/consent`, { ...widen, level: 'public', tellerName: 'Buurman Kees' }), 200);
    const log = await t.db.selectFrom('auditLog').selectAll().where('action', '=', 'story.consent').where('targetId', '=', String(id)).orderBy('id').execute();
    expect(log.map((l) => [l.actorUserId, JSON.parse(l.details!).widened])).toEqual([
      [w.member.id, true],
      [w.coordinator.id, true],
    ]);
    // narrowing stays open to any worker of the project
    await json(await colleague.post(`/api/stories/${id}/consent`, { level: 'report', channel: 'spoken', givenBy: 'worker' }), 200);
  });
});
