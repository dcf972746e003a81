// Where the compiled JavaScript of the current sources is, if it has been built.
//
// `bin/build.js` compiles src/ and adapters/ into dist/<digest>/, where <digest> is a hash of every build input
// (the files under src/ and adapters/, the tsconfig files and the build scripts). bin/vendorwatch.js hashes the
// inputs as they are now (~10 ms) and runs dist/<digest>/ only when it exists; after any edit the digest changes and
// it runs the TypeScript through tsx instead. So compiled code never runs against sources it was not built from,
// whether the edit came from a person, `git pull` or a test, and without comparing file times.
//
// A build directory appears complete or not at all (it is renamed into place when done), and builds of other
// digests stay until a later build prunes them, so a process already running from one keeps its files.

import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const DIST = join(ROOT, 'dist');

/** Compiled from TypeScript; every other file in these folders is an asset copied beside the output. */
export const SOURCE_DIRS = ['src', 'adapters'];
/** Inputs outside SOURCE_DIRS that change what a build produces. */
const RECIPE_FILES = ['tsconfig.json', 'tsconfig.build.json', 'bin/build.js', 'bin/compiled-build.js'];

/** Generated files that live among the sources but are no input (the Teams app package zip). */
export function isBuildInput(path) {
  return !path.endsWith('.zip');
}

/** Every build input, relative to the root with forward slashes, sorted. */
export function buildInputs(root = ROOT) {
  const found = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (isBuildInput(path)) found.push(relative(root, path).split(sep).join('/'));
    }
  };
  for (const dir of SOURCE_DIRS) if (existsSync(join(root, dir))) walk(join(root, dir));
  for (const file of RECIPE_FILES) if (existsSync(join(root, file))) found.push(file);
  return found.sort();
}

/** A hash of the names and contents of every build input. */
export function sourceDigest(root = ROOT) {
  const hash = createHash('sha256');
  for (const file of buildInputs(root)) {
    hash.update(`${file}\0`);
    hash.update(readFileSync(join(root, file)));
    hash.update('\0');
  }
  return hash.digest('hex').slice(0, 20);
}

/** The build directory for `digest` (it may not exist). */
export function buildDirFor(digest, dist = DIST) {
  return join(dist, digest);
}

/** Whether `dir` holds a build: builds are renamed into place complete, so the CLI's entry point marks one. */
export function isBuilt(dir) {
  return existsSync(join(dir, 'src', 'cli', 'main.js'));
}

/** The compiled build of the sources as they are now, or null when there is none (then run the sources). */
export function currentBuild(root = ROOT) {
  if (!existsSync(join(root, 'dist'))) return null;
  const dir = buildDirFor(sourceDigest(root), join(root, 'dist'));
  return isBuilt(dir) ? dir : null;
}
