// Journey: the administrator sets Weefwerk up on first run, creates the team's accounts and
// disables one, whose open session ends at once — with the keyboard alone, axe on every page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueSetupToken } from '../../server/routes/auth.js';
import { PASSWORD } from '../helpers/app.js';
import { startE2E, type E2E } from '../helpers/browser.js';
import { activate, checkA11y, chooseOption, expectFieldError, screenshot, typeInto } from '../helpers/a11y.js';

describe('journey: admin', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E();
  });
  afterAll(async () => e?.close());

  it('sets up, creates users and disables one, whose session ends at once', async () => {
    const token = await issueSetupToken(e.db);
    const page = await (await e.context()).newPage();
    page.on('dialog', (d) => void d.accept());

    // First run: the one-time link from the server's start-up message.
    await page.goto(`/setup?token=${token}`);
    await page.getByRole('heading', { name: 'Weefwerk instellen' }).waitFor();
    await checkA11y(page, 'admin setup');
    await typeInto(page, page.getByLabel('Je naam'), 'Beheerder Bea');
    await typeInto(page, page.getByLabel('E-mailadres'), 'bea@example.nl');
    await typeInto(page, page.getByLabel(/^Wachtwoord/), 'first admin secret');
    await activate(page, page.getByRole('button', { name: 'Account maken' }));
    // Setup lands on the home page: the first steps, and under Beheer the team's accounts.
    await page.getByRole('heading', { name: 'Aan de slag' }).waitFor();
    await checkA11y(page, 'admin first home');
    await activate(page, page.getByRole('link', { name: 'Alleen jij hebt een account. Maak accounts voor je team.' }));
    await page.waitForURL('**/users');
    await page.getByRole('heading', { name: 'Gebruikers', level: 1 }).waitFor();
    await checkA11y(page, 'admin users');

    // A missing field is announced and tied to its input.
    await activate(page, page.getByRole('button', { name: 'Toevoegen' }));
    const email = page.getByLabel('E-mailadres', { exact: true });
    await expectFieldError(email, /^Vul een e-mailadres in, zoals naam@voorbeeld\.nl\.$/);
    await expectFieldError(page.getByLabel(/^Eerste wachtwoord/), /Gebruik minstens 10 tekens\./);
    await checkA11y(page, 'admin users with errors');

    // The team's accounts: a coordinator and a worker.
    const people = [
      { name: 'Cor Coördinator', email: 'cor@example.nl', role: 'Coördinator' },
      { name: 'Wil Werker', email: 'wil@example.nl', role: 'Opbouwwerker' },
    ];
    for (const p of people) {
      await typeInto(page, page.getByLabel('Naam', { exact: true }), p.name, { back: true });
      await typeInto(page, email, p.email);
      await chooseOption(page, page.getByLabel('Rol', { exact: true }), p.role);
      await typeInto(page, page.getByLabel(/^Eerste wachtwoord/), PASSWORD);
      await activate(page, page.getByRole('button', { name: 'Toevoegen' }));
      await page.getByText(`${p.name} is toegevoegd.`).waitFor();
    }
    const rows = await e.db.selectFrom('users').select(['email', 'role']).orderBy('id').execute();
    expect(rows).toEqual([
      { email: 'bea@example.nl', role: 'admin' },
      { email: 'cor@example.nl', role: 'coordinator' },
      { email: 'wil@example.nl', role: 'worker' },
    ]);
    await checkA11y(page, 'admin users with team');
    await screenshot(page, 'admin-users');

    // The worker is logged in on their phone.
    const phone = await (await e.context({ phone: true })).newPage();
    await e.login(phone, 'wil@example.nl');
    await phone.getByRole('heading', { name: /Welkom, Wil Werker/ }).waitFor();

    // Disabling ends the worker's session at once: their next request lands on the login page.
    await activate(page, page.getByRole('button', { name: 'Wil Werker uitschakelen' }), 'Enter', { back: true });
    await page.getByText('Wil Werker is uitgeschakeld en overal uitgelogd.').waitFor();
    await checkA11y(page, 'admin users after disabling');
    await activate(phone, phone.getByRole('link', { name: 'Projecten' }).first());
    await phone.waitForURL((url) => url.pathname === '/login');
    await phone.getByRole('heading', { name: 'Inloggen' }).waitFor();
    const sessions = await e.db.selectFrom('sessions').innerJoin('users', 'users.id', 'sessions.userId').select('users.email').execute();
    expect(sessions.map((s) => s.email)).not.toContain('wil@example.nl');
  }, 90_000);
});
