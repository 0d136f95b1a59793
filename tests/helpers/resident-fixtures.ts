import axe from 'axe-core';
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import type { E2E } from './browser.js';
import { CLIMATE } from './journey-fixtures.js';

/**
 * Runs axe-core (WCAG 2.0/2.1 A and AA, WCAG 2.2 AA rules) in the page; returns the violations, compactly.
 * axe is evaluated through the DevTools protocol, so the page's CSP (no inline scripts) stays on.
 */
export async function axeViolations(page: Page): Promise<{ id: string; help: string; targets: string[] }[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
  return page.evaluate(async () => {
    const result = await (window as unknown as { axe: typeof axe }).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    });
    return result.violations.map((v) => ({ id: v.id, help: v.help, targets: v.nodes.map((n) => `${JSON.stringify(n.target)} ${n.html.slice(0, 200)}`) }));
  });
}

/** JSON API calls from a logged-in page (its cookies), with the same-origin header the CSRF check wants. */
export function apiOf(e: E2E, page: Page) {
  const call = async (method: 'GET' | 'POST' | 'PATCH' | 'PUT', path: string, data?: unknown) => {
    const res = await page.request.fetch(e.baseUrl + path, { method, data, headers: { origin: e.baseUrl } });
    const body = await res.text();
    return { status: res.status(), json: body ? JSON.parse(body) : undefined, text: body };
  };
  return {
    get: (path: string) => call('GET', path),
    post: (path: string, data: unknown = {}) => call('POST', path, data),
    patch: (path: string, data: unknown) => call('PATCH', path, data),
    put: (path: string, data: unknown) => call('PUT', path, data),
  };
}

/** Two climate variables from the catalogue (atmosphere, image), chosen by the project. */
export async function chooseClimateVariables(e: E2E, projectId: number): Promise<number[]> {
  const ids: number[] = [];
  for (const [i, r] of CLIMATE.entries()) {
    const existing = await e.db.selectFrom('climateVariables').select('id').where('key', '=', r.key).executeTakeFirst();
    const id =
      existing?.id ??
      (
        await e.db
          .insertInto('climateVariables')
          .values({ ...r, groupKey: 'social', groupNl: 'Sociaal klimaat', groupEn: 'Social climate', sort: i })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    await e.db.insertInto('projectClimateVariables').values({ projectId, variableId: id }).execute();
    ids.push(id);
  }
  return ids;
}

/** A coordinator's project "Buurtkamer Transvaal" with a link for residents (and, asked for, two climate questions). */
export async function residentLink(e: E2E, opts: { climate?: boolean } = {}): Promise<{ projectId: number; token: string }> {
  const { email } = await e.user('coordinator');
  const ctx = await e.context();
  const page = await ctx.newPage();
  await e.login(page, email);
  const api = apiOf(e, page);
  const projectId = (await api.post('/api/projects', { name: 'Buurtkamer Transvaal' })).json.project.id as number;
  if (opts.climate) await chooseClimateVariables(e, projectId);
  const token = (await api.post(`/api/projects/${projectId}/links`, { label: 'Poster' })).json.link.token as string;
  await ctx.close();
  return { projectId, token };
}

/** Records on the story form with the fake microphone for `ms`, then stops. */
export async function recordFor(page: Page, ms: number): Promise<void> {
  await page.getByRole('button', { name: 'Spreek je verhaal in' }).click();
  await page.getByRole('status').getByText('Aan het opnemen').waitFor();
  await page.waitForTimeout(ms);
  await page.getByRole('button', { name: 'Stop de opname' }).click();
}

/** Checks that nothing on the page is wider than the viewport (no sideways scrolling). */
export async function expectNoSidewaysScroll(page: Page, width = 360): Promise<void> {
  const { scrollWidth, wide } = await page.evaluate((w) => {
    const wide: string[] = [];
    const walk = (root: Document | ShadowRoot) =>
      root.querySelectorAll('*').forEach((el) => {
        if (el.getBoundingClientRect().right > w + 0.5) wide.push(`${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${String(el.className)}`);
        if (el.shadowRoot) walk(el.shadowRoot);
      });
    walk(document);
    return { scrollWidth: document.documentElement.scrollWidth, wide: wide.slice(0, 10) };
  }, width);
  expect(scrollWidth, `wider than ${width}px: ${wide.join(', ')}`).toBeLessThanOrEqual(width);
}
