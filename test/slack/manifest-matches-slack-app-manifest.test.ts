// manifest.json is pasted into Slack's "Create app from manifest": it must have the structure Slack requires
// and ask for exactly what the adapter uses (scopes, events, the command), no more.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { COMMAND_NAME } from '../../adapters/slack/render-incident-list.js';

const requestUrl = z.string().regex(/^https:\/\/[^/\s]+\/slack\/events$/);

const manifestSchema = z
  .object({
    _metadata: z.object({ major_version: z.number().int().min(1).max(2), minor_version: z.number().int().min(0) }).optional(),
    display_information: z.object({
      name: z.string().min(1).max(35),
      description: z.string().max(140).optional(),
      long_description: z.string().min(175).max(4000).optional(),
      background_color: z
        .string()
        .regex(/^#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?$/)
        .optional(),
    }),
    features: z.object({
      app_home: z
        .object({ home_tab_enabled: z.boolean(), messages_tab_enabled: z.boolean(), messages_tab_read_only_enabled: z.boolean() })
        .partial()
        .optional(),
      bot_user: z.object({ display_name: z.string().regex(/^[a-z0-9._-]{1,80}$/), always_online: z.boolean().optional() }),
      slash_commands: z
        .array(
          z.object({
            command: z.string().regex(/^\/[a-z0-9_-]{1,31}$/),
            url: requestUrl.optional(),
            description: z.string().min(1).max(2000),
            usage_hint: z.string().max(1000).optional(),
            should_escape: z.boolean().optional(),
          }),
        )
        .min(1)
        .max(50),
    }),
    oauth_config: z.object({ scopes: z.object({ bot: z.array(z.string().regex(/^[a-z_]+(:[a-z_.]+)+$|^commands$/)).min(1) }) }),
    settings: z.object({
      event_subscriptions: z.object({ request_url: requestUrl.optional(), bot_events: z.array(z.string()).min(1).max(100) }),
      interactivity: z.object({ is_enabled: z.literal(true), request_url: requestUrl.optional() }),
      org_deploy_enabled: z.boolean(),
      socket_mode_enabled: z.boolean(),
      token_rotation_enabled: z.boolean(),
    }),
  })
  .strict();

const manifest = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'manifest.json'), 'utf8')) as unknown;

describe('manifest.json matches the Slack app manifest structure', () => {
  it('validates against the required structure', () => {
    const result = manifestSchema.safeParse(manifest);
    expect(result.success ? [] : result.error.issues).toEqual([]);
  });

  it('declares the slash command the adapter listens to, at the events URL', () => {
    const parsed = manifestSchema.parse(manifest);
    expect(parsed.features.slash_commands.map((c) => c.command)).toEqual([COMMAND_NAME]);
    expect(parsed.features.slash_commands[0]!.url).toBe('https://YOUR-HOST/slack/events');
    expect(parsed.features.slash_commands[0]!.usage_hint).toContain('VENDOR');
  });

  it('asks for only the scopes used and the thread-reply events', () => {
    const parsed = manifestSchema.parse(manifest);
    expect([...parsed.oauth_config.scopes.bot].sort()).toEqual([
      'channels:history',
      'chat:write',
      'commands',
      'groups:history',
      'usergroups:read',
      'users:read',
    ]);
    expect([...parsed.settings.event_subscriptions.bot_events].sort()).toEqual(['message.channels', 'message.groups']);
  });

  it('turns Socket Mode on and org deploy and token rotation off', () => {
    const parsed = manifestSchema.parse(manifest);
    expect(parsed.settings).toMatchObject({ socket_mode_enabled: true, org_deploy_enabled: false, token_rotation_enabled: false });
  });
});
