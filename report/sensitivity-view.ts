/**
 * A local sensitivity analysis as the view draws it: parameters ranked by the size of their effect on
 * the output, with the assumed (uncalibrated) ones flagged, the first few shown and the rest one click away.
 */
import { numberOrNull, text, type SensitivityResult } from './exploration-input.js';
import { formatValue } from './format.js';
import { seriesLabel, seriesUnit } from './series-catalog.js';
import { formatDuration } from './format.js';
import { niceTicks } from './ticks.js';

export interface SensitivityView {
    readonly title: string;
    readonly output: string;
    readonly outputLabel: string;
    readonly form: 'normalised' | 'absolute';
    /** What a coefficient means, for the axis and the caption. */
    readonly axisLabel: string;
    readonly atLabel: string;
    readonly scenario?: string;
    readonly arm?: string;
    /** "value −2.31 % change from baseline with every parameter at its value". */
    readonly baselineLabel?: string;
    /** The engine's remarks on how some coefficients were obtained. */
    readonly notes: string[];
    /** Every parameter, largest |coefficient| first; parameters without a coefficient last. */
    readonly bars: SensitivityBar[];
    /** How many bars show before "show all". */
    readonly topN: number;
    /** Largest |coefficient|, for a symmetric axis; 0 when none is finite. */
    readonly maxAbs: number;
    readonly assumedCount: number;
    readonly problem?: string;
}

export interface SensitivityBar {
    /** 1-based. */
    readonly rank: number;
    readonly name: string;
    readonly value: number | null;
    readonly unit: string;
    readonly coefficient: number | null;
    readonly assumption: boolean;
    /** How the derivative was taken; `absolute` coefficients are per unit of a parameter whose value is 0. */
    readonly difference: 'central' | 'forward' | 'backward' | 'absolute';
}

export const DEFAULT_TOP_N = 10;
const DIFFERENCES: readonly SensitivityBar['difference'][] = ['central', 'forward', 'backward', 'absolute'];

export function buildSensitivityView(result: SensitivityResult, options: { topN?: number; durationDays?: number } = {}): SensitivityView {
    const output = text(result?.output);
    const form = result?.form === 'absolute' ? 'absolute' : 'normalised';
    const outputLabel = seriesLabel(output);
    const unit = seriesUnit(output);
    const bars = rankParameters(Array.isArray(result?.parameters) ? result.parameters : []);
    const maxAbs = bars.reduce((m, b) => (b.coefficient === null ? m : Math.max(m, Math.abs(b.coefficient))), 0);
    const at = numberOrNull(result?.at);
    const atLabel = at === null ? 'at the end of the horizon' : at === options.durationDays ? `at the end (${formatDuration(at)})` : `at ${formatDuration(at)}`;
    return {
        title: `Sensitivity of ${outputLabel} ${atLabel}`,
        output, outputLabel, form, atLabel,
        axisLabel: form === 'normalised'
            ? `d ln(output) / d ln(parameter): % change in ${outputLabel} per 1 % change in the parameter`
            : `Change in ${outputLabel}${unit ? ` (${unit})` : ''} per e-fold change of the parameter (÷ 100 ≈ per 1 % change)`,
        scenario: typeof result?.scenario === 'string' ? result.scenario : undefined,
        arm: typeof result?.arm === 'string' ? result.arm : undefined,
        baselineLabel: numberOrNull(result?.baseline) === null ? undefined
            : `${outputLabel} ${formatValue(result.baseline)}${unit ? ` ${unit}` : ''} with every parameter at its value`,
        notes: Array.isArray(result?.notes) ? result.notes.filter((n): n is string => typeof n === 'string') : [],
        bars,
        topN: Math.max(1, Math.min(options.topN ?? DEFAULT_TOP_N, bars.length || 1)),
        maxAbs,
        assumedCount: bars.filter(b => b.assumption).length,
        problem: bars.length === 0 ? 'The analysis returned no parameters.' : undefined
    };
}

/** Largest |coefficient| first, ties by name; a parameter without a finite coefficient goes last. */
export function rankParameters(parameters: readonly SensitivityResult['parameters'][number][]): SensitivityBar[] {
    return parameters
        .filter(p => p && typeof p === 'object')
        .map(p => ({
            name: String(p.name ?? ''), value: numberOrNull(p.value), unit: typeof p.unit === 'string' ? p.unit : '',
            coefficient: numberOrNull(p.coefficient), assumption: p.assumption === true,
            difference: DIFFERENCES.includes(p.difference) ? p.difference : 'central' as const
        }))
        .sort((a, b) => {
            if (a.coefficient === null || b.coefficient === null) return a.coefficient === null ? (b.coefficient === null ? a.name.localeCompare(b.name) : 1) : -1;
            return Math.abs(b.coefficient) - Math.abs(a.coefficient) || a.name.localeCompare(b.name);
        })
        .map((bar, i) => ({ rank: i + 1, ...bar }));
}

/**
 * The coefficient axis: from zero to the largest effect on the side(s) where coefficients lie, widened
 * to round ticks, so bars of opposite sign grow from one visible zero line.
 */
export function sensitivityAxis(bars: readonly SensitivityBar[]): { min: number; max: number; ticks: number[] } {
    const finite = bars.map(b => b.coefficient).filter((c): c is number => c !== null);
    const lo = Math.min(0, ...finite), hi = Math.max(0, ...finite);
    if (lo === 0 && hi === 0) return { min: -1, max: 1, ticks: [-1, 0, 1] };
    const ticks = niceTicks(lo, hi, lo < 0 && hi > 0 ? 6 : 4);
    const step = ticks.length > 1 ? ticks[1] - ticks[0] : Math.max(Math.abs(lo), Math.abs(hi));
    const min = lo < 0 ? Math.min(ticks[0], Math.floor(lo / step) * step) : 0;
    const max = hi > 0 ? Math.max(ticks[ticks.length - 1], Math.ceil(hi / step) * step) : 0;
    const all = niceTicksBetween(min, max, step);
    return { min, max, ticks: all };
}

function niceTicksBetween(min: number, max: number, step: number): number[] {
    const ticks: number[] = [];
    for (let v = min; v <= max + step * 1e-9; v += step) ticks.push(Math.abs(v) < step * 1e-9 ? 0 : Number(v.toPrecision(12)));
    return ticks;
}
