/**
 * Dose times of one `give` (docs/language.md §3.4): a dose at `from`, then one every interval while
 * the time is before `until` and within the horizon. Times are computed as from + k·interval, not by
 * repeated addition, so "every 6 months until 2 years" lands exactly on 0, 182.625, ..., 547.875.
 */
export function doseTimes(fromDays: number, untilDays: number, intervalDays: number | undefined, durationDays: number): number[] {
    const eps = 1e-9 * Math.max(1, durationDays);
    const times: number[] = [];
    for (let k = 0; ; k++) {
        const t = fromDays + k * (intervalDays ?? 0);
        if (t >= untilDays - eps || t > durationDays + eps) break;
        times.push(t);
        if (intervalDays === undefined) break;
    }
    return times;
}

/** The output grid: 0, step, 2·step, ... and always the end (without a near-duplicate before it). */
export function sampleGrid(durationDays: number, stepDays: number): number[] {
    const times: number[] = [];
    const n = Math.floor(durationDays / stepDays + 1e-9);
    for (let k = 0; k <= n; k++) times.push(k * stepDays);
    const last = times[times.length - 1];
    if (durationDays - last > 1e-9 * Math.max(1, durationDays)) times.push(durationDays);
    else times[times.length - 1] = durationDays;
    return times;
}
