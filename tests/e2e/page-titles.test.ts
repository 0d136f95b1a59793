// Every page has its own document title, in the user's language: tabs, history and screen
// readers tell pages apart by it. The test walks every route of the app (web/routes.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startE2E, type E2E } from '../helpers/browser.js';
import { apiAs } from '../helpers/journey-fixtures.js';
import { addIndicator, addOutcome } from '../helpers/reports-fixtures.js';
import { makeProject, makeStory } from '../helpers/sensemaking-fixtures.js';
import { routes } from '../../web/routes.js';

/** The title once the page has settled (a page adds its subject when its data is there). */
async function settledTitle(page: Page, path: string, expected?: RegExp): Promise<string> {
  await page.goto(path);
  if (expected) await expect.poll(() => page.title(), { timeout: 10_000 }).toMatch(expected);
  else await page.waitForFunction(() => document.title !== 'Weefwerk');
  return page.title();
}

describe('browser: a title per page', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E();
  });
  afterAll(async () => e?.close());

  it('every route has a distinct, specific title in Dutch and English; pages add what they are about', async () => {
    const admin = await e.user('admin');
    const api = await apiAs(e, admin.email);
    const projectId = await makeProject(e.db, 'Buurtkamer Oost');
    const storyId = await makeStory(e.db, { projectId, title: 'Groeten op straat' });
    const outcomeId = await addOutcome(e.db, projectId, 'Buren kennen elkaar');
    const indicatorId = await addIndicator(e.db, { projectId, outcomeId, name: 'Bezoekers per week', targets: {}, values: {} });
    const link = (await api.post(`/api/projects/${projectId}/links`, { label: 'Poster' }, 201)).link as { id: number };
    const report = (
      await api.post(
        '/api/reports',
        { title: 'Jaarverslag 2026', audience: 'funder', periodFrom: '2026-01-01', periodTo: '2026-12-31', projectIds: [projectId] },
        201,
      )
    ).report as { id: number };
    const round = (
      await api.post(
        '/api/msc-rounds',
        { domain: 'Meedoen in de buurt', periodFrom: '2026-01-01', periodTo: '2026-03-31', projectIds: [projectId], panelUserIds: [admin.id] },
        201,
      )
    ).round as { id: number };
    const ids: Record<string, number> = { id: projectId, indicatorId, linkId: link.id, storyId };
    const concrete = (path: string) => {
      if (path.startsWith('/stories/:id') || path === '/coding/:storyId') return path.replace(':id', String(storyId)).replace(':storyId', String(storyId));
      if (path.startsWith('/reports/:id')) return path.replace(':id', String(report.id));
      if (path === '/msc/:id') return `/msc/${round.id}`;
      return path.replace(/:(\w+)/g, (_, name: string) => String(ids[name]));
    };
    // What each page with a subject adds to its title once loaded.
    const subject: Record<string, string> = {
      '/projects/:id': 'Buurtkamer Oost',
      '/projects/:id/indicators': 'Buurtkamer Oost',
      '/projects/:id/hours': 'Buurtkamer Oost',
      '/projects/:id/edit': 'Buurtkamer Oost',
      '/projects/:id/links': 'Buurtkamer Oost',
      '/projects/:id/links/:linkId/poster': 'Buurtkamer Oost',
      '/projects/:id/qda': 'Buurtkamer Oost',
      '/projects/:id/outcomes': 'Buurtkamer Oost',
      '/indicators/:indicatorId/edit': 'Bezoekers per week',
      '/stories/:id': 'Groeten op straat',
      '/stories/:id/edit': 'Groeten op straat',
      '/stories/:id/review': 'Groeten op straat',
      '/coding/:storyId': 'Groeten op straat',
      '/reports/:id': 'Jaarverslag 2026',
      '/msc/:id': 'Meedoen in de buurt',
    };
    // A published version is a server-rendered document with its own title; the pages before
    // login are walked logged out below.
    const app = routes.filter((r) => r.roles && r.path !== '/reports/:id/versions/:n');

    for (const lang of ['nl', 'en'] as const) {
      const page = await (await e.context()).newPage();
      await page.addInitScript((l) => localStorage.setItem('weefwerk.locale', l), lang);
      await e.db.updateTable('users').set({ locale: lang }).where('id', '=', admin.id).execute();
      for (const r of routes.filter((x) => !x.roles)) {
        const title = await settledTitle(page, r.path);
        expect(title, r.path).toBe(`${r.title[lang]} – Weefwerk`);
      }
      await e.login(page, admin.email);
      const seen = new Map<string, string>();
      for (const r of app) {
        const about = subject[r.path];
        const expected = about ? new RegExp(`^${r.title[lang]}: ${about} – Weefwerk$`) : new RegExp(`^${r.title[lang]} – Weefwerk$`);
        const title = await settledTitle(page, concrete(r.path), expected);
        expect(title, r.path).toMatch(expected);
        expect(seen.get(title), `${r.path} has the same title as ${seen.get(title)}`).toBeUndefined();
        seen.set(title, r.path);
      }
      expect(new Set([...seen.keys()]).size).toBe(app.length);
      const unknown = await settledTitle(page, '/no/such/page');
      expect(unknown).toBe(lang === 'nl' ? 'Pagina niet gevonden – Weefwerk' : 'Page not found – Weefwerk');
      await page.context().close();
    }
  }, 180_000);

  it('resident pages are titled in the resident’s language', async () => {
    const admin = await e.user('admin');
    const api = await apiAs(e, admin.email);
    const projectId = await makeProject(e.db, 'Speeltuin West');
    const link = (await api.post(`/api/projects/${projectId}/links`, { label: 'Flyer' }, 201)).link as { token: string };
    const page = await (await e.context({ locale: 'nl-NL' })).newPage();
    await expect(settledTitle(page, `/t/${link.token}`, /Speeltuin West/)).resolves.toBe('Vertel je verhaal – Speeltuin West – Weefwerk');
    await expect(settledTitle(page, '/r', /terugvinden/)).resolves.toBe('Je verhaal terugvinden – Weefwerk');
    await page.context().close();
    const en = await (await e.context({ locale: 'en-GB' })).newPage();
    await expect(settledTitle(en, `/t/${link.token}`, /Speeltuin West/)).resolves.toBe('Tell your story – Speeltuin West – Weefwerk');
    await en.context().close();
  });
});
