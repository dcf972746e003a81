// Which network addresses a feed download may connect to. A feed URL that someone other than the operator chose
// (an OPML file, a chat command) must not become a way to reach the machine itself, the hospital's network or the
// cloud metadata service: server-side request forgery. fetchFeed asks this policy for every address it would
// connect to, after DNS and at every redirect, through its `allowAddress` hook.

import ipaddr from 'ipaddr.js';
import { z } from 'zod';
import type { FeedSource } from '../core/types.js';

/** `public-only`: public unicast addresses only, plus the allow-list. `allow-private`: any address (trusted feed lists). */
export const ADDRESS_POLICY_MODES = ['public-only', 'allow-private'] as const;
export type AddressPolicyMode = (typeof ADDRESS_POLICY_MODES)[number];

export interface AddressPolicySettings {
  mode: AddressPolicyMode;
  /** Host names (`feeds.intranet.example`, `*.intranet.example`), addresses (`10.0.0.5`) or CIDRs (`10.20.0.0/16`). */
  allow?: readonly string[];
}

export interface AddressVerdict {
  allowed: boolean;
  /** Why, in words an operator can act on: `loopback`, `private network`, `allow-list entry 10.0.0.0/8`, … */
  reason: string;
}

export interface AddressPolicy {
  readonly mode: AddressPolicyMode;
  /** The fetchFeed hook: `address` is an IP address, `host` the name it was resolved from (or the literal itself). */
  allowAddress(address: string, host: string): boolean;
  check(address: string, host: string): AddressVerdict;
  /** The fetchFeed `explainRefusal` hook: what the address is and how an operator lets it through. */
  explainRefusal(address: string, host: string): string;
}

export class AddressPolicyError extends Error {
  readonly code = 'bad_address_policy';
  constructor(message: string) {
    super(message);
    this.name = 'AddressPolicyError';
  }
}

/** What ipaddr.js calls each range we refuse, in an operator's words. Anything not `unicast` is refused. */
const RANGE_NAMES: Record<string, string> = {
  unspecified: 'unspecified address (0.0.0.0 or ::, which reaches this machine)',
  broadcast: 'broadcast address',
  multicast: 'multicast address',
  linkLocal: 'link-local address (169.254.0.0/16 or fe80::/10, where cloud metadata services live)',
  loopback: 'loopback address (this machine)',
  carrierGradeNat: 'carrier-grade NAT address (100.64.0.0/10)',
  private: 'private network address (10/8, 172.16/12, 192.168/16)',
  uniqueLocal: 'unique-local IPv6 address (fc00::/7)',
  reserved: 'reserved address',
  teredo: 'Teredo tunnel address',
  '6to4': '6to4 tunnel address',
};

const MAX_ALLOW_ENTRIES = 200;
/** Where operators allow hosts; named in refusals so the fix is in the message. */
export const ALLOW_HOSTS_VARIABLE = 'VENDORWATCH_FEED_ALLOW_HOSTS';
const HOST_NAME = /^(\*\.)?(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*\.?$/i;

type AllowEntry =
  | { kind: 'cidr'; text: string; range: [ipaddr.IPv4 | ipaddr.IPv6, number] }
  | { kind: 'host'; text: string; name: string }
  | { kind: 'suffix'; text: string; suffix: string };

export const addressPolicySettingsSchema = z.object({
  mode: z.enum(ADDRESS_POLICY_MODES),
  allow: z.array(z.string()).max(MAX_ALLOW_ENTRIES).optional(),
});

/** Builds the policy. Throws AddressPolicyError naming the first allow-list entry that is neither a host, an address nor a CIDR. */
export function createAddressPolicy(settings: AddressPolicySettings): AddressPolicy {
  const { mode, allow = [] } = addressPolicySettingsSchema.parse(settings);
  const entries = allow.map((text) => text.trim()).filter((text) => text.length > 0).map(parseAllowEntry);
  const check = (address: string, host: string): AddressVerdict => {
    const parsed = parseAddress(address);
    if (parsed === null) return { allowed: false, reason: `not an IP address: ${printable(address)}` };
    const allowedBy = entries.find((entry) => matches(entry, parsed, host));
    if (allowedBy) return { allowed: true, reason: `allow-list entry ${allowedBy.text}` };
    if (mode === 'allow-private') return { allowed: true, reason: 'the address policy allows private addresses' };
    const refused = refusedRange(parsed);
    return refused === null ? { allowed: true, reason: 'public address' } : { allowed: false, reason: refused };
  };
  return {
    mode,
    check,
    allowAddress: (address, host) => check(address, host).allowed,
    explainRefusal: (address, host) => `${check(address, host).reason}; to poll it anyway, add ${printable(host)} to ${ALLOW_HOSTS_VARIABLE}`,
  };
}

/**
 * Reads `VENDORWATCH_FEED_ALLOW_HOSTS`: comma- or whitespace-separated host names, `*.domain` wildcards, IP addresses
 * and CIDRs. Throws AddressPolicyError with the bad entry and what to write instead.
 */
export function parseAllowHosts(value: string | undefined): string[] {
  if (value === undefined) return [];
  const entries = value.split(/[\s,]+/).map((part) => part.trim()).filter((part) => part.length > 0);
  if (entries.length > MAX_ALLOW_ENTRIES) throw new AddressPolicyError(`at most ${MAX_ALLOW_ENTRIES} allow-list entries, got ${entries.length}`);
  for (const entry of entries) parseAllowEntry(entry);
  return entries;
}

/** Why the address is refused under `public-only`, or null when it is a public unicast address. */
export function refusedRangeOf(address: string): string | null {
  const parsed = parseAddress(address);
  return parsed === null ? `not an IP address: ${printable(address)}` : refusedRange(parsed);
}

function refusedRange(address: ipaddr.IPv4 | ipaddr.IPv6): string | null {
  const range = address.range();
  if (address.kind() === 'ipv6' && range === 'rfc6052') {
    // NAT64 (64:ff9b::/96) carries an IPv4 address in its last 32 bits: judge that one, or NAT64 reaches 127.0.0.1.
    const bytes = address.toByteArray().slice(12);
    return refusedRange(ipaddr.fromByteArray(bytes));
  }
  if (range === 'unicast') return null;
  return RANGE_NAMES[range] ?? `${range} address`;
}

/** IPv4-mapped IPv6 (`::ffff:127.0.0.1`, `::ffff:7f00:1`) is judged as the IPv4 address it is. */
function parseAddress(address: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  const bare = address.trim().replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  // Only the four-part dotted form: `127.1` or `0x7f.1` are URL tricks the URL parser has already normalised.
  if (!ipaddr.IPv6.isValid(bare) && !ipaddr.IPv4.isValidFourPartDecimal(bare)) return null;
  try {
    return ipaddr.process(bare);
  } catch {
    return null;
  }
}

function parseAllowEntry(text: string): AllowEntry {
  const how = 'write a host name (feeds.example.org, *.example.org), an IP address (10.0.0.5) or a CIDR (10.20.0.0/16)';
  if (text.includes('/')) {
    try {
      const [network, bits] = ipaddr.parseCIDR(text);
      const range: [ipaddr.IPv4 | ipaddr.IPv6, number] =
        network.kind() === 'ipv6' && (network as ipaddr.IPv6).isIPv4MappedAddress() ? [(network as ipaddr.IPv6).toIPv4Address(), Math.max(0, bits - 96)] : [network, bits];
      return { kind: 'cidr', text, range };
    } catch {
      throw new AddressPolicyError(`"${printable(text)}" is not a valid CIDR; ${how}`);
    }
  }
  const address = parseAddress(text);
  if (address !== null) return { kind: 'cidr', text, range: [address, address.kind() === 'ipv4' ? 32 : 128] };
  if (!HOST_NAME.test(text)) throw new AddressPolicyError(`"${printable(text)}" is not a host name, address or CIDR; ${how}`);
  const name = text.toLowerCase().replace(/\.$/, '');
  return name.startsWith('*.') ? { kind: 'suffix', text, suffix: name.slice(1) } : { kind: 'host', text, name };
}

function matches(entry: AllowEntry, address: ipaddr.IPv4 | ipaddr.IPv6, host: string): boolean {
  const name = host.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
  switch (entry.kind) {
    case 'host':
      return name === entry.name;
    case 'suffix':
      return name.endsWith(entry.suffix) && name.length > entry.suffix.length;
    case 'cidr':
      return address.kind() === entry.range[0].kind() && address.match(entry.range);
  }
}

function printable(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, '?').slice(0, 100);
}

/**
 * The policy for each feed of a poll (fetchFeeds' `addressPolicyFor`). The operator's own feeds get `settings`; feeds
 * for which `isUntrusted` holds (from an OPML file, added by a chat user) always get `public-only`, with the same
 * allow-list, whatever `settings.mode` says.
 */
export function createFeedAddressPolicies(settings: AddressPolicySettings, isUntrusted: (feed: FeedSource) => boolean): (feed: FeedSource) => AddressPolicy {
  const own = createAddressPolicy(settings);
  const strict = createAddressPolicy({ ...settings, mode: 'public-only' });
  return (feed) => (isUntrusted(feed) ? strict : own);
}
