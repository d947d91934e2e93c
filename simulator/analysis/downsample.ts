import { MAX_CURVE_POINTS } from './analysis-plan.js';

/** Indices of at most `max` samples spread evenly over `n`, always the first and the last. */
export function downsampleIndices(n: number, max = MAX_CURVE_POINTS): number[] {
    if (n <= max) return Array.from({ length: n }, (_, i) => i);
    return Array.from({ length: max }, (_, k) => Math.round(k * (n - 1) / (max - 1)));
}

export function pick<T>(values: readonly T[], indices: readonly number[]): T[] {
    return indices.map(i => values[i]);
}
