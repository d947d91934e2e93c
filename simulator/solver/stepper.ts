import type { Tolerances } from './tolerances.js';
import type { OdeSystem, SolverStats } from './types.js';

/** What a one-step method needs from the driver: the system, the tolerances and the shared counters. */
export interface StepContext {
    readonly system: OdeSystem;
    readonly tol: Tolerances;
    readonly stats: SolverStats;
}

/** One adaptive one-step method (ROS34PRw, DOPRI5). The driver owns step-size control, outputs and segments. */
export interface Stepper {
    /** Classical order of the propagated solution (for the fixed-step driver and the initial step estimate). */
    readonly order: number;
    /** 1/(q+1), q the order of the embedded error estimate. */
    readonly errorExponent: number;
    /** Largest growth factor allowed after an accepted step. */
    readonly maxGrowth: number;
    /** True when keeping h unchanged saves work (a reusable factorisation): small growths are then skipped. */
    readonly reusesFactorisation: boolean;
    /** Forget everything tied to the previous state (at the start, or after a jump the method cannot carry). */
    restart(): void;
    /**
     * True when what the method holds (a Jacobian, its factorisation) stays valid after a jump of the state or of the
     * right-hand side, so the driver need not call restart() there (a W-method keeps its order with any Jacobian).
     */
    readonly carriesAcrossJumps: boolean;
    /**
     * Attempts one step of size h from (t, y0), f0 = f(t, y0). Writes the new state into y1 and returns the
     * scaled error norm (≤ 1 to accept); NaN when something non-finite appeared.
     */
    attempt(t: number, h: number, y0: Float64Array, f0: Float64Array, y1: Float64Array): number;
    /** The last attempt is accepted: write f1 = f(t + h, y1). */
    accept(t: number, h: number, y1: Float64Array, f1: Float64Array): void;
    /** The last attempt is rejected with scaled error `err` (NaN: non-finite); it will be retried smaller. */
    reject(err: number): void;
    /** Dense output inside the last accepted step, at t + s·h with 0 ≤ s ≤ 1. */
    interpolate(s: number, h: number, y0: Float64Array, f0: Float64Array, y1: Float64Array, f1: Float64Array, out: Float64Array): void;
}

export function evaluateRhs(ctx: StepContext, t: number, y: Float64Array, dydt: Float64Array): void {
    ctx.stats.rhsEvaluations++;
    ctx.system.rhs(t, y, dydt);
}

export function allFinite(v: Float64Array): boolean {
    for (let i = 0; i < v.length; i++) if (!Number.isFinite(v[i])) return false;
    return true;
}
