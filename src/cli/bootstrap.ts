import { ConfigError, type Config, loadConfig } from '../config/load-config.js';
import { type AdapterFactory, type VendorwatchApp, createApp } from '../app/create-app.js';
import { createLogger, type Logger } from '../log.js';
import { createRedactingStream, secretsOf } from '../observability/redact-secrets.js';
import { StoreError } from '../store/open-database.js';
import { WatchlistError } from '../watchlist/load-watchlist.js';
import type { CommandIO, ExitCode } from './main.js';

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
  return createLogger({ level: config.log.level, pretty: config.log.format === 'pretty', destination: createRedactingStream(io.stderr, secretsOf(config)) });
}

/**
 * Builds the app for a command and maps failures to INTERFACES.md's exit codes: 1 for bad input (watchlist),
 * 2 for runtime failures (store unreachable). The app is closed whatever `work` does.
 */
export async function withApp(io: CommandIO, work: (app: VendorwatchApp) => Promise<ExitCode>): Promise<ExitCode> {
  const config = configOrExit(io);
  if (typeof config === 'number') return config;
  const logger = loggerFor(config, io);
  if (!io.createAdapters) {
    io.stderr.write('vendorwatch: no chat adapters were wired in (run through bin/vendorwatch.js)\n');
    return 2;
  }
  let app: VendorwatchApp;
  try {
    app = await createApp(config, { logger, createAdapters: io.createAdapters, stdout: io.stdout });
  } catch (error) {
    if (error instanceof WatchlistError) {
      io.stderr.write(`The watchlist ${config.watchlistPath} has problems:\n${error.message}\n`);
      return 1;
    }
    if (error instanceof StoreError) {
      io.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
  try {
    return await work(app);
  } finally {
    await app.close();
  }
}

export type { AdapterFactory };
