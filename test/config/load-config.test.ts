import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_SCHEDULE, loadConfig } from '../../src/config/load-config.js';
import { EXAMPLE_WATCHLIST_PATH } from '../../src/watchlist/example-watchlist.js';

const cwd = mkdtempSync(join(tmpdir(), 'vw-config-'));

function problemsOf(env: NodeJS.ProcessEnv, options = {}): { field: string; message: string }[] {
  try {
    loadConfig(env, { cwd, ...options });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('runs with no configuration at all: catalogue, example watchlist, console, ./data store', () => {
    const config = loadConfig({}, { cwd });
    expect(config.schedule).toBe(DEFAULT_SCHEDULE);
    expect(config.feedsOrigin).toBe('catalogue');
    expect(config.feeds.length).toBeGreaterThanOrEqual(17);
    expect(config.watchlistPath).toBe(EXAMPLE_WATCHLIST_PATH);
    expect(config.dbPath).toBe(join(cwd, 'data', 'vendorwatch.db'));
    expect(config.maxItemAgeDays).toBe(14);
    expect(config.port).toBe(3000);
    expect(config.slack).toBeNull();
    expect(config.teams).toBeNull();
  });

  it('names the variable of a bad cron expression', () => {
    expect(problemsOf({ VENDORWATCH_SCHEDULE: 'every ten minutes' })).toEqual([
      expect.objectContaining({ field: 'VENDORWATCH_SCHEDULE', message: expect.stringContaining('cron') }),
    ]);
  });

  it('names an unknown value of an enumerated variable and lists the allowed ones', () => {
    const [problem] = problemsOf({ LOG_LEVEL: 'verbose' });
    expect(problem?.field).toBe('LOG_LEVEL');
    expect(problem?.message).toContain('debug');
  });

  it('reports every problem at once', () => {
    const fields = problemsOf({
      VENDORWATCH_SCHEDULE: 'x',
      PORT: 'eighty',
      VENDORWATCH_MAX_ITEM_AGE_DAYS: '-3',
      SLACK_ALERT_CHANNEL: '#general',
    }).map((p) => p.field);
    expect(fields).toEqual(
      expect.arrayContaining(['VENDORWATCH_SCHEDULE', 'PORT', 'VENDORWATCH_MAX_ITEM_AGE_DAYS', 'SLACK_ALERT_CHANNEL']),
    );
  });

  it('bounds each platform call by VENDORWATCH_PLATFORM_TIMEOUT_MS: 15 s by default, a bad value named', () => {
    expect(loadConfig({}, { cwd }).platformTimeoutMs).toBe(15_000);
    expect(loadConfig({ VENDORWATCH_PLATFORM_TIMEOUT_MS: '5000' }, { cwd }).platformTimeoutMs).toBe(5_000);
    for (const bad of ['0', '999999', 'soon']) {
      expect(problemsOf({ VENDORWATCH_PLATFORM_TIMEOUT_MS: bad }).map((p) => p.field)).toEqual(['VENDORWATCH_PLATFORM_TIMEOUT_MS']);
    }
  });

  it('names VENDORWATCH_FEEDS when its file cannot be read', () => {
    const [problem] = problemsOf({ VENDORWATCH_FEEDS: './no-such-feeds.json' });
    expect(problem?.field).toBe('VENDORWATCH_FEEDS');
  });

  it('takes a comma-separated list of feed URLs', () => {
    const config = loadConfig({ VENDORWATCH_FEEDS: 'http://127.0.0.1:1/a.xml, http://127.0.0.1:1/b.xml' }, { cwd });
    expect(config.feeds.map((f) => f.url)).toEqual(['http://127.0.0.1:1/a.xml', 'http://127.0.0.1:1/b.xml']);
    expect(config.feedsOrigin).toBe('VENDORWATCH_FEEDS');
  });

  it('turns Slack on with a bot token and asks for the signing secret in HTTP mode', () => {
    const [problem] = problemsOf({ SLACK_BOT_TOKEN: 'xoxb-1-2-3' });
    expect(problem?.field).toBe('SLACK_SIGNING_SECRET');
    const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1-2-3', SLACK_SIGNING_SECRET: 's', SLACK_ALERT_CHANNEL: 'C0123ABCD' }, { cwd });
    expect(config.slack).toMatchObject({ botToken: 'xoxb-1-2-3', alertChannel: 'C0123ABCD', appToken: null });
  });

  it('turns Teams on only with an app id or the dangerous local switch', () => {
    expect(loadConfig({ TEAMS_DANGEROUSLY_ALLOW_UNAUTHENTICATED: 'true', HOST: '127.0.0.1' }, { cwd }).teams).toMatchObject({
      appId: null,
      dangerouslyAllowUnauthenticated: true,
    });
    expect(problemsOf({ MicrosoftAppId: 'abc' }).map((p) => p.field)).toEqual(['MicrosoftAppPassword']);
    expect(problemsOf({ TEAMS_DANGEROUSLY_ALLOW_UNAUTHENTICATED: 'maybe' }).map((p) => p.field)).toEqual([
      'TEAMS_DANGEROUSLY_ALLOW_UNAUTHENTICATED',
    ]);
  });

  it('refuses the unauthenticated Teams switch unless the server binds to loopback alone', () => {
    const [problem] = problemsOf({ TEAMS_DANGEROUSLY_ALLOW_UNAUTHENTICATED: 'true' });
    expect(problem?.field).toBe('TEAMS_DANGEROUSLY_ALLOW_UNAUTHENTICATED');
    expect(problem?.message).toContain('HOST is "0.0.0.0"');
    expect(problemsOf({ TEAMS_DANGEROUSLY_ALLOW_UNAUTHENTICATED: 'true', HOST: '192.168.1.10' }).map((p) => p.field)).toEqual([
      'TEAMS_DANGEROUSLY_ALLOW_UNAUTHENTICATED',
    ]);
    for (const host of ['127.0.0.1', '::1', 'localhost', '127.0.0.2']) {
      expect(loadConfig({ TEAMS_DANGEROUSLY_ALLOW_UNAUTHENTICATED: 'true', HOST: host }, { cwd }).host).toBe(host);
    }
  });

  it('reads the Teams tenant allow-list, defaulting to MicrosoftAppTenantId, and names an id that is not a GUID', () => {
    const tenant = '72F988BF-86F1-41AF-91AB-2D7CD011DB47';
    const base = { MicrosoftAppId: 'app', MicrosoftAppPassword: 'pw' };
    expect(loadConfig(base, { cwd }).teams?.allowedTenants).toEqual([]);
    expect(loadConfig({ ...base, MicrosoftAppTenantId: tenant }, { cwd }).teams?.allowedTenants).toEqual([tenant.toLowerCase()]);
    const other = '11111111-2222-4333-8444-555555555555';
    expect(
      loadConfig({ ...base, MicrosoftAppTenantId: tenant, VENDORWATCH_TEAMS_ALLOWED_TENANTS: `${other}, ${tenant}` }, { cwd }).teams
        ?.allowedTenants,
    ).toEqual([other, tenant.toLowerCase()]);
    const [problem] = problemsOf({ ...base, VENDORWATCH_TEAMS_ALLOWED_TENANTS: 'contoso.onmicrosoft.com' });
    expect(problem).toMatchObject({ field: 'VENDORWATCH_TEAMS_ALLOWED_TENANTS' });
    expect(problem?.message).toContain('contoso.onmicrosoft.com');
  });

  it('routes Teams by conversation id only: a channel name in the config file is an error that says how to find the id', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vw-config-routing-'));
    writeFileSync(join(dir, 'vendorwatch.config.json'), JSON.stringify({ routing: { CareCloud: { teams_channel: 'Vendor risk' } } }));
    const [problem] = problemsOf({}, { cwd: dir });
    expect(problem?.field).toContain('routing.CareCloud.teams_channel');
    expect(problem?.message).toContain('conversation id');
    writeFileSync(
      join(dir, 'vendorwatch.config.json'),
      JSON.stringify({ routing: { CareCloud: { teams_channel: '19:a1b2c3@thread.tacv2' } } }),
    );
    expect(loadConfig({}, { cwd: dir }).routing).toEqual({ CareCloud: { teamsChannel: '19:a1b2c3@thread.tacv2' } });
  });

  it('reads HOST and the metrics token, and refuses a metrics token too short to be secret', () => {
    expect(loadConfig({}, { cwd })).toMatchObject({ host: '0.0.0.0', metricsToken: null });
    expect(loadConfig({ HOST: '127.0.0.1', VENDORWATCH_METRICS_TOKEN: 'a-long-random-metrics-token' }, { cwd })).toMatchObject({
      host: '127.0.0.1',
      metricsToken: 'a-long-random-metrics-token',
    });
    expect(problemsOf({ VENDORWATCH_METRICS_TOKEN: 'short' }).map((p) => p.field)).toEqual(['VENDORWATCH_METRICS_TOKEN']);
    expect(problemsOf({ HOST: 'not a host!' }).map((p) => p.field)).toEqual(['HOST']);
  });

  it('reads the config file, rejects unknown keys by name, and lets the environment win', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vw-config-file-'));
    writeFileSync(
      join(dir, 'vendorwatch.config.json'),
      JSON.stringify({ schedule: '*/5 * * * *', maxItemAgeDays: 3, roles: { admins: ['U1'] } }),
    );
    const config = loadConfig({ VENDORWATCH_MAX_ITEM_AGE_DAYS: '7' }, { cwd: dir });
    expect(config.schedule).toBe('*/5 * * * *');
    expect(config.maxItemAgeDays).toBe(7);
    expect(config.roles.admins).toEqual(['U1']);

    writeFileSync(join(dir, 'typo.json'), JSON.stringify({ schedul: '*/5 * * * *' }));
    const [problem] = problemsOf({ VENDORWATCH_CONFIG: join(dir, 'typo.json') });
    expect(problem?.field).toContain('typo.json');
    expect(problem?.message).toContain('schedul');
  });

  it('never puts a secret into an error message', () => {
    try {
      loadConfig(
        {
          SLACK_BOT_TOKEN: 'not-a-bot-token-SECRET123',
          MicrosoftAppId: 'id',
          MicrosoftAppPassword: 'PASSWORD456',
          TEAMS_DANGEROUSLY_ALLOW_UNAUTHENTICATED: 'true',
        },
        { cwd },
      );
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect((error as Error).message).not.toContain('SECRET123');
      expect((error as Error).message).not.toContain('PASSWORD456');
    }
  });
});

describe('fetch concurrency', () => {
  it('defaults to 16, grows with a long feed list up to 64, and follows the setting when given', () => {
    const urls = (n: number) => Array.from({ length: n }, (_, i) => `http://127.0.0.1:1/${i}.xml`).join(',');
    expect(loadConfig({ VENDORWATCH_FEEDS: urls(20) }, { cwd }).fetch.concurrency).toBe(16);
    expect(loadConfig({ VENDORWATCH_FEEDS: urls(300) }, { cwd }).fetch.concurrency).toBe(38);
    expect(loadConfig({ VENDORWATCH_FEEDS: urls(1000) }, { cwd }).fetch.concurrency).toBe(64);
    expect(loadConfig({ VENDORWATCH_FEEDS: urls(1000), VENDORWATCH_FETCH_CONCURRENCY: '8' }, { cwd }).fetch.concurrency).toBe(8);
  });
});
