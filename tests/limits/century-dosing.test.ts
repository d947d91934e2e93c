import { describe, expect, test } from 'vitest';
import { simulateCompiled } from '../../simulator/run-scenarios.js';
import { compileDocument } from '../../language/src/compiler/compile-document.js';
import { CancelledError, solvePiecewise, SolverError, type Jump, type OdeSystem } from '../../simulator/solver/index.js';
import { createTestServices, errorsOf } from '../language/test-services.js';

/**
 * The longest horizon the language allows with the densest common schedule: 100 years of daily
 * tablets is 36 525 doses, each a restart of the solver. The step budget used to be per run and ran
 * out halfway (day 19 229); it is now per piece between doses.
 */
const CENTURY = `scenario Century {
    duration 100 years
    sample every 4 weeks
    condition rheumatoid_arthritis { severity moderate }
    arm daily { give tofacitinib 5 mg every 1 day }
}`;

describe('the solver step budget', () => {
    // First-order elimination with a dose every day: about ten steps per piece.
    const decay: OdeSystem = { size: 1, rhs(_t, y, d) { d[0] = -0.5 * y[0]; } };
    const daily = (days: number): Jump[] => Array.from({ length: days }, (_, i) => ({ time: i + 1, apply: y => { y[0] += 1; } }));

    test('applies to each piece between doses, so the number of doses does not exhaust it', () => {
        const result = solvePiecewise(decay, Float64Array.of(1), 0, [0, 2000], daily(1999), { maxSteps: 200 });
        expect(result.stats.steps).toBeGreaterThan(200 * 10);
        // Steady-state trough of a daily unit dose with k = 0.5/day, a day after the last dose: e^−0.5 / (1 − e^−0.5).
        expect(result.states[1][0]).toBeCloseTo(Math.exp(-0.5) / (1 - Math.exp(-0.5)), 4);
    });

    test('still stops a piece that needs more steps than the budget, where it got stuck', () => {
        const wiggle: OdeSystem = { size: 1, rhs(t, _y, d) { d[0] = Math.cos(100 * t); } };
        let error: unknown;
        try { solvePiecewise(wiggle, Float64Array.of(0), 0, [100], [{ time: 10, apply: () => {} }], { maxSteps: 50 }); } catch (e) { error = e; }
        expect(error).toBeInstanceOf(SolverError);
        expect((error as SolverError).time).toBeLessThan(10);
    });

    test('cancellation is seen between short pieces', () => {
        let polls = 0;
        expect(() => solvePiecewise(decay, Float64Array.of(1), 0, [0, 2000], daily(1999), { isCancelled: () => ++polls > 100 }))
            .toThrow(CancelledError);
    });
});

describe('100 years of daily dosing', () => {
    test('simulates to the end with every dose applied', async () => {
        const { parse } = await createTestServices();
        const document = await parse(CENTURY, { validation: true });
        expect(errorsOf(document)).toEqual([]);
        const compiled = compileDocument(document.parseResult.value);
        expect(compiled[0].arms[0].doses).toHaveLength(36_525);
        const started = performance.now();
        const [scenario] = simulateCompiled(compiled);
        const seconds = (performance.now() - started) / 1000;
        const arm = scenario.arms[0];
        expect(arm.time.at(-1)).toBeCloseTo(36_525, 6);
        for (const [key, values] of Object.entries(arm.series)) {
            expect(values.every(Number.isFinite), key).toBe(true);
            expect(values).toHaveLength(arm.time.length);
        }
        // Tofacitinib (3 h half-life) is cleared between daily tablets: the concentration stays bounded.
        expect(Math.max(...arm.series['drug.tofacitinib'])).toBeLessThan(1);
        console.log(`100 years of daily dosing: ${arm.stats.steps} steps, ${arm.stats.rhsEvaluations} rhs evaluations, ${seconds.toFixed(1)} s`);
    }, 600_000);
});
