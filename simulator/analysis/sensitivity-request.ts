/**
 * What `osteo sensitivity` and the `osteo/sensitivity` request share: choose the arm, check the
 * output and the time, plan the runs. Mistakes are SelectionErrors whose message names the choices.
 */
import { lookupUnit } from '../units.js';
import type { CompiledScenario } from '../compiled-scenario.js';
import { SelectionError } from '../run-scenarios.js';
import { planSensitivity, type SensitivityPlan } from './sensitivity.js';
import { seriesOf } from './series-keys.js';

export interface SensitivityRequest {
    /** Default: the scenario's first arm. */
    readonly arm?: string;
    /** A series key of the arm ("bmd.lumbar_spine"). */
    readonly output: string;
    /** "3 years", "180 days", "90" (days); default: the end of the horizon. */
    readonly at?: string;
}

export function planSensitivityRequest(scenario: CompiledScenario, request: SensitivityRequest): SensitivityPlan {
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
    const atDays = request.at === undefined ? desc.durationDays : parseDays(request.at);
    if (atDays < 0 || atDays > desc.durationDays) {
        throw new SelectionError(`--at ${request.at} is outside the scenario's horizon of ${+desc.durationDays.toPrecision(6)} days`);
    }
    return planSensitivity(desc, request.output, atDays);
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
