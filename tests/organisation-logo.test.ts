// The organisation's logo on report covers: an admin uploads it on the organisation page; it is
// judged by its bytes (415 when it is no image, 413 when too large, the one JSON error shape),
// re-encoded to a PNG that fits a cover, and printed on the cover of previews and published versions.
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ORIGIN, testApp, type Client, type TestApp } from './helpers/app.js';
import { reportWorld } from './helpers/reports-fixtures.js';
import { createReport } from './helpers/report-api.js';

const filesIn = (dir: string): string[] =>
  existsSync(dir) ? readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => statSync(join(dir, f)).isFile()) : [];

/** A JPEG as a phone or a designer might send it, with EXIF. */
const jpegLogo = () =>
  sharp({ create: { width: 1600, height: 600, channels: 3, background: '#1d5c4d' } })
    .withMetadata({ exif: { IFD0: { Artist: 'Ontwerpbureau' } } })
    .jpeg()
    .toBuffer();

function upload(t: TestApp, user: Client, file: Buffer | string, name = 'logo.jpg', type = 'image/jpeg') {
  const form = new FormData();
  form.set('logo', new Blob([typeof file === 'string' ? file : new Uint8Array(file)], { type }), name);
  return t.app.request(`${ORIGIN}/api/organisation/logo`, { method: 'PUT', headers: { origin: ORIGIN, cookie: user.cookie! }, body: form });
}

describe('organisation logo on report covers', () => {
  let t: TestApp;
  let dir: string;
  let admin: Client & { id: number };
  let coord: Client & { id: number };
  let reportId: number;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'weefwerk-logo-'));
    t = await testApp({ mediaPath: dir });
    const w = await reportWorld(t.db);
    admin = await t.as('admin');
    coord = await t.as('coordinator');
    reportId = await createReport(coord, w, { intro: undefined });
  });
  afterEach(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('an admin uploads a logo: kept as a PNG that fits a cover, without tags, and printed on the cover of the preview and the published version', async () => {
    const before = await (await coord.get(`/api/reports/${reportId}/preview`)).json();
    expect(before.html).not.toContain('org-logo');

    const res = await upload(t, admin, await jpegLogo());
    expect(res.status, await res.clone().text()).toBe(200);
    const { organisation } = await res.json();
    expect(organisation.name).toBeNull(); // no ORG_NAME here: no name, and not the software's
    expect(organisation.logo).toMatchObject({ width: 800, height: 300 });

    // Coordinators see it on the organisation page; the file is a PNG with no EXIF left.
    const png = await coord.get(organisation.logo.url);
    expect(png.status).toBe(200);
    expect(png.headers.get('content-type')).toBe('image/png');
    const bytes = Buffer.from(await png.arrayBuffer());
    const meta = await sharp(bytes).metadata();
    expect(meta).toMatchObject({ format: 'png', width: 800, height: 300 });
    expect(meta.exif).toBeUndefined();
    expect(filesIn(dir)).toHaveLength(1);

    const preview = await (await coord.get(`/api/reports/${reportId}/preview`)).json();
    // Without a name beside it, the logo is the only sign of the organisation: its text says what it is.
    expect(preview.html).toContain(`<img class="org-logo" src="data:image/png;base64,${bytes.toString('base64')}" alt="Logo van de organisatie">`);
    expect(preview.html).not.toContain('class="org"');
    expect(preview.data.organisationLogo).toBe(`data:image/png;base64,${bytes.toString('base64')}`);
    expect((await coord.post(`/api/reports/${reportId}/versions`)).status).toBe(201);
    const version = await (await coord.get(`/api/reports/${reportId}/versions/1`)).json();
    expect(version.version.html).toContain('<img class="org-logo" src="data:image/png;base64,');

    // A new logo replaces the old file; removing it leaves covers with the name only.
    expect(
      (
        await upload(
          t,
          admin,
          await sharp({ create: { width: 200, height: 100, channels: 4, background: '#e0a526' } })
            .png()
            .toBuffer(),
          'l.png',
          'image/png',
        )
      ).status,
    ).toBe(200);
    expect(filesIn(dir)).toHaveLength(1);
    const removed = await admin.request('DELETE', '/api/organisation/logo');
    expect((await removed.json()).organisation.logo).toBeNull();
    expect(filesIn(dir)).toHaveLength(0);
    expect((await (await coord.get(`/api/reports/${reportId}/preview`)).json()).html).not.toContain('org-logo');
    // The published version keeps the cover it was published with.
    expect((await (await coord.get(`/api/reports/${reportId}/versions/1`)).json()).version.html).toContain('org-logo');
  });

  it('bad input is the JSON error naming the field: no image 415, too large 413, no file 400; only admins upload; nothing is kept', async () => {
    const cases: [number, Buffer | string, string, string][] = [
      [415, 'Dit is geen plaatje, alleen tekst.', 'logo.png', 'image/png'],
      [415, Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'), 'logo.jpg', 'image/jpeg'],
      [415, '<svg xmlns="http://www.w3.org/2000/svg"><image href="file:///etc/logo.png"/></svg>', 'logo.svg', 'image/svg+xml'],
      [413, Buffer.concat([await jpegLogo(), Buffer.alloc(5 * 1024 * 1024)]), 'groot.jpg', 'image/jpeg'],
    ];
    for (const [status, file, name, type] of cases) {
      const res = await upload(t, admin, file, name, type);
      expect(res.status, name).toBe(status);
      const body = await res.json();
      expect(body.error.code, name).toBe(status === 415 ? 'unsupported_media_type' : 'payload_too_large');
      expect(body.error.details[0].field, name).toBe('logo');
    }
    const empty = await admin.request('PUT', '/api/organisation/logo', { logo: null });
    expect([400, 415]).toContain(empty.status);
    expect((await empty.json()).error).toBeTruthy();
    expect((await upload(t, coord, await jpegLogo())).status).toBe(403);
    expect((await coord.request('DELETE', '/api/organisation/logo')).status).toBe(403);
    expect((await (await t.as('worker')).get('/api/organisation')).status).toBe(403);
    expect((await (await coord.get('/api/organisation')).json()).organisation.logo).toBeNull();
    expect(filesIn(dir)).toHaveLength(0);
  });

  it('with ORG_NAME the cover names the organisation in text, in the preview and the published version, with and without a logo (the logo then decorative)', async () => {
    const named = await testApp({ mediaPath: dir, orgName: 'Stichting Buurtwerk Noord' });
    try {
      const w = await reportWorld(named.db);
      const [a, c] = [await named.as('admin'), await named.as('coordinator')];
      const id = await createReport(c, w, { intro: undefined });
      expect((await (await c.get('/api/organisation')).json()).organisation.name).toBe('Stichting Buurtwerk Noord');
      const cover = (html: string) => html.slice(html.indexOf('<header class="report-head cover">'), html.indexOf('</header>'));
      for (const withLogo of [false, true]) {
        if (withLogo) expect((await upload(named, a, await jpegLogo())).status).toBe(200);
        const preview = cover((await (await c.get(`/api/reports/${id}/preview`)).json()).html);
        expect(preview, `preview, logo ${withLogo}`).toContain('<p class="org">Stichting Buurtwerk Noord</p>');
        expect(preview.includes('<img class="org-logo"'), `preview, logo ${withLogo}`).toBe(withLogo);
        if (withLogo) expect(preview).toMatch(/<img class="org-logo" src="data:image\/png;base64,[^"]+" alt="">/);
        expect((await c.post(`/api/reports/${id}/versions`)).status).toBe(201);
        const number = withLogo ? 2 : 1;
        for (const lang of ['nl', 'en']) {
          const page = cover(await (await c.get(`/reports/${id}/versions/${number}?lang=${lang}`)).text());
          expect(page, `version ${number} ${lang}`).toContain('<p class="org">Stichting Buurtwerk Noord</p>');
          expect(page.includes('<img class="org-logo"'), `version ${number} ${lang}`).toBe(withLogo);
        }
      }
    } finally {
      await named.close();
    }
  });
});
