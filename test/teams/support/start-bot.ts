// Runs `vendorwatch start` as its own process (the real command, from the sources) until its HTTP server listens.

import { join } from 'node:path';
import { spawnVendorwatch } from '../../support/spawn-cli.js';

const root = join(import.meta.dirname, '..', '..', '..');

export interface RunningBot {
  port: number;
  /** Everything the process printed so far. */
  output: () => string;
  /** SIGTERM, then the exit code. */
  stop: () => Promise<number | null>;
}

export async function startBot(env: NodeJS.ProcessEnv): Promise<RunningBot> {
  const child = spawnVendorwatch(['start'], { cwd: root, env: { ...process.env, LOG_FORMAT: 'json', ...env, PORT: '0' } });
  let output = '';
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`vendorwatch start did not come up:\n${output}`));
    }, 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /"port":(\d+)[^\n]*listening/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`vendorwatch start exited with ${code}:\n${output}`));
    });
  });
  return {
    port,
    output: () => output,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
        child.once('exit', (code) => resolve(code));
        child.kill('SIGTERM');
      }),
  };
}

export async function postActivity(bot: RunningBot, activity: unknown): Promise<Response> {
  return fetch(`http://127.0.0.1:${bot.port}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity),
  });
}
