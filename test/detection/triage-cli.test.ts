import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { FACT_NAMES } from '../../src/core/types.js';
import { runVendorwatch } from '../support/spawn-cli.js';
import { CARECLOUD_OUTLETS, detectionFixtures, loadArticle } from './support/fixtures.js';

const root = join(import.meta.dirname, '..', '..');

// The "Triage format" of INTERFACES.md, as a schema the real output must satisfy.
const resultLine = z
  .object({
    id: z.string(),
    breach: z.boolean(),
    healthcare: z.boolean(),
    vendors: z.array(z.object({ name: z.string(), role: z.enum(['primary', 'related', 'mention']), matched: z.string() }).strict()),
    alert: z.boolean(),
    incident: z.string().nullable(),
    summary: z.string().max(600),
    facts: z.partialRecord(z.enum(FACT_NAMES), z.union([z.string(), z.array(z.string())])),
    organisations: z.array(z.string()),
    why: z.array(z.string()).min(1),
  })
  .strict();
const errorLine = z.object({ id: z.string().optional(), error: z.string().regex(/^line \d+: .+/) }).strict();
const outputLine = z.union([resultLine, errorLine]);

function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return runVendorwatch(['triage', ...args], { cwd: root, env: process.env });
}

describe('vendorwatch triage', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vw-triage-'));
  const input = join(dir, 'batch.jsonl');
  const lines = [
    ...CARECLOUD_OUTLETS.map((name) => JSON.stringify(loadArticle(name))),
    'this is not json',
    JSON.stringify({ id: 'no-title', text: 'Some text' }),
    JSON.stringify(loadArticle('seed:epic-games-privacy')),
    JSON.stringify({ ...loadArticle('seed:carecloud-followup-lawsuit'), extra: 'ignored' }),
  ];
  writeFileSync(input, `${lines.join('\n')}\n`);
  const watchlist = join(detectionFixtures, 'watchlist.json');

  it('writes one valid line per input line, in order, with shared incident keys and error lines in place', async () => {
    const { code, stdout } = await runCli(['--watchlist', watchlist, '--input', input]);
    expect(code).toBe(0);
    const out = stdout
      .trim()
      .split('\n')
      .map((l) => outputLine.parse(JSON.parse(l)));
    expect(out).toHaveLength(lines.length);
    const results = out.map((o) => ('error' in o ? null : o));
    expect(results.slice(0, 4).map((r) => r?.incident)).toEqual(Array(4).fill('carecloud-2026-03'));
    expect(results.slice(0, 4).every((r) => r?.alert && r.vendors[0]?.name === 'CareCloud' && r.vendors[0].role === 'primary')).toBe(true);
    expect(out[4]).toEqual({ error: expect.stringMatching(/^line 5: not valid JSON/) });
    expect(out[5]).toEqual({ id: 'no-title', error: expect.stringMatching(/^line 6: title/) });
    expect(results[6]).toMatchObject({ id: 'epic-games-privacy', breach: false, alert: false, incident: null });
    expect(results[7]).toMatchObject({ incident: 'carecloud-2026-03', alert: true });
  });

  it('writes to --output when given', async () => {
    const output = join(dir, 'out.jsonl');
    const { code, stdout } = await runCli(['--watchlist', watchlist, '--input', input, '--output', output]);
    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(readFileSync(output, 'utf8').trim().split('\n')).toHaveLength(lines.length);
  });

  it('exits 1 with the usage on bad flags, and naming the file when input or watchlist cannot be read', async () => {
    const badWatchlist = join(dir, 'bad-watchlist.json');
    writeFileSync(badWatchlist, JSON.stringify([{ name: 'CareCloud', alias: ['typo'] }]));
    const [missing, unknown, noInput, typo] = await Promise.all([
      runCli(['--input', input]),
      runCli(['--watchlist', watchlist, '--input', input, '--bogus']),
      runCli(['--watchlist', watchlist, '--input', join(dir, 'missing.jsonl')]),
      runCli(['--watchlist', badWatchlist, '--input', input]),
    ]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/--watchlist is required[\s\S]*Usage: vendorwatch triage/);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/Usage: vendorwatch triage/);
    expect(noInput.code).toBe(1);
    expect(noInput.stderr).toMatch(/cannot read input .*missing\.jsonl: ENOENT/);
    expect(typo.code).toBe(1);
    expect(typo.stderr).toMatch(/alias/);
  });
});
