/**
 * Min/max decimation over a shared time axis: every bucket keeps, for every series, the samples
 * where that series is lowest and highest. Peaks (a dose's Cmax, a BMD nadir) survive, which
 * averaging or stride sampling would lose, and all series keep one common x array for the chart.
 */

/** Indices (ascending) of the samples to keep so that at most about `maxPoints` remain. */
export function decimationIndices(length: number, series: readonly (readonly (number | null)[])[], maxPoints: number): number[] {
    if (length <= maxPoints || length <= 2) return Array.from({ length }, (_, i) => i);
    const perBucket = 2 * Math.max(1, series.length);
    const buckets = Math.max(1, Math.floor((maxPoints - 2) / perBucket));
    const keep = new Set<number>([0, length - 1]);
    const span = (length - 2) / buckets;
    for (let b = 0; b < buckets; b++) {
        const start = 1 + Math.floor(b * span);
        const end = Math.min(length - 1, 1 + Math.floor((b + 1) * span));
        if (start >= end) continue;
        for (const values of series) {
            let lo = -1, hi = -1;
            for (let i = start; i < end; i++) {
                const v = values[i];
                if (v === null || !Number.isFinite(v)) continue;
                if (lo < 0 || v < (values[lo] as number)) lo = i;
                if (hi < 0 || v > (values[hi] as number)) hi = i;
            }
            if (lo >= 0) keep.add(lo);
            if (hi >= 0) keep.add(hi);
        }
        // A bucket where every series is empty still keeps one sample, so gaps stay visible.
        if (series.length === 0) keep.add(start);
    }
    return [...keep].sort((a, b) => a - b);
}

export function pick<T>(values: readonly T[], indices: readonly number[]): T[] {
    return indices.map(i => values[i]);
}
