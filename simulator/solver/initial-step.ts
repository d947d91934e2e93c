/**
 * The first step of a segment (Hairer, Nørsett & Wanner I, §II.4): a guess from the scaled sizes of y and f, an
 * explicit Euler probe to estimate the second derivative, then h ≈ (0.01 / max(|f|, |f'|))^(1/(order+1)), clamped to
 * the segment. One rule for the Rosenbrock/Dormand–Prince driver and the BDF driver (which passes order 1).
 */
import { evaluateRhs, type StepContext } from './stepper.js';

export interface InitialStepInput {
    readonly maxStep: number;
    /** A step the caller asked for (SolverOptions.initialStep); used as it is when positive. */
    readonly requested?: number;
    /** Order of the method's local error. */
    readonly order: number;
    /** Scratch vectors of the state's length (overwritten). */
    readonly probe: Float64Array;
    readonly fProbe: Float64Array;
}

export function initialStep(ctx: StepContext, t: number, tEnd: number, y0: Float64Array, f0: Float64Array, input: InitialStepInput): number {
    const span = tEnd - t;
    const limit = Math.min(span, input.maxStep);
    if (input.requested !== undefined && input.requested > 0) return Math.min(input.requested, limit);
    const { tol } = ctx;
    const n = y0.length;
    let d0 = 0, d1 = 0;
    for (let i = 0; i < n; i++) {
        const sc = tol.atol[i] + tol.rtol * Math.abs(y0[i]);
        d0 += (y0[i] / sc) ** 2;
        d1 += (f0[i] / sc) ** 2;
    }
    d0 = Math.sqrt(d0 / n); d1 = Math.sqrt(d1 / n);
    let h0 = d0 < 1e-5 || d1 < 1e-5 ? 1e-6 * span : 0.01 * d0 / d1;
    h0 = Math.min(h0, limit);
    const { probe, fProbe } = input;
    for (let i = 0; i < n; i++) probe[i] = y0[i] + h0 * f0[i];
    evaluateRhs(ctx, t + h0, probe, fProbe);
    let d2 = 0;
    for (let i = 0; i < n; i++) {
        const sc = tol.atol[i] + tol.rtol * Math.abs(y0[i]);
        d2 += ((fProbe[i] - f0[i]) / sc) ** 2;
    }
    d2 = Math.sqrt(d2 / n) / h0;
    const dMax = Math.max(d1, d2);
    // A non-finite probe only means the guess was too bold: fall back to the small first guess.
    const h1 = !(dMax === dMax) || dMax === Infinity ? h0 * 1e-3
        : dMax <= 1e-15 ? Math.max(1e-6 * span, h0 * 1e-3)
        : Math.pow(0.01 / dMax, 1 / (input.order + 1));
    return Math.min(100 * h0, h1, limit);
}
