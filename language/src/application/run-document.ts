/**
 * The one service that runs a document, for the CLI commands and the language server's handlers alike:
 * compile the selection → simulate the arms → run the sweeps and populations → the results; and for a
 * sensitivity, the "one scenario" rule and the plan. The callers only supply where the work runs (this
 * thread, the worker, the pool) and map the errors to their medium (exit codes, LSP errors).
 */
import { isScenario, type Model } from '../generated/ast.js';
import {
    analysisRuns, armsOnly, buildRunResult, boneModelEvaluator, globalSensitivity, globalSensitivityResult, planGlobalSensitivityRequest, planSensitivityRequest,
    type FactorRequest, type GlobalMethod, type GlobalSensitivityPlan, type GlobalSensitivityResult, runAnalyses, SelectionError, sensitivityResult, sensitivityTasks,
    type AnalysedScenario, type CompiledScenario, type RunResult, type ScenarioResult, type SensitivityPlan, type SensitivityResult,
    type TaskRunner, type TaskRunOptions
} from '../../../simulator/index.js';
import { compileDocument, type Selection } from '../compiler/compile-document.js';
import { sensitivityBlocks, sensitivityRequestOf, type SensitivityMethod } from '../compiler/compile-sensitivity.js';

/** Simulates the arms of compiled scenarios: in this thread (CLI) or in the simulation worker (server). */
export type ArmSimulator = (compiled: CompiledScenario[], onProgress?: (done: number, total: number, label: string) => void) => Promise<ScenarioResult[]>;

export interface RunPorts {
    readonly simulateArms: ArmSimulator;
    /** The runner of sweep and population tasks, asked for only when the scenarios have some; `release` after use. */
    readonly analysisRunner: () => { readonly runner: TaskRunner; readonly release?: () => void };
    readonly isCancelled?: () => boolean;
    readonly onArmProgress?: (done: number, total: number, label: string) => void;
    readonly onAnalysisProgress?: (done: number, total: number) => void;
}

/** What a run stopped by `isCancelled` returns instead of results. */
export const CANCELLED = Symbol('cancelled');

/** Compiles the selected scenarios and arms of one document (SelectionError and CompileError name the mistake). */
export function compileSelection(model: Model, selection: Selection = {}): AnalysedScenario[] {
    return compileDocument(model, selection);
}

/** Simulates compiled scenarios, then their sweeps and populations: the results contract, or CANCELLED. */
export async function runCompiled(compiled: readonly AnalysedScenario[], ports: RunPorts, version: string): Promise<RunResult | typeof CANCELLED> {
    const scenarios = await ports.simulateArms(armsOnly(compiled), ports.onArmProgress);
    if (ports.isCancelled?.()) return CANCELLED;
    let withAnalyses = scenarios;
    if (analysisRuns(compiled) > 0) {
        const { runner, release } = ports.analysisRunner();
        try {
            withAnalyses = await runAnalyses(compiled, scenarios, runner, { isCancelled: ports.isCancelled, onProgress: ports.onAnalysisProgress });
        } finally {
            release?.();
        }
        if (ports.isCancelled?.()) return CANCELLED;
    }
    return buildRunResult(withAnalyses, version);
}

/** A sensitivity needs one scenario and the document has several: the message names them. */
export class ScenarioChoiceNeeded extends SelectionError {
    constructor(readonly scenarios: readonly string[]) {
        super(`the document declares ${scenarios.length} scenarios; choose one (${scenarios.join(', ')})`);
    }
}

export interface SensitivitySelection {
    /** Required when the document declares more than one scenario. */
    readonly scenario?: string;
    /** Default: the scenario's first arm. */
    readonly arm?: string;
    readonly output: string;
    /** "3 years", "180 days", "90" (days); default: `times`, else the end of the horizon. */
    readonly at?: string;
    /** Days, from a `sensitivity` block (used when `at` is absent). */
    readonly times?: readonly number[];
    /** Only these parameters (global: with optional ranges). */
    readonly parameters?: readonly FactorRequest[];
}

export interface GlobalSensitivitySelection extends SensitivitySelection {
    readonly method: GlobalMethod;
    readonly samples?: number;
    readonly seed?: number;
}

/** What `osteo sensitivity` was told; anything absent comes from the scenario's `sensitivity` block, if it has one. */
export interface SensitivityFlags {
    readonly scenario?: string;
    readonly arm?: string;
    readonly output?: string;
    readonly at?: string;
    readonly parameters?: readonly FactorRequest[];
    readonly method?: SensitivityMethod;
    readonly samples?: number;
    readonly seed?: number;
}

/** A sensitivity to run: the method, and the selection (flags over the block); `block` names the block used. */
export interface ResolvedSensitivity {
    readonly method: SensitivityMethod;
    readonly selection: Omit<GlobalSensitivitySelection, 'method' | 'output'> & { readonly output?: string };
    readonly block?: string;
}

/**
 * The scenario's first `sensitivity` block (docs/language.md §3.7) with the flags over it. The scenario is the one
 * named, the document's only one, or its only one with a block; with several and no choice, ScenarioChoiceNeeded.
 * Without a block the flags alone (method local by default).
 */
export function resolveSensitivity(model: Model, flags: SensitivityFlags): ResolvedSensitivity {
    const scenarios = model.declarations.filter(isScenario);
    let scenario = flags.scenario === undefined ? undefined : scenarios.find(s => s.name === flags.scenario);
    if (flags.scenario === undefined) {
        const withBlocks = scenarios.filter(s => sensitivityBlocks(s).length > 0);
        if (scenarios.length === 1) scenario = scenarios[0];
        else if (withBlocks.length === 1) scenario = withBlocks[0];
        else if (withBlocks.length > 1) throw new ScenarioChoiceNeeded(scenarios.map(s => s.name));
    }
    const block = scenario ? sensitivityBlocks(scenario)[0] : undefined;
    const request = block ? sensitivityRequestOf(block) : undefined;
    const method = flags.method ?? request?.method ?? 'local';
    const at = flags.at;
    const selection = {
        ...(scenario ? { scenario: scenario.name } : flags.scenario !== undefined ? { scenario: flags.scenario } : {}),
        ...pick('arm', flags.arm ?? request?.arm),
        ...pick('output', flags.output ?? request?.output),
        ...(at !== undefined ? { at } : pick('times', request?.times)),
        ...pick('parameters', flags.parameters ?? request?.parameters),
        ...(method === 'local' ? {} : { ...pick('samples', flags.samples ?? request?.samples), ...pick('seed', flags.seed ?? request?.seed) })
    };
    return { method, selection, ...(block ? { block: block.name } : {}) };
}

/** `{ key: value }`, or nothing when the value is absent (the selection goes into shard manifests as JSON). */
function pick<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
    return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/** The runs of a sensitivity of one output of one arm of the document's one (or chosen) scenario. */
export function planDocumentSensitivity(model: Model, selection: SensitivitySelection): SensitivityPlan {
    const scenarios = compileDocument(model, { scenario: selection.scenario, arms: selection.arm ? [selection.arm] : undefined });
    if (scenarios.length > 1) throw new ScenarioChoiceNeeded(scenarios.map(s => s.name));
    return planSensitivityRequest(scenarios[0], { arm: selection.arm, output: selection.output, at: selection.at, times: selection.times, parameters: selection.parameters });
}

/** The design of a Sobol or Morris study of one output of one arm of the document's one (or chosen) scenario. */
export function planDocumentGlobalSensitivity(model: Model, selection: GlobalSensitivitySelection): GlobalSensitivityPlan {
    const scenarios = compileDocument(model, { scenario: selection.scenario, arms: selection.arm ? [selection.arm] : undefined });
    if (scenarios.length > 1) throw new ScenarioChoiceNeeded(scenarios.map(s => s.name));
    return planGlobalSensitivityRequest(scenarios[0], selection);
}

/** Runs every row of a global study on `runner` and computes its indices. */
export async function runGlobalSensitivityPlan(plan: GlobalSensitivityPlan, runner: TaskRunner, options: TaskRunOptions = {}): Promise<GlobalSensitivityResult> {
    const indices = await globalSensitivity(plan.design, boneModelEvaluator(plan, tasks => runner.run(tasks, options)));
    return globalSensitivityResult(plan, indices);
}

/** Runs a sensitivity plan on `runner` (the pool, or this thread). */
export async function runSensitivityPlan(plan: SensitivityPlan, runner: TaskRunner, options: TaskRunOptions & { readonly onCancel?: (cancel: () => void) => void } = {}): Promise<SensitivityResult> {
    return sensitivityResult(plan, await runner.run(sensitivityTasks(plan), options));
}
