// Server-rendered report pages (not part of the single-page app): a published version for staff
// and funders it is shared with, and the latest version behind an expiring read-only link.
import { Hono, type Context } from 'hono';
import { getReport, getVersion, listVersions } from '../../db/repositories/reports.js';
import { loadSession } from '../auth/sessions.js';
import { hashToken } from '../auth/tokens.js';
import { AppError } from '../errors.js';
import { reportPage } from '../reports/page.js';
import { serveVersion } from '../reports/redact.js';
import type { AppEnv } from '../types.js';
import { readableVersion } from './reports.js';

const problem = (c: Context<AppEnv>, status: 404 | 403 | 410, message: string) => {
  c.header('Cache-Control', 'no-store');
  return c.html(reportPage({ title: message, article: `<h1>${message}</h1><p><a href="/">Naar Weefwerk</a></p>` }), status);
};

export function reportPages() {
  const app = new Hono<AppEnv>();

  app.get('/reports/:id{[0-9]+}/versions/:n{[0-9]+}', async (c) => {
    const session = await loadSession(c);
    if (!session) return c.redirect(`/login?next=${encodeURIComponent(c.req.path)}`, 302);
    c.set('user', session.user);
    const id = Number(c.req.param('id'));
    const n = Number(c.req.param('n'));
    try {
      const { data, html, withdrawn } = await readableVersion(c, id, n);
      c.header('Cache-Control', 'no-store');
      const api = `/api/reports/${id}/versions/${n}`;
      const back = session.user.role === 'funder' ? '/reports' : `/reports/${id}`;
      return c.html(
        reportPage({
          title: `${data.report.title} — versie ${n}`,
          article: html,
          nav: [
            { href: back, label: '← Terug naar Weefwerk' },
            { href: `${api}/export.csv`, label: 'Cijfers (CSV)' },
            { href: `${api}/iati.xml`, label: 'IATI (XML)' },
          ],
          notice: withdrawn.length ? 'Sinds de publicatie zijn verhalen teruggetrokken; die worden niet meer getoond.' : undefined,
        }),
      );
    } catch (err) {
      if (err instanceof AppError && (err.status === 404 || err.status === 403)) return problem(c, err.status, err.status === 404 ? 'Niet gevonden' : 'Geen toegang');
      throw err;
    }
  });

  // Read-only, no account: the latest published version while the link has not expired.
  app.get('/reports/shared/:token', async (c) => {
    const { db } = c.var;
    const link = await db.selectFrom('reportLinks').select(['reportId', 'expiresAt', 'revokedAt']).where('tokenHash', '=', hashToken(c.req.param('token'))).executeTakeFirst();
    if (!link) return problem(c, 404, 'Niet gevonden');
    if (link.revokedAt || Date.parse(link.expiresAt) <= Date.now()) return problem(c, 410, 'Deze link is verlopen');
    const [latest] = await listVersions(db, link.reportId);
    const version = latest && (await getVersion(db, link.reportId, latest.number));
    if (!version || !(await getReport(db, link.reportId))) return problem(c, 404, 'Nog niet gepubliceerd');
    const { data, html } = await serveVersion(db, version);
    c.header('Cache-Control', 'no-store');
    c.header('X-Robots-Tag', 'noindex');
    return c.html(reportPage({ title: data.report.title, article: html }));
  });

  return app;
}
