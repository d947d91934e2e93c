/**
 * Simulates compiled scenarios (pure, plain data): the engine half of running a document. The AST half
 * (language/src/compiler/compile-document.ts) compiles on the language server's main thread; this runs in a worker.
 */
import type { AnalysedScenario, CompiledScenario } from './compiled-scenario.js';
import type { ArmResult, PopulationResult, RunResult, ScenarioResult } from './results.js';
import { PopulationStream, populationResult, populationTasks, STREAMING_ABOVE, STREAMING_CHUNK } from './analysis/population.js';
import type { SimTask, TaskOutput } from './analysis/sim-task.js';
import type { PopulationPlan, SweepPlan } from './analysis/analysis-plan.js';
import { sweepResult, sweepTasks } from './analysis/sweep.js';
import { studyResult, studyRuns, studyTasks, type SensitivityStudyPlan } from './analysis/sensitivity-study.js';
import type { TaskRunner } from './analysis/task-runner.js';
import { SolverError } from './solver/index.js';
import { goodnessOfFit, observationResult, predict, type ObservationResult } from './data/observations.js';
import { exploratoryMechanisms, ModelInputError, MODEL_INFO, simulateArm } from './simulate.js';

export type { AnalysedScenario, CompiledScenario } from './compiled-scenario.js';

export interface SimulateOptions {
    readonly rtol?: number;
    readonly isCancelled?: () => boolean;
    /** Called after each arm with the number of arms done and the total. */
    readonly onProgress?: (done: number, total: number, label: string) => void;
}

export { SelectionError } from './selection-error.js';

/** The solver could not integrate an arm (or produced a non-finite value). */
export class ArmFailedError extends Error {
    override readonly name = 'ArmFailedError';

    constructor(readonly scenario: string, readonly arm: string, readonly timeDays: number, readonly reason: string) {
        super(`arm ${arm} of scenario ${scenario} failed at day ${formatDay(timeDays)}: ${reason}`);
    }
}

/** The scenarios without their sweep, population and sensitivity plans (what the arm simulation needs). */
export function armsOnly(compiled: readonly AnalysedScenario[]): CompiledScenario[] {
    return compiled.map(({ sweeps: _s, populations: _p, sensitivities: _x, ...rest }) => rest);
}

/** How many runs the sweeps, populations and sensitivity studies of the scenarios take. */
export function analysisRuns(compiled: readonly AnalysedScenario[]): number {
    return compiled.reduce((n, s) => n
        + (s.sweeps ?? []).reduce((k, p) => k + p.runs.length, 0)
        + (s.populations ?? []).reduce((k, p) => k + p.size * p.arms.length, 0)
        + (s.sensitivities ?? []).reduce((k, p) => k + studyRuns(p), 0), 0);
}

/** Every task of every sweep, population and sensitivity study of the scenarios, in one list, and where each analysis's tasks are. */
export interface AnalysisBatch {
    readonly tasks: SimTask[];
    readonly slices: {
        readonly sweeps: { readonly plan: SweepPlan; readonly start: number; readonly count: number }[];
        /** `streamed`: not in `tasks`; run in chunks and summarised on the way (runAnalyses). */
        readonly populations: { readonly plan: PopulationPlan; readonly start: number; readonly count: number; readonly streamed?: boolean }[];
        readonly sensitivities: { readonly plan: SensitivityStudyPlan; readonly start: number; readonly count: number }[];
    }[];
}

/**
 * The tasks of the scenarios' sweeps, populations and sensitivity studies in a fixed global order (scenario, sweeps,
 * populations, sensitivity studies):
 * task i depends on the compiled scenarios and i alone, so a shard of a study runs a range of this list.
 * With `streamLarge`, populations above STREAMING_ABOVE patients are left out of the list (runAnalyses
 * runs them in chunks so that their memory does not grow with their size).
 */
export function analysisBatch(compiled: readonly AnalysedScenario[], streamLarge = false): AnalysisBatch {
    const tasks: SimTask[] = [];
    const slices = compiled.map(s => ({
        sweeps: (s.sweeps ?? []).map(plan => ({ plan, start: tasks.push(...sweepTasks(plan)) - plan.runs.length, count: plan.runs.length })),
        populations: (s.populations ?? []).map(plan => {
            if (streamLarge && plan.size > STREAMING_ABOVE) return { plan, start: -1, count: plan.size * plan.arms.length, streamed: true };
            const batch = populationTasks(plan);
            return { plan, start: tasks.push(...batch) - batch.length, count: batch.length };
        }),
        sensitivities: (s.sensitivities ?? []).map(plan => {
            const start = tasks.length;
            // A Sobol design may have far more rows than a spread's argument limit: append one by one.
            for (const task of studyTasks(plan)) tasks.push(task);
            return { plan, start, count: tasks.length - start };
        })
    }));
    return { tasks, slices };
}

/** The scenarios' results with their sweeps and populations, from the outputs of every task of the batch (and the streamed populations' results). */
export function withAnalyses(batch: AnalysisBatch, results: readonly ScenarioResult[], outputs: readonly TaskOutput[],
    streamed: ReadonlyMap<PopulationPlan, PopulationResult> = new Map()): ScenarioResult[] {
    // simulateCompiled returns one result per compiled scenario, in order.
    return results.map((result, i) => {
        const slice = batch.slices[i];
        if (!slice || (slice.sweeps.length === 0 && slice.populations.length === 0 && slice.sensitivities.length === 0)) return result;
        return {
            ...result,
            ...(slice.sweeps.length > 0 ? { sweeps: slice.sweeps.map(({ plan, start, count }) => sweepResult(plan, outputs.slice(start, start + count))) } : {}),
            ...(slice.populations.length > 0 ? {
                populations: slice.populations.map(({ plan, start, count }) => streamed.get(plan) ?? populationResult(plan, outputs.slice(start, start + count)))
            } : {}),
            ...(slice.sensitivities.length > 0 ? {
                sensitivities: slice.sensitivities.map(({ plan, start, count }) => studyResult(plan, outputs.slice(start, start + count)))
            } : {})
        };
    });
}

/**
 * Runs the sweeps and populations of the scenarios on `runner` (serial or the worker pool) and adds
 * them to the scenarios' results. Every task of every analysis goes in one batch, so the pool stays busy;
 * a population above STREAMING_ABOVE patients then runs in chunks of STREAMING_CHUNK patients, each
 * folded into its summary (PopulationStream) and dropped.
 */
export async function runAnalyses(compiled: readonly AnalysedScenario[], results: readonly ScenarioResult[], runner: TaskRunner,
    options: Pick<SimulateOptions, 'isCancelled'> & { onProgress?: (done: number, total: number) => void } = {}): Promise<ScenarioResult[]> {
    const batch = analysisBatch(compiled, true);
    const large = batch.slices.flatMap(s => s.populations.filter(p => p.streamed));
    if (batch.tasks.length === 0 && large.length === 0) return [...results];
    const total = batch.tasks.length + large.reduce((n, p) => n + p.count, 0);
    const outputs = batch.tasks.length > 0 ? await runner.run(batch.tasks, { ...options, onProgress: done => options.onProgress?.(done, total) }) : [];
    let done = batch.tasks.length;
    const streamed = new Map<PopulationPlan, PopulationResult>();
    for (const { plan } of large) {
        const stream = new PopulationStream(plan);
        for (let first = 0; first < plan.size; first += STREAMING_CHUNK) {
            const members = Math.min(STREAMING_CHUNK, plan.size - first);
            const offset = done;
            stream.add(await runner.run(populationTasks(plan, first, members), { ...options, onProgress: d => options.onProgress?.(offset + d, total) }));
            done += members * plan.arms.length;
            if (options.isCancelled?.()) return [...results];
        }
        streamed.set(plan, stream.result());
    }
    return withAnalyses(batch, results, outputs, streamed);
}

/** Simulates compiled scenarios: plain data in, plain data out (runs in the server's worker). */
export function simulateCompiled(compiled: readonly CompiledScenario[], options: SimulateOptions = {}): ScenarioResult[] {
    const total = compiled.reduce((n, s) => n + s.arms.length, 0);
    let done = 0;
    return compiled.map(scenario => {
        const arms = scenario.arms.map(desc => {
            const arm = runArm(desc, options);
            options.onProgress?.(++done, total, `${scenario.name} / ${desc.arm}`);
            return arm;
        });
        const observed = observationsOf(scenario, arms);
        return {
            name: scenario.name,
            title: scenario.title,
            durationDays: scenario.durationDays,
            arms,
            reported: scenario.reported.filter(key => arms.some(a => key in a.series)),
            assumptions: assumptionsOf(scenario, arms),
            ...(scenario.summaryTimes ? { summaryTimes: scenario.summaryTimes } : {}),
            ...(scenario.reference ? { reference: scenario.reference } : {}),
            ...(observed ? { observations: observed, goodnessOfFit: goodnessOfFit(observed) } : {})
        };
    });
}

export function buildRunResult(scenarios: ScenarioResult[], version: string): RunResult {
    return { tool: 'osteo', version, model: { name: MODEL_INFO.name, version: MODEL_INFO.version }, scenarios };
}

function runArm(desc: CompiledScenario['arms'][number], options: SimulateOptions): ArmResult {
    let result: ArmResult;
    try {
        result = simulateArm(desc, { rtol: options.rtol, isCancelled: options.isCancelled });
    } catch (error) {
        if (error instanceof SolverError) throw new ArmFailedError(desc.scenario, desc.arm, error.time, error.message);
        if (error instanceof ModelInputError) throw new ArmFailedError(desc.scenario, desc.arm, desc.sampleTimes[0] ?? 0, error.message);
        throw error;
    }
    // The contract promises finite numbers: a NaN that slipped through is a failure, not a result.
    for (const [key, values] of Object.entries(result.series)) {
        const i = values.findIndex(v => !Number.isFinite(v));
        if (i >= 0) throw new ArmFailedError(desc.scenario, desc.arm, result.time[i], `${key} became ${values[i]}`);
    }
    return result;
}

/** Each observe's data beside the arm's prediction at the data's times (solver output times, so exact). */
function observationsOf(scenario: CompiledScenario, arms: readonly ArmResult[]): ObservationResult[] | undefined {
    if (!scenario.observations || scenario.observations.length === 0) return undefined;
    return scenario.observations.map(plan => {
        const arm = arms.find(a => a.name === plan.arm);
        const series = arm?.series[plan.series];
        const predicted = arm && series ? predict(plan, arm.time, series) : plan.times.map(() => NaN);
        return observationResult(plan, predicted);
    });
}

function assumptionsOf(scenario: CompiledScenario, arms: ArmResult[]): string[] {
    const sentences = [...scenario.notes];
    for (const desc of scenario.arms) {
        for (const a of exploratoryMechanisms(desc)) sentences.push(`${a.subject} (${a.mechanism}): ${a.note}`);
    }
    const missing = scenario.reported.filter(key => !arms.some(a => key in a.series));
    if (missing.length > 0) sentences.push(`Not computed by the model, so not reported: ${missing.join(', ')}.`);
    return [...new Set(sentences)];
}

function formatDay(t: number): string {
    return Number.isFinite(t) ? String(Math.round(t * 100) / 100) : String(t);
}
