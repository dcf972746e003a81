// Issue 18's "done when": feeds whose items carry only the first lines of our own blind corpus (the out-of-sample
// articles, our own words), each link serving the whole story as a real page (navigation, related-story links that
// name other organisations, newsletter box, footer), give the same alerts as the same stories served in full in the
// feed: the same vendors, one alert each, the same incident grouping. Run through the bot's own cycle over loopback.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedSource, FullTextMode } from '../../src/core/types.js';
import { loadWatchlist } from '../../src/watchlist/load-watchlist.js';
import { detectionFixtures } from '../detection/support/fixtures.js';
import { type FeedRoute, type FeedServer, startFeedServer } from '../support/feed-server.js';
import { articlePage } from './support/article-page.js';
import { alerts, grouping, outcomes, pollOnce, type RssItem, rssFeed } from './support/pipeline.js';

interface CorpusArticle {
  id: string;
  title: string;
  text: string;
  source: string;
  published: string;
}

const CORPUS_DIR = join(detectionFixtures, 'out-of-sample');
const articles = readFileSync(join(CORPUS_DIR, 'articles.jsonl'), 'utf8')
  .split(/\r?\n/)
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as CorpusArticle);
const vendors = loadWatchlist(join(CORPUS_DIR, 'watchlist.json'));
/** Four outlets, each a run of the corpus in its order: fetched one after another, items are detected in corpus order. */
const FEEDS = 4;
/** The length of a typical feed description, and a harsher cut: our stories are openings of about 300 characters. */
const CUTS = [300, 150];

/** The first `chars` characters of a story, cut at a word and marked as cut, as feeds write their descriptions. */
function teaserOf(text: string, chars: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= chars) return flat;
  const cut = flat.slice(0, chars);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 1))} …`;
}

/** Pairwise F1 of two groupings (each a list of groups of guids, space-separated), against `truth`. */
function pairwiseF1(groups: string[], truth: string[]): number {
  const pairs = (list: string[]) => {
    const out = new Set<string>();
    for (const group of list) {
      const ids = group.split(' ');
      for (let i = 0; i < ids.length; i++) for (let j = i + 1; j < ids.length; j++) out.add(`${ids[i]}|${ids[j]}`);
    }
    return out;
  };
  const found = pairs(groups);
  const expected = pairs(truth);
  const both = [...found].filter((pair) => expected.has(pair)).length;
  if (found.size === 0 && expected.size === 0) return 1;
  return (2 * both) / (found.size + expected.size);
}

let server: FeedServer;

function feedsOf(kind: string): FeedSource[] {
  return Array.from({ length: FEEDS }, (_, index) => ({
    name: `Outlet ${index + 1}`,
    url: server.url(`/${kind}/outlet-${index + 1}.xml`),
    tags: [],
  }));
}

function routesFor(kind: string, textOf: (article: CorpusArticle) => string): Record<string, FeedRoute> {
  const per = Math.ceil(articles.length / FEEDS);
  const routes: Record<string, FeedRoute> = {};
  for (let index = 0; index < FEEDS; index++) {
    const items: RssItem[] = articles.slice(index * per, (index + 1) * per).map((article) => ({
      guid: article.id,
      title: article.title,
      link: server.url(`/news/${article.id}?utm_source=rss&utm_medium=feed`),
      description: textOf(article),
      published: article.published,
    }));
    routes[`/${kind}/outlet-${index + 1}.xml`] = {
      kind: 'feed',
      body: rssFeed(`Outlet ${index + 1}`, items),
      contentType: 'application/rss+xml; charset=utf-8',
    };
  }
  return routes;
}

interface Run {
  alerts: ReturnType<typeof alerts>;
  grouping: string[];
  outcomes: ReturnType<typeof outcomes>;
  pages: Awaited<ReturnType<typeof pollOnce>>['report']['pages'];
  pageRequests: number;
}

async function run(kind: string, fullText: FullTextMode): Promise<Run> {
  const before = server.requests.filter((r) => r.path.startsWith('/news/')).length;
  const poll = await pollOnce({ feeds: feedsOf(kind), vendors, fullText });
  try {
    return {
      alerts: alerts(poll.store),
      grouping: grouping(poll.store),
      outcomes: outcomes(poll.store),
      pages: poll.report.pages,
      pageRequests: server.requests.filter((r) => r.path.startsWith('/news/')).length - before,
    };
  } finally {
    poll.close();
  }
}

/** How a run compares with the full-text baseline, as the figures of the note. */
function figures(runOf: Run, baseline: Run) {
  const alerted = new Set(runOf.alerts.map((a) => a.vendor));
  const truth = new Set(baseline.alerts.map((a) => a.vendor));
  const found = [...alerted].filter((vendor) => truth.has(vendor)).length;
  const differing = [...baseline.outcomes.values()].filter((expected) => {
    const got = runOf.outcomes.get(expected.guid);
    return JSON.stringify(got?.vendors) !== JSON.stringify(expected.vendors) || got?.breach !== expected.breach;
  }).length;
  return {
    alerts: runOf.alerts.length,
    alertRecall: truth.size === 0 ? 1 : found / truth.size,
    alertPrecision: alerted.size === 0 ? 1 : found / alerted.size,
    groupingF1: pairwiseF1(runOf.grouping, baseline.grouping),
    itemsDecidedDifferently: differing,
    pagesFetched: runOf.pages.fetched,
  };
}

describe('teaser feeds of our blind corpus, with the article pages on loopback', () => {
  let baseline: Run;
  const runs = new Map<number, { before: Run; after: Run }>();

  beforeAll(async () => {
    server = await startFeedServer({});
    // A full-text feed carries the story's paragraphs as HTML (content:encoded or description), as WordPress does.
    const paragraphs = (article: CorpusArticle) =>
      article.text
        .split('\n')
        .map((line) => `<p>${line.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`)
        .join('');
    const routes: Record<string, FeedRoute> = { ...routesFor('full', paragraphs) };
    for (const cut of CUTS)
      Object.assign(
        routes,
        routesFor(`teaser-${cut}`, (article) => teaserOf(article.text, cut)),
      );
    articles.forEach((article, index) => {
      // Related stories are the next three headlines of the corpus: other organisations, some on the watchlist.
      const related = [1, 2, 3].map((step) => articles[(index + step) % articles.length]?.title ?? '');
      routes[`/news/${article.id}`] = {
        kind: 'feed',
        body: articlePage({ title: article.title, text: article.text, outlet: article.source, published: article.published }, { related }),
        contentType: 'text/html; charset=utf-8',
      };
    });
    for (const [path, route] of Object.entries(routes)) server.route(path, route);

    baseline = await run('full', 'off');
    for (const cut of CUTS) runs.set(cut, { before: await run(`teaser-${cut}`, 'off'), after: await run(`teaser-${cut}`, 'auto') });
    if (process.env.FULLTEXT_FIGURES) {
      const table = [['baseline (full text in the feed, off)', figures(baseline, baseline)]];
      for (const cut of CUTS) {
        const pair = runs.get(cut)!;
        table.push(
          [`${cut}-char teasers, full text off`, figures(pair.before, baseline)],
          [`${cut}-char teasers, auto`, figures(pair.after, baseline)],
        );
      }
      process.stdout.write(`${JSON.stringify(table, null, 1)}\n`);
    }
  }, 120_000);

  afterAll(async () => {
    await server?.close();
  });

  it('alerts the same vendors as the full stories, one alert each, at every teaser length', () => {
    expect(baseline.alerts.length).toBeGreaterThan(10);
    expect(baseline.alerts.every((alert) => alert.alertMessages === 1)).toBe(true);
    for (const cut of CUTS) {
      const { after } = runs.get(cut)!;
      expect({ cut, alerts: after.alerts }).toEqual({ cut, alerts: baseline.alerts });
    }
  });

  it('groups the reports into the same incidents as the full stories', () => {
    for (const cut of CUTS) expect({ cut, grouping: runs.get(cut)!.after.grouping }).toEqual({ cut, grouping: baseline.grouping });
  });

  it('decides every item as its full story is decided: the same vendors, roles and breach verdict', () => {
    for (const cut of CUTS) {
      const { after } = runs.get(cut)!;
      for (const expected of baseline.outcomes.values()) {
        const got = after.outcomes.get(expected.guid);
        expect({ cut, guid: expected.guid, vendors: got?.vendors, breach: got?.breach, alert: got?.alert }).toEqual({
          cut,
          guid: expected.guid,
          vendors: expected.vendors,
          breach: expected.breach,
          alert: expected.alert,
        });
      }
    }
  });

  it('loses alerts or grouping on the teasers alone, which is what reading the pages makes up for', () => {
    const before = runs.get(150)!.before;
    expect(figures(before, baseline).itemsDecidedDifferently).toBeGreaterThan(0);
    expect(JSON.stringify([before.alerts, before.grouping])).not.toBe(JSON.stringify([baseline.alerts, baseline.grouping]));
  });

  it('reads each page at most once per cycle, says so in why, and reads none with full text off', () => {
    for (const cut of CUTS) {
      const { before, after } = runs.get(cut)!;
      expect(before.pageRequests).toBe(0);
      expect(after.pageRequests).toBe(after.pages.fetched);
      expect(after.pageRequests).toBeLessThanOrEqual(articles.length);
      const read = [...after.outcomes.values()].filter((outcome) => outcome.why[0]?.startsWith('article page read'));
      expect(read.length).toBe(after.pages.fetched);
    }
    const agents = new Set(server.requests.filter((r) => r.path.startsWith('/news/')).map((r) => r.headers['user-agent']));
    expect([...agents]).toEqual([
      expect.stringMatching(/^Vendorwatch\/\S+ \(\+https:\/\/github\.com\/vendorwatch\/vendorwatch; fulltext-tests@example\.org\)$/),
    ]);
  });
});
