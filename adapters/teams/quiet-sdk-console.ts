// botbuilder writes to the console on its own: a refused token prints its stack trace (CloudAdapter.process),
// a bad signature prints "Error finding key for token…" (JwtTokenExtractor). That output bypasses our JSON log
// and its redaction, and one line per forged request lets a flood fill the disk. The SDK offers no logger to
// plug in, so while it runs on our behalf its console calls are handed to us instead: scoped with
// AsyncLocalStorage to the work we started, so console output of anything else in the process is untouched.

import { AsyncLocalStorage } from 'node:async_hooks';
import { format } from 'node:util';

export type ConsoleSink = (method: ConsoleMethod, firstLine: string) => void;
export type ConsoleMethod = 'log' | 'info' | 'warn' | 'error' | 'debug' | 'trace';

const METHODS: ConsoleMethod[] = ['log', 'info', 'warn', 'error', 'debug', 'trace'];
const scope = new AsyncLocalStorage<ConsoleSink>();
const WRAPPED = Symbol('vendorwatch.sdkConsole');

/** Drops what the SDK prints. */
export const discardConsole: ConsoleSink = () => {};

/** Runs `work` with every console call made inside it (and in what it awaits) going to `sink`, not the console. */
export function withSdkConsole<T>(sink: ConsoleSink, work: () => Promise<T>): Promise<T> {
  wrapConsole();
  return scope.run(sink, work);
}

/** Wraps each console method once; again if something (a test runner) has put another function in its place. */
function wrapConsole(): void {
  for (const method of METHODS) {
    const current = console[method] as ((...args: unknown[]) => void) & { [WRAPPED]?: true };
    if (current[WRAPPED]) continue;
    const wrapper = function (this: Console, ...args: unknown[]): void {
      const sink = scope.getStore();
      if (!sink) {
        current.apply(this, args);
        return;
      }
      // Only the first line: the rest is a stack trace or, for errors carrying a request, its headers.
      sink(method, firstLine(args));
    };
    Object.defineProperty(wrapper, WRAPPED, { value: true });
    console[method] = wrapper;
  }
}

function firstLine(args: unknown[]): string {
  const text = args
    .map((arg) =>
      arg instanceof Error ? `${arg.constructor?.name ?? arg.name}: ${arg.message}` : typeof arg === 'string' ? arg : format('%o', arg),
    )
    .join(' ');
  return text.split('\n', 1)[0]!.slice(0, 200);
}
