import { describe, expect, test } from 'vitest';
import { CancelledError, solvePiecewise, SolverError, type OdeSystem } from '../../simulator/solver/index.js';

function solverError(run: () => unknown): SolverError {
    try {
        run();
    } catch (e) {
        if (e instanceof SolverError) return e;
        throw e;
    }
    throw new Error('expected a SolverError');
}

describe('failures are reported as SolverError with the time', () => {
    test.each(['ros34prw', 'dopri5', 'bdf'] as const)('%s: a right-hand side that turns NaN at t = 5', method => {
        const system: OdeSystem = { size: 2, rhs(t, y, d) { d[0] = t > 5 ? NaN : -y[0]; d[1] = 0; } };
        const e = solverError(() => solvePiecewise(system, Float64Array.of(1, 1), 0, [10], [], { method }));
        expect(e.time).toBeGreaterThan(4.99);
        expect(e.time).toBeLessThanOrEqual(5);
        expect(e.message).toMatch(/non-finite.*t = (5|4\.99)/);
    });

    test('a solution that blows up in finite time (y\' = y², y(0) = 1, blow-up at t = 1)', () => {
        const system: OdeSystem = { size: 1, rhs(_t, y, d) { d[0] = y[0] * y[0]; } };
        const e = solverError(() => solvePiecewise(system, Float64Array.of(1), 0, [2], []));
        // A linearly implicit method may step a little past the pole before the values stop being finite.
        expect(Math.abs(e.time - 1)).toBeLessThan(1e-3);
    });

    test('a non-finite initial value names the state', () => {
        const system: OdeSystem = { size: 3, rhs(_t, _y, d) { d.fill(0); } };
        const e = solverError(() => solvePiecewise(system, Float64Array.of(0, NaN, 0), 0, [1], []));
        expect(e.component).toBe(1);
        expect(e.message).toContain('state 1');
    });

    test('the step budget', () => {
        const system: OdeSystem = { size: 1, rhs(t, _y, d) { d[0] = Math.cos(100 * t); } };
        const e = solverError(() => solvePiecewise(system, Float64Array.of(0), 0, [100], [], { maxSteps: 50 }));
        expect(e.message).toContain('step limit of 50');
        expect(e.time).toBeGreaterThan(0);
        expect(e.time).toBeLessThan(100);
    });

    test('bad arguments', () => {
        const system: OdeSystem = { size: 2, rhs(_t, _y, d) { d.fill(0); } };
        expect(solverError(() => solvePiecewise(system, Float64Array.of(0, 0), 0, [2, 1], [])).message).toMatch(/ascending/);
        expect(solverError(() => solvePiecewise(system, Float64Array.of(0, 0), 0, [1], [], { atol: [1e-9] })).message)
            .toMatch(/absolute tolerance has 1 entries/);
        expect(solverError(() => solvePiecewise(system, Float64Array.of(0), 0, [1], [])).message).toMatch(/2 states/);
        expect(solverError(() => solvePiecewise(system, Float64Array.of(0, 0), 0, [1], [], { rtol: 0 })).message)
            .toMatch(/relative tolerance/);
    });
});

describe('cancellation', () => {
    const oscillator: OdeSystem = { size: 2, rhs(_t, y, d) { d[0] = y[1]; d[1] = -y[0]; } };

    test('isCancelled returning true stops the run with CancelledError', () => {
        let polls = 0;
        const run = () => solvePiecewise(oscillator, Float64Array.of(1, 0), 0, [1000], [], { isCancelled: () => ++polls > 3 });
        expect(run).toThrow(CancelledError);
        expect(polls).toBe(4);
    });

    test('isCancelled returning false lets the run finish', () => {
        let polls = 0;
        const r = solvePiecewise(oscillator, Float64Array.of(1, 0), 0, [100], [], { isCancelled: () => { polls++; return false; } });
        expect(polls).toBeGreaterThan(0);
        expect(r.states[0][0]).toBeCloseTo(Math.cos(100), 4);
    });
});
