// E-mail when configured: password reset through a real SMTP server on loopback, the daily tagging
// digest, and what happens without SMTP settings.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, defaultLimits } from '../server/env.js';
import { createMailer } from '../server/mail/mailer.js';
import { sendTaggingDigests, startScheduler } from '../server/mail/digest.js';
import { PASSWORD, testApp, type TestApp } from './helpers/app.js';
import { makeProject, makeStory, place, variableId } from './helpers/sensemaking-fixtures.js';
import { recipient, resetLink, startSmtp, type Smtp } from './helpers/smtp.js';

const NEW_PASSWORD = 'a brand new passphrase';
const tokenOf = (link: string) => link.split('#')[1]!;
const settle = () => new Promise((r) => setTimeout(r, 300));

describe('configuration', () => {
  it('reads SMTP_* and ORG_CONTACT; SMTP_HOST without SMTP_FROM stops the server', () => {
    expect(loadConfig({}).mail).toBeUndefined();
    expect(loadConfig({ SMTP_HOST: 'mail.example.nl', SMTP_FROM: 'Weefwerk <noreply@example.nl>', SMTP_USER: 'u', SMTP_PASSWORD: 'p' }).mail).toEqual({
      host: 'mail.example.nl',
      port: 587,
      secure: false,
      user: 'u',
      password: 'p',
      from: 'Weefwerk <noreply@example.nl>',
    });
    expect(loadConfig({ SMTP_HOST: 'mail.example.nl', SMTP_PORT: '465', SMTP_FROM: 'x@example.nl' }).mail?.secure).toBe(true);
    expect(() => loadConfig({ SMTP_HOST: 'mail.example.nl' })).toThrow(/SMTP_FROM/);
    expect(loadConfig({ ORG_CONTACT: ' 020-1234567 ' }).orgContact).toBe('020-1234567');
  });
});

describe('without SMTP settings', () => {
  let t: TestApp;
  beforeAll(async () => (t = await testApp()));
  afterAll(async () => t.close());

  it('says reset by mail is not available, refuses a request with 409 and stores nothing', async () => {
    expect(await (await t.anon.get('/api/auth/password-reset')).json()).toEqual({ available: false });
    await t.as('worker', 'ann@example.nl');
    const res = await t.anon.post('/api/auth/password-reset', { email: 'ann@example.nl' });
    expect(res.status).toBe(409);
    expect((await res.json()).error.message).toMatch(/vraag een beheerder/);
    expect(await t.db.selectFrom('passwordResets').selectAll().execute()).toEqual([]);
  });
});

describe('with SMTP configured: password reset and report shared', () => {
  let smtp: Smtp;
  let t: TestApp;
  beforeAll(async () => {
    smtp = await startSmtp();
    t = await testApp({ mail: smtp.mail });
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it('sends a link that works once, ends the other sessions and logs in with the new password', async () => {
    const ann = await t.as('worker', 'ann@example.nl');
    expect(await (await t.anon.get('/api/auth/password-reset')).json()).toEqual({ available: true });
    const before = smtp.inbox.length;
    const res = await t.anon.post('/api/auth/password-reset', { email: ' Ann@Example.nl ' });
    expect(res.status).toBe(202);
    const mail = await smtp.waitFor('ann@example.nl', { after: before });
    expect(mail.subject).toBe('Nieuw wachtwoord voor Weefwerk');
    expect(mail.from?.text).toContain('noreply@weefwerk.test');
    const link = resetLink(mail);
    expect(link).toMatch(/^http:\/\/localhost\/reset-password#[\w-]{40,}$/);
    // Only a hash of the token is stored.
    const stored = await t.db.selectFrom('passwordResets').selectAll().execute();
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain(tokenOf(link));

    expect((await t.anon.post('/api/auth/password-reset/check', { token: tokenOf(link) })).status).toBe(200);
    const done = await t.anon.post('/api/auth/password-reset/complete', { token: tokenOf(link), password: NEW_PASSWORD });
    expect(done.status).toBe(200);
    expect((await done.json()).user.email).toBe('ann@example.nl');
    expect(done.headers.get('set-cookie')).toMatch(/weefwerk_session=/);
    expect((await ann.get('/api/me')).status).toBe(401); // the old session ended
    await expect(t.login('ann@example.nl')).rejects.toThrow(/401/);
    await t.login('ann@example.nl', NEW_PASSWORD);

    // Single use: the same link again changes nothing.
    const again = await t.anon.post('/api/auth/password-reset/complete', { token: tokenOf(link), password: 'yet another passphrase' });
    expect(again.status).toBe(410);
    expect((await t.anon.post('/api/auth/password-reset/check', { token: tokenOf(link) })).status).toBe(410);
    await t.login('ann@example.nl', NEW_PASSWORD);
    const audit = await t.db.selectFrom('auditLog').select('action').where('action', 'like', 'user.password_reset%').execute();
    expect(audit.map((a) => a.action)).toEqual(['user.password_reset_requested', 'user.password_reset']);
  });

  it('an expired or unknown link is refused with 410 and the password stays', async () => {
    await t.as('worker', 'bo@example.nl');
    const before = smtp.inbox.length;
    await t.anon.post('/api/auth/password-reset', { email: 'bo@example.nl' });
    const link = resetLink(await smtp.waitFor('bo@example.nl', { after: before }));
    await t.db
      .updateTable('passwordResets')
      .set({ expiresAt: new Date(Date.now() - 1000).toISOString() })
      .where('usedAt', 'is', null)
      .execute();
    expect((await t.anon.post('/api/auth/password-reset/complete', { token: tokenOf(link), password: NEW_PASSWORD })).status).toBe(410);
    expect((await t.anon.post('/api/auth/password-reset/complete', { token: 'x'.repeat(43), password: NEW_PASSWORD })).status).toBe(410);
    expect((await t.anon.post('/api/auth/password-reset/check', { token: 'y'.repeat(43) })).status).toBe(410);
    await t.login('bo@example.nl', PASSWORD);
  });

  it('answers the same for an unknown or disabled address and sends nothing (no enumeration)', async () => {
    const cleo = await t.as('worker', 'cleo@example.nl');
    await t.db.updateTable('users').set({ disabledAt: new Date().toISOString() }).where('id', '=', cleo.id).execute();
    const before = smtp.inbox.length;
    const unknown = await t.anon.post('/api/auth/password-reset', { email: 'nobody@example.nl' });
    const disabled = await t.anon.post('/api/auth/password-reset', { email: 'cleo@example.nl' });
    expect([unknown.status, disabled.status]).toEqual([202, 202]);
    expect(await unknown.json()).toEqual(await disabled.json());
    await settle();
    expect(smtp.inbox.length).toBe(before);
  });

  it('sends at most 3 links per address in a window, and rate-limits a client address', async () => {
    await t.as('worker', 'dirk@example.nl');
    const before = smtp.inbox.length;
    for (let i = 0; i < 5; i++) expect((await t.anon.post('/api/auth/password-reset', { email: 'dirk@example.nl' })).status).toBe(202);
    await smtp.waitFor('dirk@example.nl', { after: before });
    await settle();
    expect(smtp.inbox.slice(before).filter((m) => recipient(m).includes('dirk@example.nl'))).toHaveLength(3);

    const strict = await testApp({ mail: smtp.mail, limits: { ...defaultLimits, loginPerAddress: 2 } });
    const hit = () => strict.anon.request('POST', '/api/auth/password-reset', { email: 'x@example.nl' }, { 'x-forwarded-for': '10.9.9.9' });
    expect([(await hit()).status, (await hit()).status, (await hit()).status]).toEqual([202, 202, 429]);
    const guess = () => strict.anon.request('POST', '/api/auth/password-reset/check', { token: 'z'.repeat(43) }, { 'x-forwarded-for': '10.9.9.8' });
    expect([(await guess()).status, (await guess()).status, (await guess()).status]).toEqual([410, 410, 429]);
    await strict.close();
  });

  it('refuses a short new password (400) and keeps the link usable', async () => {
    await t.as('worker', 'eva@example.nl');
    const before = smtp.inbox.length;
    await t.anon.post('/api/auth/password-reset', { email: 'eva@example.nl' });
    const token = tokenOf(resetLink(await smtp.waitFor('eva@example.nl', { after: before })));
    expect((await t.anon.post('/api/auth/password-reset/complete', { token, password: 'short' })).status).toBe(400);
    expect((await t.anon.post('/api/auth/password-reset/check', { token })).status).toBe(200);
  });

  it('tells a funder once when a report is shared with them, in their language, with a link to their reports', async () => {
    const coord = await t.as('coordinator');
    const funder = await t.as('funder', 'fonds@example.nl');
    const english = await t.as('funder', 'fund@example.org');
    await t.db.updateTable('users').set({ locale: 'en' }).where('id', '=', english.id).execute();
    const { id } = await t.db
      .insertInto('reports')
      .values({
        title: 'Jaarverslag Noord 2026',
        audience: 'funder',
        periodFrom: '2026-01-01',
        periodTo: '2026-12-31',
        introJson: '{"type":"doc","content":[]}',
        introHtml: '',
        createdBy: coord.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const before = smtp.inbox.length;
    const share = (userId: number) => coord.post(`/api/reports/${id}/shares`, { userId });
    expect((await share(funder.id)).status).toBe(201);
    const mail = await smtp.waitFor('fonds@example.nl', { after: before });
    expect(mail.subject).toBe('Er is een rapportage met u gedeeld: Jaarverslag Noord 2026');
    expect(mail.text).toContain('http://localhost/reports');
    expect((await share(english.id)).status).toBe(201);
    expect((await smtp.waitFor('fund@example.org', { after: before })).subject).toBe('A report was shared with you: Jaarverslag Noord 2026');
    // Sharing again changes nothing and sends nothing.
    expect((await share(funder.id)).status).toBe(201);
    await settle();
    expect(smtp.inbox.slice(before).filter((m) => recipient(m).includes('fonds@example.nl'))).toHaveLength(1);
  });
});

describe('daily tagging digest', () => {
  let smtp: Smtp;
  let t: TestApp;
  beforeAll(async () => {
    smtp = await startSmtp();
    t = await testApp();
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it('tells each coordinator once a day how many stories await tagging', async () => {
    const mailer = createMailer(smtp.mail)!;
    const coordinator = await t.as('coordinator', 'coco@example.nl');
    const worker = await t.as('worker', 'wim@example.nl');
    const projectId = await makeProject(t.db, 'Buurtkamer', [worker.id]);
    const day = new Date(2026, 10, 30, 9, 0);
    expect(await sendTaggingDigests(t.db, mailer, { baseUrl: 'https://weefwerk.example.nl', now: day })).toBe(0); // nothing waits: no mail

    const s1 = await makeStory(t.db, { projectId });
    await makeStory(t.db, { projectId });
    await makeStory(t.db, { projectId, withdrawn: true });
    const before = smtp.inbox.length;
    expect(await sendTaggingDigests(t.db, mailer, { baseUrl: 'https://weefwerk.example.nl', now: day })).toBe(1);
    const mail = await smtp.waitFor('coco@example.nl', { after: before });
    expect(mail.subject).toBe('2 verhalen wachten op taggen');
    expect(mail.text).toContain('https://weefwerk.example.nl/tagging');
    expect(smtp.inbox.slice(before).some((m) => recipient(m).includes('wim@example.nl'))).toBe(false); // workers get none

    // Once a day, whatever the number of ticks.
    expect(await sendTaggingDigests(t.db, mailer, { baseUrl: 'https://weefwerk.example.nl', now: new Date(2026, 10, 30, 17, 0) })).toBe(0);
    // The next day, after a story was tagged, the count is one less.
    await place(t.db, s1, await variableId(t.db, (await t.db.selectFrom('climateVariables').select('key').executeTakeFirstOrThrow()).key), 'coordinator', 40);
    const scheduler = startScheduler(t.db, mailer, { baseUrl: 'https://weefwerk.example.nl', hour: 8, everyMs: 3_600_000 });
    try {
      expect(await scheduler.tick(new Date(2026, 11, 1, 7, 59))).toBe(0); // before the digest hour
      const n = smtp.inbox.length;
      expect(await scheduler.tick(new Date(2026, 11, 1, 8, 5))).toBe(1);
      expect((await smtp.waitFor('coco@example.nl', { after: n })).subject).toBe('1 verhaal wacht op taggen');
      expect(await scheduler.tick(new Date(2026, 11, 1, 12, 0))).toBe(0);
    } finally {
      scheduler.stop();
    }
  });
});
