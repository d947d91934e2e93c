/**
 * Hover on the quantity a population `vary` (or `correlate`) line draws per virtual patient: what it is, the typical
 * value the draws centre on (the same value the compiler uses: compile-population.ts), and what follows from a draw.
 */
import type { PopulationVary, VaryName } from '../generated/ast.js';
import { compileDrug } from '../compiler/compile-drug.js';
import { pkFieldUnit, pkFieldValue, type PkField } from '../compiler/compile-population.js';

const PK_MEANING: Readonly<Record<PkField, string>> = {
    clearance: 'clearance: exposure (AUC) is dose ÷ clearance, so a patient with twice the clearance sees half the exposure',
    volume: 'central volume of distribution: sets the peak concentration; with clearance fixed, a larger volume lengthens the half-life',
    half_life: 'elimination half-life: with the volume fixed, a longer half-life means a lower clearance and more exposure',
    ic50: 'potency (IC50): the concentration giving half the maximal effect; a higher IC50 means a weaker response at the same exposure',
    ka: 'absorption rate constant: how fast a subcutaneous or oral dose reaches plasma',
    bioavailability: 'bioavailability: the fraction of an absorbed dose that reaches plasma'
};

const PATIENT_MEANING: Readonly<Record<'weight' | 'age' | 'height', string>> = {
    weight: 'body weight, drawn per virtual patient: mg/kg and mg/m² doses follow each draw; the scenario\'s patient weight (else 70 kg) is the median',
    age: 'age at the start, drawn per virtual patient: a menopause set at an age comes earlier or later in the run; the scenario\'s patient age (else 50 years) is the centre',
    height: 'height, drawn per virtual patient: mg/m² doses follow the body surface area (Mosteller); the scenario\'s patient height (else 170 cm) is the centre'
};

/** Markdown for the drawn quantity of a vary line or a correlate name; undefined when it is a model parameter. */
export function varyQuantityHover(node: PopulationVary | VaryName): string | undefined {
    if (node.patient) {
        const field = node.patient as keyof typeof PATIENT_MEANING;
        return `**${field}** — ${PATIENT_MEANING[field]}.`;
    }
    if (node.drug && node.field) {
        const field = node.field as PkField;
        const drug = node.drug.ref;
        const parts = [`**${node.drug.$refText}.${field}** — ${PK_MEANING[field]}.`];
        if (drug) {
            try {
                const typical = pkFieldValue(compileDrug(drug, 1), field);
                parts.push(typical !== undefined && typical > 0
                    ? `Typical value (the draws' median): ${+typical.toPrecision(3)} ${pkFieldUnit(field) === 'fraction' ? '' : pkFieldUnit(field)}`.trimEnd()
                    : `${drug.name} has no ${field} to vary${field === 'ka' ? ' (it is given intravenously)' : ''}.`);
            } catch {
                // An incomplete drug declaration has its own error; the hover still explains the quantity.
            }
        }
        return parts.join('  \n');
    }
    return undefined;
}
