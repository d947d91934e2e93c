/**
 * `osteo run --format table`: per scenario a summary of the reported series (end, the summary times,
 * min, difference from the reference arm), then one table per sweep and per population
 * and per sensitivity study (docs/language.md "Reading the results"). Numbers below the display threshold print as 0.
 */
import type { ArmResult, PopulationResult, ScenarioResult, ScenarioSensitivityResult, SeriesSummary, SweepResult } from '../simulator/index.js';
import { formatGlobalSensitivityTable } from './global-sensitivity-table.js';
import { formatSensitivityTable } from './sensitivity-table.js';
import { displayed, formatTimePoint, THRESHOLD_NOTE } from './format.js';
import { summaryTimesOf, valueAt } from './view-model.js';
import { goodnessTable, type GoodnessTable } from './observed-view.js';
import { seriesUnit } from './series-catalog.js';

/** end / min / value at one year of a series, from the arm's summary or computed from the samples. */
export function summaryOf(arm: ArmResult, key: string): SeriesSummary | undefined {
    const given = arm.summary[key];
    if (given) return given;
    const values = arm.series[key];
    if (!values || values.length === 0) return undefined;
    const i1y = arm.time.findIndex(t => t >= 365.25 - 1e-9);
    return { end: values[values.length - 1], min: Math.min(...values), at1y: i1y >= 0 ? values[i1y] : null };
}

/**
 * One summary table per scenario: a row per (reported series, arm) with end, the value at each summary
 * time (`report at …`, default 1 year), min, and the end value's difference from the reference arm
 * (`compare to`, default the first arm); then the sweeps and populations.
 */
export function formatScenarioTable(scenario: ScenarioResult): string {
    const horizon = horizonLabel(scenario.durationDays);
    const lines = [`${scenario.name}${scenario.title && scenario.title !== scenario.name ? ` — ${scenario.title}` : ''} (${horizon})`];
    const refIndex = Math.max(0, scenario.arms.findIndex(a => a.name === scenario.reference));
    const reference = scenario.arms[refIndex];
    const times = summaryTimesOf(scenario);
    const defaultTimes = !scenario.summaryTimes || scenario.summaryTimes.length === 0;
    const header = ['series', 'arm', 'end', ...times.map(t => defaultTimes ? '1 y' : t.label), 'min'];
    if (scenario.arms.length > 1) header.push(`Δ end vs ${reference.name}`);
    const rows: string[][] = [];
    for (const key of scenario.reported) {
        const unit = seriesUnit(key, 'table');
        const ref = summaryOf(reference, key);
        scenario.arms.forEach((arm, i) => {
            const s = summaryOf(arm, key);
            const label = i === 0 ? (unit ? `${key} (${unit})` : key) : '';
            const at = times.map(t => num(valueAt(arm.time, arm.series[key] ?? [], t.days)));
            const row = [label, arm.name, num(s?.end), ...at, num(s?.min)];
            if (scenario.arms.length > 1) row.push(i === refIndex || !s || !ref ? '' : signed(s.end - ref.end));
            rows.push(row);
        });
    }
    lines.push(...align([header, ...rows], 2));
    for (const sweep of scenario.sweeps ?? []) lines.push('', ...sweepTable(sweep));
    for (const population of scenario.populations ?? []) lines.push('', ...populationTable(population, scenario, times));
    for (const study of scenario.sensitivities ?? []) lines.push('', ...sensitivityLines(study));
    const goodness = goodnessTable(scenario);
    if (goodness) lines.push('', ...goodnessLines(goodness));
    lines.push('', THRESHOLD_NOTE);
    if (scenario.assumptions.length > 0) {
        lines.push('', 'Assumptions and exploratory mechanisms:', ...scenario.assumptions.map(a => `  - ${a}`));
    }
    return lines.join('\n') + '\n';
}

/** A `sensitivity` block's result: its name, then the table `osteo sensitivity` prints. */
function sensitivityLines(study: ScenarioSensitivityResult): string[] {
    const table = study.method === 'local' ? formatSensitivityTable(study) : formatGlobalSensitivityTable(study);
    return [`Sensitivity ${study.name}${study.title ? ` — ${study.title}` : ''}`, ...table.trimEnd().split('\n')];
}

/** Goodness of fit of the `observe` lines: a row per observe and one for all (docs/data-and-fit.md §6). */
function goodnessLines(table: GoodnessTable): string[] {
    const rows = table.rows.map(r => [r.arm, r.group !== null ? `${r.data} "${r.group}"` : r.data, r.series, String(r.points), num(r.wssr), num(r.rmse)]);
    rows.push(['all', '', '', String(table.total.points), num(table.total.wssr), num(table.total.rmse)]);
    return ['Goodness of fit (WSSR: Σ ((predicted − observed) / error)²; RMSE in the series\' unit):', ...align([['arm', 'data', 'series', 'points', 'WSSR', 'RMSE'], ...rows], 3)];
}

/** A 1-D sweep: a row per value; a 2-D sweep: the grid, first axis down, second across. */
export function sweepTable(sweep: SweepResult): string[] {
    const measure = `${sweep.measure}${sweep.measureUnit ? ` (${sweep.measureUnit})` : ''} at ${formatTimePoint(sweep.at)}`;
    const title = `Sweep ${sweep.name}${sweep.title ? ` — ${sweep.title}` : ''}: ${measure}, arm ${sweep.arm}`;
    const axis = (parameter: string, unit: string) => unit ? `${parameter} (${unit})` : parameter;
    if (!sweep.values2 || sweep.values2.length === 0) {
        const rows = sweep.values.map((v, i) => [String(v), num(sweep.results[i])]);
        return [title, ...align([[axis(sweep.parameter, sweep.unit), sweep.measure], ...rows], 1)];
    }
    const columns = sweep.values2.map(v => String(v));
    const header = [`${axis(sweep.parameter, sweep.unit)} \\ ${axis(sweep.parameter2 ?? '', sweep.unit2 ?? '')}`, ...columns];
    const rows = sweep.values.map((v, i) => [String(v), ...columns.map((_, j) => num(sweep.results[i * columns.length + j]))]);
    return [title, ...align([header, ...rows], 1)];
}

/** A population: per reported series and arm, the median [5th–95th percentile] at the summary times and at the end. */
export function populationTable(population: PopulationResult, scenario: ScenarioResult, times: { days: number; label: string }[]): string[] {
    const varied = population.parameters.map(p => p.distribution === 'lognormal'
        ? `${p.name} lognormal CV ${+((p.cv ?? 0) * 100).toPrecision(3)} %`
        : `${p.name} uniform ${p.low}–${p.high}${p.unit ? ` ${p.unit}` : ''}`).join('; ');
    const failed = population.arms.reduce((n, a) => n + a.failed, 0);
    const title = `Population ${population.name}${population.title ? ` — ${population.title}` : ''}: ${population.size} virtual patients (seed ${population.seed})${varied ? `; ${varied}` : ''}`;
    const header = ['series', 'arm', ...times.map(t => `${t.label}: median [p05, p95]`), 'end: median [p05, p95]'];
    const rows: string[][] = [];
    const keys = scenario.reported.filter(k => population.arms.some(a => a.median[k]));
    for (const key of keys) {
        const unit = seriesUnit(key, 'table');
        population.arms.forEach((arm, i) => {
            const at = (t: number) => {
                const v = (s: Record<string, number[]>) => valueAt(arm.time, s[key] ?? [], t);
                return `${num(v(arm.median))} [${num(v(arm.p05))}, ${num(v(arm.p95))}]`;
            };
            rows.push([i === 0 ? (unit ? `${key} (${unit})` : key) : '', arm.name, ...times.map(t => at(t.days)), at(arm.time[arm.time.length - 1] ?? 0)]);
        });
    }
    const out = [title, ...align([header, ...rows], 2)];
    if (failed > 0) out.push(`${failed} virtual patient run(s) failed in the solver and are left out of the percentiles.`);
    out.push(...respondersTable(population));
    return out;
}

/** `responders` lines: a row per condition, a column per arm, "count of patients (percent)". */
function respondersTable(population: PopulationResult): string[] {
    const labels = [...new Set(population.arms.flatMap(a => (a.responders ?? []).map(r => r.label)))];
    if (labels.length === 0) return [];
    const header = ['responders', ...population.arms.map(a => a.name)];
    const rows = labels.map(label => [label, ...population.arms.map(arm => {
        const r = arm.responders?.find(x => x.label === label);
        return r ? `${r.count} of ${r.of}${r.of > 0 ? ` (${(r.fraction * 100).toFixed(1)} %)` : ""}` : "–";
    })]);
    return ['', ...align([header, ...rows], 1)];
}

function plural(n: number, unit: string): string {
    return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/** The first `textColumns` columns left-aligned, numbers right-aligned; a rule under the header. */
function align(rows: string[][], textColumns: number): string[] {
    const widths = rows[0].map((_, c) => Math.max(...rows.map(r => (r[c] ?? '').length)));
    const out = rows.map(r => r.map((cell, c) => c < textColumns ? cell.padEnd(widths[c]) : cell.padStart(widths[c])).join('  ').trimEnd());
    out.splice(1, 0, widths.map(w => '-'.repeat(w)).join('  '));
    return out;
}

/** Two decimals, exponent for very large or small magnitudes, 0 below the display threshold. */
export function num(v: number | null | undefined): string {
    if (v === null || v === undefined) return '–';
    if (!Number.isFinite(v)) return String(v);
    const a = Math.abs(displayed(v));
    if (a === 0) return '0.00';
    if (a >= 1e5 || a < 0.01) return v.toExponential(2);
    return v.toFixed(2);
}

function signed(v: number): string {
    const s = num(v);
    return displayed(v) > 0 && !s.startsWith('-') ? `+${s}` : s;
}

/** A horizon in the unit it was most likely written in: `6 months` rather than `182.6 days`. */
export function horizonLabel(days: number): string {
    const years = days / 365.25;
    if (years >= 1) return plural(+years.toFixed(2), 'year');
    const months = days / 30.4375, weeks = days / 7;
    if (Math.abs(months - Math.round(months)) < 0.01 && months >= 0.99) return plural(Math.round(months), 'month');
    if (Math.abs(weeks - Math.round(weeks)) < 1e-6 && weeks >= 1) return plural(Math.round(weeks), 'week');
    return plural(+days.toFixed(1), 'day');
}
