import type { AdapterFactory, ChatAdapter } from '../src/core/chat.js';
import { createConsoleAdapter } from './console/console-adapter.js';

/**
 * The composition root's view of the platforms: Slack and Teams when they have credentials, both together when
 * both do, the console when neither does. The platform SDKs are loaded only when configured: botbuilder and Bolt
 * are a large share of the process's memory.
 */
export const createAdapters: AdapterFactory = async ({ config, logger, stdout, now }) => {
  const adapters: ChatAdapter[] = [];
  if (config.slack) {
    const { createSlackAdapter } = await import('./slack/create-slack-adapter.js');
    adapters.push(
      createSlackAdapter({
        botToken: config.slack.botToken,
        signingSecret: config.slack.signingSecret ?? '',
        ...(config.slack.appToken ? { appToken: config.slack.appToken } : {}),
        ...(config.slack.alertChannel ? { alertChannel: config.slack.alertChannel } : {}),
        ...(config.slack.apiUrl ? { apiUrl: config.slack.apiUrl } : {}),
        requestTimeoutMs: config.platformTimeoutMs,
        logger: logger.child({ platform: 'slack' }),
        now,
      }),
    );
  }
  if (config.teams) {
    const { createTeamsAdapter } = await import('./teams/create-teams-adapter.js');
    adapters.push(
      createTeamsAdapter({
        appId: config.teams.appId,
        appPassword: config.teams.appPassword,
        appType: config.teams.appType,
        ...(config.teams.tenantId ? { tenantId: config.teams.tenantId } : {}),
        dangerouslyAllowUnauthenticated: config.teams.dangerouslyAllowUnauthenticated,
        allowedTenants: config.teams.allowedTenants,
        requestTimeoutMs: config.platformTimeoutMs,
        logger: logger.child({ platform: 'teams' }),
        now,
      }),
    );
  }
  if (adapters.length === 0) adapters.push(createConsoleAdapter(stdout));
  return adapters;
};
