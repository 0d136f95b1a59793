// The one existence check at the edge: a request that names an id that is not there is a 400
// naming the field (not a 404, which is about the resource in the path; not a 500 from a foreign key).
import type { Kysely } from 'kysely';
import { missingIds, type IdTable } from '../db/repositories/exists.js';
import type { DB } from '../db/schema.js';
import { invalid } from './errors.js';

const unknown: Record<IdTable, string> = {
  projects: 'Onbekend project / Unknown project',
  areas: 'Onbekend gebied / Unknown area',
  users: 'Onbekende gebruiker / Unknown user',
  outcomes: 'Onbekende uitkomst / Unknown outcome',
  codes: 'Onbekende code / Unknown code',
  climateVariables: 'Onbekende variabele / Unknown variable',
  tellers: 'Onbekende verteller / Unknown teller',
  stories: 'Onbekend verhaal / Unknown story',
};

/** 400 when `ids` (one id or a list; nothing is fine) name rows `table` does not have. */
export async function assertExist(db: Kysely<DB>, table: IdTable, ids: number | readonly number[] | null | undefined, field: string): Promise<void> {
  if (ids == null) return;
  const list = typeof ids === 'number' ? [ids] : ids;
  const missing = await missingIds(db, table, list);
  if (missing.length) throw invalid(unknown[table], [{ field, message: typeof ids === 'number' ? 'unknown' : `unknown: ${missing.join(', ')}` }]);
}
