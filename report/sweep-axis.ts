/**
 * One axis of a sweep: numbers (a dose, a start time, a parameter value) are sorted and placed by
 * value; names (severities) keep the order the sweep listed them in and sit at equal spacing.
 */
import { formatTicks } from './format.js';

export interface SweepAxis {
    /** Indices into the sweep's `values`, in axis order. */
    readonly order: number[];
    /** Where each entry of `order` sits: its value, or its index for names. */
    readonly positions: number[];
    readonly labels: string[];
    readonly categorical: boolean;
}

export function sweepAxis(values: readonly (number | string)[]): SweepAxis | string {
    if (values.length === 0) return 'it has no values';
    if (values.some(v => typeof v === 'string')) {
        if (!values.every(v => typeof v === 'string')) return 'its values mix numbers and names';
        return { order: values.map((_, i) => i), positions: values.map((_, i) => i), labels: values.map(String), categorical: true };
    }
    const numbers = values as number[];
    if (!numbers.every(Number.isFinite)) return 'a swept value is not a finite number';
    const order = numbers.map((_, i) => i).sort((a, b) => numbers[a] - numbers[b] || a - b);
    const positions = order.map(i => numbers[i]);
    return { order, positions, labels: formatTicks(positions), categorical: false };
}

/** Positive values spanning at least a factor of 20 (doses 1, 3, 10, 30 mg): a log axis spreads them as chosen. */
export function isLogSpaced(axis: SweepAxis): boolean {
    const p = axis.positions;
    if (axis.categorical || p.length < 3 || p.some(v => !(v > 0))) return false;
    return p[p.length - 1] / p[0] >= 20;
}
