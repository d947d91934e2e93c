/**
 * Long-term and stopped bisphosphonates as a mechanism (docs/model.md §1.6): the drug acts from bone surfaces, is
 * buried by new bone and comes back to plasma when remodelling releases it.
 */
import { describe, expect, it } from 'vitest';
import type { ArmResult } from '../../simulator/results.js';
import { simulateArm } from '../../simulator/simulate.js';
import { ZOLEDRONATE, describe as arm, grid } from './model-fixtures.js';

const YEAR = 365.25;

describe('bisphosphonate retention in bone (§1.6)', () => {
    /** Yearly zoledronate for `infusions` years, 8 years in all, with a given burial half-time. */
    const zoledronate = (infusions: number, burial?: number) => simulateArm(arm({
        durationDays: 8 * YEAR, sampleTimes: grid(8 * YEAR, 30), drugs: [ZOLEDRONATE],
        doses: Array.from({ length: infusions }, (_, k) => ({ timeDays: k * YEAR, drug: 'zoledronate', amountMg: 5 })),
        parameters: burial === undefined ? {} : { bisphosphonate_burial_half_life: burial }
    }));
    const oc = (r: ArmResult, day: number) => r.series.osteoclasts[r.time.findIndex(t => t >= day - 1e-9)];

    it('acts while dosing refills the surface and wanes within years of the last dose as new bone buries it', () => {
        const three = zoledronate(3), six = zoledronate(6);
        // During treatment both are suppressed alike; three years after the third infusion resorption has recovered part way.
        expect(Math.abs(oc(three, 2.5 * YEAR) - oc(six, 2.5 * YEAR))).toBeLessThan(1);
        expect(oc(three, 6 * YEAR)).toBeGreaterThan(oc(six, 6 * YEAR) + 5);
        expect(oc(three, 6 * YEAR)).toBeLessThan(100);
    });

    it('wanes more slowly when surface drug is buried more slowly', () => {
        expect(oc(zoledronate(3, 365), 6 * YEAR)).toBeLessThan(oc(zoledronate(3, 60), 6 * YEAR) - 5);
    });
});
