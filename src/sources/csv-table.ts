// A regulator's CSV export as rows keyed by the columns a source needs. The header is checked first: a missing
// column is an error naming it (an export whose format changed must stop, not fill fields from the wrong column).
// Header names are compared with case and runs of spaces ignored (California's export writes
// `Date(s) of Breach  (if known)` with two spaces).

import { CsvError, parse as parseCsv } from 'csv-parse/sync';
import { SourceFormatError } from './source-error.js';

/** Exports beyond this are not a breach list: refuse rather than hold them in memory. */
export const MAX_CSV_CHARS = 20_000_000;

export interface CsvRow<C extends string> {
  /** Line of the row in the file (1 is the header). */
  line: number;
  values: Record<C, string>;
}

export interface CsvTable<C extends string> {
  rows: CsvRow<C>[];
  /** Rows with fewer cells than the header. */
  shortRows: number[];
  /** True when the file had more rows than were read. */
  truncated: boolean;
}

export interface ReadCsvOptions {
  /** Names the source in errors (`HHS OCR CSV`). */
  source: string;
  /** Data rows read at most; the rest are left unread. */
  maxRows: number;
  /** Characters kept of any one cell. */
  maxCellChars: number;
}

function headerKey(name: string): string {
  return name
    .replace(/^\ufeff/, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

export function readCsvTable<C extends string>(body: string, columns: readonly C[], options: ReadCsvOptions): CsvTable<C> {
  const { source } = options;
  if (body.length > MAX_CSV_CHARS) throw new SourceFormatError(source, `the export is too large (${body.length} characters)`);
  const head = body.slice(0, 2048).trimStart();
  if (head.length === 0) throw new SourceFormatError(source, 'empty body: expected a CSV export with a header row');
  if (/^<(?:!doctype|html|\?xml)/i.test(head)) {
    throw new SourceFormatError(source, 'got an HTML or XML page, not the CSV export: check that the URL is the export itself');
  }

  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parseCsv(body, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      // Header plus maxRows, and one more to tell whether the file went on.
      to: options.maxRows + 2,
    }) as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    if (error instanceof CsvError) throw new SourceFormatError(source, `not valid CSV: ${error.message}`);
    throw error;
  }
  const header = records[0];
  if (header === undefined) throw new SourceFormatError(source, 'no header row');

  const found = header.record.map(headerKey);
  const indexes = new Map<C, number>();
  const missing: C[] = [];
  for (const column of columns) {
    const index = found.indexOf(headerKey(column));
    if (index === -1) missing.push(column);
    else indexes.set(column, index);
  }
  if (missing.length > 0) {
    const names = missing.map((column) => `"${column}"`).join(', ');
    throw new SourceFormatError(source, `missing column${missing.length > 1 ? 's' : ''} ${names} in the header`);
  }

  const rows: CsvRow<C>[] = [];
  const shortRows: number[] = [];
  const data = records.slice(1, options.maxRows + 1);
  const width = Math.max(...indexes.values()) + 1;
  for (const { record, info } of data) {
    if (record.length < width) {
      shortRows.push(info.lines);
      continue;
    }
    const values = {} as Record<C, string>;
    for (const [column, index] of indexes) values[column] = (record[index] ?? '').slice(0, options.maxCellChars);
    rows.push({ line: info.lines, values });
  }
  return { rows, shortRows, truncated: records.length > options.maxRows + 1 };
}
