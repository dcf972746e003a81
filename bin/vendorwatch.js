#!/usr/bin/env node
// The composition root: hands the core its chat adapters, so nothing under src/ imports a platform SDK.
// It runs the compiled JavaScript of exactly these sources when it has been built (`npm run build`, also run by
// `npm ci`), and otherwise the TypeScript sources through tsx, so an edit never runs stale compiled code
// (bin/compiled-build.js). tsx alone costs ~30 MB and the start-up compile, so it is only loaded when needed.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, currentBuild } from './compiled-build.js';

const compiled = currentBuild();
let entry;
if (compiled) {
  entry = { main: join(compiled, 'src', 'cli', 'main.js'), adapters: join(compiled, 'adapters', 'index.js') };
} else {
  const { register } = await import('tsx/esm/api');
  register();
  entry = { main: join(ROOT, 'src', 'cli', 'main.ts'), adapters: join(ROOT, 'adapters', 'index.ts') };
}
const { main } = await import(pathToFileURL(entry.main).href);
const { createAdapters } = await import(pathToFileURL(entry.adapters).href);
process.exitCode = await main(process.argv.slice(2), { createAdapters });
