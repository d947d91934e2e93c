import type { AstNode } from 'langium';
import type { Dimension } from '../../../simulator/index.js';

/** What one quantity-valued property accepts; shared by validation, quick fixes and completion. */
export interface ExpectedQuantity {
    /** Accepted dimensions; the first is the usual one. */
    readonly dimensions: readonly Dimension[];
    /** The unit the intent implies when none is written (quick fix, first completion proposal). */
    readonly unit: string;
    /** A bare number is meaningful: a fraction in [0, 1] or a fold change. */
    readonly bare?: boolean;
    /** How the property is named in messages. */
    readonly label: string;
}

const time = (unit: string, label: string): ExpectedQuantity => ({ dimensions: ['time'], unit, label });
const fraction = (label: string): ExpectedQuantity => ({ dimensions: ['fraction'], unit: '%', bare: true, label });
const fold = (label: string): ExpectedQuantity => ({ dimensions: ['fold'], unit: 'x', bare: true, label });
const dose = (label: string): ExpectedQuantity => ({ dimensions: ['mass', 'massPerWeight', 'massPerArea', 'internationalUnits'], unit: 'mg', label });

/** AST type → property → what it expects (docs/language.md §3, §5). */
export const EXPECTED_QUANTITIES: Readonly<Record<string, Readonly<Record<string, ExpectedQuantity>>>> = {
    Drug: {
        halfLife: time('days', 'half_life'),
        absorptionHalfLife: time('days', 'absorption_half_life'),
        boneHalfLife: time('years', 'bone_half_life'),
        bioavailability: fraction('bioavailability'),
        emax: fraction('emax'),
        boneUptake: fraction('bone_uptake'),
        volume: { dimensions: ['volume'], unit: 'L', label: 'volume' },
        peripheralVolume: { dimensions: ['volume'], unit: 'L', label: 'peripheral_volume' },
        clearance: { dimensions: ['clearance'], unit: 'L/day', label: 'clearance' },
        intercompartmentalClearance: { dimensions: ['clearance'], unit: 'L/day', label: 'intercompartmental_clearance' },
        vmax: { dimensions: ['massRate'], unit: 'mg/day', label: 'vmax' },
        km: { dimensions: ['concentration', 'molarConcentration'], unit: 'mg/L', label: 'km' },
        molarMass: { dimensions: ['molarMass'], unit: 'kDa', label: 'molar_mass' },
        // Bisphosphonates act through the bone-bound amount, so their ic50 is a mass.
        ic50: { dimensions: ['concentration', 'molarConcentration', 'mass'], unit: 'mg/L', label: 'ic50' }
    },
    Regimen: { loading: dose('loading dose') },
    // A regimen's dose may be a rate (`10 mg/day` ≡ `10 mg every 1 day`); dosing-checks.ts rejects a rate with a frequency.
    Dosing: { amount: { ...dose('dose'), dimensions: [...dose('dose').dimensions, 'massRate'] }, interval: time('weeks', 'dosing interval') },
    Taper: {
        high: dose('starting dose'), low: { ...dose('final dose'), bare: true }, step: dose('taper step'),
        over: time('weeks', 'taper duration'), stepInterval: time('weeks', 'taper step interval'),
        doseInterval: time('days', 'dosing interval'), start: time('months', 'taper start')
    },
    Delivery: { targeting: fold('targeting factor'), release: time('days', 'release half-time') },
    Condition: { localExcess: fold('local_excess') },
    FoldEffect: { fold: fold('fold change') },
    DurationSpec: { value: time('years', 'duration') },
    SampleSpec: { value: time('weeks', 'sample spacing') },
    Patient: {
        age: time('years', 'age'),
        menopause: time('years', 'menopause age'),
        weight: { dimensions: ['bodyMass'], unit: 'kg', label: 'weight' },
        height: { dimensions: ['length'], unit: 'cm', label: 'height' }
    },
    ConditionUse: { onset: time('months', 'onset'), resolves: time('months', 'resolution time') },
    Give: { from: time('months', 'start time'), until: time('months', 'stop time') },
    Infuse: {
        rate: { dimensions: ['rate'], unit: 'pM/day', label: 'infusion rate' },
        from: time('days', 'start time'),
        until: time('days', 'stop time')
    }
};

/** What `node[property]` expects, if it is a quantity the language constrains. */
export function expectedQuantity(node: AstNode, property: string): ExpectedQuantity | undefined {
    return EXPECTED_QUANTITIES[node.$type]?.[property];
}
