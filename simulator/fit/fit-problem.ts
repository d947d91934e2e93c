/**
 * A `fit` block as plain data and its residual function: the compiled arms the scenario observes,
 * the observation plans, and the estimated parameters. Serialisable, so a worker can run one start
 * (or one profile) of it; the residuals are (simulated − observed) / error at the data's times.
 */
import type { ModelDescription } from '../model-description.js';
import { simulateArm, ModelInputError } from '../simulate.js';
import { SolverError } from '../solver/index.js';
import { predict, type ObservationPlan } from '../data/observations.js';
import type { Residuals } from './levenberg-marquardt.js';
import { fromUnit, type ScaledParameter } from './parameter-scale.js';

export interface FitEstimate extends ScaledParameter {
    readonly name: string;
    /** The arm this value applies to; null: every arm of the scenario. */
    readonly arm: string | null;
    /** The parameter table's unit (reports only). */
    readonly unit: string;
}

export interface FitProblem {
    readonly scenario: string;
    readonly fit: string;
    readonly title?: string;
    /** The arms with observations, their output grids including the data times. */
    readonly arms: readonly ModelDescription[];
    readonly observations: readonly ObservationPlan[];
    readonly estimates: readonly FitEstimate[];
    readonly starts: number;
    readonly seed: number;
    /** Solver tolerance inside the fit (default 1e-7: finite differences need smooth residuals). */
    readonly rtol?: number;
}

export const DEFAULT_STARTS = 8;
export const DEFAULT_SEED = 1;

/** Parameter values of one arm at a point of the unit box. */
export function armParameters(problem: FitProblem, arm: string, u: readonly number[]): Record<string, number> {
    const values: Record<string, number> = {};
    problem.estimates.forEach((e, i) => {
        if (e.arm === null || e.arm === arm) values[e.name] = fromUnit(e, u[i]);
    });
    return values;
}

/** The points every residual belongs to, in order: what the residual vector means. */
export function pointCount(problem: FitProblem): number {
    return problem.observations.reduce((n, o) => n + o.times.length, 0);
}

/** Whether every observation carries errors (then the objective is a χ² and needs no variance estimate). */
export function errorsKnown(problem: FitProblem): boolean {
    return problem.observations.every(o => o.errors !== null);
}

/** Simulated values of every observation at u, or null when an arm cannot be simulated there. */
export function predictAt(problem: FitProblem, u: readonly number[], isCancelled?: () => boolean): number[][] | null {
    const series = new Map<string, { time: number[]; series: Record<string, number[]> }>();
    for (const desc of problem.arms) {
        try {
            const arm = simulateArm({ ...desc, parameters: { ...desc.parameters, ...armParameters(problem, desc.arm, u) } }, { rtol: problem.rtol ?? 1e-7, isCancelled });
            series.set(desc.arm, arm);
        } catch (error) {
            if (error instanceof SolverError || error instanceof ModelInputError) return null;
            throw error;
        }
    }
    const out: number[][] = [];
    for (const o of problem.observations) {
        const arm = series.get(o.arm);
        const values = arm?.series[o.series];
        if (!arm || !values) return null;
        const predicted = predict(o, arm.time, values);
        if (predicted.some(v => !Number.isFinite(v))) return null;
        out.push(predicted);
    }
    return out;
}

export function residualFunction(problem: FitProblem, isCancelled?: () => boolean): Residuals {
    const n = pointCount(problem);
    return u => {
        const predicted = predictAt(problem, u, isCancelled);
        if (!predicted) return null;
        const r = new Float64Array(n);
        let k = 0;
        problem.observations.forEach((o, j) => {
            o.values.forEach((v, i) => { r[k++] = (predicted[j][i] - v) / (o.errors ? o.errors[i] : 1); });
        });
        return r;
    };
}
