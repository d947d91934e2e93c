/**
 * Global sensitivity of any model y = f(x₁ … x_k), x_i uniform on [low_i, high_i] (docs/language.md
 * "Global sensitivity"): the designs (which inputs to run) and the estimators (what the outputs say),
 * kept apart so that the bone model, a test function and a sharded study all go through the same code:
 * `designRow(design, r)` depends on the study (method, factors, samples, seed) and the global row index r
 * alone, and `analyse…` takes the outputs of every row.
 *
 * - Sobol: Saltelli sampling from the Sobol sequence in 2k dimensions (A | B), blocks of k + 2 rows per
 *   sample j: A_j, AB_j⁽¹⁾ … AB_j⁽ᵏ⁾ (A_j with column i from B_j), B_j. First-order indices by Saltelli et al.
 *   (2010) S_i = mean((f_B − f̄) (f_ABi − f_A)) / V (f_B centred on the mean of f_A and f_B), total indices by Jansen (1999) S_Ti = mean((f_A − f_ABi)²) / 2V,
 *   V the variance of f_A and f_B together; 95 % intervals: percentile bootstrap over the samples.
 * - Morris: r trajectories of k + 1 points on a 4-level grid in the unit cube (Δ = 2/3), each factor moved once
 *   in a random order and direction; elementary effects EE_i = Δy / Δu in the output's unit per whole range of
 *   the factor; μ* = mean |EE|, σ = their standard deviation (Campolongo et al. 2007).
 * A sample (Sobol block or Morris trajectory) with a failed run is left out whole, and counted.
 */
import { memberStream, type Uniform } from './random.js';
import { sobolPoint } from './sobol-sequence.js';

export type GlobalMethod = 'sobol' | 'morris';

export interface Factor {
    readonly name: string;
    readonly low: number;
    readonly high: number;
}

export interface GlobalDesign {
    readonly method: GlobalMethod;
    readonly factors: readonly Factor[];
    /** Sobol: base samples N (runs N·(k + 2)); Morris: trajectories r (runs r·(k + 1)). */
    readonly samples: number;
    readonly seed: number;
}

/** Morris grid levels and jump (Δ = p / (2 (p − 1))). */
export const MORRIS_LEVELS = 4;
const MORRIS_DELTA = MORRIS_LEVELS / (2 * (MORRIS_LEVELS - 1));
/** Bootstrap resamples for the 95 % intervals. */
export const BOOTSTRAP_RESAMPLES = 1000;

/** Rows (model runs) one sample takes. */
export function rowsPerSample(design: Pick<GlobalDesign, 'method' | 'factors'>): number {
    return design.factors.length + (design.method === 'sobol' ? 2 : 1);
}

export function designRowCount(design: GlobalDesign): number {
    return design.samples * rowsPerSample(design);
}

/** The factor values of row `r` of the study (in the factors' units). */
export function designRow(design: GlobalDesign, r: number): Float64Array {
    const u = design.method === 'sobol' ? sobolUnitRow(design, r) : morrisUnitRow(design, r);
    return u.map((x, i) => design.factors[i].low + (design.factors[i].high - design.factors[i].low) * x);
}

function sobolUnitRow(design: GlobalDesign, r: number): Float64Array {
    const k = design.factors.length;
    const j = Math.floor(r / (k + 2)), m = r % (k + 2);
    // Point 0 of the sequence is the origin, a corner of the cube: start at point 1.
    const p = sobolPoint(2 * k, j + 1);
    if (m === k + 1) return p.slice(k, 2 * k);
    const row = p.slice(0, k);
    if (m > 0) row[m - 1] = p[k + m - 1];
    return row;
}

interface Trajectory {
    readonly start: Float64Array;
    readonly direction: Int8Array;
    readonly order: Int32Array;
}

/** Trajectory t from the study seed and t alone: start on the grid, a direction and an order of the factors. */
function trajectory(design: GlobalDesign, t: number): Trajectory {
    const k = design.factors.length;
    const uniform = memberStream(design.seed, t);
    const steps = MORRIS_LEVELS / 2; // grid points a +Δ move can start from: 0 … 1 − Δ
    const start = new Float64Array(k), direction = new Int8Array(k);
    for (let i = 0; i < k; i++) {
        const up = uniform() < 0.5;
        const level = Math.min(steps - 1, Math.floor(uniform() * steps));
        direction[i] = up ? 1 : -1;
        start[i] = (up ? level : level + steps) / (MORRIS_LEVELS - 1);
    }
    return { start, direction, order: permutation(k, uniform) };
}

function permutation(k: number, uniform: Uniform): Int32Array {
    const order = Int32Array.from({ length: k }, (_, i) => i);
    for (let i = k - 1; i > 0; i--) {
        const j = Math.min(i, Math.floor(uniform() * (i + 1)));
        [order[i], order[j]] = [order[j], order[i]];
    }
    return order;
}

function morrisUnitRow(design: GlobalDesign, r: number): Float64Array {
    const k = design.factors.length;
    const tr = trajectory(design, Math.floor(r / (k + 1)));
    const row = tr.start.slice();
    for (let s = 0; s < r % (k + 1); s++) {
        const i = tr.order[s];
        row[i] += tr.direction[i] * MORRIS_DELTA;
    }
    return row;
}

/** Outputs of each row: one value per output (time); undefined for a failed run. */
export type RowOutputs = readonly (readonly number[] | undefined)[];

export interface SobolIndices {
    readonly first: number[];
    readonly firstCi95: [number, number][];
    readonly total: number[];
    readonly totalCi95: [number, number][];
    readonly variance: number;
}

export interface MorrisIndices {
    readonly mu: number[];
    readonly muStar: number[];
    readonly muStarCi95: [number, number][];
    readonly sigma: number[];
}

export interface GlobalIndices {
    readonly method: GlobalMethod;
    /** Samples whose runs all succeeded (the estimators use only these). */
    readonly samplesUsed: number;
    /** Runs without an output (failed). */
    readonly failedRuns: number;
    /** Per output (time), in the order of the rows' values. */
    readonly sobol?: SobolIndices[];
    readonly morris?: MorrisIndices[];
}

/** Indices from the outputs of every row of the design (rows in global order). */
export function analyse(design: GlobalDesign, outputs: RowOutputs): GlobalIndices {
    if (outputs.length !== designRowCount(design)) throw new RangeError(`the study has ${designRowCount(design)} runs, got ${outputs.length} outputs`);
    const per = rowsPerSample(design);
    const good: number[] = [];
    for (let j = 0; j < design.samples; j++) {
        let ok = true;
        for (let m = 0; m < per && ok; m++) {
            const o = outputs[j * per + m];
            ok = o !== undefined && o.every(Number.isFinite);
        }
        if (ok) good.push(j);
    }
    const count = outputs.find(o => o !== undefined)?.length ?? 0;
    const column = (j: number, m: number, t: number) => outputs[j * per + m]![t];
    const indices = Array.from({ length: count }, (_, t) => design.method === 'sobol'
        ? sobolAt(design, good, (j, m) => column(j, m, t))
        : morrisAt(design, good, (j, m) => column(j, m, t)));
    const failedRuns = outputs.filter(o => o === undefined).length;
    return design.method === 'sobol'
        ? { method: 'sobol', samplesUsed: good.length, failedRuns, sobol: indices as SobolIndices[] }
        : { method: 'morris', samplesUsed: good.length, failedRuns, morris: indices as MorrisIndices[] };
}

type Value = (sample: number, row: number) => number;

/** The bootstrap's resamples (indices into the used samples), the same for every factor and output. */
function resamples(design: GlobalDesign, n: number): Int32Array[] {
    // A stream apart from the samples' (index −1 is no sample's).
    const uniform = memberStream(design.seed ^ 0x2545f491, -1);
    return Array.from({ length: BOOTSTRAP_RESAMPLES }, () => Int32Array.from({ length: n }, () => Math.min(n - 1, Math.floor(uniform() * n))));
}

function sobolAt(design: GlobalDesign, good: readonly number[], y: Value): SobolIndices {
    const k = design.factors.length, n = good.length;
    const fA = Float64Array.from(good, j => y(j, 0));
    const fB = Float64Array.from(good, j => y(j, k + 1));
    const fAB = design.factors.map((_, i) => Float64Array.from(good, j => y(j, i + 1)));
    const estimate = (pick: (s: number) => number) => {
        let sum = 0, sumSq = 0;
        for (let s = 0; s < n; s++) { const a = fA[pick(s)], b = fB[pick(s)]; sum += a + b; sumSq += a * a + b * b; }
        const mean = sum / (2 * n);
        const variance = sumSq / (2 * n) - mean * mean;
        const first: number[] = [], total: number[] = [];
        for (let i = 0; i < k; i++) {
            let f = 0, tt = 0;
            for (let s = 0; s < n; s++) {
                // f_B centred on the mean: the same expectation (E f_ABi = E f_A), far less variance when the
                // output's mean is large against its spread (a BMD change of −5 ± 1 %).
                const q = pick(s), d = fAB[i][q] - fA[q];
                f += (fB[q] - mean) * d;
                tt += d * d;
            }
            first.push(variance > 0 ? f / n / variance : 0);
            total.push(variance > 0 ? tt / (2 * n) / variance : 0);
        }
        return { first, total, variance };
    };
    const point = estimate(s => s);
    const boot = n > 1 ? resamples(design, n).map(idx => estimate(s => idx[s])) : [];
    return {
        first: point.first, total: point.total, variance: point.variance,
        firstCi95: point.first.map((_, i) => interval(boot.map(b => b.first[i]))),
        totalCi95: point.total.map((_, i) => interval(boot.map(b => b.total[i])))
    };
}

function morrisAt(design: GlobalDesign, good: readonly number[], y: Value): MorrisIndices {
    const k = design.factors.length, n = good.length;
    // effects[i][s]: the elementary effect of factor i in trajectory good[s].
    const effects = design.factors.map(() => new Float64Array(n));
    good.forEach((t, s) => {
        const tr = trajectory(design, t);
        for (let step = 0; step < k; step++) {
            const i = tr.order[step];
            effects[i][s] = (y(t, step + 1) - y(t, step)) / (tr.direction[i] * MORRIS_DELTA);
        }
    });
    const meanAbs = (e: Float64Array, pick: (s: number) => number) => { let a = 0; for (let s = 0; s < n; s++) a += Math.abs(e[pick(s)]); return a / n; };
    const boot = n > 1 ? resamples(design, n) : [];
    return {
        mu: effects.map(e => e.reduce((a, b) => a + b, 0) / n),
        muStar: effects.map(e => meanAbs(e, s => s)),
        muStarCi95: effects.map(e => interval(boot.map(idx => meanAbs(e, s => idx[s])))),
        sigma: effects.map(e => {
            if (n < 2) return 0;
            const mean = e.reduce((a, b) => a + b, 0) / n;
            return Math.sqrt(e.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
        })
    };
}

/** 2.5th and 97.5th percentiles (linear interpolation); [NaN, NaN] without resamples. */
function interval(values: number[]): [number, number] {
    if (values.length === 0) return [NaN, NaN];
    const sorted = Float64Array.from(values).sort();
    const at = (p: number) => {
        const h = (sorted.length - 1) * p, lo = Math.floor(h), hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    };
    return [at(0.025), at(0.975)];
}

/**
 * Evaluates a model over the rows [first, first + count) of the design: the bone model runs them as
 * simulation tasks on the worker pool, a test function computes them in place.
 */
export type RowEvaluator = (rows: readonly Float64Array[], first: number) => Promise<RowOutputs>;

/** The whole study in one place: design, evaluate every row, analyse. */
export async function globalSensitivity(design: GlobalDesign, evaluate: RowEvaluator): Promise<GlobalIndices> {
    const rows = Array.from({ length: designRowCount(design) }, (_, r) => designRow(design, r));
    return analyse(design, await evaluate(rows, 0));
}
