import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AlertView } from '../../../src/core/chat.js';

const fixtures = join(import.meta.dirname, '..', 'fixtures');

/** An activity fixture with its `{{NAME}}` placeholders filled in (values are JSON-escaped). */
export function loadActivity(name: string, vars: Record<string, string>): Record<string, unknown> {
  const text = readFileSync(join(fixtures, 'activities', `${name}.json`), 'utf8').replace(/\{\{([A-Z_]+)\}\}/g, (whole, key: string) => {
    const value = vars[key];
    return value === undefined ? whole : JSON.stringify(value).slice(1, -1);
  });
  return JSON.parse(text) as Record<string, unknown>;
}

export function loadAlert(name: string): AlertView {
  return JSON.parse(readFileSync(join(fixtures, `${name}.json`), 'utf8')) as AlertView;
}
