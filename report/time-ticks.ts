/**
 * Time-axis ticks at whole calendar steps of the view's unit: days at 1, 2, 7, 14, 28; weeks at 1, 2, 4,
 * 13, 26, 52; months at 1, 3 (a quarter), 6, 12, 24; years at a quarter, a half, 1, 2, 5, 10. Never the
 * 0, 3, 5, 8, 10, 13 months that generic 1-2-5 steps give.
 */
import type { TimeScale } from './format.js';

const INCREMENTS: Record<TimeScale['unit'], number[]> = {
    days: [1, 2, 7, 14, 28, 56, 91, 182, 364],
    weeks: [1, 2, 4, 13, 26, 52, 104],
    months: [1, 3, 6, 12, 24, 36, 60, 120],
    years: [0.25, 0.5, 1, 2, 5, 10, 20, 25, 50, 100]
};

/** Allowed tick steps for a unit, ascending (uPlot's `incrs`). */
export function timeIncrements(unit: TimeScale['unit']): number[] {
    return INCREMENTS[unit].slice();
}

/** The smallest allowed step giving at most `maxTicks` intervals over [min, max]. */
export function timeStep(min: number, max: number, unit: TimeScale['unit'], maxTicks: number): number {
    const span = Math.max(max - min, 0);
    const steps = INCREMENTS[unit];
    return steps.find(s => span / s <= Math.max(1, maxTicks)) ?? steps[steps.length - 1] * Math.ceil(span / (steps[steps.length - 1] * maxTicks));
}

/** Ticks at multiples of the chosen step within [min, max]. */
export function timeTicks(min: number, max: number, unit: TimeScale['unit'], maxTicks = 6): number[] {
    if (!Number.isFinite(min) || !Number.isFinite(max) || max < min) return [];
    const step = timeStep(min, max, unit, maxTicks);
    const ticks: number[] = [];
    for (let k = Math.ceil(min / step - 1e-9); k * step <= max + step * 1e-9; k++) ticks.push(Number((k * step).toPrecision(12)));
    return ticks;
}
