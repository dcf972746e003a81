// VENDORWATCH_TEAMS_ALLOWED_TENANTS over loopback: the real adapter (botbuilder inside) refuses every activity of
// another tenant before the bot runs, sends alerts only to allowed tenants' conversations, and routes a vendor's
// teams_channel by conversation id, never by a team's display name.

import { afterEach, describe, expect, it } from 'vitest';
import type { Destination } from '../../src/core/chat.js';
import { tempDbPath } from '../cli/run-cli.js';
import { captureLogger } from './support/capture-logger.js';
import { startFakeConnector } from './support/fake-connector.js';
import { loadActivity } from './support/load-fixture.js';
import {
  GENERAL_CHANNEL,
  inTenant,
  type LoopbackHarness,
  OWN_TENANT,
  postAlertAndRecord,
  startLoopbackHarness,
} from './support/loopback-harness.js';
import { postActivity, startBot } from './support/start-bot.js';

const FOREIGN_TENANT = 'f0f0f0f0-0000-4000-8000-00000000beef';
const FOREIGN_CHANNEL = '19:outsiders-general@thread.tacv2';
const IMPOSTOR_CHANNEL = '19:impostor-general@thread.tacv2';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function harness(allowedTenants: string[], logger = captureLogger()) {
  const h = await startLoopbackHarness({ allowedTenants, logger: logger.logger });
  cleanups.push(() => h.close());
  return { h, logs: logger };
}

/** The bot added to a team: its General channel's conversation id, tenant and display name as given. */
function teamInstall(h: LoopbackHarness, conversationId: string, tenant: string, teamName: string): Record<string, unknown> {
  const activity = inTenant(h.activity('conversation-update-bot-added-to-team'), tenant);
  (activity.conversation as Record<string, unknown>).id = conversationId;
  activity.channelData = { ...(activity.channelData as object), team: { id: conversationId, name: teamName } };
  return activity;
}

function refusalLines(logs: ReturnType<typeof captureLogger>) {
  return logs.lines().filter((l) => l.msg.startsWith('teams: refused an activity from a tenant not in VENDORWATCH_TEAMS_ALLOWED_TENANTS'));
}

describe('Teams tenant allow-list', () => {
  it("refuses a foreign tenant's install, message and card action with 403: nothing stored, no reply, logged once", async () => {
    const { h, logs } = await harness([OWN_TENANT]);
    expect((await h.post(h.activity('conversation-update-bot-added-to-team'))).status).toBe(200);
    const posted = await postAlertAndRecord(h, GENERAL_CHANNEL);
    const callsBefore = h.connector.calls.length;

    const install = await h.post(teamInstall(h, FOREIGN_CHANNEL, FOREIGN_TENANT, 'Outsiders'));
    const personal = await h.post(inTenant(h.activity('installation-update-add-personal'), FOREIGN_TENANT));
    const message = await h.post(inTenant(h.activity('message-personal', { TEXT: 'recent' }), FOREIGN_TENANT));
    // Even a card action on a real alert's message, in case the foreign tenant got hold of its ids.
    const invoke = await h.post(inTenant(h.activity('invoke-card-action', { CARD_ID: posted.messageId, VERB: 'ack' }), FOREIGN_TENANT));

    expect([install.status, personal.status, message.status, invoke.status]).toEqual([403, 403, 403, 403]);
    expect(invoke.text).not.toContain('AdaptiveCard');
    expect((await h.core.conversations('teams')).map((c) => c.conversationId)).toEqual([GENERAL_CHANNEL]);
    expect(h.core.acknowledgeCalls).toEqual([]);
    expect(h.connector.calls.length).toBe(callsBefore);
    expect(refusalLines(logs)).toEqual([
      expect.objectContaining({ level: 40, tenant: FOREIGN_TENANT, activityType: 'conversationUpdate' }),
    ]);
  });

  it('refuses an activity that names no tenant, or two different ones, when a list is set', async () => {
    const { h, logs } = await harness([OWN_TENANT]);
    const none = h.activity('installation-update-add-personal');
    delete (none.conversation as Record<string, unknown>).tenantId;
    delete none.channelData;
    const mixed = h.activity('installation-update-add-personal');
    (mixed.channelData as { tenant: { id: string } }).tenant.id = FOREIGN_TENANT;
    expect((await h.post(none)).status).toBe(403);
    expect((await h.post(mixed)).status).toBe(403);
    expect(await h.core.conversations('teams')).toEqual([]);
    expect(refusalLines(logs).map((l) => l.tenant)).toEqual(['(none)']);
  });

  it("accepts its own tenant's activities in any letter case, and stores the tenant with the conversation", async () => {
    const { h } = await harness([OWN_TENANT]);
    const res = await h.post(inTenant(h.activity('conversation-update-bot-added-to-team'), OWN_TENANT.toUpperCase()));
    expect(res.status).toBe(200);
    const [record] = await h.core.conversations('teams');
    expect(record).toMatchObject({
      conversationId: GENERAL_CHANNEL,
      active: true,
      reference: { conversation: { tenantId: OWN_TENANT.toUpperCase() } },
    });
    expect(await h.adapter.destinationsFor({ name: 'CareCloud' })).toEqual([{ platform: 'teams', address: GENERAL_CHANNEL }]);
  });

  it('warns at start-up that any tenant receives alerts when no list is set, and how to set one', async () => {
    const open = captureLogger();
    await harness([], open);
    const restricted = captureLogger();
    await harness([OWN_TENANT], restricted);
    const warning = (logs: ReturnType<typeof captureLogger>) =>
      logs.lines().filter((l) => l.level === 40 && l.msg.includes('any Microsoft 365 tenant that installs the app receives your alerts'));
    expect(warning(open)).toHaveLength(1);
    expect(warning(open)[0]!.msg).toContain('Set VENDORWATCH_TEAMS_ALLOWED_TENANTS');
    expect(warning(restricted)).toEqual([]);
  });

  it('sends nothing to a conversation of another tenant stored before the list was set', async () => {
    const { h } = await harness([]);
    await h.post(h.activity('conversation-update-bot-added-to-team'));
    await h.post(teamInstall(h, FOREIGN_CHANNEL, FOREIGN_TENANT, 'Outsiders'));
    expect((await h.core.conversations('teams')).map((c) => c.conversationId).sort()).toEqual([FOREIGN_CHANNEL, GENERAL_CHANNEL].sort());

    const restricted = await h.another({ allowedTenants: [OWN_TENANT] });
    expect(await restricted.destinationsFor({ name: 'CareCloud' })).toEqual([{ platform: 'teams', address: GENERAL_CHANNEL }]);
    // A delivery queued for it earlier is refused for good, and nothing reaches the connector.
    const error = await restricted
      .postAlert({ platform: 'teams', address: FOREIGN_CHANNEL }, (await h.core.alertView(1))!, 'd-old')
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'permanent', code: 'tenant_not_allowed' });
    expect(h.connector.calls).toEqual([]);
  });
});

describe("routing a vendor's teams_channel", () => {
  it("a foreign tenant's team, and an own-tenant team named like a vendor's teams_channel, receive no alert for that vendor", async () => {
    const { h } = await harness([OWN_TENANT]);
    expect((await h.post(h.activity('conversation-update-bot-added-to-team'))).status).toBe(200);
    // Both newcomers call their team exactly what the watchlist's teams_channel says.
    expect((await h.post(teamInstall(h, FOREIGN_CHANNEL, FOREIGN_TENANT, GENERAL_CHANNEL))).status).toBe(403);
    expect((await h.post(teamInstall(h, IMPOSTOR_CHANNEL, OWN_TENANT, GENERAL_CHANNEL))).status).toBe(200);

    const destinations: Destination[] = await h.adapter.destinationsFor({ name: 'CareCloud', teamsChannel: GENERAL_CHANNEL });
    expect(destinations).toEqual([{ platform: 'teams', address: GENERAL_CHANNEL }]);
    for (const destination of destinations) await postAlertAndRecord(h, destination.address);
    expect(h.connector.delivered('send').map((c) => c.conversationId)).toEqual([GENERAL_CHANNEL]);
  });
});

describe('vendorwatch start', () => {
  it('applies VENDORWATCH_TEAMS_ALLOWED_TENANTS with TEAMS_DANGEROUSLY_ALLOW_UNAUTHENTICATED: a foreign install is refused, its own stored', async () => {
    const connector = await startFakeConnector();
    cleanups.push(() => connector.close());
    const bot = await startBot({
      VENDORWATCH_DB: tempDbPath(),
      VENDORWATCH_FEEDS: 'http://127.0.0.1:9/nothing.xml',
      VENDORWATCH_SCHEDULE: '0 0 1 1 *',
      TEAMS_DANGEROUSLY_ALLOW_UNAUTHENTICATED: 'true',
      HOST: '127.0.0.1',
      VENDORWATCH_TEAMS_ALLOWED_TENANTS: OWN_TENANT.toUpperCase(),
      LOG_LEVEL: 'info',
    });
    cleanups.push(() => bot.stop());
    const own = loadActivity('conversation-update-bot-added-to-team', { SERVICE_URL: connector.url });
    const foreign = inTenant(own, FOREIGN_TENANT);
    (foreign.conversation as Record<string, unknown>).id = FOREIGN_CHANNEL;
    expect((await postActivity(bot, foreign)).status).toBe(403);
    expect((await postActivity(bot, own)).status).toBe(200);
    const lines = bot
      .output()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { msg: string; tenant?: string; conversationId?: string });
    expect(lines.filter((l) => l.msg.startsWith('teams: refused an activity from a tenant')).map((l) => l.tenant)).toEqual([
      FOREIGN_TENANT,
    ]);
    expect(lines.filter((l) => l.msg === 'teams: conversation saved').map((l) => l.conversationId)).toEqual([GENERAL_CHANNEL]);
  });
});
