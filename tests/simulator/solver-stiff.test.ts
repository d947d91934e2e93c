import { describe, expect, test } from 'vitest';
import { integrate, solvePiecewise, type OdeSystem } from '../../simulator/solver/index.js';

const robertson: OdeSystem = {
    size: 3,
    rhs(_t, y, d) {
        d[0] = -0.04 * y[0] + 1e4 * y[1] * y[2];
        d[2] = 3e7 * y[1] * y[1];
        d[1] = -d[0] - d[2];
    }
};

describe('Robertson chemical kinetics (very stiff)', () => {
    const options = { rtol: 1e-6, atol: 1e-10 };

    test('matches the IVP test-set reference at t = 40', () => {
        const { y } = integrate(robertson, Float64Array.of(1, 0, 0), 0, 40, options);
        const ref = [0.7158270687193301, 9.185534764557270e-06, 0.2841637457460739];
        ref.forEach((v, i) => expect(Math.abs(y[i] - v) / v).toBeLessThan(1e-5));
    });

    test('matches the Radau reference at t = 1e11 within a reasonable number of steps', () => {
        const { y, stats } = integrate(robertson, Float64Array.of(1, 0, 0), 0, 1e11, options);
        const ref = [2.0833401496996675e-08, 8.333360770328291e-14, 0.9999999791665134];
        ref.forEach((v, i) => expect(Math.abs(y[i] - v)).toBeLessThan(10 * options.atol));
        expect(Math.abs(y[0] - ref[0]) / ref[0]).toBeLessThan(0.05); // y1 ≈ 2e-8 is only 200 atol large
        expect(stats.steps).toBeLessThan(2000);
        expect(y[0] + y[1] + y[2]).toBeCloseTo(1, 12);
    });
});

describe('stiff linear system with eigenvalues −1 and −1e4', () => {
    // A = P diag(λ1, λ2) P⁻¹ with P = [[1, 1], [1, −1]].
    const l1 = -1, l2 = -1e4;
    const system: OdeSystem = {
        size: 2,
        rhs(_t, y, d) {
            d[0] = 0.5 * ((l1 + l2) * y[0] + (l1 - l2) * y[1]);
            d[1] = 0.5 * ((l1 - l2) * y[0] + (l1 + l2) * y[1]);
        }
    };
    const exact = (t: number) => {
        // y0 = [3, 1] = 2·[1, 1] + 1·[1, −1]
        const a = 2 * Math.exp(l1 * t), b = Math.exp(l2 * t);
        return [a + b, a - b];
    };

    test('follows the closed form at steps far beyond the explicit stability limit', () => {
        const times = [1e-4, 1e-3, 0.5, 1, 2, 5, 10];
        const r = solvePiecewise(system, Float64Array.of(3, 1), 0, times, [], { rtol: 1e-6, atol: 1e-9 });
        times.forEach((t, k) => {
            const ref = exact(t);
            ref.forEach((v, i) => expect(Math.abs(r.states[k][i] - v)).toBeLessThan(1e-5 * Math.abs(v) + 1e-8));
        });
        // An explicit method needs h < 2.8e-4 here (≥ 35,000 steps); a stiff one resolves the slow mode only.
        expect(r.stats.steps).toBeLessThan(500);
    });
});

describe('Van der Pol oscillator, μ = 1000', () => {
    const mu = 1000;
    const vdp: OdeSystem = {
        size: 2,
        rhs(_t, y, d) {
            d[0] = y[1];
            d[1] = mu * (1 - y[0] * y[0]) * y[1] - y[0];
        }
    };

    // scipy 1.17.1 solve_ivp, LSODA rtol = atol = 1e-11 and Radau 1e-10 (agreeing to the digits given).
    const reference = [[-1.86364625, 7.53543086e-4], [-1.51060693, 1.17838001e-3]];

    test.each([false, true])('crosses three relaxation jumps and matches scipy (analytic Jacobian: %s)', analytic => {
        const system: OdeSystem = analytic ? {
            ...vdp,
            jacobian(_t, y, j) {
                j[0] = 0; j[1] = 1;
                j[2] = -2 * mu * y[0] * y[1] - 1; j[3] = mu * (1 - y[0] * y[0]);
            }
        } : vdp;
        const r = solvePiecewise(system, Float64Array.of(2, 0), 0, [1000, 3000], [], { rtol: 1e-6, atol: 1e-8 });
        r.states.forEach((y, k) => {
            // The slow-branch values carry the timing error of the fast jumps, hence 20 × rtol.
            expect(Math.abs(y[0] - reference[k][0]) / Math.abs(reference[k][0])).toBeLessThan(2e-5);
            // y1 sits on a stiff slow manifold: a Hermite interpolant missed it by 2e-3 here.
            expect(Math.abs(y[1] - reference[k][1]) / reference[k][1]).toBeLessThan(1e-4);
        });
        expect(r.stats.steps).toBeLessThan(8000);
    });
});
