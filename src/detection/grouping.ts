import type { Article, Detection } from '../core/types.js';
import { similarity } from './incident-similarity.js';
import { type IncidentSignature, incidentSignatureSchema, mergeSignatures, type OrgRef } from './signature.js';

// Puts every outlet's report of one real-world incident (mirrors, translations, follow-ups months later) under one
// key. Candidates come from an inverted index of organisation and entity tokens, so the cost of an article depends
// on how many incidents share its names, not on how many incidents are stored.

export interface StoredIncident {
  key: string;
  signature: IncidentSignature;
}

export interface Assignment {
  key: string | null;
  isNew: boolean;
  signature: IncidentSignature | null;
  why: string[];
}

/** Posting lists longer than this are names shared by too many incidents to tell them apart (think "MOVEit"). */
const MAX_POSTING = 400;

export class IncidentGrouper {
  private readonly incidents = new Map<string, IncidentSignature>();
  private readonly index = new Map<string, Set<string>>();

  constructor(stored: StoredIncident[] = []) {
    for (const { key, signature } of stored) {
      // A row written by an older version or damaged in storage is skipped: it can only fail to group.
      const parsed = incidentSignatureSchema.safeParse(signature);
      if (!parsed.success) continue;
      this.incidents.set(key, parsed.data);
      this.indexIncident(key, parsed.data);
    }
  }

  get size(): number {
    return this.incidents.size;
  }

  /** Every incident with its current signature, for persisting. */
  entries(): StoredIncident[] {
    return [...this.incidents.entries()].map(([key, signature]) => ({ key, signature }));
  }

  signatureOf(key: string): IncidentSignature | undefined {
    return this.incidents.get(key);
  }

  assign(article: Article, detection: Detection & { signature: IncidentSignature }): Assignment {
    if (!detection.breach) return { key: null, isNew: false, signature: null, why: [] };
    return this.assignSignature(article, detection.signature);
  }

  /** The incident of one signature: the article's own, or one of the separate incidents a roundup reports. */
  assignSignature(article: Article, sig: IncidentSignature): Assignment {
    let best: { key: string; score: number; reason: string } | null = null;
    // Online clustering: every open incident that shares a name is scored, and the best above the threshold wins.
    for (const key of this.candidates(sig)) {
      const other = this.incidents.get(key)!;
      const verdict = similarity(sig, other);
      if (verdict && (!best || verdict.score > best.score)) best = { key, score: verdict.score, reason: verdict.reason };
    }
    if (best) {
      const merged = mergeSignatures(this.incidents.get(best.key)!, sig);
      this.incidents.set(best.key, merged);
      this.indexIncident(best.key, merged);
      return { key: best.key, isNew: false, signature: merged, why: [`same incident as ${best.key}: ${best.reason}`] };
    }
    const key = this.uniqueKey(baseKey(sig, article));
    this.incidents.set(key, sig);
    this.indexIncident(key, sig);
    return { key, isNew: true, signature: sig, why: [`new incident ${key}`] };
  }

  private candidates(sig: IncidentSignature): Set<string> {
    const out = new Set<string>();
    const tokens = orgTokens(sig.orgs);
    if (sig.primary) for (const t of orgTokens([sig.primary])) tokens.add(t);
    // Entities only help articles whose breached party has no usable name…
    if (!sig.primary) for (const e of sig.entities) tokens.add(`e:${e}`);
    // …and incidents whose reports name this article's breached party (each may name the other's).
    else tokens.add(`e:${sig.primary.key}`);
    for (const t of tokens) {
      const posting = this.index.get(t);
      if (!posting || posting.size > MAX_POSTING) continue;
      for (const k of posting) out.add(k);
    }
    return out;
  }

  private indexIncident(key: string, sig: IncidentSignature): void {
    const tokens = orgTokens(sig.orgs);
    if (sig.primary) for (const t of orgTokens([sig.primary])) tokens.add(t);
    for (const e of sig.entities) tokens.add(`e:${e}`);
    for (const t of tokens) {
      let posting = this.index.get(t);
      if (!posting) {
        posting = new Set();
        this.index.set(t, posting);
      }
      posting.add(key);
    }
  }

  private uniqueKey(base: string): string {
    if (!this.incidents.has(base)) return base;
    for (let i = 2; ; i += 1) {
      const key = `${base}-${i}`;
      if (!this.incidents.has(key)) return key;
    }
  }
}

/** Index tokens of organisations: key, first word of the key (for "Kettering" ~ "Kettering Health") and acronym. */
function orgTokens(orgs: OrgRef[]): Set<string> {
  const out = new Set<string>();
  for (const o of orgs) {
    if (!o.key) continue;
    out.add(`o:${o.key}`);
    const head = headOf(o.key);
    if (head) out.add(`f:${head}`);
    if (o.acronym && o.acronym.length >= 2) out.add(`a:${o.acronym}`);
    if (o.short) out.add(`a:${o.key.replace(/ and /g, '').replace(/\s+/g, '')}`);
  }
  return out;
}

/**
 * The first word of a name, for finding its short and long forms; with a short first word ("St. Brendan", "Mt.
 * Sinai", "De Vries") the first two, so that a title's prefix does not stand for every name it starts.
 */
function headOf(key: string): string | null {
  const words = key.split(' ');
  if (words[0]!.length >= 4) return words[0]!;
  if (words.length >= 2 && words[1]!.length >= 3) return `${words[0]} ${words[1]}`;
  return null;
}

// Letters NFKD leaves whole: "Gießen" must key as "giessen", never "gie-en".
const LIGATURES: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', þ: 'th', ð: 'd' };

function slug(text: string): string {
  return text
    .replace(/[ßẞæœøłđþð]/giu, (letter) => LIGATURES[letter.toLowerCase()] ?? letter)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/, '');
}

function baseKey(sig: IncidentSignature, article: Article): string {
  const name = sig.primary?.name ?? sig.orgs[0]?.name ?? sig.entities[0] ?? 'incident';
  const base = slug(name) || 'incident';
  if (sig.months.length > 0) {
    const m = Math.min(...sig.months);
    return `${base}-${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
  }
  if (sig.years.length > 0) return `${base}-${Math.min(...sig.years)}`;
  const published = article.published ?? sig.published?.[0] ?? null;
  if (published && /^\d{4}-\d{2}/.test(published)) return `${base}-${published.slice(0, 7)}`;
  return base;
}
