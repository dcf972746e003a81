// What every `vendorwatch` command is handed and returns. Its own module so that the commands and the dispatcher
// (main.ts, which loads them) both import it and neither imports the other.

import type { AdapterFactory } from '../core/chat.js';

/** INTERFACES.md's exit codes: 0 success, 1 bad input or configuration, 2 runtime failure. */
export type ExitCode = 0 | 1 | 2;

export interface CommandIO {
  env: NodeJS.ProcessEnv;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
  cwd: string;
  /** Builds the chat adapters; handed in by the entry point (adapters/cli.ts) so src/ never imports a platform. */
  createAdapters?: AdapterFactory;
}

export type Command = (args: string[], io: CommandIO) => Promise<ExitCode>;
