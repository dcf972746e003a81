// Production runs compiled JavaScript: `npm run build` (tsc -p tsconfig.build.json) writes dist/, and
// bin/vendorwatch.js runs dist/adapters/cli.js. Every other test runs the sources (test/support/spawn-cli.ts), so
// this one builds into a scratch install laid out like a checkout (bin/, dist/, package.json, node_modules) and
// runs the compiled command there: what it does without a build, and that the build runs each kind of command.

import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FeedServer, startFeedServer } from '../support/feed-server.js';
import { runVendorwatch, spawnVendorwatch } from '../support/spawn-cli.js';

const ROOT = join(import.meta.dirname, '..', '..');
const FIXTURE_FEEDS = join(ROOT, 'test', 'fixtures', 'feeds');
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const scratches: string[] = [];

/** A directory with the real bin/vendorwatch.js, package.json and node_modules, and no dist/ yet. */
function scratchInstall(): string {
  const dir = mkdtempSync(join(tmpdir(), 'vw-build-'));
  scratches.push(dir);
  mkdirSync(join(dir, 'bin'));
  copyFileSync(join(ROOT, 'bin', 'vendorwatch.js'), join(dir, 'bin', 'vendorwatch.js'));
  copyFileSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

afterAll(() => {
  for (const dir of scratches.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('bin/vendorwatch.js', () => {
  it('without a build says to run npm run build, and exits 2', async () => {
    const dir = scratchInstall();
    const run = await runVendorwatch(['poll', '--once'], {
      env: { PATH: process.env.PATH },
      cwd: dir,
      compiledBin: join(dir, 'bin', 'vendorwatch.js'),
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/not built yet.*run `npm run build`/);
    expect(run.stdout).toBe('');
  });

  it('runs dist/adapters/cli.js with its arguments and exits with the code it returns', async () => {
    const dir = scratchInstall();
    mkdirSync(join(dir, 'dist', 'adapters'), { recursive: true });
    writeFileSync(
      join(dir, 'dist', 'adapters', 'cli.js'),
      'export async function run(argv) { process.stdout.write(JSON.stringify(argv)); return 1; }\n',
    );
    const run = await runVendorwatch(['incidents', 'Care Cloud'], {
      env: { PATH: process.env.PATH },
      cwd: dir,
      compiledBin: join(dir, 'bin', 'vendorwatch.js'),
    });
    expect(run).toMatchObject({ code: 1, stdout: '["incidents","Care Cloud"]', stderr: '' });
  });
});

describe('the build, run as production runs it', () => {
  let dir: string;
  let bin: string;
  let feeds: FeedServer;

  beforeAll(async () => {
    dir = scratchInstall();
    bin = join(dir, 'bin', 'vendorwatch.js');
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    // `npm run build` with its output moved here, so the shared tree's dist/ is left alone. --noCheck halves the
    // time and changes no output (isolatedModules: each file is emitted on its own); `npm test` type-checks anyway.
    await promisify(execFile)(
      process.execPath,
      [tsc, '-p', join(ROOT, 'tsconfig.build.json'), '--outDir', join(dir, 'dist'), '--noCheck'],
      { cwd: ROOT },
    );
    feeds = await startFeedServer({ '/newswire.xml': { kind: 'feed', file: join(FIXTURE_FEEDS, 'outlet-newswire.xml') } });
  }, 240_000);

  afterAll(async () => {
    await feeds?.close();
  });

  it('writes dist/src and dist/adapters, with the files the code reads at run time beside it', () => {
    for (const file of ['src/cli/main.js', 'adapters/cli.js', 'adapters/index.js', 'src/watchlist/example-watchlist.json']) {
      expect(existsSync(join(dir, 'dist', file)), file).toBe(true);
    }
  });

  it('triages exactly as the sources do', async () => {
    const work = mkdtempSync(join(dir, 'triage-'));
    const articles = [
      {
        id: 'a1',
        title: 'CareCloud confirms ransomware attack exposed patient records',
        text: 'CareCloud, a healthcare IT vendor, said attackers stole patient data in a ransomware attack on its servers.',
      },
      { id: 'a2', title: 'Quarterly results', text: 'Nothing happened this quarter.' },
    ];
    writeFileSync(join(work, 'in.jsonl'), `${articles.map((a) => JSON.stringify(a)).join('\n')}\nnot json\n`);
    writeFileSync(join(work, 'watchlist.json'), JSON.stringify([{ name: 'CareCloud', category: 'EHR', criticality: 'critical' }]));
    const args = ['triage', '--watchlist', 'watchlist.json', '--input', 'in.jsonl'];
    const [compiled, sources] = await Promise.all([
      runVendorwatch(args, { env: { PATH: process.env.PATH }, cwd: work, compiledBin: bin }),
      runVendorwatch(args, { env: { PATH: process.env.PATH }, cwd: work }),
    ]);
    expect(compiled.code, compiled.stderr).toBe(0);
    expect(compiled.stdout.trim().split('\n')).toHaveLength(3);
    expect(compiled.stdout).toBe(sources.stdout);
  });

  it('polls once with the bundled example watchlist and its own version in the User-Agent', async () => {
    const run = await runVendorwatch(['poll', '--once'], {
      env: {
        PATH: process.env.PATH,
        VENDORWATCH_FEEDS: feeds.url('/newswire.xml'),
        VENDORWATCH_DB: join(mkdtempSync(join(dir, 'poll-')), 'vw.db'),
        LOG_FORMAT: 'json',
      },
      cwd: dir,
      compiledBin: bin,
    });
    expect(run.code, run.stderr).toBe(0);
    expect(feeds.requests.map((request) => request.headers['user-agent'])).toEqual([
      expect.stringMatching(new RegExp(`^Vendorwatch/${VERSION.replaceAll('.', '\\.')} \\(`)),
    ]);
  });

  it('starts, answers /healthz, and stops on SIGTERM with exit 0', async () => {
    const child = spawnVendorwatch(['start'], {
      env: {
        PATH: process.env.PATH,
        VENDORWATCH_FEEDS: feeds.url('/newswire.xml'),
        VENDORWATCH_DB: join(mkdtempSync(join(dir, 'start-')), 'vw.db'),
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_FORMAT: 'json',
      },
      cwd: dir,
      compiledBin: bin,
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const port = await new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no finished cycle within 20 s:\n${stderr}`)), 20_000);
        child.stderr.on('data', () => {
          const match = /"port":(\d+)[^\n]*listening/.exec(stderr);
          if (match && /cycle 1 done/.test(stderr)) {
            clearTimeout(timer);
            resolve(Number(match[1]));
          }
        });
      });
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(stderr).toContain('"stopped"');
    } finally {
      child.kill('SIGKILL');
    }
  });
});
