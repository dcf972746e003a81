// Bolt and the WebClient log through this bridge into our pino logger, with anything shaped like a Slack
// token scrubbed first: their debug output includes request bodies.

import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Logger } from '../../src/log.js';

const TOKEN_SHAPE = /\b(xox[abposr]|xapp)-[A-Za-z0-9-]+/g;

function scrubTokens(text: string): string {
  return text.replace(TOKEN_SHAPE, '[redacted]');
}

function line(parts: unknown[]): string {
  return scrubTokens(parts.map((part) => (typeof part === 'string' ? part : safeJson(part))).join(' '));
}

function safeJson(value: unknown): string {
  if (value instanceof Error) return value.message;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

export function createBoltLogger(logger: Logger): BoltLogger {
  const child = logger.child({ component: 'slack' });
  return {
    debug: (...msg: unknown[]) => child.debug(line(msg)),
    info: (...msg: unknown[]) => child.info(line(msg)),
    warn: (...msg: unknown[]) => child.warn(line(msg)),
    error: (...msg: unknown[]) => child.error(line(msg)),
    // The level is ours to set (LOG_LEVEL), not Bolt's.
    setLevel: () => undefined,
    getLevel: () => {
      const level = child.level;
      if (level === 'debug' || level === 'trace') return LogLevel.DEBUG;
      if (level === 'info') return LogLevel.INFO;
      if (level === 'warn') return LogLevel.WARN;
      return LogLevel.ERROR;
    },
    setName: () => undefined,
  };
}
