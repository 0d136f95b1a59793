import { mkdtempSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createDb, type Db } from '../../db/client.js';
import { migrateToLatest } from '../../db/migrate.js';
import { createApp } from '../../server/app.js';
import { sectionThreadOf } from '../../server/reports/section-thread.js';
import { listen } from '../../server/http.js';
import { defaultLimits, type Config } from '../../server/env.js';
import { hashPassword } from '../../server/auth/passwords.js';
import { insertUser } from '../../db/repositories/users.js';
import type { Role } from '../../db/schema.js';
import { PASSWORD } from './app.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Debian's Chromium, never a downloaded one, with nothing of its own reaching the network. */
export const launchChromium = (extra: string[] = []) =>
  chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-quic',
      '--no-first-run',
      '--disable-sync',
      ...extra,
    ],
  });
export const SCREENSHOTS = join(process.cwd(), 'tests', 'artifacts', 'screenshots');

export type E2E = {
  baseUrl: string;
  db: Db;
  /** The database file (media files live beside it, in `media/`). */
  databasePath: string;
  browser: Browser;
  /** A fresh browser context (own cookies); phone = 360×740; `locale` sets the browser's language (e.g. nl-NL). */
  context(opts?: { phone?: boolean; locale?: string }): Promise<BrowserContext>;
  /** Creates a user with the test password. */
  user(role: Role, email?: string): Promise<{ id: number; email: string }>;
  /** Logs in through the real login form. */
  login(page: Page, email: string): Promise<void>;
  screenshot(page: Page, name: string): Promise<void>;
  close(): Promise<void>;
};

export type E2EOptions = {
  /** Chromium's fake microphone and camera, granted without asking (for recording in the browser). */
  fakeMedia?: boolean;
};

/** The real app on a fresh database file, served on a free loopback port, and Debian's Chromium. */
export async function startE2E(overrides: Partial<Config> = {}, options: E2EOptions = {}): Promise<E2E> {
  const dir = mkdtempSync(join(tmpdir(), 'weefwerk-e2e-'));
  const { db } = createDb(join(dir, 'e2e.db'));
  await migrateToLatest(db);
  const config: Config = {
    port: 0,
    databasePath: join(dir, 'e2e.db'),
    reportThread: true, // as on a server with two cores or more
    trustProxy: false,
    sessionIdleMs: 3_600_000,
    sessionMaxMs: 24 * 3_600_000,
    limits: { ...defaultLimits, loginPerAccount: 1000, loginPerAddress: 1000, publicPerAddress: 1000, publicPerLink: 1000 },
    ...overrides,
  };
  const app = createApp({ db, config });
  // served as server/index.ts serves it: malformed requests get the JSON error shape there too
  const { server, port } = await listen({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  const baseUrl = `http://127.0.0.1:${port}`;
  const browser = await launchChromium(options.fakeMedia ? ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'] : []);
  mkdirSync(SCREENSHOTS, { recursive: true });
  const passwordHash = await hashPassword(PASSWORD);
  let n = 0;

  return {
    baseUrl,
    db,
    databasePath: config.databasePath,
    browser,
    context: (opts = {}) =>
      browser.newContext({
        baseURL: baseUrl,
        ...(opts.locale ? { locale: opts.locale } : {}),
        ...(opts.phone ? { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true } : { viewport: { width: 1280, height: 900 } }),
      }),
    async user(role, email = `${role}${++n}@example.nl`) {
      const u = await insertUser(db, { email, name: `${role[0]!.toUpperCase()}${role.slice(1)} ${n}`, role, passwordHash });
      return { id: u.id, email };
    },
    async login(page, email) {
      await page.goto('/login');
      await page.getByLabel(/E-mailadres|Email address/).fill(email);
      await page.getByLabel(/Wachtwoord|Password/).fill(PASSWORD);
      await page.getByRole('button', { name: /Inloggen|Log in/ }).click();
      await page.waitForURL((url) => url.pathname !== '/login');
    },
    async screenshot(page, name) {
      await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
    },
    async close() {
      await browser.close();
      await new Promise((r) => server.close(r));
      await sectionThreadOf(db)?.close();
      await db.destroy();
    },
  };
}

/** What a page asks before it is left with changes not saved (web/unsaved.ts). */
export const LEAVE_QUESTION = 'confirm: Er zijn wijzigingen die nog niet zijn opgeslagen. Toch deze pagina verlaten? Dan gaan ze verloren.';

/** Does `act`, which must make the page ask before leaving, and answers: stay (the default) or leave. */
export async function answerLeaving(page: Page, act: () => Promise<unknown>, answer: 'stay' | 'leave' = 'stay'): Promise<void> {
  const asking = page.waitForEvent('dialog', { timeout: 10_000 });
  const acting = act();
  const question = await asking;
  if (`${question.type()}: ${question.message()}` !== LEAVE_QUESTION) throw new Error(`asked something else: ${question.message()}`);
  await (answer === 'stay' ? question.dismiss() : question.accept());
  await acting;
}
