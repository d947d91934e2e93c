import { Dopri5Stepper } from './dopri5-stepper.js';
import { RosenbrockStepper } from './rosenbrock-stepper.js';
import { ROS34PRW, ROS34PW2 } from './rosenbrock-tableau.js';
import { allFinite, evaluateRhs, type StepContext, type Stepper } from './stepper.js';
import { initialStep } from './initial-step.js';
import { CancelledError, SolverError, type SolverMethod, type SolverOptions } from './types.js';

const SAFETY = 0.9;
const MIN_SHRINK = 0.2;
/** Growth factors in [1, HOLD_LIMIT] keep h unchanged when the method can then reuse its factorisation. */
const HOLD_LIMIT = 1.2;
/** Shrink factor after a step that produced NaN/Infinity (no error estimate to go by). */
const NON_FINITE_SHRINK = 0.25;
const MAX_CONSECUTIVE_REJECTIONS = 100;
const CANCEL_POLL_INTERVAL = 16;
export const DEFAULT_MAX_STEPS = 1_000_000;

/** `maxJacobianAge` 1 evaluates the Jacobian at every step (exact Rosenbrock, as the convergence tests need). */
export function createStepper(method: SolverMethod | undefined, ctx: StepContext, maxJacobianAge?: number): Stepper {
    switch (method ?? 'ros34pw2') {
        case 'ros34pw2': return new RosenbrockStepper(ctx, ROS34PW2, maxJacobianAge);
        case 'ros34prw': return new RosenbrockStepper(ctx, ROS34PRW, maxJacobianAge);
        case 'dopri5': return new Dopri5Stepper(ctx);
        default: throw new SolverError(`unknown solver method '${String(method)}' (expected 'ros34pw2', 'ros34prw' or 'dopri5')`, NaN);
    }
}

/** Receives dense output: `state` is a scratch buffer, copy it to keep it. */
export type OutputSink = (index: number, state: Float64Array) => void;

/** Integrates the smooth pieces of one run in order (AdaptiveDriver for the one-step methods, BdfDriver). */
export interface SegmentIntegrator {
    /**
     * Integrates y from t to tEnd. Outputs with index in [from, outputTimes.length) and time < tEnd are sent to
     * `sink`; returns the index of the first output not yet recorded. `afterJump`: the previous call ended at t
     * and y has jumped since (a dose) or the right-hand side changed form there (a restart point).
     */
    integrate(t: number, y: Float64Array, tEnd: number, outputTimes: readonly number[], from: number, sink: OutputSink, afterJump?: boolean): number;
}

/**
 * Adaptive integration of one smooth segment [t, tEnd] with outputs by dense output. Buffers are reused across
 * segments; the state lives in `y` (in) and is returned in `y` (out) at exactly tEnd. One driver serves all the
 * segments of a run, so a segment that starts after a jump can carry the step size and the Jacobian over.
 */
export class AdaptiveDriver implements SegmentIntegrator {
    private y0: Float64Array;
    private f0: Float64Array;
    private y1: Float64Array;
    private f1: Float64Array;
    private readonly dense: Float64Array;
    private attempts = 0;
    /** The step the controller wanted when the previous segment ended (before it was cut to land on the end). */
    private hCarried = NaN;
    private readonly maxSteps: number;
    private readonly maxStep: number;

    constructor(private readonly ctx: StepContext, private readonly stepper: Stepper, private readonly options: SolverOptions) {
        const n = ctx.system.size;
        this.y0 = new Float64Array(n);
        this.f0 = new Float64Array(n);
        this.y1 = new Float64Array(n);
        this.f1 = new Float64Array(n);
        this.dense = new Float64Array(n);
        this.maxSteps = options.maxSteps ?? DEFAULT_MAX_STEPS;
        this.maxStep = options.maxStep !== undefined && options.maxStep > 0 ? options.maxStep : Infinity;
    }

    /**
     * Integrates y from t to tEnd. Outputs with index in [from, outputTimes.length) and time < tEnd are sent to
     * `sink`; returns the index of the first output not yet recorded. `afterJump`: the previous call ended at t
     * and y has jumped since (a dose) or the right-hand side changed form there (a restart point).
     */
    integrate(t: number, y: Float64Array, tEnd: number, outputTimes: readonly number[], from: number, sink: OutputSink,
              afterJump = false): number {
        if (!(tEnd > t)) return from;
        const { ctx, stepper } = this;
        let { y0, f0, y1, f1 } = this;
        this.attempts = 0;
        if (stepper instanceof RosenbrockStepper) stepper.segmentEnd = tEnd;
        // After a jump a W-method keeps its Jacobian (carriesAcrossJumps); anything else starts afresh.
        const carry = afterJump && this.hCarried > 0 && this.options.initialStep === undefined && stepper.carriesAcrossJumps;
        y0.set(y);
        if (!carry) stepper.restart();
        evaluateRhs(ctx, t, y0, f0);
        checkFinite(f0, t, 'derivative');
        let h = carry ? this.stepAfterJump(t, tEnd, y0, f0) : this.initialStep(t, tEnd, y0, f0);
        let rejectedBefore = false;
        let consecutiveRejections = 0;
        let out = from;
        for (;;) {
            if (++this.attempts > this.maxSteps) {
                throw new SolverError(`step limit of ${this.maxSteps} reached at t = ${fmt(t)} before the end (${fmt(tEnd)}); `
                    + 'the system may be too stiff for this method or the tolerances too strict', t);
            }
            if (this.attempts % CANCEL_POLL_INTERVAL === 0 && this.options.isCancelled?.()) throw new CancelledError();
            const last = t + 1.01 * h >= tEnd;
            if (last) {
                this.hCarried = h;
                h = tEnd - t;
            }
            const err = stepper.attempt(t, h, y0, f0, y1);
            let nonFinite = !(err === err);
            if (!nonFinite && err <= 1) {
                stepper.accept(t, h, y1, f1);
                if (allFinite(y1) && allFinite(f1)) {
                    ctx.stats.steps++;
                    const tNew = last ? tEnd : t + h;
                    while (out < outputTimes.length && outputTimes[out] < tEnd && outputTimes[out] <= tNew) {
                        const to = outputTimes[out];
                        if (to === tNew) sink(out, y1);
                        else {
                            stepper.interpolate((to - t) / h, h, y0, f0, y1, f1, this.dense);
                            sink(out, this.dense);
                        }
                        out++;
                    }
                    [y0, y1] = [y1, y0];
                    [f0, f1] = [f1, f0];
                    t = tNew;
                    if (last) break;
                    let factor = err === 0 ? stepper.maxGrowth : SAFETY * Math.pow(err, -stepper.errorExponent);
                    factor = Math.max(MIN_SHRINK, Math.min(rejectedBefore ? 1 : stepper.maxGrowth, factor));
                    if (stepper.reusesFactorisation && factor >= 1 && factor <= HOLD_LIMIT) factor = 1;
                    h = Math.min(h * factor, this.maxStep);
                    rejectedBefore = false;
                    consecutiveRejections = 0;
                    continue;
                }
                nonFinite = true;
            }
            ctx.stats.rejectedSteps++;
            stepper.reject(err);
            rejectedBefore = true;
            h *= nonFinite ? NON_FINITE_SHRINK : Math.max(MIN_SHRINK, SAFETY * Math.pow(err, -stepper.errorExponent));
            if (++consecutiveRejections > MAX_CONSECUTIVE_REJECTIONS || h < minimumStep(t)) {
                if (nonFinite) {
                    const component = firstNonFinite(y1);
                    throw new SolverError(`the model produced a non-finite value (NaN or Infinity) near t = ${fmt(t)}`
                        + (component >= 0 ? ` in state ${component}` : ''), t, component >= 0 ? component : undefined);
                }
                throw new SolverError(`step size underflow at t = ${fmt(t)} (h = ${h.toExponential(2)}): `
                    + 'the solution changes faster than the tolerances can follow', t);
            }
        }
        this.y0 = y0; this.f0 = f0; this.y1 = y1; this.f1 = f1;
        y.set(y0);
        return out;
    }

    /**
     * First step after a jump: the fresh estimate (one probe), never above the step carried from before the jump.
     * Measured on bench/ra-ten-years.osteo (adalimumab_early, 261 doses): the carried step alone was rejected 2–3
     * times at every dose (err ≈ 90 at the first try: the absorption transient needs ~5× smaller steps than the
     * tail of the previous interval), and scaling it by the growth of ‖J²f‖ across the jump underestimated that
     * by 100×; the probe's estimate is rejected at no dose.
     */
    private stepAfterJump(t: number, tEnd: number, y0: Float64Array, f0: Float64Array): number {
        return Math.min(this.hCarried, this.initialStep(t, tEnd, y0, f0));
    }

    /** The first step of a segment: initial-step.ts (Hairer, Nørsett & Wanner I, §II.4). */
    private initialStep(t: number, tEnd: number, y0: Float64Array, f0: Float64Array): number {
        return initialStep(this.ctx, t, tEnd, y0, f0, { maxStep: this.maxStep, requested: this.options.initialStep, order: this.stepper.order, probe: this.y1, fProbe: this.f1 });
    }
}

function minimumStep(t: number): number {
    return Math.max(16 * Number.EPSILON * Math.abs(t), 1e-300);
}

function firstNonFinite(v: Float64Array): number {
    for (let i = 0; i < v.length; i++) if (!Number.isFinite(v[i])) return i;
    return -1;
}

/** Throws when `v` holds NaN or ±Infinity; `what` names the vector in the message ("initial state", "derivative"). */
export function checkFinite(v: Float64Array, t: number, what: string): void {
    const i = firstNonFinite(v);
    if (i >= 0) throw new SolverError(`the ${what} of state ${i} is not finite (${v[i]}) at t = ${fmt(t)}`, t, i);
}

/** A time for messages: enough digits to locate it, none of the binary noise. */
export function fmt(t: number): string {
    return String(Number(t.toPrecision(10)));
}
