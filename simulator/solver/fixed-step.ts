import { checkFinite, createStepper } from './adaptive-driver.js';
import { evaluateRhs } from './stepper.js';
import { resolveTolerances } from './tolerances.js';
import { emptyStats, type OdeSystem, type SolverMethod, type SolverStats } from './types.js';

/**
 * Integrates with `steps` equal steps and no error control: for measuring a method's convergence order and for
 * comparisons at a known step size. The error estimate is computed but ignored; the Jacobian is evaluated at
 * every step.
 */
export function integrateFixedStep(system: OdeSystem, y0: Float64Array, t0: number, t1: number, steps: number,
                                   method: SolverMethod = 'ros34prw'): { y: Float64Array; stats: SolverStats } {
    const n = system.size;
    const stats = emptyStats();
    const ctx = { system, tol: resolveTolerances(n, {}, t0), stats };
    const stepper = createStepper(method, ctx, 1);
    let y = Float64Array.from(y0), yNext = new Float64Array(n);
    let f = new Float64Array(n), fNext = new Float64Array(n);
    const h = (t1 - t0) / steps;
    stepper.restart();
    evaluateRhs(ctx, t0, y, f);
    for (let k = 0; k < steps; k++) {
        const t = t0 + k * h;
        stepper.attempt(t, h, y, f, yNext);
        stepper.accept(t, h, yNext, fNext);
        stats.steps++;
        [y, yNext] = [yNext, y];
        [f, fNext] = [fNext, f];
    }
    checkFinite(y, t1, 'final value');
    return { y, stats };
}
