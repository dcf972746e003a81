import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { expect } from 'vitest';

// Golden files: the whole expected output of a case, checked in beside its input and compared byte for byte, so a
// change anywhere in the output shows up as a readable diff in review.
//
//   expectGolden(join(dir, `${id}.expected.json`), actual);
//   expectNoStaleGoldens(dir, expectedPaths);
//
// `UPDATE_GOLDEN=1 npx vitest run <test file>` rewrites the files of that run (then review the diff before
// committing). Without it, nothing is ever written: a missing golden file fails (a new case must be looked at once,
// not silently recorded), and so does a golden file whose input is gone (stale), so the set of files always is
// the set of cases.

export interface GoldenOptions {
  /** Rewrite instead of compare; from UPDATE_GOLDEN=1 unless given (tests of this helper pass it). */
  update?: boolean;
  /** How the value is written; pretty-printed JSON with a final newline unless given. */
  serialise?: (value: unknown) => string;
}

const UPDATE_HINT = 'if the change is intended, run UPDATE_GOLDEN=1 npx vitest run <this test file> and review the diff';

function updatingGoldens(options: GoldenOptions = {}): boolean {
  return options.update ?? process.env.UPDATE_GOLDEN === '1';
}

export function goldenJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** Compares `actual`, serialised, with the golden file at `path` byte for byte (or rewrites it under UPDATE_GOLDEN=1). */
export function expectGolden(path: string, actual: unknown, options: GoldenOptions = {}): void {
  const text = (options.serialise ?? goldenJson)(actual);
  if (updatingGoldens(options)) {
    if (!existsSync(path) || readFileSync(path, 'utf8') !== text) {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text);
    }
    return;
  }
  if (!existsSync(path)) {
    expect.fail(
      `no golden file ${path}: a new case is never recorded silently; run UPDATE_GOLDEN=1 npx vitest run <this test file> and review the new file`,
    );
  }
  expect(text, `output differs from ${path}; ${UPDATE_HINT}`).toBe(readFileSync(path, 'utf8'));
}

/**
 * Fails when `dir` (searched recursively) holds a golden file, one whose name ends with `suffix`, that is not one of
 * `expected`: its input was removed or renamed. Under UPDATE_GOLDEN=1 such files are deleted instead.
 */
export function expectNoStaleGoldens(
  dir: string,
  expected: Iterable<string>,
  suffix = '.expected.json',
  options: GoldenOptions = {},
): void {
  const wanted = new Set([...expected].map((p) => resolve(p)));
  const stale = goldenFilesIn(dir, suffix).filter((p) => !wanted.has(p));
  if (updatingGoldens(options)) {
    for (const path of stale) rmSync(path);
    return;
  }
  expect(stale, `golden files with no input left (delete them, or run UPDATE_GOLDEN=1 npx vitest run <this test file>)`).toEqual([]);
}

function goldenFilesIn(dir: string, suffix: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(suffix))
    .map((e) => resolve(join(e.parentPath, e.name)))
    .sort();
}
