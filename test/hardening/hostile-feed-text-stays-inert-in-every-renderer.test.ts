// Issue 9, item 3: a publisher whose titles, bodies, links and even channel title carry mentions, Slack and markdown
// link syntax, images, script, javascript:/data: links, bidi overrides, control and zero-width characters and a
// prompt-like instruction. It goes through the real pipeline (fetch, parse, detection, grouping, the real Slack
// adapter against the fake Slack Web API); the same alert view is rendered as a Teams card and for the console.

import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatAlert } from '../../adapters/console/console-adapter.js';
import { renderAlertCard } from '../../adapters/teams/render-alert-card.js';
import type { AlertView } from '../../src/core/chat.js';
import { buildAlertView } from '../../src/incidents/alert-view.js';
import { runCli, tempDbPath } from '../cli/run-cli.js';
import { type Harness, startHarness } from '../support/app-harness.js';

const FIXTURE = join(import.meta.dirname, 'fixtures', 'hostile-content.xml');
/** The one link in the fixture that may become a link: the third item's, without its tracking parameter. */
const SAFE_SOURCE = 'https://hostile-wire.example/2026/03/carecloud-breach';
const OWNER_MENTION = '<@U0OWNER01>';
/** The test's loopback publisher is the operator's own feed (issue 9 item 2). */
const LOOPBACK_FEEDS_ALLOWED = { VENDORWATCH_FEED_ADDRESS_POLICY: 'allow-private' };

/** Controls (C0 but newline, DEL, C1), zero-width characters, bidi embeddings, overrides and isolates. */
const INVISIBLE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200b\u200c\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;

let harness: Harness;
let alertPosts: { text: string; blocks: unknown[] }[];
let view: AlertView;

beforeAll(async () => {
  harness = await startHarness({ feeds: { '/hostile.xml': { kind: 'feed', file: FIXTURE } }, env: LOOPBACK_FEEDS_ALLOWED });
  await harness.app.runCycle({ backfill: true });
  alertPosts = harness.slack
    .callsTo('chat.postMessage')
    .filter((call) => !call.params.thread_ts)
    .map((call) => ({ text: call.params.text ?? '', blocks: JSON.parse(call.params.blocks ?? '[]') as unknown[] }));
  const incident = (await harness.app.store.incidents.all()).find((candidate) => candidate.vendor === 'CareCloud');
  const built = incident ? await buildAlertView(harness.app.store, incident.id, harness.app.vendors, harness.clock.now()) : null;
  if (!built) throw new Error('no CareCloud incident was made from the hostile feed');
  view = built;
});

afterAll(async () => {
  await harness?.close();
});

/** Every string anywhere in a JSON value, with the key it sits under. */
function strings(value: unknown, key = ''): { key: string; text: string }[] {
  if (typeof value === 'string') return [{ key, text: value }];
  if (Array.isArray(value)) return value.flatMap((entry) => strings(entry, key));
  if (typeof value === 'object' && value !== null) return Object.entries(value).flatMap(([k, v]) => strings(v, k));
  return [];
}

describe('Slack: what reaches the Web API', () => {
  it('still alerts CareCloud once though every spelling of it hides a zero-width space', () => {
    expect(alertPosts).toHaveLength(1);
    expect(view.vendor.name).toBe('CareCloud');
    expect(view.sources).toHaveLength(3);
  });

  it('forms no mention, broadcast, channel link or link but the source and the configured owner', () => {
    const post = alertPosts[0]!;
    for (const { text } of [{ text: post.text }, ...strings(post.blocks)]) {
      for (const [markup] of text.matchAll(/<[^>]*>/g)) {
        expect(
          [`<${SAFE_SOURCE}|`, OWNER_MENTION].some((allowed) => markup.startsWith(allowed)),
          `${markup} in ${text}`,
        ).toBe(true);
      }
      // A bare @here/@channel/@everyone notifies in some clients: each gets a zero-width joiner after the @.
      expect(text).not.toMatch(/@(here|channel|everyone)\b/i);
      expect(text).not.toMatch(/<!(channel|here|everyone)/);
    }
    expect(JSON.stringify(post.blocks)).toContain(`<${SAFE_SOURCE}|`);
  });

  it('marks every mrkdwn text verbatim, so Slack links no bare URL or #channel name the feed typed', () => {
    const texts: unknown[] = [];
    const walk = (value: unknown): void => {
      if (Array.isArray(value)) {
        for (const item of value) walk(item);
        return;
      }
      if (typeof value !== 'object' || value === null) return;
      const record = value as Record<string, unknown>;
      if (record.type === 'mrkdwn') texts.push(record);
      Object.values(record).forEach(walk);
    };
    walk(alertPosts[0]!.blocks);
    expect(texts.length).toBeGreaterThan(3);
    for (const text of texts) expect(text, JSON.stringify(text)).toMatchObject({ verbatim: true });
    // The fallback text (notifications) is where verbatim does not apply: it carries no feed URL at all.
    expect(alertPosts[0]!.text).not.toMatch(/evil\.example|https?:\/\/(?!hostile-wire\.example\/2026)/);
  });

  it('carries no image, no URL field and no script from the feed', () => {
    const post = alertPosts[0]!;
    const all = strings(post.blocks);
    expect(all.filter(({ key }) => key === 'image_url' || key === 'url').map(({ text }) => text)).toEqual([]);
    expect(JSON.stringify(post.blocks)).not.toMatch(/"type":"image"/);
    expect(JSON.stringify(post)).not.toMatch(/<script|onerror|<iframe|<img/i);
    // What the feed typed as a markdown link is only characters in mrkdwn, which has no [label](url) syntax.
    expect(JSON.stringify(post)).toContain('[click](javascript:alert(1))');
  });

  it('drops control, bidi and zero-width characters but keeps the words readable', () => {
    const post = alertPosts[0]!;
    for (const { text } of [{ text: post.text }, ...strings(post.blocks)]) expect(text, JSON.stringify(text)).not.toMatch(INVISIBLE);
    const shown = JSON.stringify(post.blocks);
    expect(shown).toContain('CareCloud');
    expect(shown).toMatch(/intruders reached an EHR environment/);
    // The Slack syntax the feed wrote is shown as the characters it typed, escaped.
    expect(shown).toContain('&lt;!channel&gt;');
  });

  it('does what no instruction in the feed asked: nothing is acknowledged or muted', async () => {
    expect(view.acknowledgement).toBeNull();
    expect(view.mutedUntil).toBeNull();
    expect(await harness.app.store.interactions.activeMute('CareCloud', harness.clock.now())).toBeNull();
    expect(harness.slack.callsTo('chat.update')).toEqual([]);
  });
});

describe('Teams: the Adaptive Card of the same alert', () => {
  it('links only the http(s) source and shows no image, mention or template', () => {
    const card = renderAlertCard(view);
    const all = strings(card);
    const urls = all.filter(({ key }) => key === 'url' || key === 'iconUrl' || key === 'backgroundImage');
    expect(urls.map(({ text }) => text).every((url) => url === SAFE_SOURCE)).toBe(true);
    expect(JSON.stringify(card)).not.toMatch(/"type":"Image"/);
    for (const { key, text } of all) {
      if (key !== 'text' && key !== 'title' && key !== 'value') continue;
      // Unescaped markdown link and image openers; every literal one the feed wrote arrives backslash-escaped.
      for (const match of text.matchAll(/(?<!\\)\]\(([^)]*)\)/g)) expect(match[1], text).toBe(SAFE_SOURCE);
      expect(text, text).not.toMatch(/(?<!\\)!\[/);
      expect(text, text).not.toMatch(/(?<!\\)<at>/i);
      expect(text, text).not.toMatch(/(?<!\\)\{\{/);
      expect(text, text).not.toMatch(/(?<!\\)\*\*Act now/);
      // The renderer's own defanging (`https:\u200b//`, so Teams does not auto-link) is the one zero-width space allowed.
      expect(text.replace(/\b(https?|ftp|file|javascript|data):\u200b\/\//gi, ''), JSON.stringify(text)).not.toMatch(INVISIBLE);
      expect(text, text).not.toMatch(/(?<!\u200b)\/\/evil\.example/);
    }
    expect(JSON.stringify(card)).toContain('CareCloud');
  });
});

describe('console: the same alert printed to a terminal', () => {
  it('vendorwatch poll --once prints the alert with no escape sequence or invisible character', async () => {
    const run = await runCli(['poll', '--once', '--backfill'], {
      VENDORWATCH_DB: tempDbPath(),
      VENDORWATCH_FEEDS: harness.feeds.url('/hostile.xml'),
      ...LOOPBACK_FEEDS_ALLOWED,
    });
    expect(run.code, run.stderr).toBe(0);
    const alerts = run.stdout.split('\n').filter((line) => line.startsWith('=== ALERT'));
    expect(alerts).toEqual([expect.stringContaining('CareCloud')]);
    expect(run.stdout).not.toMatch(INVISIBLE);
    expect(run.stdout).toContain('intruders reached an EHR environment');
  });

  it('prints no escape sequence, control, bidi or zero-width character', () => {
    const printed = formatAlert(view);
    expect(printed).not.toMatch(INVISIBLE);
    expect(printed).not.toContain('\u001b');
    expect(printed).toContain('CareCloud');
    expect(printed).toContain(SAFE_SOURCE);
    // The javascript: and data: items are listed, but with no link at all.
    expect(printed).not.toMatch(/javascript:alert\(document|data:text\/html/);
  });
});
