import type { BenchContext, Figure } from './harness.js';
export async function runMemoryBench(_context: BenchContext): Promise<Figure[]> { return []; }
