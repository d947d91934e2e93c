import { describe, expect, test } from 'vitest';
import { integrate, solvePiecewise, type Jump, type OdeSystem } from '../../simulator/solver/index.js';

/** The variable-order BDF (NDF) method against closed forms and the references the other solver tests use. */
const bdf = { method: 'bdf' } as const;

describe('BDF on stiff problems', () => {
    const robertson: OdeSystem = {
        size: 3,
        rhs(_t, y, d) {
            d[0] = -0.04 * y[0] + 1e4 * y[1] * y[2];
            d[2] = 3e7 * y[1] * y[1];
            d[1] = -d[0] - d[2];
        }
    };

    test('Robertson matches the IVP test-set reference at t = 40 and the Radau one at t = 1e11', () => {
        const options = { ...bdf, rtol: 1e-6, atol: 1e-10 };
        const at40 = integrate(robertson, Float64Array.of(1, 0, 0), 0, 40, options).y;
        [0.7158270687193301, 9.185534764557270e-06, 0.2841637457460739]
            .forEach((v, i) => expect(Math.abs(at40[i] - v) / v).toBeLessThan(2e-5));
        const { y, stats } = integrate(robertson, Float64Array.of(1, 0, 0), 0, 1e11, options);
        [2.0833401496996675e-08, 8.333360770328291e-14, 0.9999999791665134]
            .forEach((v, i) => expect(Math.abs(y[i] - v)).toBeLessThan(10 * options.atol));
        // LSODA takes 856 steps and 1,561 evaluations here (docs: research numerics); a multistep method is as lean.
        expect(stats.steps).toBeLessThan(1500);
        expect(stats.rhsEvaluations + 4 * stats.jacobianEvaluations).toBeLessThan(4000);
    });

    test('a stiff linear system follows its closed form with steps far beyond the explicit limit', () => {
        const l1 = -1, l2 = -1e4;
        const system: OdeSystem = {
            size: 2,
            rhs(_t, y, d) {
                d[0] = 0.5 * ((l1 + l2) * y[0] + (l1 - l2) * y[1]);
                d[1] = 0.5 * ((l1 - l2) * y[0] + (l1 + l2) * y[1]);
            }
        };
        const exact = (t: number) => [2 * Math.exp(l1 * t) + Math.exp(l2 * t), 2 * Math.exp(l1 * t) - Math.exp(l2 * t)];
        const times = [1e-4, 1e-3, 0.5, 1, 2, 5, 10];
        const r = solvePiecewise(system, Float64Array.of(3, 1), 0, times, [], { ...bdf, rtol: 1e-6, atol: 1e-9 });
        times.forEach((t, k) => exact(t).forEach((v, i) => expect(Math.abs(r.states[k][i] - v)).toBeLessThan(1e-5 * Math.abs(v) + 1e-8)));
        expect(r.stats.steps).toBeLessThan(500);
    });

    test('Van der Pol, μ = 1000, crosses three relaxation jumps and matches scipy', () => {
        const mu = 1000;
        const vdp: OdeSystem = { size: 2, rhs(_t, y, d) { d[0] = y[1]; d[1] = mu * (1 - y[0] * y[0]) * y[1] - y[0]; } };
        const reference = [[-1.86364625, 7.53543086e-4], [-1.51060693, 1.17838001e-3]];
        const r = solvePiecewise(vdp, Float64Array.of(2, 0), 0, [1000, 3000], [], { ...bdf, rtol: 1e-6, atol: 1e-8 });
        // As accurate as SciPy's LSODA at the same tolerances, which errs by 1.4e-5 / 8.1e-5 in y0 and 2.7e-5 / 2.0e-4
        // in y1 at t = 1000 / 3000 (scipy 1.17.1; the relaxation jumps' timing errors add up).
        r.states.forEach((y, k) => {
            expect(Math.abs(y[0] - reference[k][0]) / Math.abs(reference[k][0])).toBeLessThan(1e-4);
            expect(Math.abs(y[1] - reference[k][1]) / reference[k][1]).toBeLessThan(3e-4);
        });
    });

    test('tighter tolerances give smaller errors (the order control works)', () => {
        const decay: OdeSystem = { size: 2, rhs(t, y, d) { d[0] = -y[0] + Math.sin(t); d[1] = -50 * (y[1] - Math.cos(t)); } };
        // y0' = −y0 + sin t, y0(0) = 1 → y0 = 1.5 e^{−t} + (sin t − cos t)/2.
        const exact = (t: number) => 1.5 * Math.exp(-t) + (Math.sin(t) - Math.cos(t)) / 2;
        const error = (rtol: number) => {
            const { y } = integrate(decay, Float64Array.of(1, 1), 0, 20, { ...bdf, rtol, atol: rtol * 1e-3 });
            return Math.abs(y[0] - exact(20));
        };
        const loose = error(1e-4), tight = error(1e-8);
        expect(loose).toBeLessThan(1e-3);
        expect(tight).toBeLessThan(1e-6);
        expect(tight).toBeLessThan(loose / 100);
    });
});

describe('BDF across doses', () => {
    const ka = 1.2, ke = 0.3, dose = 50;
    const depotCentral: OdeSystem = {
        size: 2,
        rhs(_t, y, d) {
            d[0] = -ka * y[0];
            d[1] = ka * y[0] - ke * y[1];
        }
    };
    const bolus = (time: number): Jump => ({ time, apply: y => { y[0] += dose; } });

    test('matches the Bateman superposition on a 0.05-day grid (dense output inside steps)', () => {
        const doseTimes = [0, 1, 2, 3, 4, 5, 6];
        const central = (t: number) => doseTimes.filter(td => td <= t)
            .reduce((a, td) => a + dose * ka / (ka - ke) * (Math.exp(-ke * (t - td)) - Math.exp(-ka * (t - td))), 0);
        const times = Array.from({ length: 201 }, (_, k) => k * 0.05);
        const r = solvePiecewise(depotCentral, Float64Array.of(0, 0), 0, times, doseTimes.map(bolus), { ...bdf, rtol: 1e-8, atol: 1e-10 });
        times.forEach((t, k) => expect(Math.abs(r.states[k][1] - central(t))).toBeLessThan(1e-6 * Math.max(central(t), 1)));
    });

    test('keeps its Jacobian across doses: far fewer Jacobians than doses', () => {
        const doseTimes = Array.from({ length: 100 }, (_, k) => 7 * k);
        const r = solvePiecewise(depotCentral, Float64Array.of(0, 0), 0, [700], doseTimes.map(bolus), { ...bdf, rtol: 1e-6, atol: 1e-6 });
        expect(r.stats.jacobianEvaluations).toBeLessThan(10);
        // The state at the end: the last dose's tail plus the accumulated rest, by superposition.
        const central = doseTimes.reduce((a, td) => a + dose * ka / (ka - ke) * (Math.exp(-ke * (700 - td)) - Math.exp(-ka * (700 - td))), 0);
        expect(Math.abs(r.states[0][1] - central) / central).toBeLessThan(1e-4);
    });
});
