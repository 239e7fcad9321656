import { CsvError, parse } from 'csv-parse/sync';
import { AppError } from '../common/errors/app-error';

export const CSV_COLUMNS = ['case', 'reference', 'amount', 'paidOn'] as const;

/**
 * A bulk file's CSV: a header naming exactly the columns (any order), then one payment per
 * line. A file csv-parse cannot read, or with other columns, is refused whole before any row.
 */
export function parsePaymentsCsv(csv: string): Record<string, string>[] {
  let records: string[][];
  try {
    records = parse(csv, { bom: true, skip_empty_lines: true, trim: true });
  } catch (e) {
    if (!(e instanceof CsvError)) throw e;
    throw AppError.validation([{ field: 'csv', message: `not readable as CSV: ${e.message}` }]);
  }
  const [header, ...lines] = records;
  const expected = [...CSV_COLUMNS].sort().join(',');
  if (!header || [...header].sort().join(',') !== expected) {
    throw AppError.validation([
      { field: 'csv', message: `the first line must name the columns ${CSV_COLUMNS.join(',')}` },
    ]);
  }
  return lines.map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i] ?? ''])));
}
