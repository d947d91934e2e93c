import { CompressedFactors, luFactor } from './dense-lu.js';
import { evaluateJacobian, evaluateTimeDerivative } from './jacobian.js';
import { transformTableau, type RosenbrockCoefficients, type RosenbrockTableau } from './rosenbrock-tableau.js';
import { evaluateRhs, type StepContext, type Stepper } from './stepper.js';
import { scaledErrorNorm } from './tolerances.js';

/**
 * Jacobian reuse for ROS34PRw, which is not a W-method (Σ b_i α_i ≈ 0.516 ≠ 1/2), so an old Jacobian adds an
 * O(h²·‖J_old − J‖) term to the local error; the embedded estimate weighs that term about 6× more than the solution
 * does, so old Jacobians mostly show up as rejected steps. Measured (bench/solver-bench.ts): fixed reuse over 12
 * steps cost 30 % rejected steps on Robertson and Van der Pol, and reuse over 12 rather than 3 steps raised the
 * global error of a 10-year dosing problem from 1.2 to 3 × rtol. So an analytic Jacobian (cheap) is evaluated at every step; a finite-difference one (n+1 right-hand
 * sides) is kept for at most this many accepted steps, refreshed at once when a step made with an old one fails,
 * and after such a failure evaluated at every step until AGE_RECOVERY_STEPS steps pass (then reuse grows again).
 */
export const FD_MAX_JACOBIAN_AGE = 3;
/**
 * A W-method (ROS34PW2) keeps its order with an old Jacobian, so one Jacobian serves this many accepted steps, and
 * is carried across doses (adaptive-driver.ts). Measured on the 10-year RA benchmark (bench/run.ts), adalimumab arm:
 * 291k right-hand sides with ROS34PRw and a Jacobian every step, 92k with reuse over 20 steps, 82k over 50; BMD
 * within 1e-5 pp of an rtol 1e-9 run in every case. Once carried across doses, 100 or 200 steps saved 3–7 % on the
 * treated arms but cost 15–20 % on the untreated one (an old Jacobian over long quiet stretches): 50 stays.
 */
export const W_MAX_JACOBIAN_AGE = 50;
/** Accepted steps before the reuse limit grows by one again. */
const AGE_RECOVERY_STEPS = 10;

/**
 * A Rosenbrock step in the transformed form (see rosenbrock-tableau.ts). The LU factors of I/(hγ) − J are kept
 * while h and J are unchanged; J is kept across a few steps.
 */
export class RosenbrockStepper implements Stepper {
    readonly order: number;
    readonly errorExponent: number;
    readonly maxGrowth = 5;
    readonly reusesFactorisation = true;
    /**
     * A W-method keeps its order with any Jacobian, so the one held before a dose stays usable after it (a step that
     * fails badly with it refreshes it, reject()); a classical Rosenbrock method starts afresh.
     */
    readonly carriesAcrossJumps: boolean;

    private readonly k: RosenbrockCoefficients;
    private readonly n: number;
    private readonly jac: Float64Array;
    private readonly lu: Float64Array;
    private readonly pivots: Int32Array;
    private readonly factors: CompressedFactors;
    private readonly dfdt: Float64Array;
    private readonly u: Float64Array[];
    private readonly arg: Float64Array;
    private readonly fStage: Float64Array;
    private readonly err: Float64Array;
    private readonly work: Float64Array;
    private readonly work2: Float64Array;

    private hasJacobian = false;
    /** The Jacobian was evaluated at the start of the current step. */
    private jacobianIsFresh = false;
    private jacobianAge = 0;
    /** Current reuse limit, between 1 and maxJacobianAge: dropped to 1 when an old Jacobian fails a step. */
    private allowedAge: number;
    private acceptedSinceAgeChange = 0;
    private timeDependent = false;
    /** The h of the current factorisation, NaN when there is none. */
    private factorisedFor = NaN;
    /** Segment end, so the time derivative's difference stays inside the smooth piece. */
    segmentEnd = Infinity;

    private readonly maxJacobianAge: number;
    private readonly wMethod: boolean;

    constructor(private readonly ctx: StepContext, tableau: RosenbrockTableau, maxJacobianAge?: number) {
        this.maxJacobianAge = maxJacobianAge ?? (tableau.wMethod ? W_MAX_JACOBIAN_AGE : ctx.system.jacobian ? 1 : FD_MAX_JACOBIAN_AGE);
        this.allowedAge = this.maxJacobianAge;
        this.k = transformTableau(tableau);
        this.wMethod = tableau.wMethod === true;
        this.carriesAcrossJumps = this.wMethod;
        this.order = tableau.order;
        this.errorExponent = 1 / (tableau.embeddedOrder + 1);
        const n = this.n = ctx.system.size;
        this.jac = new Float64Array(n * n);
        this.lu = new Float64Array(n * n);
        this.pivots = new Int32Array(n);
        this.factors = new CompressedFactors(n);
        this.dfdt = new Float64Array(n);
        this.u = Array.from({ length: this.k.stages }, () => new Float64Array(n));
        this.arg = new Float64Array(n);
        this.fStage = new Float64Array(n);
        this.err = new Float64Array(n);
        this.work = new Float64Array(n);
        this.work2 = new Float64Array(n);
    }

    restart(): void {
        this.hasJacobian = false;
        this.factorisedFor = NaN;
    }

    attempt(t: number, h: number, y0: Float64Array, f0: Float64Array, y1: Float64Array): number {
        const { n, k, ctx } = this;
        const s = k.stages;
        if (!this.hasJacobian) {
            evaluateJacobian(ctx, t, y0, f0, this.jac, this.work, this.work2);
            this.timeDependent = evaluateTimeDerivative(ctx, t, this.segmentEnd, y0, f0, this.dfdt, this.work2);
            this.hasJacobian = true;
            this.jacobianIsFresh = true;
            this.jacobianAge = 0;
            this.factorisedFor = NaN;
        }
        if (this.factorisedFor !== h) {
            ctx.stats.decompositions++;
            const diag = 1 / (h * k.gamma);
            const lu = this.lu, jac = this.jac;
            for (let i = 0; i < lu.length; i++) lu[i] = -jac[i];
            for (let i = 0; i < n; i++) lu[i * n + i] += diag;
            if (!luFactor(lu, n, this.pivots)) {
                this.factorisedFor = NaN;
                return NaN;
            }
            this.factors.compress(lu);
            this.factorisedFor = h;
        }
        const { u, arg, fStage, dfdt } = this;
        for (let i = 0; i < s; i++) {
            const ui = u[i];
            if (i === 0) {
                fStage.set(f0);
            } else if (!k.reusesPreviousEvaluation[i]) {
                arg.set(y0);
                for (let j = 0; j < i; j++) {
                    const aij = k.a[i * s + j];
                    if (aij === 0) continue;
                    const uj = u[j];
                    for (let q = 0; q < n; q++) arg[q] += aij * uj[q];
                }
                evaluateRhs(ctx, t + k.nodes[i] * h, arg, fStage);
            }
            ui.set(fStage);
            for (let j = 0; j < i; j++) {
                const cij = k.c[i * s + j] / h;
                if (cij === 0) continue;
                const uj = u[j];
                for (let q = 0; q < n; q++) ui[q] += cij * uj[q];
            }
            if (this.timeDependent) {
                const g = k.gammaSums[i] * h;
                for (let q = 0; q < n; q++) ui[q] += g * dfdt[q];
            }
            this.factors.solve(this.pivots, ui);
        }
        const err = this.err;
        y1.set(y0);
        err.fill(0);
        for (let j = 0; j < s; j++) {
            const mj = k.m[j], ej = k.e[j], uj = u[j];
            for (let q = 0; q < n; q++) {
                y1[q] += mj * uj[q];
                err[q] += ej * uj[q];
            }
        }
        return scaledErrorNorm(err, y0, y1, ctx.tol);
    }

    accept(t: number, h: number, y1: Float64Array, f1: Float64Array): void {
        evaluateRhs(this.ctx, t + h, y1, f1);
        this.jacobianIsFresh = false;
        if (this.allowedAge < this.maxJacobianAge && ++this.acceptedSinceAgeChange >= AGE_RECOVERY_STEPS) {
            this.allowedAge++;
            this.acceptedSinceAgeChange = 0;
        }
        if (++this.jacobianAge >= this.allowedAge) this.restart();
    }

    reject(_err: number): void {
        // Keeping an old Jacobian after a near miss (err ≤ 2 or ≤ 10) saved 30 % of the Jacobians on the RA benchmark
        // but cost 5–27 % more steps on Robertson and Van der Pol (tests/simulator/solver-stiff.test.ts): not taken.
        // An old Jacobian may be why the step failed: refresh it before retrying. A fresh one is kept.
        if (!this.jacobianIsFresh) {
            this.restart();
            // An old Jacobian costs a W-method accuracy, not order: one failure is no reason to stop reusing.
            if (!this.wMethod) {
                this.allowedAge = 1;
                this.acceptedSinceAgeChange = 0;
            }
        }
    }

    interpolate(theta: number, _h: number, y0: Float64Array, _f0: Float64Array, _y1: Float64Array, _f1: Float64Array, out: Float64Array): void {
        const { u, k } = this;
        const s = k.stages, d = k.dense;
        out.set(y0);
        for (let j = 0; j < s; j++) {
            const w = theta * (d[j] + theta * (d[s + j] + theta * d[2 * s + j]));
            const uj = u[j];
            for (let q = 0; q < out.length; q++) out[q] += w * uj[q];
        }
    }
}

