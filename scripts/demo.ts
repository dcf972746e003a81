// `npm run demo`: Vendorwatch end to end with no network. Serves the project's own fixture feeds on loopback,
// runs one cycle with --backfill into a throwaway database, and prints the alerts to the console.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAdapters } from '../adapters/index.js';
import { main } from '../src/cli/main.js';
import { startFeedServer } from '../test/support/feed-server.js';

const fixtures = join(import.meta.dirname, '..', 'test', 'fixtures', 'feeds');
const files = ['outlet-newswire.xml', 'outlet-newssite.atom', 'outlet-blog.rdf', 'outlet-analysis.xml', 'demo-security-news.xml'];

const server = await startFeedServer(
  Object.fromEntries(files.map((file) => [`/${file}`, { kind: 'feed' as const, file: join(fixtures, file) }])),
);
const dataDir = mkdtempSync(join(tmpdir(), 'vendorwatch-demo-'));
process.stderr.write(`Demo: serving ${files.length} fixture feeds at ${server.url('/')}, database in ${dataDir}\n\n`);
try {
  // Only the demo's own settings: a Slack or Teams configuration in the environment must not receive demo alerts.
  const env: NodeJS.ProcessEnv = {
    VENDORWATCH_FEEDS: files.map((file) => server.url(`/${file}`)).join(','),
    VENDORWATCH_DB: join(dataDir, 'vendorwatch.db'),
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
    LOG_FORMAT: 'pretty',
  };
  process.exitCode = await main(['poll', '--once', '--backfill'], { env, createAdapters });
} finally {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
}
