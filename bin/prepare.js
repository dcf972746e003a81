#!/usr/bin/env node
// npm's `prepare` script, run after `npm ci` / `npm install` in this folder: the same compile as `npm run build`
// (tsc -p tsconfig.build.json, to dist/), so `npx vendorwatch …` works right after `npm ci` on a fresh clone.
// An install without dev dependencies (`npm ci --omit=dev`) has no TypeScript compiler; that is not an error here,
// and bin/vendorwatch.js then says to build. A production install builds first and prunes after:
// `npm ci && npm run build && npm prune --omit=dev` (docs/DEPLOYMENT.md).

import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

let tsc = null;
try {
  tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
} catch {
  console.log(
    'vendorwatch prepare: typescript is not installed (dev dependencies omitted), so dist/ is not built; build with them: npm ci && npm run build && npm prune --omit=dev',
  );
}
if (tsc !== null) {
  const compiled = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  process.exitCode = compiled.status ?? 1;
}
