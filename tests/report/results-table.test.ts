import { describe, expect, test } from 'vitest';
import { horizonLabel } from '../../report/results-table.js';

/** The title line of `osteo run`'s table: `S (6 months)` (tests/cli/run-command.test.ts checks one end to end). */
const titleOf = (durationDays: number) => `S (${horizonLabel(durationDays)})`;

describe('the table title names the horizon in the unit it was written in', () => {
    test.each([
        [182.625, 'S (6 months)'],
        [30.4375, 'S (1 month)'],
        [70, 'S (10 weeks)'],
        [45.5, 'S (45.5 days)'],
        [365.25, 'S (1 year)'],
        [3652.5, 'S (10 years)']
    ])('%s days → %s', (days, title) => {
        expect(titleOf(days)).toBe(title);
    });
});
