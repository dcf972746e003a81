// The California Attorney General's data-breach list, CSV export (https://oag.ca.gov/privacy/databreach/list,
// "Download" → https://oag.ca.gov/privacy/databreach/list-export): `Organization Name`, `Date(s) of Breach (if
// known)`, `Reported Date`. One row per notice sent to California residents. The organisation is often a vendor
// filing for its customer ("Acme Billing, LLC on behalf of Beta Clinic"): the filer is the breached party, the
// customer is said in the text. The reported date is the item's date.

import { z } from 'zod';
import { readCsvTable } from './csv-table.js';
import { stripLegalSuffix } from './legal-name.js';
import { describeIssues } from './source-error.js';
import { MAX_PROBLEMS, makeSourceItem, type SourceItem, type SourceParseResult } from './source-item.js';
import { cleanLine, dayToDate, nameKey, parseUsDate } from './source-text.js';

const SOURCE = 'California AG CSV';

export const CA_AG_COLUMNS = ['Organization Name', 'Date(s) of Breach (if known)', 'Reported Date'] as const;
type AgColumn = (typeof CA_AG_COLUMNS)[number];

export const MAX_AG_ROWS = 20_000;
const MAX_NAME_CHARS = 300;
const MAX_BREACH_DATES = 20;

/** The filer, the customer it filed for, and the name it does business as, as the list gives them. */
export interface AgOrganisation {
  party: string;
  onBehalfOf: string | null;
  dba: string | null;
}

// "X on behalf of Y", "X obo Y", "X o/b/o Y", "X, for and on behalf of Y", "X (on behalf of Y)".
const ON_BEHALF = /\s*[,(]?\s*\b(?:(?:for and )?on behalf of|o\s*\/\s*b\s*\/\s*o|obo)\b\.?\s*/i;
const DBA = /\s*,?\s+\b(?:d\s*\/\s*b\s*\/\s*a|d\.b\.a\.?|dba|doing business as)\b\.?\s*/i;
// "on behalf of its client Beta Clinic": the customer is Beta Clinic.
const CUSTOMER_LEAD = /^(?:(?:its|their|certain|the|a)\s+)*(?:clients?|customers?|covered entit(?:y|ies))\s*,?\s*/i;

function trimName(text: string): string {
  return text
    .replace(/^[\s,;:()-]+|[\s,;:(-]+$/g, '')
    .replace(/^\((.*)\)$/, '$1')
    .trim();
}

/** Splits a listed name into the filer, the customer it filed for ("on behalf of", "obo") and its d/b/a name. */
export function cleanAgName(raw: string): AgOrganisation {
  const name = cleanLine(raw, MAX_NAME_CHARS);
  let party = name;
  let onBehalfOf: string | null = null;
  let dba: string | null = null;

  const behalf = ON_BEHALF.exec(party);
  if (behalf !== null && behalf.index > 0) {
    const customer = trimName(party.slice(behalf.index + behalf[0].length).replace(/\)\s*$/, '')).replace(CUSTOMER_LEAD, '');
    party = trimName(party.slice(0, behalf.index));
    onBehalfOf = customer.length > 0 ? customer : null;
  }
  const doing = DBA.exec(party);
  if (doing !== null && doing.index > 0) {
    const other = trimName(party.slice(doing.index + doing[0].length));
    party = trimName(party.slice(0, doing.index));
    dba = other.length > 0 ? other : null;
  }
  return { party: party.length > 0 ? party : name, onBehalfOf, dba };
}

const rowSchema = z.object({
  'Organization Name': z
    .string()
    .transform((value) => cleanLine(value, MAX_NAME_CHARS))
    .pipe(z.string().min(1, 'no organisation name')),
  'Reported Date': z
    .string()
    .transform((value) => parseUsDate(value))
    .pipe(z.string({ error: 'not a MM/DD/YYYY date' })),
  // Several dates in one cell ("03/14/2025, 03/20/2025"), or none ("if known"): unreadable parts are dropped.
  'Date(s) of Breach (if known)': z.string().transform((value) =>
    [
      ...new Set(
        value
          .slice(0, 2000)
          .split(/[,;\n]|\s+(?:and|to|through|-)\s+/i)
          .map((part) => parseUsDate(part))
          .filter((day): day is string => day !== null),
      ),
    ]
      .sort()
      .slice(0, MAX_BREACH_DATES),
  ),
});

export interface ParseCaAgOptions {
  feedUrl: string;
  maxRows?: number;
}

/** Rows of the California AG export as items. Throws SourceFormatError when a column is missing. */
export function parseCaAgCsv(body: string, options: ParseCaAgOptions): SourceParseResult {
  const table = readCsvTable<AgColumn>(body, CA_AG_COLUMNS, {
    source: SOURCE,
    maxRows: Math.min(options.maxRows ?? MAX_AG_ROWS, MAX_AG_ROWS),
    maxCellChars: 5000,
  });
  const items: SourceItem[] = [];
  const problems = table.shortRows.slice(0, MAX_PROBLEMS).map((line) => `line ${line}: fewer cells than the header`);
  let skipped = table.shortRows.length;
  const seen = new Set<string>();
  for (const { line, values } of table.rows) {
    const parsed = rowSchema.safeParse(values);
    if (!parsed.success) {
      skipped++;
      if (problems.length < MAX_PROBLEMS) problems.push(`line ${line}: ${describeIssues(parsed.error)}`);
      continue;
    }
    const item = agItem(
      parsed.data['Organization Name'],
      parsed.data['Reported Date'],
      parsed.data['Date(s) of Breach (if known)'],
      options.feedUrl,
    );
    // The export repeats some rows verbatim: one record.
    if (seen.has(item.identity)) continue;
    seen.add(item.identity);
    items.push(item);
  }
  if (table.truncated && problems.length < MAX_PROBLEMS) problems.push(`only the first ${table.rows.length} rows were read`);
  return { items, skipped, problems };
}

function agItem(listedName: string, reported: string, breachDates: string[], feedUrl: string): SourceItem {
  const { party, onBehalfOf, dba } = cleanAgName(listedName);
  // As for HHS OCR: the sentence says the name without its legal form, which a sentence parser reads as one name.
  const name = stripLegalSuffix(party);
  const title = `${name} reported a data breach to the California Attorney General`;
  const sentences = [`${title} on ${reported}${onBehalfOf === null ? '' : `, on behalf of its customer ${onBehalfOf}`}.`];
  sentences.push(`The California list names "${listedName}".`);
  if (dba !== null) sentences.push(`${name} does business as ${dba}.`);
  if (breachDates.length === 1) sentences.push(`The breach happened on ${breachDates[0]}.`);
  else if (breachDates.length > 1) sentences.push(`The breach happened on ${breachDates.join(', ')}.`);

  return makeSourceItem({
    feedUrl,
    provenance: 'state-ag',
    identity: `${nameKey(listedName)}|${reported}`,
    revision: null,
    title,
    text: sentences.join('\n'),
    link: null,
    publishedAt: dayToDate(reported),
    party: { name: party },
    facts: {
      ...(breachDates.length > 0 ? { breachDates } : {}),
      ...(onBehalfOf === null ? {} : { onBehalfOf }),
    },
  });
}
