// Reading the article behind a teaser. Most security news feeds give a title and one to three sentences; detection
// was built on the openings of whole stories, and the vendor is often named after the teaser (a billing company
// behind a health system's notice). For each item that needs it, this decides whether to read the page, reads it
// (article-pages.ts) and says in one phrase for `why` what was done. The caller detects on what it returns.

import type { Article, Detection, FullTextMode } from '../core/types.js';
import type { ArticlePages, PageCounts } from './article-pages.js';
import { createSignalFinder } from './signal.js';
import { isTeaser } from './teaser.js';

export interface FullTextItem {
  /** The caller's key for the item (an item id, a triage line id). */
  key: string | number;
  title: string;
  /** The feed's text. */
  text: string;
  url: string | null;
  source?: string | null;
  published?: string | null;
  mode: FullTextMode;
  /** False for an item that may not alert (first poll of a feed, too old): `auto` does not spend a request on it. */
  eligible?: boolean;
}

/** What to detect on: the page's story (`text`) or the feed's text (`text` null), and the `why` phrase (null: nothing was tried). */
export interface FullTextRead {
  text: string | null;
  note: string | null;
}

export interface FullTextCycle {
  /**
   * Starts reading the pages the items need, side by side within the cycle's budget: one promise per item, null for
   * an item that needs none. The caller may detect each item as soon as its promise (and those before it) settle.
   */
  start(items: readonly FullTextItem[]): Map<string | number, Promise<FullTextRead | null>>;
  /** start(), awaited: results by key, items that needed no page absent. */
  read(items: readonly FullTextItem[]): Promise<Map<string | number, FullTextRead>>;
  readonly counts: PageCounts;
  close(): void;
}

export interface FullTextDeps {
  pages: ArticlePages;
  /** Detection of the teaser itself, for its signal (a vendor, a breach, healthcare). */
  detect: (article: Article) => Detection;
  /** Breached organisations and vendors of stored incidents; read once per cycle. */
  knownOrganisations?: () => readonly string[] | Promise<readonly string[]>;
}

/** Teasers looked at between two turns of the event loop (one detection each, about half a millisecond). */
const DECISIONS_BETWEEN_BREATHS = 20;

export class FullText {
  constructor(private readonly deps: FullTextDeps) {}

  async startCycle(signal?: AbortSignal): Promise<FullTextCycle> {
    const findSignal = createSignalFinder((await this.deps.knownOrganisations?.()) ?? []);
    const pages = this.deps.pages.startCycle(signal);
    const reasonToRead = (item: FullTextItem): string | null => {
      if (item.mode === 'off' || item.url === null) return null;
      if (item.mode === 'always') return 'VENDORWATCH_FULL_TEXT or the feed says always';
      if (item.eligible === false || !isTeaser(item.text)) return null;
      const teaser: Article = {
        id: String(item.key),
        title: item.title,
        text: item.text,
        url: item.url,
        source: item.source ?? null,
        published: item.published ?? null,
      };
      const found = findSignal(item.title, item.text, this.deps.detect(teaser));
      return found === null ? null : `a ${item.text.length}-character teaser with a signal (${found})`;
    };
    const readFor = async (item: FullTextItem & { url: string }, reason: string): Promise<FullTextRead> => {
      const story = await pages.read(item.url, { title: item.title, teaser: item.text });
      const fromCache = 'cached' in story && story.cached ? ', from the cache' : '';
      switch (story.kind) {
        case 'story':
          return { text: story.text, note: `article page read (${story.text.length} characters${fromCache}): the feed gave ${reason}` };
        case 'ignored':
          return { text: null, note: `article page ignored, judged on the feed's text: ${story.reason}${fromCache}` };
        case 'not_read':
          return { text: null, note: `article page not read, judged on the feed's text: ${story.reason}` };
      }
    };
    const start = (items: readonly FullTextItem[]): Map<string | number, Promise<FullTextRead | null>> => {
      const reads = new Map<string | number, Promise<FullTextRead | null>>();
      let previous: Promise<unknown> = Promise.resolve();
      items.forEach((item, index) => {
        // Decided in order, a breath for the network every few items: the first requests are under way while the
        // rest of the teasers are still being looked at.
        const decided = previous.then(async () => {
          if (index % DECISIONS_BETWEEN_BREATHS === 0) await new Promise<void>((resolve) => setImmediate(resolve));
          return reasonToRead(item);
        });
        previous = decided.catch(() => undefined);
        const read = decided.then((reason) => (reason === null || item.url === null ? null : readFor({ ...item, url: item.url }, reason)));
        // A bug in deciding or reading must not reject a promise nobody awaits any more (a cycle stopped half way).
        reads.set(
          item.key,
          read.catch(() => null),
        );
      });
      return reads;
    };
    return {
      counts: pages.counts,
      close: () => pages.close(),
      start,
      read: async (items) => {
        const reads = new Map<string | number, FullTextRead>();
        for (const [key, read] of start(items)) {
          const done = await read;
          if (done !== null) reads.set(key, done);
        }
        return reads;
      },
    };
  }
}
