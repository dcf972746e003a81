// Docker is not available where these tests run, so the image is checked by reading its recipe: the structure the
// deployment guide promises, every file it copies present and not excluded, and its HEALTHCHECK run for real.

import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { HttpServer } from '../../src/http/http-server.js';
import { silentLogger } from '../../src/log.js';

const root = join(import.meta.dirname, '..', '..');
const read = (name: string) => readFileSync(join(root, name), 'utf8');

interface Instruction {
  keyword: string;
  args: string;
}

/** Dockerfile instructions with line continuations joined and comments dropped. */
function parseDockerfile(text: string): Instruction[] {
  const logical: string[] = [];
  let current = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (current === '' && (line === '' || line.startsWith('#'))) continue;
    if (line.startsWith('#')) continue;
    if (line.endsWith('\\')) {
      current += `${line.slice(0, -1)} `;
      continue;
    }
    logical.push(current + line);
    current = '';
  }
  return logical.map((line) => {
    const [keyword = '', ...rest] = line.split(/\s+/);
    return { keyword: keyword.toUpperCase(), args: rest.join(' ') };
  });
}

/** Stages by name (or index), each with its base image, ARGs before the first FROM resolved. */
function stagesOf(instructions: Instruction[]): { name: string; base: string; body: Instruction[] }[] {
  const args = new Map<string, string>();
  const stages: { name: string; base: string; body: Instruction[] }[] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'ARG' && stages.length === 0) {
      const [name, value = ''] = instruction.args.split('=');
      args.set(name!, value);
    } else if (instruction.keyword === 'FROM') {
      const [image = '', as, name] = instruction.args.replace(/--platform=\S+\s+/, '').split(/\s+/);
      const base = image.replace(/\$\{(\w+)\}|\$(\w+)/g, (_m, a: string | undefined, b: string | undefined) => args.get((a ?? b)!) ?? '');
      stages.push({ name: as?.toUpperCase() === 'AS' && name ? name : String(stages.length), base, body: [] });
    } else {
      stages.at(-1)?.body.push(instruction);
    }
  }
  return stages;
}

const instructions = parseDockerfile(read('Dockerfile'));
const stages = stagesOf(instructions);
const build = stages[0]!;
const runtime = stages.at(-1)!;
const find = (stage: { body: Instruction[] }, keyword: string) => stage.body.filter((i) => i.keyword === keyword);

function healthcheckScript(): string {
  const [healthcheck] = find(runtime, 'HEALTHCHECK');
  const exec = /CMD\s+(\[.*\])\s*$/.exec(healthcheck!.args);
  const argv = JSON.parse(exec![1]!) as string[];
  expect(argv.slice(0, 2)).toEqual(['node', '-e']);
  return argv[2]!;
}

describe('the Dockerfile', () => {
  it('builds in one stage with compilers and runs in another without them, both from the same official Node LTS image', () => {
    expect(stages).toHaveLength(2);
    expect(build.base).toBe(runtime.base);
    // An official `node` image of an LTS line still supported (even majors from 22; Node 20's life ended in April
    // 2026), Debian slim, on a major tag so that rebuilding picks up its security releases.
    const image = /^node:(\d+)-(bookworm|trixie)-slim$/.exec(runtime.base);
    expect(image, runtime.base).not.toBeNull();
    const major = Number(image![1]);
    expect(major).toBeGreaterThanOrEqual(22);
    expect(major % 2, 'odd Node majors are never LTS').toBe(0);
    const buildRuns = find(build, 'RUN')
      .map((i) => i.args)
      .join('\n');
    expect(buildRuns).toMatch(/apt-get install[^\n]*\bpython3\b/);
    expect(buildRuns).toMatch(/apt-get install[^\n]*\bmake\b/);
    expect(buildRuns).toMatch(/apt-get install[^\n]*\bg\+\+/);
    expect(buildRuns).toMatch(/\bnpm ci\b/);
    expect(buildRuns).toMatch(/npm prune --omit=dev|npm ci [^\n]*--omit=dev/);
    const runtimeRuns = find(runtime, 'RUN')
      .map((i) => i.args)
      .join('\n');
    expect(runtimeRuns).not.toMatch(/apt-get|g\+\+|python3|npm (ci|install)/);
    expect(find(runtime, 'COPY').map((i) => i.args)).toContainEqual(expect.stringMatching(new RegExp(`--from=${build.name}\\b`)));
  });

  it('runs as a non-root user with the database on the /data volume, port 3000, and the bot as its command', () => {
    const users = find(runtime, 'USER').map((i) => i.args.split(':')[0]);
    expect(users.length).toBeGreaterThan(0);
    expect(['root', '0']).not.toContain(users.at(-1));
    expect(find(runtime, 'VOLUME').map((i) => i.args)).toEqual(['/data']);
    expect(
      find(runtime, 'ENV')
        .map((i) => i.args)
        .join(' '),
    ).toMatch(/\bVENDORWATCH_DB=\/data\/vendorwatch\.db\b/);
    // Inside the container the server must listen on all of the container's interfaces, or the published port is dead.
    expect(
      find(runtime, 'ENV')
        .map((i) => i.args)
        .join(' '),
    ).toMatch(/\bHOST=0\.0\.0\.0\b/);
    expect(find(runtime, 'EXPOSE').map((i) => i.args)).toEqual(['3000']);
    // /data must be the service user's, or SQLite cannot create its -wal and -shm files beside the database.
    expect(
      find(runtime, 'RUN')
        .map((i) => i.args)
        .join('\n'),
    ).toMatch(new RegExp(`chown\\s+${users.at(-1)}(:\\S+)?\\s+/data`));
    expect(JSON.parse(find(runtime, 'CMD').at(-1)!.args)).toEqual(['node', 'bin/vendorwatch.js', 'start']);
  });

  it('copies only files that exist and that .dockerignore lets into the build context', () => {
    const ignored = read('.dockerignore')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#') && !line.startsWith('!'));
    const sources = find(build, 'COPY')
      .concat(find(runtime, 'COPY'))
      .filter((i) => !i.args.includes('--from='))
      .flatMap((i) =>
        i.args
          .replace(/--\S+\s+/g, '')
          .split(/\s+/)
          .slice(0, -1),
      );
    expect(sources).toEqual(expect.arrayContaining(['package.json', 'package-lock.json', 'bin', 'src', 'adapters']));
    for (const source of sources) {
      expect(existsSync(join(root, source)), `${source} exists`).toBe(true);
      expect(ignored, `${source} is not excluded by .dockerignore`).not.toContain(source);
    }
    // Local databases and secrets never reach the build context.
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', 'data', '*.db', '.env', '.git']));
  });

  it('builds the JavaScript, drops the dev tools, and runs only the compiled build with production dependencies', () => {
    const buildRuns = find(build, 'RUN').map((i) => i.args);
    const step = (pattern: RegExp) => buildRuns.findIndex((args) => pattern.test(args));
    // npm ci, then the compile (tsc, a dev dependency), then the dev dependencies pruned: in that order.
    expect(step(/\bnpm ci\b/)).toBeGreaterThanOrEqual(0);
    expect(step(/\bnpm run build\b/)).toBeGreaterThan(step(/\bnpm ci\b/));
    expect(step(/\bnpm prune --omit=dev\b/)).toBeGreaterThan(step(/\bnpm run build\b/));
    const copied = find(runtime, 'COPY')
      .filter((i) => i.args.includes(`--from=${build.name}`))
      .map((i) => i.args.replace(/--\S+\s+/g, '').split(/\s+/)[0]);
    expect(copied.sort()).toEqual(['/app/bin', '/app/dist', '/app/node_modules', '/app/package.json']);
    const pkg = JSON.parse(read('package.json')) as {
      type: string;
      dependencies: Record<string, string>;
      devDependencies: Record<string, string>;
      scripts: Record<string, string>;
    };
    // package.json comes along for "type": "module": without it Node would not load dist/ as ES modules.
    expect(pkg.type).toBe('module');
    expect(pkg.scripts.build).toBe('tsc -p tsconfig.build.json');
    expect(Object.keys(pkg.dependencies)).toEqual(expect.arrayContaining(['better-sqlite3', 'prom-client', 'pino']));
    expect(Object.keys(pkg.dependencies)).not.toContain('tsx');
    expect(Object.keys(pkg.devDependencies)).toEqual(expect.arrayContaining(['tsx', 'typescript', 'vitest']));
    expect(read('bin/vendorwatch.js')).toContain('../dist/adapters/cli.js');
    expect(read('bin/vendorwatch.js')).not.toMatch(/\btsx\b/);
  });

  it('has a HEALTHCHECK whose node one-liner passes on 200 from /healthz and fails on 503 or no answer', async () => {
    const script = healthcheckScript();
    expect(script).toContain('/healthz');
    let healthy = true;
    const server = new HttpServer(silentLogger, () => (healthy ? { ok: true, reason: null } : { ok: false, reason: 'store not writable' }));
    const port = await server.listen(0, '127.0.0.1');
    const probe = (env: NodeJS.ProcessEnv) =>
      new Promise<number | null>((resolve) => {
        spawn(process.execPath, ['-e', script], { env: { PATH: process.env.PATH, ...env }, stdio: 'ignore' }).on('exit', (code) =>
          resolve(code),
        );
      });
    try {
      expect(await probe({ PORT: String(port) })).toBe(0);
      healthy = false;
      expect(await probe({ PORT: String(port) })).toBe(1);
    } finally {
      await server.close();
    }
    expect(await probe({ PORT: String(port) })).toBe(1);
  });
});

describe('docker-compose.yml', () => {
  const text = read('docker-compose.yml');
  // Parsed as Compose reads it: anchors and `<<` merge keys resolved.
  const compose = parseYaml(text, { merge: true }) as {
    services: Record<string, ComposeService>;
    volumes: Record<string, unknown>;
  };
  const services = compose.services;
  const expectedHealthcheck = () => healthcheckScript().replace("' + (process.env.PORT || 3000) + '", '3000');

  it('runs the image with an env file, the /data volume, a restart policy and the same health check', () => {
    const single = services.vendorwatch!;
    expect(single.profiles).toBeUndefined();
    expect(single.build).toBe('.');
    expect(single.env_file).toEqual(['.env']);
    expect(single.volumes).toContain('vendorwatch-data:/data');
    expect(Object.keys(compose.volumes)).toContain('vendorwatch-data');
    expect(single.restart).toBe('unless-stopped');
    expect(single.environment?.VENDORWATCH_DB).toBe('/data/vendorwatch.db');
    expect(single.healthcheck?.test.at(-1)).toBe(expectedHealthcheck());
    // Secrets are never written into the compose file itself.
    expect(text).not.toMatch(/^\s+(SLACK_BOT_TOKEN|SLACK_SIGNING_SECRET|MicrosoftAppPassword|SLACK_APP_TOKEN):/m);
  });

  it('has a "replicas" profile: PostgreSQL and two replicas sharing it, each with its own name and port, hardened alike', () => {
    const inProfile = Object.entries(services).filter(([, service]) => service.profiles?.includes('replicas'));
    expect(inProfile.map(([name]) => name).sort()).toEqual(['postgres', 'vendorwatch-a', 'vendorwatch-b']);
    const postgres = services.postgres!;
    expect(postgres.image).toMatch(/^postgres:\d+/);
    expect(postgres.ports).toBeUndefined();
    expect(postgres.environment?.POSTGRES_PASSWORD).toBe('${POSTGRES_PASSWORD:-}');
    expect(postgres.healthcheck?.test.join(' ')).toContain('pg_isready');

    const replicas = [services['vendorwatch-a']!, services['vendorwatch-b']!];
    const ids = replicas.map((replica) => replica.environment?.VENDORWATCH_REPLICA_ID);
    expect(new Set(ids).size).toBe(2);
    for (const replica of replicas) {
      // One database for both, its password from .env only.
      expect(replica.environment?.VENDORWATCH_DB).toBe('postgres://vendorwatch:${POSTGRES_PASSWORD:-}@postgres:5432/vendorwatch');
      expect(replica.depends_on?.postgres?.condition).toBe('service_healthy');
      expect(replica.env_file).toEqual(['.env']);
      expect(replica.read_only).toBe(true);
      expect(replica.cap_drop).toEqual(['ALL']);
      expect(replica.healthcheck?.test.at(-1)).toBe(expectedHealthcheck());
      expect(replica.volumes).toBeUndefined();
    }
    const published = replicas.flatMap((replica) => replica.ports ?? []);
    expect(published).toHaveLength(2);
    expect(new Set(published).size).toBe(2);
    expect(published.every((port) => port.startsWith('127.0.0.1:'))).toBe(true);
  });
});

interface ComposeService {
  profiles?: string[];
  build?: string;
  image?: string;
  env_file?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
  ports?: string[];
  restart?: string;
  read_only?: boolean;
  cap_drop?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
}
