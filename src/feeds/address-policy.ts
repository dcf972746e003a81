// Which network addresses a feed download may connect to. A feed URL that someone other than the operator chose
// (the built-in catalogue's publishers, an OPML file, a chat command) must not become a way to reach the machine
// itself, the hospital's network or the cloud metadata service: server-side request forgery. Nor may a redirect,
// which the publisher's server chooses. fetchFeed asks this policy for every address it would connect to, after DNS
// and at every redirect hop, through its `allowAddress` hook.

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

/**
 * Cloud metadata services, which hand out the machine's credentials. Refused under public-only even where their
 * range would pass (Azure's WireServer is public unicast), and let through only by an allow-list entry naming
 * exactly that address: a CIDR an operator wrote for an intranet (100.64.0.0/10 for a VPN) must not open them.
 */
const METADATA_SERVICES: Record<string, string> = {
  '169.254.169.254': 'link-local cloud metadata address (AWS, Google Cloud, Azure, Oracle Cloud)',
  '169.254.170.2': 'link-local container metadata address (AWS ECS task credentials)',
  '168.63.129.16': 'cloud metadata address (Azure WireServer 168.63.129.16)',
  '100.100.100.200': 'cloud metadata address (Alibaba Cloud 100.100.100.200)',
  'fd00:ec2::254': 'cloud metadata address (AWS instance metadata over IPv6)',
};

const MAX_ALLOW_ENTRIES = 200;
/** Where operators allow hosts; named in refusals so the fix is in the message. */
const ALLOW_HOSTS_VARIABLE = 'VENDORWATCH_FEED_ALLOW_HOSTS';
const HOST_NAME = /^(\*\.)?(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*\.?$/i;

type AllowEntry =
  | { kind: 'cidr'; text: string; range: [ipaddr.IPv4 | ipaddr.IPv6, number] }
  | { kind: 'host'; text: string; name: string }
  | { kind: 'suffix'; text: string; suffix: string };

const addressPolicySettingsSchema = z.object({
  mode: z.enum(ADDRESS_POLICY_MODES),
  allow: z.array(z.string()).max(MAX_ALLOW_ENTRIES).optional(),
});

/** Builds the policy. Throws AddressPolicyError naming the first allow-list entry that is neither a host, an address nor a CIDR. */
export function createAddressPolicy(settings: AddressPolicySettings): AddressPolicy {
  const { mode, allow = [] } = addressPolicySettingsSchema.parse(settings);
  const entries = allow
    .map((text) => text.trim())
    .filter((text) => text.length > 0)
    .map(parseAllowEntry);
  const check = (address: string, host: string): AddressVerdict => {
    const parsed = parseAddress(address);
    if (parsed === null) return { allowed: false, reason: `not an IP address: ${printable(address)}` };
    const metadata = metadataServiceOf(parsed) !== null;
    const allowedBy = entries.find((entry) => (metadata ? namesExactly(entry, parsed) : matches(entry, parsed, host)));
    if (allowedBy) return { allowed: true, reason: `allow-list entry ${allowedBy.text}` };
    if (mode === 'allow-private') return { allowed: true, reason: 'the address policy allows private addresses' };
    const refused = refusedRange(parsed);
    return refused === null ? { allowed: true, reason: 'public address' } : { allowed: false, reason: refused };
  };
  return policyOf(mode, check);
}

/** The hooks around a check; a refusal's explanation ends with the setting that lets the address through. */
function policyOf(mode: AddressPolicyMode, check: AddressPolicy['check']): AddressPolicy {
  return {
    mode,
    check,
    allowAddress: (address, host) => check(address, host).allowed,
    explainRefusal: (address, host) => `${check(address, host).reason}; ${howToAllow(address, host)}`,
  };
}

function howToAllow(address: string, host: string): string {
  const parsed = parseAddress(address);
  if (parsed !== null && metadataServiceOf(parsed) !== null) {
    return `to poll it anyway, add exactly ${printable(address)} to ${ALLOW_HOSTS_VARIABLE} (no wider range or host name will do)`;
  }
  return `to poll it anyway, add ${printable(host)} to ${ALLOW_HOSTS_VARIABLE}`;
}

/**
 * Reads `VENDORWATCH_FEED_ALLOW_HOSTS`: comma- or whitespace-separated host names, `*.domain` wildcards, IP addresses
 * and CIDRs. Throws AddressPolicyError with the bad entry and what to write instead.
 */
export function parseAllowHosts(value: string | undefined): string[] {
  if (value === undefined) return [];
  const entries = value
    .split(/[\s,]+/)
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
  if (entries.length > MAX_ALLOW_ENTRIES)
    throw new AddressPolicyError(`at most ${MAX_ALLOW_ENTRIES} allow-list entries, got ${entries.length}`);
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
  const metadata = metadataServiceOf(address);
  if (metadata !== null) return metadata;
  if (range === 'unicast') return null;
  return RANGE_NAMES[range] ?? `${range} address`;
}

/** What a cloud metadata address is, or null for any other address. NAT64 is judged by the IPv4 address it carries. */
function metadataServiceOf(address: ipaddr.IPv4 | ipaddr.IPv6): string | null {
  const carried =
    address.kind() === 'ipv6' && address.range() === 'rfc6052' ? ipaddr.fromByteArray(address.toByteArray().slice(12)) : address;
  return METADATA_SERVICES[carried.toString()] ?? null;
}

/** IPv4-mapped IPv6 (`::ffff:127.0.0.1`, `::ffff:7f00:1`) is judged as the IPv4 address it is. */
function parseAddress(address: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  const bare = address
    .trim()
    .replace(/^\[|\]$/g, '')
    .replace(/%.*$/, '');
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
        network.kind() === 'ipv6' && (network as ipaddr.IPv6).isIPv4MappedAddress()
          ? [(network as ipaddr.IPv6).toIPv4Address(), Math.max(0, bits - 96)]
          : [network, bits];
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
  const name = host
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '');
  switch (entry.kind) {
    case 'host':
      return name === entry.name;
    case 'suffix':
      return name.endsWith(entry.suffix) && name.length > entry.suffix.length;
    case 'cidr':
      return address.kind() === entry.range[0].kind() && address.match(entry.range);
  }
}

/** An allow-list entry that is this one address (not a range around it, not a host name that resolves to it). */
function namesExactly(entry: AllowEntry, address: ipaddr.IPv4 | ipaddr.IPv6): boolean {
  if (entry.kind !== 'cidr') return false;
  const [network, bits] = entry.range;
  return network.kind() === address.kind() && bits === (network.kind() === 'ipv4' ? 32 : 128) && address.match(entry.range);
}

/** A host or address as it may go into a message: printable ASCII, at most 100 characters. */
export function printable(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, '?').slice(0, 100);
}

/**
 * The policy for each feed of a poll (fetchFeeds' `addressPolicyFor`), judged per hop:
 * - at the feed's own host (where the feed URL points, and redirects that stay on that host), the operator's own
 *   feeds get `settings`, so a feed they wrote at a loopback or intranet address works under `allow-private`;
 *   feeds for which `isUntrusted` holds (the built-in catalogue, an OPML file, a chat user) get `public-only`;
 * - at any other host, which only a redirect can lead to and which the publisher's server chose, `public-only`.
 * Both keep the operator's allow-list, so a host named in VENDORWATCH_FEED_ALLOW_HOSTS passes at every hop.
 * Hosts are compared by name, without the port: the operator trusts a machine, not one of its ports.
 */
export function createFeedAddressPolicies(
  settings: AddressPolicySettings,
  isUntrusted: (feed: FeedSource) => boolean,
): (feed: FeedSource) => AddressPolicy {
  const own = createAddressPolicy(settings);
  const strict = createAddressPolicy({ ...settings, mode: 'public-only' });
  return (feed) => {
    const atFeedHost = isUntrusted(feed) ? strict : own;
    if (atFeedHost.mode === 'public-only') return atFeedHost;
    const feedHost = hostNameOf(feed.url);
    return policyOf(atFeedHost.mode, (address, host) => {
      if (feedHost !== null && comparableHost(host) === feedHost) return atFeedHost.check(address, host);
      const verdict = strict.check(address, host);
      if (verdict.allowed) return verdict;
      return {
        allowed: false,
        reason: `${verdict.reason}, at ${printable(host)}: a redirect away from the feed's host ${printable(feedHost ?? '?')} may reach public addresses only`,
      };
    });
  };
}

/** The URL's host in the form `comparableHost` gives, or null for a URL that does not parse. */
export function hostNameOf(url: string): string | null {
  try {
    return comparableHost(new URL(url).hostname);
  } catch {
    return null;
  }
}

/** `[::1]` and `::1`, `Example.org.` and `example.org` are the same host. */
export function comparableHost(host: string): string {
  return host
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '');
}
