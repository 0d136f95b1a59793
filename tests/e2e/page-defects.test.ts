// Page defects found in use: each is what a user saw, checked in Chromium as they would meet it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2E, type E2E } from '../helpers/browser.js';
import { readFileSync } from 'node:fs';
import { checkA11y, expectNoHorizontalScroll, expectScrollingTablesReachable, screenshot, tabTo } from '../helpers/a11y.js';
import { makeArea, makeProject, makeStory } from '../helpers/sensemaking-fixtures.js';
import { shared } from '../helpers/shared.js';
import { quarterIndicator } from '../helpers/journey-fixtures.js';

describe('browser: page defects stay fixed', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E();
  });
  afterAll(async () => e?.close());

  it('coding a passage shows it in the list at once, with no error', async () => {
    const { email } = await e.user('coordinator');
    const projectId = await makeProject(e.db, 'Buurtkamer');
    const storyId = await makeStory(e.db, { projectId, title: 'Groeten op straat', text: 'Mensen groeten elkaar weer op straat.' });
    await e.db.insertInto('codes').values({ name: 'Ontmoeting', description: '' }).execute();
    const page = await (await e.context()).newPage();
    await e.login(page, email);
    await page.goto(`/coding/${storyId}`);
    await page.getByRole('heading', { name: 'Gecodeerde fragmenten (0)' }).waitFor();
    const area = page.getByRole('textbox', { name: /Tekst van het verhaal/ });
    await area.evaluate((el: HTMLTextAreaElement) => {
      el.focus();
      el.setSelectionRange(0, 6);
      el.dispatchEvent(new Event('select'));
    });
    await page.getByText('Selectie: 6 tekens').waitFor();
    await page.getByRole('button', { name: 'Fragment coderen' }).click();
    await page.getByText('Fragment gecodeerd.').waitFor();
    await page.getByRole('heading', { name: 'Gecodeerde fragmenten (1)' }).waitFor();
    await expect(page.getByRole('listitem').filter({ hasText: 'Code: Ontmoeting' }).getByText('Mensen', { exact: true }).count()).resolves.toBe(1);
    await expect(page.getByText(/Dat lukte niet|TypeError/).count()).resolves.toBe(0);
    await page.context().close();
  });

  it('the tagging inbox shows accepted tags as accepted (by whom) and suggestions as suggestions', async () => {
    const coordinator = await e.user('coordinator');
    const worker = await e.user('worker');
    const names = new Map(
      (await e.db.selectFrom('users').select(['id', 'name']).where('id', 'in', [coordinator.id, worker.id]).execute()).map((u) => [u.id, u.name]),
    );
    const projectId = await makeProject(e.db, 'Speeltuin', [worker.id]);
    const { id: outcomeId } = await e.db
      .insertInto('outcomes')
      .values({ projectId, level: 'outcome', title: 'Buren kennen elkaar', sort: 1 })
      .returning('id')
      .executeTakeFirstOrThrow();
    const tagged = await makeStory(e.db, { projectId, title: 'Samen koken' });
    const suggested = await makeStory(e.db, { projectId, title: 'Bankje in het park' });
    await e.db
      .insertInto('storyOutcomes')
      .values([
        { storyId: tagged, outcomeId, note: '', status: 'accepted', byUser: coordinator.id },
        { storyId: suggested, outcomeId, note: '', status: 'suggested', byUser: worker.id },
      ])
      .execute();
    const page = await (await e.context()).newPage();
    await e.login(page, coordinator.email);

    await page.goto(`/tagging?story=${tagged}`);
    await page.getByRole('heading', { name: 'Samen koken' }).waitFor();
    await page.getByText(`Getagd door ${names.get(coordinator.id)}`).waitFor();
    await expect(page.getByText(/Voorstel van/).count()).resolves.toBe(0);

    await page.goto(`/tagging?story=${suggested}`);
    await page.getByRole('heading', { name: 'Bankje in het park' }).waitFor();
    await page.getByText(`Voorstel van ${names.get(worker.id)}`).waitFor();
    await expect(page.getByText(/Getagd door/).count()).resolves.toBe(0);
    await page.context().close();
  });

  it('at 360 px the areas table scrolls in a region the keyboard reaches, and the page is axe-clean', async () => {
    const { email } = await e.user('admin');
    const gm = await makeArea(e.db, 'Gemeente Amsterdam met een lange naam', 'gemeente');
    const wk = await makeArea(e.db, 'Wijk Oost-Watergraafsmeer', 'wijk', gm);
    await makeArea(e.db, 'Buurt Middenmeer-Noord en omgeving', 'buurt', wk);
    await e.db.updateTable('areas').set({ cbsCode: 'BU03630000' }).where('kind', '=', 'buurt').execute();
    const page = await (await e.context({ phone: true })).newPage();
    await e.login(page, email);
    await page.goto('/areas');
    const region = page.getByRole('region', { name: 'Gebieden' });
    await region.waitFor();
    await expectNoHorizontalScroll(page, 'areas at 360 px');
    const scrolls = await region.evaluate((el) => el.scrollWidth > el.clientWidth);
    await tabTo(page, region, { max: 40 });
    if (scrolls) {
      await page.keyboard.press('ArrowRight');
      await expect.poll(() => region.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
    }
    await checkA11y(page, 'areas at 360 px');
    await screenshot(page, 'areas-360');
    await page.context().close();
  });

  it('at 360 px every wide table (users, indicator history, import checks) scrolls in a named region the keyboard reaches; hours and expenses read as cards', async () => {
    const admin = await e.user('admin');
    const area = await makeArea(e.db, 'Buurt Transvaal-Noord met een lange naam', 'buurt');
    const projectId = await makeProject(e.db, 'Buurtkamer Transvaal');
    await e.db
      .insertInto('hours')
      .values({ projectId, userId: admin.id, date: '2026-03-02', hours: 2.5, phase: 'DOEN', activity: 'Gesprekken bij de buurtmaaltijd' })
      .execute();
    await e.db
      .insertInto('expenses')
      .values({ projectId, date: '2026-03-02', amountCents: 4250, description: 'Koffie en thee voor de inloop', category: 'Materiaal', enteredBy: admin.id })
      .execute();
    const indicatorId = await quarterIndicator(e.db, projectId, 'Bezoekers', { byArea: true });
    await e.db
      .insertInto('indicatorValueHistory')
      .values({
        indicatorId,
        period: '2026-Q1',
        areaId: area,
        existed: 1,
        oldValue: 12,
        newValue: 14,
        oldNote: null,
        newNote: 'geteld bij de deur',
        changedBy: admin.id,
        batchId: null,
      })
      .execute();
    const page = await (await e.context({ phone: true })).newPage();
    await e.login(page, admin.email);
    const check = async (path: string, region: string | RegExp, name: string, scrolls = true) => {
      if (path) await page.goto(path);
      await page.getByRole('region', { name: region }).waitFor();
      await expectNoHorizontalScroll(page, name);
      const scrolling = await expectScrollingTablesReachable(page, name);
      if (scrolls) expect(scrolling, `${name}: a table that scrolls at 360 px`).toBeGreaterThan(0);
      await checkA11y(page, name);
      await screenshot(page, `tables-360-${name.replace(/\W+/g, '-')}`);
    };
    await check(`/projects/${projectId}/hours`, 'Ingevoerde uitgaven', 'hours page', false);
    // Each entry is a small block: the date first, then each other cell under it, named by its column
    // (shown before the cell, left out of what a screen reader reads: the table's headers say it).
    for (const [region, date, second] of [
      ['Geschreven uren', '2 maart 2026', 'Wie'],
      ['Ingevoerde uitgaven', '2 maart 2026', 'Omschrijving'],
    ]) {
      const cells = page.getByRole('region', { name: region }).getByRole('row').nth(1).getByRole('cell');
      const [a, b] = await Promise.all([cells.nth(0).boundingBox(), cells.nth(1).boundingBox()]);
      expect(b!.y, `${region}: the second cell sits under the first`).toBeGreaterThanOrEqual(a!.y + a!.height - 1);
      expect(await cells.nth(0).innerText()).toBe(date);
      const before = await cells.nth(1).evaluate((el) => getComputedStyle(el, '::before').content);
      expect(before, `${region}: the column's name is shown`).toContain(second);
    }
    // the users and import-error tables may fit a phone with this data: their regions are checked all the same
    await check('/users', 'Gebruikers', 'users page', false);
    await check(`/indicators/${indicatorId}/edit`, 'Laatste wijzigingen van de waarden', 'indicator edit');

    await page.goto(`/projects/${projectId}/indicators/import`);
    await page.getByLabel('CSV-bestand').setInputFiles({
      name: 'waarden.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('indicator;periode;gebied;waarde;opmerking\r\nBezoekers;2026-Q5;Buurt Transvaal-Noord met een lange naam;acht;\r\n'),
    });
    await page.getByRole('button', { name: 'Controleren' }).click();
    await check('', /fout\(en\) in het bestand/, 'import errors', false);

    await page.goto('/imports/cbs');
    const file = readFileSync(shared('data', 'cbs', 'Nabijheid_voorzieningen__buurt_2021_10022023_162519.csv'));
    await page.getByLabel('StatLine CSV-bestand').setInputFiles({ name: 'nabijheid.csv', mimeType: 'text/csv', buffer: file });
    await page.getByRole('textbox', { name: /^Periode/ }).fill('2021');
    await page.getByRole('button', { name: 'Controleren' }).click();
    await check('', /gebied\(en\) niet gevonden/, 'cbs import');
    await page.context().close();
  });

  it('the MSC page speaks to a panel member as "je", like the rest of the staff pages', async () => {
    const { email } = await e.user('worker');
    const page = await (await e.context()).newPage();
    await e.login(page, email);
    await page.goto('/msc');
    await page.getByText('Er zijn nog geen rondes waarin je in het panel zit. Je ziet een ronde hier zodra je ervoor gevraagd bent.').waitFor();
    await expect(page.getByText(/\b[Uu]w?\b/).count()).resolves.toBe(0);
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByText(/There are no rounds with you on the panel yet/).waitFor();
    await page.context().close();
  });
  it('a worker not on an MSC panel sees a page heading and one message in their own language', async () => {
    const organiser = await e.user('admin');
    const { email } = await e.user('worker');
    const round = await e.db
      .insertInto('mscRounds')
      .values({ domain: 'Meedoen in de buurt', periodFrom: '2026-01-01', periodTo: '2026-03-31', createdBy: organiser.id })
      .returning('id')
      .executeTakeFirstOrThrow();
    const page = await (await e.context({ phone: true })).newPage();
    await e.login(page, email);
    await page.goto(`/msc/${round.id}`);
    await page.getByRole('heading', { level: 1, name: 'Most Significant Change-ronde' }).waitFor();
    await page.getByRole('alert').filter({ hasText: 'Deze ronde bestaat niet, of je zit niet in het panel.' }).waitFor();
    await expect(page.getByText(/Round not found|Dat lukte niet/).count()).resolves.toBe(0);
    await checkA11y(page, 'msc round, not on the panel');
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Most significant change round' }).waitFor();
    await page.getByText('This round does not exist, or you are not on its panel.').waitFor();
    await expect(page.getByText(/Ronde niet gevonden/).count()).resolves.toBe(0);
    await page.context().close();
  });

  it('a page whose data fails to load says so and loads again with "Opnieuw proberen"', async () => {
    const { email } = await e.user('admin');
    await makeArea(e.db, 'Wijk Noord', 'wijk');
    const page = await (await e.context()).newPage();
    await e.login(page, email);
    let failures = 1;
    await page.route('**/api/areas', (route) => (failures-- > 0 ? route.fulfill({ status: 503, body: '' }) : route.continue()));
    await page.goto('/areas');
    await page.getByRole('alert').getByText('De gebieden konden niet worden geladen.').waitFor();
    await page.getByRole('button', { name: 'Opnieuw proberen' }).click();
    await page.getByRole('region', { name: 'Gebieden' }).getByText('Wijk Noord').waitFor();
    await expect(page.getByRole('button', { name: 'Opnieuw proberen' }).count()).resolves.toBe(0);
    await page.context().close();
  });
  it('at 360 px the staff reports list shows each report as a block: nothing scrolls sideways, "Gepubliceerd" in view', async () => {
    const { email } = await e.user('coordinator');
    const projectId = await makeProject(e.db, 'Buurtkamer');
    const page = await (await e.context({ phone: true })).newPage();
    await e.login(page, email);
    const created = await page.request.post(`${e.baseUrl}/api/reports`, {
      headers: { origin: e.baseUrl },
      data: { title: 'Jaarverslag buurtkamer Noord 2026', audience: 'funder', periodFrom: '2026-01-01', periodTo: '2026-12-31', projectIds: [projectId] },
    });
    expect(created.status(), await created.text()).toBe(201);
    await page.goto('/reports');
    const region = page.getByRole('region', { name: 'Rapportages' });
    await region.getByRole('link', { name: 'Jaarverslag buurtkamer Noord 2026' }).waitFor();
    await expectNoHorizontalScroll(page, 'reports list at 360 px');
    expect(await region.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(1);
    // Every column in view, named at its cell; still a table with its headers for screen readers.
    const published = region.getByRole('cell', { name: 'Concept, nog niet gepubliceerd' });
    await expect(published.textContent()).resolves.toBe('Concept, nog niet gepubliceerd');
    const box = (await published.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(360);
    await expect(published.evaluate((el) => getComputedStyle(el, '::before').content)).resolves.toMatch(/Gepubliceerd/);
    await expect(region.getByRole('columnheader', { name: 'Gepubliceerd' }).count()).resolves.toBe(1);
    // "Voor" says who the report is for in the words of the report's own cover.
    const id = (await created.json()).report.id;
    const cover = await (await page.request.get(`${e.baseUrl}/api/reports/${id}/preview`)).json();
    expect(cover.html).toContain('<dt>Voor</dt><dd>de financier</dd>');
    await expect(region.getByRole('cell', { name: 'de financier', exact: true }).textContent()).resolves.toBe('de financier');
    await screenshot(page, 'reports-list-360');
    await checkA11y(page, 'reports list at 360 px');

    // On a wide screen it is a table row: the cells side by side.
    await page.setViewportSize({ width: 1280, height: 900 });
    const title = (await region.getByRole('cell').first().boundingBox())!;
    expect((await published.boundingBox())!.y).toBeCloseTo(title.y, 0);
    await checkA11y(page, 'reports list at 1280 px');
    await page.context().close();
  });
});
