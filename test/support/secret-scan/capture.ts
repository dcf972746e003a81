// Worker-side half of the whole-suite secret scan: where output is copied to, and how secrets handed to a process
// are recorded. The directory comes from VENDORWATCH_TEST_CAPTURE_DIR (made by global-setup.ts); without it
// (a test run with another config) everything here does nothing.

import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { CAPTURE_FILE_SUFFIX, MIN_SECRET_LENGTH, type RecordedSecret, SECRETS_FILE_SUFFIX } from './scanner.js';

export const CAPTURE_DIR_ENV = 'VENDORWATCH_TEST_CAPTURE_DIR';

/** Environment variables whose values are secrets (the configured ones and anything named like one). */
const SECRET_NAME = /token|secret|password|passwd|api_?key|private_?key|credential/i;

export function captureDir(): string | null {
  return process.env[CAPTURE_DIR_ENV] || null;
}

let sequence = 0;
/** A name unique in the whole run for one process or in-process run: `kind-pid-n`. */
export function captureName(kind: string): string {
  sequence += 1;
  return `${kind.replace(/[^A-Za-z0-9_-]+/g, '_').slice(0, 40)}-${process.pid}-${sequence}`;
}

/** Appends to `NAME.STREAM.log`. */
export function appendCapture(name: string, stream: string, data: string | Buffer): void {
  const dir = captureDir();
  if (!dir || data.length === 0) return;
  appendFileSync(join(dir, `${name}.${stream}${CAPTURE_FILE_SUFFIX}`), data);
}

/** A Writable that copies everything into `NAME.STREAM.log` (e.g. as a logger's destination). */
export function captureStream(name: string, stream: string): Writable {
  return new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      appendCapture(name, stream, chunk);
      done();
    },
  });
}

export function recordSecrets(secrets: readonly RecordedSecret[]): void {
  const dir = captureDir();
  const usable = secrets.filter((s) => typeof s.value === 'string' && s.value.length >= MIN_SECRET_LENGTH);
  if (!dir || usable.length === 0) return;
  appendFileSync(
    join(dir, `${process.pid}${SECRETS_FILE_SUFFIX}`),
    usable.map((s) => `${JSON.stringify({ name: s.name, value: s.value })}\n`).join(''),
  );
}

/**
 * The secrets a test put into a process's environment. Values inherited unchanged from this process's own
 * environment are left out: the scan records what the tests handed over, never the machine's credentials.
 */
export function secretsInEnv(env: NodeJS.ProcessEnv | undefined): RecordedSecret[] {
  if (!env) return [];
  return Object.entries(env)
    .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
    .filter(([name, value]) => SECRET_NAME.test(name) && value.length >= MIN_SECRET_LENGTH && process.env[name] !== value)
    .map(([name, value]) => ({ name, value }));
}
