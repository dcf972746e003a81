// Aho-Corasick over UTF-16 codes. Built once per watchlist, it finds every pattern in one pass over the text,
// whatever the number of patterns. Everything lives in typed arrays, from the first trie node on: 10,000 vendors
// make about 200,000 states, and a Map or an array of numbers per state cost tens of megabytes while building.
//
// The alphabet is compressed to the codes the patterns use (any other code sends the automaton back to the root).
// States are numbered breadth-first, so the shallow states, where a scan spends nearly all its time, are the
// first ones: they get complete rows of the compressed alphabet (a DFA step, one lookup per character), the
// deeper ones a short sorted edge list and their failure link. No strings are created while searching.

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

/**
 * Entries of complete transition rows (4 bytes each): 4 MB whatever the watchlist size. At 10,000 vendors that is
 * the first ~25,000 states, where nearly every character of a scan lands; four times as many scanned no faster
 * (the bigger table falls out of the CPU cache) and cost 12 MB more.
 */
const DENSE_BUDGET = 1024 * 1024;
const NONE = -1;

export interface AutomatonOptions {
  /** Entries of complete transition rows; the rest of the states use edge lists. */
  denseBudget?: number;
}

interface Alphabet {
  /** Symbol of each UTF-16 code; 0 means "in no pattern". Symbols follow code order. */
  symbolOf: Uint16Array;
  /** Symbols in use, 0 included. */
  size: number;
}

function compressAlphabet(patterns: readonly string[]): Alphabet {
  const used = new Uint8Array(65536);
  for (const pattern of patterns) for (let i = 0; i < pattern.length; i++) used[pattern.charCodeAt(i)] = 1;
  const symbolOf = new Uint16Array(65536);
  let size = 1;
  for (let code = 0; code < 65536; code++) if (used[code]) symbolOf[code] = size++;
  return { symbolOf, size };
}

/** The trie as first-child / next-sibling lists, in insertion order (state 0 is the root). */
interface Trie {
  count: number;
  firstChild: Int32Array;
  nextSibling: Int32Array;
  /** Symbol on the edge into each state. */
  symbol: Uint16Array;
  /** Index of the pattern ending at each state, or NONE. */
  output: Int32Array;
}

/**
 * Inserts the patterns in sorted order, so each one shares a prefix with the one before and siblings arrive in
 * ascending symbol order: every child list is sorted without sorting it.
 */
function buildTrie(patterns: readonly string[], alphabet: Alphabet): Trie {
  let capacity = 1;
  let longest = 0;
  for (const pattern of patterns) {
    capacity += pattern.length;
    longest = Math.max(longest, pattern.length);
  }
  const firstChild = new Int32Array(capacity).fill(NONE);
  const nextSibling = new Int32Array(capacity).fill(NONE);
  const lastChild = new Int32Array(capacity).fill(NONE);
  const symbol = new Uint16Array(capacity);
  const output = new Int32Array(capacity).fill(NONE);
  let count = 1;

  // Stable sort of indices by pattern: of equal patterns the first index wins, as it would inserted in order.
  const order = Array.from(patterns.keys()).sort((a, b) => {
    const x = patterns[a] as string;
    const y = patterns[b] as string;
    return x < y ? -1 : x > y ? 1 : 0;
  });
  const path = new Int32Array(longest + 1); // path[d]: the state after d codes of the previous pattern
  let previous = '';
  for (const index of order) {
    const pattern = patterns[index] as string;
    if (pattern.length === 0) continue;
    let shared = 0;
    while (shared < pattern.length && shared < previous.length && pattern.charCodeAt(shared) === previous.charCodeAt(shared)) shared++;
    let state = path[shared] as number;
    for (let d = shared; d < pattern.length; d++) {
      const next = count++;
      symbol[next] = alphabet.symbolOf[pattern.charCodeAt(d)] as number;
      if (lastChild[state] === NONE) firstChild[state] = next;
      else nextSibling[lastChild[state] as number] = next;
      lastChild[state] = next;
      state = next;
      path[d + 1] = next;
    }
    if (output[state] === NONE) output[state] = index;
    previous = pattern;
  }
  return { count, firstChild, nextSibling, symbol, output };
}

/** The trie's states in breadth-first order: position k holds the trie state that becomes state k. */
function breadthFirst(trie: Trie): Int32Array {
  const order = new Int32Array(trie.count);
  let tail = 1;
  for (let head = 0; head < tail; head++) {
    for (let child = trie.firstChild[order[head] as number] as number; child !== NONE; child = trie.nextSibling[child] as number)
      order[tail++] = child;
  }
  return order;
}

export function buildAutomaton(patterns: readonly string[], options: AutomatonOptions = {}): Automaton {
  const alphabet = compressAlphabet(patterns);
  const symbolCount = alphabet.size;
  const trie = buildTrie(patterns, alphabet);
  const stateCount = trie.count;

  // Renumber breadth-first. Children of a state stay consecutive and sorted, so a state's edges are a range.
  const bfs = breadthFirst(trie);
  const edgeStart = new Int32Array(stateCount + 1);
  const edgeSymbol = new Uint16Array(Math.max(0, stateCount - 1));
  const outputs = new Int32Array(stateCount);
  let edges = 0;
  for (let k = 0; k < stateCount; k++) {
    const old = bfs[k] as number;
    edgeStart[k] = edges;
    outputs[k] = trie.output[old] as number;
    for (let child = trie.firstChild[old] as number; child !== NONE; child = trie.nextSibling[child] as number) {
      edgeSymbol[edges++] = trie.symbol[child] as number;
    }
  }
  edgeStart[stateCount] = edges;
  // Breadth-first numbering makes the children of state k the states edgeStart[k] + 1 … edgeStart[k + 1]:
  // the target of edge e is e + 1, so no array of targets is needed.

  /** Child of `state` on `symbol`, or NONE. */
  const child = (state: number, symbol: number): number => {
    const to = edgeStart[state + 1] as number;
    for (let e = edgeStart[state] as number; e < to; e++) {
      const s = edgeSymbol[e] as number;
      if (s === symbol) return e + 1;
      if (s > symbol) return NONE;
    }
    return NONE;
  };

  // Failure links, breadth-first: a state's failure target is shallower, so it is final when needed.
  const fail = new Int32Array(stateCount);
  const outLink = new Int32Array(stateCount).fill(NONE);
  for (let state = 0; state < stateCount; state++) {
    const to = edgeStart[state + 1] as number;
    for (let e = edgeStart[state] as number; e < to; e++) {
      const next = e + 1;
      const symbol = edgeSymbol[e] as number;
      let target = 0;
      if (state !== 0) {
        let f = fail[state] as number;
        while (f !== 0 && child(f, symbol) === NONE) f = fail[f] as number;
        const found = child(f, symbol);
        target = found !== NONE && found !== next ? found : 0;
      }
      fail[next] = target;
      outLink[next] = outputs[target] !== NONE ? target : (outLink[target] as number);
    }
  }

  // Complete rows for the first (shallowest) states, failure transitions folded in. A state's failure target is
  // shallower, so its row is complete before this one copies it.
  const denseCount = Math.min(stateCount, Math.max(1, Math.floor((options.denseBudget ?? DENSE_BUDGET) / symbolCount)));
  const dense = new Int32Array(denseCount * symbolCount);
  for (let state = 0; state < denseCount; state++) {
    const base = state * symbolCount;
    if (state !== 0) {
      const failBase = (fail[state] as number) * symbolCount;
      dense.copyWithin(base, failBase, failBase + symbolCount);
    }
    const to = edgeStart[state + 1] as number;
    for (let e = edgeStart[state] as number; e < to; e++) dense[base + (edgeSymbol[e] as number)] = e + 1;
  }
  const lengths = Int32Array.from(patterns, (p) => p.length);
  // Every output of a state ends with the symbol that entered it, so after any other symbol there is nothing to
  // report: with the matcher's space-bounded patterns that skips the output lookups on every letter.
  const endsPattern = new Uint8Array(symbolCount);
  for (const pattern of patterns) {
    if (pattern.length > 0) endsPattern[alphabet.symbolOf[pattern.charCodeAt(pattern.length - 1)] as number] = 1;
  }

  return new Scanner({
    symbolOf: alphabet.symbolOf,
    symbolCount,
    denseCount,
    dense,
    edgeStart,
    edgeSymbol,
    fail,
    outputs,
    outLink,
    lengths,
    endsPattern,
    patternCount: patterns.length,
    stateCount,
  });
}

interface Tables {
  symbolOf: Uint16Array;
  symbolCount: number;
  /** States below this have a complete row in `dense`. */
  denseCount: number;
  dense: Int32Array;
  edgeStart: Int32Array;
  edgeSymbol: Uint16Array;
  fail: Int32Array;
  outputs: Int32Array;
  outLink: Int32Array;
  lengths: Int32Array;
  /** 1 for the symbols some pattern ends with. */
  endsPattern: Uint8Array;
  patternCount: number;
  stateCount: number;
}

/**
 * The search over finished tables. A class of its own, so it keeps nothing of the build; and a class rather than
 * closures, so every automaton runs the same `scan` on the prototype: closures per automaton had V8 specialise the
 * optimised scan to the first automaton's tables and compile it again for each one built after.
 */
class Scanner implements Automaton {
  // All set in the constructor, in this order: one shape for every automaton.
  readonly patternCount: number;
  readonly stateCount: number;
  private readonly symbolOf: Uint16Array;
  private readonly symbolCount: number;
  /** States below this have a complete row in `dense`. */
  private readonly denseCount: number;
  private readonly dense: Int32Array;
  private readonly edgeStart: Int32Array;
  private readonly edgeSymbol: Uint16Array;
  private readonly fail: Int32Array;
  private readonly outputs: Int32Array;
  private readonly outLink: Int32Array;
  private readonly lengths: Int32Array;
  private readonly endsPattern: Uint8Array;

  constructor(tables: Tables) {
    this.patternCount = tables.patternCount;
    this.stateCount = tables.stateCount;
    this.symbolOf = tables.symbolOf;
    this.symbolCount = tables.symbolCount;
    this.denseCount = tables.denseCount;
    this.dense = tables.dense;
    this.edgeStart = tables.edgeStart;
    this.edgeSymbol = tables.edgeSymbol;
    this.fail = tables.fail;
    this.outputs = tables.outputs;
    this.outLink = tables.outLink;
    this.lengths = tables.lengths;
    this.endsPattern = tables.endsPattern;
  }

  /** Transition from a state without a complete row: its own edges, else its failure target's. */
  private step(state: number, symbol: number): number {
    const { denseCount, dense, symbolCount, edgeStart, edgeSymbol, fail } = this;
    let current = state;
    for (;;) {
      if (current < denseCount) return dense[current * symbolCount + symbol] as number;
      const to = edgeStart[current + 1] as number;
      for (let e = edgeStart[current] as number; e < to; e++) {
        const s = edgeSymbol[e] as number;
        if (s === symbol) return e + 1;
        if (s > symbol) break;
      }
      current = fail[current] as number;
    }
  }

  scan(codes: Uint16Array, length = codes.length): MatchList {
    const { symbolOf, symbolCount, denseCount, dense, outputs, outLink, lengths, endsPattern } = this;
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
      state = state < denseCount ? (dense[state * symbolCount + symbol] as number) : this.step(state, symbol);
      if (endsPattern[symbol] === 0) continue;
      let hit = outputs[state] !== NONE ? state : (outLink[state] as number);
      while (hit > 0) {
        if (count === capacity) {
          capacity *= 2;
          pattern = grow(pattern, capacity);
          start = grow(start, capacity);
          end = grow(end, capacity);
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

  findAll(codes: Uint16Array, length = codes.length): AutomatonMatch[] {
    const list = this.scan(codes, length);
    const out: AutomatonMatch[] = [];
    for (let k = 0; k < list.count; k++) {
      out.push({ pattern: list.pattern[k] as number, start: list.start[k] as number, end: list.end[k] as number });
    }
    return out;
  }
}

function grow(array: Int32Array, capacity: number): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(capacity);
  bigger.set(array);
  return bigger;
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
