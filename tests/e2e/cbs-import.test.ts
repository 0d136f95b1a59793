// A coordinator imports a real CBS export (StatLine CSV from ../shared/data/cbs) and sees which of
// its areas the app does not know.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2E, type E2E } from '../helpers/browser.js';
import { expectAccessible, expectNameAndHint } from '../helpers/a11y.js';
import { shared } from '../helpers/shared.js';

describe('browser: CBS import', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E();
    const areas = [
      { name: 'Kop Zeedijk', cbsCode: 'BU03630000' },
      { name: 'Oude Kerk e.o.', cbsCode: 'BU03630001' },
    ];
    for (const a of areas)
      await e.db
        .insertInto('areas')
        .values({ ...a, kind: 'buurt', parentId: null })
        .execute();
  });
  afterAll(async () => e?.close());

  it('a coordinator imports a real CBS export and sees the unknown areas', async () => {
    const coordinator = await e.user('coordinator');
    const ctx = await e.context();
    const page = await ctx.newPage();
    await e.login(page, coordinator.email);
    await page.goto('/imports/cbs');
    // Checking without a file: the file field's label is its name alone; its error describes it.
    await page.getByRole('button', { name: 'Controleren' }).click();
    await expect.poll(() => page.locator('#file').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page.locator('#file'), 'StatLine CSV-bestand', 'Kies eerst een bestand.');
    const file = readFileSync(shared('data', 'cbs', 'Nabijheid_voorzieningen__buurt_2021_10022023_162519.csv'));
    await page.locator('#file').setInputFiles({ name: 'nabijheid.csv', mimeType: 'text/csv', buffer: file });
    await page.getByRole('button', { name: 'Controleren' }).click();
    await expect.poll(() => page.getByRole('alert').getByText('Perioden', { exact: true }).count()).toBe(1);
    // The label is the field's name alone; its hint describes the field instead of being read twice.
    const period = page.getByRole('textbox', { name: 'Periode', exact: true });
    await expectNameAndHint(period, 'Periode', 'Alleen nodig als het bestand geen kolom Perioden heeft, bijvoorbeeld 2021.');
    await period.fill('2021');
    await page.getByRole('button', { name: 'Controleren' }).click();
    await expect.poll(() => page.getByText('11 gebied(en) niet gevonden', { exact: false }).count()).toBe(1);
    await e.screenshot(page, 'counting-cbs-preview');
    await ctx.close();
  });
});
