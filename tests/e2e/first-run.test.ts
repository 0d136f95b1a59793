// A fresh install, from the setup link to a first story link, only by following the home page —
// on a wide screen and on a phone; the menu grouped by what people do; each role's home.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { issueSetupToken } from '../../server/routes/auth.js';
import { weekOf } from '../../server/routes/home.js';
import { periodLabel, periodOf } from '../../db/domain/periods.js';
import { insertProject, setProjectMembers } from '../../db/repositories/projects.js';
import { startE2E, type E2E } from '../helpers/browser.js';
import { activate, checkA11y, expectNoHorizontalScroll } from '../helpers/a11y.js';
import { quarterIndicator } from '../helpers/journey-fixtures.js';

for (const phone of [false, true]) {
  describe(`first run (${phone ? '360 px' : '1280 px'})`, () => {
    let e: E2E;
    beforeAll(async () => {
      e = await startE2E();
    });
    afterAll(async () => e?.close());

    const size = phone ? 'phone' : 'wide';
    const home = async (page: Page) => {
      await page.getByRole('link', { name: 'Weefwerk', exact: true }).click();
      await page.getByRole('heading', { name: /^Welkom/, level: 1 }).waitFor();
    };
    const step = (page: Page, n: number) => page.locator('ww-home-page ol.steps > li').nth(n - 1);

    it('leads from setup through areas, project, outcomes and a story link, each step saying why', async () => {
      const token = await issueSetupToken(e.db);
      const page = await (await e.context({ phone })).newPage();
      await page.goto(`/setup?token=${token}`);
      await page.getByLabel('Je naam').fill('Beheerder Bea');
      await page.getByLabel('E-mailadres').fill('bea@example.nl');
      await page.getByLabel(/^Wachtwoord/).fill('first admin secret');
      await page.getByRole('button', { name: 'Account maken' }).click();

      // Home: the four steps in order, only the first one a link; nothing about stories yet.
      await page.getByRole('heading', { name: 'Welkom, Beheerder Bea', level: 1 }).waitFor();
      await page.getByRole('heading', { name: 'Aan de slag' }).waitFor();
      expect(await page.locator('ww-home-page ol.steps h3').allInnerTexts()).toEqual([
        'Gebieden toevoegen',
        'Een project maken',
        'Uitkomsten beschrijven',
        'Een verhaallink maken',
      ]);
      await expect(step(page, 1).innerText()).resolves.toContain('Projecten, verhalen en cijfers horen bij een wijk of buurt.');
      expect(await step(page, 2).getByRole('link').count()).toBe(0);
      await expect(step(page, 2).innerText()).resolves.toContain('Eerst stap 1');
      expect(await page.getByText('Alle verhalen zijn getagd').count()).toBe(0);
      expect(await page.getByText('verhaal vastleggen', { exact: false }).count()).toBe(0);
      await checkA11y(page, `first run home (${size})`);
      if (phone) await expectNoHorizontalScroll(page, 'first run home on a phone');
      await page.screenshot({ path: `tests/artifacts/screenshots/first-run-home-${size}.png`, fullPage: true });

      // 1. Areas: a municipality and a district inside it.
      await activate(page, step(page, 1).getByRole('link', { name: 'Gebieden toevoegen' }));
      await page.getByRole('heading', { name: 'Gebieden', level: 1 }).waitFor();
      await page.getByLabel('Naam', { exact: true }).fill('Amsterdam');
      await page.getByLabel('Soort').selectOption('gemeente');
      await page.getByLabel(/^CBS-code/).fill('GM0363');
      await page.getByRole('button', { name: 'Toevoegen' }).click();
      await page.getByText('Amsterdam is toegevoegd.').waitFor();
      await page.getByLabel('Naam', { exact: true }).fill('Burgwallen-Oude Zijde');
      await page.getByLabel('Soort').selectOption('wijk');
      await page.getByLabel('Ligt in').selectOption({ label: 'Amsterdam (Gemeente)' });
      await page.getByRole('button', { name: 'Toevoegen' }).click();
      await page.getByText('Burgwallen-Oude Zijde is toegevoegd.').waitFor();

      // 2. A project, adding its buurt from the project form, inside the wijk.
      await home(page);
      await expect(step(page, 1).innerText()).resolves.toContain('Klaar: 2 gebied(en)');
      await activate(page, step(page, 2).getByRole('link', { name: 'Een project maken' }));
      await page.getByRole('heading', { name: 'Nieuw project', level: 1 }).waitFor();
      await page.getByLabel('Naam van het project').fill('Buurtkamer Zeedijk');
      await page.getByText('Gebied toevoegen', { exact: true }).first().click();
      await page.getByLabel('Naam', { exact: true }).fill('Kop Zeedijk');
      await page.getByLabel('Ligt in', { exact: false }).selectOption({ label: '\u2003Burgwallen-Oude Zijde (Wijk)' });
      await page.getByRole('button', { name: 'Gebied toevoegen' }).click();
      await page.getByText('Kop Zeedijk is toegevoegd en aangevinkt.').waitFor();
      await checkA11y(page, `project form with a new area (${size})`);
      await page.getByRole('button', { name: 'Project aanmaken' }).click();
      await page.waitForURL(/\/projects\/\d+$/);
      const wijk = await e.db.selectFrom('areas').select('id').where('name', '=', 'Burgwallen-Oude Zijde').executeTakeFirstOrThrow();
      expect(await e.db.selectFrom('areas').select(['kind', 'parentId']).where('name', '=', 'Kop Zeedijk').executeTakeFirstOrThrow()).toEqual({
        kind: 'buurt',
        parentId: wijk.id,
      });

      // 3. Outcomes.
      await home(page);
      await activate(page, step(page, 3).getByRole('link', { name: 'Uitkomsten beschrijven' }));
      await page.getByRole('heading', { name: /^Uitkomsten/, level: 1 }).waitFor();
      await expect(page.getByRole('combobox', { name: /^Niveau/ }).inputValue()).resolves.toBe('outcome');
      await page.getByRole('textbox', { name: 'Titel' }).fill('Buren kennen elkaar');
      await page.getByRole('button', { name: 'Toevoegen' }).click();
      await page.getByRole('heading', { name: /Buren kennen elkaar/ }).waitFor();

      // 4. A story link.
      await home(page);
      await activate(page, step(page, 4).getByRole('link', { name: 'Een verhaallink maken' }));
      await page.getByRole('heading', { name: 'Links voor bewoners', level: 1 }).waitFor();
      await page.getByLabel(/^Naam van de link/).fill('Poster buurtkamer');
      await page.getByRole('button', { name: 'Link maken' }).click();
      await page.getByText('De link is gemaakt.').waitFor();

      // Done: the steps give way to the recurring work.
      await home(page);
      await page.getByRole('heading', { name: 'Te doen' }).waitFor();
      expect(await page.getByRole('heading', { name: 'Aan de slag' }).count()).toBe(0);
      await page.getByText('Alle verhalen zijn getagd.').waitFor();
      await page.getByRole('link', { name: 'Een verhaal vastleggen dat je hoorde of zelf meemaakte' }).waitFor();
      await page.getByRole('link', { name: 'Alleen jij hebt een account. Maak accounts voor je team.' }).waitFor();
      await checkA11y(page, `home after setup (${size})`);
      await page.screenshot({ path: `tests/artifacts/screenshots/first-run-done-${size}.png`, fullPage: true });
      expect(await e.db.selectFrom('publicLinks').select('label').execute()).toEqual([{ label: 'Poster buurtkamer' }]);
    }, 120_000);

    it('groups the menu by what people do, rare tools under Beheer, reachable by keyboard', async () => {
      const page = await (await e.context({ phone })).newPage();
      const admin = await e.user('admin');
      await e.db.updateTable('users').set({ name: 'Bea Beheer' }).where('id', '=', admin.id).execute(); // the demo's admin, as the header shows it
      await e.login(page, admin.email);
      await page.getByRole('heading', { name: /^Welkom/, level: 1 }).waitFor();
      if (phone) {
        const toggle = page.getByRole('button', { name: 'Menu' });
        await activate(page, toggle);
        await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('true');
      }
      const nav = page.getByRole('navigation', { name: 'Hoofdmenu' });
      const group = (name: string) => nav.getByRole('list', { name });
      expect(await group('Verhalen').getByRole('link').allInnerTexts()).toEqual(['Verhalen']);
      expect(await group('Duiden').getByRole('link').allInnerTexts()).toEqual(['Taggen', 'Klimaat', 'MSC-rondes']);
      expect(await group('Tellen').getByRole('link').allInnerTexts()).toEqual(['Projecten']);
      expect(await group('Verantwoorden').getByRole('link').allInnerTexts()).toEqual(['Rapportages']);
      expect(await group('Beheer').getByRole('link').allInnerTexts()).toEqual(['Gebieden', 'Organisatie', 'Gebruikers', 'CBS-import']);
      // the home page's "Waar wil je heen?" (shown once the first test finished the setup steps) lists the same pages in the menu's order
      const places = page.locator('ul.places').getByRole('link');
      expect(await places.allInnerTexts()).toEqual([
        'Verhalen',
        'Taggen',
        'Klimaat',
        'MSC-rondes',
        'Projecten',
        'Rapportages',
        'Gebieden',
        'Organisatie',
        'Gebruikers',
        'CBS-import',
      ]);
      // On a wide screen the admin's whole menu and the tools fit one row: the page starts near the top.
      if (!phone) expect(await nav.evaluate((el) => (el.getRootNode() as ShadowRoot).querySelector('header')!.getBoundingClientRect().height)).toBeLessThan(90);
      await checkA11y(page, `menu (${size})`);
      if (phone) await expectNoHorizontalScroll(page, 'menu open on a phone');
      await page.screenshot({ path: `tests/artifacts/screenshots/menu-${size}.png` });
      await activate(page, group('Beheer').getByRole('link', { name: 'CBS-import' }));
      await page.waitForURL('**/imports/cbs');
    }, 60_000);

    it("shows each role's recurring work with counts, one tap to each", async () => {
      const worker = await e.user('worker');
      const coordinator = await e.user('coordinator');
      const funder = await e.user('funder');
      const area = await e.db
        .insertInto('areas')
        .values({ name: `Wijk ${size}`, kind: 'wijk', cbsCode: null, parentId: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      const projectId = await insertProject(e.db, { name: `Taalcafé ${size}`, areaIds: [area.id] });
      await setProjectMembers(e.db, projectId, [worker.id]);
      await quarterIndicator(e.db, projectId, 'Deelnemers', { byArea: true });
      const today = new Date().toISOString().slice(0, 10);
      await e.db
        .insertInto('hours')
        .values({ projectId, userId: worker.id, date: weekOf(today).from, hours: 1.75, phase: 'DOEN', activity: 'Taalcafé' })
        .execute();
      const round = await e.db
        .insertInto('mscRounds')
        .values({ domain: `Meedoen ${size}`, periodFrom: '2026-01-01', periodTo: '2026-12-31', createdBy: coordinator.id })
        .returning('id')
        .executeTakeFirstOrThrow();
      await e.db.insertInto('mscPanelMembers').values({ roundId: round.id, userId: worker.id }).execute();
      await e.db
        .insertInto('reports')
        .values({
          title: `Jaarverslag ${size}`,
          audience: 'funder',
          periodFrom: '2026-01-01',
          periodTo: '2026-12-31',
          introJson: '{"type":"doc","content":[]}',
          introHtml: '',
          createdBy: coordinator.id,
        })
        .execute();

      // The worker: hours this week, this quarter's empty values, the MSC pick waiting — each a link.
      const page = await (await e.context({ phone })).newPage();
      await e.login(page, worker.email);
      await page.getByRole('heading', { name: 'Te doen' }).waitFor();
      const quarter = periodLabel(periodOf(today, 'quarter'), 'nl'); // in words: '4e kwartaal 2026'
      await page.getByRole('link', { name: `Taalcafé ${size}: 1,75 uur deze week` }).waitFor();
      await page.getByRole('link', { name: `Taalcafé ${size}: 1 indicatorwaarde voor ${quarter} nog leeg` }).waitFor();
      await page.getByRole('link', { name: `Kies je verhaal in de MSC-ronde ‘Meedoen ${size}’` }).waitFor();
      await checkA11y(page, `worker home (${size})`);
      if (phone) await expectNoHorizontalScroll(page, 'worker home on a phone');
      await page.screenshot({ path: `tests/artifacts/screenshots/home-worker-${size}.png`, fullPage: true });
      await activate(page, page.getByRole('link', { name: `Taalcafé ${size}: 1 indicatorwaarde voor ${quarter} nog leeg` }));
      await page.waitForURL(`**/projects/${projectId}/indicators`);
      await page.getByRole('textbox', { name: `Deelnemers, Wijk ${size}, ${quarter}` }).waitFor();
      await page.context().close();

      // The coordinator: the draft report, one tap away.
      const coord = await (await e.context({ phone })).newPage();
      await e.login(coord, coordinator.email);
      await activate(coord, coord.getByRole('link', { name: `Rapportage ‘Jaarverslag ${size}’ is nog een concept` }));
      await coord.waitForURL(/\/reports\/\d+$/);
      await coord.context().close();

      // The funder: one form of address ("je"), no "u".
      const fund = await (await e.context({ phone })).newPage();
      await e.login(fund, funder.email);
      await fund.getByRole('heading', { name: 'Rapportages voor jou' }).waitFor();
      await fund.getByText('Er zijn nog geen rapportages met je gedeeld.', { exact: false }).waitFor();
      const text = await fund.evaluate(() => document.querySelector('ww-app')!.shadowRoot!.querySelector('ww-home-page')!.shadowRoot!.textContent ?? '');
      expect(text).toContain('Er zijn nog geen rapportages met je gedeeld.');
      expect(text).not.toMatch(/\b[uU]\b/);
      await checkA11y(fund, `funder home (${size})`);
      await fund.context().close();
    }, 90_000);
  });
}
