// Reading CSV files as people and CBS StatLine export them: `;` or `,`, a byte order mark, quoted fields.
import { parse } from 'csv-parse/sync';
import { said } from '../../db/domain/said.js';

/** A problem with one cell (or the header, row 1), as shown in an import preview: `reason` "Dutch / English", `nl` and `en` its halves. */
export type RowError = { row: number; column: string; reason: string; nl: string; en: string };

/** A row error worded in both languages, each a whole sentence. */
export const rowError = (row: number, column: string, nl: string, en: string): RowError => ({ row, column, ...said(nl, en) });

export type CsvTable = { delimiter: string; header: string[]; rows: { row: number; cells: string[] }[] };

/** The separator used in the header line (outside quotes): `;`, tab or `,`. */
export function detectDelimiter(text: string): string {
  const counts: Record<string, number> = { ';': 0, ',': 0, '\t': 0 };
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch in counts) counts[ch]!++;
  }
  const best = Object.entries(counts).sort((a, b) => b[1] - a[1])[0]!;
  return best[1] > 0 ? best[0] : ',';
}

/**
 * Parses a CSV text. Row numbers are the file's line numbers where the record starts (the header
 * is row 1), as a spreadsheet shows them. Throws a RowError when the file is not readable CSV.
 */
export function readCsv(text: string): CsvTable {
  const clean = text.replace(/^\uFEFF/, '');
  const delimiter = detectDelimiter(clean);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(clean, { delimiter, info: true, relax_column_count: true, skip_empty_lines: true, trim: true, bom: true }) as unknown as typeof records;
  } catch (e) {
    const err = e as { lines?: number; message?: string };
    throw rowError(
      err.lines ?? 1,
      '',
      `Dit bestand is geen leesbare CSV (${err.message ?? String(e)}).`,
      `This file is not readable as CSV (${err.message ?? String(e)}).`,
    );
  }
  const [head, ...body] = records.map((r) => ({ row: r.info.lines - r.record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0), cells: r.record }));
  if (!head) throw rowError(1, '', 'Het bestand is leeg.', 'The file is empty.');
  return { delimiter, header: head.cells, rows: body.filter((r) => r.cells.some((c) => c !== '')) };
}

export function isRowError(e: unknown): e is RowError {
  return typeof e === 'object' && e !== null && 'row' in e && 'reason' in e;
}
