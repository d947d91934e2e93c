import type { AstNode, ValidationAcceptor } from 'langium';
import { isQuantity, type Quantity, type Scenario, type SampleSpec } from '../generated/ast.js';
import { CANONICAL_UNIT, DAYS_PER_YEAR, type Dimension, lookupUnit } from '../../../simulator/index.js';
import { EXPECTED_QUANTITIES } from './expected-dimensions.js';
import { issue, IssueCodes } from './issue-codes.js';
import { days, formatDays, quantityText, valueAs } from './quantities.js';
import { scenarioDuration } from './scenario-facts.js';

/** Allowed interval of a property, in the canonical unit of its dimension. */
interface Range {
    readonly dimension: Dimension;
    readonly min: number;
    /** The minimum itself is not allowed (`> 0`). */
    readonly minOpen?: boolean;
    readonly max?: number;
    /** What the message says the value must be. */
    readonly text: string;
    /** Warn (not error) above this value: allowed but implausible. */
    readonly warnAbove?: { readonly value: number, readonly text: string };
}

const positive = (dimension: Dimension): Range => ({ dimension, min: 0, minOpen: true, text: 'greater than 0' });
const nonNegative = (dimension: Dimension): Range => ({ dimension, min: 0, text: 'at least 0' });
const percent: Range = { dimension: 'fraction', min: 0, minOpen: true, max: 1, text: 'in (0, 100 %]' };
const time = positive('time');
const instant = nonNegative('time');
const fold: Range = {
    dimension: 'fold', min: 0, text: 'at least 0 (x 1 is the healthy baseline)',
    warnAbove: { value: 50, text: 'above x 50 is far beyond measured inflammatory changes (RA raises IL-6 about x 6)' }
};

/** Language spec §6 ranges, keyed like EXPECTED_QUANTITIES. */
const RANGES: Readonly<Record<string, Readonly<Record<string, Range>>>> = {
    Drug: {
        halfLife: time, absorptionHalfLife: time, boneHalfLife: time,
        bioavailability: percent, emax: percent, boneUptake: percent,
        volume: positive('volume'), peripheralVolume: positive('volume'),
        clearance: positive('clearance'), intercompartmentalClearance: positive('clearance'),
        vmax: positive('massRate'), molarMass: positive('molarMass')
    },
    Regimen: { loading: positive('mass') },
    Dosing: { amount: positive('mass'), interval: time },
    Delivery: { targeting: { dimension: 'fold', min: 0, minOpen: true, text: 'greater than 0 (it divides systemic exposure)' }, release: time },
    Condition: { localExcess: fold },
    FoldEffect: { fold },
    DurationSpec: { value: { dimension: 'time', min: 0, minOpen: true, max: 100 * DAYS_PER_YEAR, text: 'greater than 0 and at most 100 years' } },
    SampleSpec: { value: time },
    Patient: {
        age: { dimension: 'time', min: 0, max: 120 * DAYS_PER_YEAR, text: 'between 0 and 120 years' },
        menopause: { dimension: 'time', min: 0, max: 120 * DAYS_PER_YEAR, text: 'between 0 and 120 years of age' },
        weight: { dimension: 'bodyMass', min: 0, minOpen: true, max: 500, text: 'greater than 0 and at most 500 kg' }
    },
    ConditionUse: { onset: instant, resolves: instant },
    Give: { from: instant, until: instant },
    Infuse: { rate: nonNegative('rate'), from: instant, until: instant }
};

// Doses per body weight are positive too; the mass range stands for both.
const ALSO: Partial<Record<Dimension, Dimension[]>> = { mass: ['massPerWeight'] };

/** Numbers outside what the model can use (docs/language.md §6 "Ranges"). */
export function checkQuantityRanges(node: AstNode, accept: ValidationAcceptor): void {
    const table = RANGES[node.$type];
    if (!table) return;
    for (const [property, range] of Object.entries(table)) {
        const q = (node as unknown as Record<string, unknown>)[property];
        if (!isQuantity(q)) continue;
        const value = [range.dimension, ...(ALSO[range.dimension] ?? [])].map(d => valueAs(q, d)).find(v => v !== undefined);
        if (value === undefined) continue; // unit checks report it
        const label = EXPECTED_QUANTITIES[node.$type]?.[property]?.label ?? property;
        const tooLow = range.minOpen ? value <= range.min : value < range.min;
        const tooHigh = range.max !== undefined && value > range.max;
        if (tooLow || tooHigh) {
            accept('error', `The ${label} must be ${range.text}; ${quantityText(q)} is not.${value < 0 ? ' Negative values are not allowed here.' : ''}`,
                { node: q, ...issue(IssueCodes.OutOfRange) });
        } else if (range.warnAbove && value > range.warnAbove.value) {
            accept('warning', `The ${label} ${quantityText(q)} is unusually large: ${range.warnAbove.text}. Check the value.`,
                { node: q, ...issue(IssueCodes.LargeFold) });
        }
    }
}

/** `1e999` reads as Infinity: say so rather than computing with it. */
export function checkFinite(q: Quantity, accept: ValidationAcceptor): void {
    if (typeof q.value === 'number' && !Number.isFinite(q.value)) {
        accept('error', `${q.$cstNode?.text ?? 'This number'} is too large to compute with. Use a number below 1e308.`, { node: q, ...issue(IssueCodes.OutOfRange) });
        return;
    }
    // 1e308 years is finite but overflows once the model converts it to days.
    const unit = typeof q.value === 'number' && q.unit ? lookupUnit(q.unit) : undefined;
    if (unit && !Number.isFinite(q.value * unit.factor)) {
        accept('error', `${q.$cstNode?.text ?? 'This quantity'} is too large to compute with: it overflows in ${CANONICAL_UNIT[unit.dimension]}. Use a smaller number.`, { node: q, ...issue(IssueCodes.OutOfRange) });
    }
}

/** ic50 and km only need to be positive, whatever their accepted dimension. */
export function checkPositiveAnyUnit(node: AstNode, accept: ValidationAcceptor): void {
    for (const property of ['ic50', 'km']) {
        const q = (node as unknown as Record<string, unknown>)[property];
        if (isQuantity(q) && typeof q.value === 'number' && q.value <= 0) {
            accept('error', `The ${property} must be greater than 0; ${quantityText(q)} is not.`, { node: q, ...issue(IssueCodes.OutOfRange) });
        }
    }
}

/** `sample every` cannot be coarser than the whole simulated horizon. */
export function checkSample(sample: SampleSpec, accept: ValidationAcceptor): void {
    const spacing = days(sample.value);
    const horizon = scenarioDuration(sample.$container as Scenario);
    if (spacing !== undefined && horizon !== undefined && spacing > 0 && spacing > horizon) {
        accept('error', `Sample spacing ${quantityText(sample.value)} is longer than the duration (${formatDays(horizon)}): the run would have no output between its ends. Use a spacing of at most the duration.`,
            { node: sample, property: 'value', ...issue(IssueCodes.SampleTooCoarse) });
    }
}
