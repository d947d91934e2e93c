/** Anchors of model.md §8 that check the published core and the drug PK exactly (types M and Q). */
import { describe, expect, it } from 'vitest';
import { simulateArm } from '../../simulator/simulate.js';
import { coreParameters, coreRhs, neutralHooks, solveCoreSteadyState, type CoreMediators } from '../../simulator/model/bone-core.js';
import { resolveParameters } from '../../simulator/model/parameters.js';
import type { ArmResult } from '../../simulator/results.js';
import { describe as arm, DENOSUMAB } from './model-fixtures.js';

const at = (r: ArmResult, key: string, t: number) => r.series[key][r.time.indexOf(t)];

describe('R04: steady state of the Pivonka 2008 core', () => {
    const p = coreParameters(resolveParameters());
    const ss = solveCoreSteadyState(p);

    it('matches the published cell concentrations within 0.5 %', () => {
        expect(Math.abs(ss.OBp / 6.1964e-4 - 1)).toBeLessThan(0.005);
        expect(Math.abs(ss.OBa / 5.5839e-4 - 1)).toBeLessThan(0.005);
        expect(Math.abs(ss.OCa / 8.0696e-4 - 1)).toBeLessThan(0.005);
    });

    it('matches the published RANKL and OPG levels', () => {
        const med: CoreMediators = { rankl: 0, opg: 0, pth: 0, tgfb: 0 };
        const rates = new Float64Array(3);
        coreRhs(p, ss.OBp, ss.OBa, ss.OCa, neutralHooks(), rates, 0, med);
        expect(Math.abs(med.rankl / 0.552 - 1)).toBeLessThan(0.005);
        expect(Math.abs(med.opg / 1.84e4 - 1)).toBeLessThan(0.005);
        for (const r of rates) expect(Math.abs(r)).toBeLessThan(1e-15);
    });

    it('holds over a simulated year with no inputs', () => {
        const r = simulateArm(arm({ durationDays: 365 }));
        for (const key of ['osteoclasts', 'osteoblasts', 'osteoblast_precursors']) {
            for (const x of r.series[key]) expect(Math.abs(x - 100)).toBeLessThan(0.5);
        }
    });
});

describe('R05: continuous PTH infusion 1e3 pM/day, days 20–80', () => {
    const r = simulateArm(arm({ durationDays: 120, infusions: [{ mediator: 'PTH', ratePMPerDay: 1e3, fromDays: 20, untilDays: 80 }] }));

    it('raises osteoclasts 1.93-fold and osteoblasts 1.69-fold by day 80', () => {
        expect(Math.abs(at(r, 'osteoclasts', 80) / 100 - 1.93)).toBeLessThan(0.2);
        expect(Math.abs(at(r, 'osteoblasts', 80) / 100 - 1.69)).toBeLessThan(0.2);
    });

    it('makes the bone balance negative (resorption outgrows formation, BMD falls)', () => {
        expect(at(r, 'osteoclasts', 80)).toBeGreaterThan(at(r, 'osteoblasts', 80));
        expect(at(r, 'bmd.lumbar_spine', 80)).toBeLessThan(0);
        expect(at(r, 'bmd.total_hip', 80)).toBeLessThan(0);
    });

    it('does nothing before the infusion starts', () => {
        expect(at(r, 'osteoclasts', 19)).toBeCloseTo(100, 6);
    });
});

describe('R07: OPG infusion 2e5 pM/day, days 20–80, then stop', () => {
    const r = simulateArm(arm({ durationDays: 200, infusions: [{ mediator: 'OPG', ratePMPerDay: 2e5, fromDays: 20, untilDays: 80 }] }));

    it('suppresses osteoclasts to 0.16 of steady state by day 80', () => {
        expect(Math.abs(at(r, 'osteoclasts', 80) / 100 - 0.16)).toBeLessThan(0.05);
    });

    it('overshoots after the infusion stops, peaking at 1.29 × steady state', () => {
        const after = r.series.osteoclasts.slice(r.time.indexOf(80));
        const peak = Math.max(...after) / 100;
        expect(Math.abs(peak - 1.29)).toBeLessThan(0.15);
        expect(r.series.osteoclasts[r.time.length - 1]).toBeCloseTo(100, 0);
    });
});

describe('R12: one 60 mg dose of denosumab', () => {
    const r = simulateArm(arm({ durationDays: 240, drugs: [DENOSUMAB], doses: [{ timeDays: 0, drug: 'denosumab', amountMg: 60 }] }));
    const c = r.series['drug.denosumab'];

    it('has an apparent elimination half-life of 20–35 days', () => {
        // Log-linear regression over the elimination phase: from 90 % to 10 % of Cmax after the peak.
        const peak = c.indexOf(Math.max(...c));
        const xs: number[] = [], ys: number[] = [];
        for (let k = peak; k < c.length; k++) {
            if (c[k] < 0.9 * c[peak] && c[k] > 0.1 * c[peak]) { xs.push(r.time[k]); ys.push(Math.log(c[k])); }
        }
        const mx = xs.reduce((a, b) => a + b) / xs.length, my = ys.reduce((a, b) => a + b) / ys.length;
        const slope = xs.reduce((s, x, i) => s + (x - mx) * (ys[i] - my), 0) / xs.reduce((s, x) => s + (x - mx) ** 2, 0);
        const halfLife = Math.LN2 / -slope;
        expect(halfLife).toBeGreaterThan(20);
        expect(halfLife).toBeLessThan(35);
    });

    it('peaks at about 10 days (sc absorption) near the label Cmax of 6.75 mg/L', () => {
        const peak = c.indexOf(Math.max(...c));
        expect(r.time[peak]).toBeGreaterThan(5);
        expect(r.time[peak]).toBeLessThan(25);
        expect(c[peak]).toBeGreaterThan(5);
        expect(c[peak]).toBeLessThan(10);
    });

    it('suppresses resorption while it lasts and lets it recover within about 6 months', () => {
        expect(at(r, 'osteoclasts', 30)).toBeLessThan(50);
        expect(at(r, 'osteoclasts', 210)).toBeGreaterThan(90);
    });
});

describe('R31: a single remodelling event (short RANKL pulse)', () => {
    const r = simulateArm(arm({ durationDays: 200, infusions: [{ mediator: 'RANKL', ratePMPerDay: 2e3, fromDays: 10, untilDays: 11 }] }));
    /** Days during which a cell population's excess stays above 10 % of its peak excess. */
    const phase = (key: string) => {
        const excess = r.series[key].map(x => x - 100);
        const peak = Math.max(...excess);
        const above = r.time.filter((_, k) => excess[k] > 0.1 * peak);
        return { start: above[0], end: above[above.length - 1], peakAt: r.time[excess.indexOf(peak)] };
    };

    it('resorption comes first and formation follows and outlasts it', () => {
        const oc = phase('osteoclasts'), ob = phase('osteoblasts');
        expect(oc.peakAt).toBeLessThan(ob.peakAt);
        expect(ob.end).toBeGreaterThan(oc.end);
        expect(ob.end - ob.start).toBeGreaterThan(oc.end - oc.start);
    });

    // KNOWN MISS (R31), reported: the Pivonka core is a population model, not a basic multicellular
    // unit. Its resorption phase lasts ≈ 1.5 weeks and formation ≈ 1 month, shorter than the textbook
    // 2–4 weeks and 3–4 months. Asserted as a miss on each phase (a crash or NaN fails, unlike
    // it.fails), so a model change that meets either turns this red for an update of the table.
    it('KNOWN MISS (R31): both phases are shorter than the textbook (resorption < 2 weeks, formation < 3 months)', () => {
        const oc = phase('osteoclasts'), ob = phase('osteoblasts');
        expect(oc.end - oc.start).toBeGreaterThan(0);
        expect(oc.end - oc.start).toBeLessThan(14);
        expect(ob.end - ob.start).toBeGreaterThan(0);
        expect(ob.end - ob.start).toBeLessThan(90);
    });
});
