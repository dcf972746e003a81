import { Writable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import type { Config } from '../config/load-config.js';
import { databasePasswords } from '../store/postgres/database-url.js';

const REDACTED = '[redacted]';

/** Shorter values are not masked: they would blank out ordinary words, and no real token is this short. */
const MIN_SECRET_LENGTH = 8;
/** A line longer than this without a newline is flushed anyway (minus a possible secret's head). */
const MAX_HELD_CHARS = 64 * 1024;

/** The configured secrets: Slack tokens and signing secret, the Teams client secret, the /metrics bearer token, the database password. */
export function secretsOf(config: Pick<Config, 'slack' | 'teams'> & Partial<Pick<Config, 'metricsToken' | 'dbPath'>>): string[] {
  const values = [
    config.slack?.botToken,
    config.slack?.signingSecret,
    config.slack?.appToken,
    config.teams?.appPassword,
    config.metricsToken,
    // The PostgreSQL password of VENDORWATCH_DB, should a driver message ever quote it.
    ...(config.dbPath ? databasePasswords(config.dbPath) : []),
  ];
  return values.filter((value): value is string => typeof value === 'string' && value.length >= MIN_SECRET_LENGTH);
}

/**
 * Every spelling a secret can take in a log line: as is, inside a JSON string, inside a URL, inside a form body
 * (which also escapes `~` and writes spaces as `+`), and base64 (a dumped header or request body).
 */
function spellings(secret: string): string[] {
  const form = new URLSearchParams({ s: secret }).toString().slice(2);
  // Only whole 3-byte groups: the last partial group's characters change with whatever bytes follow the secret.
  const bytes = Buffer.from(secret, 'utf8');
  const base64 = bytes.subarray(0, bytes.length - (bytes.length % 3)).toString('base64');
  return [...new Set([secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret), form, base64])].sort(
    (a, b) => b.length - a.length,
  );
}

/** Replaces every occurrence of every secret (in any spelling) with `[redacted]`. */
export function createSecretMasker(secrets: readonly string[]): (text: string) => string {
  const needles = [...new Set(secrets.filter((s) => s.length >= MIN_SECRET_LENGTH).flatMap(spellings))].sort((a, b) => b.length - a.length);
  if (needles.length === 0) return (text) => text;
  return (text) => {
    let out = text;
    for (const needle of needles) if (out.includes(needle)) out = out.split(needle).join(REDACTED);
    return out;
  };
}

/**
 * A stream in front of stdout/stderr that masks the configured secrets' values, whoever wrote them: our logger,
 * Bolt's or botbuilder's messages, an error's text. pino's key-based redaction only covers keys it was told about;
 * this is the net under it. Output is passed on a whole line at a time, so a secret split across two writes is
 * still caught, and each line is handed on at once (nothing is held back across a process exit).
 */
export function createRedactingStream(destination: NodeJS.WritableStream, secrets: readonly string[]): NodeJS.WritableStream {
  const mask = createSecretMasker(secrets);
  const longest = Math.max(0, ...secrets.map((s) => Math.max(...spellings(s).map((v) => v.length))));
  const decoder = new StringDecoder('utf8');
  let held = '';
  const stream = new Writable({
    decodeStrings: false,
    write(chunk: string | Buffer, _encoding, callback) {
      const text = held + (typeof chunk === 'string' ? chunk : decoder.write(chunk));
      const end = text.lastIndexOf('\n');
      if (end !== -1) {
        held = text.slice(end + 1);
        destination.write(mask(text.slice(0, end + 1)));
      } else {
        held = text;
      }
      if (held.length > MAX_HELD_CHARS) {
        // Keep back only what could be the start of a secret that the next write completes.
        const keep = Math.max(0, longest - 1);
        destination.write(mask(held.slice(0, held.length - keep)));
        held = held.slice(held.length - keep);
      }
      // The destination buffers for itself: acknowledging at once means nothing waits here if the process exits.
      callback();
    },
    final(callback) {
      const rest = held + decoder.end();
      held = '';
      if (rest) destination.write(mask(rest));
      callback();
    },
  });
  // Config reads `isTTY` to choose pretty logs for a terminal; the wrapper must not hide the terminal.
  Object.defineProperty(stream, 'isTTY', { value: (destination as NodeJS.WriteStream).isTTY === true });
  return stream;
}
