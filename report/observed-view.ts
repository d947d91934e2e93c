/**
 * Observed data in the results view and the report (docs/data-and-fit.md §6): the points of each
 * `observe` on the chart of its series, in its arm's colour, with error bars; and a goodness-of-fit
 * table (points, weighted sum of squared residuals, RMSE) per observe and over all of them.
 */
import type { ObservationResult, ScenarioResult } from '../simulator/index.js';
import { seriesLabel, seriesUnit } from './series-catalog.js';
import type { TimeScale } from './format.js';

/** The points of one observe on one chart. */
export interface ObservedView {
    /** Legend text: the data's name (and group), "observed". */
    readonly label: string;
    readonly data: string;
    readonly group: string | null;
    readonly arm: string;
    readonly armIndex: number;
    /** The series key the points are compared with. */
    readonly key: string;
    /** Times in the view's time unit. */
    readonly x: number[];
    readonly y: number[];
    /** Half-width of each point's error bar (the data's error, same unit as the values); null: no bars. */
    readonly error: number[] | null;
}

export interface GoodnessRow {
    readonly data: string;
    readonly group: string | null;
    readonly arm: string;
    readonly armIndex: number;
    readonly series: string;
    /** "BMD Total hip". */
    readonly label: string;
    readonly unit: string;
    readonly points: number;
    /** Σ ((predicted − observed) / error)², errors 1 where the data give none. */
    readonly wssr: number;
    /** √(Σ residual² / points), in the series' unit. */
    readonly rmse: number;
    /** Whether the data carry errors (else WSSR is an unweighted sum of squares). */
    readonly weighted: boolean;
}

export interface GoodnessTable {
    readonly rows: GoodnessRow[];
    readonly total: { readonly points: number; readonly wssr: number; readonly rmse: number };
}

function armIndexOf(scenario: ScenarioResult, arm: string): number {
    return Math.max(0, (scenario.arms ?? []).findIndex(a => a.name === arm));
}

/** The observations of `keys` (one chart's series) as points in the view's time unit. */
export function observedOnChart(scenario: ScenarioResult, keys: readonly string[], scale: TimeScale): ObservedView[] {
    const observations = scenario.observations ?? [];
    return observations.filter(o => keys.includes(o.series) && (scenario.arms ?? []).some(a => a.name === o.arm)).map(o => {
        const keep = o.time.map((_, i) => i).filter(i => Number.isFinite(o.time[i]) && Number.isFinite(o.value[i]));
        return {
            label: `${o.data}${o.group !== null ? ` “${o.group}”` : ''} (observed${keys.length > 1 ? `, ${seriesLabel(o.series)}` : ''})`,
            data: o.data, group: o.group, arm: o.arm, armIndex: armIndexOf(scenario, o.arm), key: o.series,
            x: keep.map(i => o.time[i] / scale.daysPer),
            y: keep.map(i => o.value[i]),
            error: o.error ? keep.map(i => (Number.isFinite(o.error![i]) ? o.error![i] : 0)) : null
        };
    });
}

/** One row per observe and the total; undefined when the scenario observes nothing. */
export function goodnessTable(scenario: ScenarioResult): GoodnessTable | undefined {
    const observations = scenario.observations ?? [];
    if (observations.length === 0) return undefined;
    const rows = observations.map(o => ({ ...rowOf(o), armIndex: armIndexOf(scenario, o.arm) }));
    const points = rows.reduce((n, r) => n + r.points, 0);
    const wssr = rows.reduce((s, r) => s + r.wssr, 0);
    const ss = rows.reduce((s, r) => s + r.rmse * r.rmse * r.points, 0);
    return { rows, total: { points, wssr, rmse: points > 0 ? Math.sqrt(ss / points) : 0 } };
}

function rowOf(o: ObservationResult): Omit<GoodnessRow, 'armIndex'> {
    let points = 0, wssr = 0, ss = 0;
    o.residual.forEach((r, i) => {
        // A residual without a prediction (null in JSON) is not a point of the fit.
        if (typeof r !== 'number' || !Number.isFinite(r)) return;
        const e = o.error ? o.error[i] : 1;
        points++;
        ss += r * r;
        wssr += (r / e) ** 2;
    });
    return {
        data: o.data, group: o.group, arm: o.arm, series: o.series, label: seriesLabel(o.series), unit: seriesUnit(o.series),
        points, wssr, rmse: points > 0 ? Math.sqrt(ss / points) : 0, weighted: o.error !== null
    };
}
