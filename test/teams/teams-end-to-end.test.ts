// The whole product with Teams as its only platform: `vendorwatch start` receives the installation and the
// card actions; separate `vendorwatch poll --once` runs (new app instances over the same database, as after a
// restart) deliver to the fake connector with the reference they read back from the store.

import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FIXTURE_FEEDS, runCli, tempDbPath } from '../cli/run-cli.js';
import { startFakeSlackApi } from '../slack/support/fake-slack-api.js';
import { type FeedServer, startFeedServer } from '../support/feed-server.js';
import { cardTexts, markdownLinks } from './support/card-links.js';
import { type FakeConnector, startFakeConnector } from './support/fake-connector.js';
import { loadActivity } from './support/load-fixture.js';
import { postActivity, startBot } from './support/start-bot.js';

const OUTLETS = ['outlet-newswire.xml', 'outlet-newssite.atom', 'outlet-blog.rdf', 'outlet-analysis.xml'];
const CHANNEL = '19:sec-ops-general@thread.tacv2';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

describe('Teams end to end', () => {
  it('after installation, poll --once --backfill sends one CareCloud card with four links; a later report threads and edits it; Acknowledge is stored', async () => {
    const connector: FakeConnector = await startFakeConnector();
    const feeds: FeedServer = await startFeedServer(
      Object.fromEntries(OUTLETS.map((name) => [`/${name}`, { kind: 'feed' as const, file: join(FIXTURE_FEEDS, name) }])),
    );
    cleanups.push(
      () => connector.close(),
      () => feeds.close(),
    );
    const env = {
      VENDORWATCH_DB: tempDbPath(),
      VENDORWATCH_FEEDS: OUTLETS.map((name) => feeds.url(`/${name}`)).join(','),
      VENDORWATCH_MAX_ITEM_AGE_DAYS: '3650',
      TEAMS_DANGEROUSLY_ALLOW_UNAUTHENTICATED: 'true',
      HOST: '127.0.0.1',
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'info',
    };

    // 1. The long-running bot receives the installation. It polls a feed of its own, so that the outlets'
    // reports are still new to the poll below (a first poll records what is there without alerting).
    const bot = await startBot({ ...env, VENDORWATCH_FEEDS: feeds.url('/nothing-yet.xml'), VENDORWATCH_SCHEDULE: '0 0 1 1 *' });
    cleanups.push(() => void bot.stop());
    const install = await postActivity(bot, loadActivity('conversation-update-bot-added-to-team', { SERVICE_URL: connector.url }));
    expect(install.status).toBe(200);
    expect(connector.calls).toEqual([]);

    // 2. A separate process delivers: the conversation reference came back from the database.
    const first = await runCli(['poll', '--once', '--backfill'], env);
    expect(first.code).toBe(0);
    const sends = connector.delivered('send');
    expect(sends).toHaveLength(1);
    expect(sends[0]!.conversationId).toBe(CHANNEL);
    const card = (sends[0]!.body.attachments as { content: unknown }[])[0]!.content;
    expect(cardTexts(card).join('\n')).toContain('**CareCloud**');
    expect(markdownLinks(card)).toHaveLength(4);
    const alertId = sends[0]!.createdId!;

    // 3. Yet another process: the follow-up report is a threaded reply, and the card is edited in place.
    feeds.route('/outlet-analysis.xml', { kind: 'feed', file: join(FIXTURE_FEEDS, 'outlet-followup.xml'), etag: '"v2"' });
    const later = await runCli(['poll', '--once'], env);
    expect(later.code).toBe(0);
    expect(connector.delivered('send')).toHaveLength(1);
    const [reply] = connector.delivered('reply');
    expect(reply).toMatchObject({ conversationId: `${CHANNEL};messageid=${alertId}`, activityId: alertId });
    const edits = connector.delivered('update');
    expect(edits.length).toBeGreaterThanOrEqual(1);
    expect(edits.every((e) => e.conversationId === CHANNEL && e.activityId === alertId)).toBe(true);
    expect(markdownLinks((edits.at(-1)!.body.attachments as { content: unknown }[])[0]!.content)).toHaveLength(5);

    // 4. The running bot: the Acknowledge button on that card records who, and the store keeps it.
    const incidentId = (card as { actions: { data: { incidentId: number } }[] }).actions[0]!.data.incidentId;
    const invoke = loadActivity('invoke-card-action', { SERVICE_URL: connector.url, CARD_ID: alertId, VERB: 'ack' });
    (invoke.value as { action: { data: { incidentId: number } } }).action.data.incidentId = incidentId;
    const ack = await postActivity(bot, invoke);
    expect(ack.status).toBe(200);
    const answer = (await ack.json()) as { statusCode: number; type: string; value: unknown };
    expect(answer).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(cardTexts(answer.value).join('\n')).toContain('Acknowledged by **Priya Raman**');
    expect(await bot.stop()).toBe(0);
    const listed = await runCli(['incidents', 'CareCloud'], env);
    expect(listed.stdout).toMatch(/acknowledged/i);
    expect(listed.stdout).toContain('Priya Raman');
  });
});

describe('Slack and Teams together', () => {
  it('both receive the alert, and an acknowledgement in Teams shows on the Slack message too', async () => {
    const connector = await startFakeConnector();
    const slack = await startFakeSlackApi();
    const feeds = await startFeedServer(
      Object.fromEntries(OUTLETS.map((name) => [`/${name}`, { kind: 'feed' as const, file: join(FIXTURE_FEEDS, name) }])),
    );
    cleanups.push(
      () => connector.close(),
      () => slack.close(),
      () => feeds.close(),
    );
    const env = {
      VENDORWATCH_DB: tempDbPath(),
      VENDORWATCH_FEEDS: OUTLETS.map((name) => feeds.url(`/${name}`)).join(','),
      VENDORWATCH_MAX_ITEM_AGE_DAYS: '3650',
      TEAMS_DANGEROUSLY_ALLOW_UNAUTHENTICATED: 'true',
      HOST: '127.0.0.1',
      SLACK_BOT_TOKEN: 'xoxb-test-token-for-loopback',
      SLACK_SIGNING_SECRET: 'loopback-signing-secret',
      SLACK_ALERT_CHANNEL: 'C0ALERTS01',
      SLACK_API_URL: slack.apiUrl,
    };
    const bot = await startBot({ ...env, VENDORWATCH_FEEDS: feeds.url('/nothing-yet.xml'), VENDORWATCH_SCHEDULE: '0 0 1 1 *' });
    cleanups.push(() => void bot.stop());
    expect((await postActivity(bot, loadActivity('conversation-update-bot-added-to-team', { SERVICE_URL: connector.url }))).status).toBe(
      200,
    );

    expect((await runCli(['poll', '--once', '--backfill'], env)).code).toBe(0);
    const [teamsAlert] = connector.delivered('send');
    expect(connector.delivered('send')).toHaveLength(1);
    expect(slack.callsTo('chat.postMessage')).toHaveLength(1);
    expect(slack.callsTo('chat.postMessage')[0]!.params.channel).toBe('C0ALERTS01');

    const card = (teamsAlert!.body.attachments as { content: { actions: { data: { incidentId: number } }[] } }[])[0]!.content;
    const invoke = loadActivity('invoke-card-action', { SERVICE_URL: connector.url, CARD_ID: teamsAlert!.createdId!, VERB: 'ack' });
    (invoke.value as { action: { data: { incidentId: number } } }).action.data.incidentId = card.actions[0]!.data.incidentId;
    expect((await postActivity(bot, invoke)).status).toBe(200);

    // One acknowledgement, shown on both platforms' copies of the alert.
    await slack.waitFor(() => slack.callsTo('chat.update').some((c) => JSON.stringify(c.params).includes('Priya Raman')), 10_000);
    expect(connector.delivered('update').some((u) => JSON.stringify(u.body).includes('Acknowledged by **Priya Raman**'))).toBe(true);
    expect(await bot.stop()).toBe(0);
  });
});
