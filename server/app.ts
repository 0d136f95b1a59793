import { OpenAPIHono } from '@hono/zod-openapi';
import type { Db } from '../db/client.js';
import { engineName } from '../db/engine.js';
import { groupCommit, transactionPerWrite } from '../db/group-commit.js';
import { loadSession } from './auth/sessions.js';
import type { Config } from './env.js';
import { accessLog, healthz, stdoutLines } from './access-log.js';
import { compress } from './compress.js';
import { AppError, handleError } from './errors.js';
import { createMailer, type Mailer } from './mail/mailer.js';
import { authRoutes } from './routes/auth.js';
import { passwordResetRoutes } from './routes/password-reset.js';
import { countingRoutes } from './routes/counting/index.js';
import { homeRoutes } from './routes/home.js';
import { organisationRoutes } from './routes/organisation.js';
import { projectRoutes } from './routes/projects.js';
import { publicRoutes } from './routes/public/index.js';
import { reportPages } from './routes/report-pages.js';
import { reportRoutes } from './routes/reports/index.js';
import { reviewRoutes } from './routes/reviews.js';
import { storyRoutes } from './routes/stories/index.js';
import { sensemakingRoutes } from './routes/sensemaking/index.js';
import { userRoutes } from './routes/users.js';
import { bodyLimit, csrf, RateLimiter, refuseBadText, securityHeaders } from './security.js';
import { MEDIA_BODY_LIMIT } from './media/index.js';
import { LOGO_LIMITS } from './media/logo.js';
import { docsRoutes, webRoutes } from './static/web.js';
import { addSectionThread, sectionThreadOf } from './reports/section-thread.js';
import type { AppEnv } from './types.js';

const KB = 1024;
/** Request body limits by path; the one place they are set. */
function maxBody(path: string): number {
  if (path.endsWith('/import') || path.startsWith('/api/imports/')) return 10 * 1024 * KB;
  // A story with a voice recording and a photo (server/media); the files' own limits apply inside.
  if (/^\/api\/public\/links\/[^/]+\/stories$/.test(path) || /^\/api\/stories\/\d+\/media$/.test(path)) return MEDIA_BODY_LIMIT;
  if (path === '/api/organisation/logo') return LOGO_LIMITS.bytes + 64 * KB; // the logo's own limit applies inside
  if (path.startsWith('/api/public/')) return 300 * KB; // a story's 200 KB and its fields
  return 1024 * KB;
}

export type AppDeps = {
  db: Db;
  config: Config;
  mailer?: Mailer | null;
  /** Where access-log lines go when `config.accessLog` is on (default: standard output). */
  log?: (line: string) => void;
};

export function createApp({ db, config, mailer = createMailer(config.mail), log }: AppDeps) {
  // Several processes may serve one PostgreSQL database: they count rate limits together there.
  const limiter = new RateLimiter(config.limits.windowMs, engineName(db) === 'postgres' ? db : undefined);
  // SQLite: one commit (one fsync) for the writes that arrive together; PostgreSQL does that itself.
  const write = engineName(db) === 'postgres' ? transactionPerWrite(db) : groupCommit(db);
  const app = new OpenAPIHono<AppEnv>();
  if (config.reportThread && engineName(db) === 'sqlite' && config.databasePath !== ':memory:' && !sectionThreadOf(db))
    addSectionThread(db, config.databasePath);

  app.onError(handleError);
  if (config.accessLog) app.use('*', accessLog(log ?? stdoutLines()));
  app.use('*', compress);
  app.use('*', securityHeaders);
  app.use('*', async (c, next) => {
    c.set('db', db);
    c.set('write', write);
    c.set('config', config);
    c.set('limiter', limiter);
    c.set('mailer', mailer);
    c.set('user', null);
    c.set('sessionId', null);
    await next();
  });
  app.get('/healthz', healthz(db));
  app.use('/api/*', bodyLimit(maxBody));
  app.use('/api/*', csrf);
  app.use('/api/*', refuseBadText);
  app.use('/api/*', async (c, next) => {
    const session = await loadSession(c);
    if (session) {
      c.set('user', session.user);
      c.set('sessionId', session.sessionId);
    }
    c.header('Cache-Control', 'no-store');
    await next();
  });

  const api = new OpenAPIHono<AppEnv>();
  api.route('/', authRoutes);
  api.route('/', passwordResetRoutes);
  api.route('/', userRoutes);
  api.route('/', projectRoutes);
  api.route('/', storyRoutes);
  api.route('/', reviewRoutes);
  api.route('/', publicRoutes);
  api.route('/', reportRoutes);
  api.route('/', countingRoutes);
  api.route('/', sensemakingRoutes);
  api.route('/', homeRoutes);
  api.route('/', organisationRoutes);
  app.route('/api', api);

  app.openAPIRegistry.registerComponent('securitySchemes', 'cookieAuth', { type: 'apiKey', in: 'cookie', name: 'weefwerk_session' });
  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'Weefwerk API', version: '0.1.0', description: 'Tellen en vertellen: numbers and stories for community work.' },
  });
  app.route('/', docsRoutes());
  app.all('/api/*', () => {
    throw new AppError('not_found', 'Onbekende API-route / Unknown API route');
  });
  app.route('/', reportPages());
  app.route('/', webRoutes());
  return app;
}

export type App = ReturnType<typeof createApp>;
