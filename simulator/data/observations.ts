/**
 * From a measurement table to the points one `observe` line compares with a series (docs/data-and-fit.md
 * §1–2), and from a simulated arm to predicted values, residuals and goodness of fit. Plain data only.
 */
import { quoteCell, type CsvTable, type DataColumn } from './csv-table.js';

/** Which columns of a table hold what; times are converted to days with `timeFactorDays`. */
export interface DataSpec {
    readonly timeColumn: string;
    readonly timeFactorDays: number;
    readonly valueColumn: string;
    readonly errorColumn?: string;
    readonly errorKind?: 'sd' | 'se';
    /** One error for every row (same unit as the values). */
    readonly errorValue?: number;
    readonly groupColumn?: string;
}

export interface SelectedPoints {
    /** Days, ascending (rows keep their order among equal times). */
    readonly times: number[];
    readonly values: number[];
    /** Standard deviation of each point, or null when the data give none (weight 1). */
    readonly errors: number[] | null;
    /** CSV line of each point. */
    readonly lines: number[];
}

/** A problem with the data for one observe: a code of the contract and a message naming the CSV line. */
export interface DataProblem {
    readonly code: 'data-column-missing' | 'data-not-numeric' | 'data-group-unknown' | 'data-group-required' | 'data-group-unexpected' | 'data-empty';
    readonly message: string;
    /** With data-column-missing: the column asked for and the header's columns (quick fixes offer each). */
    readonly column?: string;
    readonly available?: readonly string[];
    /** Which property of the declaration the problem is about. */
    readonly property?: 'timeColumn' | 'valueColumn' | 'errorColumn' | 'groupColumn' | 'group';
}

export function findColumn(table: CsvTable, name: string): DataColumn | undefined {
    return table.columns.find(c => c.name === name);
}

/** Problems of the declaration alone (columns present and numeric), whatever the observe. */
export function checkColumns(table: CsvTable, spec: DataSpec): DataProblem[] {
    const problems: DataProblem[] = [];
    const wanted: [string | undefined, DataProblem['property'], boolean][] = [
        [spec.timeColumn, 'timeColumn', true], [spec.valueColumn, 'valueColumn', true],
        [spec.errorColumn, 'errorColumn', true], [spec.groupColumn, 'groupColumn', false]
    ];
    for (const [name, property, numeric] of wanted) {
        if (name === undefined) continue;
        const column = findColumn(table, name);
        if (!column) {
            problems.push({
                code: 'data-column-missing', property, column: name, available: table.header,
                message: `has no column ${quoteCell(name)}; its columns are ${table.header.map(h => quoteCell(h)).join(', ')}`
            });
        } else if (numeric && column.firstBad) {
            problems.push({
                code: 'data-not-numeric', property,
                message: `line ${column.firstBad.line}, column ${quoteCell(name)}: ${quoteCell(column.firstBad.text)} is not a number`
            });
        }
    }
    if (spec.groupColumn === undefined) return problems;
    const group = findColumn(table, spec.groupColumn);
    if (group && !group.texts) {
        problems.push({ code: 'data-not-numeric', property: 'groupColumn', message: `column ${quoteCell(spec.groupColumn)} has more than 10,000 distinct values; it is not a group column` });
    }
    return problems;
}

/** The group values of a table with their row counts (hover, completion, messages). */
export function groupsOf(table: CsvTable, groupColumn: string): { value: string; rows: number }[] {
    const column = findColumn(table, groupColumn);
    if (!column?.texts) return [];
    const counts = new Array<number>(column.texts.values.length).fill(0);
    for (const code of column.texts.codes) if (code >= 0) counts[code]++;
    return column.texts.values.map((value, i) => ({ value, rows: counts[i] }));
}

/** The points of one observe (rows of `group` when given); problems instead when there are none to use. */
export function selectPoints(table: CsvTable, spec: DataSpec, group: string | undefined): SelectedPoints | DataProblem[] {
    const problems = checkColumns(table, spec);
    if (spec.groupColumn === undefined && group !== undefined) {
        problems.push({ code: 'data-group-unexpected', property: 'group', message: `the data have no group column; remove \`where ${quoteCell(group)}\`` });
    }
    const groupColumn = spec.groupColumn !== undefined ? findColumn(table, spec.groupColumn) : undefined;
    let code: number | undefined;
    if (groupColumn?.texts) {
        const values = groupsOf(table, spec.groupColumn!);
        if (group === undefined) {
            problems.push({ code: 'data-group-required', property: 'group', message: `the data have a group column ${quoteCell(spec.groupColumn!)}; say which group with \`where "…"\` (${listGroups(values)})` });
        } else {
            code = groupColumn.texts.values.indexOf(group);
            if (code < 0) problems.push({ code: 'data-group-unknown', property: 'group', message: `no rows have ${quoteCell(spec.groupColumn!)} = ${quoteCell(group)}; the values are ${listGroups(values)}` });
        }
    }
    if (problems.length > 0) return problems;
    const time = findColumn(table, spec.timeColumn)!.numbers;
    const value = findColumn(table, spec.valueColumn)!.numbers;
    const error = spec.errorColumn !== undefined ? findColumn(table, spec.errorColumn)!.numbers : undefined;
    const picked: number[] = [];
    for (let row = 0; row < table.rows; row++) {
        if (code !== undefined && groupColumn!.texts!.codes[row] !== code) continue;
        // A row without a value is skipped; a row without a time (or an error when the column is given) is an error.
        if (Number.isNaN(value[row])) continue;
        if (Number.isNaN(time[row])) {
            return [{ code: 'data-not-numeric', property: 'timeColumn', message: `line ${table.lines[row]}: the time in column ${quoteCell(spec.timeColumn)} is missing` }];
        }
        if (error && !(error[row] > 0)) {
            return [{ code: 'data-not-numeric', property: 'errorColumn', message: `line ${table.lines[row]}: the error in column ${quoteCell(spec.errorColumn!)} is ${Number.isNaN(error[row]) ? 'missing' : `${error[row]}`}; errors must be greater than 0` }];
        }
        picked.push(row);
    }
    if (picked.length === 0) {
        return [{ code: 'data-empty', message: group !== undefined ? `no usable row for group ${quoteCell(group)}` : 'has no usable row' }];
    }
    picked.sort((a, b) => time[a] - time[b] || a - b);
    const constant = spec.errorValue;
    return {
        times: picked.map(r => time[r] * spec.timeFactorDays),
        values: picked.map(r => value[r]),
        errors: error ? picked.map(r => error[r]) : constant !== undefined ? picked.map(() => constant) : null,
        lines: picked.map(r => table.lines[r])
    };
}

function listGroups(groups: { value: string; rows: number }[]): string {
    const shown = groups.slice(0, 12).map(g => quoteCell(g.value)).join(', ');
    return groups.length > 12 ? `${shown} and ${groups.length - 12} more` : shown;
}

// ------------------------------------------------------------------ against a simulation

/** One observe, compiled: what `osteo run` compares after simulating the arm. */
export interface ObservationPlan {
    readonly data: string;
    readonly arm: string;
    /** Series key ("bmd.lumbar_spine", "osteoclasts"). */
    readonly series: string;
    readonly group: string | null;
    readonly times: readonly number[];
    readonly values: readonly number[];
    readonly errors: readonly number[] | null;
}

/** The `observations` entry of `osteo run` JSON (docs/data-and-fit.md §5). */
export interface ObservationResult {
    readonly data: string;
    readonly arm: string;
    readonly series: string;
    readonly group: string | null;
    readonly time: number[];
    readonly value: number[];
    readonly error: number[] | null;
    readonly predicted: number[];
    readonly residual: number[];
}

export interface GoodnessOfFit {
    readonly points: number;
    /** Σ (residual / error)², errors 1 where the data give none. */
    readonly wssr: number;
    /** √(Σ residual² / points), in the series' unit. */
    readonly rmse: number;
}

/** Index of `t` in the ascending `times` (data times are solver output times, so they are found exactly). */
export function indexOfTime(times: readonly number[], t: number): number {
    let lo = 0, hi = times.length - 1;
    while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (times[mid] < t) lo = mid + 1; else if (times[mid] > t) hi = mid - 1; else return mid;
    }
    return -1;
}

/** Predicted values of a plan's points from an arm's time grid and series; null where the grid lacks the time. */
export function predict(plan: ObservationPlan, time: readonly number[], series: readonly number[]): number[] {
    return plan.times.map(t => {
        const i = indexOfTime(time, t);
        return i >= 0 ? series[i] : NaN;
    });
}

export function observationResult(plan: ObservationPlan, predicted: number[]): ObservationResult {
    return {
        data: plan.data, arm: plan.arm, series: plan.series, group: plan.group,
        time: [...plan.times], value: [...plan.values], error: plan.errors ? [...plan.errors] : null,
        predicted, residual: predicted.map((p, i) => p - plan.values[i])
    };
}

export function goodnessOfFit(observations: readonly ObservationResult[]): GoodnessOfFit {
    let points = 0, wssr = 0, ss = 0;
    for (const o of observations) {
        o.residual.forEach((r, i) => {
            points++;
            ss += r * r;
            const e = o.error ? o.error[i] : 1;
            wssr += (r / e) ** 2;
        });
    }
    return { points, wssr, rmse: points > 0 ? Math.sqrt(ss / points) : 0 };
}
