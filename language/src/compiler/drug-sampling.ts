/**
 * Output times for drug concentrations (docs/language.md "Charts"): a drug given every 12 h and sampled
 * daily would alias into a flat line, so concentrations get their own samples that follow the doses.
 *
 * Rule: for every dose, SAMPLES_PER_INTERVAL points from the dose time across the interval to the next
 * dose of the same drug (the last dose of a series uses the previous interval; a single dose uses the
 * output grid's step), whenever the output grid has fewer than SAMPLES_PER_INTERVAL samples in that
 * interval. Beyond MAX_DRUG_SAMPLES extra points per arm, fewer per interval (never fewer than 2).
 * The regular grid and every other series are unchanged.
 */
import type { DoseEvent } from '../../../simulator/index.js';

export const SAMPLES_PER_INTERVAL = 8;
export const MAX_DRUG_SAMPLES = 20_000;

export function drugSampleTimes(doses: readonly DoseEvent[], durationDays: number, gridStepDays: number): number[] {
    const byDrug = new Map<string, number[]>();
    for (const d of doses) {
        if (!(d.timeDays >= 0) || d.timeDays > durationDays) continue;
        const list = byDrug.get(d.drug) ?? [];
        list.push(d.timeDays);
        byDrug.set(d.drug, list);
    }
    const windows: { start: number; width: number }[] = [];
    for (const times of byDrug.values()) {
        const sorted = [...new Set(times)].sort((a, b) => a - b);
        sorted.forEach((t, i) => {
            const width = i + 1 < sorted.length ? sorted[i + 1] - t : i > 0 ? t - sorted[i - 1] : gridStepDays;
            if (width > 0 && width < SAMPLES_PER_INTERVAL * gridStepDays) windows.push({ start: t, width });
        });
    }
    if (windows.length === 0) return [];
    const perInterval = Math.max(2, Math.min(SAMPLES_PER_INTERVAL, Math.floor(MAX_DRUG_SAMPLES / windows.length)));
    const points = new Set<number>();
    for (const { start, width } of windows) {
        for (let k = 0; k < perInterval; k++) {
            const t = start + (k * width) / perInterval;
            if (t <= durationDays) points.add(t);
        }
    }
    return [...points].sort((a, b) => a - b);
}
