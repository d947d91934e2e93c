import type { AstNode } from 'langium';
import type { Quantity } from '../generated/ast.js';
import { describeDimension, type Dimension, toCanonical } from '../../../simulator/index.js';
import { CompileError } from './compile-error.js';

/** A quantity converted to the canonical unit of its dimension (units.ts). */
export interface Converted {
    readonly value: number;
    readonly dimension: Dimension;
}

/**
 * Converts `q` (named `what` in messages) to canonical units, accepting any of `dimensions`.
 * A bare number is a fraction in [0, 1] or a fold change where those are accepted, and otherwise
 * a missing unit (docs/language.md §5): the validator reports the same mistakes while typing.
 */
export function convert(q: Quantity | undefined, dimensions: readonly Dimension[], what: string, owner?: AstNode): Converted {
    if (!q) throw new CompileError(`${what} is missing`, owner);
    const value = q.value;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
        throw new CompileError(`${what} is not a finite number`, q);
    }
    const expected = dimensions.map(describeDimension).join(' or ');
    if (q.fold) return accept(value, 'fold', dimensions, what, expected, q);
    if (q.unit === undefined) {
        if (dimensions.includes('fraction')) {
            if (value < 0 || value > 1) throw new CompileError(`${what} ${value} is not a fraction in [0, 1]; write it with % (e.g. ${value} %)`, q);
            return { value, dimension: 'fraction' };
        }
        if (dimensions.includes('fold')) return { value, dimension: 'fold' };
        throw new CompileError(`${what} needs a unit: expected ${expected}`, q);
    }
    const converted = toCanonical(value, q.unit);
    if (!converted) throw new CompileError(`unknown unit '${q.unit}' in ${what}`, q);
    if (!Number.isFinite(converted.value)) throw new CompileError(`${what} is too large to compute with in the model's units`, q);
    return accept(converted.value, converted.dimension, dimensions, what, expected, q, q.unit);
}

function accept(value: number, dimension: Dimension, dimensions: readonly Dimension[], what: string,
    expected: string, q: Quantity, unit = 'x'): Converted {
    if (!dimensions.includes(dimension)) throw new CompileError(`${what} is in '${unit}' but should be ${expected}`, q);
    return { value, dimension };
}

export function days(q: Quantity | undefined, what: string, owner?: AstNode): number {
    return convert(q, ['time'], what, owner).value;
}

/** A value that must be strictly positive (doses, intervals, half-lives, volumes ...). */
export function positive(q: Quantity | undefined, dimensions: readonly Dimension[], what: string, owner?: AstNode): Converted {
    const c = convert(q, dimensions, what, owner);
    if (!(c.value > 0)) throw new CompileError(`${what} must be greater than 0`, q);
    return c;
}

export function nonNegative(q: Quantity | undefined, dimensions: readonly Dimension[], what: string, owner?: AstNode): Converted {
    const c = convert(q, dimensions, what, owner);
    if (c.value < 0) throw new CompileError(`${what} must not be negative`, q);
    return c;
}

/** A fraction in (0, 1]: bioavailability, emax, bone uptake. */
export function fractionOf(q: Quantity, what: string): number {
    const { value } = convert(q, ['fraction'], what);
    if (!(value > 0 && value <= 1)) throw new CompileError(`${what} must be in (0, 100 %]`, q);
    return value;
}

export function foldOf(q: Quantity, what: string): number {
    return nonNegative(q, ['fold'], what).value;
}
