/**
 * A bounded Levenberg–Marquardt search for weighted least squares, in the unit box of the scaled
 * parameters (parameter-scale.ts). Jacobians are forward differences (one model run per parameter);
 * a step that would leave the box is clipped to it. Plain numbers in, plain numbers out: the same code
 * runs a fit start in a worker, a profile point, and `npm run calibrate`'s stages.
 */

/** Weighted residuals at a point of the unit box, or null when the model cannot be evaluated there. */
export type Residuals = (u: readonly number[]) => Float64Array | null;

export interface LocalFitOptions {
    /** Most residual evaluations (model runs) before giving up (default 60 + 40 per parameter). */
    readonly maxEvaluations?: number;
    /** Forward-difference step in unit-box coordinates (default 1e-4). */
    readonly step?: number;
    /** Coordinates held at their start value (profiles). */
    readonly fixed?: readonly boolean[];
    readonly isCancelled?: () => boolean;
}

export interface LocalFitResult {
    readonly u: number[];
    /** Σ residual², or Infinity when no point could be evaluated. */
    readonly objective: number;
    readonly converged: boolean;
    readonly evaluations: number;
    /** Why the search stopped, in words. */
    readonly reason: string;
    /** Jacobian of the residuals at `u` in unit-box coordinates (rows: residuals), when computed there. */
    readonly jacobian?: Float64Array[];
    readonly residuals?: Float64Array;
}

/** The fit was cancelled (a worker's shared flag or the caller's token): the solver's own error, so workers report it as a cancellation. */
export { CancelledError as FitCancelledError } from '../solver/types.js';
import { CancelledError } from '../solver/types.js';

const sumSquares = (r: Float64Array) => { let s = 0; for (const x of r) s += x * x; return s; };

/** Solves the small symmetric positive system A x = b (Cholesky); null when A is not positive definite. */
export function solveSymmetric(a: number[][], b: number[]): number[] | null {
    const n = b.length;
    const l = a.map(row => row.slice());
    for (let j = 0; j < n; j++) {
        let d = l[j][j];
        for (let k = 0; k < j; k++) d -= l[j][k] * l[j][k];
        if (!(d > 0)) return null;
        l[j][j] = Math.sqrt(d);
        for (let i = j + 1; i < n; i++) {
            let s = l[i][j];
            for (let k = 0; k < j; k++) s -= l[i][k] * l[j][k];
            l[i][j] = s / l[j][j];
        }
    }
    const y = new Array<number>(n);
    for (let i = 0; i < n; i++) {
        let s = b[i];
        for (let k = 0; k < i; k++) s -= l[i][k] * y[k];
        y[i] = s / l[i][i];
    }
    const x = new Array<number>(n);
    for (let i = n - 1; i >= 0; i--) {
        let s = y[i];
        for (let k = i + 1; k < n; k++) s -= l[k][i] * x[k];
        x[i] = s / l[i][i];
    }
    return x;
}

/** Forward-difference Jacobian at u (stepping inwards at an upper bound); columns of fixed coordinates are zero. */
export function jacobianAt(f: Residuals, u: readonly number[], r0: Float64Array, step: number, fixed: readonly boolean[], count: () => void, isCancelled?: () => boolean): Float64Array[] | null {
    const columns: Float64Array[] = [];
    for (let j = 0; j < u.length; j++) {
        if (fixed[j]) { columns.push(new Float64Array(r0.length)); continue; }
        if (isCancelled?.()) throw new CancelledError();
        const h = u[j] + step <= 1 ? step : -step;
        const v = u.slice();
        v[j] += h;
        count();
        const r = f(v);
        if (!r) return null;
        columns.push(r.map((x, i) => (x - r0[i]) / h));
    }
    // Rows: residuals; columns: parameters.
    return Array.from({ length: r0.length }, (_, i) => Float64Array.from(columns, c => c[i]));
}

export function levenbergMarquardt(f: Residuals, start: readonly number[], options: LocalFitOptions = {}): LocalFitResult {
    const n = start.length;
    const fixed = options.fixed ?? new Array<boolean>(n).fill(false);
    const free = fixed.filter(x => !x).length;
    const maxEvaluations = options.maxEvaluations ?? 60 + 40 * Math.max(free, 1);
    const step = options.step ?? 1e-4;
    let evaluations = 0;
    const count = () => { evaluations++; };
    const evaluate = (u: readonly number[]) => {
        if (options.isCancelled?.()) throw new CancelledError();
        count();
        return f(u);
    };
    let u = start.map(x => Math.min(1, Math.max(0, x)));
    let r = evaluate(u);
    if (!r) return { u, objective: Infinity, converged: false, evaluations, reason: 'the model could not be run at the start' };
    let objective = sumSquares(r);
    if (free === 0) return { u, objective, converged: true, evaluations, reason: 'nothing to estimate', residuals: r };
    let lambda = 1e-3;
    let jacobian: Float64Array[] | null = null;
    let stalls = 0;
    while (evaluations < maxEvaluations) {
        jacobian ??= jacobianAt(f, u, r, step, fixed, count, options.isCancelled);
        if (!jacobian) return { u, objective, converged: false, evaluations, reason: 'the model failed near the current point', residuals: r };
        const jtj = Array.from({ length: n }, () => new Array<number>(n).fill(0));
        const jtr = new Array<number>(n).fill(0);
        for (let i = 0; i < r.length; i++) {
            const row = jacobian[i];
            for (let a = 0; a < n; a++) {
                jtr[a] += row[a] * r[i];
                for (let b = 0; b <= a; b++) jtj[a][b] += row[a] * row[b];
            }
        }
        for (let a = 0; a < n; a++) for (let b = 0; b < a; b++) jtj[b][a] = jtj[a][b];
        // Projected gradient: components pushing out of the box at a bound do not count.
        const gradient = jtr.map((g, a) => fixed[a] || (u[a] <= 0 && g > 0) || (u[a] >= 1 && g < 0) ? 0 : 2 * g);
        if (Math.max(...gradient.map(Math.abs)) < 1e-9 * (1 + objective)) {
            return { u, objective, converged: true, evaluations, reason: 'gradient vanished', jacobian: jacobian ?? undefined, residuals: r };
        }
        let accepted = false;
        while (!accepted && evaluations < maxEvaluations) {
            const a = jtj.map((row, i) => row.map((x, j) => (i === j ? x + lambda * Math.max(x, 1e-12) : x)));
            const active = a.map((_, i) => !fixed[i] && !((u[i] <= 0 && jtr[i] > 0) || (u[i] >= 1 && jtr[i] < 0)));
            const idx = active.map((x, i) => (x ? i : -1)).filter(i => i >= 0);
            if (idx.length === 0) return { u, objective, converged: true, evaluations, reason: 'every parameter at a bound', jacobian: jacobian ?? undefined, residuals: r };
            const delta = solveSymmetric(idx.map(i => idx.map(j => a[i][j])), idx.map(i => -jtr[i]));
            if (!delta) { lambda *= 10; if (lambda > 1e12) break; continue; }
            const v = u.slice();
            idx.forEach((i, k) => { v[i] = Math.min(1, Math.max(0, u[i] + delta[k])); });
            const moved = Math.max(...v.map((x, i) => Math.abs(x - u[i])));
            if (moved < 1e-10) {
                return { u, objective, converged: true, evaluations, reason: 'step below tolerance', jacobian: jacobian ?? undefined, residuals: r };
            }
            const rv = evaluate(v);
            const fv = rv ? sumSquares(rv) : Infinity;
            if (fv < objective) {
                const gain = objective - fv;
                u = v; r = rv!; objective = fv; jacobian = null;
                lambda = Math.max(lambda / 5, 1e-12);
                accepted = true;
                // Converged when a full step gains (relatively) nothing twice in a row, or moves nothing.
                stalls = gain <= 1e-9 * (1 + objective) || moved < 1e-8 ? stalls + 1 : 0;
                if (stalls >= 2) {
                    const j = jacobianAt(f, u, r, step, fixed, count, options.isCancelled) ?? undefined;
                    return { u, objective, converged: true, evaluations, reason: 'objective no longer decreasing', jacobian: j, residuals: r };
                }
            } else {
                lambda *= 4;
                if (lambda > 1e12) break;
            }
        }
        if (!accepted) {
            // No step along any damping improves: a (local) minimum to the finite-difference accuracy.
            const atMinimum = evaluations < maxEvaluations;
            return { u, objective, converged: atMinimum, evaluations, reason: atMinimum ? 'no further decrease' : 'evaluation limit reached', jacobian: jacobian ?? undefined, residuals: r };
        }
    }
    return { u, objective, converged: false, evaluations, reason: `evaluation limit (${maxEvaluations}) reached`, residuals: r };
}
