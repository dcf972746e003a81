// The roles table, end to end on Slack: signed requests into the real Bolt app over loopback, the real core and
// store deciding, the fake Slack Web API answering users.info and usergroups.list as Slack does. Responders are
// named by a Slack user group (S…), so the table also shows group membership is resolved.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackAdapter, type SlackAdapter } from '../../adapters/slack/create-slack-adapter.js';
import { createApp } from '../../src/app/create-app.js';
import { loadConfig } from '../../src/config/load-config.js';
import type { Roles } from '../../src/interaction/roles.js';
import { createLogger, silentLogger } from '../../src/log.js';
import { createChatCore, type TestChatCore, type TestVendor } from '../support/chat-core.js';
import { type FakeSlackApi, startFakeSlackApi } from './support/fake-slack-api.js';
import {
  ALERT_CHANNEL,
  BOT_TOKEN,
  blockActionBody,
  type HostServer,
  postSigned,
  SIGNING_SECRET,
  slashCommandBody,
  startHostServer,
} from './support/slack-harness.js';

const ADMIN = 'U0ADMIN01';
const RESPONDER = 'U0RESP001';
const BYSTANDER = 'U0OTHER01';
const USERS: Record<string, string> = { [ADMIN]: 'Ada Admin', [RESPONDER]: 'Rae Responder', [BYSTANDER]: 'Bo Bystander' };
const WHO: Record<string, string> = { [ADMIN]: 'an admin', [RESPONDER]: 'a responder', [BYSTANDER]: 'a bystander' };
const GROUPS = { S0RESPOND: [RESPONDER], S0ADMINS: [ADMIN] };

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
    config: 'responders only (a group)',
    roles: { admins: [], responders: ['S0RESPOND'] },
    allowed: { acknowledge: [RESPONDER], mute: [RESPONDER], unmute: [RESPONDER] },
  },
  {
    config: 'admins only (a group)',
    roles: { admins: ['S0ADMINS'], responders: [] },
    allowed: { acknowledge: [ADMIN, RESPONDER, BYSTANDER], mute: [ADMIN], unmute: [ADMIN] },
  },
  {
    config: 'admins (a user id) and responders (a group)',
    roles: { admins: [ADMIN], responders: ['S0RESPOND'] },
    allowed: { acknowledge: [ADMIN, RESPONDER], mute: [ADMIN], unmute: [ADMIN] },
  },
];

const ACTIONS: Action[] = ['acknowledge', 'mute', 'unmute'];

interface Rig {
  api: FakeSlackApi;
  host: HostServer;
  adapter: SlackAdapter;
  core: TestChatCore;
}

async function startRig(roles: Roles): Promise<Rig> {
  const api = await startFakeSlackApi({ users: USERS, groups: GROUPS });
  const host = await startHostServer();
  const core = createChatCore({ roles, vendors: [CARECLOUD] });
  const adapter = createSlackAdapter({
    botToken: BOT_TOKEN,
    signingSecret: SIGNING_SECRET,
    alertChannel: ALERT_CHANNEL,
    apiUrl: api.apiUrl,
    logger: silentLogger,
    minIntervalMsPerChannel: 0,
    retry: { baseDelayMs: 10, maxDelayMs: 50 },
  });
  await adapter.start(core, host);
  return { api, host, adapter, core };
}

let rowNumber = 0;

/** Does `action` as `userId` through Slack; resolves once Slack has heard the answer. */
async function act(rig: Rig, action: Action, userId: string): Promise<{ answer: string; incidentId: number }> {
  rowNumber += 1;
  const eventsUrl = `${rig.host.url}/slack/events`;
  const incidentId = rig.core.newIncident('CareCloud');
  const alertTs = `1767225600.${String(rowNumber).padStart(6, '0')}`;
  rig.core.linkMessage(incidentId, 'slack', ALERT_CHANNEL, alertTs);
  if (action === 'acknowledge') {
    const calls = rig.api.calls.length;
    const body = blockActionBody({
      actionId: 'vw_ack',
      value: String(incidentId),
      messageTs: alertTs,
      userId,
      userName: USERS[userId],
      responseUrl: rig.api.responseUrl(`ack-${rowNumber}`),
    });
    expect((await postSigned(eventsUrl, body)).status).toBe(200);
    // An acknowledgement edits the alert (chat.update); a refusal is an ephemeral to the user.
    await rig.api.waitFor(() => rig.api.calls.slice(calls).some((c) => c.method === 'chat.update' || c.method === 'chat.postEphemeral'));
    const answer = rig.api.calls.slice(calls).find((c) => c.method === 'chat.update' || c.method === 'chat.postEphemeral')!;
    return { answer: answer.method === 'chat.update' ? 'alert edited' : (answer.params.text ?? ''), incidentId };
  }
  if (action === 'mute') rig.core.unmuteDirectly('CareCloud');
  else rig.core.muteDirectly('CareCloud', { platform: 'slack', userId: 'U0EARLIER', userName: 'Earlier' });
  const id = `${action}-${rowNumber}`;
  const text = action === 'mute' ? 'mute CareCloud 7d' : 'unmute CareCloud';
  expect((await postSigned(eventsUrl, slashCommandBody({ text, userId, responseUrl: rig.api.responseUrl(id) }))).status).toBe(200);
  await rig.api.waitFor(() => rig.api.responses.some((r) => r.path === `/respond/${id}`));
  return { answer: String(rig.api.responses.find((r) => r.path === `/respond/${id}`)!.body.text), incidentId };
}

describe.each(CONFIGS.map((c) => [c.config, c] as const))('Slack roles, %s', (_config, { roles, allowed }) => {
  let rig: Rig;
  beforeAll(async () => {
    rig = await startRig(roles);
  });
  afterAll(async () => {
    await rig.adapter.stop();
    await rig.host.close();
    await rig.api.close();
    rig.core.close();
  });

  const rows = ACTIONS.flatMap((action) =>
    [ADMIN, RESPONDER, BYSTANDER].map(
      (user) => [action, WHO[user]!, allowed[action].includes(user) ? 'allowed' : 'refused', user] as const,
    ),
  );

  it.each(rows)('%s by %s is %s', async (action, _who, outcome, user) => {
    const { answer, incidentId } = await act(rig, action, user);
    if (action === 'acknowledge') {
      expect(rig.core.acknowledgement(incidentId)?.userId ?? null).toBe(outcome === 'allowed' ? user : null);
      if (outcome === 'allowed') expect(answer).toBe('alert edited');
      else
        expect(answer).toMatch(
          /^You cannot acknowledge this alert: Only Vendorwatch (responders|responders and admins) may acknowledge alerts/,
        );
    } else if (action === 'mute') {
      expect(rig.core.activeMute('CareCloud')?.userId ?? null).toBe(outcome === 'allowed' ? user : null);
      expect(answer).toContain(outcome === 'allowed' ? '*CareCloud* is muted until' : 'You cannot change mutes: Only Vendorwatch');
    } else {
      expect(rig.core.activeMute('CareCloud')?.userId ?? null).toBe(outcome === 'allowed' ? null : 'U0EARLIER');
      expect(answer).toContain(outcome === 'allowed' ? '*CareCloud* is no longer muted' : 'You cannot change mutes: Only Vendorwatch');
    }
  });
});

describe('with no roles configured', () => {
  async function startedApp(configFile: Record<string, unknown> | null, receive = true): Promise<{ warnings: string[] }> {
    const api = await startFakeSlackApi();
    const host = await startHostServer();
    const dir = mkdtempSync(join(tmpdir(), 'vw-roles-warning-'));
    if (configFile) writeFileSync(join(dir, 'vendorwatch.config.json'), JSON.stringify(configFile));
    const config = loadConfig(
      {
        VENDORWATCH_DB: join(dir, 'vendorwatch.db'),
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: api.apiUrl,
        LOG_LEVEL: 'info',
      },
      { cwd: dir },
    );
    const lines: string[] = [];
    const sink = new PassThrough();
    sink.on('data', (chunk: Buffer) => lines.push(...chunk.toString('utf8').split('\n').filter(Boolean)));
    const app = await createApp(config, {
      logger: createLogger({ level: 'info', destination: sink }),
      stdout: new PassThrough(),
      createAdapters: ({ logger }) => [
        createSlackAdapter({ botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, apiUrl: api.apiUrl, logger }),
      ],
    });
    try {
      await app.startAdapters(receive ? host : null);
    } finally {
      await app.close();
      await host.close();
      await api.close();
    }
    const entries = lines.map((line) => JSON.parse(line) as { level: number; msg: string });
    return { warnings: entries.filter((entry) => entry.level === 40).map((entry) => entry.msg) };
  }

  it('warns at start-up that anyone in the workspace may acknowledge and mute, naming the roles setting', async () => {
    const { warnings } = await startedApp(null);
    const warning = warnings.find((msg) => msg.startsWith('No roles are configured'));
    expect(warning).toContain('anyone in the Slack workspace');
    expect(warning).toContain('may acknowledge alerts and mute vendors');
    expect(warning).toContain('the slash command works from any channel');
    expect(warning).toContain('"roles"');
    expect(warning).toContain('vendorwatch.config.json');
  });

  it('does not warn once the config file sets roles', async () => {
    const { warnings } = await startedApp({ roles: { admins: [ADMIN], responders: [] } });
    expect(warnings.filter((msg) => msg.startsWith('No roles are configured'))).toEqual([]);
  });

  it('does not warn when the bot takes no chat input (poll --once)', async () => {
    const { warnings } = await startedApp(null, false);
    expect(warnings.filter((msg) => msg.startsWith('No roles are configured'))).toEqual([]);
  });
});
