// Aho-Corasick over UTF-16 codes. Built once per watchlist, it finds every pattern in one pass over the text,
// whatever the number of patterns. Transitions live in typed arrays: the alphabet is compressed to the codes the
// patterns use (any other code sends the automaton back to the root), busy states get a dense row of the
// compressed alphabet, the rest a short sorted edge list. No strings are created while searching.

export interface AutomatonMatch {
  /** Index of the pattern in the array given to `buildAutomaton`. */
  pattern: number;
  /** Offsets in the searched code array: [start, end). */
  start: number;
  end: number;
}

/** Matches packed in typed arrays: no object per match while scanning. */
export interface MatchList {
  count: number;
  pattern: Int32Array;
  start: Int32Array;
  end: Int32Array;
}

export interface Automaton {
  readonly patternCount: number;
  readonly stateCount: number;
  /** Like findAll, packed: the fast path for large texts. */
  scan(codes: Uint16Array, length?: number): MatchList;
  /** Every occurrence of every pattern, overlapping ones included, in order of end offset. */
  findAll(codes: Uint16Array, length?: number): AutomatonMatch[];
}

/** Entries of complete transition rows (4 bytes each): 16 MB whatever the watchlist size. */
const DENSE_BUDGET = 4 * 1024 * 1024;

export interface AutomatonOptions {
  /** Entries of complete transition rows; the rest of the states use edge lists. */
  denseBudget?: number;
}

export function buildAutomaton(patterns: readonly string[], options: AutomatonOptions = {}): Automaton {
  // Compressed alphabet: symbol 0 means "not in any pattern".
  const symbolOf = new Uint16Array(65536);
  let symbolCount = 1;
  for (const pattern of patterns) {
    for (let i = 0; i < pattern.length; i++) {
      const code = pattern.charCodeAt(i);
      if (symbolOf[code] === 0) symbolOf[code] = symbolCount++;
    }
  }

  // Trie while building: one Map keyed by state and symbol (not a Map per state: 10,000 vendors make half a
  // million states), plus per-state child lists for the breadth-first passes.
  const goto = new Map<number, number>();
  const childHead: number[] = [-1];
  const edgeNext: number[] = [];
  const edgeSym: number[] = [];
  const edgeTo: number[] = [];
  const output: number[] = [-1];
  patterns.forEach((pattern, index) => {
    if (pattern.length === 0) return;
    let state = 0;
    for (let i = 0; i < pattern.length; i++) {
      const symbol = symbolOf[pattern.charCodeAt(i)] as number;
      const key = state * symbolCount + symbol;
      let next = goto.get(key);
      if (next === undefined) {
        next = output.length;
        output.push(-1);
        childHead.push(-1);
        goto.set(key, next);
        edgeSym.push(symbol);
        edgeTo.push(next);
        edgeNext.push(childHead[state] as number);
        childHead[state] = edgeTo.length - 1;
      }
      state = next;
    }
    if (output[state] === -1) output[state] = index;
  });

  const stateCount = output.length;
  const fail = new Int32Array(stateCount);
  const outLink = new Int32Array(stateCount).fill(-1);
  const order: number[] = [];
  for (let e = childHead[0] as number; e >= 0; e = edgeNext[e] as number) order.push(edgeTo[e] as number);
  for (let head = 0; head < order.length; head++) {
    const state = order[head] as number;
    for (let e = childHead[state] as number; e >= 0; e = edgeNext[e] as number) {
      const symbol = edgeSym[e] as number;
      const next = edgeTo[e] as number;
      let f = fail[state] as number;
      while (f !== 0 && !goto.has(f * symbolCount + symbol)) f = fail[f] as number;
      const target = goto.get(f * symbolCount + symbol);
      fail[next] = target !== undefined && target !== next ? target : 0;
      const fs = fail[next] as number;
      outLink[next] = output[fs] !== -1 ? fs : (outLink[fs] as number);
      order.push(next);
    }
  }

  // Compact transitions. The shallow states, where a scan spends nearly all its time, get complete rows of the
  // compressed alphabet with failure transitions folded in (a DFA: one lookup per character). Deeper states keep
  // a short sorted edge list and fall back through failure links until they reach a dense state.
  const maxDenseRows = Math.max(1, Math.floor((options.denseBudget ?? DENSE_BUDGET) / symbolCount));
  const denseRow = new Int32Array(stateCount).fill(-1);
  const denseCount = Math.min(stateCount, maxDenseRows);
  denseRow[0] = 0;
  for (let k = 0; k < denseCount - 1; k++) denseRow[order[k] as number] = k + 1;
  const dense = new Int32Array(denseCount * symbolCount);
  // Breadth-first: a state's failure target is shallower, so its row is complete before this one is copied.
  for (let k = 0; k < denseCount; k++) {
    const state = k === 0 ? 0 : (order[k - 1] as number);
    const base = k * symbolCount;
    if (state !== 0) {
      const failBase = (denseRow[fail[state] as number] as number) * symbolCount;
      dense.copyWithin(base, failBase, failBase + symbolCount);
    }
    for (let e = childHead[state] as number; e >= 0; e = edgeNext[e] as number) dense[base + (edgeSym[e] as number)] = edgeTo[e] as number;
  }
  let edgeTotal = 0;
  for (let s = 0; s < stateCount; s++) {
    if ((denseRow[s] as number) >= 0) continue;
    for (let e = childHead[s] as number; e >= 0; e = edgeNext[e] as number) edgeTotal++;
  }
  const edgeStart = new Int32Array(stateCount + 1);
  const edgeSymbol = new Uint16Array(edgeTotal);
  const edgeTarget = new Int32Array(edgeTotal);
  let cursor = 0;
  const scratch: [number, number][] = [];
  for (let s = 0; s < stateCount; s++) {
    edgeStart[s] = cursor;
    if ((denseRow[s] as number) >= 0) continue;
    scratch.length = 0;
    for (let e = childHead[s] as number; e >= 0; e = edgeNext[e] as number) scratch.push([edgeSym[e] as number, edgeTo[e] as number]);
    if (scratch.length > 1) scratch.sort((x, y) => x[0] - y[0]);
    for (const [symbol, next] of scratch) {
      edgeSymbol[cursor] = symbol;
      edgeTarget[cursor] = next;
      cursor++;
    }
  }
  edgeStart[stateCount] = cursor;
  const outputs = Int32Array.from(output);
  const lengths = Int32Array.from(patterns.map((p) => p.length));
  goto.clear();

  /** Transition of a sparse state, or -1 when it has no edge for the symbol. */
  function sparseStep(state: number, symbol: number): number {
    const to = edgeStart[state + 1] as number;
    for (let e = edgeStart[state] as number; e < to; e++) {
      const s = edgeSymbol[e] as number;
      if (s === symbol) return edgeTarget[e] as number;
      if (s > symbol) return -1;
    }
    return -1;
  }

  function step(state: number, symbol: number): number {
    let current = state;
    for (;;) {
      const row = denseRow[current] as number;
      if (row >= 0) return dense[row * symbolCount + symbol] as number;
      const next = sparseStep(current, symbol);
      if (next >= 0) return next;
      current = fail[current] as number;
    }
  }

  return {
    patternCount: patterns.length,
    stateCount,
    scan,
    findAll(codes: Uint16Array, length = codes.length): AutomatonMatch[] {
      const list = scan(codes, length);
      const out: AutomatonMatch[] = [];
      for (let k = 0; k < list.count; k++) {
        out.push({ pattern: list.pattern[k] as number, start: list.start[k] as number, end: list.end[k] as number });
      }
      return out;
    },
  };

  function scan(codes: Uint16Array, length = codes.length): MatchList {
    let capacity = 64;
    let pattern = new Int32Array(capacity);
    let start = new Int32Array(capacity);
    let end = new Int32Array(capacity);
    let count = 0;
    let state = 0;
    for (let i = 0; i < length; i++) {
      const symbol = symbolOf[codes[i] as number] as number;
      if (symbol === 0) {
        state = 0;
        continue;
      }
      const row = denseRow[state] as number;
      state = row >= 0 ? (dense[row * symbolCount + symbol] as number) : step(state, symbol);
      let hit = outputs[state] !== -1 ? state : (outLink[state] as number);
      while (hit > 0) {
        if (count === capacity) {
          capacity *= 2;
          const p = new Int32Array(capacity);
          p.set(pattern);
          pattern = p;
          const s = new Int32Array(capacity);
          s.set(start);
          start = s;
          const e = new Int32Array(capacity);
          e.set(end);
          end = e;
        }
        const id = outputs[hit] as number;
        pattern[count] = id;
        start[count] = i + 1 - (lengths[id] as number);
        end[count] = i + 1;
        count++;
        hit = outLink[hit] as number;
      }
    }
    return { count, pattern, start, end };
  }
}

/**
 * Leftmost-longest selection among overlapping matches. `overlap` says how many codes two kept matches may share
 * (1 for patterns that carry their bounding spaces: one space ends a match and starts the next).
 */
export function selectLeftmostLongest<T extends { start: number; end: number }>(matches: readonly T[], overlap = 0): T[] {
  const sorted = [...matches].sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: T[] = [];
  let lastEnd = -Infinity;
  for (const match of sorted) {
    if (match.start >= lastEnd - overlap) {
      kept.push(match);
      lastEnd = match.end;
    }
  }
  return kept;
}
