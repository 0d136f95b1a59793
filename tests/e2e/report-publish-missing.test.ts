// Where figures are missing from a report (an outcome without an indicator, an indicator without an
// outcome), the editor says so in the question before publishing, where the coordinator decides; an
// indicator without an outcome is named while editing too, beside the outcomes choice, linked to where
// it gets one. On a phone each is one short line with the names folded under it. Walked at 360 and 1280 px.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2E, type E2E } from '../helpers/browser.js';
import { checkA11y } from '../helpers/a11y.js';
import { addIndicator, addOutcome, reportMadeBy, reportWorld } from '../helpers/reports-fixtures.js';

describe('browser: missing figures before publishing', () => {
  let e: E2E;
  let coordinator: string;
  let reportId: number;
  let youth: number;
  let loose: number;
  beforeAll(async () => {
    e = await startE2E();
    const w = await reportWorld(e.db);
    youth = await addOutcome(e.db, w.projectId, 'Jongeren doen mee');
    loose = await addIndicator(e.db, { projectId: w.projectId, outcomeId: null, name: 'Losse telling', targets: {}, values: { '2026-Q1': 3 } });
    coordinator = (await e.user('coordinator')).email;
    reportId = await reportMadeBy(e, coordinator, {
      title: 'Buurtkracht 2026',
      audience: 'funder',
      periodFrom: '2026-01-01',
      periodTo: '2026-12-31',
      projectIds: [w.projectId],
    });
  });
  afterAll(async () => e?.close());

  for (const phone of [true, false]) {
    const width = phone ? 360 : 1280;
    it(`at ${width} px the missing figures show once, in the question before publishing${phone ? ', folded to one line' : ''}`, async () => {
      const page = await (await e.context({ phone })).newPage();
      await e.login(page, coordinator);
      await page.goto(`/reports/${reportId}`);
      const publish = page.getByRole('button', { name: 'Publiceren als nieuwe versie' });
      await publish.waitFor();
      // Before asking, nothing about missing figures beside the button.
      const versions = page.getByRole('region', { name: 'Gepubliceerde versies' });
      await versions.getByText('Nog geen gepubliceerde versies.').waitFor();
      await expect(page.getByText(/ontbreken cijfers/).count()).resolves.toBe(0);

      await publish.click();
      const question = page.getByRole('group', { name: 'Versie 1 publiceren?' });
      await question.getByRole('button', { name: 'Ja, publiceer versie 1' }).waitFor();
      const line = page.getByText('Let op: op 2 plekken ontbreken cijfers', { exact: true });
      await expect(line.count()).resolves.toBe(1);
      await expect(question.getByText('Let op: op 2 plekken ontbreken cijfers').count()).resolves.toBe(1);
      const outcome = question.getByRole('listitem').filter({ hasText: 'Jongeren doen mee (Buurtkracht Noord)' });
      const indicator = question.getByRole('listitem').filter({ hasText: 'Losse telling (Buurtkracht Noord)' });
      if (phone) {
        // Folded: the line takes little room; the names open under it.
        await expect(outcome.isVisible()).resolves.toBe(false);
        expect((await line.boundingBox())!.height).toBeLessThan(60);
        await line.click();
      }
      await outcome.waitFor();
      await indicator.waitFor();
      await expect(page.getByText('Jongeren doen mee (Buurtkracht Noord)').count()).resolves.toBe(1);
      await e.screenshot(page, `report-publish-missing-${width}`);
      await checkA11y(page, `missing figures before publishing at ${width} px`);
      await page.context().close();
    });
  }

  // Last: it gives the indicator its outcome.
  it('at 360 px the definition names an indicator without an outcome, linked to its page, and is quiet once it has one', async () => {
    const page = await (await e.context({ phone: true })).newPage();
    await e.login(page, coordinator);
    await page.goto(`/reports/${reportId}`);
    // Folded, the definition's own line says it already.
    await page.getByText(/ · 1 indicator zonder uitkomst$/).waitFor();
    await page.getByRole('button', { name: 'Opzet' }).click();
    const line = page.getByText('1 indicator hoort bij geen uitkomst en komt niet in de rapportage:', { exact: true });
    await line.waitFor();
    // Folded on a phone: the name opens under the line.
    const link = page.getByRole('link', { name: 'Losse telling (Buurtkracht Noord)' });
    await expect(link.isVisible()).resolves.toBe(false);
    await line.click();
    await link.waitFor();
    await e.screenshot(page, 'report-definition-unlinked-360');
    await checkA11y(page, 'indicator without an outcome in the definition at 360 px');
    await link.click();
    await page.waitForURL(`**/indicators/${loose}/edit`);
    await page.getByRole('heading', { level: 1, name: 'Indicator bewerken' }).waitFor();

    await e.db.updateTable('indicators').set({ outcomeId: youth }).where('id', '=', loose).execute();
    await page.goto(`/reports/${reportId}`);
    await page.getByRole('button', { name: 'Opzet' }).click();
    await page.locator('ww-report-preview').waitFor({ state: 'attached' });
    await page.getByLabel('Titel').waitFor();
    await expect(page.getByText(/hoort bij geen uitkomst|horen bij geen uitkomst|zonder uitkomst/).count()).resolves.toBe(0);
    await page.context().close();
  });
});
