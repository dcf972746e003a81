import { createRequire } from 'node:module';
import pino, { type Logger } from 'pino';
import type PinoPretty from 'pino-pretty';

export type { Logger };

/** Keys whose values are secrets wherever they appear in a log object. */
const SECRET_KEYS = [
  'token',
  'botToken',
  'appToken',
  'signingSecret',
  'password',
  'appPassword',
  'MicrosoftAppPassword',
  'clientSecret',
  'secret',
  'authorization',
];
const REDACTED_PATHS = [
  ...SECRET_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]),
  'headers.authorization',
  '*.headers.authorization',
];

export interface LoggerOptions {
  level?: string;
  /** Human-readable lines for a terminal instead of JSON. */
  pretty?: boolean;
  /** Where to write; stderr by default so that stdout stays for command output (triage JSONL, tables). */
  destination?: NodeJS.WritableStream;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const { level = 'info', pretty = false, destination = process.stderr } = options;
  const base = { level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' }, base: { app: 'vendorwatch' } };
  if (pretty) {
    // pino-pretty as a stream (not a worker transport) keeps start-up fast and output ordered.
    return pino(base, prettyStream(destination));
  }
  return pino(base, destination as pino.DestinationStream);
}

/** pino-pretty is ~9 MB of modules: loaded only for a terminal, never for the JSON logs a server writes. */
const loadPinoPretty = (): typeof PinoPretty => createRequire(import.meta.url)('pino-pretty') as typeof PinoPretty;

function prettyStream(destination: NodeJS.WritableStream): pino.DestinationStream {
  const pinoPretty = loadPinoPretty();
  return pinoPretty({
    destination: destination as never,
    colorize: false,
    translateTime: 'SYS:HH:MM:ss',
    ignore: 'pid,hostname,app',
    singleLine: true,
    sync: true,
  });
}

/** A logger that drops everything, for library code under test that is given no logger. */
export const silentLogger: Logger = pino({ level: 'silent' });
