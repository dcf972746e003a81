// What every benchmark shares: the figure record written to bench/results.json, timing loops, and an RSS sampler.
// A figure is always a value next to a baseline measured in the same process run, so the ratio is meaningful on
// any machine even when the absolute numbers are not.

export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** What the value is compared with, in words. */
  baseline: string;
  baselineValue: number;
  /** value / baselineValue unless the benchmark states another ratio (its note says which). */
  ratio: number;
  /** The target in words ("ratio >= 20"), or "info" for figures reported without one. */
  target: string;
  pass: boolean | null;
  note?: string;
}

export interface BenchContext {
  quick: boolean;
  /** Progress lines go to stderr so stdout holds just the table. */
  log: (message: string) => void;
}

export type Check = { kind: 'ratio-at-least' | 'ratio-at-most' | 'value-at-least' | 'value-at-most'; limit: number } | null;

/** Builds a figure; `check` turns the target into pass/fail, null makes it informational. */
export function figure(input: {
  name: string;
  value: number;
  unit: string;
  baseline: string;
  baselineValue: number;
  ratio?: number;
  check: Check;
  note?: string;
}): Figure {
  const ratio = input.ratio ?? (input.baselineValue === 0 ? Number.POSITIVE_INFINITY : input.value / input.baselineValue);
  const { check } = input;
  let target = 'info';
  let pass: boolean | null = null;
  if (check) {
    switch (check.kind) {
      case 'ratio-at-least':
        target = `ratio >= ${check.limit}`;
        pass = ratio >= check.limit;
        break;
      case 'ratio-at-most':
        target = `ratio <= ${check.limit}`;
        pass = ratio <= check.limit;
        break;
      case 'value-at-least':
        target = `value >= ${check.limit} ${input.unit}`;
        pass = input.value >= check.limit;
        break;
      case 'value-at-most':
        target = `value <= ${check.limit} ${input.unit}`;
        pass = input.value <= check.limit;
        break;
    }
  }
  return {
    name: input.name,
    value: round(input.value),
    unit: input.unit,
    baseline: input.baseline,
    baselineValue: round(input.baselineValue),
    ratio: round(ratio),
    target,
    pass,
    ...(input.note ? { note: input.note } : {}),
  };
}

function round(value: number): number {
  if (!Number.isFinite(value)) return value;
  const magnitude = Math.abs(value);
  const digits = magnitude >= 100 ? 1 : magnitude >= 1 ? 2 : 4;
  return Number(value.toFixed(digits));
}

/** CPU time (user + system) of this process in ms: on a shared machine it moves less than wall time. */
export function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/**
 * Elapsed time of single-threaded work, as the smaller of wall time and process CPU time. Each overstates in its own
 * way: wall time counts the moments other processes held the core, and CPU time counts V8's helper threads
 * (concurrent GC) running beside the main one. The smaller is the better estimate of what the work costs.
 */
export function startClock(): { elapsed(): number; lap(): number } {
  let wall = performance.now();
  let cpu = cpuMs();
  const wallStart = wall;
  const cpuStart = cpu;
  return {
    elapsed: () => Math.min(performance.now() - wallStart, cpuMs() - cpuStart),
    lap: () => {
      const nowWall = performance.now();
      const nowCpu = cpuMs();
      const lap = Math.min(nowWall - wall, nowCpu - cpu);
      wall = nowWall;
      cpu = nowCpu;
      return lap;
    },
  };
}

/**
 * Runs `work` (one pass over the fixed input) until at least `minMs` of wall time have passed, after `warmUp`
 * untimed passes so the JIT has seen the code. Returns wall and CPU milliseconds per pass, and the smaller of the two
 * (see startClock) as the cost.
 */
export function timePasses(
  work: () => void,
  minMs: number,
  warmUp = 1,
): { msPerPass: number; cpuMsPerPass: number; costMsPerPass: number; passes: number } {
  for (let i = 0; i < warmUp; i++) work();
  let passes = 0;
  const started = performance.now();
  const cpuStarted = cpuMs();
  let elapsed = 0;
  while (elapsed < minMs || passes === 0) {
    work();
    passes += 1;
    elapsed = performance.now() - started;
  }
  const cpuMsPerPass = (cpuMs() - cpuStarted) / passes;
  const msPerPass = elapsed / passes;
  return { msPerPass, cpuMsPerPass, costMsPerPass: Math.min(msPerPass, cpuMsPerPass), passes };
}

/** Samples RSS every `intervalMs` while running, for a peak over a phase rather than the whole process's life. */
export function sampleRss(intervalMs = 25): { stop(): number } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      peak = Math.max(peak, process.memoryUsage().rss);
      return peak / 1024 / 1024;
    },
  };
}

/** The results as a fixed-width table: name, value, baseline, ratio, target, verdict. */
export function formatTable(figures: Figure[]): string {
  const rows = figures.map((f) => [
    f.name,
    `${formatNumber(f.value)} ${f.unit}`,
    `${formatNumber(f.baselineValue)} (${f.baseline})`,
    `${formatNumber(f.ratio)}×`,
    f.target,
    f.pass === null ? '-' : f.pass ? 'PASS' : 'FAIL',
  ]);
  const header = ['figure', 'value', 'baseline (same run)', 'ratio', 'target', 'result'];
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] as string).length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i] as number)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  return value.toLocaleString('en-US', { maximumFractionDigits: Math.abs(value) >= 100 ? 1 : Math.abs(value) >= 1 ? 2 : 4 });
}
