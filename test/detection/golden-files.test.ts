// The rules of the shared golden-file helper (test/support/golden.ts), on files in a temporary folder: a missing
// golden file fails and is not written, a different one fails, a stale one fails, and UPDATE_GOLDEN rewrites.

import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectGolden, expectNoStaleGoldens, goldenJson } from '../support/golden.js';

const compare = { update: false };
const update = { update: true };

function folder(): string {
  return mkdtempSync(join(tmpdir(), 'vw-golden-'));
}

describe('golden files', () => {
  it('fail when the golden file is missing, and do not write it', () => {
    const path = join(folder(), 'case.expected.json');
    expect(() => expectGolden(path, { a: 1 }, compare)).toThrow(/no golden file/);
    expect(existsSync(path)).toBe(false);
  });

  it('pass on identical bytes and fail on any difference, key order included', () => {
    const path = join(folder(), 'case.expected.json');
    writeFileSync(path, goldenJson({ a: 1, b: [2] }));
    expectGolden(path, { a: 1, b: [2] }, compare);
    expect(() => expectGolden(path, { a: 1, b: [3] }, compare)).toThrow(/output differs/);
    expect(() => expectGolden(path, { b: [2], a: 1 }, compare)).toThrow(/output differs/);
  });

  it('are written, folders included, under UPDATE_GOLDEN', () => {
    const path = join(folder(), 'nested', 'case.expected.json');
    expectGolden(path, { why: ['x'] }, update);
    expect(readFileSync(path, 'utf8')).toBe('{\n  "why": [\n    "x"\n  ]\n}\n');
    expectGolden(path, { why: ['x'] }, compare);
  });

  it('fail when a golden file has no input left, and are deleted under UPDATE_GOLDEN', () => {
    const dir = folder();
    mkdirSync(join(dir, 'sub'));
    const kept = join(dir, 'sub', 'kept.expected.json');
    const stale = join(dir, 'sub', 'gone.expected.json');
    writeFileSync(kept, '{}\n');
    writeFileSync(stale, '{}\n');
    writeFileSync(join(dir, 'input.json'), '{}\n');
    expect(() => expectNoStaleGoldens(dir, [kept], '.expected.json', compare)).toThrow(/no input left/);
    expectNoStaleGoldens(dir, [kept], '.expected.json', update);
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(kept)).toBe(true);
    expectNoStaleGoldens(dir, [kept], '.expected.json', compare);
  });
});
