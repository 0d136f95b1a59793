// The codes a resident holds (a link's short code, a story's receipt code) and the limits that keep
// them from being guessed or flooded.
import { beforeAll, describe, expect, it } from 'vitest';
import { ORIGIN, testApp, testEngine, type TestApp } from './helpers/app.js';
import { createApp, type App } from '../server/app.js';
import { defaultLimits } from '../server/env.js';
import { doc, heard, heardConsent, json, openLink, storyCount, submit, world, type World } from './helpers/stories-fixtures.js';

describe('short link codes', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await testApp({
      limits: { ...defaultLimits, loginPerAccount: 1000, loginPerAddress: 1000, publicPerAddress: 1000, publicPerLink: 1000, linkGuessesPerAddress: 5 },
    });
    w = await world(t);
  });
  const form = (code: string, address: string) =>
    t.anon.request('GET', `/api/public/links/${encodeURIComponent(code)}`, undefined, { 'x-forwarded-for': address });

  it('a new link has a short code without look-alikes, typed in any case, with or without dashes', async () => {
    const codes = new Set<string>();
    for (let i = 0; i < 30; i++) codes.add((await openLink(w.coordinator, w.projectA)).token);
    expect(codes.size).toBe(30);
    for (const code of codes) expect(code).not.toMatch(/[0O1IL2Z5S8BU]/);
    const link = await openLink(w.coordinator, w.projectA);
    const dashed = new URL(link.url).pathname.slice(3);
    expect(dashed).toMatch(/^[A-Z0-9]{3}-[A-Z0-9]{3}-[A-Z0-9]{3}$/);
    for (const typed of [dashed, link.token, dashed.toLowerCase(), `${link.token.slice(0, 4)} ${link.token.slice(4)}`]) {
      expect((await form(typed, '10.1.0.1')).status).toBe(200);
    }
    expect((await submit(t, dashed.toLowerCase(), {}, '10.1.0.1')).status).toBe(201);
    const story = await t.db.selectFrom('stories').select('linkId').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(story.linkId).toBe(link.id);
  });

  it('an older link with a long token keeps working', async () => {
    const old = await openLink(w.coordinator, w.projectA);
    const longToken = 'Abc_def-GhiJklMnoPqrStuv'; // as links were made before short codes
    await t.db.updateTable('publicLinks').set({ token: longToken }).where('id', '=', old.id).execute();
    expect((await form(longToken, '10.1.0.2')).status).toBe(200);
    expect((await form(longToken.toLowerCase(), '10.1.0.2')).status).toBe(404); // long tokens stay case-sensitive
    const listed = await json(await w.coordinator.get(`/api/projects/${w.projectA}/links`), 200);
    expect(listed.links.find((l: { id: number }) => l.id === old.id).url).toBe(`http://localhost/t/${longToken}`);
  });

  it('unknown codes answer 404 and count per address; past the limit every link answers 429 there', async () => {
    const link = await openLink(w.coordinator, w.projectA);
    const guesser = '10.2.0.1';
    for (let i = 0; i < 5; i++) expect((await form(`AAA-AAA-A${'CDEFG'[i]}A`, guesser)).status).toBe(404);
    const blocked = await form('AAA-AAA-AHA', guesser);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    // A real code from the same address now gets 429 too (guessing learns nothing), and so does sending.
    expect((await form(link.token, guesser)).status).toBe(429);
    expect((await submit(t, link.token, {}, guesser)).status).toBe(429);
    // Others are served; known codes never count.
    for (let i = 0; i < 8; i++) expect((await form(link.token, '10.2.0.2')).status).toBe(200);
    expect((await form('AAA-AAA-AAA', '10.2.0.2')).status).toBe(404);
  });
});

describe('receipt codes', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await testApp({
      limits: { ...defaultLimits, loginPerAccount: 1000, loginPerAddress: 1000, publicPerAddress: 1000, publicPerLink: 1000, receiptGuessesPerAddress: 4 },
    });
    w = await world(t);
  });
  const at = (app: App, method: string, path: string, address: string) =>
    app.request(ORIGIN + path, { method, headers: { 'x-forwarded-for': address, origin: ORIGIN } });

  it('unknown receipt codes count per address, across processes; past the limit every receipt answers 429 there', async () => {
    const link = await openLink(w.coordinator, w.projectA);
    const { receipt } = await json(await submit(t, link.token, {}, '10.3.0.9'), 201);
    // A second app on the same database stands for a second process: on PostgreSQL the count is
    // kept in the database, so guesses through either add up (SQLite runs one process only).
    const other = testEngine === 'postgres' ? createApp({ db: t.db, config: t.config, log: () => {} }) : t.app;
    const guesser = '10.3.0.1';
    const guess = (i: number) => `AAAA-BBBB-CC${'CDEFGH'[i]}C`;
    expect((await at(t.app, 'GET', `/api/public/receipts/${guess(0)}`, guesser)).status).toBe(404);
    expect((await at(other, 'GET', `/api/public/receipts/${guess(1)}`, guesser)).status).toBe(404);
    expect((await at(t.app, 'GET', `/api/public/receipts/${guess(2)}/copy.json`, guesser)).status).toBe(404);
    expect((await at(other, 'POST', `/api/public/receipts/${guess(3)}/withdraw`, guesser)).status).toBe(404);
    const blocked = await at(t.app, 'GET', `/api/public/receipts/${guess(4)}`, guesser);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    // The real receipt from that address now answers 429 too, in every process, and cannot be withdrawn from there.
    for (const app of [t.app, other]) expect((await at(app, 'GET', `/api/public/receipts/${receipt}`, guesser)).status).toBe(429);
    expect((await at(t.app, 'GET', `/api/public/receipts/${receipt}/copy.json`, guesser)).status).toBe(429);
    expect((await at(other, 'POST', `/api/public/receipts/${receipt}/withdraw`, guesser)).status).toBe(429);
    // The teller elsewhere reads it as often as they like: known codes never count.
    for (let i = 0; i < 6; i++) expect((await at(t.app, 'GET', `/api/public/receipts/${receipt}`, '10.3.0.2')).status).toBe(200);
    expect((await at(t.app, 'GET', `/api/public/receipts/${guess(5)}`, '10.3.0.2')).status).toBe(404);
    // Link guesses are counted apart: the blocked address still opens a story link.
    expect((await at(t.app, 'GET', `/api/public/links/${link.token}`, guesser)).status).toBe(200);
  });

  it('a story sent with a code another story holds counts as a receipt guess, so sending codes learns nothing either', async () => {
    const link = await openLink(w.coordinator, w.projectA);
    const { receipt } = await json(await submit(t, link.token, { body: doc('Het eerste verhaal.') }, '10.4.0.9'), 201);
    const prober = '10.4.0.1';
    for (let i = 0; i < 4; i++) {
      const answer = await json(await submit(t, link.token, { receipt, body: doc(`Een ander verhaal ${i}.`) }, prober), 201);
      expect(answer.receipt).not.toBe(receipt); // stored, under a code of its own
    }
    expect((await submit(t, link.token, { receipt, body: doc('Nog een.') }, prober)).status).toBe(429);
    expect((await at(t.app, 'GET', `/api/public/receipts/${receipt}`, prober)).status).toBe(429);
    // a story with a code nobody holds is no guess
    expect((await submit(t, link.token, { receipt: 'K7QF-2MZP-9XRA', body: doc('Vers.') }, '10.4.0.2')).status).toBe(201);
  });
});

describe('a new receipt code for a heard story', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await testApp();
    w = await world(t);
  });
  const read = (code: string) => t.anon.get(`/api/public/receipts/${code}`);

  it('the recorder or staff replace a lost code: the old one stops working, the new one reads the story; audited without the code', async () => {
    const res = await w.member.post('/api/stories', {
      projectId: w.projectA,
      title: 'Het bankje',
      body: doc('Het bankje staat er weer.'),
      source: 'heard',
      teller: { name: 'Fatima' },
      consent: heardConsent,
    });
    const { story, receipt: first } = await json(res, 201);
    expect((await json(await w.member.get(`/api/stories/${story.id}`), 200)).story.canReissueReceipt).toBe(true);
    expect((await json(await w.coordinator.get(`/api/stories/${story.id}`), 200)).story.canReissueReceipt).toBe(true);

    const again = await json(await w.member.post(`/api/stories/${story.id}/receipt`), 200);
    expect(again.receipt).toMatch(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
    expect(again.receipt).not.toBe(first);
    expect(again.receiptUrl).toBe(`/r/${again.receipt}`);
    expect((await read(first)).status).toBe(404);
    expect((await json(await read(again.receipt), 200)).story.title).toBe('Het bankje');
    const byCoordinator = await json(await w.coordinator.post(`/api/stories/${story.id}/receipt`), 200);
    expect((await read(again.receipt)).status).toBe(404);
    expect((await read(byCoordinator.receipt)).status).toBe(200);
    const audits = await t.db.selectFrom('auditLog').selectAll().where('action', '=', 'story.receipt.reissue').execute();
    expect(audits).toHaveLength(2);
    expect(JSON.stringify(audits)).not.toContain(byCoordinator.receipt.replace(/-/g, ''));
    expect(JSON.stringify(audits)).not.toContain(byCoordinator.receipt);
  });

  it('nobody else may, and never for a story the resident sent, a practice story or a withdrawn one', async () => {
    const reissues = () => t.db.selectFrom('auditLog').select('id').where('action', '=', 'story.receipt.reissue').execute();
    const before = (await reissues()).length;
    const colleague = await t.as('worker');
    await json(await w.admin.put(`/api/projects/${w.projectA}/members`, { userIds: [w.member.id, colleague.id] }), 200);
    const story = await heard(w.member, w.projectA);
    expect((await json(await colleague.get(`/api/stories/${story.id}`), 200)).story.canReissueReceipt).toBe(false);
    expect((await colleague.post(`/api/stories/${story.id}/receipt`)).status).toBe(403);
    expect((await w.other.post(`/api/stories/${story.id}/receipt`)).status).toBe(404);
    expect((await w.funder.post(`/api/stories/${story.id}/receipt`)).status).toBe(403);
    expect((await t.anon.post(`/api/stories/${story.id}/receipt`)).status).toBe(401);

    const link = await openLink(w.coordinator, w.projectA);
    const { receipt } = await json(await submit(t, link.token, { title: 'Zelf gestuurd' }), 201);
    const sent = await t.db.selectFrom('stories').select('id').where('title', '=', 'Zelf gestuurd').executeTakeFirstOrThrow();
    expect((await json(await w.coordinator.get(`/api/stories/${sent.id}`), 200)).story.canReissueReceipt).toBe(false);
    expect((await w.coordinator.post(`/api/stories/${sent.id}/receipt`)).status).toBe(409);
    expect((await read(receipt)).status).toBe(200); // the resident's own code still works

    const practice = await heard(w.member, w.projectA, { source: 'practice', teller: undefined });
    expect((await w.member.post(`/api/stories/${practice.id}/receipt`)).status).toBe(409);

    await json(
      await w.coordinator.post(`/api/stories/${story.id}/consent`, { withdraw: true, reason: 'De verteller belde', channel: 'spoken', givenBy: 'teller' }),
      200,
    );
    expect((await json(await w.member.get(`/api/stories/${story.id}`), 200)).story.canReissueReceipt).toBe(false);
    expect((await w.member.post(`/api/stories/${story.id}/receipt`)).status).toBe(409);
    expect(await reissues()).toHaveLength(before); // nothing refused was done
  });
});

describe('public rate limits', () => {
  it('a flood from one address gets 429s while another address still gets through', async () => {
    const t = await testApp();
    t.config.limits.publicPerAddress = 5;
    t.config.limits.publicPerLink = 1000;
    const w = await world(t);
    const { token } = await openLink(w.admin, w.projectA);
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await submit(t, token, {}, '203.0.113.7')).status);
    expect(statuses.slice(0, 5)).toEqual([201, 201, 201, 201, 201]);
    expect(statuses.slice(5)).toEqual([429, 429, 429]);
    expect((await t.anon.request('GET', `/api/public/links/${token}`, undefined, { 'x-forwarded-for': '203.0.113.7' })).status).toBe(429);
    expect((await t.anon.request('GET', '/api/public/receipts/AAAA-BBBB-CCCC', undefined, { 'x-forwarded-for': '203.0.113.7' })).status).toBe(429);
    expect((await submit(t, token, {}, '198.51.100.9')).status).toBe(201);
    expect(await storyCount(t)).toBe(6);
    // malformed floods count too
    const bad: number[] = [];
    for (let i = 0; i < 6; i++) bad.push((await submit(t, token, { title: '' }, '198.51.100.10')).status);
    expect(bad).toEqual([400, 400, 400, 400, 400, 429]);
  });

  it('a flood at one link gets 429s while another link still gets through', async () => {
    const t = await testApp();
    t.config.limits.publicPerAddress = 1000;
    t.config.limits.publicPerLink = 4;
    const w = await world(t);
    const flooded = await openLink(w.admin, w.projectA);
    const quiet = await openLink(w.admin, w.projectA);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await submit(t, flooded.token, {}, `192.0.2.${i + 1}`)).status);
    expect(statuses).toEqual([201, 201, 201, 201, 429, 429]);
    expect((await submit(t, quiet.token, {}, '192.0.2.99')).status).toBe(201);
    expect((await t.anon.request('GET', `/api/public/links/${quiet.token}`, undefined, { 'x-forwarded-for': '192.0.2.100' })).status).toBe(200);
  });
});
