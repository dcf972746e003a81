// The `vendorwatch` command with the chat adapters wired in: the one module both entry points run, the compiled
// bin/vendorwatch.js (dist/adapters/cli.js) and `npm run dev` (scripts/vendorwatch-dev.ts, the sources through tsx).
// It lives here, not under src/, because src/ never imports a platform (test/boundary.test.ts).

import type { CommandIO, ExitCode } from '../src/cli/command-io.js';
import { main } from '../src/cli/main.js';
import { createAdapters } from './index.js';

/** Runs one command; `io` replaces the process's streams, environment and directory (tests, the demo). */
export function run(argv: string[], io: Partial<Omit<CommandIO, 'createAdapters'>> = {}): Promise<ExitCode> {
  return main(argv, { ...io, createAdapters });
}
