// The command dispatcher (src/cli/main.ts) loads the commands; the commands must never import it back, not even
// for a type: their shared types live in src/cli/command-io.ts, the adapter factory in src/core/chat.ts. A cycle
// here is how "which file do I change" turns into reading six of them.

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return tsFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

/** Relative imports of a file, type-only ones included, as absolute .ts paths. */
function importsOf(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(/(?:from\s+|import\s*\(\s*)['"](\.[^'"]+)['"]/g)]
    .map((m) => resolve(dirname(file), m[1]!.replace(/\.js$/, '.ts')))
    .filter((path) => existsSync(path));
}

/** Every import cycle reachable from `starts`, each as the list of files around it. */
function cyclesFrom(starts: string[]): string[][] {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of importsOf(file)) {
      if (state.get(next) === 'open') found.push([...stack.slice(stack.indexOf(next)), next].map((f) => relative(ROOT, f)));
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of starts) if (!state.has(file)) visit(file);
  return found;
}

describe('src/cli and src/app', () => {
  const mine = [...tsFiles(join(ROOT, 'src', 'cli')), ...tsFiles(join(ROOT, 'src', 'app'))];

  it('are in no import cycle, counting type imports', () => {
    expect(mine.length).toBeGreaterThan(10);
    const involvingThem = cyclesFrom(mine).filter((cycle) => cycle.some((file) => /^src\/(cli|app)\//.test(file)));
    expect(involvingThem.map((cycle) => cycle.join(' -> '))).toEqual([]);
  });

  it('leave main.ts to the entry point: no module under src/ imports it', () => {
    const importers = tsFiles(join(ROOT, 'src')).filter((file) => importsOf(file).includes(join(ROOT, 'src', 'cli', 'main.ts')));
    expect(importers.map((file) => relative(ROOT, file))).toEqual([]);
  });
});
