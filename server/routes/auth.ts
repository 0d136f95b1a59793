import { createRoute, z } from '@hono/zod-openapi';
import { deleteSession, deleteSetupTokens, replaceSetupToken, setupTokenByHash } from '../../db/repositories/auth.js';
import { adminExists, findUserByEmail, insertUser, normalizeEmail, passwordHashOf, setLocale, setPassword } from '../../db/repositories/users.js';
import { audit } from '../audit.js';
import { userOf } from '../auth/guard.js';
import { dummyHash, hashPassword, passwordRule, verifyPassword } from '../auth/passwords.js';
import { endAllSessions, endSession, startSession } from '../auth/sessions.js';
import { hashToken, newToken } from '../auth/tokens.js';
import { AppError } from '../errors.js';
import { body, cookieAuth, errors, json, router } from '../openapi.js';
import { clientAddress } from '../security.js';
import type { Db } from '../../db/client.js';

export const UserSchema = z
  .object({ id: z.number().int(), email: z.string(), name: z.string(), role: z.enum(['admin', 'coordinator', 'worker', 'funder']), locale: z.string() })
  .openapi('User');

export const passwordSchema = z.string().min(passwordRule.min).max(passwordRule.max);

const LoginBody = z.strictObject({ email: z.string().trim().email().max(320), password: z.string().min(1).max(passwordRule.max) }).openapi('Login');
const SetupBody = z
  .strictObject({
    token: z.string().min(1).max(200),
    email: z.string().trim().email().max(320),
    name: z.string().trim().min(1).max(200),
    password: passwordSchema,
  })
  .openapi('Setup');
const PasswordBody = z.strictObject({ currentPassword: z.string().min(1).max(passwordRule.max), newPassword: passwordSchema });
const LocaleBody = z.strictObject({ locale: z.enum(['nl', 'en']) });

const wrong = () => new AppError('unauthenticated', 'E-mailadres of wachtwoord klopt niet / Wrong email or password');

/** Issues a one-time setup token while no admin exists; returns it (to print) or null. */
export async function issueSetupToken(db: Db, ttlMs = 24 * 3_600_000): Promise<string | null> {
  if (await adminExists(db)) return null;
  const token = newToken();
  await replaceSetupToken(db, hashToken(token), new Date(Date.now() + ttlMs).toISOString());
  return token;
}

const me = (u: { id: number; email: string; name: string; role: 'admin' | 'coordinator' | 'worker' | 'funder'; locale: string }) => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: u.role,
  locale: u.locale,
});

export const authRoutes = router()
  .openapi(
    createRoute({
      method: 'post',
      path: '/auth/login',
      tags: ['auth'],
      summary: 'Log in; sets the session cookie',
      request: { body: body(LoginBody) },
      responses: { 200: json(z.object({ user: UserSchema })), 400: errors[400], 401: errors[401], 429: errors[429] },
    }),
    async (c) => {
      const { email, password } = c.req.valid('json');
      const db = c.get('db');
      const limiter = c.get('limiter');
      const config = c.get('config');
      await limiter.hit(`login:addr:${clientAddress(c)}`, config.limits.loginPerAddress);
      await limiter.hit(`login:acct:${normalizeEmail(email)}`, config.limits.loginPerAccount);
      const user = await findUserByEmail(db, email);
      const valid = await verifyPassword(password, user?.passwordHash ?? (await dummyHash));
      if (!user || !valid || user.disabledAt) {
        await audit(db, null, 'login.failed', { type: 'user', id: user?.id ?? null }, { email: normalizeEmail(email) });
        throw wrong();
      }
      await limiter.reset(`login:acct:${user.email}`);
      // A login never reuses the session the browser came with.
      const sessionId = c.get('sessionId');
      if (sessionId) await deleteSession(db, sessionId);
      await startSession(c, user.id);
      await audit(db, me(user), 'session.start', { type: 'user', id: user.id });
      return c.json({ user: me(user) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/auth/logout',
      tags: ['auth'],
      summary: 'Log out; ends this session',
      responses: { 204: { description: 'Logged out' } },
    }),
    async (c) => {
      const user = c.get('user');
      if (user) await audit(c.get('db'), user, 'session.end', { type: 'user', id: user.id });
      await endSession(c);
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/me',
      tags: ['auth'],
      summary: 'The logged-in user',
      security: cookieAuth,
      responses: { 200: json(z.object({ user: UserSchema })), 401: errors[401] },
    }),
    (c) => c.json({ user: me(userOf(c)) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/me/password',
      tags: ['auth'],
      summary: 'Change your own password; ends every other session',
      security: cookieAuth,
      request: { body: body(PasswordBody) },
      responses: { 204: { description: 'Changed' }, 400: errors[400], 401: errors[401], 429: errors[429] },
    }),
    async (c) => {
      const user = userOf(c);
      const { currentPassword, newPassword } = c.req.valid('json');
      const db = c.get('db');
      const limiter = c.get('limiter');
      const config = c.get('config');
      await limiter.hit(`password:${user.id}`, config.limits.loginPerAccount);
      if (!(await verifyPassword(currentPassword, await passwordHashOf(db, user.id)))) {
        throw new AppError('invalid_input', 'Huidig wachtwoord klopt niet / Current password is wrong', [
          { field: 'currentPassword', message: 'Je huidige wachtwoord klopt niet. Probeer het opnieuw. / Your current password is wrong. Try again.' },
        ]);
      }
      const passwordHash = await hashPassword(newPassword);
      await db.transaction().execute(async (tx) => {
        await setPassword(tx, user.id, passwordHash, new Date().toISOString());
        await endAllSessions(tx, user.id);
        await audit(tx, user, 'user.password_changed', { type: 'user', id: user.id });
      });
      await startSession(c, user.id);
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/me/locale',
      tags: ['auth'],
      summary: 'Set your interface language',
      security: cookieAuth,
      request: { body: body(LocaleBody) },
      responses: { 204: { description: 'Saved' }, 400: errors[400], 401: errors[401] },
    }),
    async (c) => {
      const user = userOf(c);
      await setLocale(c.get('db'), user.id, c.req.valid('json').locale);
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/setup',
      tags: ['auth'],
      summary: 'Whether first-run setup is still open',
      responses: { 200: json(z.object({ needed: z.boolean() })) },
    }),
    async (c) => c.json({ needed: !(await adminExists(c.get('db'))) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/setup',
      tags: ['auth'],
      summary: 'Create the first admin with the one-time setup token printed at start',
      request: { body: body(SetupBody) },
      responses: { 201: json(z.object({ user: UserSchema })), 400: errors[400], 403: errors[403], 409: errors[409], 429: errors[429] },
    }),
    async (c) => {
      const input = c.req.valid('json');
      const db = c.get('db');
      const limiter = c.get('limiter');
      const config = c.get('config');
      await limiter.hit(`setup:${clientAddress(c)}`, config.limits.loginPerAddress);
      const passwordHash = await hashPassword(input.password);
      const user = await db.transaction().execute(async (tx) => {
        if (await adminExists(tx)) throw new AppError('conflict', 'Setup is al gedaan / Setup has already been done');
        const token = await setupTokenByHash(tx, hashToken(input.token));
        if (!token || Date.parse(token.expiresAt) < Date.now())
          throw new AppError('forbidden', 'Setup-link ongeldig of verlopen / Setup link invalid or expired');
        if (await findUserByEmail(tx, input.email)) throw new AppError('conflict', 'E-mailadres bestaat al / Email already in use');
        await deleteSetupTokens(tx);
        const created = await insertUser(tx, { email: input.email, name: input.name, role: 'admin', passwordHash });
        await audit(tx, { system: 'setup' }, 'user.create', { type: 'user', id: created.id }, { role: 'admin', via: 'first-run setup' });
        return created;
      });
      await startSession(c, user.id);
      await audit(db, me(user), 'session.start', { type: 'user', id: user.id });
      return c.json({ user: me(user) }, 201);
    },
  );
