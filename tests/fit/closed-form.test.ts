import { describe, expect, test } from 'vitest';
import { CHI2_95, fisherSummary, jacobianOf, profileParameter, runStart, startPoints } from '../../simulator/fit/fit-engine.js';
import { fromUnit, type ScaledParameter } from '../../simulator/fit/parameter-scale.js';
import { mulberry32, standardNormal } from '../../simulator/analysis/random.js';

/**
 * The optimiser and both kinds of interval against closed-form answers: a straight line (weighted
 * least squares has an exact solution, and its profile and Fisher intervals coincide) and an
 * exponential decay (profile and Fisher differ; the profile is exact in the χ² sense).
 */
const times = Array.from({ length: 12 }, (_, i) => i * 2);
const sigma = 0.3;

function noisy(model: (t: number) => number, seed: number): number[] {
    const random = mulberry32(seed);
    return times.map(t => model(t) + sigma * standardNormal(random));
}

describe('weighted least squares against closed forms', () => {
    test('straight line: estimates, Fisher and profile intervals equal the exact normal-equation answers', () => {
        const y = noisy(t => 1.5 + 0.4 * t, 3);
        const parameters: ScaledParameter[] = [{ lo: -10, hi: 10, scale: 'linear' }, { lo: -5, hi: 5, scale: 'linear' }];
        const f = (u: readonly number[]) => {
            const a = fromUnit(parameters[0], u[0]), b = fromUnit(parameters[1], u[1]);
            return Float64Array.from(times, (t, i) => (a + b * t - y[i]) / sigma);
        };
        // Exact: (XᵀX)⁻¹ Xᵀy with X = [1, t], covariance σ²(XᵀX)⁻¹.
        const n = times.length, st = times.reduce((s, t) => s + t, 0), stt = times.reduce((s, t) => s + t * t, 0);
        const sy = y.reduce((s, v) => s + v, 0), sty = times.reduce((s, t, i) => s + t * y[i], 0);
        const det = n * stt - st * st;
        const b = (n * sty - st * sy) / det, a = (sy - b * st) / n;
        const sdA = sigma * Math.sqrt(stt / det), sdB = sigma * Math.sqrt(n / det);

        const outcomes = startPoints(2, 4, 1).map((u0, i) => runStart(f, u0, i));
        for (const o of outcomes) expect(o.converged).toBe(true);
        const best = outcomes.reduce((x, o) => (o.objective < x.objective ? o : x));
        expect(fromUnit(parameters[0], best.u[0])).toBeCloseTo(a, 6);
        expect(fromUnit(parameters[1], best.u[1])).toBeCloseTo(b, 6);

        const { jacobian } = jacobianOf(f, best.u)!;
        const fisher = fisherSummary(parameters, best.u, jacobian, 1);
        expect(fisher.intervals[0]![0]).toBeCloseTo(a - 1.959964 * sdA, 4);
        expect(fisher.intervals[1]![1]).toBeCloseTo(b + 1.959964 * sdB, 4);
        const exactCorrelation = -st / Math.sqrt(n * stt);
        expect(fisher.correlations[0][1]).toBeCloseTo(exactCorrelation, 4);

        for (const [i, exact] of [[0, [a - 1.959964 * sdA, a + 1.959964 * sdA]], [1, [b - 1.959964 * sdB, b + 1.959964 * sdB]]] as const) {
            const profile = profileParameter(f, parameters, best, i, CHI2_95, { firstStep: 0.005 });
            const width = exact[1] - exact[0];
            // Linear interpolation of a parabola between profile steps: within 2 % of the width.
            expect(Math.abs(profile.lower! - exact[0])).toBeLessThan(0.02 * width);
            expect(Math.abs(profile.upper! - exact[1])).toBeLessThan(0.02 * width);
        }
    });

    test('exponential decay on a log scale: profile and Fisher intervals both cover, the profile is asymmetric', () => {
        const k = 0.15, y0 = 10;
        const y = noisy(t => y0 * Math.exp(-k * t), 11);
        const parameters: ScaledParameter[] = [{ lo: 1, hi: 100, scale: 'log' }, { lo: 0.001, hi: 1, scale: 'log' }];
        const f = (u: readonly number[]) => {
            const a = fromUnit(parameters[0], u[0]), rate = fromUnit(parameters[1], u[1]);
            return Float64Array.from(times, (t, i) => (a * Math.exp(-rate * t) - y[i]) / sigma);
        };
        const outcomes = startPoints(2, 6, 2).map((u0, i) => runStart(f, u0, i));
        const best = outcomes.reduce((x, o) => (o.objective < x.objective ? o : x));
        // A good fit's χ² is about n − p.
        expect(best.objective).toBeLessThan(times.length * 2);
        const fisher = fisherSummary(parameters, best.u, jacobianOf(f, best.u)!.jacobian, 1);
        const profile = profileParameter(f, parameters, best, 1, CHI2_95);
        const estimate = fromUnit(parameters[1], best.u[1]);
        expect(profile.lower!).toBeLessThan(k);
        expect(profile.upper!).toBeGreaterThan(k);
        expect(fisher.intervals[1]![0]).toBeLessThan(k);
        expect(fisher.intervals[1]![1]).toBeGreaterThan(k);
        // Both intervals agree to within a fifth of their width here (the model is nearly linear near the optimum).
        const width = profile.upper! - profile.lower!;
        expect(Math.abs(profile.lower! - fisher.intervals[1]![0])).toBeLessThan(0.2 * width);
        expect(Math.abs(profile.upper! - fisher.intervals[1]![1])).toBeLessThan(0.2 * width);
        expect(estimate).toBeGreaterThan(profile.lower!);
    });

    test('a parameter the data cannot see has a flat profile reaching both bounds', () => {
        const y = noisy(t => 2 + 0.1 * t, 5);
        const parameters: ScaledParameter[] = [{ lo: 0, hi: 5, scale: 'linear' }, { lo: 0.01, hi: 10, scale: 'log' }];
        // The second parameter does not enter the model.
        const f = (u: readonly number[]) => Float64Array.from(times, (t, i) => (fromUnit(parameters[0], u[0]) + 0.1 * t - y[i]) / sigma);
        const best = runStart(f, [0.5, 0.5], 0);
        const profile = profileParameter(f, parameters, best, 1, CHI2_95);
        expect(profile.lower).toBeNull();
        expect(profile.upper).toBeNull();
        expect(Math.max(...profile.points.map(p => p.delta))).toBeLessThan(1e-6);
        expect(fisherSummary(parameters, best.u, jacobianOf(f, best.u)!.jacobian, 1).covariance).toBeNull();
    });

    test('starts are reproducible from the seed and differ between seeds', () => {
        expect(startPoints(3, 8, 1)).toEqual(startPoints(3, 8, 1));
        expect(startPoints(3, 8, 1)).not.toEqual(startPoints(3, 8, 2));
        // Latin hypercube: every stratum of every coordinate is used once by starts 2..8.
        for (let d = 0; d < 3; d++) expect(new Set(startPoints(3, 8, 1).slice(1).map(u => Math.floor(u[d] * 7))).size).toBe(7);
    });
});
