// A feed's `type` (INTERFACES.md "Feeds file"): how its body is read. `rss` (RSS, Atom, RDF, JSON Feed) is the
// default and is never written out; the other types are the disclosure sources of src/sources/.

import type { FeedSource } from '../core/types.js';
import { type SourceType, sourceTypeSchema } from '../sources/index.js';

export type { SourceType } from '../sources/index.js';

/** A feed that may name its type. (The core's FeedSource carries it as this optional field.) */
export type TypedFeedSource = FeedSource & { type?: SourceType };

/** The feed's type; `rss` when it names none (or names something unknown, which configuration refuses first). */
export function feedTypeOf(feed: FeedSource): SourceType {
  const parsed = sourceTypeSchema.safeParse((feed as TypedFeedSource).type);
  return parsed.success ? parsed.data : 'rss';
}

/** The feed with its type: written only when not `rss`, so a plain feed looks as it always did. */
export function withFeedType<T extends FeedSource>(feed: T, type: SourceType | undefined): T {
  if (type === undefined || type === 'rss') return feed;
  return { ...feed, type };
}
