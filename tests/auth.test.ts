import { afterEach, describe, expect, it, vi } from 'vitest';
import { issueSetupToken } from '../server/routes/auth.js';
import { PASSWORD, testApp, type Client, type TestApp } from './helpers/app.js';

const cookieOf = (res: Response) => res.headers.get('set-cookie')?.split(';')[0] ?? null;

async function auditActions(t: TestApp, targetId: number) {
  const rows = await t.db
    .selectFrom('auditLog')
    .select(['action', 'actor'])
    .where('targetType', '=', 'user')
    .where('targetId', '=', String(targetId))
    .orderBy('id')
    .execute();
  return rows.map((r) => r.action);
}

afterEach(() => {
  vi.useRealTimers();
});

describe('login and logout', () => {
  it('logs in with a fresh, hardened session cookie and reads /api/me', async () => {
    const t = await testApp();
    const worker = await t.as('worker', 'wil@example.nl');
    const res = await t.anon.post('/api/auth/login', { email: 'Wil@Example.nl ', password: PASSWORD });
    expect(res.status).toBe(200);
    expect((await res.json()).user).toMatchObject({ id: worker.id, email: 'wil@example.nl', role: 'worker' });
    const setCookie = res.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/^weefwerk_session=[\w-]{43,};/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    // A new token at every login; the database holds only hashes.
    expect(cookieOf(res)).not.toBe(worker.cookie);
    const token = cookieOf(res)!.split('=')[1]!;
    const stored = await t.db.selectFrom('sessions').select('tokenHash').execute();
    expect(stored.some((s) => s.tokenHash === token)).toBe(false);
    expect(stored).toHaveLength(2);

    const me = await worker.get('/api/me');
    expect(me.status).toBe(200);
    expect((await me.json()).user.email).toBe('wil@example.nl');
  });

  it('refuses a wrong password or unknown account with 401 and audits it', async () => {
    const t = await testApp();
    const w = await t.as('worker', 'wil@example.nl');
    const wrong = await t.anon.post('/api/auth/login', { email: 'wil@example.nl', password: 'not the password' });
    expect(wrong.status).toBe(401);
    expect((await wrong.json()).error.code).toBe('unauthenticated');
    expect(wrong.headers.get('set-cookie')).toBeNull();
    expect((await t.anon.post('/api/auth/login', { email: 'nobody@example.nl', password: PASSWORD })).status).toBe(401);
    expect(await auditActions(t, w.id)).toContain('login.failed');
  });

  it('logs out: the cookie stops working', async () => {
    const t = await testApp();
    const w = await t.as('worker');
    const out = await w.post('/api/auth/logout');
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/weefwerk_session=;/);
    expect((await w.get('/api/me')).status).toBe(401);
    expect(await auditActions(t, w.id)).toEqual(['session.start', 'session.end']);
  });

  it('answers /api/me without a session with 401', async () => {
    const t = await testApp();
    const res = await t.anon.get('/api/me');
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe('unauthenticated');
  });
});

describe('session expiry', () => {
  it('ends a session that was idle too long', async () => {
    const t = await testApp({ sessionIdleMs: 5 * 60_000, sessionMaxMs: 3_600_000 });
    const w = await t.as('worker');
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 4 * 60_000);
    expect((await w.get('/api/me')).status).toBe(200); // activity slides the idle window
    vi.setSystemTime(Date.now() + 4 * 60_000);
    expect((await w.get('/api/me')).status).toBe(200);
    vi.setSystemTime(Date.now() + 6 * 60_000);
    expect((await w.get('/api/me')).status).toBe(401);
    expect(await t.db.selectFrom('sessions').selectAll().execute()).toHaveLength(0);
  });

  it('ends a session at its absolute limit, however active', async () => {
    const t = await testApp({ sessionIdleMs: 5 * 60_000, sessionMaxMs: 12 * 60_000 });
    const w = await t.as('worker');
    vi.useFakeTimers({ toFake: ['Date'] });
    for (let i = 0; i < 2; i++) {
      vi.setSystemTime(Date.now() + 4 * 60_000);
      expect((await w.get('/api/me')).status).toBe(200);
    }
    vi.setSystemTime(Date.now() + 4 * 60_000 + 1000);
    expect((await w.get('/api/me')).status).toBe(401);
  });
});

describe('sessions end when the account changes', () => {
  it("ends a disabled user's sessions at once, and they cannot log in again", async () => {
    const t = await testApp();
    const admin = await t.as('admin');
    const w = await t.as('worker', 'wil@example.nl');
    const other = await t.login('wil@example.nl');
    const res = await admin.patch(`/api/users/${w.id}`, { disabled: true });
    expect(res.status).toBe(200);
    expect((await res.json()).user.disabledAt).toBeTruthy();
    expect((await w.get('/api/me')).status).toBe(401);
    expect((await other.get('/api/projects')).status).toBe(401);
    expect((await t.anon.post('/api/auth/login', { email: 'wil@example.nl', password: PASSWORD })).status).toBe(401);
    expect(await auditActions(t, w.id)).toEqual(expect.arrayContaining(['user.disable', 'session.end_all']));

    expect((await admin.patch(`/api/users/${w.id}`, { disabled: false })).status).toBe(200);
    expect((await t.anon.post('/api/auth/login', { email: 'wil@example.nl', password: PASSWORD })).status).toBe(200);
    expect(await auditActions(t, w.id)).toContain('user.enable');
  });

  it('a password change ends every other session and keeps this one logged in', async () => {
    const t = await testApp();
    const w = await t.as('worker', 'wil@example.nl');
    const phone = await t.login('wil@example.nl');
    const res = await w.post('/api/me/password', { currentPassword: PASSWORD, newPassword: 'a brand new secret' });
    expect(res.status).toBe(204);
    const renewed = cookieOf(res);
    expect(renewed).toBeTruthy();
    expect((await phone.get('/api/me')).status).toBe(401);
    expect((await w.get('/api/me')).status).toBe(401);
    w.cookie = renewed;
    expect((await w.get('/api/me')).status).toBe(200);
    expect((await t.anon.post('/api/auth/login', { email: 'wil@example.nl', password: PASSWORD })).status).toBe(401);
    expect((await t.anon.post('/api/auth/login', { email: 'wil@example.nl', password: 'a brand new secret' })).status).toBe(200);
    expect(await auditActions(t, w.id)).toContain('user.password_changed');
  });

  it('refuses a password change with the wrong current password, naming the field', async () => {
    const t = await testApp();
    const w = await t.as('worker');
    const res = await w.post('/api/me/password', { currentPassword: 'wrong wrong', newPassword: 'a brand new secret' });
    expect(res.status).toBe(400);
    expect((await res.json()).error.details[0].field).toBe('currentPassword');
    expect((await w.get('/api/me')).status).toBe(200);
  });

  it('a role change ends the sessions so the new role applies at the next login', async () => {
    const t = await testApp();
    const admin = await t.as('admin');
    const w = await t.as('worker');
    expect((await admin.patch(`/api/users/${w.id}`, { role: 'coordinator' })).status).toBe(200);
    expect((await w.get('/api/me')).status).toBe(401);
    expect(await auditActions(t, w.id)).toContain('user.role_change');
  });
});

describe('login rate limits', () => {
  const attempt = (t: TestApp, email: string, address: string, password = 'wrong password') =>
    t.anon.request('POST', '/api/auth/login', { email, password }, { 'x-forwarded-for': address });

  it('limits attempts per account, whatever the address', async () => {
    const t = await testApp({ limits: { loginPerAccount: 3, loginPerAddress: 100, publicPerAddress: 100, publicPerLink: 100, windowMs: 60_000 } });
    await t.as('worker', 'wil@example.nl');
    for (let i = 0; i < 3; i++) expect((await attempt(t, 'wil@example.nl', `10.0.0.${i}`)).status).toBe(401);
    const limited = await attempt(t, 'WIL@example.nl', '10.0.1.1', PASSWORD);
    expect(limited.status).toBe(429);
    expect((await limited.json()).error.code).toBe('rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another account from the same address is not affected.
    await t.as('worker', 'ann@example.nl');
    expect((await attempt(t, 'ann@example.nl', '10.0.1.1', PASSWORD)).status).toBe(200);
  });

  it('limits attempts per client address, whatever the account', async () => {
    const t = await testApp({ limits: { loginPerAccount: 100, loginPerAddress: 3, publicPerAddress: 100, publicPerLink: 100, windowMs: 60_000 } });
    await t.as('worker', 'wil@example.nl');
    for (let i = 0; i < 3; i++) expect((await attempt(t, `x${i}@example.nl`, '10.9.9.9')).status).toBe(401);
    const limited = await attempt(t, 'wil@example.nl', '10.9.9.9', PASSWORD);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await attempt(t, 'wil@example.nl', '10.9.9.10', PASSWORD)).status).toBe(200);
  });

  it('opens again after the window', async () => {
    const t = await testApp({ limits: { loginPerAccount: 1, loginPerAddress: 100, publicPerAddress: 100, publicPerLink: 100, windowMs: 60_000 } });
    await t.as('worker', 'wil@example.nl'); // uses the one attempt, then resets on success
    expect((await attempt(t, 'wil@example.nl', '1.1.1.1')).status).toBe(401);
    expect((await attempt(t, 'wil@example.nl', '1.1.1.1', PASSWORD)).status).toBe(429);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 61_000);
    expect((await attempt(t, 'wil@example.nl', '1.1.1.1', PASSWORD)).status).toBe(200);
  });
});

describe('first-run setup', () => {
  const admin = { email: 'beheer@example.nl', name: 'Beheerder', password: 'first admin secret' };

  it('creates the first admin with the one-time token, then closes', async () => {
    const t = await testApp();
    expect(await (await t.anon.get('/api/setup')).json()).toEqual({ needed: true });
    const token = (await issueSetupToken(t.db))!;
    expect(token).toBeTruthy();

    const wrong = await t.anon.post('/api/setup', { ...admin, token: 'not-the-token' });
    expect(wrong.status).toBe(403);

    const res = await t.anon.post('/api/setup', { ...admin, token });
    expect(res.status).toBe(201);
    expect((await res.json()).user).toMatchObject({ email: admin.email, role: 'admin' });
    const session: Client = { ...t.anon, cookie: cookieOf(res) };
    const me = await t.app.request('http://localhost/api/me', { headers: { cookie: session.cookie! } });
    expect((await me.json()).user.role).toBe('admin');

    const again = await t.anon.post('/api/setup', { ...admin, email: 'tweede@example.nl', token });
    expect(again.status).toBe(409);
    expect(await (await t.anon.get('/api/setup')).json()).toEqual({ needed: false });
    expect(await issueSetupToken(t.db)).toBeNull();
    const log = await t.db.selectFrom('auditLog').select(['actor', 'action']).where('action', '=', 'user.create').execute();
    expect(log).toEqual([{ actor: 'setup', action: 'user.create' }]);
  });

  it('refuses an expired token and validates the fields', async () => {
    const t = await testApp();
    const token = (await issueSetupToken(t.db, -1000))!;
    expect((await t.anon.post('/api/setup', { ...admin, token })).status).toBe(403);
    const bad = await t.anon.post('/api/setup', { token, email: 'nope', name: '', password: 'short' });
    expect(bad.status).toBe(400);
    const fields = (await bad.json()).error.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['email', 'name', 'password']));
  });
});

describe('session fixation', () => {
  it('logging in again from the same browser replaces the old session', async () => {
    const t = await testApp();
    const w = await t.as('worker', 'wil@example.nl');
    const old = w.cookie;
    const res = await w.post('/api/auth/login', { email: 'wil@example.nl', password: PASSWORD });
    expect(res.status).toBe(200);
    expect(cookieOf(res)).not.toBe(old);
    expect((await w.get('/api/me')).status).toBe(401);
    expect(await t.db.selectFrom('sessions').selectAll().execute()).toHaveLength(1);
  });
});
