// The source types a feeds-file entry may name, and the parser of each type that is not plain RSS/Atom. A parser
// turns one fetched body into SourceItems; fetching, conditional GET, caps, feed health and the address policy stay
// with the feed poller.

import { z } from 'zod';
import { parseCaAgCsv } from './ca-ag.js';
import { parseHhsOcrCsv } from './hhs-ocr.js';
import { parseRansomwareLiveJson } from './ransomware-live.js';
import { type FetchText, parseSec8k } from './sec-8k.js';
import type { SourceParseResult } from './source-item.js';

export const SOURCE_TYPES = ['rss', 'sec-8k', 'hhs-ocr', 'ca-ag', 'ransomware-live'] as const;
export const sourceTypeSchema = z.enum(SOURCE_TYPES);
export type SourceType = z.infer<typeof sourceTypeSchema>;

export interface SourceParseContext {
  /** Where the body was fetched from. */
  feedUrl: string;
  now?: Date;
  maxItems?: number;
  /** For sec-8k: fetches a filing's index page and document (the caller's fetcher, rate-limited for SEC). */
  fetchText?: FetchText;
}

export type SourceParser = (body: string, context: SourceParseContext) => Promise<SourceParseResult>;

/** The parser of each non-RSS source type. */
export const SOURCE_PARSERS: Readonly<Record<Exclude<SourceType, 'rss'>, SourceParser>> = {
  'sec-8k': (body, context) => parseSec8k(body, context),
  'hhs-ocr': async (body, context) => parseHhsOcrCsv(body, context),
  'ca-ag': async (body, context) => parseCaAgCsv(body, context),
  'ransomware-live': async (body, context) => parseRansomwareLiveJson(body, context),
};

/** The parser for a source type; null for `rss`, which the feed parser reads. */
export function sourceParser(type: SourceType): SourceParser | null {
  return type === 'rss' ? null : SOURCE_PARSERS[type];
}

export type { SourceItem, SourceParseResult } from './source-item.js';
