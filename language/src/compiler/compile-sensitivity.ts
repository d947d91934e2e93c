/**
 * `sensitivity` blocks (docs/language.md §3.7) → what the engine runs. The block is first read into a request
 * (plain data: method, arm, series key, times in days, samples, seed, parameters with ranges in the parameter
 * table's unit) — `osteo sensitivity` starts from it and its flags override it — then planned with the same
 * engine functions as the command (simulator/analysis/sensitivity-request.ts), so both run the same study.
 */
import type { Measure, Scenario, Sensitivity } from '../generated/ast.js';
import {
    findParameter, planGlobalSensitivityRequest, planSensitivityRequest, SelectionError,
    type CompiledScenario, type FactorRequest, type GlobalMethod, type SensitivityStudyPlan
} from '../../../simulator/index.js';
import { CompileError } from './compile-error.js';
import { armNamesOf } from './compile-scenario.js';
import { measuredKey, parameterQuantity } from './compile-analysis.js';
import { convert } from './quantities.js';

export type SensitivityMethod = 'local' | GlobalMethod;

/** What a block asks for; absent fields take the command's defaults (every parameter, ¼…end of the horizon). */
export interface SensitivityBlockRequest {
    readonly name: string;
    readonly title?: string;
    readonly method: SensitivityMethod;
    readonly arm?: string;
    /** Series key ("bmd.total_hip"). */
    readonly output?: string;
    /** Days. */
    readonly times?: number[];
    readonly samples?: number;
    readonly seed?: number;
    readonly parameters?: FactorRequest[];
}

/** The scenario's `sensitivity` blocks, in the order written. */
export function sensitivityBlocks(scenario: Scenario): Sensitivity[] {
    return scenario.members.filter((m): m is Sensitivity => m.$type === 'Sensitivity');
}

/** Every time a measure line names (`at 1 year, 3 years, 5 years`). */
export function measureTimes(measure: Measure): NonNullable<Measure['time']>[] {
    return measure.time ? [measure.time, ...measure.times] : [];
}

/** Reads a block into a request; a mistake is a CompileError at its node. */
export function sensitivityRequestOf(block: Sensitivity): SensitivityBlockRequest {
    const method = (block.method ?? 'local') as SensitivityMethod;
    const measure = block.measure[0];
    if (block.measure.length > 1) throw new CompileError(`sensitivity ${block.name} measures more than one series; declare one block per series`, block.measure[1]);
    let output: string | undefined;
    if (measure) {
        const { key, problem } = measuredKey(measure);
        if (!key) throw new CompileError(problem!, measure);
        output = key;
    }
    const times = measure ? measureTimes(measure).map(q => convert(q, ['time'], 'measure time').value) : [];
    const seen = new Set<string>();
    const parameters = block.factors.map((factor): FactorRequest => {
        const info = findParameter(factor.parameter ?? '');
        if (!info) throw new CompileError(`unknown model parameter '${factor.parameter}'`, factor);
        if (seen.has(info.name)) throw new CompileError(`${info.name} is varied twice in sensitivity ${block.name}`, factor);
        seen.add(info.name);
        if (!factor.low || !factor.high) return { name: info.name };
        const low = parameterQuantity(factor.low, info), high = parameterQuantity(factor.high, info);
        if (low === undefined) throw new CompileError(`the range of ${info.name} is in ${info.unit}; '${factor.low.unit}' does not convert to it`, factor.low);
        if (high === undefined) throw new CompileError(`the range of ${info.name} is in ${info.unit}; '${factor.high.unit}' does not convert to it`, factor.high);
        return { name: info.name, low, high };
    });
    if (method === 'local') {
        if (block.samples !== undefined || block.seed !== undefined) throw new CompileError('samples and seed go with method morris or sobol', block);
        const ranged = block.factors.find(f => f.low || f.high);
        if (ranged) throw new CompileError('a local sensitivity takes parameter names without ranges (ranges go with method morris or sobol)', ranged);
    }
    return {
        name: block.name, ...(block.title !== undefined ? { title: block.title } : {}), method,
        ...(measure?.arm?.ref ? { arm: measure.arm.ref.name } : {}),
        ...(output !== undefined ? { output } : {}),
        ...(times.length > 0 ? { times } : {}),
        ...(block.samples !== undefined ? { samples: block.samples } : {}),
        ...(block.seed !== undefined ? { seed: block.seed } : {}),
        ...(parameters.length > 0 ? { parameters } : {})
    };
}

/**
 * The studies of the scenario's blocks, on its compiled arms. A block whose arm is left out by `--arm`
 * is skipped (like a sweep's).
 */
export function compileSensitivities(scenario: Scenario, compiled: CompiledScenario, selectedArms?: readonly string[]): SensitivityStudyPlan[] {
    const studies: SensitivityStudyPlan[] = [];
    for (const block of sensitivityBlocks(scenario)) {
        const request = sensitivityRequestOf(block);
        const arm = request.arm ?? armNamesOf(scenario)[0];
        if (selectedArms && !selectedArms.includes(arm)) continue;
        if (request.output === undefined) throw new CompileError(`sensitivity ${block.name} has no measure line: say which series, e.g. measure bmd at total_hip at 5 years`, block);
        const named = { name: request.name, ...(request.title !== undefined ? { title: request.title } : {}) };
        const common = { arm, output: request.output, times: request.times, parameters: request.parameters };
        try {
            studies.push(request.method === 'local'
                ? { ...named, method: 'local', local: planSensitivityRequest(compiled, common) }
                : { ...named, method: request.method, global: planGlobalSensitivityRequest(compiled, { ...common, method: request.method, samples: request.samples, seed: request.seed }) });
        } catch (error) {
            if (error instanceof SelectionError) throw new CompileError(`sensitivity ${block.name}: ${error.message.replace(/--(samples|seed)\b/g, '$1').replace(/--at /g, 'the time ')}`, block);
            throw error;
        }
    }
    return studies;
}
