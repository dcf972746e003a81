import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { z } from 'zod';
import type { FeedSource, FullTextMode } from '../core/types.js';
import { AddressPolicyError, type AddressPolicyMode, parseAllowHosts } from '../feeds/address-policy.js';
import { FEED_CATALOGUE } from '../feeds/catalogue.js';
import { withFeedType } from '../feeds/feed-type.js';
import { FeedsSettingError, readFeedsSetting } from '../feeds/feeds-setting.js';
import { isPostgresUrl } from '../store/postgres/database-url.js';
import { EXAMPLE_WATCHLIST_PATH } from '../watchlist/example-watchlist.js';
import { type ConfigFile, configFileSchema, envSchema } from './schema.js';

export const DEFAULT_SCHEDULE = '*/10 * * * *';
const DEFAULT_MAX_ITEM_AGE_DAYS = 14;
const DEFAULT_DIGEST_SCHEDULE = '0 8 * * *';

export interface SlackSettings {
  botToken: string;
  signingSecret: string | null;
  appToken: string | null;
  alertChannel: string | null;
  apiUrl: string | null;
}

export interface TeamsSettings {
  appId: string | null;
  appPassword: string | null;
  appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
  tenantId: string | null;
  dangerouslyAllowUnauthenticated: boolean;
  /**
   * Microsoft Entra tenant ids whose activities are accepted (`VENDORWATCH_TEAMS_ALLOWED_TENANTS`, else
   * `MicrosoftAppTenantId`). Empty means every tenant: start-up warns about it.
   */
  allowedTenants: string[];
}

export interface Config {
  configFile: string | null;
  watchlistPath: string;
  feeds: FeedSource[];
  feedsOrigin: 'catalogue' | 'VENDORWATCH_FEEDS' | 'config file';
  /**
   * Which addresses feeds may reach. The operator's own feeds follow `mode`; the built-in catalogue and feeds from
   * an OPML file (someone else's list) are always public-only, with the same allow-list.
   */
  feedAddresses: { mode: AddressPolicyMode; allow: string[]; untrustedUrls: string[] };
  /** When to read the article page of an item (VENDORWATCH_FULL_TEXT); a feed's own `fullText` wins for that feed. */
  fullText: FullTextMode;
  /** VENDORWATCH_DB: a SQLite file path (made absolute), or a postgres:// URL as given. Mask it before showing it. */
  dbPath: string;
  /** VENDORWATCH_DB_POOL_SIZE: connections in the PostgreSQL pool. */
  dbPoolSize: number;
  /** VENDORWATCH_REPLICA_ID: this process's name among replicas; null means host name and process id. */
  replicaId: string | null;
  /** VENDORWATCH_LEASE_SECONDS in ms: the polling lease and delivery claims run out this long after a replica stops renewing them. */
  leaseMs: number;
  schedule: string;
  timezone: string | null;
  maxItemAgeDays: number;
  contact: string | null;
  fetch: { timeoutMs: number; maxBytes: number; concurrency: number; perHostConcurrency: number };
  /** Cron expression of the daily digest (default 08:00 in the schedule's time zone). */
  digestSchedule: string;
  reminders: { firstAfterHours: number; repeatEveryHours: number };
  /** A feed failing this long gets one operator notice (and one when it recovers). */
  feedFailingHours: number;
  /** Deadline of one Slack Web API or Bot Framework connector call; a timeout is a transient failure. */
  platformTimeoutMs: number;
  port: number;
  /** Address the HTTP server binds to (`HOST`). */
  host: string;
  /** When set, `/metrics` answers only requests bearing it. */
  metricsToken: string | null;
  log: { level: string; format: 'json' | 'pretty' };
  /** Per-vendor channel overrides, by watchlist name. */
  routing: Record<string, { slackChannel?: string; teamsChannel?: string }>;
  roles: { admins: string[]; responders: string[] };
  slack: SlackSettings | null;
  teams: TeamsSettings | null;
}

export interface ConfigProblem {
  /** The environment variable or config-file field, e.g. `VENDORWATCH_SCHEDULE` or `vendorwatch.config.json: roles.admins`. */
  field: string;
  message: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: ConfigProblem[]) {
    super(
      `Vendorwatch cannot start: ${problems.length === 1 ? 'a setting is' : `${problems.length} settings are`} wrong.\n` +
        problems.map((p) => `  - ${p.field}: ${p.message}`).join('\n') +
        '\nSee .env.example and docs/CONFIGURATION.md.',
    );
    this.name = 'ConfigError';
  }
}

export interface LoadConfigOptions {
  cwd?: string;
  readFile?: (path: string) => string;
  /** Whether stderr is a terminal (pretty logs by default then). */
  isTTY?: boolean;
}

const issuesToProblems = (issues: z.core.$ZodIssue[], prefix: string): ConfigProblem[] =>
  issues.flatMap(unwrapUnion).map((issue) => ({
    field: `${prefix}${issue.path.map(String).join('.')}` || prefix,
    message: issue.message,
  }));

/**
 * A feed entry is a URL or an object: when the value was an object, zod's "Invalid input" for the union hides what
 * was wrong inside it. The one alternative whose type matched says it ("feeds.0.fullText: expected one of ...").
 */
function unwrapUnion(issue: z.core.$ZodIssue): z.core.$ZodIssue[] {
  if (issue.code !== 'invalid_union') return [issue];
  const matching = issue.errors.filter((branch) => !branch.some((inner) => inner.code === 'invalid_type' && inner.path.length === 0));
  if (matching.length !== 1) return [issue];
  return (matching[0] ?? []).map((inner) => ({ ...inner, path: [...issue.path, ...inner.path] }));
}

/**
 * Reads and checks every setting at once, so a user sees all problems in one go. Nothing in Vendorwatch reads
 * `process.env` except through this function.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, options: LoadConfigOptions = {}): Config {
  const cwd = options.cwd ?? process.cwd();
  const readFile = options.readFile ?? ((path: string) => readFileSync(path, 'utf8'));
  const problems: ConfigProblem[] = [];
  const at = (path: string) => (isAbsolute(path) ? path : resolve(cwd, path));

  const envResult = envSchema.safeParse(env);
  if (!envResult.success) problems.push(...issuesToProblems(envResult.error.issues, ''));
  const settings = envResult.success ? envResult.data : null;

  // The config file: explicit path must exist; the default one is optional.
  let file: ConfigFile = {};
  let configFile: string | null = null;
  const explicitConfig = env.VENDORWATCH_CONFIG?.trim();
  const configPath = at(explicitConfig || './vendorwatch.config.json');
  if (explicitConfig || existsSync(configPath)) {
    configFile = configPath;
    try {
      const parsed = configFileSchema.safeParse(JSON.parse(readFile(configPath)));
      if (parsed.success) file = parsed.data;
      else problems.push(...issuesToProblems(parsed.error.issues, `${configPath}: `));
    } catch (error) {
      problems.push({ field: 'VENDORWATCH_CONFIG', message: `cannot read ${configPath}: ${(error as Error).message}` });
    }
  }

  let feeds: FeedSource[] = [...FEED_CATALOGUE];
  let feedsOrigin: Config['feedsOrigin'] = 'catalogue';
  let untrustedUrls: string[] = [];
  let allowHosts: string[] = [];
  try {
    allowHosts = parseAllowHosts(env.VENDORWATCH_FEED_ALLOW_HOSTS);
  } catch (error) {
    if (!(error instanceof AddressPolicyError)) throw error;
    problems.push({ field: 'VENDORWATCH_FEED_ALLOW_HOSTS', message: error.message });
  }
  if (settings?.VENDORWATCH_FEEDS) {
    try {
      const value = settings.VENDORWATCH_FEEDS;
      const looksLikePath = !/^https?:\/\//i.test(value);
      const read = readFeedsSetting(looksLikePath ? at(value) : value, readFile);
      feeds = read.feeds;
      if (read.format === 'opml') untrustedUrls = feeds.map((feed) => feed.url);
      feedsOrigin = 'VENDORWATCH_FEEDS';
    } catch (error) {
      const message =
        error instanceof FeedsSettingError ? error.message.replace(/^VENDORWATCH_FEEDS: /, '') : `cannot read it: ${String(error)}`;
      problems.push({ field: 'VENDORWATCH_FEEDS', message });
    }
  } else if (file.feeds) {
    feeds = file.feeds.map((entry) =>
      typeof entry === 'string'
        ? { name: new URL(entry).host, url: entry, tags: [] }
        : withFeedType(
            {
              name: entry.name ?? new URL(entry.url).host,
              url: entry.url,
              tags: entry.tags ?? [],
              ...(entry.fullText ? { fullText: entry.fullText } : {}),
            },
            entry.type,
          ),
    );
    feedsOrigin = 'config file';
  }
  if (feeds.length === 0) problems.push({ field: feedsOrigin, message: 'no feeds to poll' });
  // The catalogue's publishers are sites the operator did not choose: public addresses only, like OPML feeds.
  if (feedsOrigin === 'catalogue') untrustedUrls = feeds.map((feed) => feed.url);

  const slack = settings ? slackSettings(settings, problems) : null;
  const teams = settings ? teamsSettings(settings, problems) : null;

  if (problems.length > 0 || !settings) throw new ConfigError(problems);

  const watchlist = settings.VENDORWATCH_WATCHLIST ?? file.watchlist;
  const routing: Config['routing'] = {};
  for (const [vendor, route] of Object.entries(file.routing ?? {})) {
    routing[vendor] = {
      ...(route.slack_channel ? { slackChannel: route.slack_channel } : {}),
      ...(route.teams_channel ? { teamsChannel: route.teams_channel } : {}),
    };
  }

  return {
    configFile,
    watchlistPath: watchlist ? at(watchlist) : EXAMPLE_WATCHLIST_PATH,
    feeds,
    feedsOrigin,
    feedAddresses: { mode: settings.VENDORWATCH_FEED_ADDRESS_POLICY, allow: allowHosts, untrustedUrls },
    fullText: settings.VENDORWATCH_FULL_TEXT,
    dbPath: isPostgresUrl(settings.VENDORWATCH_DB) ? settings.VENDORWATCH_DB : at(settings.VENDORWATCH_DB),
    dbPoolSize: settings.VENDORWATCH_DB_POOL_SIZE,
    replicaId: settings.VENDORWATCH_REPLICA_ID ?? null,
    leaseMs: settings.VENDORWATCH_LEASE_SECONDS * 1000,
    schedule: settings.VENDORWATCH_SCHEDULE ?? file.schedule ?? DEFAULT_SCHEDULE,
    timezone: settings.VENDORWATCH_TIMEZONE ?? file.timezone ?? null,
    maxItemAgeDays: settings.VENDORWATCH_MAX_ITEM_AGE_DAYS ?? file.maxItemAgeDays ?? DEFAULT_MAX_ITEM_AGE_DAYS,
    contact: settings.VENDORWATCH_CONTACT ?? null,
    fetch: {
      timeoutMs: file.fetch?.timeoutMs ?? settings.VENDORWATCH_FETCH_TIMEOUT_MS,
      maxBytes: file.fetch?.maxBytes ?? settings.VENDORWATCH_MAX_FEED_BYTES,
      concurrency: file.fetch?.concurrency ?? settings.VENDORWATCH_FETCH_CONCURRENCY ?? defaultConcurrency(feeds.length),
      perHostConcurrency: file.fetch?.perHostConcurrency ?? 2,
    },
    digestSchedule: settings.VENDORWATCH_DIGEST_SCHEDULE ?? DEFAULT_DIGEST_SCHEDULE,
    reminders: { firstAfterHours: settings.VENDORWATCH_REMINDER_AFTER_HOURS, repeatEveryHours: settings.VENDORWATCH_REMINDER_REPEAT_HOURS },
    feedFailingHours: settings.VENDORWATCH_FEED_FAILING_HOURS,
    platformTimeoutMs: settings.VENDORWATCH_PLATFORM_TIMEOUT_MS,
    port: settings.PORT,
    host: settings.HOST,
    metricsToken: settings.VENDORWATCH_METRICS_TOKEN ?? null,
    log: { level: settings.LOG_LEVEL, format: settings.LOG_FORMAT ?? (options.isTTY ? 'pretty' : 'json') },
    routing,
    roles: { admins: file.roles?.admins ?? [], responders: file.roles?.responders ?? [] },
    slack,
    teams,
  };
}

type Settings = z.output<typeof envSchema>;

/**
 * Feeds fetched at once when not configured: 16, growing with the feed list up to 64, so a few feeds that hang
 * until the timeout cannot hold the rest of a large list back for several timeouts.
 */
export function defaultConcurrency(feedCount: number): number {
  return Math.min(64, Math.max(16, Math.ceil(feedCount / 8)));
}

function slackSettings(settings: Settings, problems: ConfigProblem[]): SlackSettings | null {
  if (!settings.SLACK_BOT_TOKEN) {
    for (const name of ['SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN', 'SLACK_ALERT_CHANNEL'] as const) {
      if (settings[name])
        problems.push({
          field: 'SLACK_BOT_TOKEN',
          message: `${name} is set but SLACK_BOT_TOKEN is not: the Slack adapter needs the bot token (xoxb-…)`,
        });
    }
    return null;
  }
  if (!settings.SLACK_APP_TOKEN && !settings.SLACK_SIGNING_SECRET) {
    problems.push({
      field: 'SLACK_SIGNING_SECRET',
      message: 'HTTP mode needs the signing secret (Basic Information → App Credentials), or set SLACK_APP_TOKEN for Socket Mode',
    });
  }
  return {
    botToken: settings.SLACK_BOT_TOKEN,
    signingSecret: settings.SLACK_SIGNING_SECRET ?? null,
    appToken: settings.SLACK_APP_TOKEN ?? null,
    alertChannel: settings.SLACK_ALERT_CHANNEL ?? null,
    apiUrl: settings.SLACK_API_URL ?? null,
  };
}

function teamsSettings(settings: Settings, problems: ConfigProblem[]): TeamsSettings | null {
  const appType = settings.MicrosoftAppType ?? 'MultiTenant';
  if (settings.MicrosoftAppId) {
    if (!settings.MicrosoftAppPassword && appType !== 'UserAssignedMSI') {
      problems.push({ field: 'MicrosoftAppPassword', message: 'MicrosoftAppId is set, so the bot needs its client secret too' });
    }
    if (appType === 'SingleTenant' && !settings.MicrosoftAppTenantId) {
      problems.push({ field: 'MicrosoftAppTenantId', message: 'a SingleTenant bot needs its Azure AD tenant id' });
    }
    if (settings.TEAMS_DANGEROUSLY_ALLOW_UNAUTHENTICATED) {
      problems.push({
        field: 'TEAMS_DANGEROUSLY_ALLOW_UNAUTHENTICATED',
        message: 'cannot be combined with MicrosoftAppId: authentication is always on when an app id is set',
      });
    }
  } else if (!settings.TEAMS_DANGEROUSLY_ALLOW_UNAUTHENTICATED) {
    if (settings.VENDORWATCH_TEAMS_ALLOWED_TENANTS) {
      problems.push({
        field: 'VENDORWATCH_TEAMS_ALLOWED_TENANTS',
        message: 'is set but the Teams adapter is off: set MicrosoftAppId (and its password) too',
      });
    }
    return null;
  }
  if (settings.TEAMS_DANGEROUSLY_ALLOW_UNAUTHENTICATED && !isLoopbackHost(settings.HOST)) {
    problems.push({
      field: 'TEAMS_DANGEROUSLY_ALLOW_UNAUTHENTICATED',
      message: `turns Teams authentication off, so it is only allowed when the server listens on loopback alone; HOST is "${settings.HOST}": set HOST=127.0.0.1, or set MicrosoftAppId and MicrosoftAppPassword instead`,
    });
  }
  const allowedTenants = settings.VENDORWATCH_TEAMS_ALLOWED_TENANTS
    ? tenantList(settings.VENDORWATCH_TEAMS_ALLOWED_TENANTS, 'VENDORWATCH_TEAMS_ALLOWED_TENANTS', problems)
    : tenantList(settings.MicrosoftAppTenantId, 'MicrosoftAppTenantId', problems);
  return {
    appId: settings.MicrosoftAppId ?? null,
    appPassword: settings.MicrosoftAppPassword ?? null,
    appType,
    tenantId: settings.MicrosoftAppTenantId ?? null,
    dangerouslyAllowUnauthenticated: settings.TEAMS_DANGEROUSLY_ALLOW_UNAUTHENTICATED,
    allowedTenants,
  };
}

/** 127.0.0.0/8, ::1 and localhost: addresses nobody else on the network can reach. */
function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^127(\.\d{1,3}){3}$/.test(bare) || /^::ffff:127(\.\d{1,3}){3}$/.test(bare);
}

const TENANT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Tenant ids are GUIDs; anything else (a domain name, a typo) would silently never match, so it is an error. */
function tenantList(value: string | undefined, field: string, problems: ConfigProblem[]): string[] {
  const ids = (value ?? '').split(/[\s,]+/).filter(Boolean);
  for (const id of ids) {
    if (!TENANT_ID.test(id))
      problems.push({
        field,
        message: `"${id}" is not a tenant id: expected a GUID such as 72f988bf-86f1-41af-91ab-2d7cd011db47 (Entra admin centre → Overview → Tenant ID)`,
      });
  }
  return ids.map((id) => id.toLowerCase());
}
