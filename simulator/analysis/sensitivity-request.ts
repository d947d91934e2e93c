/**
 * What `osteo sensitivity` and the `osteo/sensitivity` request share: choose the arm, check the
 * output and the time, plan the runs. Mistakes are SelectionErrors whose message names the choices.
 */
import { lookupUnit } from '../units.js';
import type { CompiledScenario } from '../compiled-scenario.js';
import { SelectionError } from '../selection-error.js';
import { planSensitivity, type SensitivityPlan } from './sensitivity.js';
import { planGlobalSensitivity, type FactorRequest, type GlobalSensitivityPlan } from './global-sensitivity-plan.js';
import type { GlobalMethod } from './global-sensitivity.js';
import type { ModelDescription } from '../model-description.js';
import { seriesOf } from './series-keys.js';

export interface SensitivityRequest {
    /** Default: the scenario's first arm. */
    readonly arm?: string;
    /** A series key of the arm ("bmd.lumbar_spine"). */
    readonly output: string;
    /** "3 years", "180 days", "90" (days); default: `times`, else the end of the horizon. */
    readonly at?: string;
    /** Days (a scenario's `sensitivity` block): used when `at` is absent. */
    readonly times?: readonly number[];
    /** Only these parameters (local: their coefficients; global: the factors, with optional ranges). */
    readonly parameters?: readonly FactorRequest[];
}

export interface GlobalSensitivityRequest extends SensitivityRequest {
    readonly method: GlobalMethod;
    readonly samples?: number;
    readonly seed?: number;
}

export function planSensitivityRequest(scenario: CompiledScenario, request: SensitivityRequest): SensitivityPlan {
    const { desc, atDays } = checkRequest(scenario, request);
    if (request.parameters?.some(p => p.low !== undefined || p.high !== undefined)) throw new SelectionError('a local sensitivity takes parameter names without ranges');
    return planSensitivity(desc, request.output, atDays[atDays.length - 1], undefined, request.parameters?.map(p => p.name));
}

/**
 * A Sobol or Morris study: `at` may list several times ("1 year, 3 years, 5 years"), the indices are
 * computed at each; without it, at a quarter, half, three quarters and the end of the horizon.
 */
export function planGlobalSensitivityRequest(scenario: CompiledScenario, request: GlobalSensitivityRequest): GlobalSensitivityPlan {
    const { desc, atDays } = checkRequest(scenario, request, true);
    return planGlobalSensitivity(desc, request.output, atDays, request);
}

function checkRequest(scenario: CompiledScenario, request: SensitivityRequest, several = false): { desc: ModelDescription; atDays: number[] } {
    const desc = request.arm === undefined ? scenario.arms[0] : scenario.arms.find(a => a.arm === request.arm);
    if (!desc) {
        throw new SelectionError(request.arm === undefined ? `scenario ${scenario.name} has no arm`
            : `no arm named '${request.arm}' in scenario ${scenario.name}; the arms are ${scenario.arms.map(a => a.arm).join(', ')}`);
    }
    const series = seriesOf(desc);
    if (!request.output) throw new SelectionError(`name the output, e.g. --output bmd.lumbar_spine (the outputs are ${[...series.keys()].join(', ')})`);
    if (!series.has(request.output)) {
        throw new SelectionError(`arm ${desc.arm} has no output '${request.output}'; the outputs are ${[...series.keys()].join(', ')}`);
    }
    const d = desc.durationDays;
    const texts = request.at === undefined ? undefined : several ? request.at.split(',') : [request.at];
    const given = texts?.map(parseDays) ?? (request.times && request.times.length > 0 ? [...request.times] : undefined);
    if (given && given.length > 1 && !several) throw new SelectionError(`a local sensitivity is computed at one time, not ${given.length}`);
    const atDays = given ?? (several ? [d / 4, d / 2, 3 * d / 4, d] : [d]);
    for (const [i, t] of atDays.entries()) {
        if (t < 0 || t > d * (1 + 1e-12)) throw new SelectionError(`--at ${texts?.[i] ?? `day ${+t.toPrecision(6)}`} is outside the scenario's horizon of ${+d.toPrecision(6)} days`);
    }
    return { desc, atDays: [...new Set(atDays)].sort((a, b) => a - b) };
}

/** "3 years", "3years", "18 months", "90" (days) → days. */
export function parseDays(text: string): number {
    const match = /^\s*(\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?\s*([A-Za-z]*)\s*$/.exec(text);
    const value = match ? Number(text.trim().replace(/[A-Za-z\s]+$/, '')) : NaN;
    const unit = match?.[2] ? lookupUnit(match[2]) : { dimension: 'time', factor: 1 };
    if (!match || !Number.isFinite(value) || unit?.dimension !== 'time') {
        throw new SelectionError(`'${text}' is not a time; write e.g. "3 years", "18 months" or "90 days"`);
    }
    return value * unit.factor;
}
