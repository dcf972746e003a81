// Signal handling for the long-running command: SIGINT (Ctrl-C) and SIGTERM (docker stop, systemd) stop the bot;
// SIGHUP, the daemon convention, asks for a reload while it runs.

import type { Logger } from '../log.js';

/** Stopping must end the process within 10 s (INTERFACES.md), even if a dependency is wedged. */
const FORCED_EXIT_AFTER_MS = 9_500;

/**
 * Resolves with the first SIGINT or SIGTERM; until then every SIGHUP calls `onHangup`. From that moment a last-resort
 * timer exits the process if the orderly stop has not finished within the 10 s promise.
 */
export function untilStopSignal(logger: Logger, onHangup: () => void): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      process.off('SIGHUP', onHangup);
      setTimeout(() => {
        logger.error('shutdown took too long; exiting');
        process.exit(0);
      }, FORCED_EXIT_AFTER_MS).unref();
      resolve(signal);
    };
    process.on('SIGHUP', onHangup);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
