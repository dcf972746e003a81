#!/usr/bin/env node
// `npm run build` (and `prepare`, which npm runs on `npm ci`): compiles src/ and adapters/ with tsc into
// dist/<digest>/ and copies their other files (the example watchlist, the Teams app package) beside the output.
// Nothing to do when the build of the current sources exists. See bin/compiled-build.js for why the digest.

import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { DIST, ROOT, buildDirFor, buildInputs, isBuilt, sourceDigest } from './compiled-build.js';

/** Builds of other digests kept, newest first: a process started from one keeps its files. */
const KEEP_OTHER_BUILDS = 2;

function typescriptCompiler() {
  try {
    return createRequire(import.meta.url).resolve('typescript/bin/tsc');
  } catch {
    return null;
  }
}

function build() {
  const digest = sourceDigest();
  const target = buildDirFor(digest);
  if (isBuilt(target)) {
    console.log(`vendorwatch build: dist/${digest} is up to date`);
    return 0;
  }
  const tsc = typescriptCompiler();
  if (tsc === null) {
    // An install without dev dependencies (`npm ci --omit=dev`): bin/vendorwatch.js runs the sources through tsx.
    console.log('vendorwatch build: skipped, typescript is not installed; bin/vendorwatch.js will run the TypeScript sources through tsx');
    return 0;
  }
  const staging = join(DIST, `.staging-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(DIST, { recursive: true });
  try {
    const compiled = spawnSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json'), '--outDir', staging], { cwd: ROOT, stdio: 'inherit' });
    if (compiled.status !== 0) {
      console.error('vendorwatch build: tsc failed (above); no compiled build, so bin/vendorwatch.js runs the sources through tsx');
      return 1;
    }
    for (const file of buildInputs()) {
      if (file.endsWith('.ts') || !/^(src|adapters)\//.test(file)) continue;
      mkdirSync(dirname(join(staging, file)), { recursive: true });
      cpSync(join(ROOT, file), join(staging, file));
    }
    // Sources edited while tsc ran: this output matches neither version, so it is not installed.
    if (sourceDigest() !== digest) {
      console.error('vendorwatch build: the sources changed during the build; run it again');
      return 1;
    }
    try {
      renameSync(staging, target);
    } catch (error) {
      // A concurrent build of the same sources got there first: its output is the same.
      if (!isBuilt(target)) throw error;
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  pruneOldBuilds(digest);
  console.log(`vendorwatch build: compiled to dist/${digest}`);
  return 0;
}

function pruneOldBuilds(current) {
  const others = readdirSync(DIST, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name !== current && !entry.name.startsWith('.staging-'))
    .map((entry) => ({ path: join(DIST, entry.name), at: statSync(join(DIST, entry.name)).mtimeMs }))
    .sort((a, b) => b.at - a.at);
  for (const old of others.slice(KEEP_OTHER_BUILDS)) rmSync(old.path, { recursive: true, force: true });
}

process.exitCode = build();
