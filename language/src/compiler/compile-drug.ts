import type { Drug } from '../generated/ast.js';
import { QUANTITY_TABLE, type DrugDescription, type MechanismVerb, type QuantitySlot } from '../../../simulator/index.js';
import { effectiveDrug } from '../drug-inheritance.js';
import { CompileError } from './compile-error.js';
import { fractionOf, positive } from './quantities.js';

type Route = DrugDescription['route'];

/**
 * Absorption half-life when a drug does not state one (docs/language.md §3.1 "default by route"):
 * oral small molecules peak within hours, subcutaneous antibodies over days; intra-articular and
 * local deposits leak out within about a day. Intravenous doses are a bolus.
 */
export const DEFAULT_ABSORPTION_HALF_LIFE_DAYS: Record<Route, number | undefined> = {
    oral: 1 / 24,
    subcutaneous: 2,
    intra_articular: 1,
    local: 1,
    intravenous: undefined
};

/** Drug declaration → the description's PK/PD in model units (days, L, mg, mg/L). */
export function compileDrug(declared: Drug, targeting: number): DrugDescription {
    // A drug `from` another reads the properties it does not state from its base.
    const drug = effectiveDrug(declared);
    const what = (field: string) => `${field} of drug ${drug.name}`;
    if (!drug.route) throw new CompileError(`drug ${drug.name} has no route (oral, subcutaneous, intravenous, intra_articular or local)`, drug);
    const route = drug.route as Route;
    if (!drug.volume) throw new CompileError(`drug ${drug.name} has no volume of distribution (e.g. volume 8 L)`, drug);
    if (!drug.halfLife && !drug.clearance && !drug.boneHalfLife) {
        throw new CompileError(`drug ${drug.name} needs a half_life (or a clearance, or a bone_half_life)`, drug);
    }
    // Dimensions and names from the one table of quantities (simulator/quantity-table.ts), which the validator reads too.
    const slot = QUANTITY_TABLE.Drug;
    const opt = (q: typeof drug.halfLife, { dimensions, label }: QuantitySlot) => q ? positive(q, dimensions, what(label)).value : undefined;

    const absorption = route === 'intravenous'
        ? undefined
        : opt(drug.absorptionHalfLife, slot.absorptionHalfLife) ?? DEFAULT_ABSORPTION_HALF_LIFE_DAYS[route];
    // A molar concentration (pM, nM) in mg/L through the drug's molar mass: c pM × M kDa = c × M × 1e-6 mg/L.
    const massConcentration = (q: typeof drug.ic50 & object, { dimensions, label }: QuantitySlot) => {
        const c = positive(q, dimensions, what(label));
        if (c.dimension !== 'molarConcentration') return c;
        if (!drug.molarMass) throw new CompileError(`${what(label)} is molar (${q.unit}): give the drug's molar_mass to convert it to mg/L`, q);
        return { value: c.value * positive(drug.molarMass, slot.molarMass.dimensions, what(slot.molarMass.label)).value * 1e-6, dimension: 'concentration' as const };
    };
    const ic50 = drug.ic50 ? massConcentration(drug.ic50, slot.ic50) : undefined;

    const description: DrugDescription = {
        name: drug.name,
        drugClass: drug.drugClass ?? 'unclassified',
        route,
        mechanisms: drug.mechanisms.map(m => {
            if (m.verb === 'suppresses') return { verb: 'suppresses' as MechanismVerb, target: 'inflammation' };
            const target = m.target?.ref?.name;
            if (!target) throw new CompileError(`mechanism '${m.verb} ${m.target?.$refText ?? ''}' of drug ${drug.name} names no known target`, m);
            return { verb: m.verb as MechanismVerb, target };
        }),
        pk: {
            halfLifeDays: opt(drug.halfLife, slot.halfLife),
            absorptionHalfLifeDays: absorption,
            // docs/language.md §3.1: 100 % unless stated (intravenous doses are complete by definition).
            bioavailability: route === 'intravenous' || !drug.bioavailability ? 1 : fractionOf(drug.bioavailability, what(slot.bioavailability.label)),
            volumeL: positive(drug.volume, slot.volume.dimensions, what(slot.volume.label)).value,
            peripheralVolumeL: opt(drug.peripheralVolume, slot.peripheralVolume),
            intercompartmentalClearanceLPerDay: opt(drug.intercompartmentalClearance, slot.intercompartmentalClearance),
            clearanceLPerDay: opt(drug.clearance, slot.clearance),
            vmaxMgPerDay: opt(drug.vmax, slot.vmax),
            kmMgPerL: drug.km ? massConcentration(drug.km, slot.km).value : undefined,
            molarMassKDa: opt(drug.molarMass, slot.molarMass),
            boneHalfLifeDays: opt(drug.boneHalfLife, slot.boneHalfLife),
            boneUptake: drug.boneUptake ? fractionOf(drug.boneUptake, what(slot.boneUptake.label)) : undefined
        },
        pd: {
            ic50: ic50?.value,
            ic50Basis: ic50 ? (ic50.dimension === 'mass' ? 'bone-bound amount' : 'concentration') : undefined,
            emax: drug.emax ? fractionOf(drug.emax, what(slot.emax.label)) : 1
        },
        targeting
    };
    checkDrugConsistency(drug, description);
    return description;
}

/** Checks the pieces the model needs together: a peripheral compartment needs both its volume and its flow. */
function checkDrugConsistency(drug: Drug, d: DrugDescription): void {
    const pk = d.pk;
    if ((pk.peripheralVolumeL === undefined) !== (pk.intercompartmentalClearanceLPerDay === undefined)) {
        throw new CompileError(`drug ${drug.name}: peripheral_volume and intercompartmental_clearance go together`, drug);
    }
    if ((pk.vmaxMgPerDay === undefined) !== (pk.kmMgPerL === undefined)) {
        throw new CompileError(`drug ${drug.name}: vmax and km go together (Michaelis–Menten clearance)`, drug);
    }
    if (pk.boneHalfLifeDays !== undefined && d.pd.ic50Basis === 'concentration' && d.mechanisms.some(m => m.verb === 'kills')) {
        // Bisphosphonate potency acts through the bone-bound amount (docs/model.md).
        throw new CompileError(`drug ${drug.name}: with bone_half_life, ic50 is a bone-bound amount in mg (e.g. ic50 1 mg)`, drug.ic50 ?? drug);
    }
}
