// The HHS OCR breach portal's CSV export (https://ocrportal.hhs.gov/ocr/breach/breach_report.jsf, "Research
// Report" → CSV): one row per breach of 500 or more individuals' health information. Each row becomes one item whose
// breached party is the covered entity the row names: a provider, a health plan, or a business associate that filed
// for itself. The portal has no row id: a row is known by its entity, state and submission date, and a changed
// count on a known row is a revision, not a new record.

import { z } from 'zod';
import { readCsvTable } from './csv-table.js';
import { stripLegalSuffix } from './legal-name.js';
import { describeIssues } from './source-error.js';
import { MAX_PROBLEMS, makeSourceItem, type SourceItem, type SourceParseResult } from './source-item.js';
import { cleanBlock, cleanLine, dayToDate, formatCount, nameKey, parseUsDate } from './source-text.js';

const SOURCE = 'HHS OCR CSV';

export const HHS_OCR_COLUMNS = [
  'Name of Covered Entity',
  'State',
  'Covered Entity Type',
  'Individuals Affected',
  'Breach Submission Date',
  'Type of Breach',
  'Location of Breached Information',
  'Business Associate Present',
  'Web Description',
] as const;
type OcrColumn = (typeof HHS_OCR_COLUMNS)[number];

/** The portal lists a few thousand rows in all; more than this is not the export. */
export const MAX_OCR_ROWS = 10_000;
const MAX_CELL_CHARS = 10_000;
const MAX_NAME_CHARS = 300;
const MAX_DESCRIPTION_CHARS = 2000;

const text = (max: number) => z.string().transform((value) => cleanLine(value, max));

/** One portal row, checked and typed. */
export const ocrRowSchema = z.object({
  'Name of Covered Entity': text(MAX_NAME_CHARS).pipe(z.string().min(1, 'no entity name')),
  State: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^(?:[A-Z]{2})?$/, 'not a two-letter state'),
  'Covered Entity Type': text(100),
  'Individuals Affected': z
    .string()
    .trim()
    .regex(/^(?:\d{1,3}(?:,\d{3})*|\d+)?$/, 'not a count')
    .transform((value) => (value === '' ? undefined : Number(value.replace(/,/g, ''))))
    .pipe(z.number().int().nonnegative().max(1e10).optional()),
  'Breach Submission Date': z
    .string()
    .transform((value) => parseUsDate(value))
    .pipe(z.string({ error: 'not a MM/DD/YYYY date' })),
  'Type of Breach': text(200),
  'Location of Breached Information': text(200),
  'Business Associate Present': z
    .string()
    .trim()
    .toLowerCase()
    .transform((value) => (value === 'yes' ? true : value === 'no' ? false : undefined)),
  'Web Description': z.string().transform((value) => cleanBlock(value, MAX_DESCRIPTION_CHARS)),
});
export type OcrRow = z.infer<typeof ocrRowSchema>;

export interface ParseHhsOcrOptions {
  feedUrl: string;
  maxRows?: number;
}

/** Rows of an HHS OCR export as items. Throws SourceFormatError when a column is missing; bad rows are counted. */
export function parseHhsOcrCsv(body: string, options: ParseHhsOcrOptions): SourceParseResult {
  const table = readCsvTable<OcrColumn>(body, HHS_OCR_COLUMNS, {
    source: SOURCE,
    maxRows: Math.min(options.maxRows ?? MAX_OCR_ROWS, MAX_OCR_ROWS),
    maxCellChars: MAX_CELL_CHARS,
  });
  const items: SourceItem[] = [];
  const problems = table.shortRows.slice(0, MAX_PROBLEMS).map((line) => `line ${line}: fewer cells than the header`);
  let skipped = table.shortRows.length;
  const seen = new Set<string>();
  for (const { line, values } of table.rows) {
    const parsed = ocrRowSchema.safeParse(values);
    if (!parsed.success) {
      skipped++;
      if (problems.length < MAX_PROBLEMS) problems.push(`line ${line}: ${describeIssues(parsed.error)}`);
      continue;
    }
    const item = ocrItem(parsed.data, options.feedUrl);
    // The portal lists a row once; a repeated identity in one export is the same record twice.
    if (seen.has(item.identity)) continue;
    seen.add(item.identity);
    items.push(item);
  }
  if (table.truncated && problems.length < MAX_PROBLEMS) problems.push(`only the first ${table.rows.length} rows were read`);
  return { items, skipped, problems };
}

/** Entity (its comparable name), state and submission day: the portal's row, whatever else in it changes. */
export function ocrIdentity(row: Pick<OcrRow, 'Name of Covered Entity' | 'State' | 'Breach Submission Date'>): string {
  return `${nameKey(row['Name of Covered Entity'])}|${row.State}|${row['Breach Submission Date']}`;
}

function ocrItem(row: OcrRow, feedUrl: string): SourceItem {
  const legalName = row['Name of Covered Entity'];
  // "Acme Billing Services, LLC reported …" would read to a sentence parser as "LLC reported …": the sentence says
  // the name without its legal form, and the next sentence gives the name exactly as listed.
  const name = stripLegalSuffix(legalName);
  const count = row['Individuals Affected'];
  const breachType = row['Type of Breach'];
  const location = row['Location of Breached Information'];
  const entityType = row['Covered Entity Type'];
  const isBusinessAssociate = /business associate/i.test(entityType);

  const affecting = count === undefined ? '' : ` affecting ${formatCount(count)} individuals`;
  const how = [breachType, location].filter((part) => part.length > 0).join(', ');
  const title = `${name} reported a data breach${affecting} to HHS OCR${how.length > 0 ? ` (${lowerWords(how)})` : ''}`;

  const sentences = [`${title}.`];
  const listed = [
    `HHS OCR lists "${legalName}"`,
    row.State.length > 0 ? ` (${row.State})` : '',
    entityType.length > 0 ? ` as a ${lowerWords(entityType)}` : '',
    `, submitted ${row['Breach Submission Date']}.`,
  ].join('');
  sentences.push(listed);
  if (isBusinessAssociate) sentences.push(`${name} is a business associate and reported this breach itself.`);
  else if (row['Business Associate Present'] === true) {
    sentences.push('A business associate was involved in this breach; the HHS OCR list does not name it.');
  }
  if (row['Web Description'].length > 0) sentences.push(`HHS OCR summary: ${row['Web Description']}`);

  return makeSourceItem({
    feedUrl,
    provenance: 'hhs-ocr',
    identity: ocrIdentity(row),
    revision: count === undefined ? null : String(count),
    title,
    text: sentences.join('\n'),
    link: null,
    publishedAt: dayToDate(row['Breach Submission Date']),
    party: { name: legalName },
    facts: {
      ...(count === undefined ? {} : { individualsAffected: count }),
      ...(breachType.length > 0 ? { breachType } : {}),
      ...(location.length > 0 ? { location } : {}),
      ...(row['Business Associate Present'] === undefined ? {} : { businessAssociatePresent: row['Business Associate Present'] }),
      ...(entityType.length > 0 ? { entityType } : {}),
      ...(row.State.length > 0 ? { state: row.State } : {}),
    },
  });
}

/** `Hacking/IT Incident, Network Server` → `hacking/IT incident, network server`: acronyms stay as they are. */
function lowerWords(text: string): string {
  return text.replace(/\p{L}+/gu, (word) => (word.length > 1 && word === word.toUpperCase() ? word : word.toLowerCase()));
}
