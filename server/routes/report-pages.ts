// Server-rendered report pages (not part of the single-page app): a published version for staff
// and funders it is shared with, and the latest version behind an expiring read-only link. Dutch
// first; English with `?lang=en` or the browser's Accept-Language, and a visible switch.
import { Hono, type Context } from 'hono';
import { getReport, getVersion, linkByTokenHash, listVersions } from '../../db/repositories/reports.js';
type VersionRow = NonNullable<Awaited<ReturnType<typeof getVersion>>>;
import { loadSession } from '../auth/sessions.js';
import { hashToken } from '../auth/tokens.js';
import { AppError } from '../errors.js';
import { pathId } from '../openapi.js';
import { languageSwitch, pageLang, printScript, reportCss, reportPage, type PageLang } from '../reports/page.js';
import type { ReportData } from '../reports/assemble.js';
import { madeOnce, serveVersion, stampNow } from '../reports/version-cache.js';
import { Precompressed } from '../compress.js';
import type { Served } from '../reports/redact.js';
import { photoIdsOf, photoResponse, photoSources, versionPhotoUrl } from '../reports/photos.js';
import { reportPhotoFile } from '../access.js';
import { renderReport } from '../reports/render.js';
import type { AppEnv } from '../types.js';
import { readableVersionMeta } from './reports/definition.js';

const words = {
  nl: {
    version: (n: number) => `versie ${n}`,
    back: '← Terug naar Weefwerk',
    csv: 'Cijfers voor Excel (CSV)',
    iati: 'IATI (XML)',
    withdrawn: 'Sommige verhalen uit deze versie staan hier nu niet: de verteller trok ze terug, of het team moet ze eerst (opnieuw) anoniem maken.',
    newer: (n: number) => `Dit is een eerdere versie. De nieuwste is versie ${n}.`,
    readNewest: (n: number) => `Lees versie ${n}`,
    notFound: 'Niet gevonden',
    forbidden: 'Geen toegang',
    expired: 'Deze link is verlopen',
    revoked: 'Deze link is ingetrokken',
    notPublished: 'Nog niet gepubliceerd',
    home: 'Naar Weefwerk',
  },
  en: {
    version: (n: number) => `version ${n}`,
    back: '← Back to Weefwerk',
    csv: 'Figures (CSV)',
    iati: 'IATI (XML)',
    withdrawn: 'Some stories of this version are not shown here now: their tellers withdrew them, or the team must first make them anonymous (again).',
    newer: (n: number) => `This is an earlier version. The latest is version ${n}.`,
    readNewest: (n: number) => `Read version ${n}`,
    notFound: 'Not found',
    forbidden: 'No access',
    expired: 'This link has expired',
    revoked: 'This link has been revoked',
    notPublished: 'Not published yet',
    home: 'To Weefwerk',
  },
};

const langOf = (c: Context<AppEnv>, userLocale?: string): PageLang => {
  c.header('Vary', 'Accept-Language, Cookie');
  return pageLang(c.req.query('lang'), c.req.header('accept-language'), userLocale);
};

/**
 * The article in the page's language: the frozen Dutch one, or English rendered from the same
 * (redacted) data; its photos at this surface's address for them (photos.ts).
 */
const articleIn = (
  lang: PageLang,
  served: { data: ReportData; html: string },
  version: { number: number; publishedAt: string },
  photoUrl: (mediaId: number) => string,
) => photoSources(lang === 'nl' ? served.html : renderReport(served.data, { number: version.number, publishedAt: version.publishedAt, lang }), photoUrl);

const problem = (c: Context<AppEnv>, lang: PageLang, status: 404 | 403 | 410, message: string) => {
  c.header('Cache-Control', 'no-store');
  const home = `<a href="/">${words[lang].home}</a>`;
  return c.html(reportPage({ title: message, article: `<h1>${message}</h1><p>${home}</p>`, nav: [languageSwitch(c.req.path, lang)], lang }), status);
};

/** A number in a page's path, read by the API's rule (pathId); null when no record can have it. */
function idIn(c: Context, name: string): number | null {
  const read = pathId(name).safeParse(c.req.param(name));
  return read.success ? read.data : null;
}

export function reportPages() {
  const app = new Hono<AppEnv>();

  // The report page's own stylesheet, for the editor's preview: it looks as the funder will see it.
  app.get('/report.css', (c) => c.body(reportCss, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'public, max-age=300' }));
  app.get('/report-print.js', (c) => c.body(printScript, 200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'public, max-age=300' }));

  app.get('/reports/:id{[0-9]+}/versions/:n{[0-9]+}', async (c) => {
    const session = await loadSession(c);
    if (!session) return c.redirect(`/login?next=${encodeURIComponent(c.req.path)}`, 302);
    c.set('user', session.user);
    const lang = langOf(c, session.user.locale);
    const w = words[lang];
    const id = idIn(c, 'id');
    const n = idIn(c, 'n');
    if (id === null || n === null) return problem(c, lang, 404, w.notFound);
    try {
      const stamp = stampNow(c.get('db'));
      const version = await readableVersionMeta(c, id, n);
      c.header('Cache-Control', 'no-store');
      const api = `/api/reports/${id}/versions/${n}`;
      const back = session.user.role === 'funder' ? '/reports' : `/reports/${id}`;
      // An earlier version says so, and leads to the latest.
      const [latest] = await listVersions(c.get('db'), id);
      const newer = latest && latest.number > n ? latest.number : null;
      // The page as this version may be shown now, made once per language, way back and latest version.
      const page = await madeOnce(
        c.get('db'),
        version.id,
        `page ${lang} ${back} ${newer ?? ''}`,
        (served) => {
          const { data, withdrawn } = served;
          return new Precompressed(
            reportPage({
              title: `${data.report.title} — ${w.version(n)}`,
              article: articleIn(lang, served, version, (m) => versionPhotoUrl(id, n, m)),
              nav: [
                { href: back, label: w.back },
                ...(newer ? [{ href: `/reports/${id}/versions/${newer}`, label: w.readNewest(newer) }] : []),
                { href: lang === 'nl' ? `${api}/export.csv?excel=nl` : `${api}/export.csv`, label: w.csv },
                { href: `${api}/iati.xml`, label: w.iati },
                languageSwitch(c.req.path, lang),
              ],
              notice: [newer ? w.newer(newer) : '', withdrawn.length ? w.withdrawn : ''].filter(Boolean).join(' ') || undefined,
              lang,
              runningTitle: data.report.title,
              printable: true,
            }),
          );
        },
        stamp,
      );
      return page.respond(c, 'text/html; charset=UTF-8');
    } catch (err) {
      if (err instanceof AppError && (err.status === 404 || err.status === 403))
        return problem(c, lang, err.status, err.status === 404 ? w.notFound : w.forbidden);
      throw err;
    }
  });

  // Read-only, no account: the latest published version while the link is neither expired nor revoked.
  // The link is looked up on every request, so a revocation takes effect at once.
  type Shared = { status: 404 | 410; why: 'notFound' | 'revoked' | 'expired' | 'notPublished' } | { version: VersionRow; served: Served };
  /** The latest published version behind a read link, as it may be served now; else why not. */
  const sharedVersion = async (c: Context<AppEnv>): Promise<Shared> => {
    const db = c.get('db');
    const link = await linkByTokenHash(db, hashToken(c.req.param('token')!));
    if (!link) return { status: 404, why: 'notFound' };
    if (link.revokedAt) return { status: 410, why: 'revoked' };
    if (Date.parse(link.expiresAt) <= Date.now()) return { status: 410, why: 'expired' };
    const [latest] = await listVersions(db, link.reportId);
    const version = latest ? await getVersion(db, link.reportId, latest.number) : undefined;
    if (!version || !(await getReport(db, link.reportId))) return { status: 404, why: 'notPublished' };
    return { version, served: await serveVersion(db, version) };
  };

  app.get('/reports/shared/:token', async (c) => {
    const lang = langOf(c);
    const w = words[lang];
    const shared = await sharedVersion(c);
    if (!('version' in shared)) return problem(c, lang, shared.status, w[shared.why]);
    const { version, served } = shared;
    const token = encodeURIComponent(c.req.param('token'));
    c.header('Cache-Control', 'no-store');
    return c.html(
      reportPage({
        title: served.data.report.title,
        article: articleIn(lang, served, version, (m) => `/reports/shared/${token}/photos/${m}`),
        nav: [languageSwitch(c.req.path, lang)],
        lang,
        runningTitle: served.data.report.title,
        printable: true,
      }),
    );
  });

  // A photo the shared version shows, under the same checks as the page (photos.ts, reportPhotoFile).
  app.get('/reports/shared/:token/photos/:mediaId{[0-9]+}', async (c) => {
    const lang = langOf(c);
    const shared = await sharedVersion(c);
    if (!('version' in shared)) return problem(c, lang, shared.status, words[lang][shared.why]);
    c.header('X-Robots-Tag', 'noindex');
    const mediaId = idIn(c, 'mediaId');
    if (mediaId === null) return problem(c, lang, 404, words[lang].notFound);
    try {
      return await photoResponse(c, await reportPhotoFile(c.get('db'), photoIdsOf(shared.served.data), mediaId));
    } catch (err) {
      if (err instanceof AppError && err.status === 404) return problem(c, lang, 404, words[lang].notFound);
      throw err;
    }
  });

  return app;
}
