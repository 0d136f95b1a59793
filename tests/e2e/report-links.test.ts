import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activate, checkA11y, expectNameAndHint, isFocused } from '../helpers/a11y.js';
import { startE2E, type E2E } from '../helpers/browser.js';
import { reportWorld } from '../helpers/reports-fixtures.js';

describe('browser: a coordinator revokes a read link', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E();
  });
  afterAll(async () => e?.close());

  it(
    'lists the links with their status and revokes one by keyboard, after confirming; the link then answers 410, in Dutch or English',
    { timeout: 90_000 },
    async () => {
      const w = await reportWorld(e.db);
      const coordinator = await e.user('coordinator');
      const ctx = await e.context();
      const page = await ctx.newPage();
      page.setDefaultTimeout(8000);
      await e.login(page, coordinator.email);
      const headers = { origin: e.baseUrl };
      const created = await page.request.post('/api/reports', {
        headers,
        data: { title: 'Jaarverslag Noord 2026', audience: 'funder', periodFrom: '2026-01-01', periodTo: '2026-12-31', projectIds: [w.projectId] },
      });
      const id = ((await created.json()) as { report: { id: number } }).report.id;
      expect((await page.request.post(`/api/reports/${id}/versions`, { headers })).status()).toBe(201);
      const expiresAt = new Date(Date.now() + 30 * 86_400_000).toISOString();
      expect((await page.request.post(`/api/reports/${id}/links`, { headers, data: { expiresAt, label: 'Fonds Noord' } })).status()).toBe(201);

      await page.goto(`/reports/${id}`);
      await page.getByRole('heading', { name: 'Gemaakte leeslinks' }).waitFor();
      const until = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
      await page.getByLabel('Geldig tot en met').fill(until);
      const linkLabel = page.getByRole('textbox', { name: 'Voor wie (niet verplicht)', exact: true });
      await expectNameAndHint(linkLabel, 'Voor wie (niet verplicht)', 'Bijvoorbeeld "Gemeente, afdeling Welzijn": zo herken je de link later in de lijst.');
      await linkLabel.fill('Verkeerde ontvanger');
      // The button is disabled while the link is made; the focus comes back to it, next to the new link.
      const make = page.getByRole('button', { name: 'Link maken' });
      await make.press('Enter');
      const url = (await page.locator('p.notice code').textContent())!;
      await expect.poll(() => isFocused(make)).toBe(true);
      const item = page.locator('li.link', { hasText: 'Verkeerde ontvanger' });
      await item.getByText('Actief').waitFor();
      await checkA11y(page, 'report read links');

      // Keyboard only: Revoke asks first; Escape goes back to the button.
      const revoke = page.getByRole('button', { name: 'Leeslink "Verkeerde ontvanger" intrekken' });
      await activate(page, revoke);
      const confirm = item.getByRole('button', { name: 'Ja, intrekken' });
      await confirm.waitFor();
      expect(await isFocused(confirm)).toBe(true);
      await checkA11y(page, 'revoke confirmation');
      await page.keyboard.press('Escape');
      await revoke.waitFor();
      expect(await isFocused(revoke)).toBe(true);
      await page.keyboard.press('Enter');
      await confirm.waitFor();
      await page.keyboard.press('Enter');

      await page.getByRole('status').getByText('De leeslink "Verkeerde ontvanger" is ingetrokken.').waitFor();
      await item.getByText('Ingetrokken', { exact: true }).waitFor();
      expect(await revoke.count()).toBe(0);
      expect(await page.getByText('Kopieer deze link nu').count()).toBe(0); // the revoked link is not offered for copying
      // the other link stays active
      await page.locator('li.link', { hasText: 'Fonds Noord' }).getByText('Actief').waitFor();
      await checkA11y(page, 'after revoking');
      await e.screenshot(page, 'report-links-revoked');

      // A visitor without an account gets the page in their browser's language.
      const visitor = await (await e.browser.newContext({ baseURL: e.baseUrl, locale: 'nl-NL' })).newPage();
      visitor.setDefaultTimeout(8000);
      const res = await visitor.goto(url);
      expect(res!.status()).toBe(410);
      await visitor.getByRole('heading', { name: 'Deze link is ingetrokken' }).waitFor();
      await visitor.getByRole('link', { name: 'English' }).click();
      await visitor.getByRole('heading', { name: 'This link has been revoked' }).waitFor();
      await ctx.close();

      // The version page in English, reached by its visible language switch, passes axe.
      const actx = await e.browser.newContext({ baseURL: e.baseUrl, bypassCSP: true });
      const apage = await actx.newPage();
      apage.setDefaultTimeout(8000);
      await e.login(apage, coordinator.email);
      await apage.goto(`/reports/${id}/versions/1`);
      await activate(apage, apage.getByRole('link', { name: 'English' }));
      await apage.waitForURL(/\?lang=en$/);
      await apage.getByRole('term').filter({ hasText: 'Period' }).waitFor();
      expect(await apage.getAttribute('html', 'lang')).toBe('en');
      await checkA11y(apage, 'report version page in English');
      await actx.close();
    },
  );
});
