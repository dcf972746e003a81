// Which addresses an article page may be fetched from. Article links come from feed content, which third parties
// write: public addresses only, at every redirect hop. Two exceptions, both the operator's own choice: the hosts of
// the feeds they configured themselves (an intranet news site links to its own pages) keep those feeds' policy, and
// VENDORWATCH_FEED_ALLOW_HOSTS applies as it does to feeds. A cloud metadata address is never reached unless the
// allow-list names it exactly (see address-policy.ts).

import { isIP } from 'node:net';
import {
  type AddressPolicy,
  type AddressPolicySettings,
  type AddressVerdict,
  comparableHost,
  createAddressPolicy,
  hostNameOf,
  printable,
} from '../feeds/address-policy.js';

/**
 * `ownFeedUrls`: the feeds the operator wrote (VENDORWATCH_FEEDS as a URL list or JSON file, the config file), not
 * the built-in catalogue nor an OPML file's. Hosts are compared by name without the port, as for feeds.
 */
export interface ArticleAddressPolicy extends AddressPolicy {
  /**
   * Judges a link's host name before any DNS lookup: names under special-use domains (`.test`, `.example`,
   * `.localhost`, `.internal`, `.local`, `home.arpa`, ...) and single-label names are never public sites, so they are
   * refused without asking DNS (which would also tell the resolver which internal names feeds point at).
   */
  checkName(host: string): AddressVerdict;
}

/** Special-use names (RFC 2606, 6761, 6762, 8375) and the private suffixes in wide use; none is a public site. */
const NEVER_PUBLIC = [
  'test',
  'example',
  'invalid',
  'localhost',
  'local',
  'internal',
  'intranet',
  'lan',
  'home',
  'corp',
  'private',
  'home.arpa',
];

export function createArticleAddressPolicy(settings: AddressPolicySettings, ownFeedUrls: readonly string[]): ArticleAddressPolicy {
  const own = createAddressPolicy(settings);
  const strict = createAddressPolicy({ ...settings, mode: 'public-only' });
  const ownHosts = new Set(ownFeedUrls.map(hostNameOf).filter((host): host is string => host !== null));
  const check = (address: string, host: string): AddressVerdict => {
    if (ownHosts.has(comparableHost(host))) return own.check(address, host);
    const verdict = strict.check(address, host);
    if (verdict.allowed) return verdict;
    return {
      allowed: false,
      reason: `${verdict.reason}, at ${printable(host)}: article links from feeds may reach public addresses only, or the host of a feed you configured`,
    };
  };
  const allowedNames = (settings.allow ?? [])
    .map((entry) => entry.trim().toLowerCase().replace(/\.$/, ''))
    .filter((entry) => entry.length > 0);
  const checkName = (host: string): AddressVerdict => {
    const name = comparableHost(host);
    if (isIP(name) !== 0 || ownHosts.has(name)) return { allowed: true, reason: 'judged by address' };
    const listed = allowedNames.find((entry) => entry === name || (entry.startsWith('*.') && name.endsWith(entry.slice(1))));
    if (listed) return { allowed: true, reason: `allow-list entry ${listed}` };
    const suffix = NEVER_PUBLIC.find((tld) => name === tld || name.endsWith(`.${tld}`));
    if (suffix === undefined && name.includes('.')) return { allowed: true, reason: 'judged by address' };
    const what = suffix === undefined ? 'a name without a domain' : `a name under .${suffix}`;
    return {
      allowed: false,
      reason: `${printable(name)} is ${what}, never a public site: article links from feeds may reach public addresses only, or the host of a feed you configured; to read pages there anyway, add ${printable(name)} to VENDORWATCH_FEED_ALLOW_HOSTS`,
    };
  };
  return {
    mode: 'public-only',
    check,
    checkName,
    allowAddress: (address, host) => check(address, host).allowed,
    explainRefusal: (address, host) => {
      const { reason } = check(address, host);
      // A metadata address passes only by an entry naming exactly it (address-policy.ts).
      const entry = reason.includes('metadata') ? `exactly ${printable(address)}` : printable(host);
      return `${reason}; to read pages there anyway, add ${entry} to VENDORWATCH_FEED_ALLOW_HOSTS`;
    },
  };
}
