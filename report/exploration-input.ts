/**
 * Reading the sweeps, populations and sensitivity analyses of a results object defensively: the view
 * must survive a partial or older results file with a message, never a crash or a NaN on screen.
 */
import type { PopulationResult, ScenarioResult, SweepResult } from '../simulator/index.js';
export type { PopulationArmResult, PopulationParameter, PopulationResult, SensitivityParameter, SensitivityResult, SweepResult } from '../simulator/index.js';


export function sweepsOf(scenario: ScenarioResult): SweepResult[] {
    return Array.isArray(scenario.sweeps) ? scenario.sweeps.filter(isObject) : [];
}

export function populationsOf(scenario: ScenarioResult): PopulationResult[] {
    return Array.isArray(scenario.populations) ? scenario.populations.filter(isObject) : [];
}

function isObject<T>(value: T): boolean {
    return typeof value === 'object' && value !== null;
}

export function numberOrNull(value: unknown): number | null {
    return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export function numbers(value: unknown): number[] {
    return Array.isArray(value) ? value.map(v => (typeof v === 'number' ? v : NaN)) : [];
}

/** A swept axis: numbers (doses, times, parameter values) or names (severities), as the sweep lists them. */
export function axisValues(value: unknown): (number | string)[] {
    return Array.isArray(value) ? value.map(v => (typeof v === 'number' || typeof v === 'string' ? v : NaN)) : [];
}

export function text(value: unknown, fallback = ''): string {
    return typeof value === 'string' ? value : value === undefined || value === null ? fallback : String(value);
}

/** A unit for display: the engine writes "–" for dimensionless quantities, which reads better as nothing. */
export function unitText(value: unknown): string {
    const unit = text(value).trim();
    return unit === '–' || unit === '-' || unit === '1' ? '' : unit;
}
