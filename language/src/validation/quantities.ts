import type { Quantity } from '../generated/ast.js';
import { type Dimension, toCanonical } from '../../../simulator/index.js';

/** A quantity in its dimension's canonical unit (days, mg, L, fraction, fold …). */
export interface Measured {
    readonly value: number;
    /** undefined for a bare number. */
    readonly dimension: Dimension | undefined;
}

/** The quantity in canonical units, or undefined when it is missing, partial or has an unknown unit. */
export function measure(q: Quantity | undefined): Measured | undefined {
    if (!q || typeof q.value !== 'number' || !Number.isFinite(q.value)) return undefined;
    if (q.fold) return { value: q.value, dimension: 'fold' };
    if (!q.unit) return { value: q.value, dimension: undefined };
    // The compiler converts with the same function (simulator/units.ts), so both see the same number.
    return toCanonical(q.value, q.unit);
}

/** Canonical value if the quantity has (or, bare, may stand for) the dimension. */
export function valueAs(q: Quantity | undefined, dimension: Dimension): number | undefined {
    const m = measure(q);
    if (!m) return undefined;
    if (m.dimension === dimension) return m.value;
    if (m.dimension === undefined && (dimension === 'fraction' || dimension === 'fold')) return m.value;
    return undefined;
}

/** Days, when the quantity is a valid time. */
export function days(q: Quantity | undefined): number | undefined {
    return valueAs(q, 'time');
}

/** "2 years", "18 months", "40 days" (one implementation, the engine's: the report formats times the same way). */
export { formatDays } from '../../../simulator/index.js';

/** The quantity as written: "5 mg", "x 4". */
export function quantityText(q: Quantity): string {
    if (q.$cstNode) return q.$cstNode.text;
    return q.fold ? `x ${q.value}` : q.unit ? `${q.value} ${q.unit}` : `${q.value}`;
}
