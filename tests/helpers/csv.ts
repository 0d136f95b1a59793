import { parse } from 'csv-parse/sync';

const plainNumber = /^[+-]?\d+(?:[.,]\d+)?$/;

/**
 * The cells of `csv` that a spreadsheet would read as a formula, however it splits the text: with
 * `,`, `;` or tab as separator (honouring quotes where it can), or naively by line and separator.
 */
export function formulaCells(csv: string): string[] {
  const text = csv.replace(/^\uFEFF/, '');
  const cells: string[] = [];
  for (const delimiter of [',', ';', '\t']) {
    const rows = parse(text, { delimiter, relax_quotes: true, relax_column_count: true, skip_empty_lines: true }) as string[][];
    cells.push(...rows.flat());
    cells.push(...text.split(/\r?\n|\r/).flatMap((line) => line.split(delimiter)));
  }
  return [...new Set(cells.filter((c) => /^[=+\-@\t\r]/.test(c) && !plainNumber.test(c)))];
}

/** The cells of `csv` read with its own separator, honouring quotes. */
export const csvCells = (csv: string, delimiter: ',' | ';') => (parse(csv, { bom: true, delimiter, relax_column_count: true }) as string[][]).flat();
