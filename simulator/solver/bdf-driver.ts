import { CompressedFactors, luFactor } from './dense-lu.js';
import { evaluateJacobian } from './jacobian.js';
import { allFinite, evaluateRhs, type StepContext } from './stepper.js';
import { initialStep } from './initial-step.js';
import { CancelledError, SolverError, type SolverOptions } from './types.js';
import { DEFAULT_MAX_STEPS, checkFinite, fmt, type OutputSink, type SegmentIntegrator } from './adaptive-driver.js';

/*
 * Variable-order (1–5), variable-step backward differentiation with the numerical differentiation formulas' κ
 * (NDF: Shampine & Reichelt, "The MATLAB ODE Suite", SIAM J. Sci. Comput. 18, 1997), the history held as backward
 * differences that are re-interpolated when the step changes (Shampine, "Solving ODEs with MATLAB", §2.3; the layout
 * of SciPy's BDF). A modified Newton iteration reuses one Jacobian for as long as it converges, across steps and
 * across doses; a dose restarts the history at order 1. Error test: the same weighted max-norm as LSODA and the
 * Rosenbrock driver. Why it exists: between doses our solutions are smooth and the Rosenbrock methods of order 3
 * need ~4 right-hand sides per step at rtol 1e-6, where a multistep method of order up to 5 needs 1–2
 * (docs/performance.md, part (b)).
 */
const MAX_ORDER = 5;
const NEWTON_MAXITER = 4;
const MIN_FACTOR = 0.2;
const MAX_FACTOR = 10;
const KAPPA = [0, -0.1850, -1 / 9, -0.0823, -0.0415, 0];
const GAMMA = KAPPA.map((_, k) => { let s = 0; for (let j = 1; j <= k; j++) s += 1 / j; return s; });
const ALPHA = KAPPA.map((kappa, k) => (1 - kappa) * GAMMA[k]);
const ERROR_CONST = KAPPA.map((kappa, k) => kappa * GAMMA[k] + 1 / (k + 1));
const CANCEL_POLL_INTERVAL = 16;
/**
 * The factorisation of I − cJ is kept while c = h/α stays within this relative distance of the c it was made for
 * (LSODA's rule: the Newton iteration still converges, a little slower). Measured on bench/ra-ten-years.osteo:
 * 31 % fewer factorisations for 2 % more right-hand sides, 8–10 % less CPU time.
 */
const LU_REUSE = 0.3;
/** compute_R(order, 1) for every order: the factor-1 half of every change of step. */
const U_OF_ORDER = Array.from({ length: MAX_ORDER + 1 }, (_, order) => computeR(order, 1));

export class BdfDriver implements SegmentIntegrator {
    private readonly n: number;
    /** Backward differences of the interpolating polynomial at the current point, D[0] = y. */
    private readonly D: Float64Array[];
    private readonly jac: Float64Array;
    private readonly lu: Float64Array;
    private readonly pivots: Int32Array;
    private readonly factors: CompressedFactors;
    private readonly yPredict: Float64Array;
    private readonly yNew: Float64Array;
    private readonly d: Float64Array;
    private readonly psi: Float64Array;
    private readonly f: Float64Array;
    private readonly dy: Float64Array;
    private readonly scale: Float64Array;
    private readonly work: Float64Array;
    private readonly work2: Float64Array;
    private readonly dOld: Float64Array[];
    private readonly rScratch = new Float64Array((MAX_ORDER + 1) ** 2);
    private readonly ruScratch = new Float64Array((MAX_ORDER + 1) ** 2);
    /** Newton iterations of the last call of newton(), and whether it stopped on a non-finite value. */
    private iterations = 0;
    private nonFinite = false;
    /** The non-finite derivative that stopped Newton (names the state in the message). */
    private readonly nonFiniteAt: Float64Array;
    private readonly newtonTol: number;
    private readonly maxSteps: number;
    private readonly maxStep: number;
    private hasJacobian = false;
    private luValid = false;
    /** The c = h/α of the current factorisation of I − cJ. */
    private luC = NaN;
    /** The step wanted when the previous segment ended (before it was cut to land on the end). */
    private hCarried = NaN;

    constructor(private readonly ctx: StepContext, private readonly options: SolverOptions) {
        const n = this.n = ctx.system.size;
        this.D = Array.from({ length: MAX_ORDER + 3 }, () => new Float64Array(n));
        this.nonFiniteAt = new Float64Array(n);
        this.dOld = Array.from({ length: MAX_ORDER + 1 }, () => new Float64Array(n));
        this.jac = new Float64Array(n * n);
        this.lu = new Float64Array(n * n);
        this.pivots = new Int32Array(n);
        this.factors = new CompressedFactors(n);
        [this.yPredict, this.yNew, this.d, this.psi, this.f, this.dy, this.scale, this.work, this.work2] =
            Array.from({ length: 9 }, () => new Float64Array(n));
        const rtol = ctx.tol.rtol;
        this.newtonTol = Math.max(10 * Number.EPSILON / rtol, Math.min(0.03, Math.sqrt(rtol)));
        this.maxSteps = options.maxSteps ?? DEFAULT_MAX_STEPS;
        this.maxStep = options.maxStep !== undefined && options.maxStep > 0 ? options.maxStep : Infinity;
    }

    integrate(t: number, y: Float64Array, tEnd: number, outputTimes: readonly number[], from: number, sink: OutputSink,
              afterJump = false): number {
        if (!(tEnd > t)) return from;
        const { ctx, n, D } = this;
        const f0 = this.f;
        evaluateRhs(ctx, t, y, f0);
        checkFinite(f0, t, 'derivative');
        const fresh = this.initialStep(t, tEnd, y, f0);
        // After a jump the Jacobian is kept (a modified Newton iteration only needs an approximation) and the
        // first step is the fresh estimate, never above the step carried from before.
        let hAbs = afterJump && this.hCarried > 0 && this.options.initialStep === undefined ? Math.min(this.hCarried, fresh) : fresh;
        if (!afterJump) this.hasJacobian = false;
        D[0].set(y);
        for (let i = 0; i < n; i++) D[1][i] = f0[i] * hAbs;
        for (let k = 2; k < D.length; k++) D[k].fill(0);
        let order = 1;
        let equalSteps = 0;
        let out = from;
        let attempts = 0;
        let currentJacobian = false;
        const { yPredict, yNew, d, psi, scale } = this;
        const { atol, rtol } = ctx.tol;
        for (;;) {
            // One step from t.
            let accepted = false;
            let errorNorm = 0;
            let iterations = 0;
            let h = 0;
            let last = false;
            while (!accepted) {
                if (++attempts > this.maxSteps) {
                    throw new SolverError(`step limit of ${this.maxSteps} reached at t = ${fmt(t)} before the end (${fmt(tEnd)}); `
                        + 'the system may be too stiff for this method or the tolerances too strict', t);
                }
                if (attempts % CANCEL_POLL_INTERVAL === 0 && this.options.isCancelled?.()) throw new CancelledError();
                if (hAbs < minimumStep(t)) {
                    if (this.nonFinite) {
                        const i = firstNonFinite(this.nonFiniteAt);
                        throw new SolverError(`the model produced a non-finite value (NaN or Infinity) near t = ${fmt(t)}`
                            + (i >= 0 ? ` in state ${i}` : ''), t, i >= 0 ? i : undefined);
                    }
                    throw new SolverError(`step size underflow at t = ${fmt(t)} (h = ${hAbs.toExponential(2)}): `
                        + 'the solution changes faster than the tolerances can follow', t);
                }
                if (hAbs > this.maxStep) { this.changeD(order, this.maxStep / hAbs); hAbs = this.maxStep; }
                last = t + 1.01 * hAbs >= tEnd;
                if (last) {
                    this.hCarried = hAbs;
                    const factor = (tEnd - t) / hAbs;
                    if (factor !== 1) { this.changeD(order, factor); equalSteps = 0; }
                    hAbs = tEnd - t;
                }
                h = hAbs;
                const tNew = last ? tEnd : t + h;
                yPredict.fill(0);
                for (let k = 0; k <= order; k++) { const Dk = D[k]; for (let i = 0; i < n; i++) yPredict[i] += Dk[i]; }
                for (let i = 0; i < n; i++) scale[i] = atol[i] + rtol * Math.abs(yPredict[i]);
                psi.fill(0);
                for (let k = 1; k <= order; k++) { const g = GAMMA[k], Dk = D[k]; for (let i = 0; i < n; i++) psi[i] += g * Dk[i]; }
                const a = ALPHA[order];
                for (let i = 0; i < n; i++) psi[i] /= a;
                const c = h / a;
                let converged = false;
                for (;;) {
                    if (!this.hasJacobian) {
                        this.evaluateJacobianAt(tNew, yPredict);
                        currentJacobian = true;
                    }
                    if ((!this.luValid || Math.abs(c / this.luC - 1) > LU_REUSE) && !this.factorise(c)) {
                        // Singular or non-finite: an old Jacobian is re-evaluated here, a fresh one at a smaller step.
                        this.hasJacobian = false;
                        if (currentJacobian) { this.nonFinite = !allFinite(this.jac); if (this.nonFinite) this.nonFiniteAt.fill(NaN); break; }
                        continue;
                    }
                    converged = this.newton(tNew, c);
                    iterations = this.iterations;
                    if (converged || currentJacobian) break;
                    this.hasJacobian = false;
                    this.luValid = false;
                }
                if (!converged) {
                    this.ctx.stats.rejectedSteps++;
                    hAbs *= 0.5;
                    this.changeD(order, 0.5);
                    equalSteps = 0;
                    this.luValid = false;
                    continue;
                }
                const safety = 0.9 * (2 * NEWTON_MAXITER + 1) / (2 * NEWTON_MAXITER + iterations);
                errorNorm = 0;
                const ec = ERROR_CONST[order];
                for (let i = 0; i < n; i++) {
                    const r = Math.abs(ec * d[i]) / (atol[i] + rtol * Math.abs(yNew[i]));
                    if (!(r <= errorNorm)) errorNorm = r;
                }
                if (!(errorNorm <= 1)) {
                    this.ctx.stats.rejectedSteps++;
                    const factor = errorNorm === errorNorm ? Math.max(MIN_FACTOR, safety * Math.pow(errorNorm, -1 / (order + 1))) : MIN_FACTOR;
                    hAbs *= factor;
                    this.changeD(order, factor);
                    equalSteps = 0;
                    continue;
                }
                accepted = true;
                // Update the differences with the correction d.
                const Dn = D[order + 1], Dn2 = D[order + 2];
                for (let i = 0; i < n; i++) { Dn2[i] = d[i] - Dn[i]; Dn[i] = d[i]; }
                for (let k = order; k >= 0; k--) { const Dk = D[k], Dk1 = D[k + 1]; for (let i = 0; i < n; i++) Dk[i] += Dk1[i]; }
                this.ctx.stats.steps++;
                currentJacobian = false;
                // Outputs inside (t, tNew] from the step's interpolating polynomial (order `order`, spacing h).
                while (out < outputTimes.length && outputTimes[out] < tEnd && outputTimes[out] <= tNew) {
                    const to = outputTimes[out];
                    if (to === tNew) sink(out, D[0]);
                    else { this.interpolate(to, tNew, h, order, this.work); sink(out, this.work); }
                    out++;
                }
                t = tNew;
                equalSteps++;
                if (last) {
                    y.set(D[0]);
                    return out;
                }
                // Order and step for the next step (after order+1 steps of equal size).
                if (equalSteps < order + 1) break;
                for (let i = 0; i < n; i++) scale[i] = atol[i] + rtol * Math.abs(D[0][i]);
                const errorM = order > 1 ? this.errorNorm(ERROR_CONST[order - 1], D[order], scale) : Infinity;
                const errorP = order < MAX_ORDER ? this.errorNorm(ERROR_CONST[order + 1], D[order + 2], scale) : Infinity;
                const factors = [Math.pow(errorM, -1 / order), Math.pow(errorNorm, -1 / (order + 1)), Math.pow(errorP, -1 / (order + 2))];
                let best = 1;
                for (let k = 0; k < 3; k++) if (factors[k] > factors[best] || (factors[best] !== factors[best] && factors[k] === factors[k])) best = k;
                order += best - 1;
                const factor = Math.min(MAX_FACTOR, safety * factors[best]);
                hAbs *= factor;
                this.changeD(order, factor);
                equalSteps = 0;
            }
            if (!allFinite(D[0])) {
                throw new SolverError(`the model produced a non-finite value (NaN or Infinity) near t = ${fmt(t)}`, t);
            }
        }
    }

    /** max_i |c·v_i| / scale_i. */
    private errorNorm(c: number, v: Float64Array, scale: Float64Array): number {
        let norm = 0;
        for (let i = 0; i < v.length; i++) norm = Math.max(norm, Math.abs(c * v[i]) / scale[i]);
        return norm;
    }

    private evaluateJacobianAt(t: number, y: Float64Array): void {
        const f = this.work2;
        if (!this.ctx.system.jacobian) evaluateRhs(this.ctx, t, y, f);
        evaluateJacobian(this.ctx, t, y, f, this.jac, this.work, this.dy);
        this.hasJacobian = true;
        this.luValid = false;
    }

    private factorise(c: number): boolean {
        const { n, lu, jac } = this;
        this.ctx.stats.decompositions++;
        for (let i = 0; i < lu.length; i++) lu[i] = -c * jac[i];
        for (let i = 0; i < n; i++) lu[i * n + i] += 1;
        if (!luFactor(lu, n, this.pivots)) return false;
        this.factors.compress(lu);
        this.luValid = true;
        this.luC = c;
        return true;
    }

    /** Modified Newton on y = yPredict + d, c·f(tNew, y) − ψ − d = 0; true when it converged. */
    private newton(tNew: number, c: number): boolean {
        const { n, yNew, yPredict, d, psi, f, dy, scale } = this;
        yNew.set(yPredict);
        d.fill(0);
        this.nonFinite = false;
        let dyNormOld = NaN;
        for (let k = 0; k < NEWTON_MAXITER; k++) {
            this.iterations = k + 1;
            evaluateRhs(this.ctx, tNew, yNew, f);
            if (!allFinite(f)) {
                this.nonFinite = true;
                this.nonFiniteAt.set(f);
                return false;
            }
            for (let i = 0; i < n; i++) dy[i] = c * f[i] - psi[i] - d[i];
            this.factors.solve(this.pivots, dy);
            let dyNorm = 0;
            for (let i = 0; i < n; i++) dyNorm = Math.max(dyNorm, Math.abs(dy[i]) / scale[i]);
            const rate = dyNormOld === dyNormOld ? dyNorm / dyNormOld : NaN;
            if (rate === rate && (rate >= 1 || Math.pow(rate, NEWTON_MAXITER - k) / (1 - rate) * dyNorm > this.newtonTol)) return false;
            for (let i = 0; i < n; i++) { yNew[i] += dy[i]; d[i] += dy[i]; }
            if (dyNorm === 0 || (rate === rate && rate / (1 - rate) * dyNorm < this.newtonTol)) return true;
            dyNormOld = dyNorm;
        }
        return false;
    }

    /** Re-expresses the differences for a step `factor` times the current one (SciPy's change_D). */
    private changeD(order: number, factor: number): void {
        const m = order + 1;
        const R = computeR(order, factor, this.rScratch), U = U_OF_ORDER[order], RU = this.ruScratch;
        for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) {
            let s = 0;
            for (let k = 0; k < m; k++) s += R[i * m + k] * U[k * m + j];
            RU[i * m + j] = s;
        }
        const { n, D } = this;
        const old = this.dOld;
        for (let i = 0; i < m; i++) old[i].set(D[i]);
        for (let i = 0; i < m; i++) {
            const Di = D[i];
            Di.fill(0);
            for (let j = 0; j < m; j++) {
                const w = RU[j * m + i];
                if (w === 0) continue;
                const Dj = old[j];
                for (let q = 0; q < n; q++) Di[q] += w * Dj[q];
            }
        }
    }

    /** The step's interpolating polynomial at time `to` in [tNew − h, tNew]. */
    private interpolate(to: number, tNew: number, h: number, order: number, out: Float64Array): void {
        const { n, D } = this;
        out.set(D[0]);
        let p = 1;
        for (let j = 1; j <= order; j++) {
            p *= (to - (tNew - h * (j - 1))) / (h * j);
            const Dj = D[j];
            for (let i = 0; i < n; i++) out[i] += p * Dj[i];
        }
    }

    /** The first step of a segment: initial-step.ts (Hairer, Nørsett & Wanner I, §II.4). */
    private initialStep(t: number, tEnd: number, y0: Float64Array, f0: Float64Array): number {
        return initialStep(this.ctx, t, tEnd, y0, f0, { maxStep: this.maxStep, requested: this.options.initialStep, order: 1, probe: this.work, fProbe: this.work2 });
    }
}

/** SciPy's compute_R: R[i][j] = Π_{k=1..i} (k − 1 − factor·j)/k, R[0][j] = 1, row-major (order+1)². */
function computeR(order: number, factor: number, R = new Float64Array((order + 1) ** 2)): Float64Array {
    const m = order + 1;
    for (let j = 0; j < m; j++) R[j] = 1;
    for (let i = 1; i < m; i++) {
        for (let j = 0; j < m; j++) {
            const M = j === 0 ? 0 : (i - 1 - factor * j) / i;
            R[i * m + j] = R[(i - 1) * m + j] * M;
        }
    }
    return R;
}

function firstNonFinite(v: Float64Array): number {
    for (let i = 0; i < v.length; i++) if (!Number.isFinite(v[i])) return i;
    return -1;
}

function minimumStep(t: number): number {
    return Math.max(16 * Number.EPSILON * Math.abs(t), 1e-300);
}
