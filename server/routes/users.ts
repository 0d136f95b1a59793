import { createRoute, z } from '@hono/zod-openapi';
import { roles } from '../../db/schema.js';
import { auditEntries, findUserByEmail, getUser, insertUser, listUsers, teamUsers, updateUser } from '../../db/repositories/users.js';
import { audit } from '../audit.js';
import { requireRole, staff } from '../auth/guard.js';
import { hashPassword } from '../auth/passwords.js';
import { endAllSessions } from '../auth/sessions.js';
import { AppError, conflict, notFound } from '../errors.js';
import { body, cookieAuth, errors, idParam, json, router, inTransaction } from '../openapi.js';
import { passwordSchema } from './auth.js';

const AdminUser = z
  .object({
    id: z.number().int(),
    email: z.string(),
    name: z.string(),
    role: z.enum(roles),
    locale: z.string(),
    disabledAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('AdminUser');

const NewUserBody = z
  .strictObject({ email: z.string().trim().email().max(320), name: z.string().trim().min(1).max(200), role: z.enum(roles), password: passwordSchema })
  .openapi('NewUser');
const UserPatch = z
  .strictObject({
    name: z.string().trim().min(1).max(200).optional(),
    role: z.enum(roles).optional(),
    disabled: z.boolean().optional(),
    password: passwordSchema.optional(),
  })
  .openapi('UserPatch');

const AuditEntry = z.object({
  id: z.number(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  details: z.unknown(),
});

const TeamMember = z.object({ id: z.number().int(), name: z.string(), email: z.string(), role: z.enum(roles) }).openapi('TeamMember');

export const userRoutes = router()
  .openapi(
    createRoute({
      method: 'get',
      path: '/team',
      tags: ['users'],
      summary: 'Enabled admins, coordinators and workers, to pick project members from (coordinator, admin)',
      security: cookieAuth,
      responses: { 200: json(z.object({ users: z.array(TeamMember) })), 401: errors[401], 403: errors[403] },
    }),
    async (c) => {
      requireRole(c, ...staff);
      return c.json({ users: await teamUsers(c.get('db')) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/users',
      tags: ['users'],
      summary: 'All users (admin)',
      security: cookieAuth,
      responses: { 200: json(z.object({ users: z.array(AdminUser) })), 401: errors[401], 403: errors[403] },
    }),
    async (c) => {
      requireRole(c, 'admin');
      return c.json({ users: await listUsers(c.get('db')) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/users',
      tags: ['users'],
      summary: 'Create a user (admin)',
      security: cookieAuth,
      request: { body: body(NewUserBody) },
      responses: { 201: json(z.object({ user: AdminUser })), 400: errors[400], 401: errors[401], 403: errors[403], 409: errors[409] },
    }),
    async (c) => {
      const admin = requireRole(c, 'admin');
      const input = c.req.valid('json');
      const passwordHash = await hashPassword(input.password);
      const user = await inTransaction(c, async (tx) => {
        if (await findUserByEmail(tx, input.email)) throw conflict('E-mailadres bestaat al / Email already in use');
        const created = await insertUser(tx, { email: input.email, name: input.name, role: input.role, passwordHash });
        await audit(tx, admin, 'user.create', { type: 'user', id: created.id }, { role: input.role });
        return created;
      });
      return c.json({ user }, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/users/{id}',
      tags: ['users'],
      summary: 'Rename, change role, disable or enable, reset password (admin)',
      security: cookieAuth,
      request: { params: idParam, body: body(UserPatch) },
      responses: { 200: json(z.object({ user: AdminUser })), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404], 409: errors[409] },
    }),
    async (c) => {
      const admin = requireRole(c, 'admin');
      const { id } = c.req.valid('param');
      const patch = c.req.valid('json');
      if (id === admin.id && (patch.disabled || (patch.role && patch.role !== 'admin'))) {
        throw new AppError(
          'conflict',
          'Je kunt jezelf niet uitschakelen of je eigen adminrol afnemen / You cannot disable yourself or drop your own admin role',
        );
      }
      const passwordHash = patch.password ? await hashPassword(patch.password) : undefined;
      const user = await inTransaction(c, async (tx) => {
        const before = await getUser(tx, id);
        if (!before) throw notFound();
        const now = new Date().toISOString();
        const disabledAt = patch.disabled === undefined ? before.disabledAt : patch.disabled ? (before.disabledAt ?? now) : null;
        await updateUser(tx, id, {
          name: patch.name ?? before.name,
          role: patch.role ?? before.role,
          disabledAt,
          ...(passwordHash ? { passwordHash, passwordChangedAt: now } : {}),
        });
        if (patch.name && patch.name !== before.name) await audit(tx, admin, 'user.rename', { type: 'user', id }, { from: before.name, to: patch.name });
        if (patch.role && patch.role !== before.role) await audit(tx, admin, 'user.role_change', { type: 'user', id }, { from: before.role, to: patch.role });
        if (disabledAt !== before.disabledAt) await audit(tx, admin, disabledAt ? 'user.disable' : 'user.enable', { type: 'user', id });
        if (passwordHash) await audit(tx, admin, 'user.password_reset', { type: 'user', id });
        if ((disabledAt && !before.disabledAt) || passwordHash || (patch.role && patch.role !== before.role)) {
          await endAllSessions(tx, id);
          await audit(tx, admin, 'session.end_all', { type: 'user', id });
        }
        return (await getUser(tx, id))!;
      });
      return c.json({ user }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/audit',
      tags: ['users'],
      summary: 'The audit log, newest first (admin; read-only)',
      security: cookieAuth,
      request: {
        query: z.object({
          targetType: z.string().max(50).optional(),
          targetId: z.string().max(50).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
          before: z.coerce.number().int().positive().optional(),
        }),
      },
      responses: { 200: json(z.object({ entries: z.array(AuditEntry) })), 400: errors[400], 401: errors[401], 403: errors[403] },
    }),
    async (c) => {
      requireRole(c, 'admin');
      const q = c.req.valid('query');
      const rows = await auditEntries(c.get('db'), q);
      return c.json({ entries: rows.map((r) => ({ ...r, details: r.details ? JSON.parse(r.details) : null })) }, 200);
    },
  );
