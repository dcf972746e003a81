#!/usr/bin/env node
// The `vendorwatch` command: runs the compiled JavaScript in dist/ (`npm run build`, which `npm ci` also runs
// through `prepare`). What it runs, the commands with the chat adapters wired in, is adapters/cli.ts; `npm run dev`
// runs the same from the TypeScript sources. After editing a source, `npm run build` again (or use `npm run dev`).

import { existsSync } from 'node:fs';

const entry = new URL('../dist/adapters/cli.js', import.meta.url);
if (existsSync(entry)) {
  const { run } = await import(entry.href);
  process.exitCode = await run(process.argv.slice(2));
} else {
  process.stderr.write(
    'vendorwatch: not built yet (no dist/adapters/cli.js): run `npm run build` first, or `npm run dev -- <command>` to run the TypeScript sources.\n',
  );
  process.exitCode = 2;
}
