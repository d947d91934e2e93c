/**
 * Runs a fit (docs/data-and-fit.md §3, §5): every start of the multistart as one task on the task
 * runner (the worker pool: one start per worker at a time, cancelled through the pool's shared flag),
 * then the profiles of the best optimum (one task per parameter) or, with `intervals: 'fisher'`, the
 * Fisher information only. The result is the JSON of `osteo fit`.
 */
import type { TaskRunner } from '../analysis/task-runner.js';
import type { SimTask, TaskOutput } from '../analysis/sim-task.js';
import { goodnessOfFit, observationResult, type ObservationResult } from '../data/observations.js';
import { CHI2_95, fisherSummary, jacobianOf, profileParameter, runStart, startPoints, type Profile, type StartOutcome } from './fit-engine.js';
import { armParameters, errorsKnown, pointCount, predictAt, residualFunction, type FitProblem } from './fit-problem.js';
import { simulateArm } from '../simulate.js';
import { fromUnit, scaleSpan } from './parameter-scale.js';

export type FitWork =
    | { readonly kind: 'start'; readonly problem: FitProblem; readonly u0: number[]; readonly index: number }
    | { readonly kind: 'profile'; readonly problem: FitProblem; readonly best: { readonly u: number[]; readonly objective: number }; readonly index: number; readonly threshold: number; readonly firstStep: number };

export type FitWorkOutput =
    | { readonly kind: 'start'; readonly outcome: StartOutcome }
    | { readonly kind: 'profile'; readonly profile: Profile };

/** One task's work, in whichever thread runs it (pure apart from the cancellation poll). */
export function runFitWork(work: FitWork, isCancelled?: () => boolean): FitWorkOutput {
    const f = residualFunction(work.problem, isCancelled);
    if (work.kind === 'start') return { kind: 'start', outcome: runStart(f, work.u0, work.index, { isCancelled }) };
    const estimates = work.problem.estimates;
    return { kind: 'profile', profile: profileParameter(f, estimates, work.best, work.index, work.threshold, { isCancelled, firstStep: work.firstStep }) };
}

/** Every start failed: the model could not be run anywhere the starts tried (exit 3). */
export class FitFailedError extends Error {
    override readonly name = 'FitFailedError';
}

export interface EstimateResult {
    readonly name: string;
    readonly arm: string | null;
    readonly value: number;
    /** 95 % interval; a side the profile does not close is the search bound. */
    readonly ci95: [number, number];
    /** The Fisher-information interval, for comparison (null when the information matrix is singular). */
    readonly fisherCi95: [number, number] | null;
    readonly bounds: [number, number];
    readonly scale: 'log' | 'linear';
    readonly unit: string;
    readonly identifiable: boolean;
    /** Why not, when not identifiable. */
    readonly note?: string;
    /** Profile points (value, rise of the objective in χ² units), when profiles were computed. */
    readonly profile?: { value: number; delta: number }[];
}

export interface FitResult {
    readonly scenario: string;
    readonly fit: string;
    readonly objective: { readonly kind: 'weighted-least-squares'; readonly value: number; readonly points: number };
    readonly estimates: EstimateResult[];
    readonly correlations: (number | null)[][];
    readonly interval: 'profile-likelihood' | 'fisher';
    readonly starts: { start: number; objective: number | null; converged: boolean; evaluations: number; reason: string }[];
    readonly bestStart: number;
    readonly rmse: number;
    readonly aic: number;
    readonly bic: number;
    readonly seconds: number;
    /** Data beside the fitted prediction, per observe (the fit panel's plots). */
    readonly observations: ObservationResult[];
    /** Each observed series of each arm over the whole horizon at the best estimates (the fit panel's curves). */
    readonly curves?: FitCurve[];
}

export interface FitCurve {
    readonly arm: string;
    readonly series: string;
    /** Days. */
    readonly time: number[];
    readonly value: number[];
}

/** Points of a fitted curve: enough for a smooth line on a panel-wide chart, few enough for a small JSON. */
const CURVE_POINTS = 150;

export interface RunFitOptions {
    /** 'profile' (default) or 'fisher' (no profiles: one Jacobian instead of ~20 re-optimisations per parameter). */
    readonly intervals?: 'profile' | 'fisher';
    readonly isCancelled?: () => boolean;
    /** Called as starts (phase 'starts') and profiles (phase 'profiles') finish. */
    readonly onProgress?: (phase: 'starts' | 'profiles', done: number, total: number) => void;
}

const round = (x: number) => Number(x.toPrecision(6));

/**
 * The multistart's tasks, start by start: start i depends on the problem (its seed) and i alone, so `osteo fit
 * --shard` runs a range of them anywhere and `osteo merge` finishes the fit from all their outputs (finishFit).
 */
export function fitStartTasks(problem: FitProblem): SimTask[] {
    const desc = problem.arms[0];
    return startPoints(problem.estimates.length, problem.starts, problem.seed).map((u0, index) => ({ desc, fit: { kind: 'start', problem, u0, index } as FitWork }));
}

export async function runFit(problem: FitProblem, runner: TaskRunner, options: RunFitOptions = {}): Promise<FitResult> {
    const started = Date.now();
    const startOutputs = await runner.run(fitStartTasks(problem),
        { isCancelled: options.isCancelled, onProgress: (done, total) => options.onProgress?.('starts', done, total) });
    return finishFit(problem, startOutputs, runner, options, started);
}

/**
 * The fit from the outputs of every start (in order): the best optimum, its Fisher information and profiles (run on
 * `runner`), the estimates and the goodness of fit. `started` (ms) is when the fit began, for `seconds`.
 */
export async function finishFit(problem: FitProblem, startOutputs: readonly TaskOutput[], runner: TaskRunner, options: RunFitOptions = {}, started = Date.now()): Promise<FitResult> {
    const p = problem.estimates.length;
    const desc = problem.arms[0];
    const starts = startPoints(p, problem.starts, problem.seed);
    const outcomes = startOutputs.map((out, i): StartOutcome => {
        if (out.ok && out.fit?.kind === 'start') return out.fit.outcome;
        return { start: i + 1, u: starts[i], objective: Infinity, converged: false, evaluations: 0, reason: out.ok ? 'no result' : out.message };
    });
    const finite = outcomes.filter(o => Number.isFinite(o.objective));
    if (finite.length === 0) throw new FitFailedError(`every start of fit ${problem.fit} failed: ${outcomes[0]?.reason ?? 'no starts'}`);
    const best = finite.reduce((a, b) => (b.objective < a.objective ? b : a));

    const n = pointCount(problem);
    const known = errorsKnown(problem);
    // Residual variance: 1 with given errors; SSR / (n − p) otherwise (the χ² threshold scales with it).
    const variance = known ? 1 : Math.max(best.objective / Math.max(n - p, 1), 1e-300);
    const f = residualFunction(problem, options.isCancelled);
    const jac = jacobianOf(f, best.u, options.isCancelled);
    const fisher = jac ? fisherSummary(problem.estimates, best.u, jac.jacobian, variance) : undefined;

    let profiles: (Profile | undefined)[] = problem.estimates.map(() => undefined);
    const intervals = options.intervals ?? 'profile';
    if (intervals === 'profile') {
        const firstSteps = problem.estimates.map((e, i) => {
            const sd = fisher?.covariance ? Math.sqrt(fisher.covariance[i][i]) / scaleSpan(e) : NaN;
            return Number.isFinite(sd) ? Math.min(0.1, Math.max(1e-3, sd)) : 0.02;
        });
        const outputs = await runner.run(problem.estimates.map((_, index) => ({
            desc, fit: { kind: 'profile', problem, best: { u: best.u, objective: best.objective }, index, threshold: CHI2_95 * variance, firstStep: firstSteps[index] } as FitWork
        })), { isCancelled: options.isCancelled, onProgress: (done, total) => options.onProgress?.('profiles', done, total) });
        profiles = outputs.map(out => (out.ok && out.fit?.kind === 'profile' ? out.fit.profile : undefined));
    }

    const estimates = problem.estimates.map((e, i): EstimateResult => {
        const value = fromUnit(e, best.u[i]);
        const fisherCi = fisher?.intervals[i] ?? null;
        const profile = profiles[i];
        let ci: [number, number];
        let identifiable: boolean;
        let note: string | undefined;
        if (profile) {
            ci = [profile.lower ?? e.lo, profile.upper ?? e.hi];
            const flat = Math.max(...profile.points.map(pt => pt.delta)) < 0.1 * CHI2_95;
            identifiable = profile.lower !== null && profile.upper !== null;
            if (flat) note = 'flat profile: the data do not inform this parameter';
            else if (!identifiable) note = `the profile reaches the ${profile.lower === null ? 'lower' : 'upper'} bound below the 95 % threshold`;
        } else {
            ci = fisherCi ? [Math.max(fisherCi[0], e.lo), Math.min(fisherCi[1], e.hi)] : [e.lo, e.hi];
            identifiable = !!fisherCi && fisherCi[0] > e.lo && fisherCi[1] < e.hi;
            if (!fisherCi) note = 'singular Fisher information: the data do not inform this parameter';
            else if (!identifiable) note = 'the 95 % interval reaches a search bound';
        }
        return {
            name: e.name, arm: e.arm, value: round(value), ci95: [round(ci[0]), round(ci[1])],
            fisherCi95: fisherCi ? [round(fisherCi[0]), round(fisherCi[1])] : null,
            bounds: [e.lo, e.hi], scale: e.scale, unit: e.unit, identifiable,
            ...(note ? { note } : {}),
            ...(profile ? { profile: profile.points.map(pt => ({ value: round(pt.value), delta: round(pt.delta) })) } : {})
        };
    });

    const predicted = predictAt(problem, best.u) ?? problem.observations.map(o => o.times.map(() => NaN));
    const curves = options.isCancelled?.() ? [] : fittedCurves(problem, best.u);
    const observations = problem.observations.map((o, j) => observationResult(o, predicted[j]));
    const gof = goodnessOfFit(observations);
    const ssr = observations.reduce((s, o) => s + o.residual.reduce((t, r) => t + r * r, 0), 0);
    // Gaussian log-likelihood up to a constant: χ² with known errors, n ln(SSR/n) with an estimated variance.
    const m2ll = known ? best.objective : n * Math.log(Math.max(ssr, 1e-300) / n);
    return {
        scenario: problem.scenario, fit: problem.fit,
        objective: { kind: 'weighted-least-squares', value: round(best.objective), points: n },
        estimates,
        correlations: (fisher?.correlations ?? problem.estimates.map((_, i) => problem.estimates.map((__, j) => (i === j ? 1 : NaN))))
            .map(row => row.map(c => (Number.isFinite(c) ? round(c) : null))),
        interval: intervals === 'profile' ? 'profile-likelihood' : 'fisher',
        starts: outcomes.map(o => ({ start: o.start, objective: Number.isFinite(o.objective) ? round(o.objective) : null, converged: o.converged, evaluations: o.evaluations, reason: o.reason })),
        bestStart: best.start,
        rmse: round(gof.rmse),
        aic: round(m2ll + 2 * p),
        bic: round(m2ll + p * Math.log(n)),
        seconds: round((Date.now() - started) / 1000),
        observations,
        ...(curves.length > 0 ? { curves } : {})
    };
}

/** The observed series of every fitted arm on an even grid (plus the data times), at the estimates `u`. */
function fittedCurves(problem: FitProblem, u: readonly number[]): FitCurve[] {
    const curves: FitCurve[] = [];
    for (const desc of problem.arms) {
        const keys = [...new Set(problem.observations.filter(o => o.arm === desc.arm).map(o => o.series))];
        if (keys.length === 0) continue;
        const grid = Array.from({ length: CURVE_POINTS + 1 }, (_, i) => desc.durationDays * i / CURVE_POINTS);
        const times = [...new Set([...grid, ...desc.sampleTimes])].sort((a, b) => a - b);
        try {
            const arm = simulateArm({ ...desc, sampleTimes: times, parameters: { ...desc.parameters, ...armParameters(problem, desc.arm, u) } }, { rtol: problem.rtol ?? 1e-7 });
            for (const key of keys) {
                const values = arm.series[key];
                if (values) curves.push({ arm: desc.arm, series: key, time: arm.time.map(round), value: values.map(round) });
            }
        } catch {
            // The best point simulated during the fit; a failure here only costs the panel its curve.
        }
    }
    return curves;
}
