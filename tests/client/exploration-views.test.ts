import { describe, expect, test } from 'vitest';
import { buildResultsView } from '../../report/view-model.js';
import { buildReportHtml } from '../../report/report-html.js';
import { cellAtPoint, cellRect, heatCell, heatmapLayout, type HeatmapLayout } from '../../report/heatmap.js';
import { buildSweepView } from '../../report/sweep-view.js';
import { bandPlotData, buildPopulationView, orderedEdges } from '../../report/population-view.js';
import { buildSensitivityView, rankParameters, sensitivityAxis } from '../../report/sensitivity-view.js';
import { rampColor, textOn, viridisRgb } from '../../report/color-ramp.js';
import { timeScaleFor } from '../../report/format.js';
import { arm, days, population, run, scenario, sensitivity, sweep1d, sweep2d } from './fixtures.js';

const YEARS = timeScaleFor(1095.75);

describe('heat-map layout of a 2-D sweep', () => {
    test('reads the row-major results: the cell of values[i] and values2[j] holds results[i * values2.length + j]', () => {
        const s = sweep2d();
        const layout = heatmapLayout(s.values, s.values2!, s.results) as HeatmapLayout;
        expect(layout.columnLabels).toEqual(['10', '20', '40', '80']);
        expect(layout.rowLabels).toEqual(['7', '14', '28']);
        for (let i = 0; i < 4; i++) {
            for (let j = 0; j < 3; j++) {
                const cell = heatCell(layout, i, j)!;
                expect([cell.x, cell.y]).toEqual([s.values[i], s.values2![j]]);
                expect(cell.value).toBe(s.results[i * 3 + j]);
            }
        }
        expect([layout.min, layout.max]).toEqual([-2.75, 5]);
        expect(heatCell(layout, 3, 0)!.t).toBe(1);       // 80 mg every 7 days: the largest result, top of the scale
        expect(heatCell(layout, 0, 2)!.t).toBe(0);       // 10 mg every 28 days: the smallest
    });

    test('sorts numeric axes whatever order the sweep listed them in, and keeps named values (severities) as listed', () => {
        const layout = heatmapLayout([40, 10, 20], ['mild', 'moderate', 'high'], [1, 2, 3, 4, 5, 6, 7, 8, 9]) as HeatmapLayout;
        expect(layout.columnLabels).toEqual(['10', '20', '40']);
        expect(layout.rowLabels).toEqual(['mild', 'moderate', 'high']);
        expect(heatCell(layout, 0, 0)).toMatchObject({ x: 10, y: 'mild', value: 4 });    // values[1] = 10 → results[1 * 3 + 0]
        expect(heatCell(layout, 2, 2)).toMatchObject({ x: 40, y: 'high', value: 3 });
    });

    test('a cell without a result is kept as a gap, off the colour scale', () => {
        const layout = heatmapLayout([1, 2], [1, 2], [1, null, NaN, 4]) as HeatmapLayout;
        expect(heatCell(layout, 0, 1)).toMatchObject({ value: null, t: null });
        expect(heatCell(layout, 1, 0)).toMatchObject({ value: null, t: null });
        expect([layout.min, layout.max]).toEqual([1, 4]);
    });

    test('says what is wrong with a grid that does not match its axes', () => {
        expect(heatmapLayout([1, 2, 3], [1, 2], [1, 2, 3, 4, 5])).toBe('5 results for a 3 × 2 grid (expected 6)');
        expect(heatmapLayout([1, 'mild'], [1], [1, 2])).toBe('the first axis: its values mix numbers and names');
        expect(heatmapLayout([], [1], [])).toBe('the first axis: it has no values');
    });

    test('geometry: row 0 at the bottom, and the pointer finds the cell drawn under it', () => {
        const layout = heatmapLayout([1, 2, 3, 4], [10, 20], [1, 2, 3, 4, 5, 6, 7, 8]) as HeatmapLayout;
        const box = { left: 50, top: 10, width: 400, height: 200 };
        expect(cellRect(layout, box, 0, 0)).toEqual({ left: 50, top: 110, width: 100, height: 100 });
        expect(cellRect(layout, box, 3, 1)).toEqual({ left: 350, top: 10, width: 100, height: 100 });
        expect(cellAtPoint(layout, box, 60, 20)).toMatchObject({ column: 0, row: 1, x: 1, y: 20, value: 2 });
        expect(cellAtPoint(layout, box, 449, 209)).toMatchObject({ column: 3, row: 0, x: 4, y: 10, value: 7 });
        expect(cellAtPoint(layout, box, 49, 20)).toBeUndefined();
        expect(cellAtPoint(layout, box, 100, 210)).toBeUndefined();
    });
});

describe('1-D sweeps', () => {
    const time = days(1095, 7);

    test('curves in ascending value order along the colour ramp, labelled by value and unit, with the end point against the value', () => {
        const view = buildSweepView(sweep1d(time, { values: [12, 1, 24, 3, 6] }), 'sweep-a', 1095.75, YEARS, 2000);
        const family = view.family!;
        expect(family.lines.map(l => l.label)).toEqual(['1 months', '3 months', '6 months', '12 months', '24 months']);
        const positions = family.lines.map(l => l.position);
        expect(positions[0]).toBe(0);
        expect(positions.at(-1)).toBe(1);
        expect([...positions].sort((a, b) => a - b)).toEqual(positions);
        expect(family.x.at(-1)).toBeCloseTo(1092 / 365.25);
        expect(view.endpoint!.points.map(p => p.x)).toEqual([1, 3, 6, 12, 24]);
        expect(view.endpoint!.logX).toBe(true);      // 1 to 24: spans more than a factor of 20
        expect(view).toMatchObject({ measureLabel: 'BMD Lumbar spine', measureUnit: '% change', atLabel: 'at 3.0 years', parameter: 'start of AntiTNF in treated', unit: 'months' });
    });

    test('the end points follow the values they belong to when the values are unsorted', () => {
        const view = buildSweepView({ ...sweep1d(time), values: [30, 10, 20], results: [-3, -1, -2], curves: undefined }, 's', 1095.75, YEARS, 2000);
        expect(view.endpoint!.points.map(p => [p.x, p.result])).toEqual([[10, -1], [20, -2], [30, -3]]);
        expect(view.endpoint!.logX).toBe(false);
        expect(view.family).toBeUndefined();
    });

    test('named values sit at equal spacing in the order given', () => {
        const view = buildSweepView({ ...sweep1d(time), values: ['mild', 'moderate', 'high'], unit: '', results: [1, 2, 3], curves: undefined }, 's', 1095.75, YEARS, 2000);
        expect(view.endpoint).toMatchObject({ categorical: true, logX: false });
        expect(view.endpoint!.points.map(p => [p.x, p.label, p.position])).toEqual([[0, 'mild', 0], [1, 'moderate', 0.5], [2, 'high', 1]]);
    });

    test('mismatched results or curves become a sentence, and what can be drawn still is', () => {
        const broken = buildSweepView({ ...sweep1d(time), results: [1, 2] }, 's', 1095.75, YEARS, 2000);
        expect(broken.problem).toBe('Cannot draw this sweep: 2 results for 5 values.');
        expect([broken.endpoint, broken.family]).toEqual([undefined, undefined]);
        const partial = buildSweepView({ ...sweep1d(time), curves: { time, series: [[1]] } }, 's', 1095.75, YEARS, 2000);
        expect(partial.problem).toBe('The curves over time are not shown: 1 curves for 5 values.');
        expect(partial.endpoint!.points).toHaveLength(5);
    });

    test('an earlier measuring time is named; a dimensionless unit is not printed as a dash', () => {
        const view = buildSweepView({ ...sweep1d(time), at: 365.25, unit: '–' }, 's', 1095.75, YEARS, 2000);
        expect(view.atLabel).toBe('at 12 months');
        expect(view.unit).toBe('');
    });
});

describe('the results view with sweeps and populations', () => {
    const time = days(1095, 7);
    const arms = [arm('untreated', time, { 'bmd.lumbar_spine': t => -t / 300 }), arm('treated', time, { 'bmd.lumbar_spine': t => -t / 600 })];

    test('a plain scenario\'s view has neither (its JSON is unchanged)', () => {
        const view = buildResultsView(run([]), scenario(arms));
        expect('sweeps' in view).toBe(false);
        expect('populations' in view).toBe(false);
    });

    test('sweeps get ids unique within the scenario; populations one chart per reported series present', () => {
        const view = buildResultsView(run([]), scenario(arms, {
            reported: ['bmd.lumbar_spine', 'osteoclasts', 'TNF_alpha'],
            sweeps: [sweep1d(time), sweep2d(), sweep1d(time)], populations: [population(time)]
        }));
        expect(view.sweeps!.map(s => s.id)).toEqual(['sweep-StartTiming', 'sweep-DoseInterval', 'sweep-StartTiming_']);
        expect(view.sweeps![1].heatmap).toMatchObject({ columnLabels: ['10', '20', '40', '80'], rowLabels: ['7', '14', '28'] });
        expect(view.sweeps![0].heatmap).toBeUndefined();
        expect(view.populations![0].charts.map(c => c.key)).toEqual(['bmd.lumbar_spine', 'osteoclasts']);
    });
});

describe('population bands', () => {
    const time = days(700, 7);

    test('each arm keeps its colour from the scenario; an unknown arm gets one past them', () => {
        const view = buildPopulationView(population(time, ['treated', 'extra']), 'p', ['bmd.lumbar_spine'], ['untreated', 'treated'], YEARS, 2000);
        expect(view.charts[0].arms.map(a => [a.arm, a.armIndex])).toEqual([['treated', 1], ['extra', 3]]);
        expect(view.failures).toEqual(['extra: 3 of 200 virtual patients failed to simulate and are left out of the percentiles']);
        expect(view.variation).toEqual(['rankl_per_tnf: log-normal, median 0.500 1/pM, CV 30.0 %']);
    });

    test('band edges are ordered point by point and a missing percentile leaves a gap', () => {
        expect(orderedEdges([1, 5, null, 2], [3, 4, 1, NaN].map(v => (Number.isNaN(v) ? null : v)))).toEqual([[1, 4, null, null], [3, 5, null, null]]);
    });

    test('uPlot data: lower, median, upper per visible arm, each band from its upper to its lower edge', () => {
        const view = buildPopulationView(population(time), 'p', ['bmd.lumbar_spine'], ['untreated', 'treated'], YEARS, 2000);
        const chart = view.charts[0];
        const all = bandPlotData(chart);
        expect(all.data).toHaveLength(7);
        expect(all.series.map(s => `${s.arm}:${s.role}`)).toEqual(['untreated:lower', 'untreated:median', 'untreated:upper', 'treated:lower', 'treated:median', 'treated:upper']);
        expect(all.bands).toEqual([{ upper: 3, lower: 1, armIndex: 0 }, { upper: 6, lower: 4, armIndex: 1 }]);
        const last = time.length - 1;
        for (const band of all.bands) {
            expect(all.data[band.lower][last]!).toBeLessThan(all.data[band.lower + 1][last]!);
            expect(all.data[band.upper][last]!).toBeGreaterThan(all.data[band.lower + 1][last]!);
        }
        const oneHidden = bandPlotData(chart, new Set([0]));
        expect(oneHidden.series.every(s => s.arm === 'treated')).toBe(true);
        expect(oneHidden.bands).toEqual([{ upper: 3, lower: 1, armIndex: 1 }]);
    });

    test('NaN percentiles from an arm whose patients all failed are gaps, not numbers', () => {
        const p = population(time);
        const broken = { ...p, arms: [{ ...p.arms[0], median: { 'bmd.lumbar_spine': time.map(() => NaN) } }] };
        const view = buildPopulationView(broken, 'p', ['bmd.lumbar_spine'], ['untreated'], YEARS, 2000);
        expect(view.charts[0].arms[0].median.every(v => v === null)).toBe(true);
    });
});

describe('sensitivity ranking', () => {
    test('largest |coefficient| first whatever the input order; ties by name; a missing coefficient last', () => {
        const bars = rankParameters([
            { name: 'b', value: 1, unit: '', coefficient: 0.5, assumption: false, difference: 'central' },
            { name: 'nan', value: 1, unit: '', coefficient: NaN, assumption: false, difference: 'central' },
            { name: 'big', value: 1, unit: '', coefficient: -2, assumption: true, difference: 'central' },
            { name: 'a', value: 1, unit: '', coefficient: -0.5, assumption: false, difference: 'forward' }
        ]);
        expect(bars.map(b => [b.rank, b.name, b.coefficient])).toEqual([[1, 'big', -2], [2, 'a', -0.5], [3, 'b', 0.5], [4, 'nan', null]]);
        expect(bars[0].assumption).toBe(true);
        expect(bars[1].difference).toBe('forward');
    });

    test('the view shows the top ten of twelve, counts the assumed ones, and says what a coefficient means', () => {
        const view = buildSensitivityView(sensitivity());
        expect(view.bars).toHaveLength(12);
        expect(view.topN).toBe(10);
        expect(view.assumedCount).toBe(2);
        expect(view.maxAbs).toBe(1.8);
        expect(view.title).toBe('Sensitivity of BMD Lumbar spine at 3 years');
        expect(view.axisLabel).toContain('per e-fold change of the parameter');
        expect(buildSensitivityView(sensitivity({ form: 'normalised' })).axisLabel).toContain('% change in BMD Lumbar spine per 1 % change');
        expect(buildSensitivityView(sensitivity({ parameters: [] })).problem).toBe('The analysis returned no parameters.');
    });

    test('the axis holds every bar on both sides of a zero line at round ticks', () => {
        const axis = sensitivityAxis(buildSensitivityView(sensitivity()).bars);
        expect(axis.min).toBeLessThanOrEqual(-1.8);
        expect(axis.max).toBeGreaterThanOrEqual(0.9);
        expect(axis.ticks).toContain(0);
        expect(axis.ticks[0]).toBe(axis.min);
        expect(axis.ticks.at(-1)).toBe(axis.max);
        const positive = sensitivityAxis(rankParameters([{ name: 'x', value: 1, unit: '', coefficient: 0.3, assumption: false, difference: 'central' }]));
        expect(positive.min).toBe(0);
        expect(positive.max).toBeGreaterThanOrEqual(0.3);
    });
});

describe('colour ramp', () => {
    test('curve colours avoid the end of the ramp that vanishes into the page', () => {
        expect(rampColor(1, 'light')).not.toBe('rgb(253, 231, 37)');     // no pale yellow on white
        expect(rampColor(0, 'dark')).not.toBe('rgb(68, 1, 84)');         // no deep purple on near-black
        expect(rampColor(1, 'dark')).toBe('rgb(253, 231, 37)');
    });

    test('cell text is dark on the light end of the ramp and light on the dark end', () => {
        expect(textOn(viridisRgb(1))).toBe('#000000');
        expect(textOn(viridisRgb(0))).toBe('#ffffff');
    });
});

describe('sweeps and sensitivity in the HTML report', () => {
    const hostile = '</script><script>alert(1)</script>';

    test('travel as inert JSON, and a report of one analysis is titled by it', () => {
        const time = days(100, 10);
        const view = buildResultsView(run([]), scenario([arm('a', time, { 'bmd.lumbar_spine': t => -t })], { sweeps: [{ ...sweep1d(time), name: hostile }] }));
        const analysis = buildSensitivityView(sensitivity({ output: hostile }));
        const html = buildReportHtml({ views: [view], sensitivity: [analysis], script: '', css: '' });
        const data = /<script type="application\/json" id="osteo-report-data">([\s\S]*?)<\/script>/.exec(html)![1];
        expect(data).not.toMatch(/<\/?script/i);
        const parsed = JSON.parse(data);
        expect(parsed.views[0].sweeps[0].name).toBe(hostile);
        expect(parsed.sensitivity[0].output).toBe(hostile);
        const alone = buildReportHtml({ views: [], sensitivity: [buildSensitivityView(sensitivity())], script: '', css: '' });
        expect(alone).toContain('<title>Sensitivity of BMD Lumbar spine at 3 years</title>');
    });
});
