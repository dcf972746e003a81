// `vendorwatch triage --fetch`: the batch is judged as the poller judges feed items, the article page of each teaser
// with a signal read first (same fetcher, address policy, per-host limit and page budget, per chunk of lines). Without
// --fetch, triage stays offline and judges the text it is given.

import type { Vendor } from '../core/types.js';
import { createDetector } from '../detection/detector.js';
import { createTriage, type TriageLine, triageInputSchema } from '../detection/triage.js';
import { createFullText, type FullTextConfig } from './create-full-text.js';
import type { FullTextItem } from './full-text.js';

/** Lines whose pages are read side by side, under one page budget (100 pages, one fetch timeout). */
const LINES_PER_CHUNK = 50;

interface PreparedLine {
  raw: string;
  json: Record<string, unknown> | null;
  item: FullTextItem | null;
}

/**
 * Triage output for every input line, in order, as `triageLines` gives it, with the text of teaser lines replaced by
 * their article's story when it was read, and what happened to the page first in `why`. `config.fullText` `always`
 * reads every line with a url; anything else reads teasers with a signal (`--fetch` asked for pages).
 */
export async function* triageLinesReadingPages(
  lines: AsyncIterable<string>,
  options: { vendors: Vendor[]; config: FullTextConfig },
): AsyncGenerator<TriageLine> {
  const mode = options.config.fullText === 'always' ? 'always' : 'auto';
  const detector = createDetector(options.vendors);
  const fullText = createFullText({ ...options.config, fullText: mode }, { detect: (article) => detector.detect(article) });
  const triage = createTriage({ vendors: options.vendors });
  let lineNumber = 0;
  let chunk: PreparedLine[] = [];
  const flush = async function* (): AsyncGenerator<TriageLine> {
    const cycle = await fullText?.reader.startCycle();
    try {
      const items = chunk.flatMap((line) => (line.item ? [line.item] : []));
      const reads = cycle ? await cycle.read(items) : new Map();
      for (const line of chunk) {
        lineNumber += 1;
        const read = line.item ? reads.get(line.item.key) : undefined;
        const input = read?.text && line.json ? JSON.stringify({ ...line.json, text: read.text }) : line.raw;
        const result = triage.run(input, lineNumber);
        yield read?.note && 'why' in result ? { ...result, why: [read.note, ...result.why] } : result;
      }
    } finally {
      cycle?.close();
      chunk = [];
    }
  };
  for await (const raw of lines) {
    chunk.push(prepare(raw, lineNumber + chunk.length + 1, mode));
    if (chunk.length >= LINES_PER_CHUNK) yield* flush();
  }
  if (chunk.length > 0) yield* flush();
}

/** A line that triage would accept becomes an item to read; anything else goes to triage as it is, for its error. */
function prepare(raw: string, lineNumber: number, mode: 'auto' | 'always'): PreparedLine {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { raw, json: null, item: null };
  }
  const parsed = triageInputSchema.safeParse(json);
  if (!parsed.success || typeof json !== 'object' || json === null) return { raw, json: null, item: null };
  const article = parsed.data;
  return {
    raw,
    json: json as Record<string, unknown>,
    item: {
      key: lineNumber,
      title: article.title,
      text: article.text,
      url: article.url ?? null,
      source: article.source ?? null,
      published: article.published ?? null,
      mode,
    },
  };
}
