/** The Sobol/Morris figure (`osteo sensitivity --format svg`): ranked bars with intervals, indices over time, escaped text. */
import { describe, expect, test } from 'vitest';
import { globalSensitivitySvg } from '../../report/global-sensitivity-svg.js';
import type { GlobalSensitivityParameter, GlobalSensitivityResult } from '../../simulator/results.js';

const parameter = (name: string, total: number, assumption = false): GlobalSensitivityParameter =>
    ({ name, unit: '/day', low: 1, high: 2, first: total / 2, firstCi95: [0, total], total, totalCi95: [total * 0.8, total * 1.2], assumption });

const result: GlobalSensitivityResult = {
    method: 'sobol', scenario: 'S<1>', arm: 'a&b', output: 'bmd.total_hip', unit: '% change', at: 730.5, samples: 64, runs: 320, seed: 1, samplesUsed: 64,
    parameters: [parameter('rankl_per_tnf', 0.6, true), parameter('oc_apoptosis', 0.3), parameter('ob_apoptosis', 0.05)],
    overTime: [365.25, 730.5].map(at => ({ at, parameters: [parameter('rankl_per_tnf', at / 1000, true), parameter('oc_apoptosis', 0.3), parameter('ob_apoptosis', 0.05)] })),
    notes: []
};

describe('the global sensitivity figure', () => {
    test('draws a bar pair with whiskers per parameter, largest first, assumptions hatched and labelled, and a line per leader over time', () => {
        const svg = globalSensitivitySvg(result);
        expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
        expect(svg).toContain('S&lt;1&gt;, arm a&amp;b');
        expect(svg).not.toContain('S<1>');
        const groups = [...svg.matchAll(/<g class="gs-bar" data-parameter="([^"]+)" data-assumption="(true|false)"[^>]*>([\s\S]*?)<\/g>/g)];
        expect(groups.map(g => [g[1], g[2]])).toEqual([['rankl_per_tnf', 'true'], ['oc_apoptosis', 'false'], ['ob_apoptosis', 'false']]);
        const [assumed, published] = [groups[0][3], groups[1][3]];
        // Two bars (total, first) and two whiskers per parameter; the assumed one hatched with a dashed outline and labelled.
        for (const g of groups) {
            expect(g[3].match(/<rect /g)).toHaveLength(2);
            expect(g[3].match(/<path d="M/g)).toHaveLength(2);
        }
        expect(assumed).toMatch(/font-style="italic">rankl_per_tnf \(assumed\)<\/text>/);
        expect(assumed.match(/fill="url\(#osteo-gs-hatch-\d\)" stroke="[^"]+" stroke-width="1.5" stroke-dasharray="4 2"/g)).toHaveLength(2);
        expect(published).not.toContain('hatch');
        expect(published).toMatch(/>oc_apoptosis<\/text>/);
        expect(svg.match(/<polyline/g)).toHaveLength(3);
        expect(svg).toContain('total index over time');
        expect(svg).toContain('assumed value (not calibrated)');
    });

    test('one time: no panel over time; a narrow figure stacks the panel under the bars', () => {
        expect(globalSensitivitySvg({ ...result, overTime: [result.overTime[1]] })).not.toContain('over time');
        const wide = globalSensitivitySvg(result, { width: 960 }), narrow = globalSensitivitySvg(result, { width: 400 });
        const titleY = (svg: string) => Number(/y="([\d.]+)" text-anchor="middle" font-weight="600">total index over time/.exec(svg)![1]);
        const lastBarY = (svg: string) => Math.max(...[...svg.matchAll(/<rect x="[\d.]+" y="([\d.]+)" width="[\d.]+" height="10"/g)].map(m => Number(m[1])));
        expect(titleY(wide)).toBeLessThan(lastBarY(wide));
        expect(titleY(narrow)).toBeGreaterThan(lastBarY(narrow));
        expect(Number(/width="(\d+)"/.exec(narrow)![1])).toBe(400);
    });

    test('Morris: one μ* bar per parameter, in the output unit', () => {
        const morris: GlobalSensitivityResult = {
            ...result, method: 'morris',
            parameters: result.parameters.map(p => ({ ...p, first: undefined, total: undefined, muStar: p.total! * 3, muStarCi95: [p.total!, p.total! * 4], sigma: 0.1 }))
        };
        const svg = globalSensitivitySvg(morris);
        expect(svg).toContain('μ* and σ (% change per whole range)');
        const groups = [...svg.matchAll(/<g class="gs-bar"[^>]*>([\s\S]*?)<\/g>/g)].map(g => g[1]);
        expect(groups.map(g => [(g.match(/<rect /g) ?? []).length, (g.match(/<circle /g) ?? []).length])).toEqual([[1, 1], [1, 1], [1, 1]]);
    });
});
