// An admin sets the organisation's name on /organisation: the field is named and described, a name
// too long is told beside the field, a saved name is announced and shown; a coordinator reads it only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectFieldError, expectNameAndHint } from '../helpers/a11y.js';
import { axeViolations } from '../helpers/axe.js';
import { startE2E, type E2E } from '../helpers/browser.js';

describe('browser: the organisation name', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E();
  });
  afterAll(async () => e?.close());

  it('an admin sets the name on /organisation; a coordinator then sees it, without the field', async () => {
    const admin = await e.user('admin');
    const page = await (await e.context({ phone: true })).newPage();
    await e.login(page, admin.email);
    await page.goto('/organisation');
    const field = page.getByLabel(/^Naam van de organisatie/);
    // An admin sees the name in its field only, not once more above it.
    await expect.poll(() => field.inputValue()).toBe('');
    expect(await page.getByRole('definition').count()).toBe(0);
    await expectNameAndHint(
      field,
      'Naam van de organisatie',
      'Op de voorkant van rapportages, op posters voor bewoners en in IATI-exports. Laat leeg om de naam te gebruiken die is ingesteld waar de server draait (ORG_NAME), als die er is.',
    );

    // Too long: the server's message stands beside the field, and nothing is saved.
    await field.fill('x'.repeat(201));
    await page.getByRole('button', { name: 'Naam opslaan' }).click();
    await expectFieldError(field, /Geef een naam van 1 tot 200 tekens/);
    await page.reload();
    await expect.poll(() => field.inputValue()).toBe('');

    await field.fill('  Buurtwerk Samen Sterk ');
    await page.getByRole('button', { name: 'Naam opslaan' }).click();
    await page.getByRole('status').getByText('De naam is opgeslagen.').waitFor();
    expect(await field.inputValue()).toBe('Buurtwerk Samen Sterk');
    expect(await field.getAttribute('aria-invalid')).toBe('false');
    expect(await axeViolations(page)).toEqual([]);
    await e.screenshot(page, 'organisation-name-phone');
    await page.context().close();

    const coord = await e.user('coordinator');
    const other = await (await e.context()).newPage();
    await e.login(other, coord.email);
    await other.goto('/organisation');
    await other.getByRole('definition').getByText('Buurtwerk Samen Sterk', { exact: true }).waitFor();
    expect(await other.getByLabel(/^Naam van de organisatie/).count()).toBe(0);
    await other.context().close();
  });
});
