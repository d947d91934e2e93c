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
    test('draws a bar pair with whiskers per parameter, largest first, assumptions marked, and a line per leader over time', () => {
        const svg = globalSensitivitySvg(result);
        expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
        expect(svg).toContain('S&lt;1&gt;, arm a&amp;b');
        expect(svg).not.toContain('S<1>');
        const names = [...svg.matchAll(/text-anchor="end">([a-z_]+)( †)?<\/text>/g)].map(m => m[1] + (m[2] ?? ''));
        expect(names).toEqual(['rankl_per_tnf †', 'oc_apoptosis', 'ob_apoptosis']);
        // Two bars (total, first) per parameter and the first legend swatch start at the axis; a whisker per bar.
        expect(svg.match(/<rect x="200"/g)).toHaveLength(7);
        expect(svg.match(/<path d="M/g)).toHaveLength(6);
        expect(svg.match(/<polyline/g)).toHaveLength(3);
        expect(svg).toContain('total index over time');
    });

    test('Morris: one μ* bar per parameter, in the output unit', () => {
        const morris: GlobalSensitivityResult = {
            ...result, method: 'morris',
            parameters: result.parameters.map(p => ({ ...p, first: undefined, total: undefined, muStar: p.total! * 3, muStarCi95: [p.total!, p.total! * 4], sigma: 0.1 }))
        };
        const svg = globalSensitivitySvg(morris);
        expect(svg).toContain('μ* (% change per whole range)');
        expect(svg.match(/<rect x="200"/g)).toHaveLength(3);
    });
});
