/** One conversion to canonical units (simulator/units.ts toCanonical): the validator and the compiler agree to the bit. */
import { describe, expect, test } from 'vitest';
import type { Quantity } from '../../language/src/generated/ast.js';
import { convert } from '../../language/src/compiler/quantities.js';
import { measure } from '../../language/src/validation/quantities.js';
import { allUnits } from '../../simulator/index.js';

const quantity = (value: number, unit: string) => ({ $type: 'Quantity', value, unit }) as unknown as Quantity;

describe('unit conversion', () => {
    test('95 % is exactly 0.95 for the validator and for the compiler', () => {
        expect(measure(quantity(95, '%'))).toEqual({ value: 0.95, dimension: 'fraction' });
        expect(convert(quantity(95, '%'), ['fraction'], 'bioavailability')).toEqual({ value: 0.95, dimension: 'fraction' });
    });

    test.each(allUnits().map(u => [u.name, u.dimension] as const))('%s: the validator sees the number the compiler computes with', (unit, dimension) => {
        for (const value of [0.1, 1, 3, 7.5, 95, 250, 1e6]) {
            const q = quantity(value, unit);
            expect(measure(q)).toEqual(convert(q, [dimension], 'x'));
        }
    });
});
