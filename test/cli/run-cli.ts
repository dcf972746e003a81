import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { run } from '../../adapters/cli.js';
import { appendCapture, captureName, recordSecrets, secretsInEnv } from '../support/secret-scan/capture.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

const collect = () => {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
};

/** Runs the real `vendorwatch` command in-process (the same run() bin/vendorwatch.js runs), capturing its output. */
export async function runCli(args: string[], env: NodeJS.ProcessEnv, cwd = process.cwd()): Promise<CliRun> {
  const stdout = collect();
  const stderr = collect();
  // The whole-suite secret scan sees what this run printed, and the secrets it was given.
  recordSecrets(secretsInEnv(env));
  const name = captureName(`cli-${args[0] ?? 'none'}`);
  try {
    const code = await run(args, { env: { LOG_FORMAT: 'json', ...env }, stdout: stdout.stream, stderr: stderr.stream, cwd });
    return { code, stdout: stdout.text(), stderr: stderr.text() };
  } finally {
    appendCapture(name, 'stdout', stdout.text());
    appendCapture(name, 'stderr', stderr.text());
  }
}

export const tempDbPath = () => join(mkdtempSync(join(tmpdir(), 'vw-cli-')), 'vendorwatch.db');

export const FIXTURE_FEEDS = join(import.meta.dirname, '..', 'fixtures', 'feeds');
