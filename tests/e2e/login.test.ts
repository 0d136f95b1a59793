import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2E, type E2E } from '../helpers/browser.js';

describe('browser: login', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E();
  });
  afterAll(async () => e?.close());

  it('a worker logs in and sees their name', async () => {
    const { email } = await e.user('worker');
    const ctx = await e.context();
    const page = await ctx.newPage();
    await e.login(page, email);
    await expect(page.getByText('Worker 1').first().isVisible()).resolves.toBe(true);
    await ctx.close();
  });
});
