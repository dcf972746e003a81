#!/usr/bin/env node
// The composition root: runs the TypeScript sources through tsx (so `npx vendorwatch` works right after
// `npm ci`) and hands the core its chat adapters, so nothing under src/ imports a platform SDK.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
const { createAdapters } = await import('../adapters/index.ts');
process.exitCode = await main(process.argv.slice(2), { createAdapters });
