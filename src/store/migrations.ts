// Numbered, append-only schema migrations. Never edit a released one: add the next number.
// Times are ISO 8601 UTC strings; JSON columns hold arrays/objects written by the repositories.

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'feeds, items, incidents, deliveries and interactions',
    sql: `
CREATE TABLE feeds (
  id INTEGER PRIMARY KEY,
  url TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  -- The feed's own title, kept only when the configured name is just the host (a bare URL in VENDORWATCH_FEEDS).
  title TEXT,
  tags TEXT NOT NULL DEFAULT '[]',
  -- Null until the first successful poll: that poll records items silently (no flood of old news).
  first_polled_at TEXT,
  etag TEXT,
  last_modified TEXT,
  last_attempt_at TEXT,
  last_success_at TEXT,
  last_error_at TEXT,
  last_error TEXT,
  last_error_code TEXT,
  last_status INTEGER,
  consecutive_failures INTEGER NOT NULL DEFAULT 0,
  failing_since TEXT,
  next_attempt_at TEXT,
  items_seen INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE items (
  id INTEGER PRIMARY KEY,
  feed_id INTEGER NOT NULL REFERENCES feeds(id),
  guid TEXT NOT NULL,
  canonical_url TEXT,
  fingerprint TEXT NOT NULL,
  title TEXT NOT NULL,
  text TEXT NOT NULL,
  published_at TEXT,
  first_seen_at TEXT NOT NULL,
  -- pending: awaiting detection; done: detected; the eligibility flag says whether it may alert.
  status TEXT NOT NULL CHECK (status IN ('pending', 'done')),
  alert_eligible INTEGER NOT NULL,
  ineligible_reason TEXT
);
CREATE UNIQUE INDEX items_by_feed_guid ON items(feed_id, guid);
CREATE INDEX items_by_canonical_url ON items(canonical_url) WHERE canonical_url IS NOT NULL;
CREATE INDEX items_by_fingerprint ON items(fingerprint);
CREATE INDEX items_pending ON items(id) WHERE status = 'pending';

CREATE TABLE incidents (
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,
  -- The watchlist vendor that is the primary breached party, or null for incidents off the watchlist.
  vendor TEXT,
  organisation TEXT,
  title TEXT NOT NULL,
  summary TEXT NOT NULL,
  healthcare INTEGER NOT NULL,
  signature TEXT NOT NULL,
  first_seen_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  -- none: no alert (off the watchlist or not eligible); muted: would have alerted; alerted: alert queued.
  alert_state TEXT NOT NULL DEFAULT 'none' CHECK (alert_state IN ('none', 'muted', 'alerted')),
  alerted_at TEXT
);
CREATE INDEX incidents_by_vendor ON incidents(vendor, first_seen_at);
CREATE INDEX incidents_by_first_seen ON incidents(first_seen_at);

CREATE TABLE detections (
  item_id INTEGER PRIMARY KEY REFERENCES items(id),
  breach INTEGER NOT NULL,
  healthcare INTEGER NOT NULL,
  alert INTEGER NOT NULL,
  vendors TEXT NOT NULL,
  organisations TEXT NOT NULL,
  facts TEXT NOT NULL,
  summary TEXT NOT NULL,
  why TEXT NOT NULL,
  incident_id INTEGER REFERENCES incidents(id),
  detected_at TEXT NOT NULL
);
CREATE INDEX detections_by_incident ON detections(incident_id);

CREATE TABLE incident_sources (
  incident_id INTEGER NOT NULL REFERENCES incidents(id),
  item_id INTEGER NOT NULL REFERENCES items(id),
  added_at TEXT NOT NULL,
  PRIMARY KEY (incident_id, item_id)
);

CREATE TABLE incident_facts (
  id INTEGER PRIMARY KEY,
  incident_id INTEGER NOT NULL REFERENCES incidents(id),
  name TEXT NOT NULL,
  value TEXT NOT NULL,
  item_id INTEGER NOT NULL REFERENCES items(id),
  added_at TEXT NOT NULL,
  UNIQUE (incident_id, name, value, item_id)
);

CREATE TABLE incident_vendors (
  incident_id INTEGER NOT NULL REFERENCES incidents(id),
  vendor TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('primary', 'related', 'mention')),
  PRIMARY KEY (incident_id, vendor)
);

CREATE TABLE acknowledgements (
  incident_id INTEGER PRIMARY KEY REFERENCES incidents(id),
  platform TEXT NOT NULL,
  user_id TEXT NOT NULL,
  user_name TEXT NOT NULL,
  comment TEXT,
  at TEXT NOT NULL
);

-- The outbox: written in the same transaction as the incident change that caused it.
CREATE TABLE deliveries (
  id TEXT PRIMARY KEY,
  incident_id INTEGER REFERENCES incidents(id),
  kind TEXT NOT NULL CHECK (kind IN ('alert', 'thread_update', 'refresh', 'notice')),
  platform TEXT NOT NULL,
  address TEXT NOT NULL,
  payload TEXT NOT NULL DEFAULT '{}',
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  message_id TEXT,
  error_code TEXT,
  last_error TEXT,
  created_at TEXT NOT NULL,
  sent_at TEXT
);
CREATE INDEX deliveries_pending ON deliveries(next_attempt_at) WHERE status = 'pending';
CREATE INDEX deliveries_by_incident ON deliveries(incident_id);

-- Where each incident's alert was posted, so updates thread under it and edit it.
CREATE TABLE alert_messages (
  incident_id INTEGER NOT NULL REFERENCES incidents(id),
  platform TEXT NOT NULL,
  address TEXT NOT NULL,
  message_id TEXT NOT NULL,
  posted_at TEXT NOT NULL,
  PRIMARY KEY (incident_id, platform, address)
);
CREATE UNIQUE INDEX alert_messages_by_message ON alert_messages(platform, address, message_id);

CREATE TABLE conversations (
  platform TEXT NOT NULL,
  conversation_id TEXT NOT NULL,
  name TEXT,
  reference TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL,
  inactive_reason TEXT,
  PRIMARY KEY (platform, conversation_id)
);

CREATE TABLE mutes (
  vendor TEXT PRIMARY KEY,
  until TEXT NOT NULL,
  platform TEXT NOT NULL,
  user_id TEXT NOT NULL,
  user_name TEXT NOT NULL,
  at TEXT NOT NULL
);

CREATE TABLE cycles (
  id INTEGER PRIMARY KEY,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  feeds_ok INTEGER NOT NULL DEFAULT 0,
  feeds_failed INTEGER NOT NULL DEFAULT 0,
  feeds_not_modified INTEGER NOT NULL DEFAULT 0,
  items_new INTEGER NOT NULL DEFAULT 0,
  incidents_new INTEGER NOT NULL DEFAULT 0,
  alerts_new INTEGER NOT NULL DEFAULT 0,
  error TEXT
);
`,
  },
  {
    version: 2,
    name: 'reminders, feed-health notices, digests and delivery attempts',
    sql: `
ALTER TABLE incidents ADD COLUMN reminders_sent INTEGER NOT NULL DEFAULT 0;
ALTER TABLE incidents ADD COLUMN last_reminded_at TEXT;
-- 'failing' once the operators were told a feed has been failing too long; cleared with the recovery notice.
ALTER TABLE feeds ADD COLUMN health_notice TEXT;
-- Set just before a delivery is handed to its platform: a row still pending with this set may have gone out
-- before a crash, so it is looked for on the platform before it is sent again.
ALTER TABLE deliveries ADD COLUMN attempt_started_at TEXT;
CREATE TABLE digests (
  id INTEGER PRIMARY KEY,
  sent_at TEXT NOT NULL,
  covered_since TEXT NOT NULL,
  lines INTEGER NOT NULL
);
`,
  },
  {
    version: 3,
    name: 'cycle lock',
    sql: `
-- At most one poll cycle writes at a time, across processes (a "poll --once" while "start" runs waits).
CREATE TABLE cycle_lock (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  pid INTEGER NOT NULL,
  holder TEXT NOT NULL,
  acquired_at TEXT NOT NULL
);
`,
  },
  {
    version: 4,
    name: 'article pages read per cycle',
    sql: `
-- What a cycle did with the article pages of teaser items ({"fetched": 3, "cacheHits": 1, "refused": 0, ...}),
-- for \`vendorwatch status\`; NULL for cycles before full text, or that read none.
ALTER TABLE cycles ADD COLUMN article_pages TEXT;
`,
  },
  {
    version: 5,
    name: 'corrections from chat: dismissed alerts and learned vendor exclusions',
    sql: `
-- "Not this vendor" on an alert: who said the incident's alert was not about its vendor, and when.
CREATE TABLE dismissals (
  incident_id INTEGER PRIMARY KEY REFERENCES incidents(id),
  vendor TEXT NOT NULL,
  platform TEXT NOT NULL,
  user_id TEXT NOT NULL,
  user_name TEXT NOT NULL,
  at TEXT NOT NULL
);
-- What a dismissal teaches: items whose breached organisation is this one never alert this vendor again.
-- organisation is as detection extracted it (shown); organisation_key is its normalised form (matched).
CREATE TABLE vendor_exclusions (
  id INTEGER PRIMARY KEY,
  vendor TEXT NOT NULL,
  organisation TEXT NOT NULL,
  organisation_key TEXT NOT NULL,
  incident_id INTEGER REFERENCES incidents(id),
  platform TEXT NOT NULL,
  user_id TEXT NOT NULL,
  user_name TEXT NOT NULL,
  at TEXT NOT NULL,
  UNIQUE (vendor, organisation_key)
);
`,
  },
  {
    version: 6,
    name: 'merged incidents',
    sql: `
-- An admin said two incidents are one: from_id's sources, facts and vendor roles moved to into_id, and later
-- reports the grouper still assigns to from_id's key go to into_id.
CREATE TABLE merges (
  from_id INTEGER PRIMARY KEY REFERENCES incidents(id),
  into_id INTEGER NOT NULL REFERENCES incidents(id),
  platform TEXT NOT NULL,
  user_id TEXT NOT NULL,
  user_name TEXT NOT NULL,
  at TEXT NOT NULL
);
`,
  },
  {
    version: 7,
    name: 'disclosure sources: provenance, party, identity, revision and facts of items, and their revisions',
    sql: `
-- What kind of source an item is (src/sources/): news for every feed item, and for every row stored before this.
ALTER TABLE items ADD COLUMN provenance TEXT NOT NULL DEFAULT 'news'
  CHECK (provenance IN ('news', 'sec-filing', 'hhs-ocr', 'state-ag', 'leak-site'));
-- The candidate breached party as the source names it: {"name", "cik"?, "domain"?} as JSON; NULL for news.
ALTER TABLE items ADD COLUMN party TEXT;
-- The record's stable key within its source (the guid is provenance:identity); NULL for news.
ALTER TABLE items ADD COLUMN identity TEXT;
-- The value whose change on a known identity is a revision (HHS OCR: individuals affected); NULL when none.
ALTER TABLE items ADD COLUMN revision TEXT;
-- What the source states outright ({"individualsAffected": 31007, "threatActor": "…", …}) as JSON; NULL for news.
ALTER TABLE items ADD COLUMN facts TEXT;
-- Each time a source re-published a known record with another revision value: the item row then holds the new
-- title, text, revision and facts, and this row what it was before.
CREATE TABLE item_revisions (
  id INTEGER PRIMARY KEY,
  item_id INTEGER NOT NULL REFERENCES items(id),
  previous_revision TEXT,
  revision TEXT NOT NULL,
  previous_title TEXT NOT NULL,
  previous_facts TEXT,
  recorded_at TEXT NOT NULL
);
CREATE INDEX item_revisions_by_item ON item_revisions(item_id, id);
-- Which incidents an item is a source of (a revision's thread update; when an item first joined one).
CREATE INDEX incident_sources_by_item ON incident_sources(item_id);
`,
  },
];
