// What the commands that open the store share: reading the configuration, the logger, and turning the failures of
// building the app into INTERFACES.md's exit codes.

import { createApp, type VendorwatchApp } from '../app/create-app.js';
import { ListenError } from '../app/running-bot.js';
import { type Config, ConfigError, loadConfig } from '../config/load-config.js';
import type { AdapterFactory } from '../core/chat.js';
import { createLogger, type Logger } from '../log.js';
import { createRedactingStream, secretsOf } from '../observability/redact-secrets.js';
import { StoreError } from '../store/open-database.js';
import { WatchlistError } from '../watchlist/load-watchlist.js';
import type { CommandIO, ExitCode } from './command-io.js';

/** Reads the configuration, or prints every problem and says exit 1. */
export function configOrExit(io: CommandIO): Config | ExitCode {
  try {
    return loadConfig(io.env, { cwd: io.cwd, isTTY: Boolean((io.stderr as NodeJS.WriteStream).isTTY) });
  } catch (error) {
    if (error instanceof ConfigError) {
      io.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

export function loggerFor(config: Config, io: CommandIO): Logger {
  // Configured secrets are masked in whatever is written, whichever key or message they hide in.
  return createLogger({
    level: config.log.level,
    pretty: config.log.format === 'pretty',
    destination: createRedactingStream(io.stderr, secretsOf(config)),
  });
}

/** The adapter factory the entry point handed in, or null after saying that none was (exit 2). */
export function adaptersOrExit(io: CommandIO): AdapterFactory | null {
  if (io.createAdapters) return io.createAdapters;
  io.stderr.write('vendorwatch: no chat adapters were wired in (run through bin/vendorwatch.js)\n');
  return null;
}

/**
 * Says why the bot could not be built and gives the exit code: 1 for bad input (the watchlist), 2 for runtime
 * failures (store unreachable, port taken). Anything else is a bug and is thrown on.
 */
export function startFailure(error: unknown, config: Config, io: CommandIO): ExitCode {
  if (error instanceof WatchlistError) {
    io.stderr.write(`The watchlist ${config.watchlistPath} has problems:\n${error.message}\n`);
    return 1;
  }
  if (error instanceof StoreError || error instanceof ListenError) {
    io.stderr.write(`${error.message}\n`);
    return 2;
  }
  throw error;
}

/** Builds the app for a one-shot command, runs `work`, and closes the app whatever `work` does. */
export async function withApp(io: CommandIO, work: (app: VendorwatchApp) => Promise<ExitCode>): Promise<ExitCode> {
  const config = configOrExit(io);
  if (typeof config === 'number') return config;
  const logger = loggerFor(config, io);
  const createAdapters = adaptersOrExit(io);
  if (!createAdapters) return 2;
  let app: VendorwatchApp;
  try {
    app = await createApp(config, { logger, createAdapters, stdout: io.stdout });
  } catch (error) {
    return startFailure(error, config, io);
  }
  try {
    return await work(app);
  } finally {
    await app.close();
  }
}
