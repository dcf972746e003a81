// Extracted article pages by canonical URL, so the same story linked from two feeds is fetched once. In memory and
// bounded: an item is detected once and then done, so a page is only wanted again while other feeds are still
// publishing the same story (the same or the next few cycles). A restart costs at most one request per such story.

import type { ExtractedStory } from './extract-story.js';

export interface PageCacheLimits {
  /** Pages kept at most. */
  maxEntries: number;
  /** Characters of extracted text kept at most, all pages together (the memory that matters). */
  maxChars: number;
  /** A page older than this is fetched again: stories are updated as they develop. */
  ttlMs: number;
}

const DEFAULT_PAGE_CACHE: PageCacheLimits = { maxEntries: 2_000, maxChars: 4_000_000, ttlMs: 6 * 60 * 60 * 1000 };

/** What is kept of a page: its story, or null for a page that held none (still worth not fetching again). */
interface Entry {
  story: ExtractedStory | null;
  chars: number;
  storedAt: number;
}

/** Least recently used first out (a Map iterates in insertion order; a hit re-inserts its entry). */
export class PageCache {
  private readonly entries = new Map<string, Entry>();
  private chars = 0;

  constructor(
    private readonly limits: PageCacheLimits = DEFAULT_PAGE_CACHE,
    private readonly clock: () => number = Date.now,
  ) {}

  /** The page's story (or null for a page without one); undefined when not cached or expired. */
  get(key: string): ExtractedStory | null | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    this.entries.delete(key);
    if (this.clock() - entry.storedAt > this.limits.ttlMs) {
      this.chars -= entry.chars;
      return undefined;
    }
    this.entries.set(key, entry);
    return entry.story;
  }

  set(key: string, story: ExtractedStory | null): void {
    const old = this.entries.get(key);
    if (old) {
      this.entries.delete(key);
      this.chars -= old.chars;
    }
    const chars = story === null ? 0 : story.text.length + (story.title?.length ?? 0);
    if (chars > this.limits.maxChars) return;
    this.entries.set(key, { story, chars, storedAt: this.clock() });
    this.chars += chars;
    for (const [oldest, entry] of this.entries) {
      if (this.entries.size <= this.limits.maxEntries && this.chars <= this.limits.maxChars) break;
      this.entries.delete(oldest);
      this.chars -= entry.chars;
    }
  }

  get size(): number {
    return this.entries.size;
  }
}
