// The organisation's own settings kept in the database: its logo for report covers.
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
