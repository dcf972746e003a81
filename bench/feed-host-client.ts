import { type ChildProcess, fork } from 'node:child_process';
import type { HostFeed, HostMessage, HostStart } from './feed-host.js';

// The parent's side of bench/feed-host.ts: forks it under tsx and turns its messages into promises.

export interface FeedHost {
  feeds: HostFeed[];
  advance(): Promise<void>;
  requests(): Promise<number>;
  stop(): Promise<void>;
}

export async function startFeedHost(options: Omit<HostStart, 'type'>): Promise<FeedHost> {
  const child: ChildProcess = fork(new URL('./feed-host.ts', import.meta.url), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = <T extends HostMessage['type']>(type: T): Promise<Extract<HostMessage, { type: T }>> =>
    new Promise((resolve, reject) => {
      const onMessage = (message: HostMessage) => {
        if (message.type !== type) return;
        cleanup();
        resolve(message as Extract<HostMessage, { type: T }>);
      };
      const onExit = (code: number | null) => {
        cleanup();
        reject(new Error(`the feed host exited (code ${code}) before answering ${type}`));
      };
      const cleanup = () => {
        child.off('message', onMessage);
        child.off('exit', onExit);
      };
      child.on('message', onMessage);
      child.on('exit', onExit);
    });
  const ready = next('ready');
  child.send({ type: 'start', ...options });
  const { feeds } = await ready;
  return {
    feeds,
    async advance() {
      const done = next('advanced');
      child.send({ type: 'advance' });
      await done;
    },
    async requests() {
      const stats = next('stats');
      child.send({ type: 'stats' });
      return (await stats).requests;
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.send({ type: 'stop' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
