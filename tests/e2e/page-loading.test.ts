// Pages that load through PageLoader: a failed load says so and loads again with "Opnieuw proberen",
// and a filter or file the page cannot use is named beside its field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { descriptionOf, expectAccessible } from '../helpers/a11y.js';
import { startE2E, type E2E } from '../helpers/browser.js';
import { makeProject, makeStory } from '../helpers/sensemaking-fixtures.js';
import { addIndicator } from '../helpers/reports-fixtures.js';

describe('browser: loading a page, and what it says when that fails', () => {
  let e: E2E;
  let coordinator: string;
  let projectId: number;
  beforeAll(async () => {
    e = await startE2E();
    coordinator = (await e.user('coordinator')).email;
    projectId = await makeProject(e.db, 'Buurtkamer');
    await makeStory(e.db, { projectId, title: 'Groeten op straat' });
    await addIndicator(e.db, { projectId, outcomeId: null, name: 'Bezoekers', targets: {}, values: {} });
  });
  afterAll(async () => e?.close());

  it('the stories search that fails says so, and "Opnieuw proberen" searches again', async () => {
    const page = await (await e.context({ phone: true })).newPage();
    await e.login(page, coordinator);
    let failures = 1;
    await page.route('**/api/stories?*', (route) => (failures-- > 0 ? route.fulfill({ status: 503, body: '' }) : route.continue()));
    await page.goto('/stories');
    await page.getByRole('alert').getByText('Zoeken lukt nu niet. Probeer het opnieuw.').waitFor();
    await page.getByRole('button', { name: 'Opnieuw proberen' }).click();
    await page.getByRole('link', { name: 'Groeten op straat' }).waitFor();
    await page.getByText('1 verhaal gevonden').waitFor();
    await expect(page.getByRole('button', { name: 'Opnieuw proberen' }).count()).resolves.toBe(0);
    await page.context().close();
  });

  it('a round that does not exist says so in English too, without a "try again" that cannot help', async () => {
    const page = await (await e.context({ phone: true })).newPage();
    await e.login(page, (await e.user('coordinator')).email); // an own account: the language switch is saved with it
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.goto('/msc/999999');
    await page.getByRole('alert').getByText('This round does not exist, or you are not on its panel.').waitFor();
    await expect(page.getByRole('button', { name: 'Try again' }).count()).resolves.toBe(0);
    await page.getByRole('link', { name: /All rounds/ }).waitFor();
    await page.context().close();
  });

  it('a load the server answers with "gone" (410) gives its reason, without a "try again" that cannot help', async () => {
    const page = await (await e.context({ phone: true })).newPage();
    const body = JSON.stringify({ error: { code: 'gone', message: 'Deze pagina bestaat niet meer. / This page no longer exists.', details: [] } });
    await page.route('**/api/auth/password-reset', (route) => route.fulfill({ status: 410, contentType: 'application/json', body }));
    await page.goto('/forgot-password');
    await page.getByRole('alert').getByText('Deze pagina bestaat niet meer.', { exact: true }).waitFor();
    await expect(page.getByRole('button', { name: 'Opnieuw proberen' }).count()).resolves.toBe(0);
    await page.context().close();
  });

  it('the indicator grid that cannot load keeps its heading, says so, and shows the grid after "Opnieuw proberen"', async () => {
    const page = await (await e.context()).newPage();
    await e.login(page, coordinator);
    let failures = 1;
    await page.route('**/api/indicators?projectId=*', (route) => (failures-- > 0 ? route.fulfill({ status: 503, body: '' }) : route.continue()));
    await page.goto(`/projects/${projectId}/indicators`);
    await page.getByRole('heading', { level: 1, name: 'Indicatoren' }).waitFor();
    await page.getByRole('alert').getByText('Laden lukte niet.').waitFor();
    await page.getByRole('button', { name: 'Opnieuw proberen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Indicatoren: Buurtkamer' }).waitFor();
    await page
      .getByRole('textbox', { name: /^Bezoekers, Hele project, / })
      .first()
      .waitFor();
    await page.context().close();
  });

  it('on the climate page a "to" before "from" is named beside the field that is wrong', async () => {
    const page = await (await e.context()).newPage();
    await e.login(page, coordinator);
    await page.goto('/climate');
    await page.getByRole('heading', { level: 1, name: 'Sociaal klimaat door de tijd' }).waitFor();
    // Periods as the pages write them ("K2 2026").
    await page.getByRole('textbox', { name: /^Van/ }).fill('K2 2026');
    const to = page.getByRole('textbox', { name: /^Tot en met/ });
    await to.fill('K1 2026');
    await page.getByRole('button', { name: 'Toon' }).click();
    await expect.poll(() => to.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByRole('textbox', { name: /^Van/ }).getAttribute('aria-invalid')).toBe('false');
    await expect.poll(async () => (await to.evaluate((el) => el.getAttribute('aria-describedby'))) ?? '').toBe('period-hint to-error');
    await expectAccessible(to, 'Tot en met', await descriptionOf(to)); // the label is the name alone; the error describes it
    await page
      .getByRole('alert')
      .getByText(/^Laden lukte niet: "tot" ligt voor "van"/)
      .waitFor();
    // Trying the same filter again would not help: no retry button, the field says what to change.
    await expect(page.getByRole('button', { name: 'Opnieuw proberen' }).count()).resolves.toBe(0);
    // A right filter clears it.
    await to.fill('september 2026');
    await page.getByRole('button', { name: 'Toon' }).click();
    await expect.poll(() => to.getAttribute('aria-invalid')).toBe('false');
    await page.context().close();
  });

  it('importing without a file names the file field, and the indicator form that cannot load offers to try again', async () => {
    const page = await (await e.context()).newPage();
    await e.login(page, coordinator);
    await page.goto(`/projects/${projectId}/indicators/import`);
    await page.getByRole('button', { name: 'Controleren' }).click();
    const file = page.getByLabel('CSV-bestand');
    await expect.poll(() => file.getAttribute('aria-invalid')).toBe('true');
    await page.locator('#file-error').getByText('Kies eerst een bestand.').waitFor();

    let failures = 1;
    await page.route('**/api/projects/*/outcomes', (route) => (failures-- > 0 ? route.fulfill({ status: 503, body: '' }) : route.continue()));
    await page.goto(`/projects/${projectId}/indicators/new`);
    await page.getByRole('heading', { level: 1, name: 'Nieuwe indicator' }).waitFor();
    await page.getByRole('alert').getByText('Laden lukte niet.').waitFor();
    await expect(page.getByRole('button', { name: 'Opslaan' }).count()).resolves.toBe(0);
    await page.getByRole('button', { name: 'Opnieuw proberen' }).click();
    await page.getByRole('button', { name: 'Opslaan' }).waitFor();
    await page.context().close();
  });

  it('the organisation page that cannot load says so, and after "Opnieuw proberen" shows the name and the logo form', async () => {
    const { email } = await e.user('admin');
    const page = await (await e.context({ phone: true })).newPage();
    await e.login(page, email);
    let failures = 1;
    await page.route('**/api/organisation', (route) => (failures-- > 0 ? route.fulfill({ status: 503, body: '' }) : route.continue()));
    await page.goto('/organisation');
    await page.getByRole('heading', { level: 1, name: 'Organisatie' }).waitFor();
    await page.getByRole('alert').getByText('De gegevens konden niet geladen worden.').waitFor();
    await page.getByRole('button', { name: 'Opnieuw proberen' }).click();
    // Without ORG_NAME the name's field is empty, rather than naming the software.
    await expect.poll(() => page.getByLabel(/^Naam van de organisatie/).inputValue()).toBe('');
    await page.getByText('Nog geen logo.', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Logo opslaan' }).click();
    await expect.poll(() => page.getByLabel(/^Nieuw logo kiezen/).getAttribute('aria-invalid')).toBe('true');
    // Too large a file is named before it is sent.
    let sent = 0;
    await page.route('**/api/organisation/logo', (route) => (sent++, route.continue()));
    await page.getByLabel(/^Nieuw logo kiezen/).setInputFiles({ name: 'groot.png', mimeType: 'image/png', buffer: Buffer.alloc(6 * 1024 * 1024) });
    await page.getByRole('button', { name: 'Logo opslaan' }).click();
    await page.getByText('Dit bestand is groter dan 5 MB. Kies een kleiner plaatje.').waitFor();
    expect(sent).toBe(0);
    await e.screenshot(page, 'organisation-phone');
    await page.context().close();
  });
});
