import { readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { CsvError, parse as parseCsv } from 'csv-parse/sync';
import { closest } from 'fastest-levenshtein';
import type { z } from 'zod';
import type { Vendor } from '../core/types.js';
import { type EntryPosition, findJsonErrorOffset, lineAt, locateArrayEntries } from './json-positions.js';
import { LIST_FIELDS, WATCHLIST_FIELDS, type WatchlistEntry, type WatchlistVendor, watchlistEntrySchema } from './schema.js';

// Reads a watchlist file (JSON array or CSV with a header row) into Vendor[]. Every problem in the file is
// collected and reported at once, each with the line (and array index for JSON) and the field, so a person can
// fix a 500-row spreadsheet in one go instead of one error per run.

/** A watchlist is a configuration file: anything this large is a mistake, not a watchlist. */
const MAX_WATCHLIST_BYTES = 50 * 1024 * 1024;
/** Problems listed in full; past this the message says how many more there are. */
const MAX_LISTED_PROBLEMS = 200;

export interface WatchlistProblem {
  /** 1-based line in the file (for CSV the line the row starts on), or null when it cannot be known. */
  line: number | null;
  /** 0-based position of the vendor in a JSON array, or null. */
  index: number | null;
  field: string | null;
  message: string;
}

export type WatchlistFormat = 'json' | 'csv';

export class WatchlistError extends Error {
  readonly code = 'WATCHLIST_INVALID';
  constructor(
    readonly problems: WatchlistProblem[],
    readonly source: string = 'watchlist',
  ) {
    super(formatProblems(source, problems));
    this.name = 'WatchlistError';
  }
}

function formatProblems(source: string, problems: WatchlistProblem[]): string {
  const head = `${source}: ${problems.length} problem${problems.length === 1 ? '' : 's'}`;
  const lines = problems.slice(0, MAX_LISTED_PROBLEMS).map((p) => `  ${describeProblem(p)}`);
  if (problems.length > MAX_LISTED_PROBLEMS) lines.push(`  … and ${problems.length - MAX_LISTED_PROBLEMS} more`);
  return [head, ...lines].join('\n');
}

/** "line 12 (vendor #3), field aliases: must not be empty" */
export function describeProblem(problem: WatchlistProblem): string {
  const where: string[] = [];
  if (problem.line !== null) where.push(`line ${problem.line}`);
  if (problem.index !== null) where.push(`${where.length ? '(' : ''}vendor #${problem.index + 1}${where.length ? ')' : ''}`);
  if (problem.field !== null) where.push(`${where.length ? ', ' : ''}field ${problem.field}`);
  const prefix = where.join(' ').replace(' ,', ',');
  return inert(prefix ? `${prefix}: ${problem.message}` : problem.message);
}

/** Problems quote the file's own text: control characters (terminal escapes) are shown as '?', never sent. */
function inert(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '?').replace(/\n/g, '\\n');
}

/** Reads and validates a watchlist file; the format comes from the extension (.json, .csv) or the content. */
export function loadWatchlist(path: string): Vendor[] {
  let bytes: Buffer;
  try {
    const size = statSync(path).size;
    if (size > MAX_WATCHLIST_BYTES) {
      throw new WatchlistError(
        [problem(null, null, null, `file is ${size} bytes; a watchlist must be under ${MAX_WATCHLIST_BYTES}`)],
        path,
      );
    }
    bytes = readFileSync(path);
  } catch (error) {
    if (error instanceof WatchlistError) throw error;
    const reason = error instanceof Error && 'code' in error ? String((error as NodeJS.ErrnoException).code) : 'read error';
    const hint = reason === 'ENOENT' ? 'no such file' : reason === 'EISDIR' ? 'is a directory, not a file' : `cannot be read (${reason})`;
    throw new WatchlistError([problem(null, null, null, `${hint}: check the path (VENDORWATCH_WATCHLIST or the command argument)`)], path);
  }
  const text = decodeUtf8(bytes, path);
  return parseWatchlist(text, detectFormat(path, text), path);
}

function decodeUtf8(bytes: Buffer, source: string): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new WatchlistError([problem(null, null, null, 'file is UTF-16: save it as UTF-8 (in Excel: "CSV UTF-8")')], source);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const offset = firstInvalidUtf8(bytes);
    const line = offset === null ? null : bytes.subarray(0, offset).toString('latin1').split('\n').length;
    throw new WatchlistError(
      [problem(line, null, null, 'file is not valid UTF-8 (perhaps Windows-1252/Latin-1): save it as UTF-8')],
      source,
    );
  }
}

function firstInvalidUtf8(bytes: Buffer): number | null {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  // Binary search on prefixes is wrong for multi-byte boundaries; scan in line-sized steps instead.
  let start = 0;
  while (start < bytes.length) {
    let end = bytes.indexOf(0x0a, start);
    end = end < 0 ? bytes.length : end + 1;
    try {
      decoder.decode(bytes.subarray(start, end));
    } catch {
      return start;
    }
    start = end;
  }
  return null;
}

function detectFormat(path: string, text: string): WatchlistFormat {
  const ext = extname(path).toLowerCase();
  if (ext === '.json') return 'json';
  if (ext === '.csv') return 'csv';
  const first = text
    .replace(/^\ufeff/, '')
    .trimStart()
    .charAt(0);
  return first === '[' || first === '{' ? 'json' : 'csv';
}

/** Validates watchlist text in the given format; `source` names the file in messages. */
export function parseWatchlist(text: string, format: WatchlistFormat, source = 'watchlist'): Vendor[] {
  return format === 'json' ? parseJsonWatchlist(text, source) : parseCsvWatchlist(text, source);
}

function problem(line: number | null, index: number | null, field: string | null, message: string): WatchlistProblem {
  return { line, index, field, message };
}

// ---------------------------------------------------------------------------------------------------
// JSON

function parseJsonWatchlist(text: string, source: string): Vendor[] {
  const body = text.replace(/^\ufeff/, '');
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(message);
    const offset = position ? Number(position[1]) : findJsonErrorOffset(body);
    const line = offset !== null ? lineAt(body, offset) : null;
    // V8 quotes the surrounding text in its message; the line number is enough and keeps the message short.
    const reason = message.replace(/, "[\s\S]*" is not valid JSON$/, '').slice(0, 160);
    throw new WatchlistError([problem(line, null, null, `not valid JSON: ${reason}`)], source);
  }
  if (!Array.isArray(data)) {
    throw new WatchlistError([problem(1, null, null, 'a JSON watchlist is an array of vendors: [{"name": "…"}, …]')], source);
  }
  const rows: RawRow[] = data.map((value: unknown, index) => ({ value, index, line: null }));
  let positions: EntryPosition[] | null = null;
  const locate = (index: number, field: string | null): number | null => {
    positions ??= locateArrayEntries(body);
    const entry = positions[index];
    if (!entry) return null;
    return (field !== null ? entry.fields.get(field) : undefined) ?? entry.line;
  };
  return validateRows(rows, source, (row, field) => ({ line: locate(row.index, field), index: row.index }));
}

// ---------------------------------------------------------------------------------------------------
// CSV

interface RawRow {
  value: unknown;
  index: number;
  line: number | null;
}

/** Spreadsheet headers: "Slack Channel", "slack-channel" and "SLACK_CHANNEL" all mean slack_channel. */
function normaliseHeader(header: string): string {
  return header
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

function parseCsvWatchlist(text: string, source: string): Vendor[] {
  let records: { record: string[]; info: { lines: number; empty_lines: number } }[];
  try {
    records = parseCsv(text, {
      bom: true,
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: false,
    }) as { record: string[]; info: { lines: number; empty_lines: number } }[];
  } catch (error) {
    if (error instanceof CsvError) {
      const line =
        typeof (error as CsvError & { lines?: number }).lines === 'number' ? (error as CsvError & { lines: number }).lines : null;
      throw new WatchlistError([problem(line, null, null, `not valid CSV: ${error.message}`)], source);
    }
    throw error;
  }
  if (records.length === 0) throw new WatchlistError([problem(null, null, null, 'file is empty: expected a header row')], source);

  const problems: WatchlistProblem[] = [];
  const headerRecord = records[0] as (typeof records)[number];
  const headers = headerRecord.record.map(normaliseHeader);
  const seenHeaders = new Set<string>();
  headers.forEach((header, column) => {
    if (header.length === 0) problems.push(problem(1, null, null, `column ${column + 1} has no header`));
    else if (seenHeaders.has(header)) problems.push(problem(1, null, header, 'column appears twice in the header'));
    seenHeaders.add(header);
  });
  if (!seenHeaders.has('name')) problems.push(problem(1, null, 'name', 'header has no "name" column'));
  const known = new Set<string>(WATCHLIST_FIELDS);
  headers.forEach((header, column) => {
    if (header.length === 0 || known.has(header)) return;
    const suggestion = closest(header, [...WATCHLIST_FIELDS]);
    problems.push(
      problem(
        1,
        null,
        header.slice(0, 60),
        `unknown column "${headerRecord.record[column]?.trim().slice(0, 60)}" (did you mean "${suggestion}"?); known fields: ${WATCHLIST_FIELDS.join(', ')}`,
      ),
    );
    headers[column] = '';
  });

  const rows: RawRow[] = [];
  let previousEnd = headerRecord.info.lines;
  let previousEmpty = headerRecord.info.empty_lines;
  records.slice(1).forEach((entry, index) => {
    const line = previousEnd + 1 + (entry.info.empty_lines - previousEmpty);
    previousEnd = entry.info.lines;
    previousEmpty = entry.info.empty_lines;
    if (entry.record.length > headers.length && entry.record.slice(headers.length).some((cell) => cell.trim() !== '')) {
      problems.push(problem(line, null, null, `row has ${entry.record.length} cells but the header has ${headers.length} columns`));
    }
    if (entry.record.every((cell) => cell.trim() === '')) return; // a spreadsheet's blank row
    const value: Record<string, unknown> = {};
    headers.forEach((header, column) => {
      if (header.length === 0) return;
      const cell = (entry.record[column] ?? '').trim();
      if (cell.length === 0) return; // empty cell = field not given
      value[header] = (LIST_FIELDS as readonly string[]).includes(header)
        ? cell
            .split(';')
            .map((item) => item.trim())
            .filter((item) => item.length > 0)
        : cell;
    });
    rows.push({ value, index, line });
  });
  return validateRows(rows, source, (row) => ({ line: row.line, index: null }), problems);
}

// ---------------------------------------------------------------------------------------------------
// Shared validation

type Locate = (row: RawRow, field: string | null) => { line: number | null; index: number | null };

function validateRows(rows: RawRow[], source: string, locate: Locate, problems: WatchlistProblem[] = []): Vendor[] {
  const vendors: Vendor[] = [];
  const names = new Map<string, RawRow>();
  const ciks = new Map<string, { row: RawRow; name: string }>();
  const report = (row: RawRow, field: string | null, message: string): void => {
    const where = locate(row, field);
    problems.push(problem(where.line, where.index, field, message));
  };
  for (const row of rows) {
    if (typeof row.value !== 'object' || row.value === null || Array.isArray(row.value)) {
      report(row, null, 'each vendor must be an object with at least a "name"');
      continue;
    }
    // Duplicates are checked on the raw name so that a row with other problems still reports them all.
    const rawName = (row.value as { name?: unknown }).name;
    let duplicate = false;
    if (typeof rawName === 'string' && rawName.trim().length > 0) {
      const key = rawName.trim().normalize('NFKC').toLowerCase();
      const first = names.get(key);
      if (first !== undefined) {
        const firstWhere = locate(first, 'name');
        const at = firstWhere.line !== null ? `line ${firstWhere.line}` : `vendor #${(first.index ?? 0) + 1}`;
        report(row, 'name', `duplicate name "${rawName.trim().slice(0, 100)}" (also at ${at}; names are compared ignoring case)`);
        duplicate = true;
      } else {
        names.set(key, row);
      }
    }
    const result = watchlistEntrySchema.safeParse(row.value);
    if (!result.success) {
      for (const issue of result.error.issues) reportIssue(row, issue, report);
      continue;
    }
    // One company files under one CIK: two vendors with the same CIK would each claim the other's filings.
    const cik = result.data.sec_cik;
    if (cik !== undefined) {
      const first = ciks.get(cik);
      if (first !== undefined) {
        const firstWhere = locate(first.row, 'sec_cik');
        const at = firstWhere.line !== null ? `line ${firstWhere.line}` : `vendor #${(first.row.index ?? 0) + 1}`;
        report(row, 'sec_cik', `CIK ${cik} is also given for "${first.name.slice(0, 100)}" (at ${at}); a CIK names one company`);
        continue;
      }
      ciks.set(cik, { row, name: result.data.name });
    }
    if (!duplicate) vendors.push(toVendor(result.data));
  }
  if (problems.length > 0) {
    problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.index ?? 0) - (b.index ?? 0));
    throw new WatchlistError(problems, source);
  }
  return vendors;
}

function reportIssue(row: RawRow, issue: z.core.$ZodIssue, report: (row: RawRow, field: string | null, message: string) => void): void {
  if (issue.code === 'unrecognized_keys') {
    for (const key of issue.keys) {
      const suggestion = closest(key, [...WATCHLIST_FIELDS]);
      const hint = suggestion ? ` (did you mean "${suggestion}"?)` : '';
      report(row, key.slice(0, 60), `unknown field "${key.slice(0, 60)}"${hint}; known fields: ${WATCHLIST_FIELDS.join(', ')}`);
    }
    return;
  }
  const [field, item] = issue.path;
  const name = typeof field === 'string' ? field : null;
  let message = issue.message;
  if (issue.code === 'invalid_type' && issue.path.length === 0) message = 'each vendor must be an object';
  else if (issue.code === 'invalid_type' && name !== null && row.value && !(name in (row.value as object))) {
    message = 'is required';
  } else if (issue.code === 'invalid_type') {
    message = `${issue.message.replace(/^Invalid input: /, '')}`;
  }
  const label = typeof item === 'number' ? `entry ${item + 1} ${message}` : message;
  report(row, name, label);
}

function unique(values: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const value of values) {
    const key = value.toLowerCase();
    if (!seen.has(key)) {
      seen.add(key);
      out.push(value);
    }
  }
  return out;
}

function toVendor(entry: WatchlistEntry): Vendor {
  const vendor: WatchlistVendor = {
    name: entry.name,
    aliases: unique(entry.aliases),
    products: unique(entry.products),
    domains: unique(entry.domains),
    criticality: entry.criticality,
  };
  if (entry.parent !== undefined) vendor.parent = entry.parent;
  if (entry.category !== undefined) vendor.category = entry.category;
  if (entry.owner !== undefined) vendor.owner = entry.owner;
  if (entry.slack_channel !== undefined) vendor.slackChannel = entry.slack_channel;
  if (entry.teams_channel !== undefined) vendor.teamsChannel = entry.teams_channel;
  if (entry.notes !== undefined) vendor.notes = entry.notes;
  if (entry.not.length > 0) vendor.not = unique(entry.not);
  if (entry.sec_cik !== undefined) vendor.secCik = entry.sec_cik;
  return vendor;
}
