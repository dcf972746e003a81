// Vendorwatch's own vocabulary. Every module of the core speaks these types; adapters translate them to
// and from their platform. Nothing here knows about Slack, Teams or HTTP.

export const CRITICALITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Criticality = (typeof CRITICALITIES)[number];

export const FEED_TAGS = ['security-news', 'healthcare', 'breach-tracker', 'regulator'] as const;
export type FeedTag = (typeof FEED_TAGS)[number];

/**
 * When to read the article page behind a feed item (VENDORWATCH_FULL_TEXT, or a feed's own `fullText`): `auto` for
 * teasers that show a breach or vendor signal, `always` for every item with a link, `off` never.
 */
export const FULL_TEXT_MODES = ['auto', 'always', 'off'] as const;
export type FullTextMode = (typeof FULL_TEXT_MODES)[number];

/** One vendor of the organisation's watchlist, after validation. List fields are always arrays. */
export interface Vendor {
  name: string;
  aliases: string[];
  products: string[];
  domains: string[];
  parent?: string;
  category?: string;
  criticality: Criticality;
  owner?: string;
  slackChannel?: string;
  teamsChannel?: string;
  notes?: string;
  /** Names that are never this vendor (the watchlist's `not`): "Epic" inside "Epic Games" is not Epic Systems. */
  not?: string[];
}

/** A feed to poll: from the built-in catalogue, `VENDORWATCH_FEEDS`, or the config file. */
export interface FeedSource {
  name: string;
  url: string;
  tags: FeedTag[];
  /** Overrides VENDORWATCH_FULL_TEXT for this feed; absent: the setting applies. */
  fullText?: FullTextMode;
}

/** A feed entry normalised to plain text, whatever the feed's format. */
export interface FeedItem {
  feedUrl: string;
  /** The feed's own id for the entry (guid/id), or the link when the feed gives none. */
  guid: string;
  /** Link with tracking parameters and fragment removed; null when the entry has no http(s) link. */
  canonicalUrl: string | null;
  title: string;
  /** Plain text of the entry's content or summary (HTML removed, whitespace folded). */
  text: string;
  publishedAt: Date | null;
  /** Hash of the normalised title and text, so a re-published entry under a new guid is still one item. */
  fingerprint: string;
}

/** An item as the store keeps it, with the id it was given. */
export interface StoredItem extends FeedItem {
  id: number;
  feedName: string;
  firstSeenAt: Date;
}

// ---------------------------------------------------------------------------------------------------
// Detection

/** Input of detection: one article, from a feed item or a line of `vendorwatch triage` input. */
export interface Article {
  id: string;
  title: string;
  text: string;
  url?: string | null;
  /** The outlet's name, when known. */
  source?: string | null;
  /** YYYY-MM-DD, when known. */
  published?: string | null;
}

export type VendorRole = 'primary' | 'related' | 'mention';

export interface VendorMatch {
  /** The watchlist `name`. */
  name: string;
  role: VendorRole;
  /** The text that matched (a name, alias, product or domain as it appears in the watchlist). */
  matched: string;
}

export const FACT_NAMES = [
  'detected',
  'disclosed',
  'filed',
  'attack_type',
  'systems_affected',
  'people_affected',
  'records_affected',
  'data_types',
  'regulatory_filing',
  'threat_actor',
  'status',
  'duration',
] as const;
export type FactName = (typeof FACT_NAMES)[number];

/** One thing a source says about an incident. Conflicting values are kept as separate facts. */
export interface Fact {
  name: FactName;
  value: string;
  /** The article id the fact was read from. */
  source: string;
}

/** What detection concludes about one article. The `vendorwatch triage` output is this plus the incident key. */
export interface Detection {
  articleId: string;
  breach: boolean;
  healthcare: boolean;
  vendors: VendorMatch[];
  /** True when the article reports a breach whose primary party is on the watchlist. */
  alert: boolean;
  /** The breached organisations as the article names them, primary first (watchlist or not). */
  organisations: string[];
  /** Two or three sentences taken from the article, at most 600 characters. */
  summary: string;
  facts: Fact[];
  /** Short phrases saying what the decision rests on. */
  why: string[];
  /** Other, separate incidents the article also reports (a roundup): each breached party, and its vendor if listed. */
  separateIncidents?: { organisation: string; vendor: string | null }[];
}
