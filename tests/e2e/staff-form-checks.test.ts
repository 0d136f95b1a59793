import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activate, expectAccessible, isFocused } from '../helpers/a11y.js';
import { startE2E, type E2E } from '../helpers/browser.js';
import { axeViolations, makeProject } from '../helpers/sensemaking-fixtures.js';

// Staff forms name every problem at once, each at its field, and put the focus on the first.
describe('browser: staff forms check all fields at once', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E();
  });
  afterAll(async () => e?.close());

  it('a new MSC round names every problem at its field, not one per press', async () => {
    const { email } = await e.user('coordinator');
    await makeProject(e.db, 'Portiekgesprekken');
    const page = await (await e.context({ phone: true })).newPage();
    await e.login(page, email);
    await page.goto('/msc');
    const open = page.getByRole('button', { name: 'Ronde openen' });
    await open.waitFor();

    // Nothing filled in: the page's own messages, not the browser's pop-up.
    await activate(page, open);
    const domain = page.getByRole('textbox', { name: /^Domein van verandering/ });
    await expect.poll(() => isFocused(domain)).toBe(true);
    for (const text of [
      'Vul een domein van verandering in.',
      'Kies de eerste dag.',
      'Kies de laatste dag.',
      'Kies minstens één project.',
      'Kies minstens één panellid.',
    ])
      await page.getByText(text).waitFor();
    await expect(domain.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(axeViolations(page)).resolves.toEqual([]);

    // An end before the start, no project, no panel: all three at once; the focus on the first.
    await domain.fill('Meedoen');
    await page.getByLabel(/^Verhalen van/).fill('2026-06-01');
    const to = page.getByLabel(/^Tot en met/);
    await to.fill('2026-01-01');
    await open.click();
    await expect.poll(() => isFocused(to)).toBe(true);
    await page.getByText('Deze dag ligt voor de eerste dag. Kies een latere dag.').waitFor();
    await page.getByText('Kies minstens één project.').waitFor();
    await page.getByText('Kies minstens één panellid.').waitFor();
    expect(await page.getByText('Vul een domein van verandering in.').count()).toBe(0);
    await expect(to.getAttribute('aria-describedby')).resolves.toBe('periodTo-error');
    expect(await e.db.selectFrom('mscRounds').select('id').execute()).toEqual([]);
    await e.screenshot(page, 'msc-form-problems');

    // All put right: the round opens.
    await to.fill('2026-12-31');
    await page.getByRole('checkbox', { name: 'Portiekgesprekken' }).check();
    // Each panel member's role reads as on the users page.
    const panel = page.getByRole('group', { name: 'Panelleden' });
    await expect(panel.getByRole('checkbox', { name: /^Coordinator \d+ \(Coördinator\)$/ }).count()).resolves.toBe(1);
    await panel.getByRole('checkbox').first().check();
    await open.click();
    await page.getByRole('heading', { name: 'Meedoen', level: 1 }).waitFor();
    // The round's state is a label: no full stop.
    await expect(page.locator('p.badge').textContent()).resolves.toBe('Open: panelleden kiezen nu');
    await page.context().close();
  });

  it('a heard story made public without the teller’s name says so at the name field, and is saved once there is one', async () => {
    const { email } = await e.user('coordinator');
    const p = await makeProject(e.db, 'Pleinverhalen');
    const page = await (await e.context({ phone: true })).newPage();
    await e.login(page, email);
    await page.goto('/stories/new');
    await page.getByRole('heading', { level: 1, name: 'Verhaal vastleggen' }).waitFor();
    const project = page.getByLabel('Project', { exact: true });
    await project.locator('option', { hasText: 'Pleinverhalen' }).waitFor({ state: 'attached' });
    await project.selectOption({ label: 'Pleinverhalen' });
    await page.getByLabel('Titel', { exact: true }).fill('De bankjes');
    await page.getByRole('textbox', { name: 'Het verhaal' }).click();
    await page.keyboard.type('Er staan weer bankjes op het plein.');
    await page.getByRole('radio', { name: 'Openbaar, met naam', exact: true }).check();
    await page.getByRole('radio', { name: 'Mondeling' }).check();
    await page.getByRole('button', { name: 'Opslaan', exact: true }).click();
    const message = 'Een openbaar verhaal staat er met een naam. Vul de naam van de verteller in (een verzonnen naam mag ook), of kies ‘Verslag, anoniem’.';
    const name = page.getByLabel('Naam of schuilnaam');
    await page.locator('#tellerName-error').getByText(message).waitFor();
    await expect(name.getAttribute('aria-invalid')).resolves.toBe('true');
    expect(await e.db.selectFrom('stories').select('id').where('projectId', '=', p).execute()).toEqual([]);
    await name.fill('Buurman Sjaak');
    await page.getByRole('button', { name: 'Opslaan', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'De bankjes' }).waitFor();
    expect(await e.db.selectFrom('stories').select('title').where('projectId', '=', p).execute()).toEqual([{ title: 'De bankjes' }]);
    await page.context().close();
  });

  it('adding an outcome without a title says so at the title field', async () => {
    const { email } = await e.user('coordinator');
    const p = await makeProject(e.db, 'Speelplek');
    const page = await (await e.context({ phone: true })).newPage();
    await e.login(page, email);
    await page.goto(`/projects/${p}/outcomes`);
    const add = page.getByRole('button', { name: 'Toevoegen', exact: true });
    await activate(page, add);
    const title = page.locator('#add-title');
    await page.getByText('Vul een titel in.').waitFor();
    await expect.poll(() => isFocused(title)).toBe(true);
    await expect(title.getAttribute('aria-invalid')).resolves.toBe('true');
    await expectAccessible(title, 'Titel', 'Vul een titel in.'); // the label is the name alone; the error describes it
    expect(await e.db.selectFrom('outcomes').select('id').where('projectId', '=', p).execute()).toEqual([]);
    await page.keyboard.insertText('Kinderen spelen buiten');
    await page.keyboard.press('Enter');
    await page.getByRole('status').getByText('Opgeslagen.').waitFor();
    expect(await page.getByText('Vul een titel in.').count()).toBe(0);
    expect(await e.db.selectFrom('outcomes').select('title').where('projectId', '=', p).execute()).toEqual([{ title: 'Kinderen spelen buiten' }]);

    // The same when a title is emptied while editing.
    await activate(page, page.getByRole('button', { name: 'Bewerken' }));
    const edit = page.locator('li.card input[name="title"]');
    await edit.fill('');
    await page.getByRole('button', { name: 'Opslaan', exact: true }).click();
    await page.locator('li.card').getByText('Vul een titel in.').waitFor();
    await expect.poll(() => isFocused(edit)).toBe(true);
    await expect(edit.getAttribute('aria-invalid')).resolves.toBe('true');
    await expectAccessible(edit, 'Titel', 'Vul een titel in.');
    expect(await e.db.selectFrom('outcomes').select('title').where('projectId', '=', p).execute()).toEqual([{ title: 'Kinderen spelen buiten' }]);
    await expect(axeViolations(page)).resolves.toEqual([]);

    // An action the server refuses is said at the top of the page, and the focus goes there (on a phone it is in view).
    await page.reload();
    await page.route('**/api/outcomes/*', (route) =>
      route.request().method() === 'PATCH'
        ? route.fulfill({
            status: 409,
            contentType: 'application/json',
            body: JSON.stringify({ error: { code: 'conflict', message: 'Niet nu / Not now', details: [] } }),
          })
        : route.continue(),
    );
    await activate(page, page.getByRole('button', { name: 'Archiveren: Kinderen spelen buiten' }));
    const failed = page.getByRole('alert').getByText('Niet nu');
    await failed.waitFor();
    await expect.poll(() => isFocused(page.locator('#failed'))).toBe(true);
    const box = (await failed.boundingBox())!;
    expect(box.y).toBeGreaterThan(-2); // scrolled to its top edge
    expect(box.y + box.height).toBeLessThanOrEqual(page.viewportSize()!.height);
    await page.context().close();
  });
});
