// Builds article reading from the configuration, for the composition root (the bot's cycles) and `triage --fetch`.

import type { Config } from '../config/load-config.js';
import type { Article, Detection, FullTextMode } from '../core/types.js';
import type { AsyncStore } from '../store/async-store.js';
import { createArticleAddressPolicy } from './article-address-policy.js';
import { ArticlePages, type ArticlePagesOptions } from './article-pages.js';
import { FullText } from './full-text.js';

/** Known incidents whose organisation a teaser may name: the most recent this many. */
const KNOWN_INCIDENTS = 1_000;

export type FullTextConfig = Pick<Config, 'feeds' | 'feedAddresses' | 'fetch' | 'contact' | 'fullText'>;

/**
 * The reader and the setting, as runCycle takes them (`fullText`); undefined when neither VENDORWATCH_FULL_TEXT nor
 * any feed asks for article pages.
 */
export function createFullText(
  config: FullTextConfig,
  deps: { detect: (article: Article) => Detection; store?: AsyncStore; budget?: ArticlePagesOptions['budget'] },
): { reader: FullText; mode: FullTextMode } | undefined {
  if (config.fullText === 'off' && config.feeds.every((feed) => (feed.fullText ?? 'off') === 'off')) return undefined;
  const untrusted = new Set(config.feedAddresses.untrustedUrls);
  const pages = new ArticlePages({
    fetch: { timeoutMs: config.fetch.timeoutMs, maxBytes: config.fetch.maxBytes, contact: config.contact },
    addressPolicy: createArticleAddressPolicy(
      { mode: config.feedAddresses.mode, allow: config.feedAddresses.allow },
      config.feeds.filter((feed) => !untrusted.has(feed.url)).map((feed) => feed.url),
    ),
    concurrency: config.fetch.concurrency,
    perHostConcurrency: config.fetch.perHostConcurrency,
    ...(deps.budget ? { budget: deps.budget } : {}),
  });
  const { store } = deps;
  const reader = new FullText({
    pages,
    detect: deps.detect,
    ...(store
      ? {
          knownOrganisations: async () =>
            (await store.incidents.all(KNOWN_INCIDENTS))
              .flatMap((incident) => [incident.organisation, incident.vendor])
              .filter((name): name is string => name !== null),
        }
      : {}),
  });
  return { reader, mode: config.fullText };
}
