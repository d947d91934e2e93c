import { evaluateRhs, type StepContext } from './stepper.js';

const SQRT_EPS = Math.sqrt(Number.EPSILON);

/**
 * ∂f/∂y at (t, y), row-major, analytic when the system provides it, else by forward differences with a
 * perturbation scaled to each state (never below its absolute-tolerance scale, so states near zero still move).
 * `work` and `fPerturbed` are scratch vectors of length n; f0 = f(t, y).
 */
export function evaluateJacobian(ctx: StepContext, t: number, y: Float64Array, f0: Float64Array, jac: Float64Array,
                                 work: Float64Array, fPerturbed: Float64Array): void {
    ctx.stats.jacobianEvaluations++;
    const { system, tol } = ctx;
    const n = system.size;
    if (system.jacobian) {
        system.jacobian(t, y, jac);
        return;
    }
    work.set(y);
    for (let j = 0; j < n; j++) {
        const yj = y[j];
        const scale = Math.max(Math.abs(yj), tol.atol[j] / tol.rtol);
        const step = (yj >= 0 ? 1 : -1) * SQRT_EPS * scale;
        work[j] = yj + step;
        const delta = work[j] - yj; // the increment actually representable
        evaluateRhs(ctx, t, work, fPerturbed);
        const inv = 1 / delta;
        for (let i = 0; i < n; i++) jac[i * n + j] = (fPerturbed[i] - f0[i]) * inv;
        work[j] = yj;
    }
}

/**
 * ∂f/∂t at (t, y) by a forward difference toward `tEnd` (stays inside the current smooth segment).
 * Returns false when f does not depend on t (the term can then be skipped).
 */
export function evaluateTimeDerivative(ctx: StepContext, t: number, tEnd: number, y: Float64Array, f0: Float64Array,
                                       dfdt: Float64Array, fPerturbed: Float64Array): boolean {
    const direction = tEnd >= t ? 1 : -1;
    let dt = SQRT_EPS * Math.max(Math.abs(t), 1e-3);
    const room = Math.abs(tEnd - t);
    if (room > 0 && dt > room / 2) dt = room / 2;
    const t1 = t + direction * dt;
    const delta = t1 - t;
    if (delta === 0) { dfdt.fill(0); return false; }
    evaluateRhs(ctx, t1, y, fPerturbed);
    let dependsOnTime = false;
    for (let i = 0; i < dfdt.length; i++) {
        const d = (fPerturbed[i] - f0[i]) / delta;
        dfdt[i] = d;
        if (d !== 0) dependsOnTime = true;
    }
    return dependsOnTime;
}
