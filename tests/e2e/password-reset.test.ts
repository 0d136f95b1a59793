// "Wachtwoord vergeten?" through a real SMTP server on loopback: the mail's link is followed in the
// browser, at 360 and 1280 px, axe-clean; a used link shows a clear page; without SMTP the page
// says to ask an admin.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2E, type E2E } from '../helpers/browser.js';
import { checkA11y, expectNameAndHint, expectNoHorizontalScroll } from '../helpers/a11y.js';
import { resetLink, startSmtp, type Smtp } from '../helpers/smtp.js';
import { PASSWORD } from '../helpers/app.js';

const NEW_PASSWORD = 'zomer aan het water';

describe('browser: forgotten password with e-mail configured', () => {
  let smtp: Smtp;
  let e: E2E;
  beforeAll(async () => {
    smtp = await startSmtp();
    e = await startE2E({ mail: smtp.mail });
  });
  afterAll(async () => {
    await e?.close();
    await smtp?.close();
  });

  for (const phone of [true, false]) {
    it(`resets a password by the e-mailed link (${phone ? '360' : '1280'} px)`, async () => {
      const { email } = await e.user('worker');
      const ctx = await e.context({ phone });
      const page = await ctx.newPage();
      const size = phone ? 'phone' : 'desktop';
      await page.goto('/login');
      await page.getByRole('link', { name: 'Wachtwoord vergeten?' }).click();
      await page.getByRole('heading', { name: 'Wachtwoord vergeten' }).waitFor();
      await checkA11y(page, `forgot-password-${size}`);
      await e.screenshot(page, `forgot-password-${size}`);
      if (phone) await expectNoHorizontalScroll(page, 'forgot password on a phone');

      const before = smtp.inbox.length;
      await page.getByLabel('E-mailadres').fill(email);
      await page.getByRole('button', { name: 'Stuur de link' }).click();
      await page.getByRole('status').getByText(`Als er een account bij ${email} hoort`).waitFor();
      await checkA11y(page, `forgot-password-sent-${size}`);

      const link = resetLink(await smtp.waitFor(email, { after: before }));
      expect(link.startsWith(e.baseUrl + '/reset-password#')).toBe(true);
      await page.goto(link);
      await page.getByRole('heading', { name: 'Nieuw wachtwoord kiezen' }).waitFor();
      await checkA11y(page, `reset-password-${size}`);
      await e.screenshot(page, `reset-password-${size}`);
      // The label is the field's name alone; the hint describes the field instead of being read twice.
      await expectNameAndHint(page.getByLabel(/^Nieuw wachtwoord(?! nog)/), 'Nieuw wachtwoord', 'Minstens 10 tekens.');
      await page.getByLabel(/^Nieuw wachtwoord(?! nog)/).fill(NEW_PASSWORD);
      await page.getByLabel('Nieuw wachtwoord nog een keer').fill(NEW_PASSWORD + 'x');
      await page.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
      await page.getByText('De twee wachtwoorden zijn niet hetzelfde.').waitFor();
      await page.getByLabel('Nieuw wachtwoord nog een keer').fill(NEW_PASSWORD);
      await page.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
      await page.waitForURL((u) => u.pathname === '/');
      expect(new URL(page.url()).hash).toBe('');

      // The same link again: a clear page, and the password is the new one.
      await page.goto(link);
      await page.getByRole('heading', { name: 'Deze link werkt niet' }).waitFor();
      await expect(page.getByText('Er is niets veranderd').isVisible()).resolves.toBe(true);
      await checkA11y(page, `reset-password-used-${size}`);
      await e.screenshot(page, `reset-password-used-${size}`);
      await ctx.close();

      const fresh = await e.context({ phone });
      const p2 = await fresh.newPage();
      await p2.goto('/login');
      await p2.getByLabel('E-mailadres').fill(email);
      await p2.getByLabel('Wachtwoord').fill(PASSWORD);
      await p2.getByRole('button', { name: 'Inloggen' }).click();
      await p2.getByText('E-mailadres of wachtwoord klopt niet.').waitFor();
      await p2.getByLabel('Wachtwoord').fill(NEW_PASSWORD);
      await p2.getByRole('button', { name: 'Inloggen' }).click();
      await p2.waitForURL((u) => u.pathname !== '/login');
      await fresh.close();
    });
  }
});

describe('browser: forgotten password without e-mail', () => {
  let e: E2E;
  beforeAll(async () => (e = await startE2E()));
  afterAll(async () => e?.close());

  it('says to ask an admin, and an unknown link says nothing changed', async () => {
    const ctx = await e.context({ phone: true });
    const page = await ctx.newPage();
    await page.goto('/forgot-password');
    await page.getByText('Vraag een beheerder om je wachtwoord opnieuw in te stellen.').waitFor();
    await expect(page.getByRole('button', { name: 'Stuur de link' }).count()).resolves.toBe(0);
    await checkA11y(page, 'forgot-password-no-mail');
    await e.screenshot(page, 'forgot-password-no-mail');
    await page.goto('/reset-password#not-a-real-token-at-all-0123456789');
    await page.getByRole('heading', { name: 'Deze link werkt niet' }).waitFor();
    await ctx.close();
  });
});
