import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { CommandIO } from '../../src/cli/command-io.js';
import { run } from '../../src/cli/commands/watchlist.js';
import { parseWatchlist } from '../../src/watchlist/load-watchlist.js';
import { problemsOf } from './support/problems-of.js';

describe('watchlist `not` field', () => {
  it('reads names that are never the vendor from JSON and from a CSV ; list', () => {
    const [fromJson] = parseWatchlist(
      JSON.stringify([{ name: 'Epic Systems', aliases: ['Epic'], not: ['Epic Games', 'epic games', 'Epic Records'] }]),
      'json',
    );
    expect(fromJson?.not).toEqual(['Epic Games', 'Epic Records']);
    const [fromCsv] = parseWatchlist('name,aliases,not\nEpic Systems,Epic,Epic Games; Epic Records\n', 'csv');
    expect(fromCsv?.not).toEqual(['Epic Games', 'Epic Records']);
    const [without] = parseWatchlist('[{"name": "Okta"}]', 'json');
    expect(without).not.toHaveProperty('not');
  });

  it('validates `not` entries like aliases', () => {
    const problems = problemsOf(() =>
      parseWatchlist(JSON.stringify([{ name: 'Epic Systems', not: ['Epic Games', '  ', 'a\nb', 7] }]), 'json'),
    );
    expect(problems).toEqual([
      expect.objectContaining({ field: 'not', message: 'entry 2 must not be empty' }),
      expect.objectContaining({ field: 'not', message: 'entry 3 must be on one line' }),
      expect.objectContaining({ field: 'not', message: expect.stringContaining('entry 4') }),
    ]);
    expect(problemsOf(() => parseWatchlist('[{"name": "Epic Systems", "not": "Epic Games"}]', 'json'))).toEqual([
      expect.objectContaining({ field: 'not' }),
    ]);
  });

  it('watchlist check shows the names that are never each vendor', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'vw-not-')), 'watchlist.json');
    writeFileSync(file, JSON.stringify([{ name: 'Epic Systems', aliases: ['Epic'], not: ['Epic Games'] }, { name: 'Okta' }]));
    const stdout = new PassThrough();
    let out = '';
    stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const io: CommandIO = { env: {}, stdout, stderr: new PassThrough(), stdin: new PassThrough(), cwd: tmpdir() };
    expect(await run(['check', file], io)).toBe(0);
    expect(out).toContain('names that are never the vendor (not): 1 vendor');
    expect(out).toContain('Epic Systems: not "Epic Games"');
  });
});
