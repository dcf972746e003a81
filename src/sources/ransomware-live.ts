// ransomware.live's public recent-victims JSON: what ransomware groups post on their leak sites, as the tracker
// scraped it. Two shapes are in use and both are read:
//   v1  https://api.ransomware.live/recentvictims     post_title, group_name, discovered, published, website,
//                                                      post_url (the leak-site link), country, activity, description
//   v2  https://api.ransomware.live/v2/recentvictims  victim, group, discovered, attackdate, domain, claim_url (the
//                                                      leak-site link), url (ransomware.live's own page), country,
//                                                      activity, description, screenshot, press, infostealer, …
// Every item is a claim by criminals, not a confirmed breach, and says so. Leak-site links are never kept.

import { z } from 'zod';
import { parseFeedDate } from '../feeds/parse-date.js';
import { stripLegalSuffix } from './legal-name.js';
import { describeIssues, SourceFormatError } from './source-error.js';
import { MAX_PROBLEMS, makeSourceItem, type SourceItem, type SourceParseResult } from './source-item.js';
import { cleanBlock, cleanLine, nameKey } from './source-text.js';

const SOURCE = 'ransomware.live JSON';

/** The API returns the last 100 (v1) or a few hundred (v2) posts; more than this is not that list. */
export const MAX_CLAIMS = 1000;
const MAX_BODY_CHARS = 20_000_000;
const MAX_NAME_CHARS = 200;
const MAX_GROUP_CHARS = 100;
const MAX_DESCRIPTION_CHARS = 1000;

/** Placeholders the tracker writes where it knows nothing. */
const EMPTY_VALUES = new Set(['', 'n/a', 'na', 'none', 'null', 'not found', 'unknown', '-']);

// Optional string fields may be missing, null, or (in hostile or odd records) another type: none of that is fatal.
const optionalText = z
  .unknown()
  .transform((value) => (typeof value === 'string' ? value : undefined))
  .optional();

const v2Schema = z.object({
  victim: z.string().min(1),
  group: z.string().min(1),
  discovered: optionalText,
  attackdate: optionalText,
  domain: optionalText,
  url: optionalText,
  country: optionalText,
  activity: optionalText,
  description: optionalText,
});

const v1Schema = z.object({
  post_title: z.string().min(1),
  group_name: z.string().min(1),
  discovered: optionalText,
  published: optionalText,
  website: optionalText,
  country: optionalText,
  activity: optionalText,
  description: optionalText,
});

/** One claim, whichever shape it came in. */
export interface LeakClaim {
  victim: string;
  group: string;
  discovered: string | undefined;
  attacked: string | undefined;
  website: string | undefined;
  /** ransomware.live's own page for the claim (v2), never the leak site. */
  trackerPage: string | undefined;
  country: string | undefined;
  activity: string | undefined;
  description: string | undefined;
}

/** Reads one record in the v2 shape, else the v1 shape; the error names the fields each shape needed. */
export function readClaim(record: unknown): { claim: LeakClaim } | { error: string } {
  const v2 = v2Schema.safeParse(record);
  if (v2.success) {
    const r = v2.data;
    return {
      claim: {
        victim: r.victim,
        group: r.group,
        discovered: r.discovered,
        attacked: r.attackdate,
        website: r.domain,
        trackerPage: r.url,
        country: r.country,
        activity: r.activity,
        description: r.description,
      },
    };
  }
  const v1 = v1Schema.safeParse(record);
  if (v1.success) {
    const r = v1.data;
    return {
      claim: {
        victim: r.post_title,
        group: r.group_name,
        discovered: r.discovered,
        attacked: r.published,
        website: r.website,
        trackerPage: undefined,
        country: r.country,
        activity: r.activity,
        description: r.description,
      },
    };
  }
  return { error: `neither the v2 shape (${describeIssues(v2.error, 2)}) nor the v1 shape (${describeIssues(v1.error, 2)})` };
}

/**
 * A victim's web address as a bare domain: lowercase, no scheme, credentials, port, path or `www.`; internationalised
 * names in their ASCII (punycode) form. Null when it is no domain (or an onion address, which is the group's).
 */
export function normaliseDomain(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  const first = raw.trim().split(/[\s,;|]+/)[0] ?? '';
  if (first.length === 0 || first.length > 300 || EMPTY_VALUES.has(first.toLowerCase())) return null;
  let host: string;
  try {
    host = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(first) ? first : `http://${first}`).hostname;
  } catch {
    return null;
  }
  host = host
    .toLowerCase()
    .replace(/\.$/, '')
    .replace(/^www\d?\./, '');
  if (host.length > 253 || !/^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}$/.test(host)) return null;
  if (host.endsWith('.onion')) return null;
  return host;
}

function present(value: string | undefined, max: number): string | undefined {
  if (value === undefined) return undefined;
  const cleaned = cleanLine(value, max);
  return EMPTY_VALUES.has(cleaned.toLowerCase()) ? undefined : cleaned;
}

export interface ParseRansomwareLiveOptions {
  feedUrl: string;
  /** For dates: claims dated more than two days after this are treated as undated. */
  now?: Date;
  maxItems?: number;
}

/** A recent-victims JSON array as claim items. Throws SourceFormatError when the body is no such array. */
export function parseRansomwareLiveJson(body: string, options: ParseRansomwareLiveOptions): SourceParseResult {
  if (body.length > MAX_BODY_CHARS) throw new SourceFormatError(SOURCE, `the response is too large (${body.length} characters)`);
  let data: unknown;
  try {
    data = JSON.parse(body.replace(/^\ufeff/, ''));
  } catch (error) {
    throw new SourceFormatError(SOURCE, `not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const list = z.array(z.unknown()).safeParse(data);
  if (!list.success) {
    const got = data === null ? 'null' : Array.isArray(data) ? 'an array' : typeof data === 'object' ? 'an object' : typeof data;
    throw new SourceFormatError(SOURCE, `expected an array of victims, got ${got}`);
  }
  const max = Math.min(options.maxItems ?? MAX_CLAIMS, MAX_CLAIMS);
  const now = options.now ?? new Date();
  const items: SourceItem[] = [];
  const problems: string[] = [];
  let skipped = 0;
  const seen = new Set<string>();
  for (const [index, record] of list.data.slice(0, max).entries()) {
    const read = readClaim(record);
    if ('error' in read) {
      skipped++;
      if (problems.length < MAX_PROBLEMS) problems.push(`record ${index}: ${read.error}`);
      continue;
    }
    const item = claimItem(read.claim, options.feedUrl, now);
    if (item === null) {
      skipped++;
      if (problems.length < MAX_PROBLEMS) problems.push(`record ${index}: no victim or group name left once cleaned`);
      continue;
    }
    if (seen.has(item.identity)) continue;
    seen.add(item.identity);
    items.push(item);
  }
  if (list.data.length > max && problems.length < MAX_PROBLEMS) problems.push(`only the first ${max} records were read`);
  return { items, skipped, problems };
}

function claimItem(claim: LeakClaim, feedUrl: string, now: Date): SourceItem | null {
  const victim = present(claim.victim, MAX_NAME_CHARS);
  const group = present(claim.group, MAX_GROUP_CHARS);
  if (victim === undefined || group === undefined) return null;
  // Groups often post a bare domain as the victim's name: it is then the domain too.
  const domain = normaliseDomain(claim.website) ?? (/^[\w.-]+\.[a-z]{2,}$/i.test(victim) ? normaliseDomain(victim) : null);
  const discovered = claim.discovered === undefined ? null : parseFeedDate(claim.discovered.slice(0, 100), now);
  const attacked = claim.attacked === undefined ? null : parseFeedDate(claim.attacked.slice(0, 100), now);
  const country = present(claim.country, 10)?.toUpperCase();
  const sector = present(claim.activity, 100);
  const description = claim.description === undefined ? '' : cleanBlock(claim.description, MAX_DESCRIPTION_CHARS);
  const trackerPage = claim.trackerPage !== undefined && isTrackerPage(claim.trackerPage) ? claim.trackerPage : null;

  const name = stripLegalSuffix(victim);
  const named = domain !== null && nameKey(name) !== nameKey(domain) ? `${name} (${domain})` : name;
  const title = `Ransomware group ${group} claims ${named} on its leak site`;
  const sentences = [
    `${title}.`,
    `This is the group's own claim, not confirmed: neither ${name} nor any other source has confirmed an attack.`,
  ];
  if (discovered !== null) sentences.push(`ransomware.live saw the claim on ${discovered.toISOString().slice(0, 10)}.`);
  if (attacked !== null && discovered !== null && attacked.getTime() !== discovered.getTime()) {
    sentences.push(`The group dates the attack ${attacked.toISOString().slice(0, 10)}.`);
  }
  const about = [sector === undefined ? null : `sector ${sector}`, country === undefined ? null : `country ${country}`].filter(Boolean);
  // "ransomware.live", not "the tracker": detection reads the word "tracker" as a tracking-pixel kind of breach.
  if (about.length > 0) sentences.push(`ransomware.live lists ${about.join(', ')}.`);
  if (description.length > 0) sentences.push(`The post says: ${description}`);

  return makeSourceItem({
    feedUrl,
    provenance: 'leak-site',
    identity: `${nameKey(group)}|${nameKey(victim)}|${discovered === null ? '' : discovered.toISOString().slice(0, 10)}`,
    revision: null,
    title,
    text: sentences.join('\n'),
    link: trackerPage,
    publishedAt: discovered ?? attacked,
    party: { name: victim, ...(domain === null ? {} : { domain }) },
    facts: {
      threatActor: group,
      ...(country !== undefined && /^[A-Z]{2}$/.test(country) ? { country } : {}),
      ...(sector === undefined ? {} : { sector }),
    },
  });
}

/** ransomware.live's own pages may be linked; anything else in `url` (a leak site, an onion address) may not. */
function isTrackerPage(url: string): boolean {
  try {
    const parsed = new URL(url.trim());
    return parsed.protocol === 'https:' && /^(?:www\.)?ransomware\.live$/i.test(parsed.hostname);
  } catch {
    return false;
  }
}
