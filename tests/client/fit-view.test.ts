import { describe, expect, test } from 'vitest';
import { buildFitView } from '../../report/fit-view.js';
import type { FitResult } from '../../simulator/index.js';

/** A hand-made fit result: two arms observed at 0, 12 and 24 months, one identifiable estimate and one not. */
function result(extra: Partial<FitResult> = {}): FitResult {
    const time = [0, 365.25, 730.5];
    const obs = (arm: string, error: number[] | null) => ({
        data: 'Trial', arm, series: 'bmd.total_hip', group: arm, time, value: [0, 2, 3], error,
        predicted: [0, 2.5, 2.5], residual: [0, 0.5, -0.5]
    });
    return {
        scenario: 'S', fit: 'F', objective: { kind: 'weighted-least-squares', value: 1, points: 6 },
        estimates: [
            { name: 'a', arm: null, value: 1, ci95: [0.5, 2], fisherCi95: [0.4, 1.6], bounds: [0.01, 10], scale: 'log', unit: '–', identifiable: true,
                profile: [{ value: 2, delta: 3.9 }, { value: 1, delta: 0 }, { value: 0.5, delta: 3.9 }] },
            { name: 'b', arm: 'treated', value: 3, ci95: [0.1, 10], fisherCi95: null, bounds: [0.1, 10], scale: 'linear', unit: '/day', identifiable: false, note: 'flat profile: the data do not inform this parameter' }
        ],
        correlations: [[1, null], [null, 1]], interval: 'profile-likelihood',
        starts: [{ start: 1, objective: 1, converged: false, evaluations: 10, reason: 'evaluation budget' }, { start: 2, objective: 2, converged: false, evaluations: 10, reason: 'evaluation budget' }],
        bestStart: 1, rmse: 0.4, aic: 5, bic: 6, seconds: 1.5,
        observations: [obs('placebo', [0.25, 0.25, 0.5]), obs('treated', [0.25, 0.25, 0.5])],
        curves: [{ arm: 'placebo', series: 'bmd.total_hip', time: [0, 365.25, 730.5], value: [0, 2.4, 2.6] }],
        ...extra
    };
}

describe('the fit panel view', () => {
    test('observed and fitted per series on the results chart model, in the arms\' colours', () => {
        const view = buildFitView(result());
        expect(view.timeScale.unit).toBe('months');
        expect(view.charts).toHaveLength(1);
        const [chart] = view.charts;
        expect(chart.lines.map(l => [l.arm, l.armIndex, l.label])).toEqual([['placebo', 0, 'placebo (fitted)']]);
        expect(chart.x).toEqual([0, 12, 24]);
        expect(chart.observed!.map(o => [o.arm, o.armIndex, o.x])).toEqual([['placebo', 0, [0, 12, 24]], ['treated', 1, [0, 12, 24]]]);
    });

    test('residuals are divided by the errors when every observation has them, and not otherwise', () => {
        expect(buildFitView(result()).residuals[0].y).toEqual([0, 2, -1]);
        expect(buildFitView(result()).weightedResiduals).toBe(true);
        const unweighted = result();
        const plain = buildFitView({ ...unweighted, observations: unweighted.observations.map(o => ({ ...o, error: null })) });
        expect(plain.weightedResiduals).toBe(false);
        expect(plain.residuals[0].y).toEqual([0, 0.5, -0.5]);
    });

    test('what the user must know first: no start converged, a parameter is not identifiable', () => {
        const view = buildFitView(result());
        expect(view.warnings).toHaveLength(2);
        expect(view.warnings[0]).toMatch(/^No start converged: the best start \(1\) is reported/);
        expect(view.warnings[1]).toBe('b in treated is not identifiable from these data: flat profile: the data do not inform this parameter.');
        expect(view.starts.map(s => s.best)).toEqual([true, false]);
    });

    test('profiles sorted by value with the 3.84 threshold; none for an estimate without one', () => {
        const [profile, ...rest] = buildFitView(result()).profiles;
        expect(rest).toEqual([]);
        expect(profile.x).toEqual([0.5, 1, 2]);
        expect(profile.delta).toEqual([3.9, 0, 3.9]);
        expect(profile.threshold).toBeCloseTo(3.8415, 4);
        expect(profile.log).toBe(true);
    });
});
