import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { CommandIO } from '../../src/cli/command-io.js';
import { run } from '../../src/cli/commands/watchlist.js';

function capture(): { io: CommandIO; out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const io: CommandIO = { env: {}, stdout, stderr, stdin: new PassThrough(), cwd: new URL('./fixtures/', import.meta.url).pathname };
  return { io, out: () => out, err: () => err };
}

describe('vendorwatch watchlist check', () => {
  it('summarises a valid file and exits 0', async () => {
    const c = capture();
    expect(await run(['check', 'vendors.csv'], c.io)).toBe(0);
    expect(c.out()).toContain('vendors.csv: 3 vendors, no problems');
    expect(c.out()).toContain('by criticality: critical 0, high 1, medium 1, low 1');
    expect(c.out()).toContain('labs 1');
    expect(c.out()).toMatch(/Quest Diagnostics: alias "Quest" \(everyday word\)/);
  });

  it('names terms that several vendors share', async () => {
    const c = capture();
    expect(await run(['check', 'shared-terms.json'], c.io)).toBe(0);
    expect(c.out()).toContain('terms shared by several vendors (a match names all of them): 1');
    expect(c.out()).toContain('"Change": Change Healthcare, Change Partners Staffing');
  });

  it('lists every problem with line and field and exits 1', async () => {
    const c = capture();
    expect(await run(['check', 'problems.json'], c.io)).toBe(1);
    expect(c.err()).toContain('problems.json: 3 problems');
    expect(c.err()).toContain('line 9 (vendor #2), field produts: unknown field "produts"');
    expect(c.err()).toContain('line 12 (vendor #3), field name: duplicate name');
  });

  it('exits 1 with usage on a missing file argument or unknown subcommand', async () => {
    const a = capture();
    expect(await run([], a.io)).toBe(1);
    expect(a.err()).toContain('Usage: vendorwatch watchlist check FILE');
    const b = capture();
    expect(await run(['lint', 'x.csv'], b.io)).toBe(1);
    expect(b.err()).toContain('unknown subcommand "lint"');
    const c = capture();
    expect(await run(['check', 'missing.csv'], c.io)).toBe(1);
    expect(c.err()).toContain('no such file');
  });
});
