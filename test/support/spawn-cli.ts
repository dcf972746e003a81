// The one way tests run `vendorwatch` as its own process: the TypeScript sources through tsx
// (scripts/vendorwatch-dev.ts, what `npm run dev` runs), so a test never runs a stale dist/. Everything the process
// prints is copied into the whole-suite secret scan's capture directory, and the secrets the test put in its
// environment are recorded for the scan to look for (test/support/secret-scan/).

import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { appendCapture, captureName, recordSecrets, secretsInEnv } from './secret-scan/capture.js';

const ROOT = join(import.meta.dirname, '..', '..');
const DEV_ENTRY = join(ROOT, 'scripts', 'vendorwatch-dev.ts');
/** tsx's loader by absolute URL: a bare `--import tsx` would be looked up from the child's cwd (often a temp dir). */
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

export interface SpawnVendorwatchOptions {
  /** The child's whole environment (nothing is inherited unless the test spreads process.env in). */
  env: NodeJS.ProcessEnv;
  cwd?: string;
  /** Runs this compiled bin/vendorwatch.js instead of the sources (only the tests of the build itself). */
  compiledBin?: string;
}

/**
 * Starts `vendorwatch ARGS`. stdin is closed; stdout and stderr are pipes that are already flowing (the capture reads
 * them, so a stream the test ignores can never fill up and block the child): attach 'data' listeners right after
 * this returns, before awaiting anything, or use runVendorwatch.
 */
export function spawnVendorwatch(
  args: readonly string[],
  options: SpawnVendorwatchOptions,
): ChildProcess & { stdout: NonNullable<ChildProcess['stdout']>; stderr: NonNullable<ChildProcess['stderr']> } {
  recordSecrets(secretsInEnv(options.env));
  const name = captureName(`spawn-${args[0] ?? 'none'}`);
  const entry = options.compiledBin ? [options.compiledBin] : ['--import', TSX_LOADER, DEV_ENTRY];
  const child = spawn(process.execPath, [...entry, ...args], {
    env: options.env,
    ...(options.cwd ? { cwd: options.cwd } : {}),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (chunk: Buffer) => appendCapture(name, 'stdout', chunk));
  child.stderr.on('data', (chunk: Buffer) => appendCapture(name, 'stderr', chunk));
  return child;
}

export interface FinishedRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs `vendorwatch ARGS` to its end and gives its exit and everything it printed. */
export function runVendorwatch(args: readonly string[], options: SpawnVendorwatchOptions): Promise<FinishedRun> {
  const child = spawnVendorwatch(args, options);
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    // 'close', not 'exit': both pipes are read to their end.
    child.on('close', (code, signal) =>
      resolve({ code, signal, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') }),
    );
  });
}
