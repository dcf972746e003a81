// Alert threads as a channel sees them, for `npm run eval`. Per-article scores say whether each report alerts the
// right vendor; they cannot say that one incident was alerted three times, or that a vendor's alert thread gathered
// reports of another incident. This replays the corpus as the bot would post it and judges each thread.

/** One article of the corpus: what the bot did with it and what its labels say. */
export interface ThreadArticle {
  id: string;
  /** YYYY-MM-DD (longer strings are cut to the day); null when the page gave no date. */
  published: string | null;
  /** Each primary vendor the article alerts, with the incident key its report joins; [] when it raises no alert. */
  alerts: { vendor: string; incident: string | null }[];
  label: {
    breach: boolean;
    incident: string | null;
    /** The watchlist vendors that are a primary breached party (labels.watchlist_matches). */
    matches: string[];
    /** A vendor whose incident is not `incident` (a roundup of several incidents): vendor → its incident key. */
    vendorIncidents?: Record<string, string>;
  };
}

export interface ThreadVerdict {
  vendor: string;
  /** The predicted incident key that made this thread. */
  incident: string | null;
  articles: string[];
  /** The labelled incident most of its articles belong to (for this vendor); null when most are not breaches. */
  labelIncident: string | null;
  verdict: 'right' | 'wrong' | 'duplicated';
}

export interface ThreadCount {
  posted: number;
  right: number;
  wrong: number;
  duplicated: number;
  missed: number;
  threads: ThreadVerdict[];
  /** Labelled (vendor, incident) pairs that no right thread covers. */
  missedPairs: { vendor: string; incident: string }[];
}

const SEP = '\u0000';

/** The labelled incident of `article` as `vendor`'s report: a roundup names another incident per vendor. */
function labelIncidentFor(article: ThreadArticle, vendor: string): string | null {
  if (!article.label.breach) return null;
  return article.label.vendorIncidents?.[vendor] ?? article.label.incident;
}

/** The channel's order: published date, then input order; undated articles last, in input order. */
function channelOrder(articles: ThreadArticle[]): ThreadArticle[] {
  return articles
    .map((article, index) => ({ article, index, day: article.published?.slice(0, 10) ?? null }))
    .sort((a, b) => {
      if (a.day !== b.day) {
        if (a.day === null) return 1;
        if (b.day === null) return -1;
        return a.day < b.day ? -1 : 1;
      }
      return a.index - b.index;
    })
    .map((x) => x.article);
}

/** The most frequent value; a tie goes to the value seen first (the thread's earlier report). */
function majority(values: (string | null)[]): string | null {
  const counts = new Map<string | null, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: string | null = null;
  let bestCount = 0;
  for (const [v, n] of counts) {
    if (n > bestCount) {
      best = v;
      bestCount = n;
    }
  }
  return best;
}

/**
 * Walks the corpus in channel order: each (vendor, predicted incident) seen for the first time posts a thread, a
 * known one adds its report to that thread. An alert without an incident key posts a thread of its own. Then each
 * thread, in the order posted, is right (the first for its vendor and labelled incident), duplicated (that pair
 * already has a right thread) or wrong (the vendor is not a labelled primary of the thread's labelled incident,
 * or the thread's reports are mostly not breaches).
 */
export function countAlertThreads(articles: ThreadArticle[]): ThreadCount {
  const threads = new Map<string, { vendor: string; incident: string | null; members: ThreadArticle[] }>();
  for (const article of channelOrder(articles)) {
    for (const { vendor, incident } of article.alerts) {
      const key = incident === null ? `${vendor}${SEP}#${article.id}` : `${vendor}${SEP}${incident}`;
      const thread = threads.get(key) ?? { vendor, incident, members: [] };
      thread.members.push(article);
      threads.set(key, thread);
    }
  }

  // Every (vendor, incident) the labels say deserves one thread.
  const labelled = new Map<string, { vendor: string; incident: string }>();
  for (const article of articles) {
    for (const vendor of article.label.matches) {
      const incident = labelIncidentFor(article, vendor);
      if (incident !== null) labelled.set(`${vendor}${SEP}${incident}`, { vendor, incident });
    }
  }

  const covered = new Set<string>();
  const verdicts: ThreadVerdict[] = [];
  for (const { vendor, incident, members } of threads.values()) {
    const labelIncident = majority(members.map((a) => labelIncidentFor(a, vendor)));
    const pair = `${vendor}${SEP}${labelIncident}`;
    let verdict: ThreadVerdict['verdict'];
    if (labelIncident === null || !labelled.has(pair)) verdict = 'wrong';
    else if (covered.has(pair)) verdict = 'duplicated';
    else {
      verdict = 'right';
      covered.add(pair);
    }
    verdicts.push({ vendor, incident, articles: members.map((a) => a.id), labelIncident, verdict });
  }

  const missedPairs = [...labelled].filter(([key]) => !covered.has(key)).map(([, pair]) => pair);
  const tally = (v: ThreadVerdict['verdict']) => verdicts.filter((t) => t.verdict === v).length;
  return {
    posted: verdicts.length,
    right: tally('right'),
    wrong: tally('wrong'),
    duplicated: tally('duplicated'),
    missed: missedPairs.length,
    threads: verdicts,
    missedPairs,
  };
}

/** One line per thread that is not right, and per missed pair, for the eval's miss list. */
export function describeThreadMisses(count: ThreadCount): string[] {
  const lines: string[] = [];
  for (const t of count.threads) {
    if (t.verdict === 'right') continue;
    const label =
      t.labelIncident === null
        ? 'its reports are mostly not breaches'
        : t.verdict === 'wrong'
          ? `labelled ${t.labelIncident}, where ${t.vendor} is not a primary`
          : `labelled ${t.labelIncident}, which an earlier thread covers`;
    lines.push(`${t.verdict} thread ${t.vendor} / ${t.incident ?? '(no incident key)'} (${t.articles.join(', ')}): ${label}`);
  }
  for (const m of count.missedPairs) lines.push(`missed ${m.vendor} / ${m.incident}`);
  return lines;
}
