import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|js|mjs)$/.test(name) ? [path] : [];
  });
}

const importsOf = (file: string): string[] =>
  [...readFileSync(file, 'utf8').matchAll(/(?:from\s+|import\s*\(\s*|require\(\s*)['"]([^'"]+)['"]/g)].map((m) => m[1]!);

describe('platform boundary', () => {
  it('the core under src/ never imports a platform SDK or an adapter', () => {
    const offenders = sourceFiles(join(root, 'src')).flatMap((file) =>
      importsOf(file)
        .filter((spec) => /^(@slack\/|botbuilder|botframework-)/.test(spec) || /(^|\/)adapters\//.test(spec))
        .map((spec) => `${relative(root, file)} imports ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it('only adapters/slack imports Slack packages and only adapters/teams imports botbuilder', () => {
    const offenders = sourceFiles(join(root, 'adapters')).flatMap((file) => {
      const rel = relative(root, file);
      return importsOf(file)
        .filter(
          (spec) =>
            (/^@slack\//.test(spec) && !rel.startsWith('adapters/slack/')) ||
            (/^(botbuilder|botframework-)/.test(spec) && !rel.startsWith('adapters/teams/')),
        )
        .map((spec) => `${rel} imports ${spec}`);
    });
    expect(offenders).toEqual([]);
  });
});
