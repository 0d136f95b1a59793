// Forgotten passwords: a link by e-mail that works once and for an hour. Only a sha256 of its token
// is stored. Asking for a link answers the same whether or not the address has an account (no
// account enumeration), and the mail is sent in the background so timing tells nothing either.
import { createRoute, z } from '@hono/zod-openapi';
import { closePasswordResets, insertPasswordReset, passwordResetByHash, usePasswordReset } from '../../db/repositories/auth.js';
import { findUserByEmail, normalizeEmail, setPassword } from '../../db/repositories/users.js';
import type { Db } from '../../db/client.js';
import { audit } from '../audit.js';
import { hashPassword } from '../auth/passwords.js';
import { endAllSessions, startSession } from '../auth/sessions.js';
import { hashToken, newToken } from '../auth/tokens.js';
import { AppError, conflict } from '../errors.js';
import { sendLater } from '../mail/mailer.js';
import { body, errors, json, router } from '../openapi.js';
import { appOrigin, clientAddress } from '../security.js';
import { passwordSchema, UserSchema } from './auth.js';

export const RESET_TTL_MS = 60 * 60_000;
/** Links asked for one address per rate-limit window; more are silently not sent. */
const RESETS_PER_ACCOUNT = 3;

const Token = z.string().min(20).max(100);
const RequestBody = z.strictObject({ email: z.string().trim().email().max(320) }).openapi('PasswordResetRequest');
const CheckBody = z.strictObject({ token: Token });
const CompleteBody = z.strictObject({ token: Token, password: passwordSchema }).openapi('PasswordResetComplete');

const unusable = () =>
  new AppError('gone', 'Deze link werkt niet (meer): hij is al gebruikt, verlopen of onbekend / This link does not work (any more): used, expired or unknown');
const noMail = () =>
  conflict(
    'E-mail is niet ingesteld; vraag een beheerder om je wachtwoord opnieuw in te stellen / E-mail is not configured; ask an admin to reset your password',
  );

/** The unused, unexpired reset with this token, and its enabled user. */
async function liveReset(db: Db, token: string) {
  const row = await passwordResetByHash(db, hashToken(token));
  if (!row || row.usedAt || row.disabledAt || Date.parse(row.expiresAt) <= Date.now()) return null;
  return row;
}

function resetMail(locale: string, link: string) {
  const nl = {
    subject: 'Nieuw wachtwoord voor Weefwerk',
    text: `Iemand vroeg een nieuw wachtwoord voor je Weefwerk-account.\n\nKies een nieuw wachtwoord via deze link (hij werkt één keer en 1 uur lang):\n${link}\n\nVroeg je dit niet? Dan hoef je niets te doen; je wachtwoord blijft hetzelfde.`,
  };
  const en = {
    subject: 'New password for Weefwerk',
    text: `Someone asked for a new password for your Weefwerk account.\n\nChoose a new password with this link (it works once, for 1 hour):\n${link}\n\nDid you not ask for this? Then do nothing; your password stays the same.`,
  };
  return locale === 'en' ? en : nl;
}

export const passwordResetRoutes = router()
  .openapi(
    createRoute({
      method: 'get',
      path: '/auth/password-reset',
      tags: ['auth'],
      summary: 'Whether a password can be reset by e-mail here (SMTP configured)',
      responses: { 200: json(z.object({ available: z.boolean() })) },
    }),
    (c) => c.json({ available: c.get('mailer') !== null }, 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/auth/password-reset',
      tags: ['auth'],
      summary: 'Ask for a reset link by e-mail; the answer is the same whether or not the address has an account',
      request: { body: body(RequestBody) },
      responses: { 202: json(z.object({ accepted: z.literal(true) })), 400: errors[400], 409: errors[409], 429: errors[429] },
    }),
    async (c) => {
      const db = c.get('db');
      const limiter = c.get('limiter');
      const config = c.get('config');
      const mailer = c.get('mailer');
      if (!mailer) throw noMail();
      await limiter.hit(`reset:addr:${clientAddress(c)}`, config.limits.loginPerAddress);
      const email = normalizeEmail(c.req.valid('json').email);
      const user = await findUserByEmail(db, email);
      if (user && !user.disabledAt && (await limiter.allow(`reset:acct:${email}`, RESETS_PER_ACCOUNT))) {
        const token = newToken();
        const now = Date.now();
        await db.transaction().execute(async (tx) => {
          await insertPasswordReset(tx, {
            userId: user.id,
            tokenHash: hashToken(token),
            createdAt: new Date(now).toISOString(),
            expiresAt: new Date(now + RESET_TTL_MS).toISOString(),
          });
          await audit(tx, null, 'user.password_reset_requested', { type: 'user', id: user.id });
        });
        sendLater(mailer, { to: user.email, ...resetMail(user.locale, `${appOrigin(c)}/reset-password#${token}`) });
      }
      return c.json({ accepted: true as const }, 202);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/auth/password-reset/check',
      tags: ['auth'],
      summary: 'Whether a reset link still works (410 when used, expired or unknown)',
      request: { body: body(CheckBody) },
      responses: {
        200: json(z.object({ valid: z.literal(true) })),
        400: errors[400],
        410: { ...errors[404], description: 'Link used, expired or unknown' },
        429: errors[429],
      },
    }),
    async (c) => {
      const db = c.get('db');
      const limiter = c.get('limiter');
      const config = c.get('config');
      await limiter.hit(`reset-token:addr:${clientAddress(c)}`, config.limits.loginPerAddress);
      if (!(await liveReset(db, c.req.valid('json').token))) throw unusable();
      return c.json({ valid: true as const }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/auth/password-reset/complete',
      tags: ['auth'],
      summary: 'Set a new password with a reset link; ends every session of the account and logs in',
      request: { body: body(CompleteBody) },
      responses: {
        200: json(z.object({ user: UserSchema })),
        400: errors[400],
        410: { ...errors[404], description: 'Link used, expired or unknown' },
        429: errors[429],
      },
    }),
    async (c) => {
      const db = c.get('db');
      const limiter = c.get('limiter');
      const config = c.get('config');
      await limiter.hit(`reset-token:addr:${clientAddress(c)}`, config.limits.loginPerAddress);
      const { token, password } = c.req.valid('json');
      const found = await liveReset(db, token);
      if (!found) throw unusable();
      const passwordHash = await hashPassword(password);
      const user = { id: found.userId, email: found.email, name: found.name, role: found.role, locale: found.locale };
      await db.transaction().execute(async (tx) => {
        const now = new Date().toISOString();
        // Single use, also against two requests racing with the same link.
        if (!(await usePasswordReset(tx, found.id, now))) throw unusable();
        // Other links asked for earlier stop working too.
        await closePasswordResets(tx, user.id, now);
        await setPassword(tx, user.id, passwordHash, now);
        await endAllSessions(tx, user.id);
        await audit(tx, user, 'user.password_reset', { type: 'user', id: user.id });
      });
      await startSession(c, user.id);
      return c.json({ user }, 200);
    },
  );
