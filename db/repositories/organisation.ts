// The organisation's own settings kept in the database: its logo for report covers and its name.
import type { Kysely } from 'kysely';
import type { DB, OrganisationLogoTable } from '../schema.js';

export type LogoRow = OrganisationLogoTable;

export async function getLogo(db: Kysely<DB>): Promise<LogoRow | null> {
  return (await db.selectFrom('organisationLogo').selectAll().where('id', '=', 1).executeTakeFirst()) ?? null;
}

/** Sets the logo; returns the one it replaces (its file is the caller's to delete after the commit). */
export async function putLogo(db: Kysely<DB>, logo: Omit<LogoRow, 'id'>): Promise<LogoRow | null> {
  const old = await getLogo(db);
  if (old)
    await db
      .updateTable('organisationLogo')
      .set({ ...logo })
      .where('id', '=', 1)
      .execute();
  else
    await db
      .insertInto('organisationLogo')
      .values({ id: 1, ...logo })
      .execute();
  return old;
}

/** Removes the logo; returns the one removed. */
export async function deleteLogo(db: Kysely<DB>): Promise<LogoRow | null> {
  const old = await getLogo(db);
  if (old) await db.deleteFrom('organisationLogo').where('id', '=', 1).execute();
  return old;
}

/** The name an admin set on the organisation page; null when none is set there. */
export async function getOrgName(db: Kysely<DB>): Promise<string | null> {
  const row = await db.selectFrom('organisationSettings').select('name').where('id', '=', 1).executeTakeFirst();
  return row?.name ?? null;
}

/** Sets the name (null: unset, ORG_NAME applies again); returns the one it replaces. */
export async function putOrgName(db: Kysely<DB>, name: string | null, by: number, at = new Date().toISOString()): Promise<string | null> {
  const old = await getOrgName(db);
  await db
    .insertInto('organisationSettings')
    .values({ id: 1, name, updatedAt: at, updatedBy: by })
    .onConflict((oc) => oc.column('id').doUpdateSet({ name, updatedAt: at, updatedBy: by }))
    .execute();
  return old;
}
