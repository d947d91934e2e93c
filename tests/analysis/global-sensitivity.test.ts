/**
 * Global sensitivity (docs/language.md "Global sensitivity") checked against functions whose indices are
 * known in closed form, through the same design → evaluate → analyse path the bone model uses
 * (run-document.ts: globalSensitivity(plan.design, boneModelEvaluator(…))); then the bone model's plumbing.
 */
import { clearDocuments } from 'langium/test';
import { describe, expect, test } from 'vitest';
import type { Model } from '../../language/src/generated/ast.js';
import { planDocumentGlobalSensitivity, runGlobalSensitivityPlan } from '../../language/src/application/run-document.js';
import { designRow, designRowCount, globalSensitivity, type Factor, type GlobalDesign, type RowEvaluator } from '../../simulator/analysis/global-sensitivity.js';
import { sobolPoint } from '../../simulator/analysis/sobol-sequence.js';
import { serialRunner } from '../../simulator/analysis/task-runner.js';
import { createTestServices } from '../language/test-services.js';

const PI = Math.PI;
const ishigami = (x: Float64Array) => Math.sin(x[0]) + 7 * Math.sin(x[1]) ** 2 + 0.1 * x[2] ** 4 * Math.sin(x[0]);
const pointwise = (f: (x: Float64Array) => number): RowEvaluator => async rows => rows.map(x => [f(x)]);

/** Ishigami (a = 7, b = 0.1) on [−π, π]³: the analytic partial variances (Saltelli et al. 2008, Global Sensitivity Analysis: The Primer, §4.7). */
function ishigamiIndices() {
    const a = 7, b = 0.1;
    const v1 = 0.5 * (1 + b * PI ** 4 / 5) ** 2, v2 = a * a / 8, v13 = 8 * b * b * PI ** 8 / 225;
    const v = v1 + v2 + v13;
    return { first: [v1 / v, v2 / v, 0], total: [(v1 + v13) / v, v2 / v, v13 / v] };
}

describe('the Sobol sequence', () => {
    test('is the Joe–Kuo sequence SciPy draws (qmc.Sobol(6, scramble=False), points 7, 300, 1000)', () => {
        expect([...sobolPoint(6, 7)]).toEqual([0.125, 0.625, 0.375, 0.125, 0.125, 0.375]);
        expect([...sobolPoint(6, 300)]).toEqual([0.365234375, 0.044921875, 0.287109375, 0.341796875, 0.076171875, 0.529296875]);
        expect([...sobolPoint(6, 1000)]).toEqual([0.2197265625, 0.0966796875, 0.5185546875, 0.6767578125, 0.2802734375, 0.9072265625]);
    });

    test('refuses more dimensions than its table holds', () => {
        expect(() => sobolPoint(513, 1)).toThrow(/at most 512 dimensions/);
    });
});

describe('Sobol indices', () => {
    const factors: Factor[] = ['x1', 'x2', 'x3', 'dummy'].map(name => ({ name, low: -PI, high: PI }));
    const design: GlobalDesign = { method: 'sobol', factors, samples: 4096, seed: 11 };

    test('Ishigami: first-order and total indices match the analytic ones, inside their 95 % intervals', async () => {
        const result = await globalSensitivity(design, pointwise(ishigami));
        const s = result.sobol![0];
        const exact = ishigamiIndices();
        expect(result.samplesUsed).toBe(4096);
        for (let i = 0; i < 3; i++) {
            expect(Math.abs(s.first[i] - exact.first[i])).toBeLessThan(0.02);
            expect(Math.abs(s.total[i] - exact.total[i])).toBeLessThan(0.02);
            expect(s.firstCi95[i][0]).toBeLessThanOrEqual(exact.first[i]);
            expect(s.firstCi95[i][1]).toBeGreaterThanOrEqual(exact.first[i]);
            expect(s.totalCi95[i][0]).toBeLessThanOrEqual(exact.total[i]);
            expect(s.totalCi95[i][1]).toBeGreaterThanOrEqual(exact.total[i]);
            expect(s.firstCi95[i][1] - s.firstCi95[i][0]).toBeLessThan(0.15);
        }
        // x3 acts only through its interaction with x1: no first-order effect, a clear total one.
        expect(s.total[2]).toBeGreaterThan(0.2);
        // A factor the function ignores: exactly no effect (f(AB) = f(A) bit for bit).
        expect(s.first[3]).toBe(0);
        expect(s.total[3]).toBe(0);
    });

    test('a linear model: S_i = S_Ti = a_i² (h_i − l_i)² / Σ, within the intervals', async () => {
        const lin: Factor[] = [{ name: 'a', low: 0, high: 1 }, { name: 'b', low: 2, high: 4 }, { name: 'c', low: -1, high: 1 }];
        const coefficients = [1, 2, -3];
        const parts = lin.map((f, i) => (coefficients[i] * (f.high - f.low)) ** 2 / 12);
        const sum = parts.reduce((x, y) => x + y, 0);
        const result = await globalSensitivity({ method: 'sobol', factors: lin, samples: 2048, seed: 3 },
            pointwise(x => coefficients[0] * x[0] + coefficients[1] * x[1] + coefficients[2] * x[2]));
        const s = result.sobol![0];
        parts.forEach((p, i) => {
            expect(s.first[i]).toBeGreaterThanOrEqual(s.firstCi95[i][0]);
            expect(s.firstCi95[i][0]).toBeLessThanOrEqual(p / sum);
            expect(s.firstCi95[i][1]).toBeGreaterThanOrEqual(p / sum);
            expect(s.totalCi95[i][0]).toBeLessThanOrEqual(p / sum);
            expect(s.totalCi95[i][1]).toBeGreaterThanOrEqual(p / sum);
            expect(Math.abs(s.total[i] - p / sum)).toBeLessThan(0.01);
        });
        expect(s.variance).toBeCloseTo(sum, 1);
    });

    test('an output far from 0 (a BMD change of −1000 ± 1): first-order intervals as narrow as around 0', async () => {
        // The first-order estimator centres f_B on the mean; uncentred, its spread grows with the mean (here ×1000).
        const lin: Factor[] = [{ name: 'a', low: 0, high: 1 }, { name: 'b', low: 0, high: 1 }];
        const widths = async (offset: number) => {
            const result = await globalSensitivity({ method: 'sobol', factors: lin, samples: 256, seed: 3 }, pointwise(x => offset + x[0] + 2 * x[1]));
            return result.sobol![0].firstCi95.map(([lo, hi]) => hi - lo);
        };
        const [near, far] = [await widths(0), await widths(-1000)];
        far.forEach((w, i) => {
            expect(w).toBeLessThan(0.3);
            expect(w).toBeCloseTo(near[i], 6);
        });
    });

    test('indices at several outputs (times) come from the same runs', async () => {
        const result = await globalSensitivity({ method: 'sobol', factors: factors.slice(0, 2), samples: 512, seed: 5 },
            async rows => rows.map(x => [x[0], x[1]]));
        const [onlyFirst, onlySecond] = result.sobol!;
        // Each output depends on one factor: the other's indices are exactly 0, its own total index 1 up to sampling error.
        expect(Math.abs(onlyFirst.total[0] - 1)).toBeLessThan(0.03);
        expect(onlyFirst.total[1]).toBe(0);
        expect(onlySecond.total[0]).toBe(0);
        expect(Math.abs(onlySecond.total[1] - 1)).toBeLessThan(0.03);
    });

    test('a sample with a failed run is left out whole and counted', async () => {
        const result = await globalSensitivity({ method: 'sobol', factors: factors.slice(0, 2), samples: 64, seed: 5 },
            async (rows, first) => rows.map((x, k) => first + k === 10 ? undefined : [x[0] + x[1]]));
        expect(result.failedRuns).toBe(1);
        expect(result.samplesUsed).toBe(63);
    });
});

describe('Morris screening', () => {
    test('a linear model: μ* = |a_i| (h_i − l_i) and σ = 0 exactly (elementary effects are constant)', async () => {
        const lin: Factor[] = [{ name: 'a', low: 0, high: 1 }, { name: 'b', low: 2, high: 4 }, { name: 'c', low: -1, high: 1 }];
        const result = await globalSensitivity({ method: 'morris', factors: lin, samples: 10, seed: 3 },
            pointwise(x => x[0] + 2 * x[1] - 3 * x[2]));
        const m = result.morris![0];
        expect(m.muStar[0]).toBeCloseTo(1, 12);
        expect(m.muStar[1]).toBeCloseTo(4, 12);
        expect(m.muStar[2]).toBeCloseTo(6, 12);
        expect(m.mu[2]).toBeCloseTo(-6, 12);
        for (const s of m.sigma) expect(s).toBeLessThan(1e-12);
    });

    test('Ishigami: x2 and x1 lead, x3 acts only with x1 (σ large), an ignored factor has μ* = 0', async () => {
        const factors: Factor[] = ['x1', 'x2', 'x3', 'dummy'].map(name => ({ name, low: -PI, high: PI }));
        const result = await globalSensitivity({ method: 'morris', factors, samples: 100, seed: 2 }, pointwise(ishigami));
        const m = result.morris![0];
        expect(m.muStar[3]).toBe(0);
        expect(m.sigma[3]).toBe(0);
        expect(Math.min(m.muStar[0], m.muStar[1], m.muStar[2])).toBeGreaterThan(1);
        // x3's effect changes sign with sin(x1): its mean effect is small next to its μ*.
        expect(Math.abs(m.mu[2])).toBeLessThan(0.5 * m.muStar[2]);
        expect(m.sigma[2]).toBeGreaterThan(m.muStar[2] * 0.8);
    });

    test('every trajectory moves each factor once by Δ = 2/3 and stays in the range', () => {
        const factors: Factor[] = [{ name: 'p', low: 10, high: 20 }, { name: 'q', low: 0, high: 3 }, { name: 'r', low: -1, high: 0 }];
        const design: GlobalDesign = { method: 'morris', factors, samples: 20, seed: 9 };
        expect(designRowCount(design)).toBe(80);
        for (let t = 0; t < 20; t++) {
            const moved = new Set<number>();
            for (let s = 0; s < 3; s++) {
                const a = designRow(design, t * 4 + s), b = designRow(design, t * 4 + s + 1);
                const changed = factors.map((f, i) => Math.abs(b[i] - a[i]) / (f.high - f.low)).map((d, i) => [d, i]).filter(([d]) => d > 1e-12);
                expect(changed).toHaveLength(1);
                expect(changed[0][0]).toBeCloseTo(2 / 3, 12);
                moved.add(changed[0][1]);
            }
            expect(moved.size).toBe(3);
            for (let s = 0; s <= 3; s++) designRow(design, t * 4 + s).forEach((x, i) => {
                expect(x).toBeGreaterThanOrEqual(factors[i].low);
                expect(x).toBeLessThanOrEqual(factors[i].high);
            });
        }
    });
});

describe('the design depends on the study and the row index alone', () => {
    test('a row computed alone equals the row computed among all (shards see the same inputs)', () => {
        for (const method of ['sobol', 'morris'] as const) {
            const design: GlobalDesign = { method, factors: [{ name: 'a', low: 0, high: 1 }, { name: 'b', low: 5, high: 6 }], samples: 16, seed: 4 };
            const all = Array.from({ length: designRowCount(design) }, (_, r) => designRow(design, r));
            expect([...designRow(design, 37)]).toEqual([...all[37]]);
        }
    });
});

describe('the bone model through the same path', () => {
    test('a small Sobol study: a total-hip BMD parameter has no effect on the lumbar spine at all; RANKL per TNF does', async () => {
        const services = await createTestServices();
        const document = await services.parse(`
scenario S {
    duration 1 year
    sample every 4 weeks
    condition rheumatoid_arthritis { severity high }
    arm untreated { }
}`);
        await clearDocuments(services.shared, [document]);
        const plan = planDocumentGlobalSensitivity(document.parseResult.value as Model, {
            output: 'bmd.lumbar_spine', at: '6 months, 1 year', method: 'sobol', samples: 8, seed: 1,
            parameters: [{ name: 'rankl_per_tnf' }, { name: 'bmd_kout_total_hip', low: 1e-4, high: 1e-2 }]
        });
        const result = await runGlobalSensitivityPlan(plan, serialRunner);
        expect(result).toMatchObject({ method: 'sobol', output: 'bmd.lumbar_spine', at: 365.25, samples: 8, runs: 32, samplesUsed: 8 });
        expect(result.overTime.map(t => t.at)).toEqual([182.625, 365.25]);
        const [rankl, inert] = result.parameters;
        expect(rankl.name).toBe('rankl_per_tnf');
        expect(rankl.total).toBeGreaterThan(0.5);
        // Not bit for bit: the total-hip BMD shares the solver's error control with the spine, so only solver noise is
        // left (first-order index 6.5e-6 with the model's BDF integrator at rtol 1e-6, against > 0.5 for RANKL per TNF).
        expect(inert).toMatchObject({ name: 'bmd_kout_total_hip', low: 1e-4, high: 1e-2 });
        expect(Math.abs(inert.first!)).toBeLessThan(5e-5);
        expect(Math.abs(inert.total!)).toBeLessThan(1e-9);
    });
});
