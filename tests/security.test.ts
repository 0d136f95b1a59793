import { describe, expect, it } from 'vitest';
import { ORIGIN, testApp } from './helpers/app.js';

describe('security headers', () => {
  it('sends a strict CSP and the usual headers on pages and API', async () => {
    const t = await testApp();
    for (const path of ['/', '/api/me', '/api/openapi.json', '/api/docs']) {
      const res = await t.anon.get(path);
      const csp = res.headers.get('content-security-policy')!;
      expect(csp, path).toContain("default-src 'self'");
      const script = csp
        .split(';')
        .map((d) => d.trim())
        .find((d) => d.startsWith('script-src'))!;
      expect(script).toBe("script-src 'self'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    }
  });

  it('sends HSTS and a Secure cookie over https', async () => {
    const t = await testApp();
    await t.as('worker', 'wil@example.nl');
    const res = await t.app.request('https://weefwerk.example.nl/api/auth/login', {
      method: 'POST',
      headers: { origin: 'https://weefwerk.example.nl', 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'wil@example.nl', password: 'correct horse battery' }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    expect(res.headers.get('set-cookie')).toMatch(/Secure/);
  });
});

describe('CSRF on cookie-authenticated writes', () => {
  it('refuses cross-site Origin and Sec-Fetch-Site, and a cookie write without either', async () => {
    const t = await testApp();
    const admin = await t.as('admin');
    const attempt = (headers: Record<string, string>) => admin.request('POST', '/api/projects', { name: 'Overval' }, headers);
    expect((await attempt({ origin: 'https://evil.example' })).status).toBe(403);
    expect((await attempt({ origin: 'null' })).status).toBe(403);
    expect((await attempt({ 'sec-fetch-site': 'cross-site', origin: ORIGIN })).status).toBe(403);
    expect((await attempt({ 'sec-fetch-site': 'same-site', origin: ORIGIN })).status).toBe(403);
    const noOrigin = await t.app.request(`${ORIGIN}/api/projects`, {
      method: 'POST',
      headers: { cookie: admin.cookie!, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Overval' }),
    });
    expect(noOrigin.status).toBe(403);
    expect((await noOrigin.json()).error.code).toBe('forbidden');
    expect(await t.db.selectFrom('projects').selectAll().execute()).toHaveLength(0);

    expect((await attempt({ 'sec-fetch-site': 'same-origin' })).status).toBe(201);
    expect((await attempt({ origin: ORIGIN })).status).toBe(201);
  });

  it('refuses a cross-site login (login CSRF)', async () => {
    const t = await testApp();
    await t.as('worker', 'wil@example.nl');
    const res = await t.anon.request(
      'POST',
      '/api/auth/login',
      { email: 'wil@example.nl', password: 'correct horse battery' },
      { origin: 'https://evil.example' },
    );
    expect(res.status).toBe(403);
  });

  it('lets reads through from anywhere (they change nothing)', async () => {
    const t = await testApp();
    const admin = await t.as('admin');
    expect((await admin.request('GET', '/api/projects', undefined, { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' })).status).toBe(200);
  });
});

describe('caching', () => {
  it('caches hashed assets for ever, HTML never, API not at all', async () => {
    const t = await testApp();
    const page = await t.anon.get('/projects/3');
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const html = await page.text();
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(asset, 'web bundle built (npm run build)').toBeTruthy();
    const res = await t.anon.get(asset!);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toMatch(/immutable/);
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    expect((await t.anon.get('/api/me')).headers.get('cache-control')).toBe('no-store');
    expect(await (await t.anon.get('/assets/%2e%2e/package.json')).text()).not.toContain('"dependencies"');
    expect((await t.anon.get('/assets/missing-abc123.js')).status).toBe(404);
  });
});

describe('audit log', () => {
  it('records user, role and session changes with who, what, when and target', async () => {
    const t = await testApp();
    const admin = await t.as('admin', 'beheer@example.nl');
    const created = await admin.post('/api/users', { email: 'ann@example.nl', name: 'Ann', role: 'worker', password: 'long enough pw' });
    const ann = (await created.json()).user;
    await admin.patch(`/api/users/${ann.id}`, { role: 'coordinator' });
    await admin.patch(`/api/users/${ann.id}`, { disabled: true });
    const res = await admin.get(`/api/audit?targetType=user&targetId=${ann.id}`);
    expect(res.status).toBe(200);
    const entries = (await res.json()).entries as { actor: string; action: string; at: string; details: unknown }[];
    expect(entries.map((e) => e.action)).toEqual(['session.end_all', 'user.disable', 'session.end_all', 'user.role_change', 'user.create']);
    expect(entries.every((e) => e.actor === 'beheer@example.nl' && !Number.isNaN(Date.parse(e.at)))).toBe(true);
    expect(entries[3]!.details).toEqual({ from: 'worker', to: 'coordinator' });
  });

  it('has no API that edits or deletes it', async () => {
    const t = await testApp();
    const admin = await t.as('admin');
    const spec = await (await t.anon.get('/api/openapi.json')).json();
    for (const [path, ops] of Object.entries(spec.paths as Record<string, object>)) {
      if (path.includes('audit')) expect(Object.keys(ops)).toEqual(['get']);
    }
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      expect((await admin.request(method, '/api/audit', {})).status).toBe(404);
      expect((await admin.request(method, '/api/audit/1', {})).status).toBe(404);
    }
    const worker = await t.as('worker');
    expect((await worker.get('/api/audit')).status).toBe(403);
  });
});

describe('OpenAPI', () => {
  it('documents every route of the foundation from the zod schemas, and serves a reference page', async () => {
    const t = await testApp();
    const spec = await (await t.anon.get('/api/openapi.json')).json();
    expect(spec.openapi).toBe('3.1.0');
    for (const p of [
      '/api/auth/login',
      '/api/auth/logout',
      '/api/me',
      '/api/setup',
      '/api/users',
      '/api/users/{id}',
      '/api/areas',
      '/api/projects',
      '/api/projects/{id}',
      '/api/projects/{id}/members',
    ]) {
      expect(Object.keys(spec.paths), p).toContain(p);
    }
    expect(spec.components.schemas.NewProject.additionalProperties).toBe(false);
    const docs = await t.anon.get('/api/docs');
    expect(docs.status).toBe(200);
    expect(await docs.text()).not.toMatch(/<script>(?!<\/script>)/);
  });
});
