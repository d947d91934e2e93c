/** The two-part BMD layer (docs/model.md §1.3): slow indirect response plus a remodelling space that follows resorption. */
import { describe, expect, it } from 'vitest';
import { simulateArm } from '../../simulator/simulate.js';
import { describe as arm, grid } from './model-fixtures.js';

const HALF_LIFE = 90;
const W = 0.02;
/** OPG infusion suppressing resorption for a year, then two years off. */
const opgYear = (space: number) => simulateArm(arm({
    durationDays: 3 * 365, sampleTimes: grid(3 * 365),
    infusions: [{ mediator: 'OPG', ratePMPerDay: 2e5, fromDays: 0, untilDays: 365 }],
    parameters: { bmd_space_total_hip: space, bmd_space_half_life: HALF_LIFE }
}));

describe('remodelling space of the BMD layer', () => {
    const withSpace = opgYear(W);
    const without = opgYear(0);
    const hip = (r: ReturnType<typeof opgYear>, day: number) => r.series['bmd.total_hip'][day];

    it('adds the refilled remodelling space to the slow response: dR/dt = k·(−w·(OCa/OCa0 − 1) − R)', () => {
        // Integrate the space from the simulated osteoclasts (daily samples), independently of the model.
        const k = Math.LN2 / HALF_LIFE;
        const oc = withSpace.series.osteoclasts.map(x => x / 100);
        let space = 0;
        const expected: number[] = [0];
        for (let d = 1; d < oc.length; d++) {
            const target = (day: number) => -W * (oc[day] - 1);
            const decay = Math.exp(-k);
            // Exact for a target linear within the day.
            space = space * decay + target(d - 1) * ((1 - decay) / k - decay) + target(d) * (1 - (1 - decay) / k);
            expected.push(space * 100);
        }
        for (const day of [30, 90, 180, 365, 400, 3 * 365]) {
            expect(hip(withSpace, day) - hip(without, day), `day ${day}`).toBeCloseTo(expected[day], 2);
        }
    });

    // The space refills on its own clock (half-life 90 days): most of its extra gain is there within two half-lives.
    it('makes the extra gain of suppressed resorption within months', () => {
        const extra = (day: number) => hip(withSpace, day) - hip(without, day);
        expect(extra(360)).toBeGreaterThan(0.5 * W * 100);
        expect(extra(180) / extra(360)).toBeGreaterThan(0.7);
    });

    it('gives back the space once resorption is normal again: no lasting gain from the fast part', () => {
        const end = 3 * 365;
        expect(withSpace.series.osteoclasts[end]).toBeCloseTo(100, 0);
        expect(Math.abs(hip(withSpace, end) - hip(without, end))).toBeLessThan(0.01 * W * 100);
    });
});
