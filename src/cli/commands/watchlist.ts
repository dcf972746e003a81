import { resolve } from 'node:path';
import type { Vendor } from '../../core/types.js';
import { CRITICALITIES } from '../../core/types.js';
import { normaliseTerm } from '../../detection/matching/normalise-text.js';
import { listWeakTerms } from '../../detection/matching/vendor-matcher.js';
import { describeProblem, loadWatchlist, WatchlistError } from '../../watchlist/load-watchlist.js';
import type { CommandIO, ExitCode } from '../command-io.js';
import { EXCLUSIONS_USAGE, runExclusions } from './watchlist-exclusions.js';

// `vendorwatch watchlist check FILE`: validates a watchlist and says what it holds, including which names the
// matcher will only accept with corroboration, so the owner can add a distinctive alias or domain where needed.

const USAGE = `Usage: vendorwatch watchlist check FILE

Validates a watchlist file (JSON array or CSV with a header row) and prints what it holds,
or every problem with its line and field.

${EXCLUSIONS_USAGE}`;

/** Most weak terms listed; a 10,000-vendor watchlist would otherwise print pages. */
const MAX_LISTED_WEAK = 50;

export async function run(args: string[], io: CommandIO): Promise<ExitCode> {
  const [sub, file, ...extra] = args;
  if (sub === '--help' || sub === '-h' || sub === 'help') {
    io.stdout.write(USAGE);
    return 0;
  }
  if (sub === 'exclusions') return runExclusions(args.slice(1), io);
  if (sub !== 'check' || !file || extra.length > 0) {
    io.stderr.write(sub && sub !== 'check' ? `vendorwatch watchlist: unknown subcommand "${sub.slice(0, 40)}"\n\n${USAGE}` : USAGE);
    return 1;
  }
  const path = resolve(io.cwd, file);
  let vendors: Vendor[];
  try {
    vendors = loadWatchlist(path);
  } catch (error) {
    if (error instanceof WatchlistError) {
      const count = error.problems.length;
      io.stderr.write(`${file}: ${count} problem${count === 1 ? '' : 's'}\n`);
      for (const problem of error.problems) io.stderr.write(`  ${describeProblem(problem)}\n`);
      return 1;
    }
    throw error;
  }
  io.stdout.write(summarise(file, vendors));
  return 0;
}

/** Terms that normalise alike across vendors: "Change" as an alias of two vendors cannot tell them apart. */
function listSharedTerms(vendors: Vendor[]): { term: string; vendors: string[] }[] {
  const byKey = new Map<string, { term: string; vendors: Set<string> }>();
  for (const vendor of vendors) {
    for (const term of [vendor.name, ...vendor.aliases, ...vendor.products]) {
      const key = normaliseTerm(term);
      if (key.length === 0) continue;
      const entry = byKey.get(key) ?? { term, vendors: new Set<string>() };
      entry.vendors.add(vendor.name);
      byKey.set(key, entry);
    }
  }
  return [...byKey.values()].filter((e) => e.vendors.size > 1).map((e) => ({ term: e.term, vendors: [...e.vendors] }));
}

function summarise(file: string, vendors: Vendor[]): string {
  const lines: string[] = [`${file}: ${vendors.length} vendor${vendors.length === 1 ? '' : 's'}, no problems`];
  const byCriticality = CRITICALITIES.slice()
    .reverse()
    .map((c) => `${c} ${vendors.filter((v) => v.criticality === c).length}`);
  lines.push(`  by criticality: ${byCriticality.join(', ')}`);
  const categories = new Map<string, number>();
  for (const vendor of vendors) {
    const category = vendor.category ?? '(none)';
    categories.set(category, (categories.get(category) ?? 0) + 1);
  }
  const sorted = [...categories.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  lines.push(`  by category: ${sorted.map(([c, n]) => `${c} ${n}`).join(', ')}`);
  const terms = vendors.reduce((n, v) => n + 1 + v.aliases.length + v.products.length, 0);
  const domains = vendors.reduce((n, v) => n + v.domains.length, 0);
  lines.push(`  terms: ${terms} names, aliases and products; ${domains} domains`);
  const routed = vendors.filter((v) => v.slackChannel || v.teamsChannel).length;
  if (routed > 0) lines.push(`  routed to their own channel: ${routed}`);
  const noDomain = vendors.filter((v) => v.domains.length === 0).length;
  if (noDomain > 0) lines.push(`  without a domain: ${noDomain}`);

  const withNot = vendors.filter((v) => (v.not ?? []).length > 0);
  if (withNot.length > 0) {
    lines.push(`  names that are never the vendor (not): ${withNot.length} vendor${withNot.length === 1 ? '' : 's'}`);
    for (const v of withNot.slice(0, MAX_LISTED_WEAK)) lines.push(`    ${v.name}: not ${(v.not ?? []).map((n) => `"${n}"`).join(', ')}`);
    if (withNot.length > MAX_LISTED_WEAK) lines.push(`    … and ${withNot.length - MAX_LISTED_WEAK} more`);
  }

  const shared = listSharedTerms(vendors);
  if (shared.length > 0) {
    lines.push(`  terms shared by several vendors (a match names all of them): ${shared.length}`);
    for (const s of shared.slice(0, MAX_LISTED_WEAK)) lines.push(`    "${s.term}": ${s.vendors.join(', ')}`);
    if (shared.length > MAX_LISTED_WEAK) lines.push(`    … and ${shared.length - MAX_LISTED_WEAK} more`);
  }

  const weak = listWeakTerms(vendors);
  if (weak.length === 0) {
    lines.push('  ambiguous names: none');
  } else {
    lines.push(`  ambiguous names that need corroboration (another of the vendor's terms, or healthcare context): ${weak.length}`);
    for (const w of weak.slice(0, MAX_LISTED_WEAK)) lines.push(`    ${w.vendor}: ${w.kind} "${w.term}" (${w.why})`);
    if (weak.length > MAX_LISTED_WEAK) lines.push(`    … and ${weak.length - MAX_LISTED_WEAK} more`);
  }
  return `${lines.join('\n')}\n`;
}
