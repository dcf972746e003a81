// Which addresses an article page may be fetched from. Article links come from feed content, which third parties
// write: public addresses only, at every redirect hop. Two exceptions, both the operator's own choice: the hosts of
// the feeds they configured themselves (an intranet news site links to its own pages) keep those feeds' policy, and
// VENDORWATCH_FEED_ALLOW_HOSTS applies as it does to feeds. A cloud metadata address is never reached unless the
// allow-list names it exactly (see address-policy.ts).

import { type AddressPolicy, type AddressPolicySettings, type AddressVerdict, createAddressPolicy } from '../feeds/address-policy.js';

/**
 * `ownFeedUrls`: the feeds the operator wrote (VENDORWATCH_FEEDS as a URL list or JSON file, the config file), not
 * the built-in catalogue nor an OPML file's. Hosts are compared by name without the port, as for feeds.
 */
export function createArticleAddressPolicy(settings: AddressPolicySettings, ownFeedUrls: readonly string[]): AddressPolicy {
  const own = createAddressPolicy(settings);
  const strict = createAddressPolicy({ ...settings, mode: 'public-only' });
  const ownHosts = new Set(ownFeedUrls.map(hostNameOf).filter((host): host is string => host !== null));
  const check = (address: string, host: string): AddressVerdict => {
    if (ownHosts.has(comparableHost(host))) return own.check(address, host);
    const verdict = strict.check(address, host);
    if (verdict.allowed) return verdict;
    return { allowed: false, reason: `${verdict.reason}, at ${printable(host)}: article links from feeds may reach public addresses only, or the host of a feed you configured` };
  };
  return {
    mode: 'public-only',
    check,
    allowAddress: (address, host) => check(address, host).allowed,
    explainRefusal: (address, host) => {
      const { reason } = check(address, host);
      // A metadata address passes only by an entry naming exactly it (address-policy.ts).
      const entry = reason.includes('metadata') ? `exactly ${printable(address)}` : printable(host);
      return `${reason}; to read pages there anyway, add ${entry} to VENDORWATCH_FEED_ALLOW_HOSTS`;
    },
  };
}

function hostNameOf(url: string): string | null {
  try {
    return comparableHost(new URL(url).hostname);
  } catch {
    return null;
  }
}

/** `[::1]` and `::1`, `Example.org.` and `example.org` are the same host. */
function comparableHost(host: string): string {
  return host.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
}

function printable(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, '?').slice(0, 100);
}
