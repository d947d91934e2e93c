/**
 * The search space of a fit: each estimated parameter maps to the unit interval, on a log or linear
 * scale between its bounds (docs/data-and-fit.md §3). The optimiser works in u ∈ [0, 1]^p, so one
 * step size and one convergence test serve parameters of every magnitude.
 */

export interface ScaledParameter {
    readonly lo: number;
    readonly hi: number;
    readonly scale: 'log' | 'linear';
}

export function toUnit(p: ScaledParameter, value: number): number {
    const u = p.scale === 'log' ? Math.log(value / p.lo) / Math.log(p.hi / p.lo) : (value - p.lo) / (p.hi - p.lo);
    return Math.min(1, Math.max(0, u));
}

export function fromUnit(p: ScaledParameter, u: number): number {
    const c = Math.min(1, Math.max(0, u));
    return p.scale === 'log' ? p.lo * Math.pow(p.hi / p.lo, c) : p.lo + c * (p.hi - p.lo);
}

/** d(scale coordinate)/du: ln(hi/lo) for log (the scale coordinate is ln θ), hi − lo for linear. */
export function scaleSpan(p: ScaledParameter): number {
    return p.scale === 'log' ? Math.log(p.hi / p.lo) : p.hi - p.lo;
}

/** The scale coordinate of a value (ln θ or θ) and back: intervals are symmetric there. */
export function toScale(p: ScaledParameter, value: number): number {
    return p.scale === 'log' ? Math.log(value) : value;
}

export function fromScale(p: ScaledParameter, s: number): number {
    return p.scale === 'log' ? Math.exp(s) : s;
}
