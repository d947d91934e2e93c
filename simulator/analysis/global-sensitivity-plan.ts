/**
 * Global sensitivity of the bone model: which parameters over which ranges (docs/language.md "Global
 * sensitivity"), the simulation tasks of a range of the design's rows, and the result from their outputs.
 * The mathematics is global-sensitivity.ts, shared with the tests' analytic functions.
 */
import type { ModelDescription } from '../model-description.js';
import { findParameter, PARAMETERS, type ParameterInfo } from '../model/parameters.js';
import type { GlobalSensitivityParameter, GlobalSensitivityResult } from '../results.js';
import { SelectionError } from '../selection-error.js';
import { designRow, designRowCount, type GlobalDesign, type GlobalIndices, type GlobalMethod, type RowEvaluator, type RowOutputs } from './global-sensitivity.js';
import { seriesOf } from './series-keys.js';
import type { SimTask, TaskOutput } from './sim-task.js';

/** A parameter to vary; without low/high its range is the default (RANGE_FACTOR around its value, within the table's bounds). */
export interface FactorRequest {
    readonly name: string;
    readonly low?: number;
    readonly high?: number;
}

/** Default range: value ÷ 2 to value × 2, clipped to the table's validity bounds. */
export const RANGE_FACTOR = 2;
export const DEFAULT_SAMPLES: Readonly<Record<GlobalMethod, number>> = { sobol: 64, morris: 10 };
/** Fewest samples a study runs with (the bootstrap needs two); the language warns below ADVISED_SOBOL_SAMPLES. */
export const MIN_SAMPLES = 2;
/** Below this many Sobol samples the bootstrap intervals are too wide to rank most parameters. */
export const ADVISED_SOBOL_SAMPLES = 32;
/** Most runs one study may take (a sharded study counts all its shards). */
export const MAX_GLOBAL_RUNS = 1_000_000;

export interface GlobalSensitivityPlan {
    readonly desc: ModelDescription;
    readonly output: string;
    readonly unit: string;
    /** Days, ascending; the last is the result's `at`. */
    readonly times: readonly number[];
    readonly design: GlobalDesign;
    readonly assumption: readonly boolean[];
    readonly units: readonly string[];
    readonly notes: readonly string[];
}

export interface GlobalSensitivityOptions {
    readonly method: GlobalMethod;
    readonly samples?: number;
    readonly seed?: number;
    /** Absent: every parameter of the table. */
    readonly parameters?: readonly FactorRequest[];
}

/** Plans a study of `output` of one arm at `times` (days); mistakes are SelectionErrors naming the choices. */
export function planGlobalSensitivity(desc: ModelDescription, output: string, times: readonly number[], options: GlobalSensitivityOptions): GlobalSensitivityPlan {
    const unit = seriesOf(desc).get(output);
    if (unit === undefined) throw new SelectionError(`arm ${desc.arm} has no output '${output}'`);
    const samples = options.samples ?? DEFAULT_SAMPLES[options.method];
    if (!Number.isInteger(samples) || samples < MIN_SAMPLES) throw new SelectionError(`--samples must be a whole number ≥ ${MIN_SAMPLES}, not ${samples}`);
    const seed = options.seed ?? 1;
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new SelectionError(`--seed must be a whole number from 0 to 4294967295, not ${seed}`);
    const requests: readonly FactorRequest[] = options.parameters ?? PARAMETERS.map(p => ({ name: p.name }));
    if (requests.length === 0) throw new SelectionError('name at least one parameter');
    const seen = new Set<string>();
    const defaulted: string[] = [];
    const factors = requests.map(req => {
        const info = findParameter(req.name);
        if (!info) throw new SelectionError(`'${req.name}' is not a model parameter (osteo list parameters names them)`);
        if (seen.has(req.name)) throw new SelectionError(`parameter ${req.name} is named twice`);
        seen.add(req.name);
        if (req.low === undefined || req.high === undefined) defaulted.push(req.name);
        const [low, high] = rangeOf(info, desc.parameters[info.name] ?? info.value, req);
        return { info, factor: { name: info.name, low, high } };
    });
    const design: GlobalDesign = { method: options.method, factors: factors.map(f => f.factor), samples, seed };
    const runs = designRowCount(design);
    if (runs > MAX_GLOBAL_RUNS) throw new SelectionError(`${runs} runs is more than ${MAX_GLOBAL_RUNS}; use fewer samples or parameters`);
    const notes: string[] = [];
    if (defaulted.length > 0) {
        const which = defaulted.length === factors.length ? `all ${factors.length} parameters` : defaulted.join(', ');
        notes.push(`Ranges not written (${which}) go from ½ to 2 × the value, clipped to the parameter table's bounds (the table gives validity bounds, not plausible ranges); every range is sampled uniformly.`);
    }
    return {
        desc, output, unit, times: [...times].sort((a, b) => a - b), design,
        assumption: factors.map(f => f.info.basis !== 'published'), units: factors.map(f => f.info.unit), notes
    };
}

function rangeOf(info: ParameterInfo, value: number, req: FactorRequest): [number, number] {
    if (req.low !== undefined && req.high !== undefined) {
        if (!(req.low < req.high)) throw new SelectionError(`the range of ${info.name} must go from a lower to a higher value, not ${req.low} to ${req.high}`);
        if (req.low < info.min || req.high > info.max) throw new SelectionError(`the range of ${info.name} (${req.low} to ${req.high}) leaves its valid range [${info.min}, ${info.max === Number.MAX_VALUE ? '∞' : info.max}]`);
        return [req.low, req.high];
    }
    const a = value / RANGE_FACTOR, b = value * RANGE_FACTOR;
    const low = Math.max(info.min, Math.min(a, b)), high = Math.min(info.max, Math.max(a, b));
    if (!(low < high)) throw new SelectionError(`${info.name} is ${value}, so it has no default range; write one (${info.name} from LOW to HIGH)`);
    return [low, high];
}

/** The simulation task of one row of the design (the factors' values on top of the arm's parameters). */
function rowTask(plan: GlobalSensitivityPlan, row: Float64Array): SimTask {
    const parameters: Record<string, number> = {};
    plan.design.factors.forEach((f, i) => { parameters[f.name] = row[i]; });
    return { desc: plan.desc, parameters, probe: { key: plan.output, times: plan.times } };
}

/** The simulation tasks of rows [first, first + count) of the study. */
export function globalSensitivityTasks(plan: GlobalSensitivityPlan, first = 0, count = designRowCount(plan.design) - first): SimTask[] {
    return Array.from({ length: count }, (_, k) => rowTask(plan, designRow(plan.design, first + k)));
}

/** The outputs of the tasks as the estimators read them: the values at each time, undefined for a failed run. */
export function rowOutputs(outputs: readonly TaskOutput[]): RowOutputs {
    return outputs.map(o => o.ok ? o.values : undefined);
}

/** The bone model as a RowEvaluator: each row a simulation task, run by `run` (the worker pool or this thread). */
export function boneModelEvaluator(plan: GlobalSensitivityPlan, run: (tasks: SimTask[]) => Promise<TaskOutput[]>): RowEvaluator {
    return async rows => rowOutputs(await run(rows.map(row => rowTask(plan, row))));
}

/** The study's result from the outputs of every row (in global order). */
export function globalSensitivityResult(plan: GlobalSensitivityPlan, indices: GlobalIndices): GlobalSensitivityResult {
    const { design } = plan;
    const failedRuns = indices.failedRuns;
    const notes = [...plan.notes];
    if (failedRuns > 0) {
        notes.push(`${failedRuns} run${failedRuns === 1 ? '' : 's'} failed; the ${design.samples - indices.samplesUsed} sample${design.samples - indices.samplesUsed === 1 ? '' : 's'} they belong to ${design.samples - indices.samplesUsed === 1 ? 'is' : 'are'} left out (${indices.samplesUsed} of ${design.samples} used).`);
    }
    if (indices.samplesUsed < 2) {
        throw new SelectionError(`only ${indices.samplesUsed} of ${design.samples} samples ran to the end: narrow the ranges`);
    }
    const overTime = plan.times.map((at, t) => {
        const parameters = design.factors.map((f, i): GlobalSensitivityParameter => {
            const base = { name: f.name, unit: plan.units[i], low: f.low, high: f.high };
            if (indices.sobol) {
                const s = indices.sobol[t];
                return { ...base, first: s.first[i], firstCi95: s.firstCi95[i], total: s.total[i], totalCi95: s.totalCi95[i], assumption: plan.assumption[i] };
            }
            const m = indices.morris![t];
            return { ...base, muStar: m.muStar[i], muStarCi95: m.muStarCi95[i], mu: m.mu[i], sigma: m.sigma[i], assumption: plan.assumption[i] };
        });
        const key = (p: GlobalSensitivityParameter) => (design.method === 'sobol' ? p.total : p.muStar) ?? 0;
        parameters.sort((a, b) => key(b) - key(a) || a.name.localeCompare(b.name));
        return { at, parameters };
    });
    if (design.method === 'sobol') {
        notes.push('First-order indices by Saltelli et al. (2010), total indices by Jansen (1999); 95 % intervals: percentile bootstrap over the samples. An index whose interval includes 0 is not distinguished from no effect at this sample size.');
    } else {
        notes.push('μ*: mean |elementary effect| on a 4-level grid (Δ = 2/3 of the range), in the output\'s unit per whole range of the parameter; σ: their standard deviation (large σ: interactions or non-linearity).');
    }
    const last = overTime[overTime.length - 1];
    return {
        method: design.method, scenario: plan.desc.scenario, arm: plan.desc.arm, output: plan.output, unit: plan.unit,
        at: last.at, samples: design.samples, runs: designRowCount(design), seed: design.seed, samplesUsed: indices.samplesUsed,
        parameters: last.parameters, overTime, notes
    };
}
