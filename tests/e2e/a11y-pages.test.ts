// The shell pages everybody meets (login, setup, home, not found) hold the accessibility bar,
// in Dutch and English, with the keyboard alone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2E, type E2E } from '../helpers/browser.js';
import { activate, checkA11y, checkZoom200, expectFieldError, screenshot, tabTo, typeInto } from '../helpers/a11y.js';
import { issueSetupToken } from '../../server/routes/auth.js';

describe('browser: accessibility of the shell pages', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E();
  });
  afterAll(async () => e?.close());

  it('setup: errors are announced and tied to their fields', async () => {
    const token = await issueSetupToken(e.db);
    const page = await (await e.context()).newPage();
    await page.goto(`/setup?token=${token}`);
    await page.getByRole('heading', { name: 'Weefwerk instellen' }).waitFor();
    await checkA11y(page, 'setup');
    await typeInto(page, page.getByLabel('Je naam'), 'Ada Beheer');
    await typeInto(page, page.getByLabel('E-mailadres'), 'ada@example.nl');
    await typeInto(page, page.getByLabel(/^Wachtwoord/), 'kort');
    await activate(page, page.getByRole('button', { name: 'Account maken' }));
    // the server's limit, in plain Dutch (not zod's English)
    await expectFieldError(page.getByLabel(/^Wachtwoord/), /Gebruik minstens 10 tekens\./);
    await expect(page.getByText(/Too small|expected string/).count()).resolves.toBe(0);
    await checkA11y(page, 'setup with errors');
    await screenshot(page, 'setup-errors');
    await page.context().close();
  });

  it('login: a wrong password is announced; the keyboard alone logs in', async () => {
    const { email } = await e.user('coordinator', 'coco@example.nl');
    const page = await (await e.context()).newPage();
    await page.goto('/login');
    await page.getByRole('heading', { name: 'Inloggen' }).waitFor();
    await checkA11y(page, 'login');
    await typeInto(page, page.getByLabel('E-mailadres'), email);
    await typeInto(page, page.getByLabel('Wachtwoord'), 'wrong password!');
    await page.keyboard.press('Enter');
    await expectFieldError(page.getByLabel('Wachtwoord'), /klopt niet/);
    await checkA11y(page, 'login with error');
    await typeInto(page, page.getByLabel('Wachtwoord'), 'correct horse battery', { back: true });
    await activate(page, page.getByRole('button', { name: 'Inloggen' }));
    await page.waitForURL((u) => u.pathname === '/');
    await page.getByRole('heading', { name: /Welkom/ }).waitFor();
    await checkA11y(page, 'home');
    await checkZoom200(page, 'home');
    await page.context().close();
  });

  it('the skip link reaches the content first; English switches the page language', async () => {
    const { email } = await e.user('worker');
    const page = await (await e.context()).newPage();
    await e.login(page, email);
    await page.getByRole('heading', { name: /Welkom/ }).waitFor();
    // A worker on no project is told what to do about it.
    await page.getByText('Je bent nog niet aan een project gekoppeld. Vraag je coördinator om je toe te voegen.').waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('nl');
    // Focus moved to the new page's heading after logging in.
    expect(await page.evaluate(() => document.querySelector('ww-app')!.shadowRoot!.activeElement?.shadowRoot?.activeElement?.tagName)).toBe('H1');
    await page.reload();
    await page.getByRole('heading', { name: /Welkom/ }).waitFor();
    await tabTo(page, page.getByRole('link', { name: 'Naar de inhoud' }), { max: 1 });
    await page.keyboard.press('Enter');
    await tabTo(page, page.getByRole('main').getByRole('link').first(), { max: 1 });
    await activate(page, page.getByRole('button', { name: 'Switch to English' }));
    await page.getByRole('heading', { name: /Welcome/ }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await checkA11y(page, 'home in English');
    await page.goto('/no/such/page');
    await page.getByRole('heading', { name: 'Page not found', level: 1 }).waitFor();
    await page.getByText('This page does not exist.').waitFor();
    await checkA11y(page, 'not found');
    // A page that exists but is not for this role says so, rather than that it does not exist.
    await page.goto('/users');
    await page.getByRole('heading', { name: 'No access', level: 1 }).waitFor();
    await page.getByText('This page is not for your role.', { exact: false }).waitFor();
    await activate(page, page.getByRole('main').getByRole('link', { name: 'To the home page' }));
    await page.getByRole('heading', { name: /Welcome/ }).waitFor();
    await page.context().close();
  });
});
