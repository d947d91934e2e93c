import { describe, expect, test } from 'vitest';
import { buildResultsView } from '../../report/view-model.js';
import { chartToSvg } from '../../report/svg-chart.js';
import type { ObservationResult } from '../../simulator/index.js';
import { arm, days, run, scenario } from './fixtures.js';

const time = days(730, 7);
const series = { 'bmd.total_hip': (t: number) => -t / 200, 'bmd.lumbar_spine': (t: number) => -t / 100, osteoclasts: () => 100 };

/** Observed hip BMD of the treated arm at 0, 6 and 12 months (days 0, 182.625, 365.25), with errors. */
function hip(arm = 'treated', error: number[] | null = [0.5, 0.5, 1]): ObservationResult {
    const t = [0, 182.625, 365.25];
    const value = [0.2, -0.5, -2];
    const predicted = t.map(x => -x / 200);
    return { data: 'Trial', arm, series: 'bmd.total_hip', group: 'dmab', time: t, value, error, predicted, residual: predicted.map((p, i) => p - value[i]) };
}

describe('observed data in the results view', () => {
    const arms = [arm('placebo', time, series), arm('treated', time, series)];

    test('the points sit on the chart of their series, in the view\'s time unit, in their arm, with their errors', () => {
        const view = buildResultsView(run([]), scenario(arms, { reported: ['bmd.lumbar_spine'], observations: [hip()] }));
        const chart = view.charts.find(c => c.id === 'bmd-total_hip')!;
        expect(view.timeScale.unit).toBe('months');
        expect(chart.observed).toHaveLength(1);
        const [o] = chart.observed!;
        expect(o.armIndex).toBe(1);
        expect(o.x.map(x => Number(x.toFixed(6)))).toEqual([0, 6, 12]);
        expect(o.y).toEqual([0.2, -0.5, -2]);
        expect(o.error).toEqual([0.5, 0.5, 1]);
        expect(o.label).toContain('Trial “dmab”');
        // Observing a series shows its chart with the reported ones, though the report lines did not name it.
        expect(chart.reported).toBe(true);
        expect(view.charts.find(c => c.id === 'bmd-lumbar_spine')!.observed).toBeUndefined();
    });

    test('goodness of fit per observe and in all: points, weighted SSR, RMSE', () => {
        const unweighted = { ...hip('placebo', null), group: 'placebo' };
        const view = buildResultsView(run([]), scenario(arms, { observations: [hip(), unweighted] }));
        const table = view.goodnessOfFit!;
        expect(table.rows.map(r => [r.arm, r.armIndex, r.points, r.weighted])).toEqual([['treated', 1, 3, true], ['placebo', 0, 3, false]]);
        // Residuals: predicted (0, −0.913125, −1.82625) − observed (0.2, −0.5, −2).
        const r = [-0.2, -0.413125, 0.17375];
        expect(table.rows[0].wssr).toBeCloseTo((r[0] / 0.5) ** 2 + (r[1] / 0.5) ** 2 + (r[2] / 1) ** 2, 12);
        expect(table.rows[1].wssr).toBeCloseTo(r[0] ** 2 + r[1] ** 2 + r[2] ** 2, 12);
        expect(table.rows[0].rmse).toBeCloseTo(Math.sqrt((r[0] ** 2 + r[1] ** 2 + r[2] ** 2) / 3), 12);
        expect(table.total.points).toBe(6);
        expect(table.total.wssr).toBeCloseTo(table.rows[0].wssr + table.rows[1].wssr, 12);
        expect(table.total.rmse).toBeCloseTo(table.rows[0].rmse, 12);
    });

    test('a scenario without observe lines has no observed points and no goodness table', () => {
        const view = buildResultsView(run([]), scenario(arms));
        expect(view.goodnessOfFit).toBeUndefined();
        expect(view.charts.every(c => c.observed === undefined)).toBe(true);
    });

    test('the SVG figure draws each point with its error bar, inside the value axis', () => {
        const view = buildResultsView(run([]), scenario(arms, { observations: [hip()] }));
        const chart = view.charts.find(c => c.id === 'bmd-total_hip')!;
        const svg = chartToSvg(view, chart);
        expect(svg.match(/<circle /g)).toHaveLength(3 + 1); // three points and the legend's marker
        expect(svg.match(/<path d="M[^"]*V[^"]*h6M[^"]*h6"/g)).toHaveLength(3);
        expect(svg).toContain('Trial “dmab” (observed)');
        // The top of the highest bar (0.2 + 0.5) is inside the plot: its y is below the top margin (36 px).
        const tops = [...svg.matchAll(/<path d="M[\d.]+ ([\d.]+)V/g)].map(m => Number(m[1]));
        expect(Math.min(...tops)).toBeGreaterThanOrEqual(36);
        // Hiding the arm hides its points.
        expect(chartToSvg(view, chart, { hiddenArms: new Set([1]) })).not.toContain('<circle ');
    });
});
