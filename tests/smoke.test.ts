import { describe, expect, it } from 'vitest';
import { testApp } from './helpers/app.js';

describe('smoke', () => {
  it('logs in and reads /api/me', async () => {
    const t = await testApp();
    const admin = await t.as('admin');
    const res = await admin.get('/api/me');
    expect(res.status).toBe(200);
    expect((await res.json()).user.role).toBe('admin');
    const p = await admin.post('/api/projects', { name: 'Buurtkamer', phase: 'ZIEN' });
    expect(p.status).toBe(201);
    const doc = await t.anon.get('/api/openapi.json');
    const spec = await doc.json();
    expect(Object.keys(spec.paths)).toContain('/api/projects/{id}');
  });
});
