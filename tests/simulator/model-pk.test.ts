/** Pharmacokinetics of the model (model.md §6) against closed forms, and exact dose jumps. */
import { describe, expect, it } from 'vitest';
import { simulateArm } from '../../simulator/simulate.js';
import type { DrugDescription } from '../../simulator/model-description.js';
import { describe as arm, grid, ZOLEDRONATE } from './model-fixtures.js';

const IV: DrugDescription = {
    name: 'ivdrug', drugClass: 'anti_TNF', route: 'intravenous', mechanisms: [{ verb: 'neutralizes', target: 'TNF_alpha' }],
    pk: { halfLifeDays: 5, bioavailability: 1, volumeL: 4 }, pd: { ic50: 1, emax: 0.9 }, targeting: 1
};
const ORAL: DrugDescription = {
    ...IV, name: 'oraldrug', route: 'oral',
    pk: { halfLifeDays: 2, absorptionHalfLifeDays: 0.25, bioavailability: 0.6, volumeL: 10 }
};

describe('one-compartment intravenous drug', () => {
    const doses = [{ timeDays: 0, drug: 'ivdrug', amountMg: 100 }, { timeDays: 14, drug: 'ivdrug', amountMg: 100 }];
    const r = simulateArm(arm({ durationDays: 28, sampleTimes: grid(28, 0.5), drugs: [IV], doses }));
    const k = Math.LN2 / 5;
    const exact = (t: number) => 25 * Math.exp(-k * t) + (t >= 14 ? 25 * Math.exp(-k * (t - 14)) : 0);

    it('follows the closed form C(t) = Σ dose/V · exp(−k (t − t_dose)) within 1e-4 relative', () => {
        r.time.forEach((t, i) => expect(Math.abs(r.series['drug.ivdrug'][i] / exact(t) - 1)).toBeLessThan(1e-4));
    });

    it('jumps by exactly dose/V at each dose time (the sample at a dose time is after the dose)', () => {
        const c = r.series['drug.ivdrug'];
        expect(c[0]).toBeCloseTo(25, 10);
        const i14 = r.time.indexOf(14);
        expect(c[i14] - c[i14 - 1]).toBeGreaterThan(24);
        expect(c[i14]).toBeCloseTo(exact(14), 3);
    });

    it('lists the doses for the time axis', () => {
        expect(r.doses).toEqual([{ time: 0, drug: 'ivdrug', amountMg: 100 }, { time: 14, drug: 'ivdrug', amountMg: 100 }]);
    });
});

describe('oral drug with first-order absorption', () => {
    const r = simulateArm(arm({ durationDays: 5, sampleTimes: grid(5, 0.125), drugs: [ORAL], doses: [{ timeDays: 0, drug: 'oraldrug', amountMg: 50 }] }));
    const ka = Math.LN2 / 0.25, ke = Math.LN2 / 2;
    const bateman = (t: number) => 0.6 * 50 / 10 * ka / (ka - ke) * (Math.exp(-ke * t) - Math.exp(-ka * t));

    it('follows the Bateman function within 1e-4 of its peak', () => {
        const peak = Math.max(...r.time.map(bateman));
        r.time.forEach((t, i) => expect(Math.abs(r.series['drug.oraldrug'][i] - bateman(t))).toBeLessThan(1e-4 * peak));
    });
});

describe('targeted delivery', () => {
    it('divides the systemic concentration by the targeting factor', () => {
        const plain = simulateArm(arm({ durationDays: 10, drugs: [IV], doses: [{ timeDays: 0, drug: 'ivdrug', amountMg: 100 }] }));
        const targeted = simulateArm(arm({ durationDays: 10, drugs: [{ ...IV, targeting: 4 }], doses: [{ timeDays: 0, drug: 'ivdrug', amountMg: 100 }] }));
        plain.time.forEach((_, i) => expect(Math.abs(4 * targeted.series['drug.ivdrug'][i] / plain.series['drug.ivdrug'][i] - 1)).toBeLessThan(1e-6));
    });
});

describe('bisphosphonate bone-bound pool', () => {
    const r = simulateArm(arm({ durationDays: 730, sampleTimes: grid(730, 7), drugs: [ZOLEDRONATE], doses: [{ timeDays: 0, drug: 'zoledronate', amountMg: 5 }] }));

    it('clears plasma within days but keeps suppressing resorption for years', () => {
        expect(r.series['drug.zoledronate'][1]).toBeLessThan(1e-6);
        expect(r.summary.osteoclasts.end).toBeLessThan(80);
        expect(r.summary['bmd.lumbar_spine'].end).toBeGreaterThan(0);
    });
});
