// Server-side request forgery: a feed URL from the built-in catalogue, an OPML file or a chat user must not reach
// this machine, the hospital's network or the cloud metadata service, neither directly, through DNS, nor through a
// redirect; and a redirect the publisher's server chooses must not take even the operator's own feed there.
// Every request in this file goes to loopback; the metadata addresses are only ever judged, never connected to.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import {
  AddressPolicyError,
  createAddressPolicy,
  createFeedAddressPolicies,
  parseAllowHosts,
  refusedRangeOf,
} from '../../src/feeds/address-policy.js';
import { FEED_CATALOGUE } from '../../src/feeds/catalogue.js';
import { readFeedsSetting } from '../../src/feeds/feeds-setting.js';
import { fetchFeed } from '../../src/feeds/fetch-feed.js';
import { fetchFeeds } from '../../src/feeds/poll-feeds.js';
import { type FeedServer, startFeedServer } from '../support/feed-server.js';

const NONE = { etag: null, lastModified: null };
const FEED =
  '<?xml version="1.0"?><rss version="2.0"><channel><title>internal</title><item><title>secret page</title></item></channel></rss>';
const publicOnly = createAddressPolicy({ mode: 'public-only' });

let internal: FeedServer;
let redirector: FeedServer;
/** The operator's own feed server on loopback, whose answers redirect on the same host or to another one. */
let operatorFeed: FeedServer;
const port = (server: FeedServer) => new URL(server.url('/')).port;
const hitsOnInternal = () => internal.requests.length;

beforeAll(async () => {
  internal = await startFeedServer({ '/feed.xml': { kind: 'feed', body: FEED } });
  redirector = await startFeedServer({
    '/to-loopback': { kind: 'redirect', location: internal.url('/feed.xml') },
    '/to-metadata': { kind: 'redirect', location: 'http://169.254.169.254/latest/meta-data/iam/security-credentials/' },
    '/to-mapped': { kind: 'redirect', location: `http://[::ffff:127.0.0.1]:${port(internal)}/feed.xml` },
  });
  operatorFeed = await startFeedServer({
    '/feed.xml': { kind: 'feed', body: FEED },
    '/moved': { kind: 'redirect', location: '/feed.xml', status: 301 },
    '/to-other-port': { kind: 'redirect', location: internal.url('/feed.xml?via=other-port') },
    // localhost is another host name than 127.0.0.1, though the same machine: the server chose it, not the operator.
    '/to-localhost': { kind: 'redirect', location: `http://user:s3cret@localhost:${port(internal)}/feed.xml?via=localhost&token=abc123` },
    '/to-127': { kind: 'redirect', location: internal.url('/feed.xml?via=127') },
  });
});

afterAll(async () => {
  await internal.close();
  await redirector.close();
  await operatorFeed.close();
});

/** The operator's feeds trusted, as create-app builds the policy from Config.feedAddresses. */
const operatorPolicy = (allow: string[] = []) => createFeedAddressPolicies({ mode: 'allow-private', allow }, () => false);
const feedAt = (url: string) => ({ name: 'own', url, tags: [] });
const internalHitsFor = (via: string) => internal.requests.filter((request) => request.path.includes(`via=${via}`)).length;

describe('a public-only policy', () => {
  it('refuses 127.0.0.1 before any request is made', async () => {
    const before = hitsOnInternal();
    const outcome = await fetchFeed(internal.url('/feed.xml'), NONE, {
      allowAddress: publicOnly.allowAddress,
      explainRefusal: publicOnly.explainRefusal,
    });
    expect(outcome).toMatchObject({ kind: 'error', code: 'address_refused' });
    // The feed's error says what the address is and how to let it through.
    expect(outcome.kind === 'error' ? outcome.message : '').toBe(
      'the address 127.0.0.1 is not allowed (loopback address (this machine); to poll it anyway, add 127.0.0.1 to VENDORWATCH_FEED_ALLOW_HOSTS)',
    );
    expect(hitsOnInternal()).toBe(before);
  });

  it('refuses a DNS name that resolves to loopback (localhost)', async () => {
    const before = hitsOnInternal();
    const outcome = await fetchFeed(`http://localhost:${port(internal)}/feed.xml`, NONE, {
      allowAddress: publicOnly.allowAddress,
      explainRefusal: publicOnly.explainRefusal,
    });
    expect(outcome).toMatchObject({ kind: 'error', code: 'address_refused' });
    expect(outcome.kind === 'error' ? outcome.message : '').toMatch(
      /^localhost resolves only to refused addresses \(.*(127\.0\.0\.1|::1).*\) \(loopback address .*add localhost to VENDORWATCH_FEED_ALLOW_HOSTS\)$/,
    );
    expect(hitsOnInternal()).toBe(before);
  });

  it('refuses IPv4-mapped IPv6 spellings of loopback and numeric host tricks', async () => {
    const before = hitsOnInternal();
    for (const host of ['[::ffff:127.0.0.1]', '[::ffff:7f00:1]', '2130706433', '0x7f.1', '127.1', '0.0.0.0']) {
      const outcome = await fetchFeed(`http://${host}:${port(internal)}/feed.xml`, NONE, { allowAddress: publicOnly.allowAddress });
      expect(outcome, host).toMatchObject({ kind: 'error', code: 'address_refused' });
    }
    expect(hitsOnInternal()).toBe(before);
  });

  it('refuses a redirect from an allowed host to loopback, to the metadata address and to a mapped or named loopback', async () => {
    // The redirector is reachable because the operator allowed it by name; where it points is judged on its own.
    const policy = createAddressPolicy({ mode: 'public-only', allow: ['localhost'] });
    const before = hitsOnInternal();
    const via = (path: string) => redirector.url(path).replace('127.0.0.1', 'localhost');
    for (const path of ['/to-loopback', '/to-metadata', '/to-mapped']) {
      const outcome = await fetchFeed(via(path), NONE, { allowAddress: policy.allowAddress });
      expect(outcome, path).toMatchObject({ kind: 'error', code: 'address_refused' });
    }
    expect(redirector.requests.filter((request) => request.path.startsWith('/to-')).length).toBe(3);
    expect(hitsOnInternal()).toBe(before);
  });

  it('lets through a host, an address or a CIDR the operator allowed', async () => {
    for (const allow of [['localhost'], ['127.0.0.1', '::1'], ['127.0.0.0/8', '::1/128'], ['*.localhost', 'localhost']]) {
      const policy = createAddressPolicy({ mode: 'public-only', allow });
      const url = allow.includes('localhost') ? `http://localhost:${port(internal)}/feed.xml` : internal.url('/feed.xml');
      const outcome = await fetchFeed(url, NONE, { allowAddress: policy.allowAddress });
      expect(outcome.kind, allow.join(',')).toBe('ok');
    }
  });

  it('allows an allowed host through a redirect while still refusing the metadata address', async () => {
    const policy = createAddressPolicy({ mode: 'public-only', allow: ['127.0.0.0/8'] });
    expect((await fetchFeed(redirector.url('/to-loopback'), NONE, { allowAddress: policy.allowAddress })).kind).toBe('ok');
    expect(await fetchFeed(redirector.url('/to-metadata'), NONE, { allowAddress: policy.allowAddress })).toMatchObject({
      code: 'address_refused',
    });
  });
});

describe('a policy bug', () => {
  it('still refuses when the explanation throws, without the explanation', async () => {
    const outcome = await fetchFeed(internal.url('/feed.xml'), NONE, {
      allowAddress: () => false,
      explainRefusal: () => {
        throw new Error('explainer bug');
      },
    });
    expect(outcome).toMatchObject({ kind: 'error', code: 'address_refused', message: 'the address 127.0.0.1 is not allowed' });
  });
});

describe('per-feed policy in a poll', () => {
  it("refuses the OPML-sourced feed and fetches the operator's own loopback feed in the same round", async () => {
    const operatorFeeds = readFeedsSetting(internal.url('/feed.xml'), () => '');
    const opml = `<?xml version="1.0"?><opml version="2.0"><body><outline text="security"><outline text="From a colleague" xmlUrl="http://localhost:${port(internal)}/feed.xml?via=opml"/></outline></body></opml>`;
    const opmlFeeds = readFeedsSetting('/conf/shared.opml', () => opml);
    expect([operatorFeeds.format, opmlFeeds.format]).toEqual(['url-list', 'opml']);
    const untrusted = new Set(opmlFeeds.format === 'opml' ? opmlFeeds.feeds.map((feed) => feed.url) : []);
    const policyFor = createFeedAddressPolicies({ mode: 'allow-private' }, (feed) => untrusted.has(feed.url));
    const before = hitsOnInternal();
    const results = await fetchFeeds([...operatorFeeds.feeds, ...opmlFeeds.feeds], new Map(), { addressPolicyFor: policyFor });
    expect(results.map((result) => [result.feed.name, result.outcome, result.error?.code ?? null])).toEqual([
      [new URL(internal.url('/')).host, 'ok', null],
      ['From a colleague', 'error', 'address_refused'],
    ]);
    expect(results[1]?.error?.message).toContain('add localhost to VENDORWATCH_FEED_ALLOW_HOSTS');
    expect(hitsOnInternal()).toBe(before + 1);
  });

  it('keeps the allow-list for untrusted feeds: an allowed host passes even from OPML', async () => {
    const policyFor = createFeedAddressPolicies({ mode: 'allow-private', allow: ['localhost'] }, () => true);
    const feed = { name: 'allowed', url: `http://localhost:${port(internal)}/feed.xml?via=allowed`, tags: [] };
    const [result] = await fetchFeeds([feed], new Map(), { addressPolicyFor: policyFor });
    expect(result?.outcome).toBe('ok');
    expect(policyFor(feed).mode).toBe('public-only');
  });
});

describe('redirects judged per hop', () => {
  it("refuses a redirect from the operator's loopback feed to another host, which sees no request, and follows one on the same host", async () => {
    const policyFor = operatorPolicy();
    const byName = feedAt(operatorFeed.url('/to-localhost'));
    // The operator wrote localhost; its server sends the download on to 127.0.0.1, another host (an IP literal).
    const byAddress = feedAt(operatorFeed.url('/to-127').replace('127.0.0.1', 'localhost'));
    const direct = feedAt(operatorFeed.url('/feed.xml'));
    const moved = feedAt(operatorFeed.url('/moved'));
    // The same host name on another port: the operator chose the machine, so the feed's own policy still holds.
    const otherPort = feedAt(operatorFeed.url('/to-other-port'));
    const results = await fetchFeeds([byName, byAddress, direct, moved, otherPort], new Map(), { addressPolicyFor: policyFor });

    expect(results.map((result) => [result.outcome, result.error?.code ?? null])).toEqual([
      ['error', 'address_refused'],
      ['error', 'address_refused'],
      ['ok', null],
      ['ok', null],
      ['ok', null],
    ]);
    // Each message names the hop, the host and the setting that would let it through, and no credential or query.
    const [nameMessage, addressMessage] = results.map((result) => result.error?.message ?? '');
    expect(nameMessage).toContain(
      `refused the redirect from ${operatorFeed.url('/to-localhost')} to http://localhost:${port(internal)}/feed.xml: `,
    );
    expect(nameMessage).toContain("a redirect away from the feed's host 127.0.0.1 may reach public addresses only");
    expect(nameMessage).toContain('add localhost to VENDORWATCH_FEED_ALLOW_HOSTS');
    expect(nameMessage).not.toMatch(/s3cret|abc123/);
    expect(addressMessage).toBe(
      `refused the redirect from http://localhost:${port(operatorFeed)}/to-127 to http://127.0.0.1:${port(internal)}/feed.xml: the address 127.0.0.1 is not allowed ` +
        "(loopback address (this machine), at 127.0.0.1: a redirect away from the feed's host localhost may reach public addresses only; " +
        'to poll it anyway, add 127.0.0.1 to VENDORWATCH_FEED_ALLOW_HOSTS)',
    );
    expect(internalHitsFor('localhost') + internalHitsFor('127')).toBe(0);
    expect(internalHitsFor('other-port')).toBe(1);
  });

  it('lets a redirect to another host through only when the operator allowed that host', async () => {
    const feed = feedAt(operatorFeed.url('/to-localhost'));
    const [refused] = await fetchFeeds([feed], new Map(), { addressPolicyFor: operatorPolicy() });
    expect(refused?.error?.code).toBe('address_refused');
    expect(internalHitsFor('localhost')).toBe(0);
    const [allowed] = await fetchFeeds([feed], new Map(), { addressPolicyFor: operatorPolicy(['localhost']) });
    expect(allowed?.outcome).toBe('ok');
    expect(internalHitsFor('localhost')).toBe(1);
  });

  it('refuses a catalogue feed at a loopback address, marked untrusted as the configuration marks the catalogue', async () => {
    // With no feeds configured the bot polls the catalogue, and every catalogue feed is untrusted (public-only).
    const config = loadConfig({}, { cwd: mkdtempSync(join(tmpdir(), 'vw-catalogue-')) });
    expect(config.feedsOrigin).toBe('catalogue');
    expect(config.feedAddresses.mode).toBe('allow-private');
    expect(new Set(config.feedAddresses.untrustedUrls)).toEqual(new Set(FEED_CATALOGUE.map((feed) => feed.url)));

    // A catalogue publisher whose name came to resolve to loopback (or that redirects there) is such a feed.
    const publisher = { name: 'Catalogue publisher', url: `http://localhost:${port(internal)}/feed.xml?via=catalogue`, tags: [] };
    const untrusted = new Set([...config.feedAddresses.untrustedUrls, publisher.url]);
    const policyFor = createFeedAddressPolicies({ mode: config.feedAddresses.mode, allow: config.feedAddresses.allow }, (feed) =>
      untrusted.has(feed.url),
    );
    const [result] = await fetchFeeds([publisher], new Map(), { addressPolicyFor: policyFor });
    expect(result).toMatchObject({ outcome: 'error', error: { code: 'address_refused' } });
    expect(internalHitsFor('catalogue')).toBe(0);
  });

  it('refuses the Azure, Alibaba and link-local metadata addresses, at the feed and after a redirect, unless allowed exactly', () => {
    // Judged only: nothing here connects to these addresses.
    const metadata = [
      '168.63.129.16',
      '100.100.100.200',
      '169.254.169.254',
      '::ffff:168.63.129.16',
      '64:ff9b::a83f:8110',
      '::ffff:100.100.100.200',
    ];
    for (const address of metadata) {
      expect(refusedRangeOf(address), address).toMatch(/metadata/);
      expect(publicOnly.allowAddress(address, address), address).toBe(false);
      // A redirect from the operator's own feed to another host is public-only too.
      expect(operatorPolicy()(feedAt(operatorFeed.url('/feed.xml'))).allowAddress(address, 'metadata.example'), address).toBe(false);
    }
    expect(publicOnly.explainRefusal('168.63.129.16', 'wireserver.example')).toBe(
      'cloud metadata address (Azure WireServer 168.63.129.16); to poll it anyway, add exactly 168.63.129.16 to VENDORWATCH_FEED_ALLOW_HOSTS (no wider range or host name will do)',
    );
    // A range written for an intranet or a VPN (100.64.0.0/10) does not open the metadata address inside it.
    const wide = createAddressPolicy({
      mode: 'public-only',
      allow: ['100.64.0.0/10', '168.63.0.0/16', '169.254.0.0/16', 'wireserver.example'],
    });
    expect(wide.allowAddress('100.100.100.201', '100.100.100.201')).toBe(true);
    for (const address of ['100.100.100.200', '168.63.129.16', '169.254.169.254'])
      expect(wide.allowAddress(address, 'wireserver.example'), address).toBe(false);
    expect(createAddressPolicy({ mode: 'public-only', allow: ['168.63.129.16'] }).allowAddress('168.63.129.16', '168.63.129.16')).toBe(
      true,
    );
  });
});

describe('address ranges', () => {
  it('names the range of every refused address and passes public unicast ones', () => {
    const refused: Record<string, RegExp> = {
      '127.0.0.1': /loopback/,
      '127.255.0.9': /loopback/,
      '10.1.2.3': /private/,
      '172.16.0.1': /private/,
      '172.31.255.254': /private/,
      '192.168.1.1': /private/,
      '169.254.169.254': /link-local.*metadata/,
      '100.64.0.1': /carrier-grade NAT/,
      '0.0.0.0': /unspecified/,
      '224.0.0.251': /multicast/,
      '255.255.255.255': /broadcast/,
      '240.0.0.1': /reserved/,
      '::1': /loopback/,
      '::': /unspecified/,
      'fe80::1': /link-local/,
      'fc00::1': /unique-local/,
      'fd12:3456::1': /unique-local/,
      'ff02::1': /multicast/,
      '::ffff:127.0.0.1': /loopback/,
      '::ffff:7f00:1': /loopback/,
      '::ffff:169.254.169.254': /link-local/,
      '::ffff:10.0.0.1': /private/,
      '64:ff9b::7f00:1': /loopback/,
      '64:ff9b::a9fe:a9fe': /link-local/,
      '2002:7f00:1::': /6to4/,
      'not-an-ip': /not an IP address/,
      '127.1': /not an IP address/,
    };
    for (const [address, reason] of Object.entries(refused)) expect(refusedRangeOf(address), address).toMatch(reason);
    for (const address of [
      '93.184.216.34',
      '172.32.0.1',
      '172.15.255.255',
      '100.128.0.1',
      '2606:4700::1111',
      '::ffff:93.184.216.34',
      '64:ff9b::5db8:d822',
    ]) {
      expect(refusedRangeOf(address), address).toBeNull();
    }
  });

  it('allow-private lets every address through and says why', () => {
    const policy = createAddressPolicy({ mode: 'allow-private' });
    expect(policy.check('127.0.0.1', 'localhost')).toEqual({ allowed: true, reason: 'the address policy allows private addresses' });
    expect(policy.allowAddress('169.254.169.254', '169.254.169.254')).toBe(true);
  });

  it('matches wildcard hosts on subdomains only, and CIDRs on their own family', () => {
    const policy = createAddressPolicy({ mode: 'public-only', allow: ['*.intranet.example', '10.20.0.0/16', '::ffff:192.168.7.0/120'] });
    expect(policy.allowAddress('10.9.9.9', 'feeds.intranet.example')).toBe(true);
    expect(policy.allowAddress('10.9.9.9', 'intranet.example')).toBe(false);
    expect(policy.allowAddress('10.9.9.9', 'evil-intranet.example')).toBe(false);
    expect(policy.check('10.20.3.4', '10.20.3.4')).toEqual({ allowed: true, reason: 'allow-list entry 10.20.0.0/16' });
    expect(policy.allowAddress('10.21.0.1', '10.21.0.1')).toBe(false);
    expect(policy.allowAddress('192.168.7.9', '192.168.7.9')).toBe(true);
    expect(policy.allowAddress('::ffff:10.20.0.1', 'x')).toBe(true);
  });

  it('reads the allow-list setting and names an entry it cannot read', () => {
    expect(parseAllowHosts('feeds.intranet.example, 10.0.0.0/8  192.168.1.5,*.corp.example')).toEqual([
      'feeds.intranet.example',
      '10.0.0.0/8',
      '192.168.1.5',
      '*.corp.example',
    ]);
    expect(parseAllowHosts(undefined)).toEqual([]);
    expect(() => parseAllowHosts('10.0.0.0/40')).toThrow(AddressPolicyError);
    expect(() => parseAllowHosts('http://feeds.example/')).toThrow(/"http:\/\/feeds.example\/" is not a valid CIDR/);
    expect(() => parseAllowHosts('bad_host!')).toThrow(/"bad_host!" is not a host name, address or CIDR; write a host name/);
  });
});
