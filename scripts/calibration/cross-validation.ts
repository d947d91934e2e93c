/**
 * `npm run calibrate -- --loo`: leave-one-out cross-validation of the calibration and 95 % intervals of
 * its fitted parameters (issue 11), with the project's one fitting engine (simulator/fit) on the
 * calibration's own residual vector (objective.ts: Σ residual² is the objective the fit minimises).
 *
 * 1. The Jacobian of every residual (weighted anchors and prior) at the calibrated values, one model run
 *    per free parameter (forward differences in the engine's unit box), checkpointed column by column.
 * 2. Fisher intervals from it (fit-engine.ts): a check's tolerance is read as a 95 % band (1.96 σ), so the
 *    95 % region of a parameter is where the objective rises by 1; a parameter is flagged "not identified"
 *    when the anchors bring under 90 % of its information (the rest is the prior's) or its interval
 *    reaches past both bounds.
 * 3. For each weighted anchor k: refit without k's residuals, then simulate k at the refitted values and
 *    read its checks (held-out margin, RMS error in tolerance units, pass/miss).
 *    `linearised` (default): the Gauss–Newton minimum without k of the linearised objective over the
 *    parameters the anchors identify (step 2), the others held at their calibrated values; then k is
 *    simulated there (no other model run). Holding the unidentified parameters, which several anchors
 *    may inform jointly, makes it optimistic for those anchors.
 *    `--full`: the engine's Levenberg–Marquardt without k from there to convergence, in chunks that are
 *    checkpointed, so the run resumes across budgets (hours on a 2-core machine).
 *    The staged Nelder–Mead search itself is not re-run per anchor (≈ 1 400 model runs each).
 *
 * Writes scripts/calibration/cross-validation.json (read by `npm run docs:model`), keyed to the
 * calibrated values it was computed at, so a re-calibration shows it as stale instead of reusing it.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { jacobianAt, levenbergMarquardt, solveSymmetric, FitCancelledError, type Residuals } from '../../simulator/fit/levenberg-marquardt.js';
import { fisherSummary } from '../../simulator/fit/fit-engine.js';
import { fromUnit, scaleSpan, toUnit, type ScaledParameter } from '../../simulator/fit/parameter-scale.js';
import { FREE_PARAMETERS } from './free-parameters.js';
import { residualVector, type ResidualRow } from './objective.js';
import { ANCHORS, margin, residual, type AnchorOutcome } from './anchors.js';
import type { AnchorScenarios } from './load-anchors.js';

/** Solver tolerance of every run here: finite differences need residuals smoother than the fit's 1e-4 gives. */
export const LOO_RTOL = 1e-6;
/** Forward-difference step in the unit box (≈ 1–5 % of a log-scale value): large against the solver's noise. */
export const LOO_STEP = 1e-2;
/** Damping ladder of the linearised refit (Marquardt scaling of the diagonal): the first whose step fits the trust region. */
const LAMBDAS = [0, 1e-3, 1e-2, 1e-1, 1, 10, 100, 1e3];
/** Trust region of the linearised refit: largest move of any coordinate, in the unit box. */
const TRUST = 0.15;
/** Model runs per chunk of a `--full` refit (about two Jacobians). */
const FULL_CHUNK = 2 * (FREE_PARAMETERS.length + 2);
/** Model runs a `--full` refit may use for one anchor in all. */
const FULL_LIMIT = 12 * (FREE_PARAMETERS.length + 2);
const Z95 = 1.959963984540054;

export interface CrossValidationOptions {
    readonly root: string;
    readonly budget: number;
    readonly fresh: boolean;
    readonly full: boolean;
    /** Hold out only these anchors (all weighted anchors when absent). */
    readonly only?: readonly string[];
}

export interface HeldOutCheck {
    readonly label: string;
    readonly value: number;
    readonly lo: number;
    readonly hi: number;
    readonly margin: number;
    readonly residual: number;
    readonly pass: boolean;
}

export interface LooResult {
    readonly id: string;
    readonly method: 'linearised' | 'full';
    /** Model runs this anchor's refit took (besides the shared Jacobian). */
    readonly evaluations: number;
    /** Objective without the anchor: at the calibrated values, and after the refit. */
    readonly objectiveBefore: number;
    readonly objectiveAfter: number;
    readonly note: string;
    /** Smallest margin over the anchor's checks (tolerance units; negative: outside its band). */
    readonly margin: number;
    /** Root-mean-square residual of its checks in tolerance units (0 at the targets, 1 at a band's edge). */
    readonly error: number;
    readonly pass: boolean;
    /** The same two figures in-sample (the calibrated values), for comparison. */
    readonly inSampleMargin: number;
    readonly inSampleError: number;
    /** Linearised only: the anchor's margin after the same step taken with every anchor kept (what the refit alone does). */
    readonly referenceMargin?: number;
    readonly checks: HeldOutCheck[];
    /** Parameters that moved most (unit-box distance), with their refitted values. */
    readonly moved: { name: string; from: number; to: number }[];
}

export interface ParameterInterval {
    readonly name: string;
    readonly value: number;
    readonly lower: number | null;
    readonly upper: number | null;
    /** Share of the parameter's information (1 / marginal variance) that the anchors bring; the rest is the prior's. */
    readonly anchorShare: number;
    readonly identified: boolean;
    readonly note: string;
}

export interface CrossValidationRecord {
    readonly $comment: string;
    readonly date: string;
    /** The calibrated values the figures were computed at (compare with calibration.json: stale otherwise). */
    readonly at: Record<string, number>;
    readonly rtol: number;
    readonly step: number;
    /** Runs of the whole anchor set, wall-clock seconds over all sessions, and the machine's 1-minute load when written. */
    readonly cost: { readonly modelRuns: number; readonly seconds: number; readonly secondsPerRun: number; readonly load: number; readonly cores: number };
    readonly intervals: ParameterInterval[];
    readonly loo: LooResult[];
    readonly heldOut: string[];
    readonly complete: boolean;
}

interface Checkpoint {
    key: string;
    rows: ResidualRow[];
    r0: number[];
    /** Jacobian columns (one per free parameter) as computed so far. */
    columns: (number[] | null)[];
    results: Record<string, LooResult>;
    /** `--full` refits in progress: where each stands. */
    full: Record<string, { u: number[]; evaluations: number }>;
    modelRuns: number;
    seconds: number;
}

const SCALED: ScaledParameter[] = FREE_PARAMETERS.map(p => ({ lo: p.lo, hi: p.hi, scale: p.log ? 'log' : 'linear' }));
const valuesAt = (u: readonly number[]) => Object.fromEntries(FREE_PARAMETERS.map((p, i) => [p.name, fromUnit(SCALED[i], u[i])]));
const sumSquares = (xs: readonly number[]) => xs.reduce((s, x) => s + x * x, 0);

/** The calibrated values of the free parameters (calibration.json), inside their bounds. */
export function calibratedValues(root: string): Record<string, number> {
    const cal = JSON.parse(fs.readFileSync(path.join(root, 'simulator/model/calibration.json'), 'utf8')) as Record<string, unknown>;
    return Object.fromEntries(FREE_PARAMETERS.map(p => {
        const v = cal[p.name];
        return [p.name, typeof v === 'number' ? Math.min(p.hi, Math.max(p.lo, v)) : p.start];
    }));
}

/** Smallest margin and RMS residual of an anchor's checks. */
function summarise(o: AnchorOutcome): { margin: number; error: number; pass: boolean; checks: HeldOutCheck[] } {
    if (o.error !== undefined || o.checks.length === 0) return { margin: -Infinity, error: Infinity, pass: false, checks: [] };
    const checks = o.checks.map(c => ({ label: c.label, value: c.value, lo: c.lo, hi: c.hi, margin: margin(c), residual: residual(c), pass: c.pass }));
    return {
        margin: Math.min(...checks.map(c => c.margin)),
        error: Math.sqrt(sumSquares(checks.map(c => c.residual)) / checks.length),
        pass: o.pass,
        checks
    };
}

export async function crossValidate(scenarios: AnchorScenarios, options: CrossValidationOptions): Promise<number> {
    const started = Date.now();
    const fitted = calibratedValues(options.root);
    const u0 = FREE_PARAMETERS.map((p, i) => toUnit(SCALED[i], fitted[p.name]));
    const weighted = ANCHORS.filter(a => a.weight > 0).map(a => a.id);
    const heldOut = weighted.filter(id => !options.only || options.only.includes(id));
    const checkpointFile = path.join(options.root, 'out/calibration/loo-checkpoint.json');
    const outFile = path.join(options.root, 'scripts/calibration/cross-validation.json');
    const key = JSON.stringify({ fitted, weighted, rtol: LOO_RTOL, step: LOO_STEP });
    const elapsed = () => (Date.now() - started) / 1000;
    const overBudget = () => elapsed() > options.budget;

    let cp: Checkpoint | undefined;
    if (!options.fresh && fs.existsSync(checkpointFile)) {
        const saved = JSON.parse(fs.readFileSync(checkpointFile, 'utf8')) as Checkpoint;
        if (saved.key === key) cp = saved;
        else console.log('calibrate --loo: the calibration changed since the checkpoint; starting over');
    }
    const secondsBefore = cp?.seconds ?? 0;
    const save = () => {
        cp!.seconds = secondsBefore + elapsed();
        fs.mkdirSync(path.dirname(checkpointFile), { recursive: true });
        fs.writeFileSync(checkpointFile, JSON.stringify(cp));
    };
    const run = (u: readonly number[], anchorIds?: readonly string[]) => {
        cp!.modelRuns++;
        return residualVector(scenarios, valuesAt(u), anchorIds, LOO_RTOL);
    };

    if (!cp) {
        const base = residualVector(scenarios, fitted, undefined, LOO_RTOL);
        cp = { key, rows: base.rows, r0: base.values, columns: FREE_PARAMETERS.map(() => null), results: {}, full: {}, modelRuns: 1, seconds: 0 };
        save();
        console.log(`calibrate --loo: objective at the calibrated values ${sumSquares(base.values).toFixed(4)} (${base.rows.length} residuals)`);
    }
    const rows = cp.rows;
    const r0 = Float64Array.from(cp.r0);
    // Residuals as the engine sees them; an evaluation whose rows differ (an anchor failed) is a failure.
    const residuals = (keep: (row: ResidualRow) => boolean, anchorIds?: readonly string[]): Residuals => u => {
        const r = run(u, anchorIds);
        const wanted = rows.filter(keep);
        const got = r.rows;
        if (got.length !== wanted.length || got.some((row, i) => row.label !== wanted[i].label || row.anchor !== wanted[i].anchor)) return null;
        return Float64Array.from(r.values);
    };
    const all = residuals(() => true);

    // 1. The Jacobian, a column (one model run) at a time.
    for (let j = 0; j < FREE_PARAMETERS.length; j++) {
        if (cp.columns[j]) continue;
        if (overBudget()) return stop(cp, save, 'Jacobian', j);
        const fixed = FREE_PARAMETERS.map((_, i) => i !== j);
        const jac = jacobianAt(all, u0, r0, LOO_STEP, fixed, () => undefined);
        if (!jac) throw new Error(`the model could not be run with ${FREE_PARAMETERS[j].name} stepped`);
        cp.columns[j] = jac.map(row => row[j]);
        save();
        console.log(`calibrate --loo: Jacobian column ${j + 1}/${FREE_PARAMETERS.length} (${FREE_PARAMETERS[j].name})`);
    }
    const J = rows.map((_, i) => Float64Array.from(cp!.columns, c => c![i]));

    // 2. Intervals.
    const intervals = parameterIntervals(u0, J, rows);
    // The linearised refit moves the parameters the anchors identify; the others (the prior's) stay.
    const identified = intervals.map(i => i.identified);

    // 3. Leave one out.
    for (const id of heldOut) {
        if (cp.results[id]?.method === (options.full ? 'full' : 'linearised')) continue;
        if (overBudget()) return stop(cp, save, 'leave-one-out', heldOut.indexOf(id));
        const keep = (row: ResidualRow) => row.anchor !== id;
        const keepIdx = rows.map((row, i) => (keep(row) ? i : -1)).filter(i => i >= 0);
        const before = sumSquares(keepIdx.map(i => r0[i]));
        const inSample = summarise(evaluateOne(scenarios, fitted, id));
        let u = u0, after = before, evaluations = 0, note = '';
        let reference: number | undefined;
        if (!options.full) {
            const step = oneStep(u0, J, r0, keepIdx, identified);
            u = step.u; after = step.predicted; note = `${step.note}; objective without it ${after.toFixed(3)} by the linear model`;
            // The same step with every anchor kept: what the refit alone does to the anchor.
            const all = oneStep(u0, J, r0, rows.map((_, i) => i), identified);
            reference = summarise(evaluateOne(scenarios, valuesAt(all.u), id)).margin;
        } else {
            const others = weighted.filter(w => w !== id);
            const f = residuals(keep, others);
            const state = cp.full[id] ?? { u: u0.slice(), evaluations: 0 };
            let converged = false, reason = '';
            while (!converged && state.evaluations < FULL_LIMIT) {
                if (overBudget()) { cp.full[id] = state; return stop(cp, save, `full refit of ${id}`, heldOut.indexOf(id)); }
                let result;
                try {
                    result = levenbergMarquardt(f, state.u, { maxEvaluations: FULL_CHUNK, step: LOO_STEP, isCancelled: overBudget });
                } catch (error) {
                    if (error instanceof FitCancelledError) { cp.full[id] = state; return stop(cp, save, `full refit of ${id}`, heldOut.indexOf(id)); }
                    throw error;
                }
                state.u = result.u;
                state.evaluations += result.evaluations;
                converged = result.converged;
                reason = result.reason;
                after = result.objective;
                cp.full[id] = state;
                save();
                console.log(`calibrate --loo: ${id} full refit: objective without it ${after.toFixed(4)} after ${state.evaluations} runs (${reason})`);
            }
            u = state.u; evaluations = state.evaluations;
            note = converged ? `Levenberg–Marquardt converged (${reason})` : `stopped at the limit of ${FULL_LIMIT} model runs (${reason})`;
        }
        const held = summarise(evaluateOne(scenarios, valuesAt(u), id));
        const moved = FREE_PARAMETERS.map((p, i) => ({ name: p.name, d: Math.abs(u[i] - u0[i]), from: fitted[p.name], to: fromUnit(SCALED[i], u[i]) }))
            .filter(m => m.d > 1e-4).sort((a, b) => b.d - a.d).slice(0, 4).map(({ name, from, to }) => ({ name, from: Number(from.toPrecision(4)), to: Number(to.toPrecision(4)) }));
        cp.results[id] = {
            id, method: options.full ? 'full' : 'linearised', evaluations, objectiveBefore: before, objectiveAfter: after, note,
            margin: held.margin, error: held.error, pass: held.pass, inSampleMargin: inSample.margin, inSampleError: inSample.error,
            ...(reference !== undefined ? { referenceMargin: reference } : {}), checks: held.checks, moved
        };
        delete cp.full[id];
        save();
        console.log(`calibrate --loo: ${id} held out: margin ${held.margin.toFixed(2)} (in-sample ${inSample.margin.toFixed(2)}), RMS error ${held.error.toFixed(2)}, ${held.pass ? 'pass' : 'MISS'}; ${note}`);
    }

    const seconds = secondsBefore + elapsed();
    const record: CrossValidationRecord = {
        $comment: 'Written by `npm run calibrate -- --loo` (scripts/calibration/cross-validation.ts). Do not edit by hand.',
        date: new Date().toISOString().slice(0, 10),
        at: Object.fromEntries(Object.entries(fitted).map(([k, v]) => [k, Number(v.toPrecision(6))])),
        rtol: LOO_RTOL,
        step: LOO_STEP,
        cost: { modelRuns: cp.modelRuns, seconds: Math.round(seconds), secondsPerRun: Number((seconds / cp.modelRuns).toFixed(2)), load: Number(os.loadavg()[0].toFixed(1)), cores: os.cpus().length },
        intervals,
        loo: heldOut.map(id => cp!.results[id]),
        heldOut,
        complete: heldOut.length === weighted.length
    };
    fs.writeFileSync(outFile, JSON.stringify(record, (_, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v), 2) + '\n');
    const margins = record.loo.map(r => r.margin).sort((a, b) => a - b);
    console.log(`calibrate --loo: wrote ${path.relative(options.root, outFile)}: ${record.loo.filter(r => r.pass).length}/${record.loo.length} held-out anchors met; median margin ${(margins.length % 2 ? margins[(margins.length - 1) / 2] : (margins[margins.length / 2 - 1] + margins[margins.length / 2]) / 2)?.toFixed(2)}, worst ${margins[0]?.toFixed(2)}; ${cp.modelRuns} model runs in ${Math.round(seconds)} s`);
    return 0;
}

function stop(cp: Checkpoint, save: () => void, phase: string, at: number): number {
    save();
    console.log(`calibrate --loo: budget used during the ${phase} (item ${at + 1}); ${cp.modelRuns} model runs so far. Run again to continue.`);
    return 2;
}

function evaluateOne(scenarios: AnchorScenarios, values: Record<string, number>, id: string): AnchorOutcome {
    return residualVector(scenarios, values, [id], LOO_RTOL).outcomes[0];
}

/**
 * The linearised refit without the held-out rows: a Gauss–Newton step of the `free` coordinates on the
 * shared Jacobian (the rows kept), damped only if needed to stay inside the trust region (no coordinate
 * moves more than TRUST of the unit box), where the linearisation holds. At the calibrated values the
 * identified parameters are near a minimum (the full step moves them ≤ 0.06 of the box), so this is the
 * minimum of the linearised objective without the anchor. No model run: the caller simulates the anchor.
 */
function oneStep(u0: readonly number[], J: readonly Float64Array[], r0: Float64Array, keepIdx: readonly number[], free: readonly boolean[]): { u: number[]; predicted: number; note: string } {
    const n = u0.length;
    const jtj = Array.from({ length: n }, () => new Array<number>(n).fill(0));
    const jtr = new Array<number>(n).fill(0);
    for (const i of keepIdx) {
        const row = J[i];
        for (let a = 0; a < n; a++) {
            jtr[a] += row[a] * r0[i];
            for (let b = 0; b < n; b++) jtj[a][b] += row[a] * row[b];
        }
    }
    // Coordinates at a bound whose gradient pushes outwards stay there (as in the engine).
    const active = u0.map((x, a) => free[a] && !((x <= 0 && jtr[a] > 0) || (x >= 1 && jtr[a] < 0)));
    const idx = active.map((x, a) => (x ? a : -1)).filter(a => a >= 0);
    for (const lambda of LAMBDAS) {
        const A = idx.map(a => idx.map(b => (a === b ? jtj[a][b] + lambda * Math.max(jtj[a][a], 1e-12) : jtj[a][b])));
        const delta = solveSymmetric(A, idx.map(a => -jtr[a]));
        if (!delta || Math.max(...delta.map(Math.abs)) > TRUST) continue;
        const u = u0.slice();
        idx.forEach((a, k) => { u[a] = Math.min(1, Math.max(0, u0[a] + delta[k])); });
        // The linear model's objective over the kept rows at the step.
        let predicted = 0;
        for (const i of keepIdx) {
            let r = r0[i];
            for (let a = 0; a < n; a++) r += J[i][a] * (u[a] - u0[a]);
            predicted += r * r;
        }
        return { u, predicted, note: lambda === 0 ? 'Gauss–Newton step' : `Gauss–Newton step damped by ${lambda}` };
    }
    return { u: u0.slice(), predicted: sumSquares(keepIdx.map(i => r0[i])), note: 'no step inside the trust region: held at the calibrated values' };
}

/**
 * Fisher (Wald) 95 % intervals from the Jacobian of all residuals (anchors and prior), in the scale
 * coordinates of each parameter (ln θ for log-scale ones), mapped back and clipped to the bounds.
 */
export function parameterIntervals(u0: readonly number[], J: readonly Float64Array[], rows: readonly ResidualRow[]): ParameterInterval[] {
    // Tolerance = 1.96 σ: Cov = (JᵀJ)⁻¹ / 1.96² in tolerance units, so ±1.96 σ is where the objective rises by 1.
    const summary = fisherSummary(SCALED, u0, J, 1 / (Z95 * Z95));
    const spans = SCALED.map(scaleSpan);
    return FREE_PARAMETERS.map((p, i) => {
        const value = fromUnit(SCALED[i], u0[i]);
        let priorInfo = 0;
        rows.forEach((row, k) => { if (row.anchor === null) priorInfo += (J[k][i] / spans[i]) ** 2; });
        const variance = summary.covariance ? summary.covariance[i][i] * Z95 * Z95 : NaN;
        const anchorShare = Number.isFinite(variance) && variance > 0 ? Math.max(0, 1 - priorInfo * variance) : 0;
        const interval = summary.intervals[i];
        const lower = interval && interval[0] > p.lo ? interval[0] : null;
        const upper = interval && interval[1] < p.hi ? interval[1] : null;
        const identified = anchorShare >= 0.9 && !(lower === null && upper === null);
        const note = !interval ? 'the information matrix is singular'
            : !identified ? (anchorShare < 0.9 ? `the anchors bring ${Math.round(anchorShare * 100)} % of its information; the prior the rest` : 'the interval reaches past both bounds')
                : lower === null || upper === null ? 'bounded on one side by its search bound' : '';
        return {
            name: p.name, value: Number(value.toPrecision(4)),
            lower: lower === null ? null : Number(lower.toPrecision(3)), upper: upper === null ? null : Number(upper.toPrecision(3)),
            anchorShare: Number(anchorShare.toFixed(3)), identified, note
        };
    });
}
