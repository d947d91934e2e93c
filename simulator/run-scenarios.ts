/**
 * Simulates compiled scenarios (pure, plain data): the engine half of running a document. The AST half
 * (language/src/compiler/compile-document.ts) compiles on the language server's main thread; this runs in a worker.
 */
import type { AnalysedScenario, CompiledScenario } from './compiled-scenario.js';
import type { ArmResult, RunResult, ScenarioResult } from './results.js';
import { populationResult, populationTasks } from './analysis/population.js';
import type { SimTask } from './analysis/sim-task.js';
import { sweepResult, sweepTasks } from './analysis/sweep.js';
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

/** The scenarios without their sweep and population plans (what the arm simulation needs). */
export function armsOnly(compiled: readonly AnalysedScenario[]): CompiledScenario[] {
    return compiled.map(({ sweeps: _s, populations: _p, ...rest }) => rest);
}

/** How many runs the sweeps and populations of the scenarios take. */
export function analysisRuns(compiled: readonly AnalysedScenario[]): number {
    return compiled.reduce((n, s) => n
        + (s.sweeps ?? []).reduce((k, p) => k + p.runs.length, 0)
        + (s.populations ?? []).reduce((k, p) => k + p.size * p.arms.length, 0), 0);
}

/**
 * Runs the sweeps and populations of the scenarios on `runner` (serial or the worker pool) and adds
 * them to the scenarios' results. Every task of every analysis goes in one batch, so the pool stays busy.
 */
export async function runAnalyses(compiled: readonly AnalysedScenario[], results: readonly ScenarioResult[], runner: TaskRunner,
    options: Pick<SimulateOptions, 'isCancelled'> & { onProgress?: (done: number, total: number) => void } = {}): Promise<ScenarioResult[]> {
    const tasks: SimTask[] = [];
    const slices = compiled.map(s => ({
        sweeps: (s.sweeps ?? []).map(plan => ({ plan, start: tasks.push(...sweepTasks(plan)) - plan.runs.length, count: plan.runs.length })),
        populations: (s.populations ?? []).map(plan => {
            const batch = populationTasks(plan);
            return { plan, start: tasks.push(...batch) - batch.length, count: batch.length };
        })
    }));
    if (tasks.length === 0) return [...results];
    const outputs = await runner.run(tasks, options);
    // simulateCompiled returns one result per compiled scenario, in order.
    return results.map((result, i) => {
        const slice = slices[i];
        if (!slice || (slice.sweeps.length === 0 && slice.populations.length === 0)) return result;
        return {
            ...result,
            ...(slice.sweeps.length > 0 ? { sweeps: slice.sweeps.map(({ plan, start, count }) => sweepResult(plan, outputs.slice(start, start + count))) } : {}),
            ...(slice.populations.length > 0 ? { populations: slice.populations.map(({ plan, start, count }) => populationResult(plan, outputs.slice(start, start + count))) } : {})
        };
    });
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
