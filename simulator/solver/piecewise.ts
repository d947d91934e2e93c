import { AdaptiveDriver, checkFinite, createStepper, fmt, type SegmentIntegrator } from './adaptive-driver.js';
import { BdfDriver } from './bdf-driver.js';
import { resolveTolerances } from './tolerances.js';
import { CancelledError, emptyStats, SolverError, type OdeSystem, type SolverOptions, type SolverStats } from './types.js';

/** An instantaneous change of state at `time` (a dose), or a pure restart point (apply does nothing) where the
 *  right-hand side is discontinuous (an infusion starts/stops, a condition's onset). */
export interface Jump { readonly time: number; apply(y: Float64Array): void; }

export interface PiecewiseResult { times: number[]; states: Float64Array[]; stats: SolverStats; }

/**
 * Integrates from t0 to the last output time, split at every jump time in [t0, tEnd] (jumps sharing a time are
 * applied in the order given). The first step after a jump is the carried step sized to the jump (adaptive-driver.ts),
 * and a W-method keeps its Jacobian across it. States at output times come
 * from the method's dense output; an output at a jump time records the state after the jump.
 */
export function solvePiecewise(system: OdeSystem, y0: Float64Array, t0: number, outputTimes: readonly number[],
                               jumps: readonly Jump[], options: SolverOptions = {}): PiecewiseResult {
    const n = system.size;
    const stats = emptyStats();
    validateInputs(n, y0, t0, outputTimes);
    const tol = resolveTolerances(n, options, t0);
    const ctx = { system, tol, stats };

    const times = outputTimes.slice();
    const states: Float64Array[] = new Array(times.length);
    if (times.length === 0) return { times, states, stats };
    const tEnd = times[times.length - 1];
    // Stable sort keeps the given order of jumps that share a time.
    const pending = jumps.filter(j => j.time >= t0 && j.time <= tEnd).sort((a, b) => a.time - b.time);
    const sink = (index: number, state: Float64Array) => { states[index] = state.slice(); };

    const y = Float64Array.from(y0);
    let t = t0;
    let nextJump = 0;
    let nextOutput = 0;
    // One driver for the whole run: after the first piece it carries the step size and the Jacobian across jumps.
    const driver: SegmentIntegrator = options.method === 'bdf' ? new BdfDriver(ctx, options)
        : new AdaptiveDriver(ctx, createStepper(options.method, ctx), options);
    let started = false;
    for (;;) {
        while (nextJump < pending.length && pending[nextJump].time <= t) {
            pending[nextJump++].apply(y);
        }
        checkFinite(y, t, t === t0 && nextJump === 0 ? 'initial value' : 'post-jump value');
        while (nextOutput < times.length && times[nextOutput] <= t) sink(nextOutput++, y);
        if (t >= tEnd) break;
        const segmentEnd = nextJump < pending.length ? pending[nextJump].time : tEnd;
        // The step budget is per smooth piece: a century of daily doses is 36 525 pieces of legitimate work, while a
        // system stuck inside one piece is still stopped. Short pieces may end before the driver polls cancellation.
        if (options.isCancelled?.()) throw new CancelledError();
        nextOutput = driver.integrate(t, y, segmentEnd, times, nextOutput, sink, started);
        started = true;
        t = segmentEnd;
    }
    return { times, states, stats };
}

/** Integrates one smooth piece from t0 to t1 and returns the final state (a copy). */
export function integrate(system: OdeSystem, y0: Float64Array, t0: number, t1: number,
                          options: SolverOptions = {}): { y: Float64Array; stats: SolverStats } {
    const result = solvePiecewise(system, y0, t0, [t1], [], options);
    return { y: result.states[0], stats: result.stats };
}

function validateInputs(n: number, y0: Float64Array, t0: number, outputTimes: readonly number[]): void {
    if (!Number.isInteger(n) || n < 1) throw new SolverError(`the system must have at least one state (size ${n})`, t0);
    if (y0.length !== n) throw new SolverError(`initial state has ${y0.length} values for a system of ${n} states`, t0);
    if (!Number.isFinite(t0)) throw new SolverError(`start time must be finite, got ${t0}`, t0);
    let previous = t0;
    for (let k = 0; k < outputTimes.length; k++) {
        const to = outputTimes[k];
        if (!Number.isFinite(to) || to < previous) {
            throw new SolverError(`output times must be finite, ascending and not before the start ${fmt(t0)}; `
                + `output ${k} is ${to}`, Number.isFinite(to) ? to : t0);
        }
        previous = to;
    }
}
