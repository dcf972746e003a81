import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import { createRedactingStream, createSecretMasker, secretsOf } from '../../src/observability/redact-secrets.js';

const TOKEN = 'xoxb-2222-3333-RedactMeWombat';
const PASSWORD = 'Az"ure\\Secret~with/odd&chars';

function sink() {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  return { stream, text: () => text };
}

describe('the output mask of configured secrets', () => {
  it('takes the Slack tokens, signing secret and Teams password from the config, ignoring values too short to be secrets', () => {
    expect(
      secretsOf({
        slack: { botToken: TOKEN, signingSecret: 'abc', appToken: 'xapp-1-A0-1234567890', alertChannel: 'C1', apiUrl: null },
        teams: {
          appId: 'id',
          appPassword: PASSWORD,
          appType: 'MultiTenant',
          tenantId: null,
          dangerouslyAllowUnauthenticated: false,
          allowedTenants: [],
        },
      }),
    ).toEqual([TOKEN, 'xapp-1-A0-1234567890', PASSWORD]);
    expect(secretsOf({ slack: null, teams: null })).toEqual([]);
  });

  it('takes the /metrics bearer token too, so a logged Authorization header or request never shows it', () => {
    const metricsToken = 'prometheus-scrape-9d2f71c4e8';
    expect(secretsOf({ slack: null, teams: null, metricsToken })).toEqual([metricsToken]);
    expect(secretsOf({ slack: null, teams: null, metricsToken: null })).toEqual([]);
    const mask = createSecretMasker(secretsOf({ slack: null, teams: null, metricsToken }));
    expect(mask(`{"headers":{"authorization":"Bearer ${metricsToken}"}}`)).toBe('{"headers":{"authorization":"Bearer [redacted]"}}');
  });

  it('masks a secret as written, inside a JSON string and URL-encoded, leaving the rest of the line', () => {
    const mask = createSecretMasker([TOKEN, PASSWORD]);
    expect(mask(`Authorization: Bearer ${TOKEN} ok`)).toBe('Authorization: Bearer [redacted] ok');
    expect(mask(JSON.stringify({ msg: `login with ${PASSWORD}` }))).toBe('{"msg":"login with [redacted]"}');
    expect(mask(`client_secret=${encodeURIComponent(PASSWORD)}&x=1`)).toBe('client_secret=[redacted]&x=1');
    expect(mask('nothing to hide')).toBe('nothing to hide');
  });

  it('masks the form-encoded and base64 spellings too', () => {
    const secret = 'p~ss word/with+signs';
    const mask = createSecretMasker([secret]);
    expect(mask(`body: ${new URLSearchParams({ client_secret: secret }).toString()}&grant_type=x`)).toBe(
      'body: client_secret=[redacted]&grant_type=x',
    );
    const headerDump = Buffer.from(`${secret}:and-what-follows`).toString('base64');
    expect(mask(`dump ${headerDump}`)).toMatch(/^dump \[redacted\]/);
    expect(mask(`dump ${headerDump}`)).not.toContain(headerDump.slice(0, 16));
  });

  it('catches a secret split across two writes, and a pino logger behind it leaks nothing under keys it does not know', () => {
    const out = sink();
    const stream = createRedactingStream(out.stream, [TOKEN]);
    stream.write(`first line ${TOKEN.slice(0, 9)}`);
    expect(out.text()).toBe('');
    stream.write(`${TOKEN.slice(9)} end\nsecond `);
    expect(out.text()).toBe('first line [redacted] end\n');
    stream.write(Buffer.from(`line ${TOKEN}\n`));
    expect(out.text()).toBe('first line [redacted] end\nsecond line [redacted]\n');

    const logger = createLogger({ destination: stream });
    logger.info({ config: { slack: { botToken: TOKEN } }, err: new Error(`auth failed for ${TOKEN}`) }, `token is ${TOKEN}`);
    const logged = out.text().split('\n').at(-2)!;
    expect(JSON.parse(logged)).toMatchObject({ msg: 'token is [redacted]', config: { slack: { botToken: '[redacted]' } } });
    expect(out.text()).not.toContain(TOKEN);
  });

  it('passes a terminal on, so pretty logs are still chosen for a TTY', () => {
    const tty = Object.assign(new PassThrough(), { isTTY: true });
    expect((createRedactingStream(tty, [TOKEN]) as NodeJS.WriteStream).isTTY).toBe(true);
    expect((createRedactingStream(new PassThrough(), [TOKEN]) as NodeJS.WriteStream).isTTY).toBe(false);
  });
});
