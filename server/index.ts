import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { openDb, redactUrl, type Db } from '../db/client.js';
import { migrateToLatest } from '../db/migrate.js';
import { createApp } from './app.js';
import { listen } from './http.js';
import { startScheduler } from './mail/digest.js';
import { createMailer } from './mail/mailer.js';
import { loadConfig, type Config } from './env.js';
import { issueSetupToken } from './routes/auth.js';
import { bundleIsStale } from './static/bundle.js';
import { webDist } from './static/web.js';
import { sectionThreadOf } from './reports/section-thread.js';

// A wrong configuration or an unusable database stops the server with one clear line, no stack trace.
let config: Config;
let db: Db;
try {
  config = loadConfig();
  db = await openDb(config);
  await migrateToLatest(db);
} catch (err) {
  console.error(`Weefwerk cannot start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
const where = config.databaseUrl ? `PostgreSQL ${redactUrl(config.databaseUrl)}` : config.databasePath;

if (bundleIsStale(join(webDist, '..'), webDist, ['vite.config.ts', 'package-lock.json'])) {
  console.log('Building the web bundle (its sources changed since the last build)…');
  execFileSync(process.execPath, [join('node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
}

const mailer = createMailer(config.mail);
const app = createApp({ db, config, mailer });
const base = config.publicUrl ?? `http://localhost:${config.port}`;
// The daily tagging digest, only when e-mail is configured (server/mail/digest.ts).
const scheduler = mailer ? startScheduler(db, mailer, { baseUrl: base, hour: config.digestHour ?? 8 }) : null;
const { server } = await listen({ fetch: app.fetch, port: config.port });
void sectionThreadOf(db)?.ready(); // started now, so the first report does not wait for it
console.log(`Weefwerk runs at ${base} (database ${where})`);

const setupToken = await issueSetupToken(db);
if (setupToken) console.log(`\nNo admin yet. Create the first admin here (one-time link):\n  ${base}/setup?token=${setupToken}\n`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    scheduler?.stop();
    server.close();
    void Promise.all([sectionThreadOf(db)?.close(), db.destroy()]).then(() => process.exit(0));
  });
}
