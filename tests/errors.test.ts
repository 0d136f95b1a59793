import { afterEach, describe, expect, it, vi } from 'vitest';
import { ORIGIN, testApp, type TestApp } from './helpers/app.js';
import { ApiError } from '../web/api.js';

type ErrorBody = { error: { code: string; message: string; details: { field?: string; message: string }[] } };

async function expectError(res: Response, status: number, code: string): Promise<ErrorBody> {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/application\/json/);
  const body = (await res.json()) as ErrorBody;
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe('string');
  expect(Array.isArray(body.error.details)).toBe(true);
  return body;
}
const fields = (b: ErrorBody) => b.error.details.map((d) => d.field);

/** A hand-built request: app.request() with a string body sends no Content-Length, so we set it ourselves. */
async function raw(t: TestApp, cookie: string, body: BodyInit, headers: Record<string, string>) {
  const init: RequestInit & { duplex?: 'half' } = {
    method: 'POST',
    headers: { origin: ORIGIN, cookie, 'content-type': 'application/json', ...headers },
    body,
    duplex: 'half',
  };
  return t.app.request(new Request(`${ORIGIN}/api/projects`, init));
}

describe('one error shape for every status', () => {
  it('400 names each bad field', async () => {
    const t = await testApp();
    const admin = await t.as('admin');
    const b = await expectError(
      await admin.post('/api/projects', { name: '', startDate: '1 maart', budgetHours: -1, phase: 'SLAPEN', areaIds: ['x'] }),
      400,
      'invalid_input',
    );
    expect(fields(b)).toEqual(expect.arrayContaining(['name', 'startDate', 'budgetHours', 'phase', 'areaIds.0']));
    const u = await expectError(await admin.post('/api/users', { email: 'geen-mail', name: 'A', role: 'king', password: 'kort' }), 400, 'invalid_input');
    expect(fields(u)).toEqual(['email', 'role', 'password']);
    const end = await expectError(await admin.post('/api/projects', { name: 'P', startDate: '2026-05-01', endDate: '2026-04-01' }), 400, 'invalid_input');
    expect(fields(end)).toEqual(['endDate']);
    const area = await expectError(await admin.post('/api/projects', { name: 'P', areaIds: [999] }), 400, 'invalid_input');
    expect(fields(area)).toEqual(['areaIds']);
  });

  it('400 details carry a stable code and the limit, for clients to word them', async () => {
    const t = await testApp();
    const admin = await t.as('admin');
    const b = await expectError(
      await admin.post('/api/projects', {
        name: '',
        eigenaar: 'x'.repeat(2001),
        budgetHours: -1,
        phase: 'SLAPEN',
        startDate: '1 maart',
        areaIds: 'x',
        extra: 1,
      }),
      400,
      'invalid_input',
    );
    const byField = Object.fromEntries(b.error.details.map(({ field, message, ...rest }) => [field, { ...rest, hasMessage: message.length > 0 }]));
    expect(byField).toEqual({
      name: { code: 'too_small', origin: 'string', minimum: 1, inclusive: true, hasMessage: true },
      eigenaar: { code: 'too_big', origin: 'string', maximum: 2000, inclusive: true, hasMessage: true },
      budgetHours: { code: 'too_small', origin: 'number', minimum: 0, inclusive: true, hasMessage: true },
      phase: { code: 'invalid_value', values: ['ZIEN', 'DENKEN', 'DOEN', 'VINDEN'], hasMessage: true },
      startDate: { code: 'invalid_format', format: 'regex', hasMessage: true },
      areaIds: { code: 'invalid_type', expected: 'array', hasMessage: true },
      extra: { code: 'unrecognized_keys', hasMessage: true },
    });
    const missing = await expectError(await admin.post('/api/users', { name: 'A', role: 'worker', password: 'long enough pw' }), 400, 'invalid_input');
    expect(missing.error.details).toEqual([expect.objectContaining({ field: 'email', code: 'invalid_type', expected: 'string', missing: true })]);
    const exact = await expectError(
      await admin.post('/api/users', { email: 'a@example.nl', name: 'A', role: 'worker', password: 'kort' }),
      400,
      'invalid_input',
    );
    expect(exact.error.details).toEqual([expect.objectContaining({ field: 'password', code: 'too_small', origin: 'string', minimum: 10 })]);
    // errors thrown by routes keep their shape: a field and a message, no code
    const area = await expectError(await admin.post('/api/projects', { name: 'P', areaIds: [999] }), 400, 'invalid_input');
    expect(area.error.details).toEqual([
      { field: 'areaIds', message: 'Dit gebied bestaat niet (999). Kies een ander gebied. / This area does not exist (999). Choose another area.' },
    ]);
  });

  it('400 for unknown fields, naming them', async () => {
    const t = await testApp();
    const admin = await t.as('admin');
    const b = await expectError(await admin.post('/api/projects', { name: 'P', budget: 5, isAdmin: true }), 400, 'invalid_input');
    expect(fields(b)).toEqual(['budget', 'isAdmin']);
    const u = await expectError(await admin.patch(`/api/users/${admin.id}`, { name: 'X', passwordHash: 'x' }), 400, 'invalid_input');
    expect(fields(u)).toEqual(['passwordHash']);
    await expectError(await t.anon.post('/api/auth/login', { email: 'a@b.nl', password: 'x', role: 'admin' }), 400, 'invalid_input');
  });

  it('400, never 500, for malformed bodies, huge numbers and bad ids', async () => {
    const t = await testApp();
    const admin = await t.as('admin');
    await expectError(await admin.request('POST', '/api/projects', '{"name": "P",', { 'content-type': 'application/json' }), 400, 'invalid_input');
    await expectError(await admin.request('POST', '/api/projects', '', { 'content-type': 'application/json' }), 400, 'invalid_input');
    await expectError(await admin.post('/api/projects', [{ name: 'P' }]), 400, 'invalid_input');
    await expectError(await admin.request('POST', '/api/projects', 'null', { 'content-type': 'application/json' }), 400, 'invalid_input');
    await expectError(
      await admin.request('POST', '/api/projects', '{"name":"P","budgetEuros":1e999}', { 'content-type': 'application/json' }),
      400,
      'invalid_input',
    );
    const huge = await expectError(await admin.post('/api/projects', { name: 'P', budgetHours: 1e300, areaIds: [1e20] }), 400, 'invalid_input');
    expect(fields(huge)).toEqual(['budgetHours', 'areaIds.0']);
    await expectError(await admin.get('/api/projects/abc'), 400, 'invalid_input');
    await expectError(await admin.get('/api/projects/-1'), 400, 'invalid_input');
    await expectError(await admin.get('/api/projects/1.5'), 400, 'invalid_input');
    await expectError(await admin.get('/api/projects/99999999999999999999999'), 400, 'invalid_input');
    // a record has one address: other spellings of its number are not read as it
    const project = await admin.post('/api/projects', { name: 'Eén adres' });
    const { id } = ((await project.json()) as { project: { id: number } }).project;
    expect((await admin.get(`/api/projects/${id}`)).status).toBe(200);
    for (const other of [`${id}e0`, `0x${id.toString(16)}`, `%20${id}`, `${id}.0`, `+${id}`])
      await expectError(await admin.get(`/api/projects/${other}`), 400, 'invalid_input');
    await expectError(await admin.patch('/api/users/abc', { name: 'x' }), 400, 'invalid_input');
    await expectError(await admin.get('/api/audit?limit=lots'), 400, 'invalid_input');
  });

  it('415 for a body that is not JSON', async () => {
    const t = await testApp();
    const admin = await t.as('admin');
    await expectError(
      await admin.request('POST', '/api/projects', 'name=P', { 'content-type': 'application/x-www-form-urlencoded' }),
      415,
      'unsupported_media_type',
    );
    await expectError(await admin.request('POST', '/api/projects', '{"name":"P"}', { 'content-type': 'text/plain' }), 415, 'unsupported_media_type');
  });

  it('401 without a session', async () => {
    const t = await testApp();
    await expectError(await t.anon.get('/api/projects'), 401, 'unauthenticated');
    await expectError(await t.anon.post('/api/projects', { name: 'P' }), 401, 'unauthenticated');
    await expectError(await t.anon.request('GET', '/api/me', undefined, { cookie: 'weefwerk_session=forged' }), 401, 'unauthenticated');
  });

  it('403 for a role that may not', async () => {
    const t = await testApp();
    const worker = await t.as('worker');
    await expectError(await worker.post('/api/projects', { name: 'P' }), 403, 'forbidden');
    await expectError(await worker.get('/api/users'), 403, 'forbidden');
  });

  it('404 for what does not exist (or is not yours), and for unknown API routes', async () => {
    const t = await testApp();
    const admin = await t.as('admin');
    const worker = await t.as('worker');
    await expectError(await admin.get('/api/projects/12345'), 404, 'not_found');
    await expectError(await admin.patch('/api/users/12345', { name: 'X' }), 404, 'not_found');
    const p = (await (await admin.post('/api/projects', { name: 'Niet van jou' })).json()).project;
    await expectError(await worker.get(`/api/projects/${p.id}`), 404, 'not_found');
    await expectError(await admin.get('/api/nothing-here'), 404, 'not_found');
  });

  it('409 for conflicts', async () => {
    const t = await testApp();
    const admin = await t.as('admin', 'beheer@example.nl');
    const user = { email: 'Ann@example.nl', name: 'Ann', role: 'worker', password: 'long enough pw' };
    expect((await admin.post('/api/users', user)).status).toBe(201);
    await expectError(await admin.post('/api/users', { ...user, email: 'ann@EXAMPLE.nl' }), 409, 'conflict');
    await expectError(await admin.patch(`/api/users/${admin.id}`, { disabled: true }), 409, 'conflict');
    await expectError(await admin.patch(`/api/users/${admin.id}`, { role: 'worker' }), 409, 'conflict');
    expect((await admin.post('/api/areas', { name: 'Noord', kind: 'wijk', cbsCode: 'WK036300' })).status).toBe(201);
    await expectError(await admin.post('/api/areas', { name: 'Noord 2', kind: 'wijk', cbsCode: 'wk036300' }), 409, 'conflict');
  });

  describe('413 when the body is too large', () => {
    const big = JSON.stringify({ name: 'P', vraagstuk: 'x'.repeat(1024 * 1024) });

    it('with an honest Content-Length', async () => {
      const t = await testApp();
      const admin = await t.as('admin');
      const res = await raw(t, admin.cookie!, big, { 'content-length': String(Buffer.byteLength(big)) });
      expect((await res.clone().json()).error.message).toBe('Dit is te groot: hooguit 1 MB / This is too large: at most 1 MB');
      await expectError(res, 413, 'payload_too_large');
    });

    it('without a Content-Length (streamed), counting the bytes', async () => {
      const t = await testApp();
      const admin = await t.as('admin');
      const bytes = new TextEncoder().encode(big);
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          for (let i = 0; i < bytes.length; i += 64 * 1024) controller.enqueue(bytes.slice(i, i + 64 * 1024));
          controller.close();
        },
      });
      await expectError(await raw(t, admin.cookie!, stream, {}), 413, 'payload_too_large');
      expect(await t.db.selectFrom('projects').selectAll().execute()).toHaveLength(0);
    });
  });

  describe('400 when the Content-Length is wrong (the real server: tests/hardening.test.ts)', () => {
    it('malformed', async () => {
      const t = await testApp();
      const admin = await t.as('admin');
      await expectError(await raw(t, admin.cookie!, '{"name":"P"}', { 'content-length': 'twelve' }), 400, 'invalid_input');
      await expectError(await raw(t, admin.cookie!, '{"name":"P"}', { 'content-length': '-12' }), 400, 'invalid_input');
    });

    it('lying', async () => {
      const t = await testApp();
      const admin = await t.as('admin');
      await expectError(
        await raw(t, admin.cookie!, JSON.stringify({ name: 'P', vraagstuk: 'x'.repeat(100) }), { 'content-length': '20' }),
        400,
        'invalid_input',
      );
      await expectError(await raw(t, admin.cookie!, '{"name":"P"}', { 'content-length': '3' }), 400, 'invalid_input');
      // The honest small body goes through.
      expect((await raw(t, admin.cookie!, '{"name":"P"}', { 'content-length': '12' })).status).toBe(201);
    });
  });

  it('429 with Retry-After when rate limited', async () => {
    const t = await testApp({ limits: { loginPerAccount: 2, loginPerAddress: 100, publicPerAddress: 100, publicPerLink: 100, windowMs: 60_000 } });
    for (let i = 0; i < 2; i++) await t.anon.post('/api/auth/login', { email: 'x@example.nl', password: 'wrong' });
    const res = await t.anon.post('/api/auth/login', { email: 'x@example.nl', password: 'wrong' });
    await expectError(res, 429, 'rate_limited');
    expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
  });

  it('never answers 500 to garbage on any documented route', { timeout: 180_000 }, async () => {
    const t = await testApp();
    const admin = await t.as('admin');
    const spec = await (await t.anon.get('/api/openapi.json')).json();
    const bodies = [
      '{}',
      '[]',
      'null',
      '"x"',
      '{"name":',
      '{"id":1e400,"name":{"$gt":""}}',
      JSON.stringify({ userIds: [0, -1, 2 ** 60], areaIds: 'x', locale: 'xx', token: '' }),
    ];
    const failures: string[] = [];
    for (const [path, ops] of Object.entries(spec.paths as Record<string, Record<string, unknown>>)) {
      for (const method of Object.keys(ops)) {
        if (path === '/api/auth/logout' || path === '/api/me/password') continue; // would end the session this loop uses
        for (const id of ['abc', '0', '1', '99999999999', '1e5', '%00']) {
          const url = path.replace(/\{[^}]+\}/g, id);
          for (const body of method === 'get' ? [undefined] : bodies) {
            const res = await admin.request(method.toUpperCase(), url + (method === 'get' ? '?limit=-1&before=x&targetId=%00' : ''), body, {
              'content-type': 'application/json',
            });
            if (res.status >= 500) failures.push(`${method.toUpperCase()} ${url} ${body ?? ''} → ${res.status}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
    expect((await admin.get('/api/me')).status).toBe(200); // the loop ran logged in
  });
});

describe('the web words field errors in the UI’s language', () => {
  afterEach(() => vi.unstubAllGlobals());
  const inLocale = (l: 'nl' | 'en') => vi.stubGlobal('localStorage', { getItem: () => l, setItem: () => undefined });
  const apiError = async (res: Response) => {
    const { error } = (await res.json()) as ErrorBody;
    return new ApiError(res.status, error.code, error.message, error.details);
  };

  it('Dutch first, from the codes and limits the server sends; English when the UI is English', async () => {
    const t = await testApp();
    const admin = await t.as('admin');
    const res = () =>
      admin.post('/api/projects', { name: '', eigenaar: 'x'.repeat(2001), budgetHours: -1, phase: 'SLAPEN', startDate: '1 maart', areaIds: 'x', extra: 1 });
    const nl = await apiError(await res());
    inLocale('nl');
    expect(['name', 'eigenaar', 'budgetHours', 'phase', 'startDate', 'areaIds', 'extra'].map((f) => nl.field(f))).toEqual([
      'Vul dit in.',
      'Gebruik hoogstens 2.000 tekens.',
      'Vul 0 of meer in.',
      'Kies een van de mogelijkheden.',
      'Dit heeft niet de goede vorm.',
      'Kies uit de lijst.',
      'Onbekend veld.',
    ]);
    inLocale('en');
    expect(['name', 'eigenaar', 'budgetHours', 'startDate', 'extra'].map((f) => nl.field(f))).toEqual([
      'Fill this in.',
      'Use at most 2,000 characters.',
      'Enter 0 or more.',
      'Use YYYY-MM-DD', // the schema's own words are more precise than plain ones
      'Unknown field.',
    ]);

    const users = await apiError(await admin.post('/api/users', { name: 'A', role: 'worker', password: 'kort' }));
    inLocale('nl');
    expect([users.field('email'), users.field('password')]).toEqual(['Vul dit in.', 'Gebruik minstens 10 tekens.']);
    const email = await apiError(await admin.post('/api/users', { email: 'geen-mail', name: 'A', role: 'worker', password: 'long enough pw' }));
    expect(email.field('email')).toBe('Vul een e-mailadres in, zoals naam@voorbeeld.nl.');
  });

  it('a route’s own error: its bilingual message, in the UI’s language, rather than the English detail', async () => {
    const t = await testApp();
    const admin = await t.as('admin');
    const area = await apiError(await admin.post('/api/projects', { name: 'P', areaIds: [999] }));
    inLocale('nl');
    expect(area.field('areaIds')).toBe('Dit gebied bestaat niet (999). Kies een ander gebied.');
    inLocale('en');
    expect(area.field('areaIds')).toBe('This area does not exist (999). Choose another area.');
    const dates = await apiError(await admin.post('/api/projects', { name: 'P', startDate: '2026-05-01', endDate: '2026-04-01' }));
    inLocale('nl');
    expect(dates.field('endDate')).toBe('Deze dag ligt voor de startdatum. Kies een latere dag.');
    // the error's own message is the UI's half too
    inLocale('en');
    expect(new ApiError(404, 'not_found', 'Versie niet gevonden / Version not found').message).toBe('Version not found');
    inLocale('nl');
    expect(new ApiError(404, 'not_found', 'Versie niet gevonden / Version not found').message).toBe('Versie niet gevonden');
    // a page's own (already translated) message stays as it is
    expect(
      new ApiError(400, 'invalid_input', 'Kies een datum in de toekomst.', [{ field: 'expiresAt', message: 'Kies een datum in de toekomst.' }]).field(
        'expiresAt',
      ),
    ).toBe('Kies een datum in de toekomst.');
  });
});
