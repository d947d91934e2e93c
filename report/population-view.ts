/**
 * A virtual population as the view draws it: per reported measure, each arm's median line inside its
 * 90 % band (5th to 95th percentile). Arms keep the colours they have in the scenario's other charts.
 */
import type { ScenarioResult } from '../simulator/index.js';
import { numberOrNull, populationsOf, text, unitText, type PopulationArmResult, type PopulationParameter, type PopulationResult } from './exploration-input.js';
import { formatValue } from './format.js';
import { reportedSeries } from './series-catalog.js';
import { indexLookup, sharedTimes } from './time-axis.js';
import { seriesLabel, seriesUnit } from './series-catalog.js';
import { decimationIndices, pick } from './decimate.js';
import type { TimeScale } from './format.js';

export interface PopulationView {
    readonly id: string;
    readonly name: string;
    readonly title: string;
    readonly size: number | null;
    readonly seed: number | null;
    /** How each varied parameter is drawn, as a phrase: "rankl_per_tnf: log-normal, median 0.5 1/pM, CV 30 %". */
    readonly variation: string[];
    /** Per arm with failed virtual patients: "late: 3 of 200 virtual patients failed and are left out". */
    readonly failures: string[];
    /** One per `responders` line: how many virtual patients of each arm meet the condition. */
    readonly responders: ResponderRow[];
    readonly charts: PopulationChart[];
    readonly problem?: string;
}

/** `responders bmd at total_hip > 0 at 2 years`: per arm "143 of 200 (71.5 %)". */
export interface ResponderRow {
    /** The condition as the scenario writes it. */
    readonly label: string;
    readonly arms: { readonly arm: string; readonly armIndex: number; readonly count: number; readonly of: number; readonly fraction: number | null }[];
}

export interface PopulationChart {
    readonly id: string;
    readonly key: string;
    readonly title: string;
    readonly unit: string;
    /** Time in the view's time unit. */
    readonly x: number[];
    readonly arms: PopulationBand[];
}

export interface PopulationBand {
    readonly arm: string;
    /** The arm's index among the scenario's arms (its colour), else past them. */
    readonly armIndex: number;
    readonly median: (number | null)[];
    /** Lower and upper edge of the band: the 5th and 95th percentiles, ordered point by point. */
    readonly lower: (number | null)[];
    readonly upper: (number | null)[];
}

export function buildPopulationViews(scenario: ScenarioResult, timeScale: TimeScale, maxPoints: number): PopulationView[] {
    const armNames = (scenario.arms ?? []).map(a => a.name);
    return populationsOf(scenario).map((population, index) => {
        const id = `population-${String(population.name ?? index).replace(/[^A-Za-z0-9_-]/g, '_')}-${index}`;
        return buildPopulationView(population, id, scenario.reported, armNames, timeScale, maxPoints);
    });
}

export function buildPopulationView(population: PopulationResult, id: string, reported: readonly string[] | undefined,
    armNames: readonly string[], timeScale: TimeScale, maxPoints: number): PopulationView {
    const size = numberOrNull(population.size);
    const arms = (Array.isArray(population.arms) ? population.arms : []).filter(a => a && Array.isArray(a.time));
    const name = text(population.name, id);
    const base = {
        id, name, title: text(population.title) || name, size, seed: numberOrNull(population.seed),
        variation: (Array.isArray(population.parameters) ? population.parameters : []).filter(p => p && typeof p === 'object').map(describeVariation),
        failures: arms.filter(a => (numberOrNull(a.failed) ?? 0) > 0)
            .map(a => `${text(a.name)}: ${a.failed}${size !== null ? ` of ${size}` : ''} virtual patients failed to simulate and are left out of the percentiles`),
        responders: responderRows(arms, armNames)
    };
    if (arms.length === 0) return { ...base, charts: [], problem: 'This population has no arm with results.' };
    const keys = [...new Set(arms.flatMap(a => Object.keys(a.median ?? {})))];
    const shown = reportedSeries(reported, keys);
    if (shown.length === 0) return { ...base, charts: [], problem: 'None of the reported series is in the population results.' };
    const extra = armNames.length;
    const armIndexOf = (name: string, i: number) => {
        const known = armNames.indexOf(name);
        return known >= 0 ? known : extra + i;
    };
    const charts = shown.map(key => populationChart(`${id}-${key.replace(/[^A-Za-z0-9_-]/g, '_')}`, key, arms, armIndexOf, timeScale, maxPoints));
    return { ...base, charts };
}

function populationChart(id: string, key: string, arms: readonly PopulationArmResult[], armIndexOf: (name: string, i: number) => number,
    scale: TimeScale, maxPoints: number): PopulationChart {
    const withKey = arms.map((arm, i) => ({ arm, i })).filter(({ arm }) => Array.isArray(arm.median?.[key]));
    const times = sharedTimes(withKey.map(({ arm }) => arm.time));
    const bands = withKey.map(({ arm, i }) => {
        const lookup = indexLookup(arm.time, times);
        const at = (series: number[] | undefined) => times.map((_, k) => {
            const j = lookup[k];
            return j === undefined || !Array.isArray(series) ? null : numberOrNull(series[j]);
        });
        const [lower, upper] = orderedEdges(at(arm.p05?.[key]), at(arm.p95?.[key]));
        return { arm: text(arm.name), armIndex: armIndexOf(text(arm.name), i), median: at(arm.median[key]), lower, upper };
    });
    const keep = decimationIndices(times.length, bands.flatMap(b => [b.median, b.lower, b.upper]), maxPoints);
    return {
        id, key, title: seriesLabel(key), unit: seriesUnit(key),
        x: pick(times, keep).map(t => t / scale.daysPer),
        arms: bands.map(b => ({ ...b, median: pick(b.median, keep), lower: pick(b.lower, keep), upper: pick(b.upper, keep) }))
    };
}

/** Point-wise min and max, so a band never turns inside out; a missing edge leaves a gap. */
export function orderedEdges(a: readonly (number | null)[], b: readonly (number | null)[]): [(number | null)[], (number | null)[]] {
    const lower = a.map((v, i) => (v === null || b[i] === null ? null : Math.min(v, b[i] as number)));
    const upper = a.map((v, i) => (v === null || b[i] === null ? null : Math.max(v, b[i] as number)));
    return [lower, upper];
}

/** uPlot's aligned data for a population chart: per visible arm the lower edge, the median, the upper edge. */
export interface BandPlotData {
    readonly data: (number | null)[][];
    /** One entry per series after x, in data order. */
    readonly series: { readonly armIndex: number; readonly arm: string; readonly role: 'lower' | 'median' | 'upper' }[];
    /** Fill between these 1-based series indices (upper first, as uPlot expects). */
    readonly bands: { readonly upper: number; readonly lower: number; readonly armIndex: number }[];
}

export function bandPlotData(chart: PopulationChart, hiddenArms: ReadonlySet<number> = new Set()): BandPlotData {
    const data: (number | null)[][] = [chart.x];
    const series: BandPlotData['series'][number][] = [];
    const bands: BandPlotData['bands'][number][] = [];
    for (const band of chart.arms) {
        if (hiddenArms.has(band.armIndex)) continue;
        const base = data.length;
        data.push(band.lower, band.median, band.upper);
        series.push({ armIndex: band.armIndex, arm: band.arm, role: 'lower' }, { armIndex: band.armIndex, arm: band.arm, role: 'median' },
            { armIndex: band.armIndex, arm: band.arm, role: 'upper' });
        bands.push({ upper: base + 2, lower: base, armIndex: band.armIndex });
    }
    return { data, series, bands };
}

/** Rows in the order the scenario writes its `responders` lines; arms in result order, with their chart colours. */
function responderRows(arms: readonly PopulationArmResult[], armNames: readonly string[]): ResponderRow[] {
    const rows = new Map<string, ResponderRow>();
    arms.forEach((arm, i) => {
        for (const r of Array.isArray(arm.responders) ? arm.responders : []) {
            const label = text(r.label);
            const row = rows.get(label) ?? { label, arms: [] };
            const known = armNames.indexOf(text(arm.name));
            row.arms.push({ arm: text(arm.name), armIndex: known >= 0 ? known : armNames.length + i,
                count: numberOrNull(r.count) ?? 0, of: numberOrNull(r.of) ?? 0, fraction: numberOrNull(r.fraction) });
            rows.set(label, row);
        }
    });
    return [...rows.values()];
}

/** "143 of 200 (71.5 %)": the count first, so a small denominator is never hidden behind a percentage. */
export function responderText(cell: ResponderRow['arms'][number]): string {
    return `${cell.count} of ${cell.of}${cell.fraction !== null ? ` (${formatValue(cell.fraction * 100)} %)` : ''}`;
}

function describeVariation(p: PopulationParameter): string {
    const unit = unitText(p.unit) ? ` ${unitText(p.unit)}` : '';
    if (p.distribution === 'categorical') return `${text(p.name)}: ${(p.shares ?? []).map(c => `${text(c.label)} ${formatValue(c.share * 100)} %`).join(', ')}`;
    if (p.distribution === 'uniform') return `${text(p.name)}: uniform from ${formatValue(numberOrNull(p.low))} to ${formatValue(numberOrNull(p.high))}${unit}`;
    const cv = numberOrNull(p.cv);
    return `${text(p.name)}: log-normal, median ${formatValue(numberOrNull(p.median))}${unit}${cv !== null ? `, CV ${formatValue(cv * 100)} %` : ''}`;
}
