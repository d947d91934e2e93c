/**
 * Shapes a scenario's results into what the results view and the HTML report draw: charts (reported
 * first, decimated, on a readable time unit), summary tables and a header. Pure data in, pure data out,
 * so the extension host, the webview and the CLI share it.
 */
import type { ArmResult, RunResult, ScenarioResult } from '../simulator/index.js';
import { baseOf, chartDefinitions, reportedSeries, seriesLabel, seriesUnit, type ChartGroup } from './series-catalog.js';
import { indexLookup, sharedTimes } from './time-axis.js';
import { buildSweepViews, type SweepView } from './sweep-view.js';
import { buildPopulationViews, type PopulationView } from './population-view.js';
import { goodnessTable, observedOnChart, type GoodnessTable, type ObservedView } from './observed-view.js';
import { buildStudyViews, type StudyView } from './global-sensitivity-view.js';

export { reportedSeries } from './series-catalog.js';
import { decimationIndices, pick } from './decimate.js';
import { formatTimePoint, timeScaleFor, type TimeScale } from './format.js';

export interface ResultsView {
    readonly header: ResultsHeader;
    readonly arms: ArmView[];
    readonly timeScale: TimeScale;
    readonly charts: ChartView[];
    readonly summary: SummaryTable[];
    /** Parameter sweeps of the scenario (absent when it has none). */
    readonly sweeps?: SweepView[];
    /** Virtual populations of the scenario (absent when it has none). */
    readonly populations?: PopulationView[];
    /** The scenario's `sensitivity` blocks (absent when it has none). */
    readonly sensitivities?: StudyView[];
    /** Goodness of fit of the scenario's `observe` lines (absent when it has none). */
    readonly goodnessOfFit?: GoodnessTable;
}

export interface ResultsHeader {
    readonly title: string;
    readonly scenario: string;
    readonly source?: string;
    /** SHA-256 (hex) of the source file's text as simulated (content-hash.ts); several files: `name sha256, …`. */
    readonly sourceHash?: string;
    readonly model: { readonly name: string; readonly version: string };
    readonly tool: { readonly name: string; readonly version: string };
    readonly durationDays: number;
    readonly assumptions: string[];
}

export interface ArmView {
    readonly name: string;
    readonly index: number;
    readonly stats?: { readonly steps: number; readonly rhsEvaluations: number; readonly solveSeconds: number };
}

export interface ChartView {
    readonly id: string;
    readonly group: ChartGroup;
    readonly title: string;
    readonly unit: string;
    readonly reported: boolean;
    readonly logCapable: boolean;
    /** Time in `timeScale` units, shared by every line of the chart. */
    readonly x: number[];
    /** The time axis spans [0, horizon] (in `timeScale` units) whatever the samples: every chart reaches the end. */
    readonly horizon: number;
    readonly lines: LineView[];
    readonly doses: DoseMark[];
    /** Observed data compared with this chart's series (absent when none). */
    readonly observed?: ObservedView[];
}

export interface LineView {
    readonly arm: string;
    readonly armIndex: number;
    readonly key: string;
    /** Legend text: the arm, plus the series when a chart holds several. */
    readonly label: string;
    /** Position of the series within its chart, for the dash pattern. */
    readonly seriesIndex: number;
    readonly values: (number | null)[];
}

export interface DoseMark {
    /** In `timeScale` units. */
    readonly x: number;
    readonly armIndex: number;
    readonly drug: string;
    readonly amountMg: number;
}

export interface SummaryTable {
    readonly key: string;
    readonly label: string;
    readonly unit: string;
    /** The summary columns between end and min: 1 year by default, or the scenario's `report at …` times. */
    readonly times: SummaryTime[];
    /** The arm the difference column compares against (`compare to`, else the first arm). */
    readonly reference: string;
    readonly rows: SummaryRow[];
}

export interface SummaryTime {
    readonly days: number;
    /** "6 months", "2 years". */
    readonly label: string;
}

export interface SummaryRow {
    readonly arm: string;
    readonly armIndex: number;
    readonly end: number | null;
    readonly at1y: number | null;
    /** Values at the table's `times`, in order (null beyond the horizon). */
    readonly at: (number | null)[];
    readonly min: number | null;
    /** End value minus the reference arm's end value; null for the reference arm itself. */
    readonly diff: number | null;
    readonly isReference: boolean;
}

export interface ViewOptions {
    /** Upper bound on samples per chart after decimation. */
    readonly maxPoints?: number;
    /** Shown in the header, e.g. the file name. */
    readonly source?: string;
    /** The source text's SHA-256, recorded in the header and the report. */
    readonly sourceHash?: string;
}

export const DEFAULT_MAX_POINTS = 2000;
const DAYS_PER_YEAR = 365.25;

export function buildResultsView(run: Pick<RunResult, 'tool' | 'version' | 'model'>, scenario: ScenarioResult, options: ViewOptions = {}): ResultsView {
    const arms = scenario.arms ?? [];
    const timeScale = timeScaleFor(scenario.durationDays);
    const allKeys = unique(arms.flatMap(arm => Object.keys(arm.series ?? {})));
    const reportedKeys = reportedSeries(scenario.reported, allKeys);
    const observedKeys = new Set((scenario.observations ?? []).map(o => o.series));
    const charts = chartDefinitions(allKeys).map(def => {
        // A chart with observed data is shown with the reported ones: the user asked to compare it.
        const reported = def.keys.some(k => reportedKeys.includes(k) || observedKeys.has(k));
        return { def, reported, order: reported ? Math.min(...def.keys.map(k => rankOf(reportedKeys, k))) : Infinity };
    });
    // Reported charts in the order of the report lines; the rest keep the catalog order (stable sort).
    charts.sort((a, b) => a.order - b.order);
    return {
        header: {
            title: scenario.title || scenario.name,
            scenario: scenario.name,
            source: options.source,
            sourceHash: options.sourceHash,
            model: run.model,
            tool: { name: run.tool, version: run.version },
            durationDays: scenario.durationDays,
            assumptions: scenario.assumptions ?? []
        },
        arms: arms.map((arm, index) => ({ name: arm.name, index, stats: arm.stats })),
        timeScale,
        charts: charts.map(({ def, reported }) => withObserved(buildChart(def, reported, arms, timeScale, options.maxPoints ?? DEFAULT_MAX_POINTS, scenario.durationDays),
            observedOnChart(scenario, def.keys, timeScale))),
        summary: reportedKeys.map(key => summaryTable(key, arms, summaryTimesOf(scenario), scenario.reference)),
        ...explorations(scenario, timeScale, options.maxPoints ?? DEFAULT_MAX_POINTS),
        ...goodnessOf(scenario)
    };
}

function withObserved(chart: ChartView, observed: ObservedView[]): ChartView {
    return observed.length > 0 ? { ...chart, observed } : chart;
}

/** Only present when the scenario observes data, so a plain run's view is unchanged. */
function goodnessOf(scenario: ScenarioResult): Pick<ResultsView, 'goodnessOfFit'> {
    const table = goodnessTable(scenario);
    return table ? { goodnessOfFit: table } : {};
}

function buildChart(def: ReturnType<typeof chartDefinitions>[number], reported: boolean, arms: readonly ArmResult[],
    scale: TimeScale, maxPoints: number, durationDays: number): ChartView {
    // Drug concentrations come from their dose-following samples when the arm has them (docs/language.md "Charts").
    const sampled = (arm: ArmResult) => def.group === 'drugs' && arm.drugCurves && def.keys.every(k => arm.drugCurves!.series[k])
        ? { time: arm.drugCurves.time, series: arm.drugCurves.series } : { time: arm.time ?? [], series: arm.series ?? {} };
    const withData = arms.map((arm, armIndex) => ({ arm, armIndex, data: sampled(arm) })).filter(({ data }) => def.keys.some(k => data.series[k]));
    const times = sharedTimes(withData.map(({ data }) => data.time));
    const lines: LineView[] = [];
    for (const { arm, armIndex, data } of withData) {
        const lookup = indexLookup(data.time, times);
        def.keys.forEach((key, seriesIndex) => {
            const values = data.series[key];
            if (!values) return;
            lines.push({
                arm: arm.name, armIndex, key, seriesIndex,
                label: def.keys.length > 1 ? `${arm.name} · ${seriesLabel(key)}` : arm.name,
                values: times.map((_, i) => finiteOrNull(lookup[i] === undefined ? undefined : values[lookup[i] as number]))
            });
        });
    }
    const keep = decimationIndices(times.length, lines.map(l => l.values), maxPoints);
    const drugs = def.group === 'drugs' ? new Set(def.keys.map(k => baseOf(k).slice(5))) : undefined;
    const doses = withData.flatMap(({ arm, armIndex }) => (arm.doses ?? [])
        .filter(d => Number.isFinite(d.time) && (!drugs || drugs.has(d.drug)))
        .map(d => ({ x: d.time / scale.daysPer, armIndex, drug: d.drug, amountMg: d.amountMg })));
    return {
        id: def.id, group: def.group, title: def.title, unit: def.unit, reported, logCapable: def.logCapable,
        x: pick(times, keep).map(t => t / scale.daysPer),
        horizon: durationDays / scale.daysPer,
        lines: lines.map(l => ({ ...l, values: pick(l.values, keep) })),
        doses
    };
}

/** Only present when the scenario has them, so a plain run's view (and its JSON) is unchanged. */
function explorations(scenario: ScenarioResult, timeScale: TimeScale, maxPoints: number): Pick<ResultsView, 'sweeps' | 'populations' | 'sensitivities'> {
    const sweeps = buildSweepViews(scenario, timeScale, maxPoints);
    const populations = buildPopulationViews(scenario, timeScale, maxPoints);
    const sensitivities = buildStudyViews(scenario);
    return { ...(sweeps.length > 0 ? { sweeps } : {}), ...(populations.length > 0 ? { populations } : {}), ...(sensitivities.length > 0 ? { sensitivities } : {}) };
}

/** The scenario's summary times, or one year (docs/language.md §3.4). */
export function summaryTimesOf(scenario: Pick<ScenarioResult, 'summaryTimes'>): SummaryTime[] {
    const days = scenario.summaryTimes && scenario.summaryTimes.length > 0 ? scenario.summaryTimes : [DAYS_PER_YEAR];
    return days.map(d => ({ days: d, label: formatTimePoint(d) }));
}

function summaryTable(key: string, arms: readonly ArmResult[], times: SummaryTime[], referenceArm: string | undefined): SummaryTable {
    const rows = arms.map((arm, armIndex) => ({
        arm: arm.name, armIndex, ...summaryOf(arm, key),
        at: times.map(t => valueAt(arm.time ?? [], arm.series?.[key] ?? [], t.days))
    }));
    const refIndex = Math.max(0, rows.findIndex(r => r.arm === referenceArm));
    const reference = rows[refIndex]?.end ?? null;
    return {
        key, label: seriesLabel(key), unit: seriesUnit(key), times,
        reference: rows[refIndex]?.arm ?? '',
        rows: rows.map((row, i) => ({
            ...row,
            isReference: i === refIndex,
            diff: i === refIndex || row.end === null || reference === null ? null : row.end - reference
        }))
    };
}

/** The simulator's summary when present, else computed from the series (same definitions). */
export function summaryOf(arm: ArmResult, key: string): { end: number | null; at1y: number | null; min: number | null } {
    const given = arm.summary?.[key];
    if (given) return { end: finiteOrNull(given.end), at1y: finiteOrNull(given.at1y), min: finiteOrNull(given.min) };
    const values = arm.series?.[key];
    const time = arm.time ?? [];
    if (!values || values.length === 0) return { end: null, at1y: null, min: null };
    let min: number | null = null;
    for (const v of values) if (Number.isFinite(v) && (min === null || v < min)) min = v;
    return { end: finiteOrNull(values[values.length - 1]), at1y: valueAt(time, values, DAYS_PER_YEAR), min };
}

/** Linear interpolation; null outside the simulated horizon. */
export function valueAt(time: readonly number[], values: readonly number[], t: number): number | null {
    if (time.length === 0 || t < time[0] || t > time[time.length - 1]) return null;
    let hi = time.findIndex(x => x >= t);
    if (hi <= 0) return finiteOrNull(values[Math.max(hi, 0)]);
    const lo = hi - 1;
    const f = (t - time[lo]) / (time[hi] - time[lo]);
    return finiteOrNull(values[lo] + f * (values[hi] - values[lo]));
}

function finiteOrNull(value: number | null | undefined): number | null {
    return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function rankOf(list: readonly string[], item: string): number {
    const i = list.indexOf(item);
    return i < 0 ? Infinity : i;
}

function unique<T>(items: readonly T[]): T[] {
    return [...new Set(items)];
}

/** Every scenario of a run, each as a view. */
export function buildResultsViews(run: RunResult, options: ViewOptions = {}): ResultsView[] {
    return run.scenarios.map(s => buildResultsView(run, s, options));
}
