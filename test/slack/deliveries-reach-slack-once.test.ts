import { afterEach, describe, expect, it } from 'vitest';
import { type AlertView, DeliveryError, type ThreadUpdateView } from '../../src/core/chat.js';
import carecloudCase from './fixtures/alert-carecloud.json' with { type: 'json' };
import hostileCase from './fixtures/alert-hostile.json' with { type: 'json' };
import updateCase from './fixtures/thread-update-lawsuit.json' with { type: 'json' };
import { ALERT_CHANNEL, BOT_TOKEN, blocksOf, type SlackTestRig, startSlackRig } from './support/slack-harness.js';

const carecloud = carecloudCase.input as AlertView;
const hostile = hostileCase.input as AlertView;
const update = updateCase.input as ThreadUpdateView;
const destination = { platform: 'slack' as const, address: ALERT_CHANNEL };

let rig: SlackTestRig | null = null;
afterEach(async () => {
  await rig?.close();
  rig = null;
});

async function deliverOnly(overrides = {}): Promise<SlackTestRig> {
  rig = await startSlackRig(overrides, false);
  return rig;
}

async function rejection(promise: Promise<unknown>): Promise<DeliveryError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DeliveryError);
  return error as DeliveryError;
}

describe('deliveries reach Slack once', () => {
  it('posts an alert with blocks, fallback text, no unfurls, the delivery metadata and the bot token', async () => {
    const { api, adapter } = await deliverOnly();
    const posted = await adapter.postAlert(destination, carecloud, 'dlv-42');
    const [call] = api.callsTo('chat.postMessage');
    expect(api.callsTo('chat.postMessage')).toHaveLength(1);
    expect(posted).toEqual({ destination, messageId: expect.stringMatching(/^\d+\.\d+$/) });
    expect(call!.token).toBe(BOT_TOKEN);
    expect(call!.params.channel).toBe(ALERT_CHANNEL);
    expect(call!.params.unfurl_links).toBe('false');
    expect(call!.params.unfurl_media).toBe('false');
    expect(JSON.parse(call!.params.metadata!)).toEqual({
      event_type: 'vendorwatch_delivery',
      event_payload: { delivery_id: 'dlv-42', incident_id: 1 },
    });
    expect(call!.params.text).toContain('CareCloud (critical) reported breached');
    const sources = JSON.stringify(blocksOf(call!.params)).match(/<https:\/\/[^|]+\|[^>]+>/g) ?? [];
    expect(sources).toHaveLength(4);
  });

  it('a feed title with <!channel>, @here, <https://evil|click> and a javascript: link reaches Slack as harmless text', async () => {
    const { api, adapter } = await deliverOnly();
    await adapter.postAlert(destination, hostile, 'dlv-7');
    const { params } = api.callsTo('chat.postMessage')[0]!;
    const sent = `${params.text}\n${params.blocks}`;
    expect(sent).not.toMatch(/<!(channel|here|everyone)/);
    expect(sent).not.toMatch(/<@U0EVIL|<#C0EVIL|<!subteam/);
    expect(sent).not.toMatch(/(?<!\u200D)@here/);
    expect(sent).not.toMatch(/<https:\/\/evil\.test\|/);
    expect(sent).not.toMatch(/<(javascript|data):/i);
    expect(sent).toContain('&lt;!channel&gt;');
    expect(sent).toContain('&lt;https://evil.test|click&gt;');
  });

  it('waits out a 429 as long as Retry-After says and sends the message exactly once', async () => {
    const { api, adapter } = await deliverOnly();
    api.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    const posted = await adapter.postAlert(destination, carecloud, 'dlv-1');
    const calls = api.callsTo('chat.postMessage');
    expect(calls).toHaveLength(2);
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(950);
    // The first attempt was refused, so the second is the one message in the channel.
    expect(posted.messageId).toMatch(/^\d+\.\d+$/);
  });

  it('hands a Retry-After longer than it may wait to the delivery worker as rate_limited', async () => {
    const { api, adapter } = await deliverOnly({ retry: { maxRetryAfterMs: 5000, baseDelayMs: 10 } });
    api.failNext('chat.postMessage', { status: 429, retryAfter: 120 });
    const error = await rejection(adapter.postAlert(destination, carecloud, 'dlv-1'));
    expect(error.kind).toBe('rate_limited');
    expect(error.retryAfterMs).toBe(120_000);
    expect(api.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('throws a permanent error with a fix-it message and does not retry it', async () => {
    const { api, adapter } = await deliverOnly();
    api.failNext('chat.postMessage', { error: 'not_in_channel' });
    const error = await rejection(adapter.postAlert(destination, carecloud, 'dlv-1'));
    expect(error.kind).toBe('permanent');
    expect(error.code).toBe('not_in_channel');
    expect(error.message).toContain('/invite @Vendorwatch');
    expect(api.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('channel_not_found is permanent too', async () => {
    const { api, adapter } = await deliverOnly();
    api.failNext('chat.postMessage', { error: 'channel_not_found' });
    const error = await rejection(adapter.postAlert(destination, carecloud, 'dlv-1'));
    expect([error.kind, error.code]).toEqual(['permanent', 'channel_not_found']);
    expect(api.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('retries a 500 with backoff and succeeds', async () => {
    const { api, adapter } = await deliverOnly();
    api.failNext('chat.postMessage', { status: 500 }, 2);
    await adapter.postAlert(destination, carecloud, 'dlv-1');
    expect(api.callsTo('chat.postMessage')).toHaveLength(3);
  });

  it('gives up on repeated 500s after the bounded attempts as transient', async () => {
    const { api, adapter } = await deliverOnly({ retry: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 10 } });
    api.failNext('chat.postMessage', { status: 500 }, 10);
    const error = await rejection(adapter.postAlert(destination, carecloud, 'dlv-1'));
    expect([error.kind, error.code]).toEqual(['transient', 'http_500']);
    expect(api.callsTo('chat.postMessage')).toHaveLength(3);
  });

  it('treats an unreachable API as transient', async () => {
    const { adapter } = await deliverOnly({ apiUrl: 'http://127.0.0.1:9/api/', retry: { maxAttempts: 2, baseDelayMs: 5 } });
    const error = await rejection(adapter.postAlert(destination, carecloud, 'dlv-1'));
    expect([error.kind, error.code]).toEqual(['transient', 'network']);
  });

  it('posts a thread update under the alert and then refreshes the parent in place', async () => {
    const { api, adapter } = await deliverOnly();
    const parent = await adapter.postAlert(destination, carecloud, 'dlv-1');
    const reply = await adapter.postThreadUpdate(parent, update, 'dlv-2');
    await adapter.refreshAlert(parent, update.alert);
    const posts = api.callsTo('chat.postMessage');
    expect(posts).toHaveLength(2);
    expect(posts[0]!.params.thread_ts).toBeUndefined();
    expect(posts[1]!.params.thread_ts).toBe(parent.messageId);
    expect(posts[1]!.params.text).toContain('1 new report');
    expect(reply.messageId).not.toBe(parent.messageId);
    const [edit] = api.callsTo('chat.update');
    expect(edit!.params).toMatchObject({ channel: ALERT_CHANNEL, ts: parent.messageId });
    expect(JSON.stringify(blocksOf(edit!.params))).toContain('5 sources');
  });

  it('posts notices at top level or in the alert thread', async () => {
    const { api, adapter } = await deliverOnly();
    const parent = await adapter.postAlert(destination, carecloud, 'dlv-1');
    await adapter.postNotice(destination, { kind: 'info', text: 'Feeds are healthy again.' }, null, 'dlv-3');
    await adapter.postNotice(destination, { kind: 'reminder', text: 'Still open after 4 hours.', alert: carecloud }, parent, 'dlv-4');
    const [, top, reminder] = api.callsTo('chat.postMessage');
    expect(top!.params.thread_ts).toBeUndefined();
    expect(reminder!.params.thread_ts).toBe(parent.messageId);
    expect(reminder!.params.text).toContain('<@UOWNER001>');
  });

  it('routes to the vendor channel, else the alert channel, else nowhere', async () => {
    const { adapter } = await deliverOnly();
    expect(await adapter.destinationsFor({ name: 'CareCloud', slackChannel: 'CEHR00001' })).toEqual([
      { platform: 'slack', address: 'CEHR00001' },
    ]);
    expect(await adapter.destinationsFor({ name: 'CareCloud' })).toEqual([{ platform: 'slack', address: ALERT_CHANNEL }]);
    const { createSlackAdapter } = await import('../../adapters/slack/create-slack-adapter.js');
    const { silentLogger } = await import('../../src/log.js');
    const noDefault = createSlackAdapter({ botToken: BOT_TOKEN, signingSecret: 's', logger: silentLogger });
    expect(await noDefault.destinationsFor({ name: 'CareCloud' })).toEqual([]);
  });

  it('mentions the owner of a high or critical vendor, not of a medium one', async () => {
    const { api, adapter } = await deliverOnly();
    await adapter.postAlert(destination, carecloud, 'dlv-1');
    await adapter.postAlert(destination, { ...carecloud, vendor: { ...carecloud.vendor, criticality: 'medium' } }, 'dlv-2');
    const [critical, medium] = api.callsTo('chat.postMessage');
    expect(critical!.params.blocks).toContain('<@UOWNER001>');
    expect(medium!.params.blocks).not.toContain('<@UOWNER001>');
    expect(medium!.params.blocks).toContain('UOWNER001');
  });

  it('keeps at least the configured interval between messages to one channel', async () => {
    const { api, adapter } = await deliverOnly({ minIntervalMsPerChannel: 200 });
    await Promise.all([
      adapter.postAlert(destination, carecloud, 'a'),
      adapter.postAlert(destination, carecloud, 'b'),
      adapter.postAlert({ platform: 'slack', address: 'COTHER001' }, carecloud, 'c'),
    ]);
    const same = api.callsTo('chat.postMessage').filter((c) => c.params.channel === ALERT_CHANNEL);
    expect(same).toHaveLength(2);
    expect(same[1]!.at - same[0]!.at).toBeGreaterThanOrEqual(180);
  });

  it('refuses a destination of another platform', async () => {
    const { adapter } = await deliverOnly();
    const error = await rejection(adapter.postAlert({ platform: 'teams', address: '19:abc' }, carecloud, 'd'));
    expect(error.kind).toBe('permanent');
  });
});
