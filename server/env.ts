import { z } from 'zod';
import { availableParallelism } from 'node:os';
import { defaultIatiOrg, defaultIatiSector, iatiSectorKeys, organisationTypes, type IatiOrg, type IatiSectorKey } from './reports/iati/codelists.js';

const schema = z
  .object({
    PORT: z.coerce.number().int().min(1).max(65535).default(8787),
    DATABASE_PATH: z.string().min(1).default('data/weefwerk.db'),
    /** postgres://user:password@host:5432/name: run on PostgreSQL instead of the SQLite file. */
    DATABASE_URL: z
      .string()
      .optional()
      .transform((v) => v?.trim() || undefined)
      .refine((v) => v === undefined || /^postgres(ql)?:\/\/./i.test(v), { message: 'must be a postgres:// URL (or unset for SQLite)' }),
    /** 0/false: no access log. */
    ACCESS_LOG: z
      .enum(['0', '1', 'true', 'false'])
      .default('1')
      .transform((v) => v === '1' || v === 'true'),
    /** 0/false: read reports on the main thread only (SQLite); default: a reader thread when the machine has two cores or more. */
    REPORT_THREAD: z.enum(['0', '1', 'true', 'false']).optional(),
    /** Folder for stories' voice recordings and photos; default: `media` beside the database file. */
    MEDIA_PATH: z.string().min(1).optional(),
    /** The origin users reach the app at, e.g. https://weefwerk.example.nl; used for links and CSRF. */
    PUBLIC_URL: z.string().url().optional(),
    /** Trust X-Forwarded-For for the client address (only behind a reverse proxy you control). */
    TRUST_PROXY: z
      .enum(['0', '1', 'true', 'false'])
      .default('0')
      .transform((v) => v === '1' || v === 'true'),
    SESSION_IDLE_MINUTES: z.coerce
      .number()
      .int()
      .positive()
      .default(12 * 60),
    SESSION_MAX_HOURS: z.coerce
      .number()
      .int()
      .positive()
      .default(14 * 24),
    NODE_ENV: z.string().default('development'),
    /** Public submissions allowed per client address / per project link in each 10-minute window. */
    RATE_LIMIT_PUBLIC_PER_ADDRESS: z.coerce.number().int().positive().optional(),
    RATE_LIMIT_PUBLIC_PER_LINK: z.coerce.number().int().positive().optional(),
    /** Unknown link codes one client address may try per 10-minute window before every link answers 429. */
    RATE_LIMIT_LINK_GUESSES: z.coerce.number().int().positive().optional(),
    /** Unknown receipt codes one client address may try per 10-minute window before every receipt answers 429. */
    RATE_LIMIT_RECEIPT_GUESSES: z.coerce.number().int().positive().optional(),
    /** The organisation's IATI identifier (e.g. NL-KVK-12345678) and name, for IATI exports of reports. */
    IATI_ORG_REF: z.string().trim().min(1).max(100).optional(),
    ORG_NAME: z.string().trim().min(1).max(200).optional(),
    /** The organisation's IATI OrganisationType code (default 22, National NGO; 11 for a municipality's own team). */
    IATI_ORG_TYPE: z
      .string()
      .trim()
      .default(defaultIatiOrg.type)
      .refine((code) => (organisationTypes as readonly string[]).includes(code), { message: 'not a code of the IATI OrganisationType codelist' }),
    /** The organisation's IATI sector, `vocabulary:code` (default 1:15150, DAC "Democratic participation and civil society"); a project may choose another. */
    IATI_SECTOR: z
      .string()
      .trim()
      .default(defaultIatiSector)
      .pipe(z.enum(iatiSectorKeys, { message: `one of the IATI sectors Weefwerk offers: ${iatiSectorKeys.join(', ')}` })),
    /** How residents reach the organisation (phone, e-mail or address), printed on story posters. */
    ORG_CONTACT: z.string().trim().min(1).max(200).optional(),
    /** Outgoing e-mail (password reset, report shared, daily tagging digest); without SMTP_HOST no mail is sent. */
    SMTP_HOST: z.string().trim().min(1).max(253).optional(),
    SMTP_PORT: z.coerce.number().int().min(1).max(65535).optional(),
    /** 1/true: TLS from the start (port 465); otherwise STARTTLS when the server offers it. */
    SMTP_SECURE: z.enum(['0', '1', 'true', 'false']).optional(),
    SMTP_USER: z.string().min(1).max(320).optional(),
    SMTP_PASSWORD: z.string().min(1).max(500).optional(),
    /** The sender, e.g. "Weefwerk <noreply@example.nl>"; required with SMTP_HOST. */
    SMTP_FROM: z.string().trim().min(3).max(320).optional(),
    /** The hour (0–23, server time) after which coordinators get the daily tagging digest. */
    DIGEST_HOUR: z.coerce.number().int().min(0).max(23).default(8),
  })
  .refine((e) => !e.SMTP_HOST || e.SMTP_FROM, { message: 'SMTP_FROM is required with SMTP_HOST', path: ['SMTP_FROM'] });

export type MailConfig = { host: string; port: number; secure: boolean; user?: string; password?: string; from: string };

export type Config = {
  port: number;
  databasePath: string;
  /** PostgreSQL instead of SQLite (a postgres:// URL). */
  databaseUrl?: string;
  /** One JSON line per request on standard output (server/access-log.ts). */
  accessLog?: boolean;
  /** SQLite: read a report's climate and indicator sections on a reader thread (server/reports/section-thread.ts). */
  reportThread?: boolean;
  /** Folder for voice recordings and photos (server/media); unset: `media` beside the database. */
  mediaPath?: string;
  publicUrl?: string;
  trustProxy: boolean;
  sessionIdleMs: number;
  sessionMaxMs: number;
  /** The reporting organisation in IATI exports; without it, `defaultIatiOrg` (a placeholder identifier). */
  iatiOrg?: IatiOrg;
  /** The organisation's IATI sector for projects that name none; without it, `defaultIatiSector`. */
  iatiSector?: IatiSectorKey;
  /** The organisation's contact line on story posters (ORG_CONTACT). */
  orgContact?: string;
  /** The organisation's name as set (ORG_NAME), for a report's cover; none: the cover shows only the logo. */
  orgName?: string;
  /** Outgoing e-mail; absent: no mail is sent and the pages say to ask an admin. */
  mail?: MailConfig;
  /** The hour (server time) after which the daily tagging digest goes out (default 8). */
  digestHour?: number;
  /** Rate limits; tests lower them. */
  limits: {
    loginPerAccount: number;
    loginPerAddress: number;
    publicPerAddress: number;
    publicPerLink: number;
    linkGuessesPerAddress?: number;
    receiptGuessesPerAddress?: number;
    windowMs: number;
  };
};

export const defaultLimits: Config['limits'] = {
  loginPerAccount: 10,
  loginPerAddress: 50,
  publicPerAddress: 120, // a group session on one shared Wi-Fi address must fit
  publicPerLink: 300,
  linkGuessesPerAddress: 20, // unknown link codes per address: a mistyped poster code or two, not a search
  receiptGuessesPerAddress: 20, // unknown receipt codes per address: a mistyped receipt or two, not a search
  windowMs: 10 * 60 * 1000,
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  const e = parsed.data;
  return {
    port: e.PORT,
    databasePath: e.DATABASE_PATH,
    databaseUrl: e.DATABASE_URL,
    accessLog: e.ACCESS_LOG,
    // one core: the thread would only add the copying of its answers
    reportThread: e.REPORT_THREAD === undefined ? availableParallelism() > 1 : e.REPORT_THREAD === '1' || e.REPORT_THREAD === 'true',
    mediaPath: e.MEDIA_PATH,
    publicUrl: e.PUBLIC_URL,
    trustProxy: e.TRUST_PROXY,
    sessionIdleMs: e.SESSION_IDLE_MINUTES * 60_000,
    sessionMaxMs: e.SESSION_MAX_HOURS * 3_600_000,
    limits: {
      ...defaultLimits,
      publicPerAddress: e.RATE_LIMIT_PUBLIC_PER_ADDRESS ?? defaultLimits.publicPerAddress,
      publicPerLink: e.RATE_LIMIT_PUBLIC_PER_LINK ?? defaultLimits.publicPerLink,
      linkGuessesPerAddress: e.RATE_LIMIT_LINK_GUESSES ?? defaultLimits.linkGuessesPerAddress,
      receiptGuessesPerAddress: e.RATE_LIMIT_RECEIPT_GUESSES ?? defaultLimits.receiptGuessesPerAddress,
    },
    iatiOrg: { ref: e.IATI_ORG_REF ?? defaultIatiOrg.ref, name: e.ORG_NAME ?? defaultIatiOrg.name, type: e.IATI_ORG_TYPE },
    iatiSector: e.IATI_SECTOR,
    orgContact: e.ORG_CONTACT,
    orgName: e.ORG_NAME,
    digestHour: e.DIGEST_HOUR,
    mail: e.SMTP_HOST
      ? {
          host: e.SMTP_HOST,
          port: e.SMTP_PORT ?? (e.SMTP_SECURE === '1' || e.SMTP_SECURE === 'true' ? 465 : 587),
          secure: e.SMTP_SECURE ? e.SMTP_SECURE === '1' || e.SMTP_SECURE === 'true' : e.SMTP_PORT === 465,
          user: e.SMTP_USER,
          password: e.SMTP_PASSWORD,
          from: e.SMTP_FROM!,
        }
      : undefined,
  };
}
