import { z } from 'zod';

// How a labelled corpus names a roundup's other incidents, read the same way by `npm run eval` and the floors in
// test/detection/out-of-sample-corpus.test.ts. `vendor_incidents` maps each watchlist vendor whose own incident a
// roundup also reports to that incident's slug; some corpora write it inside `labels`, others beside it.

export const vendorIncidentsSchema = z.record(z.string(), z.string()).default({});

interface RoundupLabelled {
  labels: { watchlist_matches: string[]; vendor_incidents: Record<string, string> };
  vendor_incidents: Record<string, string>;
}

/** A roundup's vendor incidents, wherever the corpus wrote them. */
export function roundupIncidents(line: RoundupLabelled): Record<string, string> {
  return { ...line.vendor_incidents, ...line.labels.vendor_incidents };
}

/**
 * The vendors a labelled article should alert: its primary breached vendors and each vendor of another incident the
 * roundup reports (by definition a watchlist vendor whose own incident it tells, even where a label lists it only there).
 */
export function expectedAlerts(line: RoundupLabelled): Set<string> {
  return new Set([...line.labels.watchlist_matches, ...Object.keys(roundupIncidents(line))]);
}
