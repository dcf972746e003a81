import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createConsoleAdapter } from '../adapters/console/console-adapter.js';
import { createDetectionEngine } from '../src/app/detection-engine.js';
import { defaultConcurrency } from '../src/config/load-config.js';
import type { Destination } from '../src/core/chat.js';
import type { FeedSource, FullTextMode, Vendor } from '../src/core/types.js';
import { DeliveryWorker } from '../src/delivery/delivery-worker.js';
import { createFullText } from '../src/fulltext/create-full-text.js';
import { IncidentTracker } from '../src/incidents/incident-tracker.js';
import { silentLogger } from '../src/log.js';
import { type CycleReport, runCycle } from '../src/pipeline/run-cycle.js';
import { SqliteAsyncStore } from '../src/store/sqlite-async-store.js';
import { createRandom, generateArticles, generateWatchlist, pick, type Random } from './generate.js';
import { type BenchContext, type Figure, figure } from './harness.js';

// One poll cycle of the bot (runCycle: fetch, store, read article pages, detect, group, deliver) over 10 loopback
// outlets of 50 teaser items each: 500 teasers of ~300 characters, 10% of them breach stories naming a watchlist
// vendor (a signal), the rest ordinary news with no signal at all. Each outlet serves its own article pages (60 KB
// of navigation, scripts, related links and footer around a 2 KB story); of the 50 pages, 4 drawn at random never
// finish answering and 4 take 1.5 s. The cycle must end within 1.5× one request timeout: the hung pages wait out the page budget
// side by side, and nothing is fetched for the 450 items without a signal.

const OUTLETS = 10;
const ITEMS_PER_OUTLET = 50;
const SIGNAL_SHARE = 0.1;
const TEASER_CHARS = 300;
const HUNG_PAGES = 4;
const SLOW_PAGES = 4;
const SLOW_MS = 1_500;
const CONSOLE: Destination = { platform: 'console', address: 'console' };

interface Outlet {
  server: Server;
  sockets: Set<Socket>;
  feedUrl: string;
  pageRequests: number;
}

interface BenchItem {
  guid: string;
  title: string;
  teaser: string;
  /** The page's story; null for items without a signal (their page is never asked for). */
  story: string | null;
  page: 'fast' | 'slow' | 'hung';
  published: string;
}

// Ordinary news with nothing a breach, vendor or health pre-filter would look at.
const NEUTRAL_TITLES = [
  'City council approves new cycle lanes',
  'Local orchestra announces spring season',
  'Regional airport adds weekend flights',
  'Library extends opening hours',
  'Farmers market moves to the riverside square',
  'Marathon route changes for this year',
];
const NEUTRAL_SENTENCES = [
  (r: Random) => `The council voted ${5 + Math.floor(r() * 4)} to ${1 + Math.floor(r() * 3)} on Tuesday after a long debate about parking.`,
  (r: Random) =>
    `Work is expected to start in ${pick(r, ['March', 'April', 'May', 'June'])} and to last about ${2 + Math.floor(r() * 9)} weeks.`,
  () => 'Residents can comment on the plans at the town hall until the end of the month.',
  (r: Random) => `Tickets go on sale on ${pick(r, ['Friday', 'Monday', 'Saturday'])} at the box office and online.`,
  () => 'Organisers said the new layout should make the event easier to reach by bus and train.',
  (r: Random) => `Last year about ${1_000 + Math.floor(r() * 9_000)} people attended over the weekend.`,
];

function neutralTeaser(random: Random): string {
  let text = '';
  while (text.length < TEASER_CHARS - 80) text += `${pick(random, NEUTRAL_SENTENCES)(random)} `;
  return text.trim();
}

function cut(text: string, chars: number): string {
  if (text.length <= chars) return text;
  const head = text.slice(0, chars);
  return `${head.slice(0, head.lastIndexOf(' '))} …`;
}

function items(vendors: Vendor[]): BenchItem[][] {
  const random = createRandom(18);
  const stories = generateArticles(Math.round(OUTLETS * ITEMS_PER_OUTLET * SIGNAL_SHARE), {
    vendors,
    seed: 1818,
    breachShare: 1,
    distinctVictims: true,
  });
  const perOutlet = stories.length / OUTLETS;
  // Which pages hang and which are slow: drawn (seeded) among the stories, as a real cycle meets them anywhere.
  const order = stories.map((_, index) => index).sort(() => random() - 0.5);
  const hung = new Set(order.slice(0, HUNG_PAGES));
  const slow = new Set(order.slice(HUNG_PAGES, HUNG_PAGES + SLOW_PAGES));
  return Array.from({ length: OUTLETS }, (_, outlet) =>
    Array.from({ length: ITEMS_PER_OUTLET }, (_, n): BenchItem => {
      const published = `2026-03-${String(1 + (n % 28)).padStart(2, '0')}`;
      if (n < perOutlet) {
        const story = stories[outlet * perOutlet + n]!;
        const index = outlet * perOutlet + n;
        const page = hung.has(index) ? 'hung' : slow.has(index) ? 'slow' : 'fast';
        return { guid: `o${outlet}-s${n}`, title: story.title, teaser: cut(story.text, TEASER_CHARS), story: story.text, page, published };
      }
      return {
        guid: `o${outlet}-n${n}`,
        title: `${pick(random, NEUTRAL_TITLES)} (${outlet}-${n})`,
        teaser: neutralTeaser(random),
        story: null,
        page: 'fast',
        published,
      };
    }),
  );
}

const xml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function feedXml(base: string, outlet: number, list: BenchItem[]): string {
  const entries = list.map(
    (item) =>
      `<item><title>${xml(item.title)}</title><link>${base}/news/${item.guid}?utm_source=rss</link><guid>${item.guid}</guid>` +
      `<pubDate>${new Date(`${item.published}T08:00:00Z`).toUTCString()}</pubDate><description>${xml(item.teaser)}</description></item>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Outlet ${outlet}</title><link>${base}/</link><description>bench</description>${entries.join('')}</channel></rss>`;
}

/** About 60 KB, like a news site's article page: most of it is not the story. */
function pageHtml(item: BenchItem, outlet: number): string {
  const menu = Array.from({ length: 40 }, (_, i) => `<li><a href="/section/${i}">Section ${i}</a></li>`).join('');
  const related = Array.from(
    { length: 30 },
    (_, i) => `<li><a href="/news/r${i}">Another story about the industry, number ${i}, with a long headline</a></li>`,
  ).join('');
  const script = `<script>${`window.__STATE__ = {"a":[1,2,3],"b":"${'x'.repeat(200)}${'"};'.repeat(120)}`}</script>`;
  const paragraphs = (item.story ?? '')
    .split(/(?<=\.) /)
    .reduce<string[]>((out, sentence, i) => (i % 3 === 0 ? [...out, sentence] : [...out.slice(0, -1), `${out.at(-1)} ${sentence}`]), [])
    .map((p) => `<p>${xml(p)}</p>`)
    .join('\n');
  return `<!doctype html><html><head><meta charset="utf-8"><title>${xml(item.title)} | Outlet ${outlet}</title>${script}<style>${'.x{color:red}'.repeat(400)}</style></head>
<body><header><nav><ul>${menu}</ul></nav></header><main><article><h1>${xml(item.title)}</h1><p class="byline">By Staff</p>${paragraphs}</article>
<aside><h2>Related</h2><ul>${related}</ul></aside></main><footer><p>© 2026 Outlet ${outlet}</p>${menu}</footer>${script}</body></html>`;
}

async function startOutlet(outlet: number, list: BenchItem[]): Promise<Outlet> {
  const sockets = new Set<Socket>();
  const byGuid = new Map(list.map((item) => [item.guid, item]));
  const state: Outlet = { server: null as unknown as Server, sockets, feedUrl: '', pageRequests: 0 };
  let base = '';
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path === '/feed.xml') {
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(feedXml(base, outlet, list));
      return;
    }
    const item = byGuid.get(path.replace('/news/', ''));
    if (!item) {
      res.writeHead(404).end();
      return;
    }
    state.pageRequests += 1;
    if (item.page === 'hung') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.write('<!doctype html><html><head>');
      return;
    }
    const send = () => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(pageHtml(item, outlet));
    if (item.page === 'slow') setTimeout(send, SLOW_MS).unref();
    else send();
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.server = server;
  state.feedUrl = `${base}/feed.xml`;
  return state;
}

async function stopOutlet(outlet: Outlet): Promise<void> {
  for (const socket of outlet.sockets) socket.destroy();
  await new Promise<void>((resolve) => outlet.server.close(() => resolve()));
}

interface CycleRun {
  ms: number;
  report: CycleReport;
  pageRequests: number;
}

async function cycle(outlets: Outlet[], vendors: Vendor[], mode: FullTextMode, timeoutMs: number): Promise<CycleRun> {
  const dir = mkdtempSync(join(tmpdir(), 'vw-bench-fulltext-'));
  const store = SqliteAsyncStore.open(join(dir, 'bench.db'));
  try {
    const byName = new Map(vendors.map((vendor) => [vendor.name, vendor]));
    const engine = createDetectionEngine(vendors, []);
    const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
    const worker = new DeliveryWorker(store, new Map([['console', createConsoleAdapter(sink)]]), byName, silentLogger);
    const tracker = new IncidentTracker(store, engine, byName, async () => [CONSOLE], silentLogger);
    const feeds: FeedSource[] = outlets.map((outlet, i) => ({ name: `Outlet ${i}`, url: outlet.feedUrl, tags: [] }));
    const fetch = { timeoutMs, maxBytes: 5 * 1024 * 1024, concurrency: defaultConcurrency(feeds.length), perHostConcurrency: 2 };
    const fullText = createFullText(
      { feeds, feedAddresses: { mode: 'allow-private', allow: [], untrustedUrls: [] }, fetch, contact: null, fullText: mode },
      { detect: (article) => engine.detect(article), store },
    );
    const before = outlets.reduce((sum, outlet) => sum + outlet.pageRequests, 0);
    const started = performance.now();
    const report = await runCycle(
      { feeds, backfill: true, maxItemAgeDays: 3650, fetch: { ...fetch, userAgentContact: null }, ...(fullText ? { fullText } : {}) },
      { store, tracker, worker, logger: silentLogger },
    );
    const ms = performance.now() - started;
    return { ms, report, pageRequests: outlets.reduce((sum, outlet) => sum + outlet.pageRequests, 0) - before };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function runFullTextBench(context: BenchContext): Promise<Figure[]> {
  // Not shorter in quick mode: detecting 500 items costs about a second whatever the timeout, and the target is a
  // ratio to the timeout.
  const timeoutMs = 5_000;
  const vendors = generateWatchlist(1_000);
  const lists = items(vendors);
  const outlets = await Promise.all(lists.map((list, i) => startOutlet(i, list)));
  try {
    // Warm-up: the detector, the parser and Readability compiled before anything is timed.
    await cycle(outlets.slice(0, 1), vendors, 'auto', 500);
    const off = await cycle(outlets, vendors, 'off', timeoutMs);
    context.log(`fulltext off: ${off.ms.toFixed(0)} ms, ${off.report.itemsNew} items, ${off.report.alertsNew} alerts`);
    const auto = await cycle(outlets, vendors, 'auto', timeoutMs);
    const pages = auto.report.pages;
    const signals = Math.round(OUTLETS * ITEMS_PER_OUTLET * SIGNAL_SHARE);
    context.log(
      `fulltext auto: ${auto.ms.toFixed(0)} ms, ${auto.report.itemsNew} items, ${auto.report.alertsNew} alerts; pages per cycle: ${pages.fetched} fetched, ` +
        `${auto.pageRequests} requested (${signals} teasers with a signal, ${HUNG_PAGES} pages hang, ${SLOW_PAGES} take ${SLOW_MS} ms), ${pages.cacheHits} cache hits, ` +
        `${pages.failed} failed, ${pages.overBudget} over budget, ${pages.walls} walls, ${pages.ignored} ignored`,
    );
    return [
      figure({
        name: 'fulltext.cycle_vs_timeout',
        value: auto.ms,
        unit: 'ms',
        baseline: 'per-request timeout, ms',
        baselineValue: timeoutMs,
        check: { kind: 'ratio-at-most', limit: 1.5 },
        note: `one cycle of ${OUTLETS * ITEMS_PER_OUTLET} teasers, ${signals} with a signal, VENDORWATCH_FULL_TEXT=auto; ${HUNG_PAGES} pages hang, ${SLOW_PAGES} take ${SLOW_MS} ms`,
      }),
      figure({
        name: 'fulltext.pages_per_cycle',
        value: pages.fetched,
        unit: 'pages',
        baseline: 'teasers with a signal',
        baselineValue: signals,
        check: null,
        note: `pages fetched in the cycle; ${auto.pageRequests} requests made (the hung ones included), none for the ${OUTLETS * ITEMS_PER_OUTLET - signals} items without a signal; ${pages.failed} failed, ${pages.overBudget} over budget`,
      }),
      figure({
        name: 'fulltext.cycle_vs_off',
        value: auto.ms,
        unit: 'ms',
        baseline: 'same cycle, full text off, ms',
        baselineValue: off.ms,
        check: null,
        note: 'what reading the pages adds to a cycle (bounded by the page budget: one request timeout)',
      }),
    ];
  } finally {
    await Promise.all(outlets.map(stopOutlet));
  }
}
