import { describe, expect, it } from 'vitest';
import { withdrawStory } from './helpers/reports-fixtures.js';
import { createReport, publish, reportSetup } from './helpers/report-api.js';
import { pageLang } from '../server/reports/page.js';

async function setup() {
  const { t, w, coord } = await reportSetup();
  const id = await createReport(coord, w, { intro: undefined });
  await publish(coord, id);
  const linkRes = await coord.post(`/api/reports/${id}/links`, { expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString() });
  const link = ((await linkRes.json()) as { link: { id: number; token: string } }).link;
  return { t, w, coord, id, link };
}

describe('report pages: Dutch first, English second', () => {
  it('the version page is Dutch by default with a visible link to English, and English with ?lang=en', async () => {
    const { t, coord, id } = await setup();
    const nl = await (await coord.get(`/reports/${id}/versions/1`)).text();
    expect(nl).toContain('<html lang="nl">');
    expect(nl).toContain('<dt>Periode</dt>');
    expect(nl).toContain('Verteld door Piet Publiek');
    expect(nl).toContain(`<a href="/reports/${id}/versions/1?lang=en" lang="en" hreflang="en">English</a>`);

    const en = await (await coord.get(`/reports/${id}/versions/1?lang=en`)).text();
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('<article class="report" lang="en">');
    expect(en).toContain('Jaarverslag 2026 — version 1');
    expect(en).toContain('<dt>Period</dt>');
    expect(en).toContain('Told by Piet Publiek');
    expect(en).toContain('Told anonymously');
    expect(en).toContain('Back to Weefwerk');
    expect(en).toContain('Skip to the report');
    expect(en).toContain(`<a href="/reports/${id}/versions/1?lang=nl" lang="nl" hreflang="nl">Nederlands</a>`);
    expect(en).not.toContain('Verteld door');
    expect(en).not.toContain('Periode');
    // the chart speaks English too: its text alternative and legend
    expect(en).toMatch(
      /<desc id="chart-\d+-\d+-desc">Deelnemers aan buurtactiviteiten: baseline 40; latest measurement 63 in Q2 2026 \(target 60\)\. The figures are also in the table\.<\/desc>/,
    );
    expect(en).toContain('>Actual</text>');
    expect(en).not.toContain('Gerealiseerd');
    expect(nl).toContain('laatste meting 63 in 2e kwartaal 2026 (doel 60)');
    // Periods read in words, not codes: in the table, short on the chart's axis.
    expect(nl).toContain('<th scope="row">2e\u00a0kwartaal 2026</th>');
    expect(nl).toMatch(/>K2 2026<\/text>/);
    expect(en).toContain('<th scope="row">Q2 2026</th>');
    expect(en).toMatch(/>Q2 2026<\/text>/);
    for (const page of [nl, en]) expect(page).not.toContain('2026-Q2');
    // consent holds in English too: team stories never, 'report' stories without a name
    expect(en).not.toContain('TEAMGEHEIM');
    expect(en).not.toContain('Ria Rapport');
    await t.close();
  });

  it('an earlier version says that a newer one exists and links to it, also when it was read before', async () => {
    const { coord, id } = await setup();
    expect(await (await coord.get(`/reports/${id}/versions/1`)).text()).not.toContain('eerdere versie');
    expect((await coord.patch(`/api/reports/${id}`, { title: 'Jaarverslag 2026, herzien' })).status).toBe(200);
    await publish(coord, id);
    const first = await (await coord.get(`/reports/${id}/versions/1`)).text();
    expect(first).toContain('Dit is een eerdere versie. De nieuwste is versie 2.');
    expect(first).toContain(`<a href="/reports/${id}/versions/2">Lees versie 2</a>`);
    expect(await (await coord.get(`/reports/${id}/versions/1?lang=en`)).text()).toContain('This is an earlier version. The latest is version 2.');
    expect(await (await coord.get(`/reports/${id}/versions/2`)).text()).not.toContain('eerdere versie');
  });
  it('a number in a page address is read as the API reads it: one address per version, else the page that says it is not there', async () => {
    const { t, coord, id, link } = await setup();
    expect((await coord.get(`/reports/${id}/versions/1`)).status).toBe(200);
    expect((await coord.get(`/reports/000${id}/versions/01`)).status).toBe(200);
    for (const path of [
      `/reports/0/versions/1`,
      `/reports/${id}/versions/0`,
      `/reports/99999999999999999999/versions/1`,
      `/reports/${id}/versions/99999999999999999999`,
    ]) {
      const res = await coord.get(path);
      expect(res.status, path).toBe(404);
      expect(await res.text(), path).toContain('<html lang="nl">');
    }
    for (const mediaId of ['0', '99999999999999999999']) expect((await t.anon.get(`/reports/shared/${link.token}/photos/${mediaId}`)).status).toBe(404);
    await t.close();
  });

  it('a logged-in reader gets their own language; ?lang overrides it', async () => {
    const { t, coord, id } = await setup();
    await t.db.updateTable('users').set({ locale: 'en' }).where('id', '=', coord.id).execute();
    expect(await (await coord.get(`/reports/${id}/versions/1`)).text()).toContain('<html lang="en">');
    expect(await (await coord.get(`/reports/${id}/versions/1?lang=nl`)).text()).toContain('<html lang="nl">');
    // the browser's language does not outrank the user's choice
    await t.db.updateTable('users').set({ locale: 'nl' }).where('id', '=', coord.id).execute();
    const page = await coord.request('GET', `/reports/${id}/versions/1`, undefined, { 'accept-language': 'en-GB,en;q=0.9' });
    expect(await page.text()).toContain('<html lang="nl">');
    await t.close();
  });

  it('a story withdrawn after publication is a placeholder in English as in Dutch, also on a page read before', async () => {
    const { t, w, coord, id, link } = await setup();
    // read first, so each page is made (and kept) with the story in it
    for (const lang of ['nl', 'en'])
      expect(await (await coord.get(`/reports/${id}/versions/1?lang=${lang}`)).text()).toContain('Het buurtfeest bracht iedereen samen.');
    await withdrawStory(t.db, w.publicStory);
    expect(await (await coord.get(`/reports/${id}/versions/1`)).text()).not.toContain('Het buurtfeest bracht iedereen samen.');
    for (const page of [await coord.get(`/reports/${id}/versions/1?lang=en`), await t.anon.get(`/reports/shared/${link.token}?lang=en`)]) {
      const html = await page.text();
      expect(html).toContain('This story is not shown here now. That happens when its teller withdraws it');
      expect(html).not.toContain('Het buurtfeest bracht iedereen samen.');
      expect(html).not.toContain('Piet Publiek');
    }
    expect(await (await coord.get(`/reports/${id}/versions/1?lang=en`)).text()).toContain('Some stories of this version are not shown here now');
    await t.close();
  });

  it('a read link follows the browser language, and says in that language when it was revoked', async () => {
    const { t, coord, id, link } = await setup();
    const en = await t.anon.request('GET', `/reports/shared/${link.token}`, undefined, { 'accept-language': 'en-US,en;q=0.9,nl;q=0.8' });
    expect(en.headers.get('vary')).toContain('Accept-Language');
    const enHtml = await en.text();
    expect(enHtml).toContain('<html lang="en">');
    expect(enHtml).toContain(`<a href="/reports/shared/${link.token}?lang=nl" lang="nl" hreflang="nl">Nederlands</a>`);
    expect(await (await t.anon.get(`/reports/shared/${link.token}`)).text()).toContain('<html lang="nl">');

    expect((await coord.post(`/api/reports/${id}/links/${link.id}/revoke`)).status).toBe(200);
    const goneEn = await t.anon.get(`/reports/shared/${link.token}?lang=en`);
    expect(goneEn.status).toBe(410);
    expect(await goneEn.text()).toContain('This link has been revoked');
    const goneNl = await t.anon.get(`/reports/shared/${link.token}`);
    expect(goneNl.status).toBe(410);
    expect(await goneNl.text()).toContain('Deze link is ingetrokken');
    await t.close();
  });

  it('the preview follows the app language: Dutch by default, English with lang=en; anything else is a 400', async () => {
    const { t, coord, id } = await setup();
    const html = async (q: string) => ((await (await coord.get(`/api/reports/${id}/preview${q}`)).json()) as { html: string }).html;
    expect(await html('')).toContain('<article class="report" lang="nl">');
    expect(await html('?lang=nl')).toContain('<dt>Periode</dt>');
    const en = await html('?lang=en');
    expect(en).toContain('<article class="report" lang="en">');
    expect(en).toContain('Draft (not published)');
    expect((await coord.get(`/api/reports/${id}/preview?lang=fr`)).status).toBe(400);
    await t.close();
  });

  it('picks the language: ?lang, then the user, then Accept-Language by preference, else Dutch', () => {
    expect(pageLang(undefined, undefined)).toBe('nl');
    expect(pageLang('en', 'nl')).toBe('en');
    expect(pageLang('nl', 'en', 'en')).toBe('nl');
    expect(pageLang('fr', undefined)).toBe('nl');
    expect(pageLang(undefined, 'en', 'nl')).toBe('nl');
    expect(pageLang(undefined, 'en-GB,en;q=0.9,nl;q=0.5')).toBe('en');
    expect(pageLang(undefined, 'nl-BE, en;q=0.8')).toBe('nl');
    expect(pageLang(undefined, 'fr-FR, de;q=0.9')).toBe('nl');
    expect(pageLang(undefined, 'fr, nl;q=0.5, en;q=0.7')).toBe('en');
    expect(pageLang(undefined, 'en;q=0, nl;q=0.1')).toBe('nl');
  });

  it("the editor's preview is styled by the report page's own stylesheet, served at /report.css", async () => {
    const { t, coord, id } = await setup();
    const res = await t.app.request('/report.css');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/css; charset=utf-8');
    const css = await res.text();
    expect(css).toContain('table.cards'); // the phone layout of the summary and the tables
    expect(css).toContain(':host'); // its colours reach into the preview's shadow root
    const page = await (await coord.get(`/reports/${id}/versions/1`)).text();
    expect(page).toContain(`<style>${css}`);
  });
});
