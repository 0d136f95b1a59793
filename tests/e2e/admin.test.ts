import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueSetupToken } from '../../server/routes/auth.js';
import { PASSWORD } from '../helpers/app.js';
import { descriptionOf, expectNameAndHint, isFocused } from '../helpers/a11y.js';
import { axeViolations } from '../helpers/axe.js';
import { startE2E, type E2E } from '../helpers/browser.js';

describe('browser: first run and user administration', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E();
  });
  afterAll(async () => e?.close());

  it('sets up the first admin, who adds a worker and disables them; the worker is sent to the login page', async () => {
    const token = await issueSetupToken(e.db);
    const adminCtx = await e.context();
    const admin = await adminCtx.newPage();
    admin.on('dialog', (d) => void d.accept());
    admin.setDefaultTimeout(8000);

    // First run: the one-time setup link creates the first admin.
    await admin.goto(`/setup?token=${token}`);
    await admin.getByLabel('Je naam').fill('Beheerder Bea');
    await admin.getByLabel('E-mailadres').fill('bea@example.nl');
    // Each label is the field's name alone; the hint describes the field instead of being read twice.
    await expectNameAndHint(admin.getByLabel(/^Wachtwoord/), 'Wachtwoord', 'Minstens 10 tekens.');
    expect(await descriptionOf(admin.getByLabel('Je naam', { exact: true }))).toBe('');
    await admin.getByLabel(/^Wachtwoord/).fill('first admin secret');
    await admin.getByRole('button', { name: 'Account maken' }).click();
    // Setup lands on the home page, where the first steps begin; the team's accounts are under Beheer.
    await admin.getByRole('heading', { name: 'Aan de slag' }).waitFor();
    await admin.getByRole('link', { name: 'Alleen jij hebt een account. Maak accounts voor je team.' }).click();
    await admin.waitForURL('**/users');
    await admin.getByRole('heading', { name: 'Gebruikers', level: 1 }).waitFor();

    // A field error is tied to its input.
    await admin.getByRole('button', { name: 'Toevoegen' }).click();
    const email = admin.getByLabel('E-mailadres', { exact: true });
    await expect.poll(() => email.getAttribute('aria-invalid')).toBe('true');

    // Add a worker.
    await admin.getByLabel('Naam', { exact: true }).fill('Wil Werker');
    await email.fill('wil@example.nl');
    await admin.getByLabel('Rol', { exact: true }).selectOption('worker');
    // The label is the name alone; the hint describes the field instead of being read twice.
    const password = admin.getByLabel('Eerste wachtwoord', { exact: true });
    expect(await descriptionOf(password)).toMatch(/^Minstens 10 tekens\. Geef het persoonlijk door/);
    await password.fill(PASSWORD);
    await admin.getByRole('button', { name: 'Toevoegen' }).click();
    await admin.getByText('Wil Werker is toegevoegd.').waitFor();
    // The button was disabled while adding; the focus goes to what was said, at the top, and brings it into view.
    await expect.poll(() => isFocused(admin.getByText('Wil Werker is toegevoegd.'))).toBe(true);
    await e.screenshot(admin, 'users-page');

    // Changing a role is a deliberate step: choose, then save.
    await admin.getByLabel('Rol van Wil Werker', { exact: true }).selectOption('coordinator');
    await admin.getByLabel('Rol van Wil Werker', { exact: true }).selectOption('worker');
    await expect(admin.getByRole('button', { name: 'Rol van Wil Werker opslaan' }).count()).resolves.toBe(0);
    await admin.getByLabel('Rol van Wil Werker', { exact: true }).selectOption('coordinator');
    await admin.getByRole('button', { name: 'Rol van Wil Werker opslaan' }).click();
    await admin.getByText(/De rol van Wil Werker is nu Coördinator/).waitFor();
    await admin.getByLabel('Rol van Wil Werker', { exact: true }).selectOption('worker');
    await admin.getByRole('button', { name: 'Rol van Wil Werker opslaan' }).click();
    await admin.getByText(/De rol van Wil Werker is nu Opbouwwerker/).waitFor();

    // The worker logs in elsewhere.
    const workerCtx = await e.context({ phone: true });
    const worker = await workerCtx.newPage();
    await e.login(worker, 'wil@example.nl');
    await worker.getByRole('heading', { name: /Welkom, Wil Werker/ }).waitFor();

    // The admin disables them.
    await admin.getByRole('button', { name: 'Wil Werker uitschakelen' }).click();
    await admin.getByText('Wil Werker is uitgeschakeld en overal uitgelogd.').waitFor();
    await admin.getByRole('button', { name: 'Wil Werker weer inschakelen' }).waitFor();

    // The worker's next navigation lands on the login page.
    await worker.getByRole('link', { name: 'Projecten' }).first().click();
    await worker.waitForURL((url) => url.pathname === '/login');
    await worker.getByRole('heading', { name: 'Inloggen' }).waitFor();
    await e.screenshot(worker, 'disabled-worker-login');

    // Enabled again with a new password set by the admin, the worker logs in with it and returns to where they were going.
    await admin.getByRole('button', { name: 'Wil Werker weer inschakelen' }).click();
    await admin.getByText('Wil Werker kan weer inloggen.').waitFor();
    await admin.getByText('Nieuw wachtwoord (Wil Werker)').click();
    await admin.getByLabel('Nieuw wachtwoord voor Wil Werker').fill('kort');
    await admin.getByRole('button', { name: 'Instellen' }).click();
    await expect.poll(() => admin.getByLabel('Nieuw wachtwoord voor Wil Werker').getAttribute('aria-invalid')).toBe('true');
    await admin.getByLabel('Nieuw wachtwoord voor Wil Werker').fill('een heel nieuw geheim');
    await admin.getByRole('button', { name: 'Instellen' }).click();
    await admin.getByText(/Het wachtwoord van Wil Werker is ingesteld/).waitFor();
    await worker.getByLabel('E-mailadres').fill('wil@example.nl');
    await worker.getByLabel('Wachtwoord').fill('een heel nieuw geheim');
    await worker.getByRole('button', { name: 'Inloggen' }).click();
    await worker.waitForURL((url) => url.pathname === '/projects');

    await workerCtx.close();
    await adminCtx.close();
  });

  it('a coordinator creates a project with its plan, area and team, and sees it at 360 px', async () => {
    const coord = await e.user('coordinator');
    const ans = await e.user('worker', 'ans@example.nl');
    const ctx = await e.context({ phone: true });
    const page = await ctx.newPage();
    const writes: string[] = [];
    page.on('request', (r) => void (r.method() !== 'GET' && r.url().includes('/api/projects') && writes.push(`${r.method()} ${new URL(r.url()).pathname}`)));
    await e.login(page, coord.email);
    await page.goto('/projects');
    await page.getByRole('link', { name: 'Nieuw project' }).click();
    await page.getByLabel('Naam van het project').fill('Buurtkamer Noord');
    // Each label is the field's name alone; a hint describes its field instead of being read twice.
    const vraagstuk = page.getByLabel('Vraagstuk', { exact: true });
    expect(await descriptionOf(vraagstuk)).toBe('Welk vraagstuk pakken bewoners aan?');
    expect(await descriptionOf(page.getByLabel('Fase', { exact: true }))).not.toBe('');
    await vraagstuk.fill('Eenzaamheid onder ouderen');
    await page.getByLabel('Startdatum').fill('2026-01-01');
    await page.getByLabel('Einddatum').fill('2025-01-01');
    await page.getByRole('button', { name: 'Project aanmaken' }).click();
    const end = page.getByLabel('Einddatum');
    await expect.poll(() => end.getAttribute('aria-invalid')).toBe('true');
    // The summary above the form names the field to correct.
    await page.getByRole('alert').getByText('Verbeter de gemarkeerde velden: Einddatum.').waitFor();
    await end.fill('2026-12-31');

    await page.getByText('Gebied toevoegen').first().click();
    await page.getByLabel('Naam', { exact: true }).fill('Noord');
    await page.getByLabel(/^CBS-code/).fill('WK036300');
    await page.getByRole('button', { name: 'Gebied toevoegen' }).click();
    await page.getByText('Noord is toegevoegd en aangevinkt.').waitFor();
    await page.getByLabel(/Worker \d+/).check();
    await page.getByRole('button', { name: 'Project aanmaken' }).click();
    await page.waitForURL(/\/projects\/\d+$/);
    await page.getByRole('heading', { name: 'Buurtkamer Noord' }).waitFor();
    // the plan and the team went in one request each time (the first was refused as a whole)
    expect(writes).toEqual(['POST /api/projects', 'POST /api/projects']);
    const created = await e.db.selectFrom('projects').select('id').where('name', '=', 'Buurtkamer Noord').execute();
    expect(created).toHaveLength(1);
    expect(await e.db.selectFrom('projectMembers').select('userId').where('projectId', '=', created[0]!.id).execute()).toEqual([{ userId: ans.id }]);
    await expect(page.getByText('Eenzaamheid onder ouderen').isVisible()).resolves.toBe(true);
    // The area by its name; its CBS code is for the areas page, not the project's team.
    await expect(
      page
        .getByRole('definition')
        .filter({ hasText: /^Noord$/ })
        .isVisible(),
    ).resolves.toBe(true);
    await expect(page.getByText(/WK036300/).count()).resolves.toBe(0);
    await expect(page.getByRole('main').getByRole('link', { name: 'Verhalen' }).getAttribute('href')).resolves.toMatch(/^\/stories\?projectId=\d+$/);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(360);
    await e.screenshot(page, 'project-page-phone');

    // English is one switch away, and the page follows.
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('link', { name: 'Edit project' }).waitFor();
    await page.getByRole('main').getByRole('link', { name: 'Stories' }).waitFor();
    await ctx.close();
  });
});

describe('browser: accessibility of the foundation pages', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E();
  });
  afterAll(async () => e?.close());

  it('has no serious axe violations on the admin pages at 360 px', async () => {
    const admin = await e.user('admin');
    await e.user('worker');
    const ctx = await e.context({ phone: true });
    const page = await ctx.newPage();
    await e.login(page, admin.email);
    const res = await page.request.post('/api/projects', { data: { name: 'Toegankelijk', vraagstuk: 'Iets' }, headers: { origin: e.baseUrl } });
    const id = (await res.json()).project.id;
    for (const [path, heading] of [
      ['/users', 'Gebruikers'],
      ['/projects', 'Projecten'],
      [`/projects/${id}`, 'Toegankelijk'],
      [`/projects/${id}/edit`, 'Toegankelijk bewerken'],
      ['/areas', 'Gebieden'],
      ['/account', 'Mijn account'],
    ]) {
      await page.goto(path!);
      await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
      expect(await axeViolations(page), path).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(360);
    }
    // A label is the field's name alone; its hint describes the field (aria-describedby) instead of being read twice.
    await expectNameAndHint(page.getByLabel(/^Nieuw wachtwoord(?! nog)/), 'Nieuw wachtwoord', 'Minstens 10 tekens. Je wordt op je andere apparaten uitgelogd.');
    await page.goto('/areas');
    await expectNameAndHint(
      page.getByRole('textbox', { name: 'CBS-code', exact: true }),
      'CBS-code',
      'Optioneel, bijvoorbeeld GM0363, WK036300 of BU03630000.',
    );
    // The areas list reads as a tree: a district right under its municipality, not sorted among the rest.
    const gm = await e.db
      .insertInto('areas')
      .values({ name: 'Amsterdam', kind: 'gemeente', cbsCode: null, parentId: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await e.db
      .insertInto('areas')
      .values([
        { name: 'Zuid', kind: 'wijk', cbsCode: null, parentId: gm.id },
        { name: 'Utrecht', kind: 'gemeente', cbsCode: null, parentId: null },
      ])
      .execute();
    await page.goto('/areas');
    await page.getByRole('rowheader', { name: 'Zuid' }).waitFor();
    const names = await page.getByRole('rowheader').allTextContents();
    expect(names.indexOf('Zuid')).toBe(names.indexOf('Amsterdam') + 1);
    expect(names.indexOf('Utrecht')).toBeGreaterThan(names.indexOf('Zuid'));
    await ctx.close();
  });

  it('an admin saves and removes the logo on a phone; each time the focus goes to what was done', async () => {
    const admin = await e.user('admin');
    const page = await (await e.context({ phone: true })).newPage();
    await e.login(page, admin.email);
    await page.goto('/organisation');
    const logo = await sharp({ create: { width: 400, height: 150, channels: 3, background: '#1f5c4d' } })
      .png()
      .toBuffer();
    await expectNameAndHint(
      page.getByLabel(/^Nieuw logo kiezen/),
      'Nieuw logo kiezen',
      'PNG, JPEG, WebP, GIF of SVG, tot 5 MB. We bewaren het als PNG van hoogstens 800 × 320 pixels.',
    );
    await page.getByLabel(/^Nieuw logo kiezen/).setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: logo });
    await page.getByRole('button', { name: 'Logo opslaan' }).click();
    await expect.poll(() => isFocused(page.getByText('Het logo is opgeslagen.'))).toBe(true);
    await page.getByRole('button', { name: 'Logo weghalen' }).click();
    await expect.poll(() => isFocused(page.getByText('Het logo is weggehaald.'))).toBe(true);
  });
});
