/** ROS34PW2, the default method: a true W-method, so it keeps order 3 with a wrong Jacobian and may reuse one. */
import { describe, expect, test } from 'vitest';
import { integrateFixedStep, solvePiecewise, type OdeSystem, type SolverMethod } from '../../simulator/solver/index.js';
import { CompressedFactors, luFactor, luSolve } from '../../simulator/solver/dense-lu.js';
import { ROS34PW2 } from '../../simulator/solver/rosenbrock-tableau.js';

/** Non-autonomous and nonlinear; its "Jacobian" is deliberately wrong (a constant matrix unrelated to f). */
const withWrongJacobian: OdeSystem = {
    size: 3,
    rhs(t, y, d) {
        d[0] = y[0] * Math.cos(t);
        d[1] = -y[2];
        d[2] = y[1];
    },
    jacobian(_t, _y, j) {
        j.fill(0);
        j[0] = -2; j[4] = -0.5; j[5] = 0.3; j[7] = -0.7; j[8] = -1;
    }
};
const exact = (t: number) => [Math.exp(Math.sin(t)), Math.cos(t), Math.sin(t)];

function observedOrder(method: SolverMethod, stepCounts: number[], tEnd: number): number {
    const ref = exact(tEnd);
    const points = stepCounts.map(n => {
        const { y } = integrateFixedStep(withWrongJacobian, Float64Array.from(exact(0)), 0, tEnd, n, method);
        return [Math.log(tEnd / n), Math.log(Math.max(...ref.map((v, i) => Math.abs(y[i] - v))))];
    });
    const mx = points.reduce((s, p) => s + p[0], 0) / points.length;
    const my = points.reduce((s, p) => s + p[1], 0) / points.length;
    return points.reduce((s, p) => s + (p[0] - mx) * (p[1] - my), 0) / points.reduce((s, p) => s + (p[0] - mx) ** 2, 0);
}

describe('ROS34PW2 (Rang & Angermann 2005)', () => {
    const s = ROS34PW2.b.length;
    const alpha = (i: number, j: number) => (j < i ? ROS34PW2.alpha[i][j] ?? 0 : 0);
    const sum = (f: (i: number) => number) => Array.from({ length: s }, (_, i) => f(i)).reduce((a, b) => a + b, 0);
    const alphaRow = (i: number) => sum(j => alpha(i, j));

    test('meets the W-method conditions that ROS34PRw misses (Σ b_i α_i = 1/2, Σ b_i α_ij α_j = 1/6)', () => {
        const b = ROS34PW2.b;
        expect(sum(i => b[i])).toBeCloseTo(1, 14);
        expect(sum(i => b[i] * alphaRow(i))).toBeCloseTo(0.5, 14);
        expect(sum(i => b[i] * alphaRow(i) ** 2)).toBeCloseTo(1 / 3, 14);
        expect(sum(i => sum(j => b[i] * alpha(i, j) * alphaRow(j)))).toBeCloseTo(1 / 6, 14);
    });

    test('keeps order 3 with a wrong Jacobian, where ROS34PRw drops an order', () => {
        const w = observedOrder('ros34pw2', [40, 80, 160, 320], 2);
        expect(w).toBeGreaterThan(2.8);
        expect(w).toBeLessThan(3.3);
        expect(observedOrder('ros34prw', [40, 80, 160, 320], 2)).toBeLessThan(2.3);
    });

    test('is the default and reuses one Jacobian over many steps on a stiff problem', () => {
        const robertson: OdeSystem = {
            size: 3,
            rhs(_t, y, d) {
                d[0] = -0.04 * y[0] + 1e4 * y[1] * y[2];
                d[2] = 3e7 * y[1] * y[1];
                d[1] = -d[0] - d[2];
            }
        };
        const r = solvePiecewise(robertson, Float64Array.of(1, 0, 0), 0, [40], [], { rtol: 1e-6, atol: 1e-10 });
        const ref = [0.7158270687193301, 9.185534764557270e-06, 0.2841637457460739];
        ref.forEach((v, i) => expect(Math.abs(r.states[0][i] - v) / v).toBeLessThan(1e-5));
        expect(r.stats.jacobianEvaluations).toBeLessThan(r.stats.steps / 3);
    });
});

describe('compressed LU solve', () => {
    test('gives the dense solve for a sparse matrix with pivoting', () => {
        const n = 7;
        const a = new Float64Array(n * n);
        for (let i = 0; i < n; i++) {
            a[i * n + i] = 0.1 + i;
            a[i * n + ((i * 3 + 1) % n)] += 2 + i; // off-diagonal entries larger than some diagonals: pivots move
        }
        const pivots = new Int32Array(n);
        expect(luFactor(a, n, pivots)).toBe(true);
        expect([...pivots].some((p, k) => p !== k)).toBe(true);
        const compressed = new CompressedFactors(n);
        compressed.compress(a);
        const b = Float64Array.from({ length: n }, (_, i) => Math.sin(i + 1));
        const dense = b.slice(), sparse = b.slice();
        luSolve(a, n, pivots, dense);
        compressed.solve(pivots, sparse);
        for (let i = 0; i < n; i++) expect(sparse[i]).toBeCloseTo(dense[i], 13);
    });
});
