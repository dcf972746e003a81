import type { Reporter, TestModule } from 'vitest/node';
import { CAPTURE_DIR_ENV } from './secret-scan/capture.js';
import { type ScanSummary, scanCaptureDirectory, summaryLine } from './secret-scan/scanner.js';

/**
 * Prints the plain closing line CI reads ("N passed, N failed", then skipped), after vitest's own summary.
 * Counts individual tests; a module that failed to load counts as one failure so it cannot hide.
 * Before it, the whole-suite secret scan: every captured output line of the run against every secret the tests
 * handed out. A secret found counts as one more failure and fails the run (exit code 1).
 */
export default class PlainSummaryReporter implements Reporter {
  /** How the capture directory is scanned (a test may plant its own). */
  scan: (dir: string) => ScanSummary = scanCaptureDirectory;

  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const testModule of testModules) {
      let tests = 0;
      for (const test of testModule.children.allTests()) {
        tests += 1;
        const state = test.result().state;
        if (state === 'passed') passed += 1;
        else if (state === 'failed') failed += 1;
        else skipped += 1;
      }
      if (tests === 0 && testModule.state() === 'failed') failed += 1;
    }
    failed += this.secretScan();
    const line = skipped > 0 ? `${passed} passed, ${failed} failed, ${skipped} skipped` : `${passed} passed, ${failed} failed`;
    process.stdout.write(`\n${line}\n`);
  }

  /** Runs the scan and prints its summary; 1 when it found a secret (or could not run), else 0. */
  private secretScan(): number {
    const dir = process.env[CAPTURE_DIR_ENV];
    if (!dir) {
      process.stdout.write('\nsecret scan: not run (no capture directory; run with vitest.config.ts)\n');
      return 0;
    }
    let summary: ScanSummary;
    try {
      summary = this.scan(dir);
    } catch (error) {
      process.stdout.write(`\nsecret scan: could not run: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
      return 1;
    }
    process.stdout.write(`\n${summaryLine(summary)}\n`);
    if (summary.findings.length === 0) return 0;
    for (const f of summary.findings.slice(0, 20)) {
      process.stdout.write(`  ${f.secret} (${f.spelling}) in ${f.source}:${f.line}: ${f.excerpt}\n`);
    }
    process.stdout.write(`  captured output kept in ${dir}\n`);
    process.env.VENDORWATCH_SECRET_SCAN_FOUND = '1';
    process.exitCode = 1;
    return 1;
  }
}
