// A vitest setup file (runs in every test worker before its test file): copies what every child process prints,
// and what this worker itself writes to stdout/stderr, into the capture directory, and records the secrets each
// child was given in its environment. Passive: the streams a test reads are the same objects, in the same mode
// (the copy is taken where the socket pushes data in, so no stream is switched to flowing early); only a stdout or
// stderr the test asked to ignore becomes a pipe that is drained here.

import childProcess, { type ChildProcess, type SpawnOptions } from 'node:child_process';
import { syncBuiltinESMExports } from 'node:module';
import { basename } from 'node:path';
import type { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { appendCapture, captureDir, captureName, recordSecrets, secretsInEnv } from './capture.js';

const TAPPED = Symbol.for('vendorwatch.secretScanTap');

function tapReadable(stream: Readable | null | undefined, name: string, label: string, drain: boolean): void {
  if (!stream) return;
  const push = stream.push.bind(stream);
  stream.push = (chunk: unknown, encoding?: BufferEncoding) => {
    if (typeof chunk === 'string' || Buffer.isBuffer(chunk)) appendCapture(name, label, chunk);
    return push(chunk, encoding);
  };
  if (drain) stream.resume();
}

function labelOf(command: string, args: readonly string[]): string {
  const script = args.find((a) => /\.(m?[jt]s)$/.test(a));
  const sub = script ? args[args.indexOf(script) + 1] : undefined;
  return [basename(script ?? command), sub && !sub.startsWith('-') ? sub : ''].filter(Boolean).join('_');
}

/** stdout and stderr that would be ignored become pipes drained here, so that what the child printed is seen. */
function withPipedOutput(options: SpawnOptions | undefined): { options: SpawnOptions; drain: [boolean, boolean] } {
  const stdio = options?.stdio;
  if (stdio === undefined || stdio === 'pipe' || stdio === 'overlapped') return { options: options ?? {}, drain: [false, false] };
  const list = typeof stdio === 'string' ? [stdio, stdio, stdio] : [...stdio];
  const drain: [boolean, boolean] = [list[1] === 'ignore', list[2] === 'ignore'];
  if (drain[0]) list[1] = 'pipe';
  if (drain[1]) list[2] = 'pipe';
  return { options: { ...options, stdio: list as SpawnOptions['stdio'] }, drain };
}

function tapChild(child: ChildProcess, command: string, args: readonly string[], env: NodeJS.ProcessEnv | undefined, drain: [boolean, boolean]): void {
  const name = captureName(`spawn-${labelOf(command, args)}`);
  recordSecrets(secretsInEnv(env));
  tapReadable(child.stdout, name, 'stdout', drain[0]);
  tapReadable(child.stderr, name, 'stderr', drain[1]);
}

function splitArgs(rest: unknown[]): { args: string[]; options: SpawnOptions | undefined; tail: unknown[] } {
  let i = 0;
  const args = Array.isArray(rest[i]) ? (rest[i++] as string[]) : [];
  const options = rest[i] !== null && typeof rest[i] === 'object' ? (rest[i++] as SpawnOptions) : undefined;
  return { args, options, tail: rest.slice(i) };
}

if (captureDir() && !(childProcess as unknown as Record<symbol, boolean>)[TAPPED]) {
  (childProcess as unknown as Record<symbol, boolean>)[TAPPED] = true;

  const originalSpawn = childProcess.spawn;
  const spawn = function (this: unknown, command: string, ...rest: unknown[]): ChildProcess {
    const { args, options, tail } = splitArgs(rest);
    const piped = withPipedOutput(options);
    const child = (originalSpawn as (...a: unknown[]) => ChildProcess).call(this, command, args, piped.options, ...tail);
    tapChild(child, command, args, piped.options.env, piped.drain);
    return child;
  };
  childProcess.spawn = spawn as typeof childProcess.spawn;

  const originalExecFile = childProcess.execFile;
  const execFile = function (this: unknown, file: string, ...rest: unknown[]): ChildProcess {
    const { args, options } = splitArgs(rest);
    const child = (originalExecFile as (...a: unknown[]) => ChildProcess).call(this, file, ...rest);
    tapChild(child, file, args, (options as { env?: NodeJS.ProcessEnv } | undefined)?.env, [false, false]);
    return child;
  };
  // promisify(execFile) resolves { stdout, stderr }: keep that, through the tapped function.
  Object.defineProperty(execFile, promisify.custom, {
    value: (file: string, ...rest: unknown[]) => {
      let child: ChildProcess | undefined;
      const promise = new Promise((resolve, reject) => {
        child = execFile(file, ...rest, (error: (Error & Record<string, unknown>) | null, stdout: string | Buffer, stderr: string | Buffer) =>
          error ? reject(Object.assign(error, { stdout, stderr })) : resolve({ stdout, stderr }),
        );
      });
      return Object.assign(promise, { child });
    },
  });
  childProcess.execFile = execFile as typeof childProcess.execFile;
  // `import { spawn } from 'node:child_process'` in test files reads the ESM named export: bring it up to date.
  syncBuiltinESMExports();

  // This worker's own output: loggers writing straight to process.stderr, anything printed outside console.
  const self = captureName('worker');
  for (const [label, stream] of [['stdout', process.stdout], ['stderr', process.stderr]] as const) {
    const write = stream.write.bind(stream) as (...a: unknown[]) => boolean;
    stream.write = ((chunk: unknown, ...more: unknown[]) => {
      if (typeof chunk === 'string' || Buffer.isBuffer(chunk)) appendCapture(self, label, chunk);
      return write(chunk, ...more);
    }) as typeof stream.write;
  }
}
