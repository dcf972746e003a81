import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

// The whole-suite secret scan (test/support/secret-scan/): console output of the tests is copied here by
// onConsoleLog, what spawned commands print by test/support/spawn-cli.ts, in-process runs' output by their
// harnesses; the summary reporter scans it all at the end.
const CAPTURE_DIR_ENV = 'VENDORWATCH_TEST_CAPTURE_DIR';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Tests start real HTTP servers on loopback and spawn the CLI; keep the 2-core machine responsive.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 30_000,
    globalSetup: ['./test/support/secret-scan/global-setup.ts'],
    onConsoleLog(log) {
      const dir = process.env[CAPTURE_DIR_ENV];
      if (dir) appendFileSync(join(dir, `console-main.console.log`), log.endsWith('\n') ? log : `${log}\n`);
    },
    reporters: ['default', './test/support/plain-summary-reporter.ts'],
  },
});
