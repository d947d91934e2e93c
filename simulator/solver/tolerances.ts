import { SolverError, type SolverOptions } from './types.js';

/** Resolved error-control settings: one relative tolerance and one absolute tolerance per state. */
export interface Tolerances {
    readonly rtol: number;
    readonly atol: Float64Array;
}

export const DEFAULT_RTOL = 1e-6;
export const DEFAULT_ATOL = 1e-9;

export function resolveTolerances(size: number, options: SolverOptions, t0: number): Tolerances {
    const requested = options.rtol ?? DEFAULT_RTOL;
    if (!(requested > 0) || !Number.isFinite(requested)) {
        throw new SolverError(`relative tolerance must be a positive number, got ${requested}`, t0);
    }
    // Below ~100 ulp no step can meet the tolerance; clamp instead of failing with a step-size underflow.
    const rtol = Math.max(requested, 100 * Number.EPSILON);
    const atol = new Float64Array(size);
    const given = options.atol ?? DEFAULT_ATOL;
    if (typeof given === 'number') {
        atol.fill(given);
    } else {
        if (given.length !== size) {
            throw new SolverError(`absolute tolerance has ${given.length} entries for a system of ${size} states`, t0);
        }
        for (let i = 0; i < size; i++) atol[i] = given[i];
    }
    for (let i = 0; i < size; i++) {
        if (!(atol[i] > 0) || !Number.isFinite(atol[i])) {
            throw new SolverError(`absolute tolerance of state ${i} must be a positive number, got ${atol[i]}`, t0);
        }
    }
    return { rtol, atol };
}

/**
 * max_i |err_i| / (atol_i + rtol·max(|y0_i|, |y1_i|)): every state must meet its own tolerance (a max norm, so a
 * small compartment is not averaged away among 60 states). NaN anywhere yields NaN, which the driver rejects.
 */
export function scaledErrorNorm(err: Float64Array, y0: Float64Array, y1: Float64Array, tol: Tolerances): number {
    const { rtol, atol } = tol;
    let norm = 0;
    for (let i = 0; i < err.length; i++) {
        const scale = atol[i] + rtol * Math.max(Math.abs(y0[i]), Math.abs(y1[i]));
        const r = Math.abs(err[i]) / scale;
        if (!(r <= norm)) norm = r; // NaN-propagating max
        if (norm !== norm) return NaN;
    }
    return norm;
}
