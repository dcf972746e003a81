import type { BenchContext, Figure } from './harness.js';
export async function runPollCycleBench(_context: BenchContext): Promise<Figure[]> { return []; }
