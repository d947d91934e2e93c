/**
 * A fit's result (`osteo fit` JSON, docs/data-and-fit.md §5) shaped for the fit panel: observed vs
 * fitted charts per observed series (the results view's chart model, so they draw the same way),
 * residuals against time, the estimates with their intervals and identifiability, the correlations,
 * the convergence of each start and the profiles. Pure data in, pure data out.
 */
import type { FitResult } from '../simulator/index.js';
import { chartId, seriesLabel, seriesUnit } from './series-catalog.js';
import { timeScaleFor, type TimeScale } from './format.js';
import type { ArmView, ChartView, LineView } from './view-model.js';
import type { ObservedView } from './observed-view.js';

export interface FitView {
    readonly scenario: string;
    readonly fit: string;
    readonly title: string;
    /** One line of figures: WSSR, points, RMSE, AIC, BIC, seconds. */
    readonly meta: string[];
    readonly intervalNote: string;
    readonly timeScale: TimeScale;
    /** The observed arms, in the order of the observations (colours follow this order). */
    readonly arms: ArmView[];
    readonly charts: ChartView[];
    readonly residuals: ResidualSet[];
    /** Whether residuals are divided by the data's errors (else in the series' unit). */
    readonly weightedResiduals: boolean;
    readonly estimates: EstimateRow[];
    readonly correlations: { readonly names: string[]; readonly matrix: (number | null)[][] };
    readonly starts: StartRow[];
    readonly profiles: ProfileView[];
    /** Every start failed to converge, or an estimate is not identifiable: what the user should know first. */
    readonly warnings: string[];
}

export interface ResidualSet {
    readonly label: string;
    readonly armIndex: number;
    /** Times in `timeScale` units. */
    readonly x: number[];
    readonly y: number[];
}

export interface EstimateRow {
    readonly name: string;
    readonly arm: string | null;
    readonly value: number;
    readonly ci95: [number, number];
    readonly fisherCi95: [number, number] | null;
    readonly bounds: [number, number];
    readonly unit: string;
    readonly scale: 'log' | 'linear';
    readonly identifiable: boolean;
    readonly note?: string;
}

export interface StartRow {
    readonly start: number;
    readonly objective: number | null;
    readonly converged: boolean;
    readonly evaluations: number;
    readonly reason: string;
    readonly best: boolean;
}

export interface ProfileView {
    readonly name: string;
    readonly unit: string;
    readonly log: boolean;
    /** Parameter values, ascending, and the objective's rise over the optimum in χ² units. */
    readonly x: number[];
    readonly delta: number[];
    /** The 95 % threshold (χ²₁ 0.95 = 3.84) and the estimate's interval and value. */
    readonly threshold: number;
    readonly ci95: [number, number];
    readonly value: number;
}

export const CHI2_1_95 = 3.841458820694124;

export function buildFitView(result: FitResult): FitView {
    const armNames = [...new Set(result.observations.map(o => o.arm))];
    const arms = armNames.map((name, index) => ({ name, index }));
    const armIndex = (name: string) => Math.max(0, armNames.indexOf(name));
    const horizon = Math.max(0, ...result.observations.flatMap(o => o.time), ...(result.curves ?? []).flatMap(c => c.time.slice(-1)));
    const timeScale = timeScaleFor(horizon);
    const weighted = result.observations.every(o => o.error !== null);
    const seriesKeys = [...new Set(result.observations.map(o => o.series))];
    const charts = seriesKeys.map(key => fitChart(result, key, timeScale, horizon, armIndex));
    const residuals = result.observations.map(o => ({
        label: observationLabel(o),
        armIndex: armIndex(o.arm),
        x: o.time.map(t => t / timeScale.daysPer),
        y: o.residual.map((r, i) => (weighted && o.error ? r / o.error[i] : r))
    }));
    const failed = result.starts.filter(s => !s.converged).length;
    const warnings = [
        ...(failed === result.starts.length ? [`No start converged: the best start (${result.bestStart}) is reported, but its optimum is not certain. Widen the bounds, add starts, or check the data.`] : []),
        ...result.estimates.filter(e => !e.identifiable).map(e => `${e.name}${e.arm ? ` in ${e.arm}` : ''} is not identifiable from these data: ${e.note ?? 'its interval reaches a search bound'}.`)
    ];
    return {
        scenario: result.scenario, fit: result.fit,
        title: `Fit ${result.fit} · scenario ${result.scenario}`,
        meta: [
            `WSSR ${fmt(result.objective.value)} over ${result.objective.points} points`,
            `RMSE ${fmt(result.rmse)}`, `AIC ${fmt(result.aic)}`, `BIC ${fmt(result.bic)}`,
            `${result.starts.length - failed} of ${result.starts.length} starts converged`,
            `${fmt(result.seconds)} s`
        ],
        intervalNote: result.interval === 'profile-likelihood'
            ? '95 % intervals by profile likelihood (the Fisher-information interval beside each for comparison).'
            : '95 % intervals from the Fisher information at the optimum (profiles not computed).',
        timeScale, arms, charts, residuals, weightedResiduals: weighted,
        estimates: result.estimates.map(e => ({
            name: e.name, arm: e.arm, value: e.value, ci95: e.ci95, fisherCi95: e.fisherCi95, bounds: e.bounds,
            unit: e.unit, scale: e.scale, identifiable: e.identifiable, ...(e.note ? { note: e.note } : {})
        })),
        correlations: { names: result.estimates.map(e => (e.arm ? `${e.name} (${e.arm})` : e.name)), matrix: result.correlations },
        starts: result.starts.map(s => ({ ...s, best: s.start === result.bestStart })),
        profiles: result.estimates.filter(e => e.profile && e.profile.length > 1).map(e => {
            const points = [...e.profile!].sort((a, b) => a.value - b.value);
            return {
                name: e.arm ? `${e.name} (${e.arm})` : e.name, unit: e.unit, log: e.scale === 'log',
                x: points.map(p => p.value), delta: points.map(p => Math.max(0, p.delta)),
                threshold: CHI2_1_95, ci95: e.ci95, value: e.value
            };
        }),
        warnings
    };
}

function observationLabel(o: FitResult['observations'][number]): string {
    return `${o.arm} · ${o.data}${o.group !== null ? ` “${o.group}”` : ''}`;
}

/** Observed points and the fitted curve of each arm for one series, on the results view's chart model. */
function fitChart(result: FitResult, key: string, scale: TimeScale, horizonDays: number, armIndex: (arm: string) => number): ChartView {
    const observations = result.observations.filter(o => o.series === key);
    const curves = (result.curves ?? []).filter(c => c.series === key);
    // Without curves (an older result), the prediction at the data times stands in for the curve.
    const lines = curves.length > 0
        ? curves.map(c => ({ arm: c.arm, time: c.time, value: c.value }))
        : observations.map(o => ({ arm: o.arm, time: o.time, value: o.predicted }));
    const x = [...new Set(lines.flatMap(l => l.time))].sort((a, b) => a - b);
    const index = new Map(x.map((t, i) => [t, i]));
    const lineViews: LineView[] = lines.map(l => {
        const values = new Array<number | null>(x.length).fill(null);
        l.time.forEach((t, i) => { values[index.get(t)!] = Number.isFinite(l.value[i]) ? l.value[i] : null; });
        return { arm: l.arm, armIndex: armIndex(l.arm), key, label: `${l.arm} (fitted)`, seriesIndex: 0, values };
    });
    const observed: ObservedView[] = observations.map(o => ({
        label: `${observationLabel(o)} (observed)`, data: o.data, group: o.group, arm: o.arm, armIndex: armIndex(o.arm), key,
        x: o.time.map(t => t / scale.daysPer), y: o.value, error: o.error
    }));
    return {
        id: `fit-${chartId(key)}`, group: key.startsWith('bmd.') ? 'bmd' : 'other', title: `${seriesLabel(key)}: observed and fitted`,
        unit: seriesUnit(key), reported: true, logCapable: false,
        x: x.map(t => t / scale.daysPer), horizon: horizonDays / scale.daysPer,
        lines: lineViews, doses: [], observed
    };
}

function fmt(x: number | null): string {
    if (x === null || !Number.isFinite(x)) return '–';
    const abs = Math.abs(x);
    return abs !== 0 && (abs >= 1e5 || abs < 1e-3) ? x.toExponential(3) : String(Number(x.toPrecision(4)));
}
