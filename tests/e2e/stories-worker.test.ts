import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2E, type E2E } from '../helpers/browser.js';
import { apiOf, axeViolations, expectNoSidewaysScroll } from '../helpers/resident-fixtures.js';
import { expectAccessible } from '../helpers/a11y.js';

describe('browser: a worker records a story heard on the street', { timeout: 60_000 }, () => {
  let e: E2E;
  let worker: { id: number; email: string };
  let projectId: number;
  let areaId: number;

  beforeAll(async () => {
    e = await startE2E();
    worker = await e.user('worker');
    areaId = (await e.db.insertInto('areas').values({ name: 'Transvaal', kind: 'buurt' }).returning('id').executeTakeFirstOrThrow()).id;
    projectId = (await e.db.insertInto('projects').values({ name: 'Buurtkamer' }).returning('id').executeTakeFirstOrThrow()).id;
    await e.db.insertInto('projectAreas').values({ projectId, areaId }).execute();
    // a street block within the project's buurt is offered; another project's buurt is not
    await e.db
      .insertInto('areas')
      .values([
        { name: 'Hofje Transvaal', kind: 'buurt', parentId: areaId },
        { name: 'Duindorp', kind: 'buurt' },
      ])
      .execute();
    await e.db.insertInto('projectMembers').values({ projectId, userId: worker.id }).execute();
  });
  afterAll(async () => e?.close());

  it('records it with paper consent, finds it by searching, opens and edits it', async () => {
    const ctx = await e.context({ phone: true });
    const page = await ctx.newPage();
    page.setDefaultTimeout(8000);
    await e.login(page, worker.email);

    // On a phone the main menu folds behind one button, so each page starts near the top of the screen.
    const menuButton = page.getByRole('button', { name: 'Menu' });
    await expect(page.getByRole('navigation').getByRole('link', { name: 'Verhalen' }).isVisible()).resolves.toBe(false);
    await menuButton.click();
    await expect(menuButton.getAttribute('aria-expanded')).resolves.toBe('true');
    await page.getByRole('navigation').getByRole('link', { name: 'Verhalen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Verhalen' }).waitFor();
    await page.getByRole('link', { name: 'Verhaal vastleggen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Verhaal vastleggen' }).waitFor();

    // A worker sees only their own project; with one, it is chosen already.
    const project = page.getByLabel('Project', { exact: true });
    await project.locator('option', { hasText: 'Buurtkamer' }).waitFor({ state: 'attached' });
    await expect(project.locator('option').allTextContents()).resolves.toEqual(['Kies een project', 'Buurtkamer']);
    await expect(project.inputValue()).resolves.toBe(String(projectId));
    await expect(page.getByRole('radio', { name: /Een verhaal dat ik hoorde/ }).isChecked()).resolves.toBe(true);
    await expect(page.getByLabel('Gebied').locator('option').allTextContents()).resolves.toEqual(['Geen gebied', 'Hofje Transvaal', 'Transvaal']);
    await page.getByLabel('Gebied').selectOption({ label: 'Transvaal' });
    await page.getByLabel('Fase').selectOption('ZIEN');
    await page.getByLabel('Wanneer gebeurde het?').fill('2026-11-20');
    await page.getByLabel('Titel', { exact: true }).fill('Koffie in het café op de hoek');
    const editor = page.getByRole('textbox', { name: 'Het verhaal' });
    await editor.click();
    await page.keyboard.type('Mevrouw Jansen vertelde dat ze nu elke week koffie drinkt met de buren. ');
    const italic = page.getByRole('button', { name: 'Schuin' });
    await italic.click();
    await expect.poll(() => italic.getAttribute('aria-pressed')).toBe('true');
    await page.keyboard.type('Vroeger kende ik niemand');
    await expect.poll(() => editor.locator('em').textContent()).toBe('Vroeger kende ik niemand');
    await italic.click();
    await expect.poll(() => italic.getAttribute('aria-pressed')).toBe('false');
    await page.keyboard.type('. Meer op ');
    // A link through the toolbar's small form: unsafe addresses are refused, a bare domain becomes https.
    await page.getByRole('button', { name: 'Link' }).click();
    const url = page.getByLabel('Adres van de link');
    await expect(url.evaluate((el) => el.getRootNode() instanceof ShadowRoot && (el.getRootNode() as ShadowRoot).activeElement === el)).resolves.toBe(true);
    await url.fill('javascript:alert(1)');
    await url.press('Enter');
    await page.getByText('Dit adres werkt niet.', { exact: false }).waitFor();
    await expect(url.getAttribute('aria-invalid')).resolves.toBe('true');
    await url.fill('buurtkamer.nl');
    await url.press('Enter');
    await expect(editor.getByRole('link').getAttribute('href')).resolves.toBe('https://buurtkamer.nl');
    await page.getByLabel('Naam of schuilnaam').fill('Mevrouw Jansen');
    // An option is named by its name alone; its hint describes it, so it is read once.
    await expectAccessible(
      page.locator('input[name="source"][value="heard"]'),
      'Een verhaal dat ik hoorde',
      'Je schrijft op wat een bewoner vertelde, met diens toestemming.',
    );
    await expectAccessible(
      page.locator('input[name="level"][value="report"]'),
      'Verslag, anoniem',
      'Mag in verslagen aan financiers, zonder naam en herkenbare details.',
    );
    await page.getByRole('radio', { name: 'Verslag, anoniem', exact: true }).check();
    await page.getByRole('radio', { name: 'Op papier' }).check();
    await expectNoSidewaysScroll(page);
    await expect(axeViolations(page)).resolves.toEqual([]);
    await e.screenshot(page, 'worker-record-story-phone');
    await page.getByRole('button', { name: 'Opslaan' }).click();

    await page.waitForURL(/\/stories\/\d+$/);
    await page.getByRole('heading', { level: 1, name: 'Koffie in het café op de hoek' }).waitFor();
    await e.screenshot(page, 'worker-story-page-phone');
    // The receipt code is shown now, once, to hand to the teller.
    await expect(page.locator('[data-receipt]').textContent()).resolves.toMatch(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
    const id = Number(new URL(page.url()).pathname.split('/').pop());
    const story = await e.db.selectFrom('stories').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(story).toMatchObject({
      projectId,
      areaId,
      phase: 'ZIEN',
      happenedOn: '2026-11-20',
      source: 'heard',
      recordedBy: worker.id,
      consent: 'report',
      withdrawnAt: null,
    });
    const inline = JSON.parse(story.bodyJson).content[0].content;
    expect(inline).toContainEqual({ type: 'text', text: 'Vroeger kende ik niemand', marks: [{ type: 'italic' }] });
    expect(inline.find((n: { marks?: { type: string }[] }) => n.marks?.[0]?.type === 'link').marks[0].attrs.href).toBe('https://buurtkamer.nl');
    expect(story.bodyHtml).toMatch(/<a href="https:\/\/buurtkamer\.nl\/?" rel="noopener noreferrer nofollow">/);
    const consent = await e.db.selectFrom('storyConsents').selectAll().where('storyId', '=', id).executeTakeFirstOrThrow();
    expect(consent).toMatchObject({ level: 'report', channel: 'paper', givenBy: 'teller', recordedBy: worker.id });
    await expect(page.locator('ww-story-page em').textContent()).resolves.toBe('Vroeger kende ik niemand');
    await page.getByRole('cell', { name: 'Op papier' }).waitFor();
    await expectNoSidewaysScroll(page);
    await expect(axeViolations(page)).resolves.toEqual([]);

    // Search without the accent, narrowed to consent "report": the story is found, and the filter is in the address.
    await page.goto('/stories');
    await page.getByRole('heading', { level: 1, name: 'Verhalen' }).waitFor();
    await page.getByLabel('Zoek in titel en tekst').fill('cafe');
    // On a phone the secondary filters are folded away, so the stories come first; one tap opens them.
    await expect(page.getByLabel('Toestemming').isVisible()).resolves.toBe(false);
    await page.getByText('Meer filters: gebied, fase, toestemming, bron, datum').click();
    await page.getByLabel('Toestemming').selectOption('report');
    await page.getByRole('button', { name: 'Zoeken', exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('q') === 'cafe' && url.searchParams.get('consent') === 'report');
    await page.getByRole('status').getByText('1 verhaal gevonden').waitFor();
    const result = page.getByRole('list', { name: 'Resultaten' }).getByRole('listitem');
    await expect(result.count()).resolves.toBe(1);
    await result.getByText('Verslag, anoniem').waitFor();
    await e.screenshot(page, 'worker-stories-search-phone');
    await expectNoSidewaysScroll(page);
    await expect(axeViolations(page)).resolves.toEqual([]);

    // A search that matches nothing says so; the filters come back from the address on reload.
    await page.goto('/stories?q=zwembad&consent=report');
    await page.getByRole('status').getByText('Geen verhalen gevonden', { exact: false }).waitFor();
    await expect(page.getByLabel('Zoek in titel en tekst').inputValue()).resolves.toBe('zwembad');
    await expect(page.getByLabel('Toestemming').inputValue()).resolves.toBe('report');

    await page.goto('/stories?q=cafe');
    await page.getByRole('link', { name: 'Koffie in het café op de hoek' }).click();
    await page.waitForURL(`**/stories/${id}`);

    // The worker recorded it, so may edit it.
    await page.getByRole('link', { name: 'Bewerken' }).click();
    await page.getByRole('heading', { level: 1, name: 'Verhaal bewerken' }).waitFor();
    const title = page.getByLabel('Titel', { exact: true });
    await expect(title.inputValue()).resolves.toBe('Koffie in het café op de hoek');
    await expect(page.getByRole('textbox', { name: 'Het verhaal' }).textContent()).resolves.toContain('Mevrouw Jansen vertelde');
    await title.fill('Koffie met de buren');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.waitForURL(`**/stories/${id}`);
    await page.getByRole('heading', { level: 1, name: 'Koffie met de buren' }).waitFor();
    const edited = await e.db.selectFrom('stories').select(['title', 'bodyText']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(edited.title).toBe('Koffie met de buren');
    expect(edited.bodyText).toContain('Vroeger kende ik niemand');
    await ctx.close();
  });

  it('a teller lost the receipt code of a heard story: the page says why it cannot be shown again and makes a new one', async () => {
    const ctx = await e.context({ phone: true });
    const page = await ctx.newPage();
    page.setDefaultTimeout(20_000);
    await e.login(page, worker.email);
    const api = apiOf(e, page);
    const created = await api.post('/api/stories', {
      projectId,
      title: 'De bankjes',
      body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Er staan weer bankjes.' }] }] },
      source: 'heard',
      consent: { level: 'report', channel: 'paper', givenBy: 'teller' },
    });
    expect(created.status, created.text).toBe(201);
    const { story, receipt: old } = created.json;
    await page.goto(`/stories/${story.id}`);
    await page.getByRole('heading', { level: 1, name: 'De bankjes' }).waitFor();
    await page.getByRole('heading', { name: 'Bewijscode kwijt?' }).waitFor();
    await page.getByText('Weefwerk bewaart de code niet', { exact: false }).waitFor();
    expect(await page.locator('[data-receipt]').count()).toBe(0);
    const make = page.getByRole('button', { name: 'Nieuwe bewijscode maken' });
    await make.click();
    await page.getByText('Weet je het zeker? De oude code van de verteller werkt daarna niet meer.').waitFor();
    await page.keyboard.press('Escape'); // changed their mind: nothing happens
    await make.waitFor();
    expect((await api.get(`/api/public/receipts/${old}`)).status).toBe(200);
    await make.click();
    await page.getByRole('button', { name: 'Ja, maak een nieuwe code' }).click();
    const shown = page.locator('[data-receipt]');
    await shown.waitFor();
    const code = (await shown.textContent())!.trim();
    expect(code).not.toBe(old);
    await expectNoSidewaysScroll(page);
    await expect(axeViolations(page)).resolves.toEqual([]);
    await e.screenshot(page, 'worker-story-new-receipt-phone');
    // The teller's old code no longer opens the story; the new one does.
    expect((await api.get(`/api/public/receipts/${old}`)).status).toBe(404);
    expect((await api.get(`/api/public/receipts/${code}`)).json.story.title).toBe('De bankjes');
    await ctx.close();
  });

  it('ties missing answers to their fields when recording', async () => {
    const ctx = await e.context();
    const page = await ctx.newPage();
    page.setDefaultTimeout(8000);
    await e.login(page, worker.email);
    await page.goto('/stories/new');
    await page.getByRole('heading', { level: 1, name: 'Verhaal vastleggen' }).waitFor();
    await page.getByRole('button', { name: 'Opslaan' }).click();
    const problems = page.locator('#problems');
    await problems.getByText('Controleer deze punten:').waitFor();
    // Each problem names its field as the form does; a question keeps its own mark.
    await problems.getByRole('link', { name: 'Titel: Geef het verhaal een titel.' }).waitFor();
    await problems.getByRole('link', { name: 'Wie mag het verhaal lezen? Kies wie het verhaal mag lezen.' }).waitFor();
    await expect(problems.getAttribute('role')).resolves.toBe('alert');
    const title = page.getByLabel('Titel', { exact: true });
    await expect(title.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.locator('ww-story-edit-page #title-error').textContent()).resolves.toBe('Geef het verhaal een titel.');
    await expect(page.getByRole('textbox', { name: 'Het verhaal' }).getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.getByRole('textbox', { name: 'Het verhaal' }).getAttribute('aria-describedby')).resolves.toBe('body-error');
    await expect(axeViolations(page)).resolves.toEqual([]);
    // An own practice story asks "Wie mag jouw verhaal lezen?"; its line in the list names it the same way.
    await page.getByRole('radio', { name: /^Mijn eigen praktijkverhaal/ }).check();
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await problems.getByRole('link', { name: 'Wie mag jouw verhaal lezen? Kies wie het verhaal mag lezen.' }).waitFor();
    expect(await e.db.selectFrom('stories').select('id').where('title', '=', '').execute()).toEqual([]);
    await ctx.close();
  });

  it("a coordinator narrows a story's consent, exports the teller's data and erases the teller", async () => {
    const { email } = await e.user('coordinator');
    const ctx = await e.context();
    const page = await ctx.newPage();
    page.setDefaultTimeout(20_000); // an upper bound for waiting on real state, not a pause
    await e.login(page, email);
    const api = apiOf(e, page);
    const created = await api.post('/api/stories', {
      projectId,
      title: 'Het speelveldje',
      body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'De kinderen spelen weer buiten.' }] }] },
      source: 'heard',
      teller: { name: 'Ahmed' },
      consent: { level: 'public', channel: 'spoken', givenBy: 'teller' },
    });
    expect(created.status, created.text).toBe(201);
    const { id, teller } = created.json.story;

    await page.goto(`/stories/${id}`);
    await page.getByRole('heading', { level: 1, name: 'Het speelveldje' }).waitFor();
    await page.getByRole('radio', { name: 'Alleen team' }).check();
    await page.getByRole('radio', { name: 'Mondeling' }).check();
    await page.getByRole('button', { name: 'Toestemming opslaan' }).click();
    await page.getByText('De toestemming is opgeslagen.').waitFor();
    const consents = await e.db.selectFrom('storyConsents').select(['level', 'channel', 'givenBy']).where('storyId', '=', id).orderBy('id').execute();
    expect(consents).toEqual([
      { level: 'public', channel: 'spoken', givenBy: 'teller' },
      { level: 'team', channel: 'spoken', givenBy: 'teller' },
    ]);
    // The history reloads after the save: wait for its new row rather than counting at once.
    await expect.poll(() => page.getByRole('region', { name: 'Toestemming: geschiedenis' }).getByRole('row').count()).toBe(3);
    // Which consent wording the teller agreed to, in words: the text's month.
    const history = page.getByRole('region', { name: 'Toestemming: geschiedenis' });
    await expect(history.getByRole('columnheader', { name: 'Toestemmingstekst van' }).count()).resolves.toBe(1);
    await expect(history.getByRole('cell', { name: 'november 2026', exact: true }).count()).resolves.toBeGreaterThan(0);
    // On a phone each change is a small block: its date, then each cell under it, named by its column.
    await page.setViewportSize({ width: 360, height: 800 });
    const cells = history.getByRole('row').nth(1).getByRole('cell');
    const [date, level] = await Promise.all([cells.nth(0).boundingBox(), cells.nth(1).boundingBox()]);
    expect(level!.y).toBeGreaterThanOrEqual(date!.y + date!.height - 1);
    await expect(cells.nth(1).evaluate((el) => getComputedStyle(el, '::before').content)).resolves.toContain('Niveau');
    expect(await history.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(1);
    await page.setViewportSize({ width: 1280, height: 900 });
    // The story leads to its project and, while it has no outcome, to tagging it.
    expect(await page.getByRole('link', { name: 'Buurtkamer', exact: true }).getAttribute('href')).toBe(`/projects/${projectId}`);
    await page.getByText('Dit verhaal is nog niet aan een uitkomst gekoppeld.').waitFor();
    expect(await page.getByRole('link', { name: 'Koppel het bij Taggen.' }).getAttribute('href')).toBe(`/tagging?story=${id}`);
    await expect(axeViolations(page)).resolves.toEqual([]);

    const exportLink = page.getByRole('link', { name: 'Gegevens van de verteller downloaden (JSON)' });
    const href = await exportLink.getAttribute('href');
    expect(href).toBe(`/api/tellers/${teller.id}/export`);
    const exported = await api.get(href!);
    expect(exported.status).toBe(200);
    expect(JSON.stringify(exported.json)).toContain('Het speelveldje');

    // Withdrawing on the teller's behalf needs a reason and a second press; the story then shows only its record.
    const second = await api.post('/api/stories', {
      projectId,
      title: 'De bushalte',
      body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Er is weer een bankje.' }] }] },
      source: 'heard',
      consent: { level: 'report', channel: 'paper', givenBy: 'teller' },
    });
    expect(second.status, second.text).toBe(201);
    const secondId = second.json.story.id;
    await page.goto(`/stories/${secondId}`);
    await page.getByRole('heading', { level: 1, name: 'De bushalte' }).waitFor();
    // Its teller gave no name: making it public asks for the name to show with it.
    await expect(page.getByLabel('Naam bij het openbare verhaal').count()).resolves.toBe(0);
    await page.getByRole('radio', { name: 'Openbaar, met naam' }).check();
    await page.getByRole('radio', { name: 'Mondeling' }).check();
    await page.getByRole('button', { name: 'Toestemming opslaan' }).click();
    await page.getByText('Vul de naam in die bij het verhaal komt te staan').waitFor();
    await expect(page.getByLabel('Naam bij het openbare verhaal').getAttribute('aria-invalid')).resolves.toBe('true');
    await page.getByLabel('Naam bij het openbare verhaal').fill('Meneer Bos');
    await page.getByRole('button', { name: 'Toestemming opslaan' }).click();
    await page.getByText('De toestemming is opgeslagen.').waitFor();
    const named = await e.db
      .selectFrom('stories')
      .innerJoin('tellers', 'tellers.id', 'stories.tellerId')
      .select(['consent', 'displayName'])
      .where('stories.id', '=', secondId)
      .executeTakeFirstOrThrow();
    expect(named).toEqual({ consent: 'public', displayName: 'Meneer Bos' });
    await expect(page.getByLabel('Naam bij het openbare verhaal').count()).resolves.toBe(0);

    await page.getByLabel(/Toestemming intrekken/).check();
    await page.getByRole('radio', { name: 'Op papier' }).check();
    await page.getByRole('button', { name: 'Toestemming opslaan' }).click();
    await page.getByText('Geef een reden voor het intrekken.').waitFor();
    await page.getByLabel('Reden', { exact: true }).fill('De verteller belde: liever niet meer.');
    await page.getByRole('button', { name: 'Toestemming opslaan' }).click();
    await page.getByText('Weet je het zeker? Intrekken kan niet ongedaan worden gemaakt.').waitFor();
    await page.getByRole('button', { name: 'Toestemming intrekken' }).click();
    await page.getByText('De toestemming is ingetrokken op', { exact: false }).waitFor();
    const withdrawn = await e.db.selectFrom('stories').select(['withdrawnAt', 'bodyText']).where('id', '=', secondId).executeTakeFirstOrThrow();
    expect(withdrawn.withdrawnAt).not.toBeNull();
    const last = await e.db.selectFrom('storyConsents').selectAll().where('storyId', '=', secondId).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(last).toMatchObject({ withdrawn: 1, channel: 'paper', reason: 'De verteller belde: liever niet meer.' });
    await page.goto('/stories?includeWithdrawn=true');
    const row = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: `Ingetrokken verhaal ${secondId}` }) });
    await row.getByText('Ingetrokken', { exact: true }).waitFor();
    await expect(axeViolations(page)).resolves.toEqual([]);
    await page.goto(`/stories/${id}`);
    await page.getByRole('heading', { level: 1, name: 'Het speelveldje' }).waitFor();

    // Erasing needs a reason and an explicit confirmation.
    await page.getByRole('button', { name: 'Verteller en alle verhalen wissen' }).click();
    await page.getByText('Geef een reden.').waitFor();
    await expect(page.getByLabel('Reden van het wissen').getAttribute('aria-invalid')).resolves.toBe('true');
    await page.getByLabel('Reden van het wissen').fill('Verzoek van de verteller');
    await page.getByLabel(/Ik begrijp dat alle verhalen/).check();
    await page.getByRole('button', { name: 'Verteller en alle verhalen wissen' }).click();
    await page.getByText('De verteller is gewist', { exact: false }).waitFor();
    expect(await e.db.selectFrom('stories').select('id').where('tellerId', '=', teller.id).execute()).toEqual([]);
    expect(await e.db.selectFrom('tellers').select('id').where('id', '=', teller.id).execute()).toEqual([]);
    await ctx.close();
  });
});
