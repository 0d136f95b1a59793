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
  if (missing.length) throw invalid(unknown[table], [{ field, message: notThere(table, typeof ids === 'number' ? [] : missing) }]);
}

// Dutch needs the article: "dit gebied … een ander gebied", "deze code … een andere code".
const named: Record<IdTable, [thisNl: string, otherNl: string, en: string]> = {
  projects: ['Dit project', 'een ander project', 'project'],
  areas: ['Dit gebied', 'een ander gebied', 'area'],
  users: ['Deze gebruiker', 'een andere gebruiker', 'user'],
  outcomes: ['Deze uitkomst', 'een andere uitkomst', 'outcome'],
  codes: ['Deze code', 'een andere code', 'code'],
  climateVariables: ['Deze variabele', 'een andere variabele', 'variable'],
  tellers: ['Deze verteller', 'een andere verteller', 'teller'],
  stories: ['Dit verhaal', 'een ander verhaal', 'story'],
};

/** "Dit gebied bestaat niet. Kies een ander gebied. / This area does not exist. …", naming the ids of a list. */
function notThere(table: IdTable, ids: number[]): string {
  const [nl, other, en] = named[table];
  const which = ids.length ? ` (${ids.join(', ')})` : '';
  return `${nl} bestaat niet${which}. Kies ${other}. / This ${en} does not exist${which}. Choose another ${en}.`;
}
