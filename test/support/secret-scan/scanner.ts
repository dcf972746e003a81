// The whole-suite secret scan's search: every captured output line against every secret value a test handed to a
// process, in every spelling a log line can give it, and against the shapes of real Slack tokens. A finding names
// the secret and where it was seen, never its value.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface RecordedSecret {
  /** The variable or option it was handed in as, e.g. `SLACK_BOT_TOKEN`. */
  name: string;
  value: string;
}

export interface Finding {
  /** Capture file (one per process or in-process run) and 1-based line. */
  source: string;
  line: number;
  /** The secret's name, or the token shape that matched. */
  secret: string;
  spelling: string;
  /** The line with every known secret masked, cut to 200 characters: safe to print. */
  excerpt: string;
}

/** Values shorter than this are not secrets anyone configures (and would match ordinary words). */
export const MIN_SECRET_LENGTH = 8;

/** Real-looking Slack tokens: any of these in output is a leak whether or not a test recorded it. */
const TOKEN_SHAPES: { name: string; pattern: RegExp }[] = [
  { name: 'a Slack token (xox?-NUMBER-NUMBER-…)', pattern: /\bxox[abposr]-\d+-\d+-[A-Za-z0-9]{6,}/ },
  { name: 'a Slack app-level token (xapp-N-…)', pattern: /\bxapp-\d+-[A-Z0-9]{4,}-\d+-[A-Za-z0-9]{8,}/ },
];

/** Every way a value can be spelt in a log line or an error message. */
export function spellingsOf(value: string): { spelling: string; text: string }[] {
  const candidates = [
    { spelling: 'as is', text: value },
    { spelling: 'JSON-escaped', text: JSON.stringify(value).slice(1, -1) },
    { spelling: 'URL-encoded', text: encodeURIComponent(value) },
    { spelling: 'form-encoded', text: new URLSearchParams({ v: value }).toString().slice(2) },
    { spelling: 'base64', text: Buffer.from(value, 'utf8').toString('base64').replace(/=+$/, '') },
  ];
  const seen = new Set<string>();
  return candidates.filter((c) => !seen.has(c.text) && seen.add(c.text));
}

export function scanText(source: string, text: string, secrets: readonly RecordedSecret[]): Finding[] {
  const usable = uniqueSecrets(secrets);
  const needles = usable.flatMap((secret) => spellingsOf(secret.value).map((s) => ({ secret: secret.name, ...s })));
  // Masks every spelling it looks for (the product's masker knows fewer), longest first.
  const masks = [...new Set(needles.map((n) => n.text))].sort((a, b) => b.length - a.length);
  const mask = (line: string) => masks.reduce((out, needle) => out.split(needle).join('[secret]'), line);
  const findings: Finding[] = [];
  text.split('\n').forEach((line, index) => {
    const hits = [
      ...needles.filter((n) => line.includes(n.text)).map((n) => ({ secret: n.secret, spelling: n.spelling })),
      ...TOKEN_SHAPES.filter((shape) => shape.pattern.test(line)).map((shape) => ({ secret: shape.name, spelling: 'token shape' })),
    ];
    if (hits.length === 0) return;
    // Shapes and a token's own needle often hit together: one finding per line is enough to point at it.
    let excerpt = mask(line);
    for (const shape of TOKEN_SHAPES) excerpt = excerpt.replace(new RegExp(shape.pattern.source, 'g'), '[token]');
    findings.push({ source, line: index + 1, ...hits[0]!, excerpt: excerpt.slice(0, 200) });
  });
  return findings;
}

function uniqueSecrets(secrets: readonly RecordedSecret[]): RecordedSecret[] {
  const byValue = new Map<string, RecordedSecret>();
  for (const secret of secrets)
    if (secret.value.length >= MIN_SECRET_LENGTH && !byValue.has(secret.value)) byValue.set(secret.value, secret);
  return [...byValue.values()];
}

export interface ScanSummary {
  lines: number;
  processes: number;
  secrets: number;
  findings: Finding[];
}

export const SECRETS_FILE_SUFFIX = '.secrets.jsonl';
export const CAPTURE_FILE_SUFFIX = '.log';

/**
 * Scans a capture directory: `*.secrets.jsonl` hold the recorded secrets, and every `NAME.STREAM.log` is output of
 * one process or run (NAME), STREAM being stdout, stderr, log or console.
 */
export function scanCaptureDirectory(dir: string): ScanSummary {
  const files = readdirSync(dir);
  const secrets: RecordedSecret[] = files
    .filter((f) => f.endsWith(SECRETS_FILE_SUFFIX))
    .flatMap((f) =>
      readFileSync(join(dir, f), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as RecordedSecret),
    );
  const logs = files.filter((f) => f.endsWith(CAPTURE_FILE_SUFFIX)).sort();
  const processes = new Set(logs.map((f) => f.replace(/\.[^.]+\.log$/, '')));
  let lines = 0;
  const findings: Finding[] = [];
  for (const file of logs) {
    const text = readFileSync(join(dir, file), 'utf8');
    if (text.length === 0) continue;
    lines += text.endsWith('\n') ? text.split('\n').length - 1 : text.split('\n').length;
    findings.push(...scanText(file, text, secrets));
  }
  return { lines, processes: processes.size, secrets: uniqueSecrets(secrets).length, findings };
}

export function summaryLine(summary: ScanSummary): string {
  const found = summary.findings.length;
  return `secret scan: ${summary.lines} lines from ${summary.processes} processes, ${found} secret${found === 1 ? '' : 's'} found (${summary.secrets} secret values and ${TOKEN_SHAPES.length} token shapes checked)`;
}
