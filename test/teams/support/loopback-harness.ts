// The real Teams adapter (botbuilder's CloudAdapter inside) on a loopback server, with the fake connector as
// every activity's serviceUrl and the real core (test/support/chat-core.ts) behind it.

import { createTeamsAdapter, type TeamsAdapterOptions } from '../../../adapters/teams/create-teams-adapter.js';
import type { ChatAdapter, PostedMessage } from '../../../src/core/chat.js';
import { silentLogger } from '../../../src/log.js';
import { createChatCore, type TestChatCore } from '../../support/chat-core.js';
import { type FakeConnector, startFakeConnector } from './fake-connector.js';
import { loadActivity, loadAlert } from './load-fixture.js';
import { type RoutesServer, startRoutesServer } from './routes-server.js';

export const OWN_TENANT = 'b1c2d3e4-0000-4000-8000-0000000000f1';
export const GENERAL_CHANNEL = '19:sec-ops-general@thread.tacv2';

export interface LoopbackHarness {
  connector: FakeConnector;
  server: RoutesServer;
  core: TestChatCore;
  adapter: ChatAdapter;
  post(activity: unknown, headers?: Record<string, string>): Promise<{ status: number; text: string; json: () => unknown }>;
  /** A fixture activity with its serviceUrl pointing at the fake connector. */
  activity(name: string, vars?: Record<string, string>): Record<string, unknown>;
  /** A second adapter (a restart, or another configuration) over the same core and server routes. */
  another(options: Partial<TeamsAdapterOptions>): Promise<ChatAdapter>;
  close(): Promise<void>;
}

/** Without a `core`, one holding the CareCloud alert (incident 1) is made. The harness closes the core it runs. */
export async function startLoopbackHarness(
  options: Partial<TeamsAdapterOptions> = {},
  core = coreWithCareCloudAlert(),
): Promise<LoopbackHarness> {
  const connector = await startFakeConnector();
  const server = await startRoutesServer();
  const make = (extra: Partial<TeamsAdapterOptions>) =>
    createTeamsAdapter({
      appId: null,
      appPassword: null,
      dangerouslyAllowUnauthenticated: true,
      logger: silentLogger,
      retry: { baseDelayMs: 5, sleep: async () => {} },
      ...options,
      ...extra,
    });
  const adapter = make({});
  await adapter.start(core, server.routes);
  const adapters = [adapter];
  return {
    connector,
    server,
    core,
    adapter,
    post: (activity, headers) => server.post('/api/messages', activity, headers),
    activity: (name, vars = {}) => loadActivity(name, { SERVICE_URL: connector.url, ...vars }),
    another: async (extra) => {
      const next = make(extra);
      await next.start(core, null);
      adapters.push(next);
      return next;
    },
    close: async () => {
      for (const a of adapters) await a.stop();
      await connector.close();
      await server.close();
      core.close();
    },
  };
}

export function coreWithCareCloudAlert(): TestChatCore {
  const core = createChatCore();
  core.addAlert(loadAlert('carecloud-alert'));
  return core;
}

/** Sets both places an activity names its tenant. */
export function inTenant(activity: Record<string, unknown>, tenant: string): Record<string, unknown> {
  const copy = structuredClone(activity);
  (copy.conversation as Record<string, unknown>).tenantId = tenant;
  copy.channelData = { ...((copy.channelData as Record<string, unknown>) ?? {}), tenant: { id: tenant } };
  return copy;
}

/** What the delivery worker does: post the alert, then remember which message is the incident's alert. */
export async function postAlertAndRecord(h: LoopbackHarness, address: string, incidentId = 1): Promise<PostedMessage> {
  const posted = await h.adapter.postAlert({ platform: 'teams', address }, (await h.core.alertView(incidentId))!, `delivery-${incidentId}`);
  h.core.linkMessage(incidentId, 'teams', posted.destination.address, posted.messageId);
  return posted;
}
