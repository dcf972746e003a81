// bin/vendorwatch.js runs compiled JavaScript only when it was built from exactly the sources now present; any
// edit, added or removed file sends it back to the TypeScript sources. These tests pin that rule on a scratch tree.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

interface CompiledBuild {
  sourceDigest(root: string): string;
  buildInputs(root: string): string[];
  currentBuild(root: string): string | null;
}

const build = (await import(new URL('../../bin/compiled-build.js', import.meta.url).href)) as CompiledBuild;
const roots: string[] = [];

function scratchTree(): string {
  const root = mkdtempSync(join(tmpdir(), 'vendorwatch-build-'));
  roots.push(root);
  mkdirSync(join(root, 'src', 'cli'), { recursive: true });
  mkdirSync(join(root, 'adapters', 'teams', 'appPackage'), { recursive: true });
  writeFileSync(join(root, 'src', 'cli', 'main.ts'), 'export const answer = 42;\n');
  writeFileSync(join(root, 'adapters', 'teams', 'appPackage', 'manifest.json'), '{}\n');
  writeFileSync(join(root, 'tsconfig.json'), '{}\n');
  return root;
}

/** Pretends `npm run build` ran: the output directory named after the current digest. */
function fakeBuild(root: string): string {
  const dir = join(root, 'dist', build.sourceDigest(root));
  mkdirSync(join(dir, 'src', 'cli'), { recursive: true });
  writeFileSync(join(dir, 'src', 'cli', 'main.js'), 'export const answer = 42;\n');
  return dir;
}

afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

describe('the compiled build bin/vendorwatch.js runs', () => {
  it('is used when it was built from the sources as they are', () => {
    const root = scratchTree();
    expect(build.currentBuild(root)).toBeNull();
    const dir = fakeBuild(root);
    expect(build.currentBuild(root)).toBe(dir);
  });

  it('is not used once a source is edited, added or removed, and is again when the edit is undone', () => {
    const root = scratchTree();
    const dir = fakeBuild(root);
    writeFileSync(join(root, 'src', 'cli', 'main.ts'), 'export const answer = 43;\n');
    expect(build.currentBuild(root)).toBeNull();
    writeFileSync(join(root, 'src', 'cli', 'main.ts'), 'export const answer = 42;\n');
    expect(build.currentBuild(root)).toBe(dir);
    writeFileSync(join(root, 'src', 'new-module.ts'), 'export {};\n');
    expect(build.currentBuild(root)).toBeNull();
    rmSync(join(root, 'src', 'new-module.ts'));
    expect(build.currentBuild(root)).toBe(dir);
    writeFileSync(join(root, 'tsconfig.json'), '{ "compilerOptions": {} }\n');
    expect(build.currentBuild(root)).toBeNull();
  });

  it('counts assets among the inputs but not the generated Teams package zip', () => {
    const root = scratchTree();
    writeFileSync(join(root, 'adapters', 'teams', 'appPackage', 'vendorwatch.zip'), 'zip');
    expect(build.buildInputs(root)).toEqual(['adapters/teams/appPackage/manifest.json', 'src/cli/main.ts', 'tsconfig.json']);
  });
});
