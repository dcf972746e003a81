// docs/SECURITY.md points at the tests that show each defence. A renamed or deleted test must not leave the page
// pointing at nothing: every `test/….test.ts` file it names must exist and hold every "name" quoted after it.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const page = readFileSync(join(root, 'docs', 'SECURITY.md'), 'utf8');

/** `file` › "name" › "name" … as the page writes them; quotes inside a name are written \". */
function references(): { file: string; names: string[] }[] {
  const found: { file: string; names: string[] }[] = [];
  const pattern = /`(test\/[\w./-]+\.test\.ts)`((?:\s*›\s*"(?:[^"\\]|\\.)+")*)/g;
  for (const match of page.matchAll(pattern)) {
    const names = [...(match[2] ?? '').matchAll(/"((?:[^"\\]|\\.)+)"/g)].map((name) => (name[1] ?? '').replace(/\\"/g, '"'));
    found.push({ file: match[1] ?? '', names });
  }
  return found;
}

describe('docs/SECURITY.md', () => {
  it('names test files that exist and test names they hold', () => {
    const refs = references();
    expect(refs.length).toBeGreaterThan(40);
    const missing: string[] = [];
    for (const { file, names } of refs) {
      const path = join(root, file);
      if (!existsSync(path)) {
        missing.push(`${file} (no such file)`);
        continue;
      }
      // Test names may be written with either quote style, and with \' escapes, in the source.
      const source = readFileSync(path, 'utf8').replace(/\\'/g, "'").replace(/\\"/g, '"');
      for (const name of names) if (!source.includes(name)) missing.push(`${file} › "${name}"`);
    }
    expect(missing).toEqual([]);
  });

  it('has a row for each of the eight threats of issue 9 and the summary counts', () => {
    for (const heading of [
      '## 1. Hostile feed servers',
      '## 2. Server-side request forgery',
      '## 3. Hostile content',
      '## 4. Hostile chat input',
      '## 5. Access control',
      '## 6. Platform faults',
      '## 7. Store faults',
      '## 8. Watchlist input',
      '## Summary',
    ]) {
      expect(page).toContain(heading);
    }
    expect(page).toMatch(/\| \*\*total\*\* \| \*\*\d+\*\* \| \*\*\d+\*\* \| \*\*\d+\*\* \| \*\*0\*\* \| \*\*0\*\* \|/);
  });
});
