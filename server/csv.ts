// Writing CSV that no spreadsheet reads as formulas, whatever separator it splits on: every CSV the
// server writes goes through `writeCsv` (reports/csv.ts, counting/value-template.ts).
import { stringify } from 'csv-stringify/sync';

/** Where a reader may start a new cell: any common separator, and a line break (readers that ignore quotes). */
const SEPARATORS = ',;\t\r\n';
/** A cell starting with one of these is a formula to Excel, LibreOffice or Google Sheets. */
const FORMULA_START = '=+@\t\r-'; // '-' last: a literal in the character classes below
/** Positions where a cell could start (the text's start, or after a separator) followed by a formula start, or by apostrophes and one (so `restoreCell` can undo exactly). */
const risky = new RegExp(`(^|[${SEPARATORS}])(?='*[${FORMULA_START}])`, 'g');
const neutralised = new RegExp(`(^|[${SEPARATORS}])'(?='*[${FORMULA_START}])`, 'g');

const plainNumber = /^[+-]?\d+(?:[.,]\d+)?$/;
/** Text with a separator, quote or line break (a decimal comma alone is not quoted). */
const hasSeparator = /^(?![+-]?\d+(?:[.,]\d+)?$)[\s\S]*[,;\t\r\n"]/;

/**
 * A text cell made safe: an apostrophe (which spreadsheets show as "text follows") wherever a
 * cell could start with = + - @ tab or CR — at the start and after any `,` `;` tab or line
 * break inside the text, since a reader splitting on another separator than ours starts a cell
 * there. NUL characters are dropped. Numbers stay numbers, also as text (`-3,5` in the template).
 */
export function neutralise(cell: string | number | null | undefined): string | number {
  if (cell == null) return '';
  if (typeof cell === 'number' || plainNumber.test(cell)) return cell;
  return cell.replace(/\u0000/g, '').replace(risky, "$1'");
}

/** The text `neutralise` was given (for reading our own exports back, e.g. the value template). */
export function restoreCell(cell: string): string {
  return cell.replace(neutralised, '$1');
}

/**
 * Rows as CSV: every cell neutralised, and every text cell with a separator (`,` `;` tab), a
 * quote or a line break quoted (a number with a decimal comma is not), so a reader that honours quotes keeps it one cell under any
 * separator. A byte order mark for Excel.
 */
export function writeCsv(rows: (string | number | null | undefined)[][], options: { delimiter?: ',' | ';'; recordDelimiter?: '\n' | '\r\n' } = {}): string {
  return stringify(
    rows.map((r) => r.map(neutralise)),
    { bom: true, delimiter: options.delimiter ?? ',', record_delimiter: options.recordDelimiter ?? '\n', quoted_match: hasSeparator },
  );
}
