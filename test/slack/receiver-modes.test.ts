import { afterEach, describe, expect, it } from 'vitest';
import { createSlackAdapter } from '../../adapters/slack/create-slack-adapter.js';
import { DeliveryError } from '../../src/core/chat.js';
import { silentLogger } from '../../src/log.js';
import { createChatCore } from '../support/chat-core.js';
import { type FakeSlackApi, startFakeSlackApi } from './support/fake-slack-api.js';
import { BOT_TOKEN, type HostServer, SIGNING_SECRET, startHostServer, TEST_VENDORS } from './support/slack-harness.js';

let api: FakeSlackApi | null = null;
let host: HostServer | null = null;
afterEach(async () => {
  await host?.close();
  await api?.close();
  api = null;
  host = null;
});

function countingRoutes(target: HostServer): { mounted: string[]; routes: HostServer } {
  const mounted: string[] = [];
  return {
    mounted,
    routes: {
      ...target,
      mount: (prefix, handler) => {
        mounted.push(prefix);
        target.mount(prefix, handler);
      },
    },
  };
}

describe('receiver modes', () => {
  it('without routes (poll --once) it only delivers: no auth.test, no receiver', async () => {
    api = await startFakeSlackApi();
    const adapter = createSlackAdapter({ botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, apiUrl: api.apiUrl, logger: silentLogger });
    await adapter.start(createChatCore({ vendors: TEST_VENDORS }), null);
    expect(adapter.mode).toBe('deliver-only');
    expect(api.calls).toHaveLength(0);
    await adapter.stop();
  });

  it('HTTP mode mounts /slack/ on the core server', async () => {
    api = await startFakeSlackApi();
    host = await startHostServer();
    const { mounted, routes } = countingRoutes(host);
    const adapter = createSlackAdapter({ botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, apiUrl: api.apiUrl, logger: silentLogger });
    await adapter.start(createChatCore({ vendors: TEST_VENDORS }), routes);
    expect(mounted).toEqual(['/slack/']);
    expect(adapter.mode).toBe('http');
    await adapter.stop();
    // After stop the route answers 503 rather than reaching a stopped app.
    const response = await fetch(`${host.url}/slack/events`, { method: 'POST', body: '' });
    expect(response.status).toBe(503);
  });

  it('HTTP mode without a signing secret fails with a message naming SLACK_SIGNING_SECRET', async () => {
    api = await startFakeSlackApi();
    host = await startHostServer();
    const adapter = createSlackAdapter({ botToken: BOT_TOKEN, signingSecret: '', apiUrl: api.apiUrl, logger: silentLogger });
    await expect(adapter.start(createChatCore({ vendors: TEST_VENDORS }), host)).rejects.toThrow(/SLACK_SIGNING_SECRET/);
  });

  it('a bot token Slack refuses stops start-up with a fix-it message', async () => {
    api = await startFakeSlackApi();
    host = await startHostServer();
    api.failNext('auth.test', { error: 'invalid_auth' });
    const adapter = createSlackAdapter({ botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, apiUrl: api.apiUrl, logger: silentLogger });
    const error = await adapter.start(createChatCore({ vendors: TEST_VENDORS }), host).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeliveryError);
    expect((error as DeliveryError).message).toMatch(/SLACK_BOT_TOKEN.*xoxb-/);
    expect((error as DeliveryError).message).not.toContain(BOT_TOKEN);
  });

  it('Socket Mode asks SLACK_API_URL for a connection with the app token and mounts no HTTP route', async () => {
    api = await startFakeSlackApi();
    host = await startHostServer();
    const { mounted, routes } = countingRoutes(host);
    const appToken = 'xapp-1-A000-000-fakeapptoken';
    const adapter = createSlackAdapter({ botToken: BOT_TOKEN, signingSecret: '', appToken, apiUrl: api.apiUrl, logger: silentLogger });
    await expect(adapter.start(createChatCore({ vendors: TEST_VENDORS }), routes)).rejects.toThrow(/SLACK_APP_TOKEN/);
    expect(api.callsTo('apps.connections.open').map((call) => call.token)).toEqual([appToken]);
    expect(mounted).toEqual([]);
  });

  it('rejects invalid options naming the field, never echoing a secret', () => {
    expect(() => createSlackAdapter({ botToken: '', signingSecret: 'sekrit-value', apiUrl: 'ftp://x', logger: silentLogger })).toThrow(
      /botToken.*apiUrl|apiUrl.*botToken/s,
    );
    // Asserted on the error itself: a check inside `catch` alone would pass if nothing were thrown.
    const error = (() => {
      try {
        createSlackAdapter({ botToken: '', signingSecret: 'sekrit-value', logger: silentLogger });
        return null;
      } catch (caught) {
        return caught;
      }
    })();
    expect(String(error)).toMatch(/botToken/);
    expect(String(error)).not.toContain('sekrit-value');
  });
});
