// SEC EDGAR's "current events" Atom of 8-K filings
// (https://www.sec.gov/cgi-bin/browse-edgar?action=getcurrent&type=8-K&output=atom). Each entry is one filer of one
// filing: the title says `8-K - CareCloud, Inc. (0001582982) (Filer)`, the summary `Filed: 2025-03-14 AccNo:
// 0001582982-25-000012 Size: 345 KB` and one line per item (`Item 1.05: Material Cybersecurity Incidents`), the link
// goes to the filing's index page, the id carries the accession number. The feed alone says only that a filing
// exists and which items it lists; a cyber filing is followed to its index page, and from there to the 8-K document
// itself, whose text is what detection reads.

import { compile, type HtmlToTextOptions } from 'html-to-text';
import { parseHTML } from 'linkedom';
import { z } from 'zod';
import type { FeedItem } from '../core/types.js';
import { parseFeed } from '../feeds/parse-feed.js';
import { stripLegalSuffix } from './legal-name.js';
import { describeIssues } from './source-error.js';
import { MAX_PROBLEMS, makeSourceItem, type SourceItem, type SourceParseResult } from './source-item.js';
import { cleanBlock, cleanLine, truncate } from './source-text.js';

/** getcurrent returns at most 100 entries a page. */
export const MAX_FILING_ENTRIES = 200;
/** Candidate filings followed to their documents in one parse: each costs two requests to SEC. */
export const MAX_FOLLOWED_FILINGS = 25;
const MAX_ITEMS_PER_FILING = 20;
const MAX_INDEX_HTML_CHARS = 1_000_000;
const MAX_INDEX_ROWS = 500;
const MAX_DOCUMENT_HTML_CHARS = 3_000_000;
/** Of the filing's text, this much goes into the item (the items section of an 8-K is rarely longer). */
export const MAX_FILING_TEXT_CHARS = 15_000;

/** One 8-K or 8-K/A entry of the feed. */
export interface FilingEntry {
  form: '8-K' | '8-K/A';
  /** The filer's name as EDGAR gives it (`CareCloud, Inc.`, `HOLOGIC INC`). */
  company: string;
  /** Central Index Key, ten digits. */
  cik: string;
  /** `0001582982-25-000012`. */
  accession: string;
  /** The filing day (`2025-03-14`), when the summary gives it. */
  filed: string | null;
  /** Item numbers with the titles the feed gives them, in order. */
  items: { number: string; title: string }[];
  /** The filing's index page (`…-index.htm`), http(s) only. */
  indexUrl: string | null;
  /** When EDGAR accepted the filing. */
  updated: Date | null;
}

const TITLE = /^(?<form>\S+(?:\/A)?) - (?<company>.+) \((?<cik>\d{1,10})\) \((?<role>[^()]+)\)$/;
const ACCESSION = /\b(\d{10}-\d{2}-\d{6})\b/;

const entrySchema = z.object({
  form: z.enum(['8-K', '8-K/A']),
  company: z.string().min(1).max(300),
  cik: z
    .string()
    .regex(/^\d{1,10}$/)
    .transform((cik) => cik.padStart(10, '0')),
  accession: z.string().regex(/^\d{10}-\d{2}-\d{6}$/, 'not an accession number'),
  filed: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .nullable(),
  items: z.array(z.object({ number: z.string().regex(/^\d{1,2}\.\d{2}$/), title: z.string().max(200) })).max(MAX_ITEMS_PER_FILING),
  indexUrl: z
    .string()
    .regex(/^https?:\/\//)
    .nullable(),
  updated: z.date().nullable(),
});

export interface ParseEdgarOptions {
  now?: Date;
  maxEntries?: number;
}

/** The 8-K and 8-K/A entries of an EDGAR getcurrent Atom; other forms are left out, malformed entries counted. */
export async function parseEdgarAtom(
  xml: string,
  feedUrl: string,
  options: ParseEdgarOptions = {},
): Promise<{ entries: FilingEntry[]; skipped: number; problems: string[] }> {
  const feed = await parseFeed(xml, feedUrl, {
    maxItems: Math.min(options.maxEntries ?? MAX_FILING_ENTRIES, MAX_FILING_ENTRIES),
    ...(options.now === undefined ? {} : { now: options.now }),
  });
  const entries: FilingEntry[] = [];
  const problems: string[] = [];
  let skipped = 0;
  for (const [index, item] of feed.items.entries()) {
    const form = TITLE.exec(item.title)?.groups?.form;
    // `type=8-K` is a prefix match at EDGAR: other forms (8-K12B, …) may come along and are not ours.
    if (form !== undefined && form !== '8-K' && form !== '8-K/A') continue;
    const parsed = entrySchema.safeParse(rawEntry(item));
    if (parsed.success) {
      entries.push(parsed.data);
      continue;
    }
    skipped++;
    if (problems.length < MAX_PROBLEMS) problems.push(`entry ${index}: ${describeIssues(parsed.error)}`);
  }
  return { entries, skipped, problems };
}

function rawEntry(item: FeedItem): Record<string, unknown> {
  const title = TITLE.exec(item.title)?.groups;
  const accession = ACCESSION.exec(item.guid)?.[1] ?? /AccNo:\s*(\S+)/i.exec(item.text)?.[1];
  const items: { number: string; title: string }[] = [];
  for (const match of item.text.matchAll(/\bItem\s+(\d{1,2}\.\d{2})\s*:?\s*([^\n]*)/gi)) {
    const number = match[1] as string;
    if (!items.some((known) => known.number === number)) items.push({ number, title: cleanLine(match[2] ?? '', 200) });
    if (items.length >= MAX_ITEMS_PER_FILING) break;
  }
  return {
    form: title?.form,
    company: title === undefined ? undefined : cleanLine(title.company ?? '', 300),
    cik: title?.cik,
    accession,
    filed: /\bFiled:\s*(\d{4}-\d{2}-\d{2})\b/i.exec(item.text)?.[1] ?? null,
    items,
    indexUrl: item.canonicalUrl,
    updated: item.publishedAt,
  };
}

/** Item 1.05 (material cybersecurity incident), 8.01 or 7.01 (where incidents are also disclosed), or any 8-K/A. */
export function isCyberCandidate(entry: Pick<FilingEntry, 'form' | 'items'>): boolean {
  if (entry.form === '8-K/A') return true;
  return entry.items.some((item) => item.number === '1.05' || item.number === '8.01' || item.number === '7.01');
}

// ---------------------------------------------------------------------------------------------------
// The filing index page

/**
 * The primary document of a filing, from its index page: the row of the "Document Format Files" table whose Type
 * is 8-K or 8-K/A. EDGAR links inline-XBRL documents through its viewer (`/ix?doc=/Archives/…`): the document itself
 * is returned. Null when there is no such row, or its link is not http(s), not on the index page's host, or (when the
 * index URL names the accession) outside that filing's folder.
 */
export function primaryDocumentUrl(indexHtml: string, indexUrl: string): string | null {
  let index: URL;
  try {
    index = new URL(indexUrl);
  } catch {
    return null;
  }
  if (index.protocol !== 'http:' && index.protocol !== 'https:') return null;
  const html = indexHtml.slice(0, MAX_INDEX_HTML_CHARS);
  // The table is all that is needed: parse from its start, so page chrome costs nothing.
  const tableAt = html.search(/<table[^>]*\btableFile\b/i);
  if (tableAt === -1) return null;
  const { document } = parseHTML(`<html><body>${html.slice(tableAt, tableAt + 200_000)}</body></html>`);
  const tables = [...document.querySelectorAll('table.tableFile')];
  const table = tables.find((candidate) => candidate.getAttribute('summary') === 'Document Format Files') ?? tables[0];
  if (table === undefined) return null;
  const folder = accessionFolder(index);
  for (const row of [...table.querySelectorAll('tr')].slice(0, MAX_INDEX_ROWS)) {
    const cells = [...row.querySelectorAll('td')];
    if (cells.length < 4) continue;
    const type = (cells[3]?.textContent ?? '').replace(/\s+/g, '').toUpperCase();
    if (type !== '8-K' && type !== '8-K/A') continue;
    const href = cells[2]?.querySelector('a')?.getAttribute('href');
    return href == null ? null : documentUrl(href, index, folder);
  }
  return null;
}

/** `…/000158298225000012/0001582982-25-000012-index.htm` → `000158298225000012`; null for other index URLs. */
function accessionFolder(index: URL): string | null {
  const match = /(\d{10})-(\d{2})-(\d{6})-index\.html?$/i.exec(index.pathname);
  return match === null ? null : `${match[1]}${match[2]}${match[3]}`;
}

function documentUrl(href: string, index: URL, folder: string | null): string | null {
  let target: URL;
  try {
    target = new URL(href.trim(), index);
    // The inline-XBRL viewer: the document is its `doc` parameter, a path on the same host.
    if (/^\/(?:ix|ixviewer\/ix\.html)$/i.test(target.pathname) && target.searchParams.has('doc')) {
      const doc = target.searchParams.get('doc') ?? '';
      if (!doc.startsWith('/') || doc.startsWith('//')) return null;
      target = new URL(doc, index);
    }
  } catch {
    return null;
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') return null;
  if (target.host.toLowerCase() !== index.host.toLowerCase() || target.username !== '' || target.password !== '') return null;
  if (folder !== null && !target.pathname.split('/').includes(folder)) return null;
  target.hash = '';
  return target.toString();
}

// ---------------------------------------------------------------------------------------------------
// The 8-K document

const DOCUMENT_TO_TEXT: HtmlToTextOptions = {
  wordwrap: false,
  whitespaceCharacters: ' \t\r\n\f',
  limits: { maxInputLength: MAX_DOCUMENT_HTML_CHARS, maxDepth: 64, maxChildNodes: 5000, ellipsis: ' …' },
  selectors: [
    { selector: 'a', options: { ignoreHref: true } },
    { selector: 'img', format: 'skip' },
    { selector: 'head', format: 'skip' },
    { selector: 'script', format: 'skip' },
    { selector: 'style', format: 'skip' },
    ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector) => ({ selector, options: { uppercase: false } })),
    // 8-K documents lay headings out in tables ("Item 1.05" | "Material Cybersecurity Incidents."): one line a row.
    { selector: 'table', format: 'block' },
    { selector: 'tr', format: 'block' },
    { selector: 'th', format: 'inline', options: { trailingLineBreaks: 0 } },
    { selector: 'td', format: 'inline', options: { trailingLineBreaks: 0 } },
  ],
};
const documentToText = compile(DOCUMENT_TO_TEXT);

/**
 * The text of an 8-K document: inline-XBRL's hidden header removed, HTML to text, and, when the document has item
 * headings, from the first item to the signatures (the cover page and signature block say nothing about the event).
 * At most MAX_FILING_TEXT_CHARS.
 */
export function filingText(documentHtml: string): string {
  const html = documentHtml
    .slice(0, MAX_DOCUMENT_HTML_CHARS)
    .replace(/<ix:header\b[\s\S]*?<\/ix:header\s*>/gi, ' ')
    // Cells sit side by side: a space between them keeps "Item 1.05" and its title two words.
    .replace(/<\/t[dh]\s*>/gi, ' $&');
  const text = cleanBlock(documentToText(html), MAX_DOCUMENT_HTML_CHARS);
  const lines = text.split('\n');
  const first = lines.findIndex((line) => /^Item\s+\d{1,2}\.\d{2}\b/i.test(line));
  const body = first === -1 ? lines : lines.slice(first);
  const signatures = body.findIndex((line, index) => index > 0 && /^SIGNATURES?\b/.test(line));
  return truncate((signatures === -1 ? body : body.slice(0, signatures)).join('\n'), MAX_FILING_TEXT_CHARS);
}

// ---------------------------------------------------------------------------------------------------
// Following a filing and making its item

/** What became of reading a filing's own document. */
export type FilingDocument =
  | { status: 'read'; url: string; text: string }
  | { status: 'unavailable'; reason: string }
  | { status: 'not-followed' };

/** Fetches a URL's body as text; the caller's fetcher, with its User-Agent, rate limit, caps and address policy. */
export type FetchText = (url: string) => Promise<string>;

/** Index page, then primary document, then its text. Never throws: a failure is `unavailable` with its reason. */
export async function readFilingDocument(entry: FilingEntry, fetchText: FetchText): Promise<FilingDocument> {
  if (entry.indexUrl === null) return { status: 'unavailable', reason: 'the feed entry has no link to the filing' };
  let step = 'index page';
  try {
    const indexHtml = await fetchText(entry.indexUrl);
    const url = primaryDocumentUrl(indexHtml, entry.indexUrl);
    if (url === null) return { status: 'unavailable', reason: 'the index page lists no 8-K document on the SEC host' };
    step = 'document';
    const text = filingText(await fetchText(url));
    if (text.length === 0) return { status: 'unavailable', reason: 'the document holds no text' };
    return { status: 'read', url, text };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { status: 'unavailable', reason: `the ${step} could not be fetched: ${cleanLine(message, 200)}` };
  }
}

/** The item of one filing: its feed entry, and its document's text when it was read. */
export function filingItem(entry: FilingEntry, feedUrl: string, document: FilingDocument): SourceItem {
  const name = stripLegalSuffix(entry.company);
  const numbers = entry.items.map((item) => item.number);
  const itemList = entry.items.map((item) => `Item ${item.number}${item.title.length > 0 ? ` (${item.title})` : ''}`).join(', ');
  // Item numbers stay out of the title: a sentence parser would read a capitalised "Item" in the title and in the
  // document's headings as the name of the party. The text lists them.
  let title: string;
  if (numbers.includes('1.05')) {
    title =
      entry.form === '8-K/A'
        ? `${name} amends its SEC report of a material cybersecurity incident (Form 8-K/A)`
        : `${name} reports a material cybersecurity incident in an SEC 8-K filing`;
  } else {
    const topics = entry.items.map((item) => item.title.toLowerCase()).filter((topic) => topic.length > 0);
    title = `${name} filed an SEC ${entry.form === '8-K/A' ? 'Form 8-K/A' : '8-K'}${topics.length > 0 ? ` on ${topics.join('; ')}` : ''}`;
  }
  const filed = entry.filed === null ? '' : ` on ${entry.filed}`;
  const sentences = [
    `${title}.`,
    `"${entry.company}" (CIK ${entry.cik}) filed a Form ${entry.form} with the SEC${filed}, accession ${entry.accession}` +
      `${itemList.length > 0 ? `, listing ${itemList}` : ', listing no items'}.`,
  ];
  if (document.status === 'read') sentences.push(document.text);
  else if (document.status === 'unavailable') {
    sentences.push(`The filing's own document could not be read (${document.reason}); this rests on the EDGAR feed entry alone.`);
  }
  return makeSourceItem({
    feedUrl,
    provenance: 'sec-filing',
    identity: entry.accession,
    revision: null,
    title,
    text: sentences.join('\n'),
    link: entry.indexUrl,
    publishedAt: entry.updated ?? (entry.filed === null ? null : new Date(`${entry.filed}T00:00:00Z`)),
    party: { name: entry.company, cik: entry.cik },
    facts: { form: entry.form, ...(numbers.length > 0 ? { items: numbers } : {}) },
  });
}

export interface ParseSec8kOptions {
  feedUrl: string;
  now?: Date;
  maxItems?: number;
  /** When given, cyber candidates are followed to their documents (at most MAX_FOLLOWED_FILINGS, one at a time). */
  fetchText?: FetchText;
}

/** The feed's 8-K entries as items; with a fetcher, cyber candidates carry their document's text. */
export async function parseSec8k(body: string, options: ParseSec8kOptions): Promise<SourceParseResult> {
  const { entries, skipped, problems } = await parseEdgarAtom(body, options.feedUrl, {
    ...(options.now === undefined ? {} : { now: options.now }),
    ...(options.maxItems === undefined ? {} : { maxEntries: options.maxItems }),
  });
  const items: SourceItem[] = [];
  let followed = 0;
  for (const entry of entries) {
    let document: FilingDocument = { status: 'not-followed' };
    if (options.fetchText !== undefined && isCyberCandidate(entry)) {
      document =
        followed < MAX_FOLLOWED_FILINGS
          ? await readFilingDocument(entry, options.fetchText)
          : { status: 'unavailable', reason: `more than ${MAX_FOLLOWED_FILINGS} cyber filings in one poll` };
      followed++;
    }
    items.push(filingItem(entry, options.feedUrl, document));
  }
  return { items, skipped, problems };
}
