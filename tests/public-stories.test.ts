// Submission links and what a resident does through one: tell a story, read it back, withdraw it.
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { receiptHash } from '../db/repositories/stories.js';
import { testApp, type TestApp } from './helpers/app.js';
import { climate, doc, json, openLink, storyCount, submit, world, type World } from './helpers/stories-fixtures.js';

describe('submission links', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await testApp();
    w = await world(t);
  });

  it('coordinators create, list, close and reopen links; the project’s workers read them and set their question', async () => {
    const link = await openLink(w.coordinator, w.projectA, { label: 'Poster buurthuis' });
    expect(link).toMatchObject({ projectId: w.projectA, label: 'Poster buurthuis', status: 'open', closedAt: null, expiresAt: null });
    expect(link.token).toMatch(/^[ACDEFGHJKMNPQRTVWXY34679]{9}$/); // a short code: 24^9 ≈ 2^41
    expect(link.url).toBe(`http://localhost/t/${link.token.slice(0, 3)}-${link.token.slice(3, 6)}-${link.token.slice(6)}`);
    expect((await w.member.post(`/api/projects/${w.projectA}/links`, {})).status).toBe(403);
    expect((await w.funder.post(`/api/projects/${w.projectA}/links`, {})).status).toBe(403);
    expect((await t.anon.post(`/api/projects/${w.projectA}/links`, {})).status).toBe(401);
    const listed = await json(await w.member.get(`/api/projects/${w.projectA}/links`), 200);
    expect(listed.links.map((l: { id: number }) => l.id)).toContain(link.id);
    expect((await w.other.get(`/api/projects/${w.projectA}/links`)).status).toBe(404);

    const closed = await json(await w.coordinator.patch(`/api/links/${link.id}`, { closed: true }), 200);
    expect(closed.link.status).toBe('closed');
    expect((await t.anon.get(`/api/public/links/${link.token}`)).status).toBe(410);
    expect((await submit(t, link.token)).status).toBe(410);
    expect((await w.member.patch(`/api/links/${link.id}`, { closed: false })).status).toBe(403);
    expect((await w.member.patch(`/api/links/${link.id}`, { question: 'Wat vind je van het plein?', label: 'Anders' })).status).toBe(403);
    // The project's workers set what residents are asked; workers of another project do not.
    const asked = await json(await w.member.patch(`/api/links/${link.id}`, { question: 'Wat vind je van het plein?', climateVariableIds: [] }), 200);
    expect(asked.link).toMatchObject({ question: 'Wat vind je van het plein?', climateVariableIds: [], label: 'Poster buurthuis' });
    expect((await w.other.patch(`/api/links/${link.id}`, { question: 'Iets anders?' })).status).toBe(404);
    expect((await w.funder.patch(`/api/links/${link.id}`, { question: 'Iets anders?' })).status).toBe(403);
    const reopened = await json(await w.coordinator.patch(`/api/links/${link.id}`, { closed: false }), 200);
    expect(reopened.link.status).toBe('open');
    expect((await t.anon.get(`/api/public/links/${link.token}`)).status).toBe(200);
    const log = await t.db.selectFrom('auditLog').select('action').where('targetType', '=', 'public_link').execute();
    expect(log.map((l) => l.action)).toEqual(['link.create', 'link.update', 'link.update', 'link.update']);
  });

  it('an expired link answers 410; an unknown one 404', async () => {
    const link = await openLink(w.admin, w.projectA, { expiresAt: '2030-01-31' });
    expect(link).toMatchObject({ expiresAt: '2030-01-31T23:59:59.999Z', status: 'open' });
    await json(await w.admin.patch(`/api/links/${link.id}`, { expiresAt: '2020-01-01T12:00:00Z' }), 200);
    expect((await t.anon.get(`/api/public/links/${link.token}`)).status).toBe(410);
    expect((await submit(t, link.token)).status).toBe(410);
    expect((await t.anon.get('/api/public/links/not-a-real-token')).status).toBe(404);
    expect((await submit(t, 'not-a-real-token')).status).toBe(404);
    expect((await w.admin.post(`/api/projects/${w.projectA}/links`, { expiresAt: 'tomorrow' })).status).toBe(400);
  });

  it('serves the QR code as SVG', async () => {
    const link = await openLink(w.admin, w.projectA);
    const res = await w.member.get(`/api/links/${link.id}/qr.svg`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('image/svg+xml');
    const svg = await res.text();
    expect(svg).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect((await w.other.get(`/api/links/${link.id}/qr.svg`)).status).toBe(404);

    // A quiet zone of 4 light modules on every side, as the QR spec asks (scanners need it).
    const size = Number(/viewBox="0 0 (\d+) \1"/.exec(svg)?.[1]);
    const dark = /<path stroke="#000000" d="([^"]+)"/.exec(svg)?.[1] ?? '';
    let x = 0,
      y = 0,
      left = Infinity,
      right = 0,
      top = Infinity,
      bottom = 0;
    for (const [, cmd, a, b] of dark.matchAll(/([Mmh])(-?[\d.]+)(?: (-?[\d.]+))?/g)) {
      if (cmd === 'M') [x, y] = [Number(a), Number(b)];
      else if (cmd === 'm') [x, y] = [x + Number(a), y + Number(b)];
      else {
        [left, right, top, bottom] = [Math.min(left, x), Math.max(right, x + Number(a)), Math.min(top, y - 0.5), Math.max(bottom, y + 0.5)];
        x += Number(a);
      }
    }
    expect([left, top, size - right, size - bottom]).toEqual([4, 4, 4, 4]);
  });
});

describe('a resident tells a story', () => {
  let t: TestApp;
  let w: World;
  let token: string;
  let vars: number[];
  beforeAll(async () => {
    t = await testApp();
    w = await world(t);
    vars = await climate(t, w.projectA, 2);
    token = (await openLink(w.admin, w.projectA)).token;
  });

  it('gets what the form needs, in Dutch or English', async () => {
    const nl = await json(await t.anon.get(`/api/public/links/${token}`), 200);
    expect(nl).toEqual({
      project: { name: 'Buurtkamer' },
      variables: vars.map((id, i) => ({
        id,
        key: `var${w.projectA}_${i}`,
        name: `Atmosfeer ${i}`,
        weak: 'angst en wantrouwen',
        strong: 'veiligheid en vertrouwen',
      })),
      consentTextVersion: '2026-11-29/nl',
      question: null,
      media: true,
      open: true,
    });
    const en = await json(await t.anon.get(`/api/public/links/${token}?lang=en`), 200);
    expect(en.variables[0]).toMatchObject({ name: 'Atmosphere 0', weak: 'fear and distrust', strong: 'safety and trust' });
    expect(en.consentTextVersion).toBe('2026-11-29/en');
    // The resident pages word the catalogue themselves in Arabic; the consent text is the Arabic one.
    const ar = await json(await t.anon.get(`/api/public/links/${token}?lang=ar`), 200);
    expect(ar.consentTextVersion).toBe('2026-11-29/ar');
    expect((await t.anon.get(`/api/public/links/${token}?lang=de`)).status).toBe(400);
  });

  it('each link sets its own question and which climate questions it asks (none to four; the first two by default)', async () => {
    const more: number[] = [];
    for (const i of [10, 11, 12]) {
      const v = {
        key: `extra_${i}`,
        groupKey: 'social',
        groupNl: 'Sociaal',
        groupEn: 'Social',
        nameNl: `Vraag ${i}`,
        nameEn: `Question ${i}`,
        weakNl: 'zwak',
        weakEn: 'weak',
        strongNl: 'sterk',
        strongEn: 'strong',
        sort: i,
      };
      const { id } = await t.db.insertInto('climateVariables').values(v).returning('id').executeTakeFirstOrThrow();
      await t.db.insertInto('projectClimateVariables').values({ projectId: w.projectA, variableId: id }).execute();
      more.push(id);
    }
    const all = [...vars, ...more];
    const byDefault = await json(await t.anon.get(`/api/public/links/${token}`), 200);
    expect(byDefault.question).toBeNull();
    expect(byDefault.variables.map((v: { id: number }) => v.id)).toEqual(all.slice(0, 2));
    const own = await openLink(w.admin, w.projectA, { question: 'Wat vond je van het buurtfeest?', climateVariableIds: [all[4], all[2]] });
    expect(own).toMatchObject({ question: 'Wat vond je van het buurtfeest?', climateVariableIds: [all[4], all[2]] });
    const form = await json(await t.anon.get(`/api/public/links/${own.token}`), 200);
    expect(form.question).toBe('Wat vond je van het buurtfeest?');
    expect(form.variables.map((v: { id: number }) => v.id)).toEqual([all[4], all[2]]);
    const none = await openLink(w.admin, w.projectA, { climateVariableIds: [] });
    expect((await json(await t.anon.get(`/api/public/links/${none.token}`), 200)).variables).toEqual([]);
    // Changed later; at most four, the project's own, each once.
    const patched = await json(
      await w.admin.patch(`/api/links/${none.id}`, { question: 'Hoe gaat het met de speeltuin?', climateVariableIds: all.slice(0, 4) }),
      200,
    );
    expect(patched.link).toMatchObject({ question: 'Hoe gaat het met de speeltuin?', climateVariableIds: all.slice(0, 4) });
    expect((await w.admin.patch(`/api/links/${none.id}`, { climateVariableIds: all.slice(0, 5) })).status).toBe(400);
    expect((await w.admin.patch(`/api/links/${none.id}`, { climateVariableIds: [all[0], all[0]] })).status).toBe(400);
    const foreign = await climate(t, w.projectB, 1);
    expect(all).not.toContain(foreign[0]);
    const bad = await w.admin.patch(`/api/links/${none.id}`, { climateVariableIds: [all[0], foreign[0]] });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.details[0].field).toBe('climateVariableIds.1');
    expect((await w.admin.patch(`/api/links/${none.id}`, { question: 'x'.repeat(301) })).status).toBe(400);
    // Back to the standard question and the first two.
    const reset = await json(await w.admin.patch(`/api/links/${none.id}`, { question: null, climateVariableIds: null }), 200);
    expect(reset.link).toMatchObject({ question: null, climateVariableIds: null });
  });

  it('sends a story, gets a receipt, reads it back and withdraws it', async () => {
    const res = await submit(t, token, {
      title: 'Het bankje',
      body: doc('Ik durf weer over het plein te lopen.'),
      tellerName: 'Oma Jansen',
      consent: 'public',
      placements: [{ variableId: vars[0], position: 75 }],
      happenedOn: '2026-11-01',
    });
    const { receipt } = await json(res, 201);
    expect(receipt).toMatch(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
    // only the hash is stored
    const row = await t.db.selectFrom('stories').selectAll().where('receiptHash', '=', receiptHash(receipt)!).executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(receipt.replace(/-/g, ''));
    expect(row).toMatchObject({ source: 'link', recordedBy: null, consent: 'public', projectId: w.projectA });
    const consent = await t.db.selectFrom('storyConsents').selectAll().where('storyId', '=', row.id).execute();
    expect(consent).toEqual([expect.objectContaining({ level: 'public', givenBy: 'teller', channel: 'online', consentTextVersion: '2026-11' })]);
    const placements = await t.db.selectFrom('storyPlacements').selectAll().where('storyId', '=', row.id).execute();
    expect(placements).toEqual([expect.objectContaining({ variableId: vars[0], position: 75, source: 'teller', byUser: null })]);

    // the worker sees it in the project's list and search
    const before = await json(await w.member.get('/api/stories?q=plein'), 200);
    expect(before.stories.map((s: { id: number }) => s.id)).toEqual([row.id]);
    expect(before.stories[0]).toMatchObject({ source: 'link', tellerName: 'Oma Jansen' });

    const read = await json(await t.anon.get(`/api/public/receipts/${receipt}`), 200);
    expect(read.story).toMatchObject({
      title: 'Het bankje',
      bodyHtml: '<p>Ik durf weer over het plein te lopen.</p>',
      consent: 'public',
      status: 'received',
      usedIn: [],
      feedback: [],
      projectName: 'Buurtkamer',
    });
    // typed sloppily: lower case, spaces instead of dashes
    const sloppy = receipt.toLowerCase().replace(/-/g, ' ');
    expect((await t.anon.get(`/api/public/receipts/${encodeURIComponent(sloppy)}`)).status).toBe(200);
    expect((await t.anon.get('/api/public/receipts/AAAA-BBBB-CCCC')).status).toBe(404);
    expect((await t.anon.get('/api/public/receipts/nonsense')).status).toBe(404);

    const withdrawn = await json(await t.anon.post(`/api/public/receipts/${receipt}/withdraw`), 200);
    expect(withdrawn.story).toMatchObject({ status: 'withdrawn', title: '', bodyHtml: '' });
    expect(withdrawn.story.withdrawnAt).not.toBeNull();
    // again: still withdrawn, no second record
    await json(await t.anon.post(`/api/public/receipts/${receipt}/withdraw`, {}), 200);
    const consents = await t.db.selectFrom('storyConsents').selectAll().where('storyId', '=', row.id).orderBy('id').execute();
    expect(consents.map((c) => [c.level, c.withdrawn, c.givenBy])).toEqual([
      ['public', 0, 'teller'],
      [null, 1, 'teller'],
    ]);
    const log = await t.db.selectFrom('auditLog').selectAll().where('targetType', '=', 'story').where('targetId', '=', String(row.id)).orderBy('id').execute();
    expect(log.map((l) => [l.action, l.actor])).toEqual([
      ['story.create', 'anonymous'],
      ['story.withdraw', 'resident (receipt)'],
    ]);

    // out of every list and search
    expect((await json(await w.member.get('/api/stories'), 200)).stories.some((s: { id: number }) => s.id === row.id)).toBe(false);
    expect((await json(await w.admin.get('/api/stories?q=plein'), 200)).stories).toEqual([]);
    expect((await json(await w.admin.get('/api/stories?q=bankje'), 200)).total).toBe(0);
    expect((await json(await t.anon.get(`/api/public/receipts/${receipt}`), 200)).story.status).toBe('withdrawn');
  });

  it('needs a guardian’s name for a teller under 16, and valid input', async () => {
    const n = await storyCount(t);
    const res = await submit(t, token, { under16: true });
    expect(res.status).toBe(400);
    expect((await res.json()).error.details[0].field).toBe('guardianName');
    expect((await submit(t, token, { consentTextVersion: '1999' })).status).toBe(400);
    expect((await submit(t, token, { consent: 'everyone' })).status).toBe(400);
    expect((await submit(t, token, { title: '' })).status).toBe(400);
    expect((await submit(t, token, { bodyHtml: '<p>x</p>' })).status).toBe(400);
    expect((await submit(t, token, { placements: [{ variableId: 999, position: 10 }] })).status).toBe(400);
    expect((await submit(t, token, { placements: [{ variableId: vars[0], position: 150 }] })).status).toBe(400);
    expect(await storyCount(t)).toBe(n);
    const ok = await json(await submit(t, token, { under16: true, guardianName: 'Vader van Noor', tellerName: 'Noor' }), 201);
    const row = await t.db.selectFrom('stories').select('id').where('receiptHash', '=', receiptHash(ok.receipt)!).executeTakeFirstOrThrow();
    const consent = await t.db.selectFrom('storyConsents').selectAll().where('storyId', '=', row.id).executeTakeFirstOrThrow();
    expect(consent).toMatchObject({ givenBy: 'guardian', guardianName: 'Vader van Noor' });
  });

  it('refuses a public story without the teller’s name (a public story is shown with one), and saves nothing', async () => {
    const n = await storyCount(t);
    for (const tellerName of [undefined, '', '   ']) {
      const res = await submit(t, token, { consent: 'public', tellerName });
      expect(res.status).toBe(400);
      const { error } = await res.json();
      expect(error.code).toBe('invalid_input');
      expect(error.details).toEqual([{ field: 'tellerName', message: expect.stringMatching(/Vul een naam in.* \/ .*Fill in a name/) }]);
    }
    expect(await storyCount(t)).toBe(n);
    // With a name, made up or not, it is public; without one it may be in reports.
    await json(await submit(t, token, { consent: 'public', tellerName: 'Buurvrouw K.' }), 201);
    await json(await submit(t, token, { consent: 'report' }), 201);
    expect(await storyCount(t)).toBe(n + 2);
  });

  it('takes a story without a title (its first words become one) in the language told, with the consent text in that language', async () => {
    const long = 'Sinds de nieuwe bankjes op het plein staan, praten de buren weer met elkaar en dat merk je overal in de straat.';
    const { receipt } = await json(await submit(t, token, { title: undefined, body: doc(long), language: 'ar', consentTextVersion: '2026-11-29/ar' }), 201);
    const row = await t.db.selectFrom('stories').select(['id', 'title', 'language']).where('receiptHash', '=', receiptHash(receipt)!).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ title: 'Sinds de nieuwe bankjes op het plein staan, praten de buren…', language: 'ar' });
    const consent = await t.db.selectFrom('storyConsents').select('consentTextVersion').where('storyId', '=', row.id).executeTakeFirstOrThrow();
    expect(consent.consentTextVersion).toBe('2026-11-29/ar');
    // The consent text read must be the one in the story's language.
    const mixed = await submit(t, token, { language: 'tr', consentTextVersion: '2026-11-29/pl' });
    expect(mixed.status).toBe(400);
    const [detail] = (await mixed.json()).error.details;
    expect(detail.field).toBe('consentTextVersion');
    expect(detail.message).toMatch(
      /^De toestemming hoort bij een tekst in een andere taal \(nodig: [\d-]+\/tr\)\. .+ \/ The consent is for a text in another language \(needed: [\d-]+\/tr\)\. /,
    );
    expect((await submit(t, token, { language: 'de' })).status).toBe(400);
  });

  it('a story sent again with the code its browser chose is stored once, even twice at once; no other story takes that code', async () => {
    const send = (receipt: string, text: string, link = token) => submit(t, link, { receipt, body: doc(text) }, '10.9.0.1');
    const code = 'K7QF-2MZP-9XRA';
    const before = await storyCount(t);
    expect(await json(await send(code, 'De buurtkamer is weer open.'), 201)).toEqual({ receipt: code, receiptUrl: `/r/${code}` });
    // its answer never arrived, so the browser sends it again: the same code, no second story
    expect((await json(await send(code, 'De buurtkamer is weer open.'), 201)).receipt).toBe(code);
    const twice = await Promise.all([send('ABCD-EFGH-JKLM', 'Het plein is schoon.'), send('ABCD-EFGH-JKLM', 'Het plein is schoon.')]);
    for (const res of twice) expect((await json(res, 201)).receipt).toBe('ABCD-EFGH-JKLM');
    expect(await storyCount(t)).toBe(before + 2);
    // another story, or the same words at another link, gets a code of its own: nothing is lost
    const other = await json(await send(code, 'Iets heel anders.'), 201);
    const elsewhere = await json(await send(code, 'De buurtkamer is weer open.', (await openLink(w.admin, w.projectA)).token), 201);
    for (const r of [other, elsewhere]) {
      expect(r.receipt).not.toBe(code);
      expect(receiptHash(r.receipt)).not.toBeNull();
    }
    expect(await storyCount(t)).toBe(before + 4);
    expect((await json(await t.anon.get(`/api/public/receipts/${code}`), 200)).story.bodyHtml).toContain('De buurtkamer is weer open.');
    // a code that cannot be one: 400 naming the field, nothing saved
    const bad = await send('GEEN-CODE', 'Nog een verhaal.');
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.details[0].field).toBe('receipt');
    expect(await storyCount(t)).toBe(before + 4);
  });
});

describe('what became of a story', () => {
  it('says "used" once a published report version includes it', async () => {
    const t = await testApp();
    const w = await world(t);
    const { token } = await openLink(w.admin, w.projectA);
    const { receipt } = await json(await submit(t, token, { consent: 'report' }), 201);
    expect((await json(await t.anon.get(`/api/public/receipts/${receipt}`), 200)).story.status).toBe('received');
    const story = await t.db.selectFrom('stories').select('id').where('receiptHash', '=', receiptHash(receipt)!).executeTakeFirstOrThrow();
    await sql`insert into reports (id, title, audience, period_from, period_to, intro_json, intro_html) values (1, 'Jaarverslag 2026', 'funder', '2026-01-01', '2026-12-31', '{}', '')`.execute(
      t.db,
    );
    await sql`insert into report_versions (id, report_id, number, data_json, html, published_at) values (1, 1, 1, '{}', '', '2026-12-15T10:00:00.000Z')`.execute(
      t.db,
    );
    await sql`insert into report_version_stories (version_id, story_id) values (1, ${story.id})`.execute(t.db);
    const read = await json(await t.anon.get(`/api/public/receipts/${receipt}`), 200);
    expect(read.story).toMatchObject({ status: 'used', usedIn: [{ report: 'Jaarverslag 2026', version: 1, publishedAt: '2026-12-15T10:00:00.000Z' }] });
  });
});
