import cron from 'node-cron';
import { z } from 'zod';
import { FULL_TEXT_MODES } from '../core/types.js';
import { ADDRESS_POLICY_MODES } from '../feeds/address-policy.js';
import { SOURCE_TYPES } from '../sources/index.js';
import { isPostgresUrl } from '../store/postgres/database-url.js';
import { TEAMS_CHANNEL } from '../watchlist/schema.js';

// One schema for everything Vendorwatch reads from the environment (INTERFACES.md "Environment") and from the
// optional config file. Values arrive as strings; each is checked here once so the rest of the code trusts types.

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const booleanString = (fallback: boolean) =>
  z
    .string()
    .trim()
    .toLowerCase()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value === '') return fallback;
      if (['true', '1', 'yes', 'on'].includes(value)) return true;
      if (['false', '0', 'no', 'off'].includes(value)) return false;
      ctx.addIssue({ code: 'custom', message: `expected true or false, got "${value}"` });
      return z.NEVER;
    });

const integerString = <F extends number | undefined>(fallback: F, min: number, max: number) =>
  z
    .string()
    .trim()
    .optional()
    .transform((value, ctx): number | F => {
      if (value === undefined || value === '') return fallback;
      const parsed = Number(value);
      if (!Number.isInteger(parsed) || parsed < min || parsed > max) {
        ctx.addIssue({ code: 'custom', message: `expected a whole number from ${min} to ${max}, got "${value}"` });
        return z.NEVER;
      }
      return parsed;
    });

const cronExpression = z
  .string()
  .trim()
  .refine((value) => cron.validate(value), {
    message: 'not a valid cron expression (five or six fields, e.g. "*/10 * * * *" for every ten minutes)',
  });

const slackChannelId = z
  .string()
  .trim()
  .regex(/^[CGD][A-Z0-9]{2,}$/, 'expected a Slack channel id such as C0123456789 (not a #name)');

/** A postgres:// URL the driver can read: a host, and a database name after it. */
function postgresUrlParses(value: string): boolean {
  try {
    const url = new URL(value);
    return url.hostname.length > 0 || url.searchParams.has('host');
  } catch {
    return false;
  }
}

/** The environment variables of INTERFACES.md, plus the additions documented in README and .env.example. */
export const envSchema = z.object({
  VENDORWATCH_CONFIG: optionalString,
  VENDORWATCH_WATCHLIST: optionalString,
  VENDORWATCH_FEEDS: optionalString,
  /** A SQLite file path, or a postgres:// / postgresql:// URL (PostgreSQL). */
  VENDORWATCH_DB: z
    .string()
    .trim()
    .default('./data/vendorwatch.db')
    // The message never repeats the value: a connection string may hold a password.
    .refine((value) => !isPostgresUrl(value) || postgresUrlParses(value), {
      message:
        'not a valid PostgreSQL URL (expected postgres://user:password@host:5432/database; percent-encode special characters in the password)',
    }),
  /** Connections in the PostgreSQL pool (ignored on SQLite). */
  VENDORWATCH_DB_POOL_SIZE: integerString(10, 1, 200),
  /** This process's name among replicas (PostgreSQL); host name and process id when unset. */
  VENDORWATCH_REPLICA_ID: optionalString.pipe(
    z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/, 'expected 1 to 100 letters, digits, dots, colons, dashes or underscores')
      .optional(),
  ),
  /** How long the polling replica's lease (and a replica's claim on a delivery) lasts without renewal. */
  VENDORWATCH_LEASE_SECONDS: integerString(30, 2, 600),
  VENDORWATCH_SCHEDULE: optionalString.pipe(cronExpression.optional()),
  VENDORWATCH_MAX_ITEM_AGE_DAYS: integerString(undefined, 0, 3650),
  VENDORWATCH_CONTACT: optionalString,
  VENDORWATCH_TIMEZONE: optionalString,
  VENDORWATCH_FETCH_TIMEOUT_MS: integerString(15_000, 100, 300_000),
  VENDORWATCH_MAX_FEED_BYTES: integerString(5 * 1024 * 1024, 1024, 100 * 1024 * 1024),
  VENDORWATCH_FETCH_CONCURRENCY: integerString(undefined, 1, 256),
  VENDORWATCH_FEED_ADDRESS_POLICY: z
    .string()
    .trim()
    .toLowerCase()
    .default('allow-private')
    .pipe(z.enum(ADDRESS_POLICY_MODES, { message: `expected one of ${ADDRESS_POLICY_MODES.join(', ')}` })),
  VENDORWATCH_FEED_ALLOW_HOSTS: optionalString,
  VENDORWATCH_FULL_TEXT: z
    .string()
    .trim()
    .toLowerCase()
    .default('auto')
    .pipe(
      z.enum(FULL_TEXT_MODES, {
        message: `expected one of ${FULL_TEXT_MODES.join(', ')} (auto: read the article page of teasers that show a breach or vendor signal)`,
      }),
    ),
  VENDORWATCH_DIGEST_SCHEDULE: optionalString.pipe(cronExpression.optional()),
  VENDORWATCH_REMINDER_AFTER_HOURS: integerString(4, 1, 24 * 30),
  VENDORWATCH_REMINDER_REPEAT_HOURS: integerString(24, 1, 24 * 30),
  VENDORWATCH_FEED_FAILING_HOURS: integerString(24, 1, 24 * 30),
  VENDORWATCH_PLATFORM_TIMEOUT_MS: integerString(15_000, 1_000, 120_000),
  PORT: integerString(3000, 0, 65_535),
  HOST: z
    .string()
    .trim()
    .default('0.0.0.0')
    .pipe(
      z.union([z.ipv4(), z.ipv6(), z.hostname()], { message: 'expected an IP address or host name to bind to, e.g. 127.0.0.1 or 0.0.0.0' }),
    ),
  VENDORWATCH_METRICS_TOKEN: optionalString.pipe(z.string().min(16, 'use a random token of at least 16 characters').optional()),
  LOG_LEVEL: z
    .string()
    .trim()
    .toLowerCase()
    .default('info')
    .pipe(z.enum(LOG_LEVELS, { message: `expected one of ${LOG_LEVELS.join(', ')}` })),
  LOG_FORMAT: z
    .string()
    .trim()
    .toLowerCase()
    .optional()
    .pipe(z.enum(['json', 'pretty'], { message: 'expected json or pretty' }).optional()),
  SLACK_BOT_TOKEN: optionalString.pipe(
    z.string().startsWith('xoxb-', 'a bot token starts with xoxb- (OAuth & Permissions page)').optional(),
  ),
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_APP_TOKEN: optionalString.pipe(
    z.string().startsWith('xapp-', 'an app-level token starts with xapp- (Basic Information page)').optional(),
  ),
  SLACK_ALERT_CHANNEL: optionalString.pipe(slackChannelId.optional()),
  SLACK_API_URL: optionalString.pipe(z.url({ protocol: /^https?$/, message: 'expected an http(s) URL' }).optional()),
  MicrosoftAppId: optionalString,
  MicrosoftAppPassword: optionalString,
  MicrosoftAppType: optionalString.pipe(z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).optional()),
  MicrosoftAppTenantId: optionalString,
  TEAMS_DANGEROUSLY_ALLOW_UNAUTHENTICATED: booleanString(false),
  VENDORWATCH_TEAMS_ALLOWED_TENANTS: optionalString,
});

export type EnvSettings = z.output<typeof envSchema>;

const feedEntry = z.union([
  z.url({ protocol: /^https?$/, message: 'expected an http(s) URL' }),
  z
    .object({
      name: z.string().trim().min(1).optional(),
      url: z.url({ protocol: /^https?$/, message: 'expected an http(s) URL' }),
      tags: z.array(z.enum(['security-news', 'healthcare', 'breach-tracker', 'regulator'])).optional(),
      /** How the source is read (src/sources/); `rss` by default. */
      type: z.enum(SOURCE_TYPES, { message: `expected one of ${SOURCE_TYPES.join(', ')}` }).optional(),
      fullText: z.enum(FULL_TEXT_MODES, { message: `expected one of ${FULL_TEXT_MODES.join(', ')}` }).optional(),
    })
    .strict()
    .refine((entry) => entry.fullText === undefined || entry.type === undefined || entry.type === 'rss', {
      message: '"fullText" applies to RSS feeds only; a disclosure source is read as it is, remove "fullText"',
      path: ['fullText'],
    }),
]);

const routingEntry = z
  .object({
    slack_channel: slackChannelId.optional(),
    teams_channel: z
      .string()
      .trim()
      .regex(
        TEAMS_CHANNEL,
        'expected a Teams conversation id such as 19:abc123@thread.tacv2 (mention the bot with "help" in the channel to see it); channel names are never matched',
      )
      .optional(),
  })
  .strict();

const principalList = z.array(z.string().trim().min(1)).default([]);

/** The optional JSON config file (`VENDORWATCH_CONFIG`). Environment variables win over it. */
export const configFileSchema = z
  .object({
    $schema: z.string().optional(),
    feeds: z.array(feedEntry).optional(),
    schedule: cronExpression.optional(),
    timezone: z.string().optional(),
    maxItemAgeDays: z.number().int().min(0).max(3650).optional(),
    watchlist: z.string().optional(),
    /** Per-vendor routing, by watchlist name; overrides the watchlist's own channel fields. */
    routing: z.record(z.string(), routingEntry).optional(),
    /** Who may do what; empty lists mean "anyone in the channel" for that role. */
    roles: z
      .object({
        admins: principalList,
        responders: principalList,
      })
      .strict()
      .optional(),
    fetch: z
      .object({
        timeoutMs: z.number().int().min(100).max(300_000).optional(),
        maxBytes: z.number().int().min(1024).optional(),
        concurrency: z.number().int().min(1).max(256).optional(),
        perHostConcurrency: z.number().int().min(1).max(32).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export type ConfigFile = z.output<typeof configFileSchema>;
