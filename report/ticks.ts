/** Axis ticks at 1-2-5 steps, as a reader would place them by hand. */

export function niceTicks(min: number, max: number, count = 5): number[] {
    if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
    if (min === max) {
        const pad = Math.abs(min) > 0 ? Math.abs(min) * 0.1 : 1;
        min -= pad;
        max += pad;
    }
    const step = niceStep((max - min) / Math.max(1, count));
    const first = Math.ceil(min / step - 1e-9) * step;
    const ticks: number[] = [];
    for (let v = first; v <= max + step * 1e-9; v += step) ticks.push(Math.abs(v) < step * 1e-9 ? 0 : Number(v.toPrecision(12)));
    return ticks;
}

export function niceStep(rough: number): number {
    const exponent = Math.floor(Math.log10(rough));
    const base = rough / 10 ** exponent;
    const nice = base <= 1 ? 1 : base <= 2 ? 2 : base <= 5 ? 5 : 10;
    return nice * 10 ** exponent;
}

/** Powers of ten covering [min, max] for a log axis (min > 0). */
export function logTicks(min: number, max: number): number[] {
    const ticks: number[] = [];
    for (let e = Math.floor(Math.log10(min)); e <= Math.ceil(Math.log10(max)); e++) ticks.push(10 ** e);
    return ticks;
}

/** The data range padded by 5 % so lines do not touch the frame. */
export function paddedRange(values: Iterable<number | null>, log: boolean): [number, number] | undefined {
    let lo = Infinity, hi = -Infinity;
    for (const v of values) {
        if (v === null || !Number.isFinite(v) || (log && v <= 0)) continue;
        if (v < lo) lo = v;
        if (v > hi) hi = v;
    }
    if (lo > hi) return undefined;
    if (log) return lo === hi ? [lo / 2, hi * 2] : [lo / 1.15, hi * 1.15];
    const pad = (hi - lo) * 0.05 || Math.abs(hi) * 0.05 || 1;
    return [lo - pad, hi + pad];
}
