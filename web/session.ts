import { ApiError, get } from './api.js';
import type { Role } from './routes.js';

export type Me = { id: number; email: string; name: string; role: Role; locale: string };

let current: Me | null | undefined;

/** The logged-in user (cached), or null. */
export async function me(refresh = false): Promise<Me | null> {
  if (current !== undefined && !refresh) return current;
  try {
    current = (await get<{ user: Me }>('/api/me')).user;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) current = null;
    else throw e;
  }
  return current;
}

export function setMe(user: Me | null): void {
  current = user;
}
