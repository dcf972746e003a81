// A body that is not the format its source type promises. It is a FeedParseError, so feed health records it the
// way it records a broken RSS feed: one line, naming the source and what was wrong.

import type { z } from 'zod';
import { FeedParseError } from '../feeds/parse-feed.js';
import { cleanLine } from './source-text.js';

export class SourceFormatError extends FeedParseError {
  constructor(source: string, message: string) {
    super(cleanLine(`${source}: ${message}`, 500));
    this.name = 'SourceFormatError';
  }
}

/** Zod issues as `"field.path": message`, the first few only, so an error names the field that was wrong. */
export function describeIssues(error: z.ZodError, max = 3): string {
  const parts = error.issues.slice(0, max).map((issue) => {
    const path = issue.path.map(String).join('.');
    return path.length > 0 ? `"${cleanLine(path, 80)}": ${issue.message}` : issue.message;
  });
  const more = error.issues.length > max ? ` (and ${error.issues.length - max} more)` : '';
  return `${parts.join('; ')}${more}`;
}
