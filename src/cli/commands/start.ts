import { type RunningBot, startBot } from '../../app/running-bot.js';
import { createRedactingStream, secretsOf } from '../../observability/redact-secrets.js';
import { adaptersOrExit, configOrExit, loggerFor, startFailure } from '../bootstrap.js';
import type { CommandIO, ExitCode } from '../command-io.js';
import { untilStopSignal } from '../stop-signal.js';

const USAGE =
  'Usage: vendorwatch start\n  Runs the bot: the poll schedule, the chat adapters that have credentials (console otherwise), the HTTP server.\n';

export async function run(args: string[], io: CommandIO): Promise<ExitCode> {
  if (args[0] === '--help') {
    io.stdout.write(USAGE);
    return 0;
  }
  if (args.length > 0) {
    io.stderr.write(`vendorwatch start takes no arguments (got "${args.join(' ')}"); configure it with environment variables.\n`);
    return 1;
  }
  const config = configOrExit(io);
  if (typeof config === 'number') return config;
  // What the bot prints through its streams (our logs, Bolt's and botbuilder's through the logger bridges, console
  // alerts) goes through a mask of the configured secrets. A library writing to process.stderr itself bypasses it.
  const secrets = secretsOf(config);
  const guarded: CommandIO = {
    ...io,
    stdout: createRedactingStream(io.stdout, secrets),
    stderr: createRedactingStream(io.stderr, secrets),
  };
  const logger = loggerFor(config, guarded);
  const createAdapters = adaptersOrExit(guarded);
  if (!createAdapters) return 2;
  let bot: RunningBot;
  try {
    bot = await startBot(config, { logger, createAdapters, stdout: guarded.stdout });
  } catch (error) {
    return startFailure(error, config, guarded);
  }
  const reload = () => void bot.reloadWatchlist().catch((error: unknown) => logger.error({ err: error }, 'watchlist reload failed'));
  const signal = await untilStopSignal(logger, reload);
  logger.info({ signal }, 'stopping: finishing the current cycle');
  await bot.stop();
  return 0;
}
