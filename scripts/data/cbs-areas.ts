// Amsterdam's wijken and buurten with their real CBS codes, read from the CBS export beside the
// project (../shared/data/cbs: Kerncijfers wijken en buurten 2019, table 85163NED, CC BY 4.0).
// Used by the seed.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parentCode } from '../../server/counting/cbs-import.js';
import { readCsv } from '../../server/counting/csv.js';

export type AreaRow = { kind: 'wijk' | 'buurt'; code: string; name: string; wijk?: string };

export const CBS_AREAS_FILE = fileURLToPath(new URL('../../../shared/data/cbs/SES_WOA_scores_per_wijk_en_buurt_25042023_160857.csv', import.meta.url));

/** The wijken and buurten of the export, each wijk before its buurten, in the export's order. */
export function amsterdamAreas(file = CBS_AREAS_FILE): AreaRow[] {
  const { header, rows } = readCsv(readFileSync(file, 'utf8'));
  const name = header.findIndex((h) => h === 'Wijken en buurten');
  const code = header.findIndex((h) => h.startsWith('Regiocode'));
  if (name < 0 || code < 0) throw new Error(`${file}: no "Wijken en buurten" or "Regiocode" column`);
  return rows.flatMap(({ cells }): AreaRow[] => {
    const c = cells[code]!.trim();
    if (c.startsWith('WK')) return [{ kind: 'wijk', code: c, name: cells[name]! }];
    if (c.startsWith('BU')) return [{ kind: 'buurt', code: c, name: cells[name]!, wijk: parentCode(c)! }];
    return [];
  });
}
