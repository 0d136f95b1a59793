// "Delen met een financier" when the select would offer nothing: without funder accounts it says
// so and where an admin makes one (an admin gets the link); once every funder reads the report, it
// says that instead of an empty select and a grey button.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkA11y } from '../helpers/a11y.js';
import { startE2E, type E2E } from '../helpers/browser.js';
import { reportWorld } from '../helpers/reports-fixtures.js';

describe('browser: sharing a report when there is no funder to choose', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E();
  });
  afterAll(async () => e?.close());

  it('says there are no funder accounts and where they are made; once every funder has access, says so', { timeout: 60_000 }, async () => {
    const w = await reportWorld(e.db);
    const coordinator = await e.user('coordinator');
    const admin = await e.user('admin');
    const ctx = await e.context();
    const page = await ctx.newPage();
    page.setDefaultTimeout(8000);
    await e.login(page, coordinator.email);
    const made = await page.request.post('/api/reports', {
      headers: { origin: e.baseUrl },
      data: { title: 'Verslag Noord', audience: 'funder', periodFrom: '2026-01-01', periodTo: '2026-12-31', projectIds: [w.projectId] },
    });
    const id = ((await made.json()) as { report: { id: number } }).report.id;

    // No funder accounts at all: a sentence, no select and no grey button.
    await page.goto(`/reports/${id}`);
    const share = page.locator('section[aria-labelledby="share-h"]');
    await share
      .getByText('Er zijn nog geen financiersaccounts. Een beheerder maakt ze aan op de pagina Gebruikers (menu Beheer), met de rol Financier.')
      .waitFor();
    expect(await share.getByLabel('Financiersaccount').count()).toBe(0);
    expect(await share.getByRole('button', { name: 'Delen', exact: true }).count()).toBe(0);

    // An admin reads the same with the users page linked.
    const actx = await e.context();
    const apage = await actx.newPage();
    await e.login(apage, admin.email);
    await apage.goto(`/reports/${id}`);
    const link = apage.locator('section[aria-labelledby="share-h"]').getByRole('link', { name: 'Gebruikers' });
    await link.waitFor();
    expect(await link.getAttribute('href')).toBe('/users');
    await actx.close();

    // One funder: chosen and shared; then every funder reads it, and the section says so.
    const funder = await e.user('funder');
    await page.reload();
    await share.getByLabel('Financiersaccount').selectOption(String(funder.id));
    await share.getByRole('button', { name: 'Delen', exact: true }).click();
    await share.getByRole('button', { name: /^Niet meer delen met / }).waitFor();
    await share
      .getByText(
        'Alle financiers kunnen deze rapportage al lezen. Voor een nieuwe financier maakt een beheerder eerst een account aan op de pagina Gebruikers (menu Beheer).',
      )
      .waitFor();
    expect(await share.getByLabel('Financiersaccount').count()).toBe(0);
    await checkA11y(page, 'report-share-all');
    await e.screenshot(page, 'report-share-all');

    // Stopping the share offers the funder again.
    await share.getByRole('button', { name: /^Niet meer delen met / }).click();
    await share.getByLabel('Financiersaccount').waitFor();
    await ctx.close();
  });
});
