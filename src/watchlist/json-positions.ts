// Where each vendor of a JSON watchlist starts, and where each of its fields is, so that a problem can name a line.
// Runs only on text that JSON.parse accepted, so it can skip values without validating them.

export interface EntryPosition {
  line: number;
  fields: Map<string, number>;
}

export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 0x0a) line++;
  return line;
}

/** Positions of the entries of a top-level JSON array (empty when the top level is not an array). */
export function locateArrayEntries(text: string): EntryPosition[] {
  const lineStarts: number[] = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 0x0a) lineStarts.push(i + 1);
  const lineOf = (offset: number): number => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((lineStarts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };

  let i = 0;
  const skipSpace = (): void => {
    while (i < text.length && /\s/.test(text.charAt(i))) i++;
  };
  const readString = (): string => {
    const start = i;
    i++;
    while (i < text.length && text.charAt(i) !== '"') i += text.charAt(i) === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const skipValue = (): void => {
    skipSpace();
    const ch = text.charAt(i);
    if (ch === '"') {
      readString();
    } else if (ch === '{' || ch === '[') {
      const close = ch === '{' ? '}' : ']';
      i++;
      skipSpace();
      if (text.charAt(i) === close) {
        i++;
        return;
      }
      for (;;) {
        if (close === '}') {
          skipSpace();
          readString();
          skipSpace();
          i++; // ':'
        }
        skipValue();
        skipSpace();
        if (text.charAt(i) === ',') {
          i++;
          continue;
        }
        i++; // close
        return;
      }
    } else {
      while (i < text.length && /[^\s,\]}]/.test(text.charAt(i))) i++;
    }
  };

  const entries: EntryPosition[] = [];
  skipSpace();
  if (text.charAt(i) === '\ufeff') i++;
  skipSpace();
  if (text.charAt(i) !== '[') return entries;
  i++;
  skipSpace();
  if (text.charAt(i) === ']') return entries;
  for (;;) {
    skipSpace();
    const entry: EntryPosition = { line: lineOf(i), fields: new Map() };
    entries.push(entry);
    if (text.charAt(i) === '{') {
      i++;
      skipSpace();
      if (text.charAt(i) === '}') {
        i++;
      } else {
        for (;;) {
          skipSpace();
          const keyLine = lineOf(i);
          const key = readString();
          if (!entry.fields.has(key)) entry.fields.set(key, keyLine);
          skipSpace();
          i++; // ':'
          skipValue();
          skipSpace();
          if (text.charAt(i) === ',') {
            i++;
            continue;
          }
          i++; // '}'
          break;
        }
      }
    } else {
      skipValue();
    }
    skipSpace();
    if (text.charAt(i) === ',') {
      i++;
      continue;
    }
    break;
  }
  return entries;
}

/**
 * Offset of the first syntax error in JSON text, for messages that do not carry one (V8 reports "Unexpected
 * token" without a position). Null when the scan finds none.
 */
export function findJsonErrorOffset(text: string): number | null {
  let i = 0;
  const fail = (): never => {
    throw new JsonSyntaxAt(i);
  };
  const space = (): void => {
    while (i < text.length && ' \t\r\n\ufeff'.includes(text.charAt(i))) i++;
  };
  const literal = (word: string): void => {
    if (text.startsWith(word, i)) i += word.length;
    else fail();
  };
  const string = (): void => {
    if (text.charAt(i) !== '"') fail();
    i++;
    while (i < text.length && text.charAt(i) !== '"') {
      if (text.charCodeAt(i) < 0x20) fail();
      i += text.charAt(i) === '\\' ? 2 : 1;
    }
    if (i >= text.length) fail();
    i++;
  };
  const value = (): void => {
    space();
    const ch = text.charAt(i);
    if (ch === '{') {
      i++;
      space();
      if (text.charAt(i) === '}') {
        i++;
        return;
      }
      for (;;) {
        space();
        string();
        space();
        if (text.charAt(i) !== ':') fail();
        i++;
        value();
        space();
        if (text.charAt(i) === ',') i++;
        else if (text.charAt(i) === '}') {
          i++;
          return;
        } else fail();
      }
    } else if (ch === '[') {
      i++;
      space();
      if (text.charAt(i) === ']') {
        i++;
        return;
      }
      for (;;) {
        value();
        space();
        if (text.charAt(i) === ',') i++;
        else if (text.charAt(i) === ']') {
          i++;
          return;
        } else fail();
      }
    } else if (ch === '"') {
      string();
    } else if (ch === 't') literal('true');
    else if (ch === 'f') literal('false');
    else if (ch === 'n') literal('null');
    else {
      const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
      if (!m) fail();
      i += (m as RegExpExecArray)[0].length;
    }
  };
  try {
    value();
    space();
    if (i < text.length) fail();
    return null;
  } catch (error) {
    if (error instanceof JsonSyntaxAt) return error.offset;
    throw error;
  }
}

class JsonSyntaxAt extends Error {
  constructor(readonly offset: number) {
    super(`JSON syntax error at ${offset}`);
  }
}
