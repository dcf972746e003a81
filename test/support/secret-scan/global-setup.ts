// vitest globalSetup: makes the directory the whole suite's output is copied into (see capture.ts and its users,
// test/support/spawn-cli.ts above all) before any worker starts, so every worker inherits its path. The scan
// itself runs in the summary reporter's onTestRunEnd: vitest 4 only logs an error thrown by a globalSetup teardown
// and still exits 0, which would let a leak pass silently.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CAPTURE_DIR_ENV } from './capture.js';

export function setup(): void {
  process.env[CAPTURE_DIR_ENV] = mkdtempSync(join(tmpdir(), 'vw-secret-scan-'));
}

export function teardown(): void {
  const dir = process.env[CAPTURE_DIR_ENV];
  // Kept when the scan found something, so the lines can be looked at.
  if (dir && !process.env.VENDORWATCH_SECRET_SCAN_FOUND) rmSync(dir, { recursive: true, force: true });
}
