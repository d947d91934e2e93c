/**
 * The one table of the language's quantities (issue 10; docs/language.md §5, §6): for every quantity-valued
 * property of an .osteo declaration, the dimensions it accepts, the unit it implies when none is written,
 * whether a bare number means something, how messages name it, and the range the model can use. The
 * validator's unit and range checks, completion, hover and the compiler all read it, so what the editor accepts
 * is what `osteo run` compiles (tests/language/quantity-table-agrees.test.ts tries every slot with a unit of
 * every dimension). Keys are the AST's type and property names — plain strings, so this leaf of the engine stays
 * free of Langium; language/src/validation/expected-dimensions.ts checks them against the generated AST types.
 * Values are never converted here: units.ts alone says what a unit means.
 */
import { DAYS_PER_YEAR, type Dimension } from './units.js';

/** Allowed interval, in the canonical unit (units.ts CANONICAL_UNIT) of whichever accepted dimension the value has. */
export interface QuantityRange {
    readonly min: number;
    /** The minimum itself is not allowed (`> 0`). */
    readonly minOpen?: boolean;
    readonly max?: number;
    /** What the message says the value must be. */
    readonly text: string;
    /** Warn (not error) above this value: allowed but implausible. */
    readonly warnAbove?: { readonly value: number; readonly text: string };
}

/** What one quantity-valued property accepts. */
export interface QuantitySlot {
    /** Accepted dimensions; the first is the usual one. */
    readonly dimensions: readonly Dimension[];
    /** The unit the intent implies when none is written (quick fix, first completion proposal). */
    readonly unit: string;
    /** A bare number is meaningful: a fraction in [0, 1], a fold change, or (in any other slot) 0 alone. */
    readonly bare?: boolean;
    /** How the property is named in messages. */
    readonly label: string;
    /** Values the model can use; none when any value of an accepted dimension is allowed. */
    readonly range?: QuantityRange;
}

/** A dose: a mass, per body weight, per body surface area, or in international units (through the drug's iu_per_mg). */
export const DOSE_DIMENSIONS: readonly Dimension[] = ['mass', 'massPerWeight', 'massPerArea', 'internationalUnits'];

const positive: QuantityRange = { min: 0, minOpen: true, text: 'greater than 0' };
const nonNegative: QuantityRange = { min: 0, text: 'at least 0' };
const percent: QuantityRange = { min: 0, minOpen: true, max: 1, text: 'in (0, 100 %]' };
const foldRange: QuantityRange = {
    min: 0, text: 'at least 0 (x 1 is the healthy baseline)',
    warnAbove: { value: 50, text: 'above x 50 is far beyond measured inflammatory changes (RA raises IL-6 about x 6)' }
};
const lifetime = (text: string): QuantityRange => ({ min: 0, max: 120 * DAYS_PER_YEAR, text });

/** A span of time (half-lives, intervals, durations): greater than 0. */
const span = (unit: string, label: string, range: QuantityRange = positive): QuantitySlot => ({ dimensions: ['time'], unit, label, range });
/** A point in time from the start of the scenario: at least 0. */
const instant = (unit: string, label: string): QuantitySlot => ({ dimensions: ['time'], unit, label, range: nonNegative });
const fraction = (label: string): QuantitySlot => ({ dimensions: ['fraction'], unit: '%', bare: true, label, range: percent });
const fold = (label: string, range?: QuantityRange): QuantitySlot => ({ dimensions: ['fold'], unit: 'x', bare: true, label, range });
const dose = (label: string, range?: QuantityRange): QuantitySlot => ({ dimensions: DOSE_DIMENSIONS, unit: 'mg', label, range });
const one = (dimension: Dimension, unit: string, label: string, range?: QuantityRange): QuantitySlot => ({ dimensions: [dimension], unit, label, range });

/** AST type → property → what it accepts. */
export const QUANTITY_TABLE = {
    Drug: {
        halfLife: span('days', 'half_life'),
        absorptionHalfLife: span('days', 'absorption_half_life'),
        boneHalfLife: span('years', 'bone_half_life'),
        bioavailability: fraction('bioavailability'),
        emax: fraction('emax'),
        boneUptake: fraction('bone_uptake'),
        volume: one('volume', 'L', 'volume', positive),
        peripheralVolume: one('volume', 'L', 'peripheral_volume', positive),
        clearance: one('clearance', 'L/day', 'clearance', positive),
        intercompartmentalClearance: one('clearance', 'L/day', 'intercompartmental_clearance', positive),
        vmax: one('massRate', 'mg/day', 'vmax', positive),
        // A molar km or ic50 converts through the drug's molar_mass (compile-drug.ts).
        km: { dimensions: ['concentration', 'molarConcentration'], unit: 'mg/L', label: 'km', range: positive },
        molarMass: one('molarMass', 'kDa', 'molar_mass', positive),
        // Bisphosphonates act through the bone-bound amount, so their ic50 is a mass.
        ic50: { dimensions: ['concentration', 'molarConcentration', 'mass'], unit: 'mg/L', label: 'ic50', range: positive }
    },
    Regimen: { loading: dose('loading dose', positive) },
    // A regimen's dose may be a rate (`10 mg/day` ≡ `10 mg every 1 day`); dosing-checks.ts rejects a rate with a frequency.
    Dosing: { amount: { ...dose('dose', positive), dimensions: [...DOSE_DIMENSIONS, 'massRate'] }, interval: span('weeks', 'dosing interval') },
    // A taper may end at a bare 0 (`to 0`): the only bare number a dose takes.
    Taper: {
        high: dose('starting dose', positive), low: { ...dose('final dose', nonNegative), bare: true }, step: dose('taper step', positive),
        over: span('weeks', 'taper duration'), stepInterval: span('weeks', 'taper step interval'),
        doseInterval: span('days', 'dosing interval'), start: instant('months', 'taper start')
    },
    Delivery: {
        targeting: fold('targeting factor', { min: 0, minOpen: true, text: 'greater than 0 (it divides systemic exposure)' }),
        release: span('days', 'release half-time')
    },
    Condition: { localExcess: fold('local_excess', foldRange) },
    FoldEffect: { fold: fold('fold change', foldRange) },
    DurationSpec: { value: span('years', 'duration', { min: 0, minOpen: true, max: 100 * DAYS_PER_YEAR, text: 'greater than 0 and at most 100 years' }) },
    SampleSpec: { value: span('weeks', 'sample spacing') },
    Patient: {
        age: { ...instant('years', 'age'), range: lifetime('between 0 and 120 years') },
        // Menopause at age 0 is no menopause: the compiler needs a positive age.
        menopause: { ...instant('years', 'menopause age'), range: { ...lifetime('greater than 0 and at most 120 years of age'), minOpen: true } },
        weight: one('bodyMass', 'kg', 'weight', { min: 0, minOpen: true, max: 500, text: 'greater than 0 and at most 500 kg' }),
        height: one('length', 'cm', 'height', positive)
    },
    ConditionUse: { onset: instant('months', 'onset'), resolves: instant('months', 'resolution time') },
    Give: { from: instant('months', 'start time'), until: instant('months', 'stop time') },
    // A list (`report at 6 months, 2 years`): report-checks.ts checks each time against this slot.
    Report: { times: instant('months', 'summary time') },
    Infuse: { rate: one('rate', 'pM/day', 'infusion rate', nonNegative), from: instant('days', 'start time'), until: instant('days', 'stop time') }
} as const satisfies Readonly<Record<string, Readonly<Record<string, QuantitySlot>>>>;

/** What `owner.property` accepts, if it is a quantity the language constrains. */
export function quantitySlot(owner: string, property: string): QuantitySlot | undefined {
    return (QUANTITY_TABLE as Readonly<Record<string, Readonly<Record<string, QuantitySlot>>>>)[owner]?.[property];
}
