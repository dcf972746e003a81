import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { CRITICALITIES, type Vendor } from '../core/types.js';

// Reads a JSON watchlist for `vendorwatch triage` and the eval. Kept minimal and strict (unknown fields are an
// error, as INTERFACES.md asks); the full loader with CSV and line/field messages lives in src/watchlist/.

const list = z.array(z.string().trim().min(1)).default([]);

const vendorSchema = z
  .object({
    name: z.string().trim().min(1),
    aliases: list,
    products: list,
    domains: list,
    parent: z.string().optional(),
    category: z.string().optional(),
    criticality: z.enum(CRITICALITIES).default('medium'),
    owner: z.string().optional(),
    slack_channel: z.string().optional(),
    teams_channel: z.string().optional(),
    notes: z.string().optional(),
  })
  .strict();

export class WatchlistFileError extends Error {
  override name = 'WatchlistFileError';
}

export function parseVendorsJson(text: string, path = 'watchlist'): Vendor[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new WatchlistFileError(`${path}: not valid JSON (${error instanceof Error ? error.message : 'parse error'})`);
  }
  const parsed = z.array(vendorSchema).safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 10).map((i) => `${path}: [${i.path.join('.')}] ${i.message}`);
    throw new WatchlistFileError(problems.join('\n'));
  }
  const seen = new Set<string>();
  return parsed.data.map((v, i) => {
    const key = v.name.toLowerCase();
    if (seen.has(key)) throw new WatchlistFileError(`${path}: [${i}.name] "${v.name}" appears twice; names must be unique`);
    seen.add(key);
    const vendor: Vendor = { name: v.name, aliases: v.aliases, products: v.products, domains: v.domains, criticality: v.criticality };
    if (v.parent) vendor.parent = v.parent;
    if (v.category) vendor.category = v.category;
    if (v.owner) vendor.owner = v.owner;
    if (v.slack_channel) vendor.slackChannel = v.slack_channel;
    if (v.teams_channel) vendor.teamsChannel = v.teams_channel;
    if (v.notes) vendor.notes = v.notes;
    return vendor;
  });
}

export async function loadVendorsJson(path: string): Promise<Vendor[]> {
  const text = await readFile(path, 'utf8');
  return parseVendorsJson(text, path);
}
