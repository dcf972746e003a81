// VENDORWATCH_FULL_TEXT (auto by default, always, off) and a feed's own `fullText`, in a feeds file or the config
// file's feeds; a wrong value is named with the choices.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/load-config.js';
import { parseFeedsSetting } from '../../src/feeds/feeds-setting.js';

const cwd = mkdtempSync(join(tmpdir(), 'vw-fulltext-config-'));

function problemsOf(env: NodeJS.ProcessEnv): { field: string; message: string }[] {
  try {
    loadConfig(env, { cwd });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('full-text settings', () => {
  it('defaults to auto, takes always and off in any case, and names a wrong value with the choices', () => {
    expect(loadConfig({}, { cwd }).fullText).toBe('auto');
    expect(loadConfig({ VENDORWATCH_FULL_TEXT: 'Always' }, { cwd }).fullText).toBe('always');
    expect(loadConfig({ VENDORWATCH_FULL_TEXT: ' off ' }, { cwd }).fullText).toBe('off');
    expect(problemsOf({ VENDORWATCH_FULL_TEXT: 'yes' })).toEqual([
      { field: 'VENDORWATCH_FULL_TEXT', message: expect.stringMatching(/^expected one of auto, always, off/) },
    ]);
  });

  it("reads a feed's own fullText from a feeds file, and names a wrong one", () => {
    const file = join(cwd, 'feeds.json');
    writeFileSync(
      file,
      JSON.stringify([{ name: 'Teasers', url: 'https://teasers.example/rss', fullText: 'always' }, 'https://plain.example/rss']),
    );
    expect(parseFeedsSetting(file, (path) => readText(path))).toEqual([
      { name: 'Teasers', url: 'https://teasers.example/rss', tags: [], fullText: 'always' },
      { name: 'plain.example', url: 'https://plain.example/rss', tags: [] },
    ]);
    writeFileSync(file, JSON.stringify([{ url: 'https://teasers.example/rss', fullText: 'sometimes' }]));
    expect(() => parseFeedsSetting(file, (path) => readText(path))).toThrow(
      /entry 1 of .*feeds\.json: "fullText" must be one of auto, always, off \(got "sometimes"\)/,
    );
    writeFileSync(file, JSON.stringify([{ url: 'https://teasers.example/rss', full_text: 'off' }]));
    expect(() => parseFeedsSetting(file, (path) => readText(path))).toThrow(
      /unknown field\(s\) "full_text"; the fields are "name", "url", "tags" and "fullText"/,
    );
  });

  it("reads a feed's own fullText from the config file's feeds", () => {
    const configFile = join(cwd, 'vendorwatch.config.json');
    writeFileSync(configFile, JSON.stringify({ feeds: [{ name: 'Teasers', url: 'https://teasers.example/rss', fullText: 'off' }] }));
    const config = loadConfig({ VENDORWATCH_CONFIG: configFile }, { cwd });
    expect(config.feeds).toEqual([{ name: 'Teasers', url: 'https://teasers.example/rss', tags: [], fullText: 'off' }]);
    writeFileSync(configFile, JSON.stringify({ feeds: [{ url: 'https://teasers.example/rss', fullText: 'never' }] }));
    expect(problemsOf({ VENDORWATCH_CONFIG: configFile })).toEqual([
      { field: `${configFile}: feeds.0.fullText`, message: 'expected one of auto, always, off' },
    ]);
  });
});

function readText(path: string): string {
  return readFileSync(path, 'utf8');
}
