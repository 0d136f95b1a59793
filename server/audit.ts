import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { SessionUser } from './types.js';

export type Actor = SessionUser | { system: string } | null;

/** Appends to the audit log. There is no API that edits or deletes these rows. */
export async function audit(
  db: Kysely<DB>,
  actor: Actor,
  action: string,
  target: { type: string; id?: number | string | null },
  details?: Record<string, unknown>,
): Promise<void> {
  await db
    .insertInto('auditLog')
    .values({ ...auditRow(actor, action, details), targetType: target.type, targetId: target.id == null ? null : String(target.id) })
    .execute();
}

/** An audit_log row without its target. */
export function auditRow(actor: Actor, action: string, details?: Record<string, unknown>) {
  return {
    actorUserId: actor && 'id' in actor ? actor.id : null,
    actor: actor === null ? 'anonymous' : 'id' in actor ? actor.email : actor.system,
    action,
    details: details ? JSON.stringify(details) : null,
  };
}
