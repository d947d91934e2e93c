import { describe, expect, test } from 'vitest';
import { isScenario, type Model } from '../../language/src/generated/ast.js';
import { compileScenario } from '../../language/src/compiler/index.js';
import { SAMPLES_PER_INTERVAL } from '../../language/src/compiler/drug-sampling.js';
import { simulateCompiled } from '../../simulator/run-scenarios.js';
import { buildResultsView } from '../../report/view-model.js';
import { doseStripRows } from '../../report/dose-strip.js';
import { timeTicks } from '../../report/time-ticks.js';
import { chartToSvg } from '../../report/svg-chart.js';
import { dashFor } from '../../report/palette.js';
import { createTestServices } from '../language/test-services.js';
import { arm, days, run, scenario } from './fixtures.js';

/** Issue 12, the chart layer: dose strip, calendar ticks, no aliasing of drug curves, one series per chart. */
const { parse } = await createTestServices();

describe('time ticks', () => {
    test('whole months and quarters, never 0, 3, 5, 8, 10, 13', () => {
        expect(timeTicks(0, 13, 'months', 6)).toEqual([0, 3, 6, 9, 12]);
        expect(timeTicks(0, 24, 'months', 6)).toEqual([0, 6, 12, 18, 24]);
        expect(timeTicks(0, 3, 'years', 6)).toEqual([0, 0.5, 1, 1.5, 2, 2.5, 3]);
        expect(timeTicks(0, 10, 'years', 6)).toEqual([0, 2, 4, 6, 8, 10]);
        expect(timeTicks(0, 12, 'weeks', 6)).toEqual([0, 2, 4, 6, 8, 10, 12]);
        expect(timeTicks(0, 20, 'weeks', 6)).toEqual([0, 4, 8, 12, 16, 20]);
    });

    test('the SVG export uses them and its x axis ends at the horizon', () => {
        const time = days(395);
        const v = buildResultsView(run([]), scenario([arm('a', time, { osteoclasts: () => 100 })], { durationDays: 395 }));
        const svg = chartToSvg(v, v.charts.find(c => c.id === 'osteoclasts')!);
        const labels = [...svg.matchAll(/text-anchor="middle" fill="[^"]+">([\d.]+)<\/text>/g)].map(m => m[1]);
        expect(labels).toEqual(['0', '3', '6', '9', '12']);
        expect(v.charts[0].horizon).toBeCloseTo(395 / 30.4375, 9);
    });
});

describe('one series per chart', () => {
    test('four arms: turnover, cytokines and mediators are separate charts, each a line per arm in solid colour', () => {
        const time = days(100, 10);
        const keys = ['osteoclasts', 'osteoblasts', 'osteoblast_precursors', 'rankl', 'opg', 'TNF_alpha', 'IL_6', 'IL_1', 'drug.a', 'drug.b'];
        const series = Object.fromEntries(keys.map(k => [k, () => 1]));
        const arms = ['w', 'x', 'y', 'z'].map(n => arm(n, time, series));
        const v = buildResultsView(run([]), scenario(arms));
        for (const id of ['osteoclasts', 'osteoblasts', 'osteoblast_precursors', 'rankl', 'opg', 'TNF_alpha', 'IL_6', 'IL_1', 'drug-a', 'drug-b']) {
            expect(v.charts.map(c => c.id)).toContain(id);
        }
        for (const chart of v.charts) {
            expect(chart.lines.length, chart.id).toBeLessThanOrEqual(6);
            expect(new Set(chart.lines.map(l => l.armIndex)).size, chart.id).toBe(chart.lines.length);
            for (const line of chart.lines) expect(dashFor(line.seriesIndex, line.armIndex, 'light'), chart.id).toEqual([]);
        }
    });
});

describe('dose strip', () => {
    test('a row per arm and drug in a stable order; a hidden arm keeps its row, empty', () => {
        const doses = [
            { x: 0, armIndex: 1, drug: 'adalimumab', amountMg: 40 }, { x: 0, armIndex: 1, drug: 'denosumab', amountMg: 60 },
            { x: 0.5, armIndex: 1, drug: 'adalimumab', amountMg: 40 }, { x: 1, armIndex: 0, drug: 'adalimumab', amountMg: 40 }
        ];
        const rows = doseStripRows(doses, x => 100 * x, 0, 100, new Set([0]));
        expect(rows.map(r => [r.armIndex, r.drug, r.row, r.xs])).toEqual([
            [0, 'adalimumab', 0, []], [1, 'adalimumab', 1, [0, 50]], [1, 'denosumab', 2, [0]]
        ]);
        expect(rows[1].labels).toEqual(['adalimumab 40 mg', 'adalimumab 40 mg']);
    });
});

describe('drug curves do not alias', () => {
    test(`a drug every 12 h sampled daily: the grid sees one phase, the chart ${SAMPLES_PER_INTERVAL} points per interval`, async () => {
        const document = await parse(`
drug tofa { class JAK_inhibitor  mechanism inhibits JAK_STAT  route oral  half_life 3 hours  volume 87 L  ic50 0.05 mg/L }
scenario Bid { duration 60 days  sample every 1 day  condition rheumatoid_arthritis { severity high }
    arm bid { give tofa 5 mg every 12 hours } report tofa }`);
        expect(document.parseResult.parserErrors).toEqual([]);
        const compiled = compileScenario((document.parseResult.value as Model).declarations.find(isScenario)!);
        const desc = compiled.arms[0];
        expect(desc.drugSampleTimes!.slice(0, 9)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8].map(k => k * 0.5 / SAMPLES_PER_INTERVAL));
        const [result] = simulateCompiled([compiled]);
        const grid = result.arms[0].series['drug.tofa'].slice(-20);
        // Daily samples at the dose times only ever see the trough: a flat line.
        expect(Math.max(...grid) / Math.min(...grid)).toBeLessThan(1.01);
        const chart = buildResultsView(run([result]), result).charts.find(c => c.id === 'drug-tofa')!;
        const late = chart.lines[0].values.filter((v, i): v is number => v !== null && chart.x[i] > 50 / 7);
        expect(Math.max(...late) / Math.min(...late)).toBeGreaterThan(3);
        // Every other series keeps the output grid.
        expect(result.arms[0].time).toHaveLength(61);
        expect(result.arms[0].series.osteoclasts).toHaveLength(61);
    });
});
