// The roles table, end to end on Teams: card actions (Action.Execute invokes) into the real botbuilder adapter
// over loopback, the real core and store deciding, the fake Bot Framework connector taking the bot's calls.
// Teams names the user by `from.aadObjectId`, which is what the roles list.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTeamsAdapter } from '../../adapters/teams/create-teams-adapter.js';
import type { ChatAdapter } from '../../src/core/chat.js';
import type { Roles } from '../../src/interaction/roles.js';
import { createLogger, silentLogger } from '../../src/log.js';
import { createChatCore, type TestChatCore, type TestVendor } from '../support/chat-core.js';
import { type FakeConnector, startFakeConnector } from './support/fake-connector.js';
import { loadActivity } from './support/load-fixture.js';
import { type RoutesServer, startRoutesServer } from './support/routes-server.js';

const ADMIN = '0a0a0a0a-0000-4000-8000-00000000ad01';
const RESPONDER = '0b0b0b0b-0000-4000-8000-00000000re01';
const BYSTANDER = '0c0c0c0c-0000-4000-8000-00000000by01';
const NAMES: Record<string, string> = { [ADMIN]: 'Ada Admin', [RESPONDER]: 'Rae Responder', [BYSTANDER]: 'Bo Bystander' };
const WHO: Record<string, string> = { [ADMIN]: 'an admin', [RESPONDER]: 'a responder', [BYSTANDER]: 'a bystander' };

type Action = 'acknowledge' | 'mute' | 'unmute';

const CARECLOUD: TestVendor = { name: 'CareCloud', aliases: ['Care Cloud'], domains: ['carecloud.com'], criticality: 'high' };

// The policy, written out by hand (not computed from the code under test): who may do what under each config.
const CONFIGS: { config: string; roles: Roles; allowed: Record<Action, string[]> }[] = [
  {
    config: 'no roles',
    roles: { admins: [], responders: [] },
    allowed: { acknowledge: [ADMIN, RESPONDER, BYSTANDER], mute: [ADMIN, RESPONDER, BYSTANDER], unmute: [ADMIN, RESPONDER, BYSTANDER] },
  },
  {
    config: 'responders only',
    roles: { admins: [], responders: [RESPONDER] },
    allowed: { acknowledge: [RESPONDER], mute: [RESPONDER], unmute: [RESPONDER] },
  },
  {
    config: 'admins only',
    roles: { admins: [ADMIN], responders: [] },
    allowed: { acknowledge: [ADMIN, RESPONDER, BYSTANDER], mute: [ADMIN], unmute: [ADMIN] },
  },
  {
    config: 'admins and responders',
    roles: { admins: [ADMIN], responders: [RESPONDER] },
    allowed: { acknowledge: [ADMIN, RESPONDER], mute: [ADMIN], unmute: [ADMIN] },
  },
];

interface Rig {
  connector: FakeConnector;
  server: RoutesServer;
  adapter: ChatAdapter;
  core: TestChatCore;
}

async function startRig(roles: Roles): Promise<Rig> {
  const connector = await startFakeConnector();
  const server = await startRoutesServer();
  const core = createChatCore({ roles, vendors: [CARECLOUD] });
  const adapter = createTeamsAdapter({
    appId: null,
    appPassword: null,
    dangerouslyAllowUnauthenticated: true,
    logger: process.env.TEAMS_TEST_LOG ? createLogger({ level: 'debug' }) : silentLogger,
    retry: { baseDelayMs: 5 },
  });
  await adapter.start(core, server.routes);
  const installed = await server.post(
    '/api/messages',
    loadActivity('conversation-update-bot-added-to-team', { SERVICE_URL: connector.url }),
  );
  expect(installed.status).toBe(200);
  return { connector, server, adapter, core };
}

/** A new CareCloud alert posted to the installed channel as a card, linked to its incident as the worker would. */
async function postAlert(rig: Rig): Promise<{ incidentId: number; cardId: string }> {
  const incidentId = rig.core.newIncident('CareCloud');
  const [destination] = await rig.adapter.destinationsFor({ name: 'CareCloud' });
  const posted = await rig.adapter.postAlert(destination!, (await rig.core.alertView(incidentId))!, `delivery-${incidentId}`);
  rig.core.linkMessage(incidentId, 'teams', posted.destination.address, posted.messageId);
  return { incidentId, cardId: posted.messageId };
}

/** Clicks a card button as `aadObjectId`; returns what Teams shows the user (the invoke response). */
async function clickCard(
  rig: Rig,
  verb: 'ack' | 'mute7d',
  aadObjectId: string,
): Promise<{ incidentId: number; answer: { type: string; value: unknown } }> {
  const { incidentId, cardId } = await postAlert(rig);
  const activity = loadActivity('invoke-card-action', { SERVICE_URL: rig.connector.url, CARD_ID: cardId, VERB: verb });
  activity.from = { id: `29:1-${aadObjectId.slice(0, 8)}`, aadObjectId, name: NAMES[aadObjectId] };
  (activity.value as { action: { data: { incidentId: number } } }).action.data.incidentId = incidentId;
  const res = await rig.server.post('/api/messages', activity);
  expect(res.status).toBe(200);
  return { incidentId, answer: res.json() as { type: string; value: unknown } };
}

const CARD = 'application/vnd.microsoft.card.adaptive';
const MESSAGE = 'application/vnd.microsoft.activity.message';

describe.each(CONFIGS.map((c) => [c.config, c] as const))('Teams roles, %s', (_config, { roles, allowed }) => {
  let rig: Rig;
  beforeAll(async () => {
    rig = await startRig(roles);
  });
  afterAll(async () => {
    await rig.adapter.stop();
    await rig.server.close();
    await rig.connector.close();
    rig.core.close();
  });

  const rows = (action: Action) =>
    [ADMIN, RESPONDER, BYSTANDER].map((user) => [WHO[user]!, allowed[action].includes(user) ? 'allowed' : 'refused', user] as const);

  it.each(rows('acknowledge'))('acknowledge (card button) by %s is %s', async (_who, outcome, user) => {
    const { incidentId, answer } = await clickCard(rig, 'ack', user);
    expect(rig.core.acknowledgement(incidentId)?.userId ?? null).toBe(outcome === 'allowed' ? user : null);
    if (outcome === 'allowed') expect(answer.type).toBe(CARD);
    else
      expect(answer).toMatchObject({
        type: MESSAGE,
        value: expect.stringMatching(/^You cannot acknowledge alerts: Only Vendorwatch (responders|responders and admins) may acknowledge/),
      });
  });

  it.each(rows('mute'))('mute (card button) by %s is %s', async (_who, outcome, user) => {
    rig.core.unmuteDirectly('CareCloud');
    const { answer } = await clickCard(rig, 'mute7d', user);
    expect(rig.core.activeMute('CareCloud')?.userId ?? null).toBe(outcome === 'allowed' ? user : null);
    if (outcome === 'allowed') expect(answer.type).toBe(CARD);
    else
      expect(answer).toMatchObject({
        type: MESSAGE,
        value: expect.stringMatching(/^You cannot mute vendors: Only Vendorwatch (admins|responders) may mute or unmute/),
      });
  });

  // Teams has no unmute command or button (only Slack's slash command offers it), so the core is asked directly
  // for a Teams actor: the same AAD object id the card actions carry.
  it.each(rows('unmute'))('unmute by %s (a Teams actor, asked of the core) is %s', async (_who, outcome, user) => {
    rig.core.muteDirectly('CareCloud', { platform: 'teams', userId: 'earlier-aad-id', userName: 'Earlier' });
    const result = await rig.core.unmuteVendor({ vendor: 'CareCloud', actor: { platform: 'teams', userId: user, userName: NAMES[user]! } });
    expect(result.kind).toBe(outcome === 'allowed' ? 'unmuted' : 'forbidden');
    expect(rig.core.activeMute('CareCloud')?.userId ?? null).toBe(outcome === 'allowed' ? null : 'earlier-aad-id');
  });
});
