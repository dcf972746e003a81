// The whole bot (test/support/app-harness.ts: real store, pipeline, detection, the real Slack adapter against the
// fake Slack Web API) reading a feeds file whose entries name their `type`, from publishers on one loopback server.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SourceType } from '../../../src/sources/index.js';
import { type Harness, startHarness } from '../../support/app-harness.js';
import { type FeedRoute, type FeedServer, startFeedServer } from '../../support/feed-server.js';

export const CONTACT = 'security@hospital.example';
export const SEC_USER_AGENT = `Vendorwatch ${CONTACT}`;
export const SOURCE_FIXTURES = join(import.meta.dirname, '..', '..', 'sources', 'fixtures');

export interface SourceFeed {
  name: string;
  /** Path on the publishers' server. */
  path: string;
  type?: SourceType;
  route: FeedRoute;
}

export interface DisclosureHarness {
  harness: Harness;
  publishers: FeedServer;
  /** `http://127.0.0.1:PORT` of the publishers' server. */
  base: string;
  close(): Promise<void>;
}

export async function startDisclosureHarness(options: {
  feeds: SourceFeed[];
  vendors: Record<string, unknown>[];
  start: Date;
  env?: NodeJS.ProcessEnv;
  /** Routes added once the server's address is known (links in bodies need it). */
  routes?: (base: string) => Record<string, FeedRoute>;
}): Promise<DisclosureHarness> {
  const publishers = await startFeedServer(Object.fromEntries(options.feeds.map((feed) => [feed.path, feed.route])));
  const base = publishers.url('').replace(/\/$/, '');
  for (const [path, route] of Object.entries(options.routes?.(base) ?? {})) publishers.route(path, route);
  const dir = mkdtempSync(join(tmpdir(), 'vw-disclosures-'));
  const feedsFile = join(dir, 'feeds.json');
  writeFileSync(
    feedsFile,
    JSON.stringify(
      options.feeds.map((feed) => ({ name: feed.name, url: publishers.url(feed.path), ...(feed.type ? { type: feed.type } : {}) })),
    ),
  );
  const harness = await startHarness({
    feeds: {},
    vendors: options.vendors,
    start: options.start,
    env: { VENDORWATCH_FEEDS: feedsFile, VENDORWATCH_CONTACT: CONTACT, ...options.env },
  });
  return {
    harness,
    publishers,
    base,
    close: async () => {
      await harness.close();
      await publishers.close();
    },
  };
}

/** The blocks' text of every top-level Slack message (alerts), in order. */
export function alertBlocksText(harness: Harness): string[] {
  return harness.slack
    .callsTo('chat.postMessage')
    .filter((call) => !call.params.thread_ts && call.result?.ok !== false)
    .map((call) => call.params.blocks ?? '');
}

/** The blocks' text of every thread reply, in order. */
export function threadBlocksText(harness: Harness): string[] {
  return harness.slack
    .callsTo('chat.postMessage')
    .filter((call) => call.params.thread_ts && call.result?.ok !== false)
    .map((call) => call.params.blocks ?? '');
}
