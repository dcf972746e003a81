import { z } from 'zod';
import type { Fact, FactName, Vendor, VendorRole } from '../core/types.js';
import { createDetector, type DetectorOptions } from './detector.js';
import { IncidentGrouper } from './grouping.js';

// Offline detection over a batch of articles, one JSON object a line in and out (INTERFACES.md "Triage format").
// Lines are validated one by one: a bad line becomes an error line in its place and the batch goes on.

/** A line longer than this is refused rather than parsed: one article is a few kilobytes. */
export const MAX_LINE_CHARS = 1_000_000;

const DATE = /^\d{4}-\d{2}-\d{2}/;

export const triageInputSchema = z.object({
  id: z.string().trim().min(1, 'id must be a non-empty string').max(500, 'id is longer than 500 characters'),
  title: z.string().max(100_000),
  text: z.string().max(MAX_LINE_CHARS),
  url: z.string().max(5000).nullish(),
  source: z.string().max(1000).nullish(),
  published: z
    .string()
    .regex(DATE, 'published must be YYYY-MM-DD')
    .transform((s) => s.slice(0, 10))
    .nullish(),
});

export type TriageInput = z.infer<typeof triageInputSchema>;

/**
 * `facts` of a triage line: one key per fact the article states, the value as written, or an array of values when
 * it states several (e.g. `{"detected": "2026-03-16", "data_types": ["names", "diagnoses"]}`). Keys are the
 * FactName values of src/core/types.ts; facts the article does not state are absent.
 */
export type TriageFacts = Partial<Record<FactName, string | string[]>>;

export interface TriageResult {
  id: string;
  breach: boolean;
  healthcare: boolean;
  vendors: { name: string; role: VendorRole; matched: string }[];
  alert: boolean;
  incident: string | null;
  summary: string;
  facts: TriageFacts;
  /** Added to the documented shape: the breached organisations as the article names them, primary first. */
  organisations: string[];
  /** Only for a roundup: each other incident it reports, with its breached party, vendor and incident key. */
  separate_incidents?: { organisation: string; vendor: string | null; incident: string | null }[];
  why: string[];
}

export interface TriageError {
  id?: string;
  error: string;
}

export type TriageLine = TriageResult | TriageError;

export function factsObject(facts: Fact[]): TriageFacts {
  const out: TriageFacts = {};
  for (const fact of facts) {
    const current = out[fact.name];
    if (current === undefined) out[fact.name] = fact.value;
    else if (Array.isArray(current)) current.push(fact.value);
    else out[fact.name] = [current, fact.value];
  }
  return out;
}

export interface TriageOptions extends DetectorOptions {
  vendors: Vendor[];
}

/** A batch run: detector and grouper shared by every line, so incident keys are shared across the batch. */
export function createTriage(options: TriageOptions): { run(line: string, lineNumber: number): TriageLine } {
  const detector = createDetector(options.vendors, options);
  const grouper = new IncidentGrouper();
  return {
    run(line, lineNumber) {
      const fail = (what: string, id?: string): TriageError =>
        id === undefined ? { error: `line ${lineNumber}: ${what}` } : { id, error: `line ${lineNumber}: ${what}` };
      if (line.length > MAX_LINE_CHARS) return fail(`longer than ${MAX_LINE_CHARS} characters`);
      if (line.trim() === '') return fail('empty line, expected a JSON object');
      let json: unknown;
      try {
        json = JSON.parse(line);
      } catch (error) {
        return fail(`not valid JSON (${error instanceof Error ? error.message.slice(0, 120) : 'parse error'})`);
      }
      const rawId =
        typeof json === 'object' && json !== null && 'id' in json && typeof json.id === 'string' ? json.id.slice(0, 500) : undefined;
      const parsed = triageInputSchema.safeParse(json);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
        return fail(`${where}${issue?.message ?? 'invalid article'}`, rawId);
      }
      const article = parsed.data;
      const detection = detector.detect(article);
      const assignment = grouper.assign(article, detection);
      const separate = detection.separate.map((part) => ({ part, assignment: grouper.assignSignature(article, part.signature) }));
      return {
        id: article.id,
        breach: detection.breach,
        healthcare: detection.healthcare,
        vendors: detection.vendors.map((v) => ({ name: v.name, role: v.role, matched: v.matched })),
        alert: detection.alert,
        incident: assignment.key,
        summary: detection.summary,
        facts: factsObject(detection.facts),
        organisations: detection.organisations,
        ...(separate.length > 0
          ? {
              separate_incidents: separate.map(({ part, assignment: a }) => ({
                organisation: part.organisation,
                vendor: part.vendor,
                incident: a.key,
              })),
            }
          : {}),
        why: [...detection.why, ...assignment.why, ...separate.flatMap(({ assignment: a }) => a.why)],
      };
    },
  };
}

/** Runs every line of `lines` through one triage batch, yielding one output per input line in order. */
export async function* triageLines(lines: AsyncIterable<string>, options: TriageOptions): AsyncGenerator<TriageLine> {
  const triage = createTriage(options);
  let n = 0;
  for await (const line of lines) {
    n += 1;
    yield triage.run(line, n);
  }
}
