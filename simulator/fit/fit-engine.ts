/**
 * Multistart, profile likelihood and Fisher-information summaries of a weighted least-squares fit
 * (docs/data-and-fit.md §3), for any residual function on the unit box: the model's (fit-problem.ts)
 * or a closed-form one (the tests cross-check against exact answers with it).
 */
import { levenbergMarquardt, solveSymmetric, jacobianAt, type Residuals, type LocalFitOptions } from './levenberg-marquardt.js';
import { fromUnit, scaleSpan, toScale, fromScale, type ScaledParameter } from './parameter-scale.js';
import { mulberry32 } from '../analysis/random.js';

/** χ²(1) 95 % quantile: the profile's rise that bounds a 95 % interval. */
export const CHI2_95 = 3.841458820694124;
const Z95 = 1.959963984540054;

export interface StartOutcome {
    /** 1-based start number. */
    readonly start: number;
    readonly u: number[];
    readonly objective: number;
    readonly converged: boolean;
    readonly evaluations: number;
    readonly reason: string;
}

export interface ProfilePoint {
    readonly value: number;
    /** Re-optimised objective minus the best objective, in units of the threshold's scale (χ² with known errors). */
    readonly delta: number;
}

export interface Profile {
    readonly points: ProfilePoint[];
    /** The 95 % bounds where the profile crosses the threshold; null where it reaches the parameter's bound first. */
    readonly lower: number | null;
    readonly upper: number | null;
    readonly evaluations: number;
}

/**
 * Start points in the unit box: the first at the centre of the box (the geometric middle of log-scale
 * bounds), the others a Latin hypercube from the seed, so that `starts 8 seed 1` is the same fit everywhere.
 */
export function startPoints(dimensions: number, starts: number, seed: number): number[][] {
    const random = mulberry32(seed);
    const points: number[][] = [new Array<number>(dimensions).fill(0.5)];
    const others = starts - 1;
    if (others <= 0) return points.slice(0, starts);
    const strata = Array.from({ length: dimensions }, () => {
        const order = Array.from({ length: others }, (_, i) => i);
        for (let i = others - 1; i > 0; i--) {
            const j = Math.floor(random() * (i + 1));
            [order[i], order[j]] = [order[j], order[i]];
        }
        return order;
    });
    for (let k = 0; k < others; k++) points.push(strata.map(order => (order[k] + random()) / others));
    return points;
}

export function runStart(f: Residuals, u0: readonly number[], index: number, options: LocalFitOptions = {}): StartOutcome {
    const result = levenbergMarquardt(f, u0, options);
    return { start: index + 1, u: result.u, objective: result.objective, converged: result.converged, evaluations: result.evaluations, reason: result.reason };
}

/**
 * The profile of parameter `index`: stepping it away from the optimum in each direction, the others
 * re-optimised at every step, until the objective has risen by `threshold` (the 95 % bound, found by
 * linear interpolation of the last step) or the parameter's bound is reached (no bound on that side).
 */
export function profileParameter(f: Residuals, parameters: readonly ScaledParameter[], best: { u: readonly number[]; objective: number }, index: number,
    threshold: number, options: { isCancelled?: () => boolean; maxSteps?: number; firstStep?: number } = {}): Profile {
    const points: ProfilePoint[] = [{ value: fromUnit(parameters[index], best.u[index]), delta: 0 }];
    const fixed = parameters.map((_, i) => i === index);
    const bounds: (number | null)[] = [];
    let evaluations = 0;
    for (const direction of [-1, 1]) {
        let t = best.u[index];
        let u = best.u.slice();
        let previous = 0;
        let step = options.firstStep ?? 0.02;
        let crossing: number | null = null;
        for (let k = 0; k < (options.maxSteps ?? 30); k++) {
            const next = Math.min(1, Math.max(0, t + direction * step));
            if (next === t) break;
            const at = (x: number, from: number[]) => {
                const start = from.slice();
                start[index] = x;
                const local = levenbergMarquardt(f, start, { fixed, isCancelled: options.isCancelled, maxEvaluations: 40 + 20 * parameters.length });
                evaluations += local.evaluations;
                const delta = (local.objective - best.objective) / threshold * CHI2_95;
                points.push({ value: fromUnit(parameters[index], x), delta });
                return { delta, u: local.u };
            };
            const here = at(next, u);
            const delta = here.delta;
            if (delta >= CHI2_95) {
                // √Δ is linear in the parameter where the profile is a parabola: interpolate there, and
                // refine the bracket twice so that a curved profile is also located well.
                let lo = t, hi = next, dLo = previous, dHi = delta;
                const cross = () => lo + (Math.sqrt(CHI2_95) - Math.sqrt(dLo)) / (Math.sqrt(dHi) - Math.sqrt(dLo)) * (hi - lo);
                for (let refine = 0; refine < 2; refine++) {
                    const mid = cross();
                    const m = at(mid, u);
                    if (m.delta < CHI2_95) { lo = mid; dLo = Math.max(m.delta, 0); } else { hi = mid; dHi = m.delta; }
                }
                crossing = fromUnit(parameters[index], cross());
                break;
            }
            // A flat stretch: take longer steps; a steep one: keep the step.
            if (delta - previous < 0.1 * CHI2_95) step = Math.min(step * 2, 0.25);
            t = next;
            u = here.u;
            previous = Math.max(delta, 0);
        }
        bounds.push(crossing);
    }
    points.sort((a, b) => a.value - b.value);
    return { points, lower: bounds[0], upper: bounds[1], evaluations };
}

export interface FisherSummary {
    /** Covariance in the scale coordinates (ln θ for log-scale parameters); null when the information matrix is singular. */
    readonly covariance: number[][] | null;
    readonly correlations: number[][];
    /** 95 % Wald intervals mapped back to the parameters (asymmetric for log scale). */
    readonly intervals: ([number, number] | null)[];
}

/**
 * Fisher information at the optimum: Cov = c (JᵀJ)⁻¹ in scale coordinates, c = 1 when the data give
 * errors and the residual variance SSR / (n − p) when they do not.
 */
export function fisherSummary(parameters: readonly ScaledParameter[], u: readonly number[], jacobian: readonly Float64Array[], varianceFactor: number): FisherSummary {
    const p = parameters.length;
    const spans = parameters.map(scaleSpan);
    const info = Array.from({ length: p }, () => new Array<number>(p).fill(0));
    for (const row of jacobian) for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) info[a][b] += (row[a] / spans[a]) * (row[b] / spans[b]);
    const columns: number[][] = [];
    for (let k = 0; k < p; k++) {
        const e = new Array<number>(p).fill(0);
        e[k] = 1;
        const x = solveSymmetric(info, e);
        if (!x || x.some(v => !Number.isFinite(v))) { columns.length = 0; break; }
        columns.push(x.map(v => v * varianceFactor));
    }
    if (columns.length !== p) {
        return { covariance: null, correlations: parameters.map((_, i) => parameters.map((__, j) => (i === j ? 1 : NaN))), intervals: parameters.map(() => null) };
    }
    const cov = columns;
    const sd = cov.map((row, i) => Math.sqrt(row[i]));
    return {
        covariance: cov,
        correlations: cov.map((row, i) => row.map((c, j) => (i === j ? 1 : c / (sd[i] * sd[j])))),
        intervals: parameters.map((par, i) => {
            const s = toScale(par, fromUnit(par, u[i]));
            return [fromScale(par, s - Z95 * sd[i]), fromScale(par, s + Z95 * sd[i])];
        })
    };
}

/** Jacobian of the residuals at u (p + 1 model runs), for the Fisher summary. */
export function jacobianOf(f: Residuals, u: readonly number[], isCancelled?: () => boolean): { jacobian: Float64Array[]; residuals: Float64Array } | null {
    const r = f(u);
    if (!r) return null;
    const j = jacobianAt(f, u, r, 1e-4, u.map(() => false), () => undefined, isCancelled);
    return j ? { jacobian: j, residuals: r } : null;
}
