// The report editor and its parts load through PageLoader: a part that cannot load says so beside
// the rest of the page and loads again with "Opnieuw proberen"; a field error in the per-outcome
// texts is named beside its field (form-field). Walked at 360 and 1280 px.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2E, type E2E } from '../helpers/browser.js';
import { reportMadeBy, reportWorld } from '../helpers/reports-fixtures.js';

describe('browser: the report editor loading its parts', () => {
  let e: E2E;
  let coordinator: string;
  let reportId: number;
  beforeAll(async () => {
    e = await startE2E();
    const w = await reportWorld(e.db);
    coordinator = (await e.user('coordinator')).email;
    reportId = await reportMadeBy(e, coordinator, {
      title: 'Buurtkracht 2026',
      audience: 'funder',
      periodFrom: '2026-01-01',
      periodTo: '2026-12-31',
      projectIds: [w.projectId],
      outcomeIds: [w.outcomeId],
    });
  });
  afterAll(async () => e?.close());

  for (const phone of [true, false]) {
    const width = phone ? 360 : 1280;
    it(`at ${width} px: parts that fail to load say so and load again; the rest of the editor works meanwhile`, async () => {
      const page = await (await e.context({ phone })).newPage();
      page.setDefaultTimeout(10_000);
      await e.login(page, coordinator);
      let outcomeFailures = 1;
      let linkFailures = 1;
      await page.route(`**/api/reports/${reportId}/outcomes`, (route) =>
        route.request().method() === 'GET' && outcomeFailures-- > 0 ? route.fulfill({ status: 503, body: '' }) : route.continue(),
      );
      await page.route(`**/api/reports/${reportId}/links`, (route) =>
        route.request().method() === 'GET' && linkFailures-- > 0 ? route.fulfill({ status: 503, body: '' }) : route.continue(),
      );
      await page.goto(`/reports/${reportId}`);
      await page.getByRole('heading', { level: 1, name: 'Buurtkracht 2026' }).first().waitFor();
      // The failed part keeps its heading, so its message says what did not load.
      const texts = page.getByRole('region', { name: 'Per uitkomst: wat we zien en welke verhalen' });
      await texts.getByRole('alert').getByText('Laden lukte niet.').waitFor();
      await page.getByRole('alert').getByText('De leeslinks konden niet geladen worden.').waitFor();
      // The definition can still be read and saved while the parts failed.
      await expect(page.getByLabel('Titel').inputValue()).resolves.toBe('Buurtkracht 2026');
      await e.screenshot(page, `report-edit-load-failed-${width}`);

      const retries = page.getByRole('button', { name: 'Opnieuw proberen' });
      await expect.poll(() => retries.count()).toBe(2);
      await retries.first().click();
      const outcome = page.getByRole('button', { name: /^Bewoners kennen elkaar beter/ });
      await outcome.click();
      await page.getByRole('group', { name: 'Verhalen bij "Bewoners kennen elkaar beter"' }).waitFor();
      await outcome.click(); // folded again: an error in it unfolds it (below)
      await retries.first().click();
      await page.getByText('Nog geen leeslinks gemaakt.').waitFor();
      await expect.poll(() => retries.count()).toBe(0);

      // A field error in the per-outcome texts is named beside the field it is about.
      await page.route(`**/api/reports/${reportId}`, (route) =>
        route.request().method() === 'PATCH'
          ? route.fulfill({
              status: 400,
              contentType: 'application/json',
              body: JSON.stringify({
                error: {
                  code: 'invalid',
                  message: 'Ongeldige invoer',
                  details: [
                    {
                      field: 'perOutcome.0.storyIds',
                      message: 'Deze rapportage mag dit verhaal niet tonen bij deze uitkomst / This report may not show this story for this outcome: 9',
                    },
                  ],
                },
              }),
            })
          : route.continue(),
      );
      await page.getByRole('button', { name: 'Teksten en verhalen opslaan' }).click();
      await expect.poll(() => outcome.getAttribute('aria-expanded')).toBe('true');
      const stories = page.getByRole('group', { name: 'Verhalen bij "Bewoners kennen elkaar beter"' });
      await expect.poll(() => stories.getAttribute('aria-invalid')).toBe('true');
      await expect.poll(() => page.locator('#stories-0-error').innerText()).toBe('Deze rapportage mag dit verhaal niet tonen bij deze uitkomst');
      await expect(stories.getAttribute('aria-describedby')).resolves.toBe('stories-0-error');
      await e.screenshot(page, `report-edit-texts-error-${width}`);
      await page.unroute(`**/api/reports/${reportId}`);
      await page.goto(`/reports/${reportId}`);
      await page.getByRole('heading', { name: 'Voorbeeld' }).waitFor();
      await page.locator('.preview').waitFor();
      // The preview is styled as the funder's page: on a phone the summary is cards, not a table to scroll.
      const summary = page.locator('ww-report-preview').getByRole('region', { name: 'Samenvatting: werkte het?' });
      expect(await summary.evaluate((r) => r.scrollWidth - r.clientWidth)).toBeLessThanOrEqual(0);
      // The editor is long: a link at its top goes to the preview and puts the focus on its heading.
      await page.getByRole('link', { name: /^Naar het voorbeeld/ }).click();
      const focused = () =>
        page.evaluate(() => {
          let a = document.activeElement;
          while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
          return a?.textContent;
        });
      await expect.poll(focused).toBe('Voorbeeld');
      await e.screenshot(page, `report-edit-${width}`);
      await page.context().close();
    });
  }
});
