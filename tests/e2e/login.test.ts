import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { startE2E, type E2E } from '../helpers/browser.js';
import { descriptionOf } from '../helpers/a11y.js';

describe('browser: login', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E();
  });
  afterAll(async () => e?.close());

  it('a worker logs in and sees their name', async () => {
    const { email } = await e.user('worker');
    const ctx = await e.context();
    const page = await ctx.newPage();
    await e.login(page, email);
    await expect(page.getByText('Worker 1').first().isVisible()).resolves.toBe(true);
    await ctx.close();
  });

  it('a field left empty is named at that field, in Dutch or English, rather than "wrong email or password"', async () => {
    const { email } = await e.user('worker');
    const ctx = await e.context();
    const page = await ctx.newPage();
    page.setDefaultTimeout(8000);
    const invalid = (field: Locator) => field.getAttribute('aria-invalid');
    const focused = (field: Locator) => field.evaluate((el) => (el.getRootNode() as ShadowRoot).activeElement === el);
    await page.goto('/login');
    const mail = page.getByLabel('E-mailadres');
    const password = page.getByLabel('Wachtwoord', { exact: true });
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await expect.poll(() => invalid(mail)).toBe('true');
    expect(await descriptionOf(mail)).toBe('Vul je e-mailadres in.');
    expect(await descriptionOf(password)).toBe('Vul je wachtwoord in.');
    expect(await invalid(password)).toBe('true');
    expect(await focused(mail)).toBe(true);
    expect(await page.getByText('klopt niet', { exact: false }).count()).toBe(0);

    // Only the password missing: only the password is named; typing in it takes its message away.
    await mail.fill(email);
    expect(await invalid(mail)).toBe('false');
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await expect.poll(() => focused(password)).toBe(true);
    expect(await descriptionOf(mail)).toBe('');
    expect(await descriptionOf(password)).toBe('Vul je wachtwoord in.');
    await password.fill('x');
    await expect.poll(() => invalid(password)).toBe('false');

    // A wrong password is still said once, above both fields.
    await password.fill('wrong password!');
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.getByText('E-mailadres of wachtwoord klopt niet.').waitFor();
    expect(await descriptionOf(password)).toBe('E-mailadres of wachtwoord klopt niet.');

    await page.evaluate(() => localStorage.setItem('weefwerk.locale', 'en'));
    await page.goto('/login');
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect.poll(() => invalid(page.getByLabel('Email address'))).toBe('true');
    expect(await descriptionOf(page.getByLabel('Email address'))).toBe('Fill in your email address.');
    expect(await descriptionOf(page.getByLabel('Password', { exact: true }))).toBe('Fill in your password.');
    await ctx.close();
  });
});
