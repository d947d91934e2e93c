/**
 * A parameter sweep as the view draws it: for one swept quantity, the family of curves over time
 * (coloured along a ramp by value) and the measure at the chosen time against the value; for two,
 * a heat map. Malformed input becomes a sentence for the reader, not a broken chart.
 */
import type { ScenarioResult } from '../simulator/index.js';
import { axisValues, numberOrNull, sweepsOf, text, unitText, type SweepResult } from './exploration-input.js';
import { heatmapLayout, type HeatmapLayout } from './heatmap.js';
import { isLogSpaced, sweepAxis, type SweepAxis } from './sweep-axis.js';
import { seriesLabel, seriesUnit } from './series-catalog.js';
import { formatDuration, type TimeScale } from './format.js';
import { decimationIndices, pick } from './decimate.js';
import { rampPosition } from './color-ramp.js';

export interface SweepView {
    /** Unique within the scenario; used for element ids and export file names. */
    readonly id: string;
    readonly name: string;
    readonly title: string;
    readonly arm: string;
    /** The swept quantity in words ("start of AntiTNF in treated"), with its unit. */
    readonly parameter: string;
    readonly unit: string;
    readonly parameter2?: string;
    readonly unit2?: string;
    readonly measure: string;
    readonly measureLabel: string;
    readonly measureUnit: string;
    /** "at 12 months", "at the end (3 years)". */
    readonly atLabel: string;
    readonly family?: SweepFamily;
    readonly endpoint?: SweepEndpoint;
    readonly heatmap?: HeatmapLayout;
    /** Why (part of) the sweep cannot be drawn. */
    readonly problem?: string;
}

export interface SweepFamily {
    /** Time in the view's time unit. */
    readonly x: number[];
    /** In axis order (ascending values). */
    readonly lines: SweepLine[];
}

export interface SweepLine {
    readonly label: string;
    /** Position on the colour ramp, 0..1, on the same (linear, log or ordinal) scale as the end-point axis. */
    readonly position: number;
    readonly values: (number | null)[];
}

export interface SweepEndpoint {
    /** In axis order; `x` is the value, or the index for named values. */
    readonly points: { readonly x: number; readonly label: string; readonly result: number | null; readonly position: number }[];
    readonly logX: boolean;
    /** Named values (severities): the axis shows the names at equal spacing. */
    readonly categorical: boolean;
}

export function buildSweepViews(scenario: ScenarioResult, timeScale: TimeScale, maxPoints: number): SweepView[] {
    const used = new Set<string>();
    return sweepsOf(scenario).map((sweep, index) => {
        let id = `sweep-${text(sweep.name, String(index)).replace(/[^A-Za-z0-9_-]/g, '_')}`;
        while (used.has(id)) id += '_';
        used.add(id);
        return buildSweepView(sweep, id, scenario.durationDays, timeScale, maxPoints);
    });
}

export function buildSweepView(sweep: SweepResult, id: string, durationDays: number, timeScale: TimeScale, maxPoints: number): SweepView {
    const measure = text(sweep.measure);
    const name = text(sweep.name, id);
    const base = {
        id, name,
        title: text(sweep.title) || name,
        arm: text(sweep.arm),
        parameter: text(sweep.parameter, 'the swept value'),
        unit: unitText(sweep.unit),
        measure,
        measureLabel: seriesLabel(measure),
        measureUnit: unitText(sweep.measureUnit) || seriesUnit(measure),
        atLabel: atLabel(numberOrNull(sweep.at), durationDays)
    };
    const values = axisValues(sweep.values);
    const results: unknown[] = Array.isArray(sweep.results) ? sweep.results : [];
    if (sweep.parameter2 !== undefined || sweep.values2 !== undefined) {
        const second = { parameter2: text(sweep.parameter2, 'the second swept value'), unit2: unitText(sweep.unit2) };
        const layout = heatmapLayout(values, axisValues(sweep.values2), results);
        return typeof layout === 'string'
            ? { ...base, ...second, problem: `Cannot draw this sweep: ${layout}.` }
            : { ...base, ...second, heatmap: layout };
    }
    const axis = sweepAxis(values);
    if (typeof axis === 'string') return { ...base, problem: `Cannot draw this sweep: ${axis}.` };
    if (results.length !== values.length) return { ...base, problem: `Cannot draw this sweep: ${results.length} results for ${values.length} values.` };
    const logX = isLogSpaced(axis);
    const position = rampPositions(axis, logX);
    const points = axis.order.map((i, k) => ({ x: axis.positions[k], label: axis.labels[k], result: numberOrNull(results[i]), position: position[k] }));
    const endpoint = { points, logX, categorical: axis.categorical };
    const family = buildFamily(sweep, base.unit, axis, position, timeScale, maxPoints);
    return typeof family === 'string' ? { ...base, endpoint, problem: family } : { ...base, endpoint, family };
}

function buildFamily(sweep: SweepResult, unit: string, axis: SweepAxis, position: number[],
    scale: TimeScale, maxPoints: number): SweepFamily | string | undefined {
    const curves = sweep.curves;
    if (!curves) return undefined;
    const time = Array.isArray(curves.time) ? curves.time.map(t => (typeof t === 'number' ? t : NaN)) : [];
    const series: unknown[] = Array.isArray(curves.series) ? curves.series : [];
    if (series.length !== axis.order.length) return `The curves over time are not shown: ${series.length} curves for ${axis.order.length} values.`;
    if (series.some(s => !Array.isArray(s) || s.length !== time.length)) return 'The curves over time are not shown: a curve and the time axis differ in length.';
    const lines = axis.order.map((i, k) => ({
        // The chart says what is swept; the legend lists the values.
        label: `${axis.labels[k]}${unit ? ` ${unit}` : ''}`,
        position: position[k],
        values: (series[i] as unknown[]).map(numberOrNull)
    }));
    const keep = decimationIndices(time.length, lines.map(l => l.values), maxPoints);
    return {
        x: pick(time, keep).map(t => t / scale.daysPer),
        lines: lines.map(l => ({ ...l, values: pick(l.values, keep) }))
    };
}

/** Colour-ramp positions in axis order: by value (log value when log-spaced), by rank for names. */
function rampPositions(axis: SweepAxis, logX: boolean): number[] {
    const p = axis.positions;
    if (axis.categorical) return p.map((_, k) => (p.length > 1 ? k / (p.length - 1) : 0.5));
    const f = logX ? Math.log : (v: number) => v;
    return p.map(v => rampPosition(f(v), f(p[0]), f(p[p.length - 1])));
}

function atLabel(at: number | null, durationDays: number): string {
    if (at === null || Math.abs(at - durationDays) < 1e-6) return `at the end (${formatDuration(durationDays)})`;
    return `at ${formatDuration(at)}`;
}


/** Ids of the charts a sweep is drawn as, in page order (element ids, export names, run outcomes). */
export function sweepChartIds(sweep: SweepView): { curves?: string; endpoint?: string; heatmap?: string } {
    return {
        ...(sweep.family ? { curves: `${sweep.id}-curves` } : {}),
        ...(sweep.endpoint ? { endpoint: `${sweep.id}-endpoint` } : {}),
        ...(sweep.heatmap ? { heatmap: `${sweep.id}-heatmap` } : {})
    };
}
