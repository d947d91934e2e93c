import { describe, expect, test } from 'vitest';
import { integrateFixedStep, type OdeSystem, type SolverMethod } from '../../simulator/solver/index.js';
import { ROS34PRW } from '../../simulator/solver/rosenbrock-tableau.js';

/** Non-autonomous and nonlinear enough to exercise every order condition: y0 = exp(sin t), (y1, y2) a rotation. */
const smooth: OdeSystem = {
    size: 3,
    rhs(t, y, d) {
        d[0] = y[0] * Math.cos(t);
        d[1] = -y[2];
        d[2] = y[1];
    }
};
const exact = (t: number) => [Math.exp(Math.sin(t)), Math.cos(t), Math.sin(t)];

function observedOrder(method: SolverMethod, stepCounts: number[], tEnd: number): number {
    const y0 = Float64Array.from(exact(0));
    const ref = exact(tEnd);
    const points = stepCounts.map(n => {
        const { y } = integrateFixedStep(smooth, y0, 0, tEnd, n, method);
        const err = Math.max(...ref.map((v, i) => Math.abs(y[i] - v)));
        return [Math.log(tEnd / n), Math.log(err)];
    });
    // Least-squares slope of log(error) against log(h).
    const mx = points.reduce((s, p) => s + p[0], 0) / points.length;
    const my = points.reduce((s, p) => s + p[1], 0) / points.length;
    const sxy = points.reduce((s, p) => s + (p[0] - mx) * (p[1] - my), 0);
    const sxx = points.reduce((s, p) => s + (p[0] - mx) ** 2, 0);
    return sxy / sxx;
}

describe('convergence order with fixed steps', () => {
    test('ROS34PRw converges with order 3', () => {
        const order = observedOrder('ros34prw', [20, 40, 80, 160, 320], 2);
        expect(order).toBeGreaterThan(2.8);
        expect(order).toBeLessThan(3.3);
    });

    test('DOPRI5 converges with order 5', () => {
        const order = observedOrder('dopri5', [8, 16, 32, 64], 2);
        expect(order).toBeGreaterThan(4.7);
        expect(order).toBeLessThan(5.5);
    });
});

describe('ROS34PRw coefficients (Rang 2015)', () => {
    const s = ROS34PRW.b.length;
    const g = ROS34PRW.gamma;
    const alpha = (i: number, j: number) => (j < i ? ROS34PRW.alpha[i][j] ?? 0 : 0);
    const beta = (i: number, j: number) => alpha(i, j) + (j < i ? ROS34PRW.gammaLower[i][j] ?? 0 : 0);
    const sum = (f: (i: number) => number) => Array.from({ length: s }, (_, i) => f(i)).reduce((a, b) => a + b, 0);
    const alphaRow = (i: number) => sum(j => alpha(i, j));
    const betaRow = (i: number) => sum(j => beta(i, j));

    test('satisfy the Rosenbrock order conditions up to order 3', () => {
        const b = ROS34PRW.b;
        expect(sum(i => b[i])).toBeCloseTo(1, 14);
        expect(sum(i => b[i] * betaRow(i))).toBeCloseTo(0.5 - g, 14);
        expect(sum(i => b[i] * alphaRow(i) ** 2)).toBeCloseTo(1 / 3, 14);
        expect(sum(i => sum(j => b[i] * beta(i, j) * betaRow(j)))).toBeCloseTo(1 / 6 - g + g * g, 14);
    });

    test('the embedded solution has order 2 and is a different formula', () => {
        const b = ROS34PRW.bHat;
        expect(sum(i => b[i])).toBeCloseTo(1, 14);
        expect(sum(i => b[i] * betaRow(i))).toBeCloseTo(0.5 - g, 14);
        expect(Math.abs(sum(i => b[i] * alphaRow(i) ** 2) - 1 / 3)).toBeGreaterThan(1e-3);
    });

    test('are stiffly accurate: b is the last row of α + Γ', () => {
        for (let j = 0; j < s; j++) {
            const last = j === s - 1 ? g : beta(s - 1, j);
            expect(ROS34PRW.b[j]).toBeCloseTo(last, 15);
        }
    });
});
