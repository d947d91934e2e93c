import { describe, expect, test } from 'vitest';
import { solvePiecewise, type Jump, type OdeSystem } from '../../simulator/solver/index.js';

const tight = { rtol: 1e-8, atol: 1e-10 };
const bolus = (time: number, state: number, amount: number): Jump => ({ time, apply: y => { y[state] += amount; } });

describe('one-compartment IV bolus, repeated doses', () => {
    const ke = Math.LN2 / 2; // half-life 2 days
    const V = 10, dose = 100, interval = 3;
    const oneCompartment: OdeSystem = { size: 1, rhs(_t, y, d) { d[0] = -ke * y[0]; } };
    const doseTimes = [0, 3, 6, 9, 12, 15];
    const concentration = (t: number) =>
        doseTimes.filter(td => td <= t).reduce((c, td) => c + dose / V * Math.exp(-ke * (t - td)), 0);

    test('matches the superposition closed form just before and exactly at each dose', () => {
        const times = [0];
        for (const td of doseTimes.slice(1)) times.push(td - 1e-6, td, td + interval / 2);
        times.push(20);
        const jumps = doseTimes.map(td => bolus(td, 0, dose / V));
        const r = solvePiecewise(oneCompartment, Float64Array.of(0), 0, times, jumps, tight);
        expect(r.times).toEqual(times);
        times.forEach((t, k) => {
            expect(Math.abs(r.states[k][0] - concentration(t)) / concentration(t)).toBeLessThan(1e-6);
        });
        // The value at a dose time is the one after the dose: higher than just before by exactly the dose.
        const at6 = times.indexOf(6);
        expect(r.states[at6][0] - r.states[at6 - 1][0]).toBeCloseTo(dose / V, 5);
    });

    test('the states are independent copies', () => {
        const r = solvePiecewise(oneCompartment, Float64Array.of(1), 0, [1, 2], []);
        r.states[0][0] = 42;
        expect(r.states[1][0]).not.toBe(42);
        expect(r.states[0]).not.toBe(r.states[1]);
    });
});

describe('absorption depot → central compartment', () => {
    const ka = 1.2, ke = 0.3, dose = 50;
    const depotCentral: OdeSystem = {
        size: 2,
        rhs(_t, y, d) {
            d[0] = -ka * y[0];
            d[1] = ka * y[0] - ke * y[1];
        }
    };
    const doseTimes = [0, 1, 2, 3, 4, 5, 6];
    const central = (t: number) => doseTimes.filter(td => td <= t)
        .reduce((a, td) => a + dose * ka / (ka - ke) * (Math.exp(-ke * (t - td)) - Math.exp(-ka * (t - td))), 0);

    test.each(['ros34prw', 'dopri5'] as const)('%s matches the Bateman superposition on a 0.05-day grid', method => {
        const times = Array.from({ length: 201 }, (_, k) => k * 0.05);
        const r = solvePiecewise(depotCentral, Float64Array.of(0, 0), 0, times, doseTimes.map(td => bolus(td, 0, dose)),
            { ...tight, method });
        times.forEach((t, k) => {
            expect(Math.abs(r.states[k][1] - central(t))).toBeLessThan(1e-6 * Math.max(central(t), 1));
        });
    });
});

describe('jump semantics', () => {
    const constant: OdeSystem = { size: 1, rhs(_t, _y, d) { d[0] = 0; } };

    test('jumps sharing a time apply in the given order; jumps outside [t0, tEnd] are ignored', () => {
        const jumps: Jump[] = [
            { time: 2, apply: y => { y[0] *= 2; } },
            { time: -1, apply: y => { y[0] = 1000; } },
            { time: 2, apply: y => { y[0] += 1; } },
            { time: 11, apply: y => { y[0] = -1000; } }
        ];
        const r = solvePiecewise(constant, Float64Array.of(3), 0, [1, 2, 10], jumps);
        expect(Array.from(r.states, s => s[0])).toEqual([3, 7, 7]);
    });

    test('a jump at t0 is applied before the output at t0, and a jump at tEnd before the output at tEnd', () => {
        const r = solvePiecewise(constant, Float64Array.of(1), 5, [5, 8], [bolus(5, 0, 1), bolus(8, 0, 10)]);
        expect(Array.from(r.states, s => s[0])).toEqual([2, 12]);
    });

    test('a restart point at a discontinuous infusion keeps the closed-form accuracy', () => {
        // Zero-order infusion of 1/day for 5 days into a compartment eliminated at 0.5/day.
        const k = 0.5;
        const infusion: OdeSystem = { size: 1, rhs(t, y, d) { d[0] = (t < 5 ? 1 : 0) - k * y[0]; } };
        const exact = (t: number) => t <= 5 ? (1 - Math.exp(-k * t)) / k : (1 - Math.exp(-k * 5)) / k * Math.exp(-k * (t - 5));
        const times = [1, 4.999, 5, 5.001, 7, 12];
        const r = solvePiecewise(infusion, Float64Array.of(0), 0, times, [{ time: 5, apply: () => {} }], tight);
        times.forEach((t, i) => expect(Math.abs(r.states[i][0] - exact(t))).toBeLessThan(1e-7));
    });

    test('no output times gives an empty result; an output at t0 alone needs no integration', () => {
        const system: OdeSystem = { size: 1, rhs(_t, y, d) { d[0] = -y[0]; } };
        expect(solvePiecewise(system, Float64Array.of(1), 0, [], []).states).toEqual([]);
        const r = solvePiecewise(system, Float64Array.of(1), 0, [0], []);
        expect(r.states[0][0]).toBe(1);
        expect(r.stats.steps).toBe(0);
    });
});

describe('dense output', () => {
    // Damped oscillator: y'' + 0.2 y' + y = 0, y(0) = 1, y'(0) = 0.
    const z = 0.1, w = Math.sqrt(1 - z * z);
    const damped: OdeSystem = { size: 2, rhs(_t, y, d) { d[0] = y[1]; d[1] = -y[0] - 2 * z * y[1]; } };
    const exact = (t: number) => {
        const e = Math.exp(-z * t);
        return [e * (Math.cos(w * t) + z / w * Math.sin(w * t)), -e * Math.sin(w * t) / w];
    };

    test.each(['ros34prw', 'dopri5'] as const)('%s: a fine grid between few steps matches the closed form to ~rtol', method => {
        const rtol = 1e-6;
        const times = Array.from({ length: 10001 }, (_, k) => k * 0.002);
        const r = solvePiecewise(damped, Float64Array.of(1, 0), 0, times, [], { method, rtol, atol: 1e-9 });
        // Many outputs per step, so the values really come from interpolation.
        expect(r.stats.steps).toBeLessThan(times.length / 4);
        let worst = 0;
        times.forEach((t, k) => exact(t).forEach((v, i) => { worst = Math.max(worst, Math.abs(r.states[k][i] - v)); }));
        expect(worst).toBeLessThan(20 * rtol);
    });
});
