import { afterEach, describe, expect, it } from 'vitest';
import { createTeamsAdapter, type TeamsAdapterOptions } from '../../adapters/teams/create-teams-adapter.js';
import { type AlertView, type ChatAdapter, DeliveryError, type PostedMessage } from '../../src/core/chat.js';
import { silentLogger } from '../../src/log.js';
import type { TestChatCore } from '../support/chat-core.js';
import { captureLogger } from './support/capture-logger.js';
import { cardTexts, markdownLinks } from './support/card-links.js';
import { type FakeConnector, startFakeConnector } from './support/fake-connector.js';
import { loadActivity, loadAlert } from './support/load-fixture.js';
import { coreWithCareCloudAlert } from './support/loopback-harness.js';
import { type RoutesServer, startRoutesServer } from './support/routes-server.js';

const CHANNEL = '19:sec-ops-general@thread.tacv2';
const PRIYA_AAD = '3a9b7c1d-0000-4000-8000-00000000bb02';

interface Harness {
  connector: FakeConnector;
  server: RoutesServer;
  core: TestChatCore;
  adapter: ChatAdapter;
  sleeps: number[];
  post(activity: unknown): Promise<{ status: number; text: string; json: () => unknown }>;
  restart(): Promise<ChatAdapter>;
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function harness(options: Partial<TeamsAdapterOptions> = {}): Promise<Harness> {
  const connector = await startFakeConnector();
  const server = await startRoutesServer();
  const core = coreWithCareCloudAlert();
  cleanups.push(
    async () => core.close(),
    () => connector.close(),
    () => server.close(),
  );
  const sleeps: number[] = [];
  const make = () =>
    createTeamsAdapter({
      appId: null,
      appPassword: null,
      dangerouslyAllowUnauthenticated: true,
      logger: silentLogger,
      retry: { baseDelayMs: 5, sleep: async (ms) => void sleeps.push(ms) },
      ...options,
    });
  const adapter = make();
  await adapter.start(core, server.routes);
  return {
    connector,
    server,
    core,
    adapter,
    sleeps,
    post: (activity) => server.post('/api/messages', activity),
    // A new process: a fresh adapter over the same store, without the HTTP server (like `poll --once`).
    restart: async () => {
      await adapter.stop();
      const next = make();
      await next.start(core, null);
      return next;
    },
  };
}

async function installed(options: Partial<TeamsAdapterOptions> = {}): Promise<Harness> {
  const h = await harness(options);
  const res = await h.post(loadActivity('conversation-update-bot-added-to-team', { SERVICE_URL: h.connector.url }));
  expect(res.status).toBe(200);
  return h;
}

function cardOf(body: Record<string, unknown>): unknown {
  const attachments = body.attachments as { contentType: string; content: unknown }[];
  expect(attachments[0]!.contentType).toBe('application/vnd.microsoft.card.adaptive');
  return attachments[0]!.content;
}

async function postCareCloudAlert(h: Harness, adapter: ChatAdapter = h.adapter): Promise<PostedMessage> {
  const [destination] = await adapter.destinationsFor({ name: 'CareCloud' });
  const posted = await adapter.postAlert(destination!, (await h.core.alertView(1))!, 'delivery-1');
  h.core.linkMessage(1, 'teams', posted.destination.address, posted.messageId);
  return posted;
}

describe('installation', () => {
  it('stores the conversation reference when the bot is added to a team, and routes alerts there', async () => {
    const h = await installed();
    const [record] = await h.core.conversations('teams');
    expect(record).toMatchObject({ platform: 'teams', conversationId: CHANNEL, name: 'Security Operations', active: true });
    expect(record!.reference).toMatchObject({
      serviceUrl: h.connector.url,
      channelId: 'msteams',
      conversation: { id: CHANNEL, conversationType: 'channel' },
    });
    expect(await h.adapter.destinationsFor({ name: 'CareCloud' })).toEqual([{ platform: 'teams', address: CHANNEL }]);
    expect(h.connector.calls).toEqual([]);
  });

  it('keeps personal installs for lookups but sends them no alerts', async () => {
    const h = await harness();
    await h.post(loadActivity('installation-update-add-personal', { SERVICE_URL: h.connector.url }));
    const records = await h.core.conversations('teams');
    expect(records.map((r) => r.conversationId)).toEqual(['a:1personal-chat-priya']);
    expect(await h.adapter.destinationsFor({ name: 'CareCloud' })).toEqual([]);
  });

  it('marks a personal chat inactive when the app is uninstalled (installationUpdate remove)', async () => {
    const h = await harness();
    const add = loadActivity('installation-update-add-personal', { SERVICE_URL: h.connector.url });
    await h.post(add);
    await h.post({ ...add, id: 'f:personal-remove', action: 'remove' });
    expect(await h.core.conversations('teams')).toMatchObject([{ conversationId: 'a:1personal-chat-priya', active: false }]);
    expect(h.core.inactiveConversations('teams')).toEqual([{ conversationId: 'a:1personal-chat-priya', reason: 'app uninstalled' }]);
  });

  it('marks the conversation inactive when the bot is removed from the team', async () => {
    const h = await installed();
    await h.post(loadActivity('conversation-update-bot-removed-from-team', { SERVICE_URL: h.connector.url }));
    expect((await h.core.conversations('teams'))[0]!.active).toBe(false);
    expect(await h.adapter.destinationsFor({ name: 'CareCloud' })).toEqual([]);
  });

  it('learns another channel of the team, with its name, from the first mention there', async () => {
    const h = await installed();
    h.connector.setTeamChannels(CHANNEL, [{ id: CHANNEL }, { id: '19:vendor-risk@thread.tacv2', name: 'Vendor risk' }]);
    await h.post(loadActivity('message-other-channel-mention', { SERVICE_URL: h.connector.url, TEXT: 'help' }));
    const stored = (await h.core.conversations('teams')).find((c) => c.conversationId === '19:vendor-risk@thread.tacv2');
    expect(stored).toMatchObject({ name: 'Vendor risk', active: true });
    expect(await h.adapter.destinationsFor({ name: 'CareCloud', teamsChannel: '19:vendor-risk@thread.tacv2' })).toEqual([
      { platform: 'teams', address: '19:vendor-risk@thread.tacv2' },
    ]);
    // The General channel keeps the team's name.
    expect((await h.core.conversations('teams')).find((c) => c.conversationId === CHANNEL)!.name).toBe('Security Operations');
  });

  it('follows a renamed channel and stops alerting a deleted one', async () => {
    const h = await installed();
    h.connector.setTeamChannels(CHANNEL, [{ id: '19:vendor-risk@thread.tacv2', name: 'Vendor risk' }]);
    await h.post(loadActivity('message-other-channel-mention', { SERVICE_URL: h.connector.url, TEXT: 'help' }));
    const event = (eventType: string, channel: Record<string, string>) => {
      const activity = loadActivity('conversation-update-bot-added-to-team', { SERVICE_URL: h.connector.url });
      delete activity.membersAdded;
      activity.channelData = { eventType, channel, team: { id: CHANNEL }, tenant: { id: 't' } };
      return activity;
    };
    await h.post(event('channelRenamed', { id: '19:vendor-risk@thread.tacv2', name: 'Third-party risk' }));
    expect((await h.core.conversations('teams')).find((c) => c.conversationId === '19:vendor-risk@thread.tacv2')).toMatchObject({
      name: 'Third-party risk',
      active: true,
    });
    await h.post(event('channelDeleted', { id: '19:vendor-risk@thread.tacv2', name: 'Third-party risk' }));
    expect(await h.adapter.destinationsFor({ name: 'CareCloud' })).toEqual([{ platform: 'teams', address: CHANNEL }]);
  });

  it("routes a vendor's teams_channel by conversation id, and falls back to every channel with a warning when it matches none", async () => {
    const capture = captureLogger();
    const h = await installed({ logger: capture.logger });
    h.connector.setTeamChannels(CHANNEL, [{ id: '19:vendor-risk@thread.tacv2', name: 'Vendor risk' }]);
    await h.post(loadActivity('message-other-channel-mention', { SERVICE_URL: h.connector.url, TEXT: 'help' }));
    expect(await h.adapter.destinationsFor({ name: 'CareCloud', teamsChannel: '19:vendor-risk@thread.tacv2' })).toEqual([
      { platform: 'teams', address: '19:vendor-risk@thread.tacv2' },
    ]);
    // A display name is not an address, however well it matches: it falls back like any unknown value.
    const everyChannel = [
      { platform: 'teams', address: CHANNEL },
      { platform: 'teams', address: '19:vendor-risk@thread.tacv2' },
    ];
    expect(await h.adapter.destinationsFor({ name: 'CareCloud', teamsChannel: 'Vendor risk' })).toEqual(everyChannel);
    expect(await h.adapter.destinationsFor({ name: 'CareCloud', teamsChannel: 'No Such Channel' })).toEqual(everyChannel);
    const warnings = capture.lines().filter((l) => l.level === 40 && l.msg.startsWith('teams: teams_channel matches no conversation id'));
    expect(warnings.map((l) => l.teamsChannel)).toEqual(['Vendor risk', 'No Such Channel']);
  });

  it('tells people in a channel the id to put in teams_channel when they ask for help', async () => {
    const h = await installed();
    await h.post(loadActivity('message-channel-mention', { SERVICE_URL: h.connector.url, TEXT: 'help' }));
    expect(cardTexts(cardOf(h.connector.delivered('reply')[0]!.body))).toContain(`This channel's id for teams\\_channel: ${CHANNEL}`);
    await h.post(loadActivity('message-personal', { SERVICE_URL: h.connector.url, TEXT: 'help' }));
    expect(cardTexts(cardOf(h.connector.delivered('reply')[1]!.body)).join('\n')).not.toContain('teams\\_channel');
  });
});

describe('alerts', () => {
  it('sends one Adaptive Card with the four source links to the stored channel and returns its activity id', async () => {
    const h = await installed();
    const posted = await postCareCloudAlert(h);
    const sends = h.connector.delivered('send');
    expect(sends).toHaveLength(1);
    expect(sends[0]!.conversationId).toBe(CHANNEL);
    expect(posted).toEqual({ destination: { platform: 'teams', address: CHANNEL }, messageId: sends[0]!.createdId });
    const card = cardOf(sends[0]!.body);
    expect(markdownLinks(card).map((l) => l.url)).toEqual([
      'https://techcrunch.com/2026/03/30/carecloud-breach-medical-records/',
      'https://www.hipaajournal.com/carecloud-unauthorized-access/',
      'https://securityblog.example/carecloud-data-breach',
      'https://thearabianpost.com/carecloud-ehr-breach/',
    ]);
    expect(JSON.stringify(card)).toContain('"verb":"ack"');
    expect(sends[0]!.body).toMatchObject({ type: 'message', conversation: { id: CHANNEL }, from: { id: '28:vendorwatch-bot' } });
  });

  it('posts a later report as a reply in the alert thread and edits the card in place, also after a restart', async () => {
    const h = await installed();
    const posted = await postCareCloudAlert(h);
    const adapter = await h.restart();

    const alert = (await h.core.alertView(1))!;
    const newSource = {
      title: 'CareCloud follow-up: notification letters going out',
      url: 'https://www.hipaajournal.com/carecloud-letters/',
      outlet: 'HIPAA Journal',
      published: '2026-04-10',
    };
    const updated: AlertView = { ...alert, sources: [...alert.sources, newSource], updatedAt: '2026-04-10T08:00:00.000Z' };
    const reply = await adapter.postThreadUpdate(posted, { alert: updated, newSources: [newSource], newFacts: [] }, 'delivery-2');
    await adapter.refreshAlert(posted, updated);

    const [threaded] = h.connector.delivered('reply');
    expect(threaded).toMatchObject({ conversationId: `${CHANNEL};messageid=${posted.messageId}`, activityId: posted.messageId });
    expect(reply.messageId).toBe(threaded!.createdId);
    expect(markdownLinks(cardOf(threaded!.body)).map((l) => l.url)).toEqual(['https://www.hipaajournal.com/carecloud-letters/']);

    const [edit] = h.connector.delivered('update');
    expect(edit).toMatchObject({ method: 'PUT', conversationId: CHANNEL, activityId: posted.messageId });
    expect(markdownLinks(cardOf(edit!.body))).toHaveLength(5);
    expect(h.connector.delivered('send')).toHaveLength(1);
  });

  it('posts reminders in the alert thread and digests at the top level', async () => {
    const h = await installed();
    const posted = await postCareCloudAlert(h);
    await h.adapter.postNotice(
      posted.destination,
      { kind: 'reminder', text: 'Not acknowledged after 4 hours.', alert: (await h.core.alertView(1))! },
      posted,
      'd-3',
    );
    await h.adapter.postNotice(posted.destination, { kind: 'digest', text: 'Weekly digest\n1 open incident' }, null, 'd-4');
    expect(h.connector.delivered('reply')[0]!.conversationId).toBe(`${CHANNEL};messageid=${posted.messageId}`);
    expect(cardTexts(cardOf(h.connector.delivered('send')[1]!.body))).toContain('1 open incident');
  });
});

describe('acknowledge', () => {
  it('an Action.Execute ack records who acknowledged, answers with the refreshed card and edits the original', async () => {
    const h = await installed();
    const posted = await postCareCloudAlert(h);
    const res = await h.post(loadActivity('invoke-card-action', { SERVICE_URL: h.connector.url, CARD_ID: posted.messageId, VERB: 'ack' }));
    expect(res.status).toBe(200);
    const answer = res.json() as { statusCode: number; type: string; value: unknown };
    expect(answer.statusCode).toBe(200);
    expect(answer.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardTexts(answer.value).join('\n')).toContain('Acknowledged by **Priya Raman**');
    expect(JSON.stringify(answer.value)).not.toContain('"verb":"ack"');

    expect(h.core.acknowledgement(1)).toMatchObject({ platform: 'teams', userId: PRIYA_AAD, userName: 'Priya Raman' });
    const [edit] = h.connector.delivered('update');
    expect(edit).toMatchObject({ conversationId: CHANNEL, activityId: posted.messageId });
    expect(cardTexts(cardOf(edit!.body)).join('\n')).toContain('Acknowledged by **Priya Raman**');

    const again = await h.post(
      loadActivity('invoke-card-action', { SERVICE_URL: h.connector.url, CARD_ID: posted.messageId, VERB: 'ack' }),
    );
    expect(cardTexts((again.json() as { value: unknown }).value).join('\n')).toContain('Already acknowledged by Priya Raman');
    expect(h.connector.delivered('update')).toHaveLength(1);
  });

  it('refuses a user without the permission and records nothing', async () => {
    const h = await installed();
    const posted = await postCareCloudAlert(h);
    h.core.setRoles({ admins: [], responders: ['0d0d0d0d-0000-4000-8000-00000000re99'] });
    const res = await h.post(loadActivity('invoke-card-action', { SERVICE_URL: h.connector.url, CARD_ID: posted.messageId, VERB: 'ack' }));
    expect(res.json()).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.activity.message' });
    expect(String((res.json() as { value: unknown }).value)).toContain('cannot acknowledge');
    expect(h.core.acknowledgement(1)).toBeNull();
    expect(h.connector.delivered('update')).toHaveLength(0);
  });

  it('refresh answers with the current card, and mute7d mutes the vendor for seven days', async () => {
    const h = await installed();
    const posted = await postCareCloudAlert(h);
    const refresh = await h.post(
      loadActivity('invoke-card-action', { SERVICE_URL: h.connector.url, CARD_ID: posted.messageId, VERB: 'refresh' }),
    );
    expect(cardTexts((refresh.json() as { value: unknown }).value).join('\n')).toContain('CareCloud reports intruder access');

    const mute = await h.post(
      loadActivity('invoke-card-action', { SERVICE_URL: h.connector.url, CARD_ID: posted.messageId, VERB: 'mute7d' }),
    );
    expect(h.core.muteCalls).toEqual([
      {
        input: { vendor: 'CareCloud', actor: { platform: 'teams', userId: PRIYA_AAD, userName: 'Priya Raman' }, days: 7 },
        outcome: { kind: 'muted', vendor: 'CareCloud', until: '2026-04-04T09:30:00.000Z' },
      },
    ]);
    expect(cardTexts((mute.json() as { value: unknown }).value).join('\n')).toContain('muted until 2026-04-04');
  });

  it('answers a card action with a retryable error when the core fails', async () => {
    const h = await installed();
    const posted = await postCareCloudAlert(h);
    h.core.acknowledge = async () => {
      throw new Error('database is locked');
    };
    const res = await h.post(loadActivity('invoke-card-action', { SERVICE_URL: h.connector.url, CARD_ID: posted.messageId, VERB: 'ack' }));
    expect(res.status).toBe(500);
    expect(res.json()).toMatchObject({ statusCode: 500, type: 'application/vnd.microsoft.error', value: { code: 'InternalError' } });
  });

  it('refuses a card action whose data names another incident than its card', async () => {
    const h = await installed();
    const posted = await postCareCloudAlert(h);
    h.core.addAlert({ ...loadAlert('carecloud-alert'), incidentId: 2, incidentKey: 'other-2026-04' });
    const activity = loadActivity('invoke-card-action', { SERVICE_URL: h.connector.url, CARD_ID: posted.messageId, VERB: 'ack' });
    (activity.value as { action: { data: { incidentId: number } } }).action.data.incidentId = 2;
    expect((await h.post(activity)).status).toBe(400);
    expect(h.core.acknowledgeCalls).toEqual([]);
  });

  it('rejects a card action with a malformed payload', async () => {
    const h = await installed();
    const activity = loadActivity('invoke-card-action', { SERVICE_URL: h.connector.url, CARD_ID: '1', VERB: 'ack' });
    (activity.value as { action: { data: unknown } }).action.data = { incidentId: 'DROP TABLE' };
    const res = await h.post(activity);
    expect(res.status).toBe(400);
    expect(h.core.acknowledgeCalls).toEqual([]);
  });

  it('a thread reply "ack" acknowledges the alert of that thread', async () => {
    const h = await installed();
    const posted = await postCareCloudAlert(h);
    const res = await h.post(
      loadActivity('message-thread-reply', { SERVICE_URL: h.connector.url, ROOT_ID: posted.messageId, TEXT: 'ack calling their CISO' }),
    );
    expect(res.status).toBe(200);
    expect(h.core.acknowledgement(1)).toMatchObject({ userName: 'Marcus Lee', comment: 'calling their CISO' });
    const [answer] = h.connector.delivered('reply');
    expect(answer!.conversationId).toBe(`${CHANNEL};messageid=${posted.messageId}`);
    expect(cardTexts(cardOf(answer!.body)).join('\n')).toContain('Acknowledged by Marcus Lee');
    expect(h.connector.delivered('update')[0]).toMatchObject({ conversationId: CHANNEL, activityId: posted.messageId });
  });
});

describe('commands', () => {
  it('"@Vendorwatch incidents carecloud" answers in the thread with that incident', async () => {
    const h = await installed();
    const res = await h.post(loadActivity('message-channel-mention', { SERVICE_URL: h.connector.url, TEXT: 'incidents carecloud' }));
    expect(res.status).toBe(200);
    const [answer] = h.connector.delivered('reply');
    expect(answer).toMatchObject({ conversationId: `${CHANNEL};messageid=1711100000001`, activityId: '1711100000001' });
    const text = cardTexts(cardOf(answer!.body)).join('\n');
    expect(text).toContain('Incidents for **CareCloud** (1)');
    expect(text).toContain('CareCloud reports intruder access');
  });

  it('"incidents carclod" (no such vendor) answers with suggestions', async () => {
    const h = await installed();
    h.core.addVendor({ name: 'Change Healthcare' });
    h.core.addVendor({ name: 'Epic Systems' });
    // Two letters off CareCloud: one typo would be taken as CareCloud itself.
    await h.post(loadActivity('message-channel-mention', { SERVICE_URL: h.connector.url, TEXT: 'incidents carclod' }));
    const text = cardTexts(cardOf(h.connector.delivered('reply')[0]!.body)).join('\n');
    expect(text).toContain('No vendor on the watchlist matches “carclod”');
    expect(text).toContain('Did you mean');
    expect(text).toContain('incidents CareCloud');
  });

  it('answers "recent" and "help" in a personal chat without a mention, and saves that chat', async () => {
    const h = await harness();
    await h.post(loadActivity('message-personal', { SERVICE_URL: h.connector.url, TEXT: 'recent' }));
    await h.post(loadActivity('message-personal', { SERVICE_URL: h.connector.url, TEXT: 'help' }));
    const [recent, help] = h.connector.delivered('reply');
    expect(recent!.conversationId).toBe('a:1personal-chat-priya');
    expect(cardTexts(cardOf(recent!.body)).join('\n')).toContain('Incidents of the last 7 days (1)');
    expect(cardTexts(cardOf(help!.body)).join('\n')).toContain('incidents VENDOR');
    expect((await h.core.conversations('teams')).map((c) => c.conversationId)).toEqual(['a:1personal-chat-priya']);
  });

  it('caps what it echoes back from a long message', async () => {
    const h = await harness();
    await h.post(loadActivity('message-personal', { SERVICE_URL: h.connector.url, TEXT: `incidents ${'x'.repeat(5000)}` }));
    const text = cardTexts(cardOf(h.connector.delivered('reply')[0]!.body)).join('\n');
    expect(text.length).toBeLessThan(400);
  });
});

describe('connector etiquette', () => {
  it('a 429 is retried after its Retry-After and the alert is sent once', async () => {
    const h = await installed();
    h.connector.failNext({ status: 429, headers: { 'retry-after': '2' } });
    await postCareCloudAlert(h);
    expect(h.connector.calls.map((c) => c.status)).toEqual([429, 201]);
    expect(h.connector.delivered('send')).toHaveLength(1);
    expect(h.sleeps).toEqual([2000]);
  });

  it('a 5xx is retried with backoff, a bounded number of times, then reported as transient', async () => {
    const h = await installed({ retry: { maxAttempts: 3, baseDelayMs: 5, sleep: async () => {} } });
    h.connector.failNext({ status: 500 }, { status: 503 }, { status: 502 });
    const error = await h.adapter
      .postAlert({ platform: 'teams', address: CHANNEL }, loadAlert('carecloud-alert'), 'd-1')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeliveryError);
    expect(error).toMatchObject({ kind: 'transient', code: 'http_502' });
    // Exactly our three attempts: botbuilder's own retry policy must not multiply them.
    expect(h.connector.calls).toHaveLength(3);
  });

  it('a Retry-After longer than the wait budget is handed to the core as rate_limited', async () => {
    const h = await installed();
    h.connector.failNext({ status: 429, headers: { 'retry-after': '3600' } });
    const error = await h.adapter
      .postAlert({ platform: 'teams', address: CHANNEL }, loadAlert('carecloud-alert'), 'd-1')
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'rate_limited', code: 'http_429', retryAfterMs: 3_600_000 });
    expect(h.connector.calls).toHaveLength(1);
  });

  it('a 403 (bot removed) marks the conversation inactive with a clear log line and fails permanently', async () => {
    const capture = captureLogger();
    const h = await installed({ logger: capture.logger });
    h.connector.failNext({ status: 403, code: 'BotNotInConversationRoster' });
    const error = await h.adapter
      .postAlert({ platform: 'teams', address: CHANNEL }, loadAlert('carecloud-alert'), 'd-1')
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'permanent', code: 'http_403' });
    expect(h.connector.calls).toHaveLength(1);
    expect(h.core.inactiveConversations('teams')).toEqual([
      { conversationId: CHANNEL, reason: expect.stringContaining('BotNotInConversationRoster') },
    ]);
    expect(await h.adapter.destinationsFor({ name: 'CareCloud' })).toEqual([]);
    expect(capture.lines().some((l) => l.msg.includes('no longer in the conversation') && l.conversationId === CHANNEL)).toBe(true);
  });

  it('a 404 when editing a deleted message does not deactivate the conversation', async () => {
    const h = await installed();
    const posted = await postCareCloudAlert(h);
    h.connector.failNext({ status: 404, code: 'ActivityNotFound' });
    await expect(h.adapter.refreshAlert(posted, loadAlert('carecloud-alert'))).rejects.toMatchObject({ kind: 'permanent' });
    expect(h.core.inactiveConversations('teams')).toEqual([]);
  });

  it('refuses to post into a conversation it has no reference for', async () => {
    const h = await harness();
    await expect(
      h.adapter.postAlert({ platform: 'teams', address: '19:unknown@thread.tacv2' }, loadAlert('carecloud-alert'), 'd'),
    ).rejects.toMatchObject({
      kind: 'permanent',
      code: 'conversation_not_found',
    });
  });
});

describe('endpoint', () => {
  it('with an app id set, an unauthenticated request gets 401 and changes nothing', async () => {
    const h = await harness({
      appId: '00000000-1111-4222-8333-444444444444',
      appPassword: 'not-a-real-secret',
      dangerouslyAllowUnauthenticated: false,
    });
    expect(h.server.mounted).toEqual(['/api/messages']);
    const res = await h.post(loadActivity('conversation-update-bot-added-to-team', { SERVICE_URL: h.connector.url }));
    expect(res.status).toBe(401);
    // A forged token goes through botbuilder's own validation, which refuses it too.
    const forged = await h.server.post(
      '/api/messages',
      loadActivity('conversation-update-bot-added-to-team', { SERVICE_URL: h.connector.url }),
      {
        authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJhdWQiOiIwMDAwMDAwMC0xMTExIn0.',
      },
    );
    expect(forged.status).toBe(401);
    expect(await h.core.conversations('teams')).toEqual([]);
    expect(h.connector.calls).toEqual([]);
  });

  it('never logs the app password, even at debug level', async () => {
    const capture = captureLogger();
    const h = await harness({
      appId: '00000000-1111-4222-8333-444444444444',
      appPassword: 'pa55-very-secret-value',
      logger: capture.logger,
      dangerouslyAllowUnauthenticated: false,
    });
    await h.post(loadActivity('conversation-update-bot-added-to-team', { SERVICE_URL: h.connector.url }));
    await h.server.post('/api/messages', { type: 'message' }, { authorization: 'Bearer x.y.z' });
    expect(capture.lines().length).toBeGreaterThan(0);
    expect(JSON.stringify(capture.lines())).not.toContain('pa55-very-secret-value');
  });

  it('without an app id and without the dangerous switch there is no endpoint', async () => {
    const h = await harness({ dangerouslyAllowUnauthenticated: false });
    expect(h.server.mounted).toEqual([]);
    expect((await h.post({ type: 'message' })).status).toBe(404);
  });

  it('warns loudly when it runs unauthenticated', async () => {
    const capture = captureLogger();
    await harness({ logger: capture.logger });
    expect(capture.lines().some((l) => l.level >= 40 && l.msg.includes('TEAMS_DANGEROUSLY_ALLOW_UNAUTHENTICATED'))).toBe(true);
  });

  it('refuses bodies that are too large, not JSON, or not POST', async () => {
    const h = await harness({ maxBodyBytes: 1000 });
    expect((await h.post({ type: 'message', text: 'x'.repeat(5000) })).status).toBe(413);
    expect((await h.post('{not json')).status).toBe(400);
    expect((await h.post({ text: 'no type' })).status).toBe(400);
    expect((await h.post([1, 2])).status).toBe(400);
    expect((await fetch(`${h.server.url}/api/messages`)).status).toBe(405);
    expect(h.connector.calls).toEqual([]);
  });
});
