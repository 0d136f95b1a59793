import type { Context } from 'hono';
import type { Role } from '../../db/schema.js';
import { AppError, forbidden } from '../errors.js';
import type { AppEnv, SessionUser } from '../types.js';

/** The logged-in user, or 401. */
export function userOf(c: Context<AppEnv>): SessionUser {
  const user = c.get('user');
  if (!user) throw new AppError('unauthenticated', 'Log eerst in / Please log in');
  return user;
}

/** The logged-in user if their role is one of `roles`, else 401/403. */
export function requireRole(c: Context<AppEnv>, ...roles: Role[]): SessionUser {
  const user = userOf(c);
  if (!roles.includes(user.role)) throw forbidden();
  return user;
}

export const staff: Role[] = ['admin', 'coordinator'];
/** Everyone who works in projects: staff and workers. */
export const team: Role[] = ['admin', 'coordinator', 'worker'];
