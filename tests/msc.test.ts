// Most Significant Change rounds: candidates, anonymised picks, independent choices, feedback to the teller.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { selectionsForStory } from '../db/repositories/sensemaking.js';
import { newReceiptCode } from '../db/domain/receipt-codes.js';
import { receiptHash } from '../db/repositories/stories.js';
import { testApp, type Client, type TestApp } from './helpers/app.js';
import { makeProject, makeStory } from './helpers/sensemaking-fixtures.js';
import { json } from './helpers/stories-fixtures.js';

let t: TestApp;
beforeEach(async () => {
  t = await testApp();
});
afterEach(async () => t.close());

describe('Most Significant Change', () => {
  it('runs a round: candidates, anonymised picks, close, 409 after close, feedback to the receipt', async () => {
    const coord = await t.as('coordinator');
    const panelist = await t.as('worker');
    const funderPanelist = await t.as('funder');
    const outsider = await t.as('worker');
    const p = await makeProject(t.db, 'Buurtkamer', [panelist.id]);
    const other = await makeProject(t.db, 'Ander');
    const reportStory = await makeStory(t.db, { projectId: p, consent: 'report', tellerName: 'Fatima', title: 'Groeten', happenedOn: '2026-02-01' });
    const publicStory = await makeStory(t.db, { projectId: p, consent: 'public', tellerName: 'Henk', title: 'Feest', happenedOn: '2026-03-01' });
    const teamStory = await makeStory(t.db, { projectId: p, consent: 'team', title: 'Alleen team', happenedOn: '2026-02-02' });
    const withdrawn = await makeStory(t.db, { projectId: p, consent: 'public', withdrawn: true, title: 'Ingetrokken', happenedOn: '2026-02-03' });
    const late = await makeStory(t.db, { projectId: p, consent: 'public', title: 'Te laat', happenedOn: '2026-07-01' });
    const elsewhere = await makeStory(t.db, { projectId: other, consent: 'public', title: 'Elders', happenedOn: '2026-02-04' });

    const created = await json(
      await coord.post('/api/msc-rounds', {
        domain: 'Meedoen in de buurt',
        periodFrom: '2026-01-01',
        periodTo: '2026-03-31',
        projectIds: [p],
        panelUserIds: [panelist.id, funderPanelist.id],
      }),
      201,
    );
    const id = created.round.id;
    expect(created.round).toMatchObject({
      status: 'open',
      projects: [{ id: p }],
      panel: expect.arrayContaining([expect.objectContaining({ id: panelist.id })]),
    });

    const view = await json(await panelist.get(`/api/msc-rounds/${id}`));
    expect(view.candidates.map((c: any) => c.id)).toEqual([reportStory, publicStory]);
    for (const excluded of [teamStory, withdrawn, late, elsewhere]) expect(view.candidates.map((c: any) => c.id)).not.toContain(excluded);
    expect(view.candidates[0]).toMatchObject({ title: 'Groeten', tellerName: null });
    expect(view.candidates[1]).toMatchObject({ title: 'Feest', tellerName: 'Henk' });
    expect((await json(await funderPanelist.get('/api/msc-rounds'))).rounds.map((r: any) => r.id)).toEqual([id]);
    expect((await json(await outsider.get('/api/msc-rounds'))).rounds).toEqual([]);
    expect((await outsider.get(`/api/msc-rounds/${id}`)).status).toBe(404);

    expect((await panelist.post(`/api/msc-rounds/${id}/picks`, { storyId: teamStory, reason: 'x' })).status).toBe(400);
    expect((await panelist.post(`/api/msc-rounds/${id}/picks`, { storyId: reportStory, reason: '' })).status).toBe(400);
    expect((await coord.post(`/api/msc-rounds/${id}/picks`, { storyId: reportStory, reason: 'niet in panel' })).status).toBe(403);
    await json(await panelist.post(`/api/msc-rounds/${id}/picks`, { storyId: publicStory, reason: 'eerste keuze' }));
    await json(await panelist.post(`/api/msc-rounds/${id}/picks`, { storyId: reportStory, reason: 'Mensen groeten elkaar weer' }));
    // Independent choices first: the funder has not picked yet and sees nothing of the worker's pick.
    const before = await json(await funderPanelist.get(`/api/msc-rounds/${id}`));
    expect(before).toMatchObject({ picks: [], picksHidden: true, myPick: null, pickedBy: [expect.objectContaining({ userId: panelist.id })] });
    expect(JSON.stringify(before)).not.toContain('Mensen groeten elkaar weer');
    await json(await funderPanelist.post(`/api/msc-rounds/${id}/picks`, { storyId: reportStory, reason: 'Vertrouwen groeit' }));
    const after = await json(await funderPanelist.get(`/api/msc-rounds/${id}`));
    expect(after.picks.map((p: any) => p.reason).sort()).toEqual(['Mensen groeten elkaar weer', 'Vertrouwen groeit']);
    expect(after.picksHidden).toBe(false);
    // Staff off the panel follow who has picked, not what, until the round closes.
    const picked = await json(await coord.get(`/api/msc-rounds/${id}`));
    expect(picked.pickedBy).toHaveLength(2); // one pick per member; the first was changed
    expect(picked).toMatchObject({ picks: [], picksHidden: true });
    expect((await panelist.post(`/api/msc-rounds/${id}/close`)).status).toBe(403);
    expect((await coord.post(`/api/msc-rounds/${id}/feedback`)).status).toBe(409);

    const closed = await json(await coord.post(`/api/msc-rounds/${id}/close`));
    expect(closed.round.status).toBe('closed');
    expect(closed.selections).toEqual([
      {
        storyId: reportStory,
        title: 'Groeten',
        hidden: false,
        reasons: expect.arrayContaining([
          expect.objectContaining({ reason: 'Mensen groeten elkaar weer' }),
          expect.objectContaining({ reason: 'Vertrouwen groeit' }),
        ]),
      },
    ]);
    expect((await panelist.post(`/api/msc-rounds/${id}/picks`, { storyId: publicStory, reason: 'te laat' })).status).toBe(409);
    expect((await coord.post(`/api/msc-rounds/${id}/close`)).status).toBe(409);

    expect(await selectionsForStory(t.db, reportStory)).toEqual([]); // not yet fed back
    const fed = await json(await coord.post(`/api/msc-rounds/${id}/feedback`));
    expect(fed.round.fedBackAt).toBeTruthy();
    const receipt = await selectionsForStory(t.db, reportStory);
    expect(receipt).toEqual([
      expect.objectContaining({ roundId: id, domain: 'Meedoen in de buurt', reasons: ['Mensen groeten elkaar weer', 'Vertrouwen groeit'] }),
    ]);
    // the teller reads it on their receipt page
    const code = newReceiptCode();
    await t.db
      .updateTable('stories')
      .set({ receiptHash: receiptHash(code) })
      .where('id', '=', reportStory)
      .execute();
    const page = await json(await t.anon.get(`/api/public/receipts/${code}`));
    // One entry per round: the domain, the panel by role (never names), and every reason.
    expect(page.story.feedback).toEqual([
      { domain: 'Meedoen in de buurt', panel: ['worker', 'funder'], reasons: ['Mensen groeten elkaar weer', 'Vertrouwen groeit'], at: fed.round.fedBackAt },
    ]);
    expect(JSON.stringify(page.story.feedback)).not.toMatch(/worker \d|funder \d/);
  });
});

describe('Most Significant Change: independent choices first', () => {
  it('the API shows the others’ picks to a panel member only after their own pick or once the round closed, per role', async () => {
    const [admin, coord, panelCoord, panelWorker, panelFunder, slowWorker] = [
      await t.as('admin'),
      await t.as('coordinator'),
      await t.as('coordinator'),
      await t.as('worker'),
      await t.as('funder'),
      await t.as('worker'),
    ];
    const p = await makeProject(t.db, 'Buurtkamer', [panelWorker.id, slowWorker.id]);
    const a = await makeStory(t.db, { projectId: p, consent: 'public', title: 'Feest', happenedOn: '2026-02-01' });
    const b = await makeStory(t.db, { projectId: p, consent: 'public', title: 'Bankje', happenedOn: '2026-02-02' });
    const panel = [panelCoord, panelWorker, panelFunder, slowWorker];
    const { round } = await json(
      await coord.post('/api/msc-rounds', {
        domain: 'Meedoen',
        periodFrom: '2026-01-01',
        periodTo: '2026-03-31',
        projectIds: [p],
        panelUserIds: panel.map((x) => x.id),
      }),
      201,
    );
    const view = async (c: Client) => json(await c.get(`/api/msc-rounds/${round.id}`));
    const reasons = (v: any) => v.picks.map((x: any) => x.reason).sort();

    await json(await panelWorker.post(`/api/msc-rounds/${round.id}/picks`, { storyId: a, reason: 'Iedereen deed mee' }));
    // Before their own pick, no panel member of any role sees it; the one who picked sees only their own.
    for (const member of [panelCoord, panelFunder, slowWorker])
      expect(await view(member)).toMatchObject({ picks: [], picksHidden: true, pickedBy: [expect.objectContaining({ userId: panelWorker.id })] });
    expect(reasons(await view(panelWorker))).toEqual(['Iedereen deed mee']);
    // Staff off the panel (coordinator, admin) see who picked, not what.
    for (const staffer of [coord, admin])
      expect(await view(staffer)).toMatchObject({ picks: [], picksHidden: true, pickedBy: [expect.objectContaining({ userId: panelWorker.id })] });

    await json(await panelCoord.post(`/api/msc-rounds/${round.id}/picks`, { storyId: b, reason: 'Een plek om te zitten' }));
    expect(reasons(await view(panelCoord))).toEqual(['Een plek om te zitten', 'Iedereen deed mee']);
    expect(reasons(await view(panelWorker))).toEqual(['Een plek om te zitten', 'Iedereen deed mee']);
    await json(await panelFunder.post(`/api/msc-rounds/${round.id}/picks`, { storyId: a, reason: 'Meer mensen kennen elkaar' }));
    expect((await view(panelFunder)).picks).toHaveLength(3);
    expect(await view(slowWorker)).toMatchObject({ picks: [], picksHidden: true });

    // Once the round closes everyone who may read it sees every pick, picked or not.
    await json(await coord.post(`/api/msc-rounds/${round.id}/close`));
    for (const reader of [slowWorker, coord, admin])
      expect(await view(reader)).toMatchObject({
        picksHidden: false,
        picks: expect.arrayContaining([expect.objectContaining({ reason: 'Iedereen deed mee' })]),
      });
  });
});
