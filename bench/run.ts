import { fork } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { runFullTextBench } from './fulltext.js';
import { type BenchContext, type Figure, formatTable } from './harness.js';
import { runMatcherBench } from './matcher.js';
import { runMemoryBench } from './memory.js';
import { runPollCycleBench } from './poll-cycle.js';
import { runTriageBench } from './triage.js';

// `npm run bench [-- --quick] [-- --only NAME]`: runs the benchmarks in order, prints one table, writes
// bench/results.json. Each benchmark runs in a fresh child process of its own (so one's heap and JIT state do not
// colour the next one's RSS and timings) and measures its baseline itself, in that process, next to its figures.

const BENCHES: Record<string, (context: BenchContext) => Promise<Figure[]>> = {
  matcher: runMatcherBench,
  triage: runTriageBench,
  'poll-cycle': runPollCycleBench,
  fulltext: runFullTextBench,
  memory: runMemoryBench,
};

const USAGE = `Usage: npm run bench -- [--quick] [--only ${Object.keys(BENCHES).join('|')}]\n`;

async function main(): Promise<number> {
  let values: { quick?: boolean; only?: string; help?: boolean; child?: boolean };
  try {
    ({ values } = parseArgs({
      options: { quick: { type: 'boolean' }, only: { type: 'string' }, help: { type: 'boolean', short: 'h' }, child: { type: 'boolean' } },
      strict: true,
    }));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}`);
    return 1;
  }
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const names = values.only ? values.only.split(',').map((n) => n.trim()) : Object.keys(BENCHES);
  const unknown = names.filter((n) => !(n in BENCHES));
  if (unknown.length > 0) {
    process.stderr.write(`unknown benchmark ${unknown.join(', ')}\n${USAGE}`);
    return 1;
  }
  const quick = Boolean(values.quick);
  const context: BenchContext = { quick, log: (message) => process.stderr.write(`  ${message}\n`) };
  if (values.child) {
    // One benchmark, figures back to the parent over IPC.
    const figures = await (BENCHES[names[0] as string] as (c: BenchContext) => Promise<Figure[]>)(context);
    await new Promise<void>((resolve) => process.send?.({ figures }, () => resolve()));
    return 0;
  }
  const started = Date.now();
  const figures: Figure[] = [];
  for (const name of names) {
    process.stderr.write(`${name}…\n`);
    const benchStarted = Date.now();
    figures.push(...(await runInChild(name, quick)));
    process.stderr.write(`  (${((Date.now() - benchStarted) / 1000).toFixed(1)} s)\n`);
  }
  const seconds = (Date.now() - started) / 1000;
  const output = {
    mode: quick ? 'quick' : 'full',
    date: new Date().toISOString(),
    node: process.version,
    cpus: (await import('node:os')).cpus().length,
    platform: `${process.platform}-${process.arch}`,
    seconds,
    figures,
  };
  writeFileSync(new URL('./results.json', import.meta.url), `${JSON.stringify(output, null, 2)}\n`);
  process.stdout.write(
    `${formatTable(figures)}\n\n${quick ? 'quick' : 'full'} run, ${seconds.toFixed(1)} s; written to bench/results.json\n`,
  );
  const failed = figures.filter((f) => f.pass === false);
  if (failed.length > 0) process.stdout.write(`targets not met: ${failed.map((f) => f.name).join(', ')}\n`);
  return 0;
}

function runInChild(name: string, quick: boolean): Promise<Figure[]> {
  return new Promise((resolve, reject) => {
    const child = fork(new URL(import.meta.url), ['--child', '--only', name, ...(quick ? ['--quick'] : [])], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let figures: Figure[] | null = null;
    child.on('message', (message: unknown) => {
      figures = (message as { figures: Figure[] }).figures;
    });
    child.on('exit', (code) => {
      if (figures) resolve(figures);
      else reject(new Error(`benchmark ${name} exited with code ${code} and no figures`));
    });
  });
}

process.exitCode = await main();
