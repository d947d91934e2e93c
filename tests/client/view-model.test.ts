import { describe, expect, test } from 'vitest';
import { buildResultsView, reportedSeries, valueAt } from '../../report/view-model.js';
import { decimationIndices } from '../../report/decimate.js';
import { arm, days, run, scenario } from './fixtures.js';

const ALL = {
    'bmd.lumbar_spine': (t: number) => -t / 100,
    'bmd.total_hip': (t: number) => -t / 200,
    osteoclasts: () => 100,
    osteoblasts: () => 100,
    rankl: () => 1, opg: () => 2, rankl_opg_ratio: () => 0.5,
    TNF_alpha: () => 5, IL_6: () => 5, IL_1: () => 1
};

describe('decimation', () => {
    test('keeps every series\' extremes and both ends while cutting the sample count', () => {
        const n = 20_000;
        const spike = Array.from({ length: n }, (_, i) => (i === 12_345 ? 50 : Math.sin(i / 500)));
        const dip = Array.from({ length: n }, (_, i) => (i === 777 ? -80 : Math.cos(i / 300)));
        const keep = decimationIndices(n, [spike, dip], 1000);
        expect(keep.length).toBeLessThanOrEqual(1000);
        expect(keep.length).toBeGreaterThan(400);
        expect(keep).toContain(12_345);
        expect(keep).toContain(777);
        expect(keep[0]).toBe(0);
        expect(keep.at(-1)).toBe(n - 1);
        expect([...keep].sort((a, b) => a - b)).toEqual(keep);
    });

    test('leaves short series alone', () => {
        expect(decimationIndices(5, [[1, 2, 3, 4, 5]], 1000)).toEqual([0, 1, 2, 3, 4]);
    });

    test('a long run reaches the chart decimated, with its nadir intact', () => {
        const time = days(3652);
        const lumbar = (t: number) => (t === 1000 ? -42 : -t / 1000);
        const view = buildResultsView(run([]), scenario([arm('a', time, { 'bmd.lumbar_spine': lumbar })]), { maxPoints: 500 });
        const chart = view.charts[0];
        expect(chart.x.length).toBeLessThanOrEqual(500);
        expect(Math.min(...chart.lines[0].values.map(v => v ?? 0))).toBe(-42);
        expect(chart.lines[0].values.at(-1)).toBeCloseTo(-3.652);
    });
});

describe('charts', () => {
    const time = days(730, 7);
    const arms = [arm('untreated', time, ALL), arm('treated', time, { ...ALL, 'drug.adalimumab': t => t % 14 }, [{ time: 0, drug: 'adalimumab', amountMg: 40 }])];

    test('reported charts come first, in the order of the report lines; the rest follow', () => {
        const view = buildResultsView(run([]), scenario(arms, { reported: ['TNF_alpha', 'bmd.total_hip', 'osteoclasts'] }));
        expect(view.charts.filter(c => c.reported).map(c => c.id)).toEqual(['TNF_alpha', 'bmd-total_hip', 'osteoclasts']);
        expect(view.charts.slice(0, 3).every(c => c.reported)).toBe(true);
        expect(view.charts.slice(3).map(c => c.id)).toEqual(['bmd-lumbar_spine', 'osteoblasts', 'rankl', 'opg', 'rankl-opg-ratio', 'IL_6', 'IL_1', 'drug-adalimumab']);
    });

    test('with no report line, the language default (BMD at spine and hip, osteoclasts, osteoblasts) is shown', () => {
        const view = buildResultsView(run([]), scenario(arms));
        expect(view.charts.filter(c => c.reported).map(c => c.id)).toEqual(['bmd-lumbar_spine', 'bmd-total_hip', 'osteoclasts', 'osteoblasts']);
        expect(view.summary.map(t => t.key)).toEqual(['bmd.lumbar_spine', 'bmd.total_hip', 'osteoclasts', 'osteoblasts']);
    });

    test('report entries name concepts: bmd covers every site, a drug name its concentration', () => {
        const keys = ['bmd.lumbar_spine', 'bmd.hand', 'drug.adalimumab', 'rankl', 'alveolar_height_loss_mm'];
        expect(reportedSeries(['bmd', 'adalimumab', 'RANKL', 'alveolar_height_loss'], keys))
            .toEqual(['bmd.lumbar_spine', 'bmd.hand', 'drug.adalimumab', 'rankl', 'alveolar_height_loss_mm']);
    });

    test('one line per arm on every chart: turnover is split into a chart per cell type', () => {
        const view = buildResultsView(run([]), scenario(arms));
        expect(view.charts.find(c => c.id === 'bmd-lumbar_spine')!.lines.map(l => l.label)).toEqual(['untreated', 'treated']);
        expect(view.charts.find(c => c.id === 'osteoclasts')!.lines.map(l => l.label)).toEqual(['untreated', 'treated']);
        expect(view.charts.find(c => c.id === 'osteoblasts')!.lines.map(l => l.label)).toEqual(['untreated', 'treated']);
    });

    test('the drug chart only has the arms that got the drug, with their doses on the time axis in years', () => {
        const view = buildResultsView(run([]), scenario(arms));
        const drugs = view.charts.find(c => c.id === 'drug-adalimumab')!;
        expect(drugs.lines.map(l => l.arm)).toEqual(['treated']);
        expect(drugs.logCapable).toBe(true);
        expect(drugs.doses).toEqual([{ x: 0, armIndex: 1, drug: 'adalimumab', amountMg: 40 }]);
        expect(view.timeScale.unit).toBe('months');
    });

    test('non-finite samples become gaps, not NaN on screen', () => {
        const broken = arm('a', [0, 1, 2], { 'bmd.lumbar_spine': (_, i) => [0, NaN, Infinity][i] });
        const view = buildResultsView(run([]), scenario([broken]));
        expect(view.charts[0].lines[0].values).toEqual([0, null, null]);
    });

    test('arms sampled at different times share one axis with gaps where an arm has no sample', () => {
        const a = arm('a', [0, 2, 4], { 'bmd.lumbar_spine': t => t });
        const b = arm('b', [0, 1, 4], { 'bmd.lumbar_spine': t => -t });
        const chart = buildResultsView(run([]), scenario([a, b])).charts[0];
        expect(chart.x).toEqual([0, 1, 2, 4]);
        expect(chart.lines.map(l => l.values)).toEqual([[0, null, 2, 4], [-0, -1, null, -4]]);
    });
});

describe('summary tables', () => {
    const time = days(730);
    const view = buildResultsView(run([]), scenario([
        arm('untreated', time, { 'bmd.lumbar_spine': t => -t / 100 }),
        arm('early', time, { 'bmd.lumbar_spine': t => -t / 200 }),
        arm('late', time, { 'bmd.lumbar_spine': t => (t < 365 ? -t / 100 : -3.65 + (t - 365) / 365) })
    ], { reported: ['bmd.lumbar_spine'] }));
    const [table] = view.summary;

    test('one row per arm with end, 1-year and minimum values computed from the series', () => {
        expect(table.rows.map(r => r.arm)).toEqual(['untreated', 'early', 'late']);
        expect(table.rows[0]).toMatchObject({ end: -7.3, min: -7.3 });
        expect(table.rows[0].at1y).toBeCloseTo(-3.6525, 6);
        expect(table.rows[2].min).toBeCloseTo(-3.65, 6);
    });

    test('the difference at the end is taken against the first arm', () => {
        expect(table.rows[0].diff).toBeNull();
        expect(table.rows[1].diff).toBeCloseTo(3.65, 6);
        expect(table.rows[2].diff).toBeCloseTo(-2.65 + 7.3, 6);
    });

    test('the simulator\'s own summary wins when present', () => {
        const given = { ...arm('a', [0, 1], { osteoclasts: () => 100 }), summary: { osteoclasts: { end: 1, min: 2, at1y: null } } };
        const v = buildResultsView(run([]), scenario([given], { reported: ['osteoclasts'] }));
        expect(v.summary[0].rows[0]).toMatchObject({ end: 1, min: 2, at1y: null });
    });

    test('the value at one year is interpolated, and absent when the horizon is shorter', () => {
        expect(valueAt([0, 300, 400], [0, 30, 40], 365.25)).toBeCloseTo(36.525, 9);
        expect(valueAt([0, 100], [0, 1], 365.25)).toBeNull();
    });
});

describe('header', () => {
    test('carries title, assumptions, model and tool versions, and the source file', () => {
        const view = buildResultsView(run([]), scenario([arm('a', [0, 1], {})], { assumptions: ['NF-κB inhibition is exploratory.'] }), { source: 'x.osteo' });
        expect(view.header).toMatchObject({
            title: 'A test scenario', scenario: 'Test', source: 'x.osteo',
            model: { name: 'TestModel', version: '1.0' }, tool: { name: 'osteo', version: '9.9.9' },
            assumptions: ['NF-κB inhibition is exploratory.']
        });
    });
});
