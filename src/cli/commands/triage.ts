import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { triageLines } from '../../detection/triage.js';
import { triageLinesReadingPages } from '../../fulltext/triage-with-pages.js';
import { loadWatchlist, WatchlistError } from '../../watchlist/load-watchlist.js';
import { configOrExit } from '../bootstrap.js';
import type { CommandIO, ExitCode } from '../command-io.js';

// `vendorwatch triage --watchlist FILE --input FILE.jsonl [--output FILE.jsonl] [--fetch]`: offline detection over a
// batch, streamed line by line so a large batch never sits in memory. --fetch reads teasers' article pages first.

const USAGE = `Usage: vendorwatch triage --watchlist FILE --input FILE.jsonl [--output FILE.jsonl] [--fetch]

  --watchlist FILE   watchlist, JSON or CSV (see INTERFACES.md)
  --input FILE       articles, one JSON object a line: {"id","title","text","url"?,"source"?,"published"?}
  --output FILE      where to write the results (JSON Lines); stdout when absent
  --fetch            read the article page of teaser lines (a url, a short text with a breach or vendor signal) as the
                     poller does (VENDORWATCH_FEED_ALLOW_HOSTS, VENDORWATCH_FETCH_TIMEOUT_MS, VENDORWATCH_CONTACT apply);
                     without it triage is offline
`;

export async function run(args: string[], io: CommandIO): Promise<ExitCode> {
  let values: { watchlist?: string; input?: string; output?: string; fetch?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args,
      options: {
        watchlist: { type: 'string' },
        input: { type: 'string' },
        output: { type: 'string' },
        fetch: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    io.stderr.write(`vendorwatch triage: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 1;
  }
  if (values.help) {
    io.stdout.write(USAGE);
    return 0;
  }
  if (!values.watchlist || !values.input) {
    io.stderr.write(`vendorwatch triage: ${!values.watchlist ? '--watchlist' : '--input'} is required\n\n${USAGE}`);
    return 1;
  }
  const inputPath = resolve(io.cwd, values.input);
  const watchlistPath = resolve(io.cwd, values.watchlist);
  let vendors: ReturnType<typeof loadWatchlist>;
  try {
    vendors = loadWatchlist(watchlistPath);
  } catch (error) {
    const message = error instanceof WatchlistError ? error.message : `cannot read watchlist ${values.watchlist}: ${errorCode(error)}`;
    io.stderr.write(`vendorwatch triage: ${message}\n`);
    return 1;
  }
  try {
    await access(inputPath);
  } catch (error) {
    io.stderr.write(`vendorwatch triage: cannot read input ${values.input}: ${errorCode(error)}\n`);
    return 1;
  }

  // Pages are fetched with the bot's own settings (fetch limits, contact, allow-list, own feed hosts).
  const config = values.fetch ? configOrExit(io) : null;
  if (typeof config === 'number') return config;

  const out = values.output ? createWriteStream(resolve(io.cwd, values.output)) : io.stdout;
  try {
    const lines = createInterface({ input: createReadStream(inputPath, { encoding: 'utf8' }), crlfDelay: Infinity });
    const results = config ? triageLinesReadingPages(lines, { vendors, config }) : triageLines(lines, { vendors });
    for await (const result of results) {
      if (!out.write(`${JSON.stringify(result)}\n`)) await once(out, 'drain');
    }
    if (values.output) {
      const done = once(out, 'finish');
      out.end();
      await done;
    }
  } catch (error) {
    io.stderr.write(`vendorwatch triage: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  return 0;
}

function errorCode(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error
    ? String(error.code)
    : error instanceof Error
      ? error.message
      : String(error);
}
