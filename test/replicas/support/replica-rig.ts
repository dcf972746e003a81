// Replicas of `vendorwatch start` as real processes on one PostgreSQL database, polling a loopback news feed on a
// schedule of seconds and posting to the fake Slack Web API. Each replica gets its own bot token, so the fake Slack
// can tell which replica made a call (and a test can kill exactly that one at that moment).

import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FeedServer } from '../../support/feed-server.js';
import { spawnVendorwatch } from '../../support/spawn-cli.js';

export const ALERT_CHANNEL = 'CREPLICA01';
export const SIGNING_SECRET = 'replica-signing-secret-5a1e0c';
/** Every second second: a takeover is then a few seconds, and the test a few dozen. */
export const SCHEDULE = '*/2 * * * * *';
export const LEASE_SECONDS = 3;

/** Watchlist vendors made up for these tests; each has an incident of its own below. */
export const VENDORS = [
  { name: 'Lakeview Claims Processing', aliases: ['Lakeview Claims'], criticality: 'high' },
  { name: 'Ridgeway Imaging', criticality: 'high' },
  { name: 'Harbor Dictation Services', criticality: 'high' },
] as const;

export interface NewsItem {
  id: string;
  title: string;
  body: string;
}

/** Reports written for these tests: three separate incidents, and a second outlet's report of the first. */
export const NEWS = {
  calm: {
    id: 'calm-1',
    title: 'Hospital IT leaders plan next year of cloud migrations',
    body: 'Health-system technology chiefs said at a regional meeting that moving scheduling and imaging archives to hosted services remains their main project for the coming year.',
  },
  lakeview: {
    id: 'lakeview-1',
    title: 'Lakeview Claims Processing says hackers stole patient billing files',
    body: 'Lakeview Claims Processing, a medical billing company serving clinics in three states, said an unauthorised party got into its network between November 2 and November 5 and copied files holding patient names, insurance member numbers and treatment codes. The company is sending letters to 12,400 patients and has reported the data breach to regulators.',
  },
  lakeviewFollowUp: {
    id: 'lakeview-2',
    title: 'Lakeview Claims Processing breach: notification letters reach patients',
    body: 'Patients of clinics that bill through Lakeview Claims Processing have started receiving letters about the data breach at the billing company. The letters say an intruder copied files with names, insurance member numbers and treatment codes in early November, and that 12,400 people are affected. Lakeview Claims Processing is offering a year of credit monitoring.',
  },
  ridgeway: {
    id: 'ridgeway-1',
    title: 'Ridgeway Imaging discloses ransomware attack on radiology systems',
    body: 'Ridgeway Imaging, which runs outpatient radiology centres, disclosed a ransomware attack that encrypted its scheduling servers and exposed patient records, including names, dates of birth and imaging reports. The company said the attackers were in its network from November 20 and that it is notifying affected patients of the data breach.',
  },
  harbor: {
    id: 'harbor-1',
    title: 'Harbor Dictation Services reports data breach of transcription records',
    body: 'Harbor Dictation Services, a medical transcription vendor for hospitals and physician groups, reported a data breach after an attacker stole dictated clinical notes from a misconfigured storage server. About 8,900 patients are affected; names, diagnoses and visit dates were exposed, the company said in a notice to regulators.',
  },
} satisfies Record<string, NewsItem>;

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** An RSS 2.0 document with these items, newest first, dated minutes apart ending now. */
export function rss(items: readonly NewsItem[]): string {
  const now = Date.now();
  const entries = items
    .map((item, index) => {
      const date = new Date(now - (items.length - index) * 60_000).toUTCString();
      return `<item><title>${escapeXml(item.title)}</title><link>https://replica-news.example/${item.id}</link><guid>${item.id}</guid><pubDate>${date}</pubDate><description>${escapeXml(item.body)}</description></item>`;
    })
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Replica Health News</title><link>https://replica-news.example/</link><description>Test news</description>${entries}</channel></rss>`;
}

/** Serves these items at /news.xml (a new ETag each time, so the next poll reads it). */
let version = 0;
export function publish(feeds: FeedServer, items: readonly NewsItem[]): void {
  version += 1;
  feeds.route('/news.xml', { kind: 'feed', body: rss(items), contentType: 'application/rss+xml', etag: `"v${version}"` });
}

export interface Replica {
  readonly id: string;
  readonly token: string;
  readonly child: ChildProcess;
  readonly lines: string[];
  /** The HTTP port, once the replica said it listens. */
  port(): Promise<number>;
  /** Resolves with the first log line (parsed) matching, from the start of this process. */
  waitForLog(match: (entry: LogEntry) => boolean, timeoutMs?: number): Promise<LogEntry>;
  logged(match: (entry: LogEntry) => boolean): LogEntry[];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(signal?: NodeJS.Signals): void;
}

export type LogEntry = { msg: string; [key: string]: unknown };

export interface ReplicaEnvironment {
  databaseUrl: string;
  feedUrl: string;
  slackApiUrl: string;
}

/** A folder with the watchlist the replicas share. */
export function writeWatchlist(): string {
  const dir = mkdtempSync(join(tmpdir(), 'vw-replicas-'));
  const path = join(dir, 'watchlist.json');
  writeFileSync(path, JSON.stringify(VENDORS));
  return path;
}

export function tokenOf(id: string): string {
  return `xoxb-replica-${id}`;
}

export function startReplica(id: string, environment: ReplicaEnvironment, watchlist: string): Replica {
  const token = tokenOf(id);
  const child = spawnVendorwatch(['start'], {
    env: {
      PATH: process.env.PATH,
      VENDORWATCH_DB: environment.databaseUrl,
      VENDORWATCH_DB_POOL_SIZE: '4',
      VENDORWATCH_REPLICA_ID: id,
      VENDORWATCH_LEASE_SECONDS: String(LEASE_SECONDS),
      VENDORWATCH_SCHEDULE: SCHEDULE,
      VENDORWATCH_FEEDS: environment.feedUrl,
      VENDORWATCH_WATCHLIST: watchlist,
      VENDORWATCH_MAX_ITEM_AGE_DAYS: '3650',
      SLACK_BOT_TOKEN: token,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_ALERT_CHANNEL: ALERT_CHANNEL,
      SLACK_API_URL: environment.slackApiUrl,
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'info',
    },
  });
  const lines: string[] = [];
  const entries: LogEntry[] = [];
  const waiters = new Set<() => void>();
  let buffer = '';
  const take = (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    const parts = buffer.split('\n');
    buffer = parts.pop() ?? '';
    for (const line of parts) {
      lines.push(line);
      try {
        entries.push(JSON.parse(line) as LogEntry);
      } catch {
        entries.push({ msg: line });
      }
    }
    for (const wake of waiters) wake();
  };
  child.stderr.on('data', take);
  child.stdout.on('data', take);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const waitForLog = (match: (entry: LogEntry) => boolean, timeoutMs = 30_000): Promise<LogEntry> =>
    new Promise((resolve, reject) => {
      const check = () => {
        const found = entries.find(match);
        if (!found) return;
        clearTimeout(timer);
        waiters.delete(check);
        resolve(found);
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`replica ${id}: no matching log line within ${timeoutMs} ms:\n${lines.slice(-40).join('\n')}`));
      }, timeoutMs);
      waiters.add(check);
      check();
    });
  return {
    id,
    token,
    child,
    lines,
    exited,
    waitForLog,
    logged: (match) => entries.filter(match),
    port: async () => {
      const entry = await waitForLog((e) => e.msg.startsWith('HTTP server listening'));
      return Number(entry.port);
    },
    kill: (signal = 'SIGKILL') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    },
  };
}

export interface HealthBody {
  status: string;
  replica?: { id: string; role: 'leader' | 'follower'; leader: string | null };
}

export async function healthOf(replica: Replica): Promise<HealthBody> {
  const response = await fetch(`http://127.0.0.1:${await replica.port()}/healthz`);
  return (await response.json()) as HealthBody;
}

/** Polls `probe` until it returns a value, or fails after `timeoutMs` with `what`. */
export async function eventually<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined && value !== null && value !== false) return value as T;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
